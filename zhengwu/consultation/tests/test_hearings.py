"""Hearings: registration while open (rate-limited), selection within the seats, the announced list with names
masked, and the record and result once approved."""

import datetime

import pytest
from django.test import override_settings

from zhengwu.consultation import actions
from zhengwu.consultation.models import Registration, Selection
from zhengwu.consultation.tests.conftest import published_hearing, shift_hearing
from zhengwu.notifications.models import Notification

pytestmark = pytest.mark.django_db

PEOPLE = [("王小明", "13811112222", "affected"), ("李红", "13833334444", "public"), ("陈刚", "0731-84001234", "expert")]


def register(hearing, name, contact, interest, statement="建议分档调整收费标准。"):
    return actions.register(hearing, name=name, contact=contact, interest=interest, position="conditional",
                            statement=statement)


def post(client, hearing, **data):
    values = {"name": "周杰", "contact": "13955556666", "interest": "public", "position": "support",
              "statement": "支持调整。", **data}
    return client.post(f"/yjzj/hearings/{hearing.pk}/", values)


def test_registration_selection_and_the_public_list(client, desk):
    hearing = published_hearing(desk)
    html = client.get(f"/yjzj/hearings/{hearing.pk}/").content.decode()
    assert "报名参加" in html and 'name="statement"' in html and "报名中" in html
    response = post(client, hearing)
    assert response.status_code == 302
    assert "报名已提交" in client.get(response["Location"]).content.decode()
    people = [register(hearing, *person) for person in PEOPLE]
    with pytest.raises(actions.ActionRefused, match="报名截止.*后才能遴选"):
        actions.select_participant(people[0], actor=desk.editor, selected=True)
    hearing = shift_hearing(hearing)
    assert "报名已于" in client.get(f"/yjzj/hearings/{hearing.pk}/").content.decode()
    assert post(client, hearing).status_code == 400
    actions.select_participant(people[0], actor=desk.editor, selected=True)
    actions.select_participant(people[1], actor=desk.editor, selected=True)
    with pytest.raises(actions.ActionRefused, match="达到拟遴选人数 2 人"):
        actions.select_participant(people[2], actor=desk.editor, selected=True)
    with pytest.raises(actions.ActionRefused, match="写明理由"):
        actions.select_participant(people[2], actor=desk.editor, selected=False)
    actions.select_participant(people[2], actor=desk.editor, selected=False, reason="名额已满")
    with pytest.raises(actions.ActionRefused, match="还有 1 个报名未作遴选"):
        actions.announce_participants(hearing, actor=desk.chief)
    walk_in = Registration.objects.order_by("pk").first()  # the one filed through the page
    actions.select_participant(walk_in, actor=desk.editor, selected=False, reason="名额已满")
    html = client.get(f"/yjzj/hearings/{hearing.pk}/").content.decode()
    assert "听证参加人名单" not in html  # not before the announcement
    with pytest.raises(actions.ActionForbidden):
        actions.announce_participants(hearing, actor=desk.editor)
    actions.announce_participants(hearing, actor=desk.chief)
    html = client.get(f"/yjzj/hearings/{hearing.pk}/").content.decode()
    assert "听证参加人名单" in html and "王**" in html and "李*" in html
    assert "王小明" not in html and "陈*" not in html and "13811112222" not in html
    # the registrants with a mobile number are told the result; a landline cannot take a message
    assert Notification.objects.filter(channel="sms", subject="听证会遴选结果").count() == 3
    with pytest.raises(actions.ActionRefused, match="已经公布"):
        actions.select_participant(people[2], actor=desk.editor, selected=True)
    api = client.get(f"/api/v1/hearings/{hearing.pk}").json()
    assert [p["name"] for p in api["participants"]] == ["王**", "李*"]
    assert "13811112222" not in str(api) and "王小明" not in str(api)


def test_record_and_result_published_after_approval(client, desk):
    hearing = shift_hearing(published_hearing(desk), held_ago=datetime.timedelta(days=1))
    with pytest.raises(actions.ActionRefused, match="请填写"):
        actions.save_report(hearing, actor=desk.editor, record_text="", result="")
    report = actions.save_report(hearing, actor=desk.editor, record_text="到会参加人 2 人，陈述人电话 13811112222。",
                                 result="采纳分档调整的意见。")
    actions.submit_report(report, actor=desk.editor)
    assert "听证笔录摘要" not in client.get(f"/yjzj/hearings/{hearing.pk}/").content.decode()
    actions.approve_report(report, actor=desk.chief)
    html = client.get(f"/yjzj/hearings/{hearing.pk}/").content.decode()
    assert "听证笔录摘要" in html and "138****2222" in html and "采纳分档调整的意见" in html
    assert hearing.events.filter(kind="report_published").exists()


@override_settings(HEARING_REGISTRATIONS_SOFT_LIMIT=1, HEARING_REGISTRATIONS_HARD_LIMIT=2)
def test_registrations_are_throttled(client, desk):
    hearing = published_hearing(desk)
    assert post(client, hearing).status_code == 302
    asked = post(client, hearing)
    assert asked.status_code == 400 and "为防止恶意提交" in asked.content.decode()
    api = client.post(f"/api/v1/hearings/{hearing.pk}/registrations", {
        "name": "周杰", "contact": "13955556666", "interest": "public", "position": "support", "statement": "支持。"},
        content_type="application/json")
    assert api.status_code == 429 and "captcha" not in api.json()  # past the hard limit: refused outright
    assert api["Retry-After"] and Registration.objects.count() == 1


def test_selection_is_recorded_with_who_decided(desk):
    hearing = published_hearing(desk)
    person = register(hearing, *PEOPLE[0])
    shift_hearing(hearing)
    person = actions.select_participant(person, actor=desk.editor, selected=True)
    assert person.selection == Selection.SELECTED and person.decided_by == desk.editor
    assert hearing.events.filter(kind="selected", registration=person).exists()
