"""Letters in the admin: who sees which letter (the office and the answering agency, nobody else), the steps
on the letter page through the actions, four eyes on the reply, the writer's contact revealed only with a
reason, and the mailbox settings per agency."""

import pytest
from django.urls import reverse

from zhengwu.interaction import actions
from zhengwu.interaction.models import Letter, LetterState, Mailbox
from zhengwu.interaction.tests.conftest import WRITER
from zhengwu.orgs.models import Role
from zhengwu.privacy.models import PersonalDataAccess

pytestmark = pytest.mark.django_db


def page(client, user, url, data=None):
    client.force_login(user)
    return client.post(url, data) if data is not None else client.get(url)


def inspect(letter):
    return reverse("interaction_letters:inspect", args=[letter.pk])


def act(letter, step):
    return reverse("interaction_letters:act", args=[letter.pk, step])


def test_the_office_and_the_answering_agency_see_the_letter_and_others_do_not(client, mailbox):
    letter = actions.write_letter(mailbox.box, dict(WRITER))
    listing = page(client, mailbox.office, reverse("interaction_letters:index")).content.decode()
    assert letter.number in listing
    assert page(client, mailbox.czt_handler, inspect(letter)).status_code == 404  # not yet forwarded to 财政厅
    actions.assign(letter, mailbox.office, mailbox.czt)
    answering = page(client, mailbox.czt_handler, inspect(letter))
    assert answering.status_code == 200 and "139****0001" in answering.content.decode()
    assert "13900000001" not in answering.content.decode()
    assert page(client, mailbox.changsha_handler, inspect(letter)).status_code == 404
    assert letter.number not in page(client, mailbox.changsha_handler,
                                     reverse("interaction_letters:index")).content.decode()


def test_forwarding_drafting_and_approving_through_the_letter_page(client, mailbox):
    letter = actions.write_letter(mailbox.box, dict(WRITER))
    office_page = page(client, mailbox.office, inspect(letter)).content.decode()
    assert "交办" in office_page and "转信访渠道" in office_page
    done = page(client, mailbox.office, act(letter, "assign"), {"assign-agency": mailbox.czt.pk, "assign-note": "请答复"})
    assert done.status_code == 302 and Letter.objects.get().agency == mailbox.czt
    page(client, mailbox.czt_handler, act(letter, "draft"), {"draft-text": "请携带身份证补办。"})
    own = page(client, mailbox.czt_handler, act(letter, "approve"), {"approve-publish": "on"})
    assert own.status_code == 403 and "拟稿人以外" in own.content.decode()
    assert Letter.objects.get().state == LetterState.REVIEWING
    approved = page(client, mailbox.czt_reviewer, act(letter, "approve"), {"approve-publish": "on"})
    assert approved.status_code == 302
    letter.refresh_from_db()
    assert letter.state == LetterState.REPLIED and letter.published and letter.reply == "请携带身份证补办。"


def test_a_step_of_the_office_is_refused_to_the_answering_agency(client, mailbox):
    letter = actions.write_letter(mailbox.box, dict(WRITER))
    actions.assign(letter, mailbox.office, mailbox.czt)
    refused = page(client, mailbox.czt_handler, act(letter, "refer"), {"refer-where": "信访局", "refer-why": "信访事项"})
    assert refused.status_code == 403 and "分办人员" in refused.content.decode()
    assert Letter.objects.get().state == LetterState.ASSIGNED


def test_a_refusal_keeps_what_was_typed(client, mailbox):
    letter = actions.write_letter(mailbox.box, dict(WRITER))
    response = page(client, mailbox.office, act(letter, "refer"), {"refer-where": "长沙县信访局", "refer-why": ""})
    text = response.content.decode()
    assert response.status_code == 400 and "长沙县信访局" in text and "请填写此项" in text


def test_the_writers_contact_is_revealed_only_with_a_reason_and_recorded(client, mailbox):
    letter = actions.write_letter(mailbox.box, dict(WRITER))
    url = reverse("interaction_letters:reveal", args=[letter.pk])
    assert page(client, mailbox.office, url, {"reason": ""}).status_code == 400
    shown = page(client, mailbox.office, url, {"reason": "电话联系写信人核实情况"})
    assert "13900000001" in shown.content.decode()
    access = PersonalDataAccess.objects.get()
    assert access.username == "office" and "电话联系" in access.reason


def test_mailbox_settings_belong_to_the_administrators_agencies(client, mailbox):
    admin = mailbox.user("cs_admin", mailbox.changsha, Role.AGENCY_ADMIN)
    created = page(client, admin, reverse("interaction_mailboxes:add"), {
        "agency": mailbox.changsha.pk, "name": "长沙市长信箱", "slug": "cssz", "kind": "leader", "intro": "",
        "limit_workdays": 15, "is_active": "on", "order": 2})
    assert created.status_code == 302 and Mailbox.objects.filter(slug="cssz").exists()
    reserved = page(client, admin, reverse("interaction_mailboxes:add"), {
        "agency": mailbox.changsha.pk, "name": "另一个", "slug": "track", "kind": "department", "limit_workdays": 15,
        "order": 3})
    assert reserved.status_code == 200 and "系统保留" in reserved.content.decode()
    outside = page(client, admin, reverse("interaction_mailboxes:add"), {
        "agency": mailbox.province.pk, "name": "冒名信箱", "slug": "fake", "kind": "leader", "limit_workdays": 15,
        "order": 3})
    assert not Mailbox.objects.filter(slug="fake").exists() and outside.status_code == 200
    assert "省长信箱" not in page(client, admin, reverse("interaction_mailboxes:index")).content.decode()
