"""A letter's journey: written, forwarded, handed back once, answered after a second person's approval,
published only with the writer's consent and without personal details, referred when it is a petition,
grouped with its duplicates, rated; and on the supervision registry like every case."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from zhengwu.interaction import actions
from zhengwu.interaction.models import Letter, LetterState
from zhengwu.interaction.tests.conftest import WRITER
from zhengwu.notifications.models import Notification
from zhengwu.supervision.models import Card, CardLevel
from zhengwu.supervision.sweep import run_sweep

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def write(tree, **changes):
    return actions.write_letter(tree.box, {**WRITER, **changes})


def test_a_letter_gets_a_number_a_code_and_a_15_working_day_clock(mailbox):
    letter = actions.write_letter(mailbox.box, dict(WRITER), submitted_at=datetime(2026, 11, 2, 9, tzinfo=SHANGHAI))
    assert letter.number.startswith("XJ2026-") and len(letter.tracking_code) == 8
    assert letter.state == LetterState.RECEIVED and letter.agency == mailbox.province
    assert letter.clock.due_on == date(2026, 11, 23)  # 15 working days after Monday 2 November
    sms = Notification.objects.get(channel="sms")
    assert letter.number in sms.body and sms.recipient_address == "13900000001"
    assert letter.tracking_code not in sms.body and sms.secret == letter.tracking_code  # the log never shows it


def test_the_same_letter_twice_in_a_row_is_refused_and_loses_nothing(mailbox):
    first = write(mailbox)
    with pytest.raises(actions.DuplicateLetter) as refused:
        write(mailbox, body=WRITER["body"] + "  ")
    assert first.number in str(refused.value) and Letter.objects.count() == 1


def test_a_closed_mailbox_takes_no_letters(mailbox):
    mailbox.box.is_active = False
    mailbox.box.save()
    with pytest.raises(ValidationError):
        write(mailbox)


def test_forwarded_letter_is_answered_after_a_second_persons_approval(mailbox):
    letter = write(mailbox)
    actions.assign(letter, mailbox.office, mailbox.czt, "请财政厅答复")
    with pytest.raises(actions.ActionForbidden):
        actions.draft_reply(letter, mailbox.changsha_handler, "不是我们的")
    actions.draft_reply(letter, mailbox.czt_handler, "请携带身份证到社保经办机构补办。")
    with pytest.raises(actions.ActionForbidden):
        actions.approve_reply(letter, mailbox.czt_handler)  # the drafter cannot approve their own reply
    assert not Notification.objects.filter(subject="来信已答复").exists()
    actions.approve_reply(letter, mailbox.czt_reviewer, publish=True)
    letter.refresh_from_db()
    assert letter.state == LetterState.REPLIED and letter.reply_agency == mailbox.czt
    assert letter.reply == "请携带身份证到社保经办机构补办。" and letter.replied_on is not None
    assert letter.clock.state == "stopped" and letter.reply_workdays == 0 and letter.on_time
    assert letter.published and "13900000001" not in letter.public_body
    told = Notification.objects.filter(subject="来信已答复")
    assert {n.recipient_address for n in told} == {"13900000001", "wxm@example.com"}


def test_publication_needs_the_writers_consent_and_hides_personal_details(mailbox):
    private = write(mailbox, may_publish=False)
    actions.draft_reply(private, mailbox.office, "已收悉。")
    with pytest.raises(actions.ActionRefused, match="未同意公开"):
        actions.approve_reply(private, mailbox.office2, publish=True)
    public = write(mailbox, phone="13900000002", subject="关于路灯", body="我叫王小明，电话13900000002，"
                   "身份证430121199001011237，家门口路灯坏了。")
    actions.draft_reply(public, mailbox.office, "已安排维修。")
    actions.approve_reply(public, mailbox.office2, publish=True)
    public.refresh_from_db()
    assert "13900000002" not in public.public_body and "430121199001011237" not in public.public_body
    assert "路灯坏了" in public.public_body and "王小明" not in public.public_body and "我叫王**" in public.public_body


def test_an_agency_may_hand_a_letter_back_once_with_a_reason(mailbox):
    letter = write(mailbox)
    actions.assign(letter, mailbox.office, mailbox.czt)
    with pytest.raises(actions.ActionRefused, match="退回理由"):
        actions.return_letter(letter, mailbox.czt_handler, " ")
    actions.return_letter(letter, mailbox.czt_handler, "属于人社部门职责")
    letter.refresh_from_db()
    assert letter.state == LetterState.RECEIVED and letter.agency == mailbox.province
    actions.assign(letter, mailbox.office, mailbox.czt)
    with pytest.raises(actions.ActionRefused, match="只能退回一次"):
        actions.return_letter(letter, mailbox.czt_handler, "还是不归我们")


def test_only_the_office_forwards_and_only_below_itself(mailbox):
    letter = write(mailbox)
    with pytest.raises(actions.ActionForbidden):
        actions.assign(letter, mailbox.czt_handler, mailbox.czt)
    with pytest.raises(actions.ActionRefused):
        actions.assign(letter, mailbox.office, mailbox.province)


def test_a_petition_is_referred_and_the_writer_told_where_and_why(mailbox):
    letter = write(mailbox, category="complain", subject="征地补偿", body="征地补偿款至今未到位，要求解决。")
    actions.refer_petition(letter, mailbox.office, "长沙县信访局（长沙县星沙街道…）", "征地补偿争议依《信访工作条例》办理")
    letter.refresh_from_db()
    assert letter.state == LetterState.REFERRED and letter.clock.state == "stopped"
    sms = Notification.objects.filter(subject="来信转信访渠道", channel="sms").get()
    assert "长沙县信访局" in sms.body and "信访工作条例" in sms.body


def test_same_writer_or_same_text_joins_a_group_answered_by_one_reply(mailbox):
    main = write(mailbox)
    same_text = write(mailbox, phone="13900000003", name="李四", body="我的社保卡丢失了，请问补办需要带哪些材料，到哪里办理？！")
    same_writer = write(mailbox, subject="另一个问题", body="公积金怎么提取？")
    other = write(mailbox, phone="13900000004", subject="路灯", body="路灯坏了")
    assert same_text.group == main and same_writer.group == main and other.group is None
    with pytest.raises(actions.ActionRefused, match="主信"):
        actions.draft_reply(same_text, mailbox.office, "答复")
    actions.assign(main, mailbox.office, mailbox.czt)
    assert Letter.objects.get(pk=same_text.pk).agency == mailbox.czt
    actions.draft_reply(main, mailbox.czt_handler, "一并答复。")
    actions.approve_reply(main, mailbox.czt_reviewer)
    replied = Letter.objects.filter(state=LetterState.REPLIED)
    assert set(replied.values_list("pk", flat=True)) == {main.pk, same_text.pk, same_writer.pk}
    assert Notification.objects.filter(subject="来信已答复", channel="sms").count() == 3


def test_the_office_can_ungroup_and_group_by_hand(mailbox):
    main = write(mailbox)
    other = write(mailbox, phone="13900000004", subject="路灯", body="路灯坏了")
    actions.group_with(other, mailbox.office, main)
    assert Letter.objects.get(pk=other.pk).group == main
    actions.ungroup(other, mailbox.office)
    assert Letter.objects.get(pk=other.pk).group is None


def test_the_writer_rates_once_and_says_why_when_unsatisfied(mailbox):
    letter = write(mailbox)
    with pytest.raises(actions.ActionRefused, match="答复后"):
        actions.rate_reply(letter, "satisfied")
    actions.draft_reply(letter, mailbox.office, "答复")
    actions.approve_reply(letter, mailbox.office2)
    with pytest.raises(actions.ActionRefused, match="原因"):
        actions.rate_reply(letter, "unsatisfied")
    actions.rate_reply(letter, "basically")
    with pytest.raises(actions.ActionRefused, match="已评价"):
        actions.rate_reply(letter, "satisfied")
    assert Letter.objects.get(pk=letter.pk).rating == "basically"


def test_an_unanswered_letter_earns_cards_from_supervision(mailbox):
    letter = actions.write_letter(mailbox.box, dict(WRITER), submitted_at=datetime(2026, 11, 2, 9, tzinfo=SHANGHAI))
    actions.assign(letter, mailbox.office, mailbox.czt)
    run_sweep(today=date(2026, 11, 24))  # due the 23rd
    card = Card.objects.get(case_type="interaction.letter")
    assert card.level == CardLevel.RED and card.agency == mailbox.czt and card.case_id == letter.pk
    told = Notification.objects.get(recipient_user=mailbox.czt_handler, channel="site")
    assert letter.number in told.body


def test_the_monthly_report_counts_the_letters_its_mailboxes_received(mailbox):
    from zhengwu.reports.monthly import figures as monthly
    for n in range(3):
        letter = write(mailbox, subject=f"第{n}封来信", phone=f"1390000010{n}", body=f"第{n}封来信的内容，关于路灯维修。")
        Letter.objects.filter(pk=letter.pk).update(received_on=date(2026, 11, 10 + n))
    Letter.objects.filter(subject="第2封来信").update(received_on=date(2026, 12, 1))  # next month
    values = monthly.current_values(mailbox.province, 2026, 11, {"letters_received": 99})
    assert values["letters_received"] == (2, "computed")  # typed figures are ignored once computed
    assert monthly.current_values(mailbox.czt, 2026, 11, {})["letters_received"] == (0, "computed")
    records = monthly.records_for("letters_received", mailbox.province, 2026, 11)
    assert [row[0] for row in map(records.row, records.queryset)] == sorted(
        Letter.objects.filter(received_on__month=11).values_list("number", flat=True))
