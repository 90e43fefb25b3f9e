"""效能投诉 end to end: the public files one (choosing the agency without JavaScript), supervisors of the
agency's region handle it at their desk, and the complainant looks up the finding and outcome."""

import pytest
from django.urls import reverse

from zhengwu.orgs.models import Role
from zhengwu.services.tests import conftest as services_conftest
from zhengwu.supervision.models import ComplaintEvent, EfficiencyComplaint
from zhengwu.testing.codes import issued_code, solved

pytestmark = pytest.mark.django_db
hall = services_conftest.hall  # the fixture


def filing(agency, **extra):
    return {"agency": agency.pk, "case_number": "BJ2026-00001-00001", "name": "王小明", "phone": "13912345678",
            "content": "十一月二日在窗口递交食品经营许可申请，至今超过期限仍未受理，也无人说明原因。", **extra}


def test_choose_the_agency_without_javascript(client, hall):
    start = client.get(reverse("supervision-complaint-file")).content.decode()
    assert "湖南省人民政府" in start and f"?region={hall.changsha.pk}" in start
    county = client.get(reverse("supervision-complaint-file"), {"region": hall.changshaxian.pk}).content.decode()
    assert f"?agency={hall.scj.pk}" in county and "长沙市人民政府" in county  # the trail back up
    found = client.get(reverse("supervision-complaint-file"), {"q": "市场监督"}).content.decode()
    assert "长沙县市场监督管理局" in found and "（长沙县人民政府）" in found and f"?agency={hall.scj.pk}" in found
    assert "没有找到" in client.get(reverse("supervision-complaint-file"), {"q": "不存在的单位"}).content.decode()
    form = client.get(reverse("supervision-complaint-file"), {"agency": hall.scj.pk}).content.decode()
    assert "长沙县市场监督管理局" in form and 'name="content"' in form and "csrfmiddlewaretoken" in form


def test_file_handle_close_and_look_up(client, hall):
    inspector = hall.user("csx_inspector", hall.changshaxian, Role.INSPECTOR)
    outsider = hall.user("czt_inspector", hall.czt, Role.INSPECTOR)

    response = client.post(reverse("supervision-complaint-file"), filing(hall.scj))
    assert response.status_code == 302
    receipt = client.get(response.url).content.decode()
    complaint = EfficiencyComplaint.objects.get()
    code = issued_code(receipt)
    assert complaint.number in receipt and code not in complaint.tracking_digest  # kept only as its digest
    assert complaint.agency == hall.scj and complaint.name == "王小明" and complaint.phone == "13912345678"
    assert complaint.supervisor == hall.changshaxian  # the county handles complaints about its departments
    assert complaint.case_number == "BJ2026-00001-00001"

    client.force_login(outsider)
    assert complaint.number not in client.get(reverse("supervision_complaints")).content.decode()
    assert client.get(reverse("supervision_complaint", args=[complaint.pk])).status_code == 404
    assert client.post(reverse("supervision_complaint_close", args=[complaint.pk]),
                       {"finding": "substantiated", "outcome": "x"}).status_code == 404

    client.force_login(inspector)
    desk = client.get(reverse("supervision_complaints")).content.decode()
    assert complaint.number in desk and "王**" in desk and f"{complaint.clock.due_on:%Y-%m-%d}" in desk
    page = client.get(reverse("supervision_complaint", args=[complaint.pk])).content.decode()
    assert "王**" in page and "王小明" not in page and "139****5678" in page and "13912345678" not in page
    assert "超过期限仍未受理" in page and "个工作日" in page  # the clock explains itself
    note = client.post(reverse("supervision_complaint_note", args=[complaint.pk]), {"text": "已电话联系窗口负责人。"})
    assert note.status_code == 302
    blank = client.post(reverse("supervision_complaint_close", args=[complaint.pk]), {"finding": "", "outcome": ""})
    assert blank.status_code == 400 and "请选择核查结论" in blank.content.decode()
    closed = client.post(reverse("supervision_complaint_close", args=[complaint.pk]),
                         {"finding": "substantiated", "outcome": "已责令该局当日受理，并对窗口负责人诫勉谈话。"})
    assert closed.status_code == 302
    complaint.refresh_from_db()
    assert complaint.state == "closed" and complaint.handled_by == inspector
    twice = client.post(reverse("supervision_complaint_close", args=[complaint.pk]),
                        {"finding": "partly", "outcome": "再次办结"})
    assert twice.status_code == 400 and "该投诉已办结" in twice.content.decode()  # the ActionRefused message
    assert ComplaintEvent.objects.filter(complaint=complaint, kind="note", public=False).exists()

    client.logout()
    lookup = client.post(reverse("supervision-complaint-lookup"),
                         {"number": complaint.number, "code": code.lower()})
    html = lookup.content.decode()
    assert lookup.status_code == 200 and "已办结" in html and "投诉成立" in html and "诫勉谈话" in html
    assert "已电话联系" not in html  # internal notes stay internal
    wrong = client.post(reverse("supervision-complaint-lookup"), {"number": complaint.number, "code": "WRONG234"})
    unknown = client.post(reverse("supervision-complaint-lookup"), {"number": "XNTS2026-99999-00001",
                                                                    "code": code})
    for response in (wrong, unknown):
        text = response.content.decode()
        assert "投诉编号或查询码不正确" in text and "诫勉谈话" not in text and "投诉成立" not in text


def test_a_bad_filing_keeps_what_was_typed(client, hall):
    response = client.post(reverse("supervision-complaint-file"), filing(hall.scj, phone="12345"))
    html = response.content.decode()
    assert response.status_code == 400 and not EfficiencyComplaint.objects.exists()
    assert "请填写有效的手机号码" in html and "至今超过期限仍未受理" in html and "王小明" in html
    mobile = client.post(reverse("supervision-complaint-file"), filing(hall.scj, phone="12912345678"))
    assert "手机号码格式不正确" in mobile.content.decode()
    no_agency = client.post(reverse("supervision-complaint-file"), {**filing(hall.scj), "agency": ""})
    assert no_agency.status_code == 400 and "请先选择被投诉单位" in no_agency.content.decode()


def test_lookups_are_rate_limited(client, hall, settings):
    settings.LOOKUP_FAILURES_PER_HOUR, settings.LOOKUP_FAILURES_HARD_LIMIT_PER_HOUR = 1, 2
    guess = {"number": "XNTS2026-00001-00001", "code": "AAAAAAAA"}
    first = client.post(reverse("supervision-complaint-lookup"), guess)
    assert first.status_code == 400 and "投诉编号或查询码不正确" in first.content.decode()
    assert "请计算" in first.content.decode()  # the failure brings the question on
    second = client.post(reverse("supervision-complaint-lookup"), guess)
    assert second.status_code == 400 and "请回答验证问题" in second.content.decode()
    third = client.post(reverse("supervision-complaint-lookup"), {**guess, **solved(second.content.decode())})
    assert third.status_code == 429 and "查询失败次数过多" in third.content.decode()


def test_a_complaint_against_a_government_goes_to_the_government_above(hall):
    from zhengwu.supervision.actions import file_complaint, may_handle

    complaint = file_complaint(agency=hall.changshaxian, name="王小明", phone="13912345678", content="窗口无人")
    assert complaint.supervisor == hall.changsha
    county_inspector = hall.user("csx_inspector", hall.changshaxian, "inspector")
    assert not may_handle(county_inspector, complaint)  # nobody judges their own government
    assert may_handle(hall.user("cs_inspector", hall.changsha, "inspector"), complaint)
