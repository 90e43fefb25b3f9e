"""The legal steps of a request as a handler takes them, and what the applicant then sees: 补正, 征求意见,
延期, 收费 and the lapses that end a request, all on the one clock engine."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from zhengwu.foi import actions
from zhengwu.foi.actions import ActionRefused
from zhengwu.foi.models import Consultation, RequestState
from zhengwu.foi.tests.test_queue import file
from zhengwu.notifications.models import Notification
from zhengwu.timelimits import calendar
from zhengwu.timelimits.engine import ClockState

SHANGHAI = ZoneInfo("Asia/Shanghai")


def workdays_ago(n):
    """A submission time n working days before today (at 10:00 on a working day)."""
    day = timezone.localdate()
    while n > 0 or not calendar.is_workday(day):
        day -= timedelta(days=1)
        if calendar.is_workday(day):
            n -= 1
    return datetime(day.year, day.month, day.day, 10, tzinfo=SHANGHAI)


def acting_day(request):
    """Steps take effect today, or on the day of receipt when a weekend filing is received next week."""
    return max(timezone.localdate(), request.received_on)


def public_messages(request):
    return [e.message for e in actions.public_timeline(request)]


def test_correction_once_then_clock_counts_afresh_from_the_correction(staff):
    request = file(submitted_at=workdays_ago(3))
    correction = actions.request_correction(request, actor=staff.handler, items="请写明所需预算的年度和部门")
    request.refresh_from_db()
    assert request.state == RequestState.CORRECTION and request.clock.state == ClockState.PAUSED
    assert correction.clock.due_on == calendar.current().add_workdays(acting_day(request), 15)
    with pytest.raises(ActionRefused, match="只能告知一次"):
        actions.request_correction(request, actor=staff.handler, items="再补充")
    actions.receive_correction(request, actor=staff.handler, supplied="2025年省财政厅部门预算")
    request.refresh_from_db()
    assert request.state == RequestState.PROCESSING
    assert request.clock.due_on == calendar.current().add_workdays(acting_day(request), 20)
    assert request.clock.days_used == 0
    with pytest.raises(ActionRefused, match="只能告知一次"):
        actions.request_correction(request, actor=staff.handler, items="还有一处要补正")
    messages = public_messages(request)
    assert any("请于" in m and "请写明所需预算的年度和部门" in m for m in messages)
    assert any("收到补正" in m and "答复期限至" in m for m in messages)
    last = actions.public_timeline(request).last()
    assert any("重新计时" in line for line in last.data["explanation"])


def test_correction_only_within_seven_working_days_of_receipt(staff):
    request = file(submitted_at=workdays_ago(9))
    with pytest.raises(ActionRefused, match="7个工作日"):
        actions.request_correction(request, actor=staff.handler, items="请写明年度")


def test_uncorrected_request_is_closed_by_the_sweep_once(staff):
    request = file()
    correction = actions.request_correction(request, actor=staff.handler, items="请写明年度")
    assert actions.close_lapsed(on=correction.clock.due_on)["correction"] == 0  # the last day still counts
    after = correction.clock.due_on + timedelta(days=1)
    assert actions.close_lapsed(on=after)["correction"] == 1
    assert actions.close_lapsed(on=after)["correction"] == 0
    request.refresh_from_db()
    assert request.state == RequestState.CLOSED and request.outcome == "r6_1"
    assert request.clock.state == ClockState.STOPPED
    assert any("视为放弃申请" in m for m in public_messages(request))


def test_consultation_pauses_the_answer_clock_until_the_party_replies(staff):
    request = file(submitted_at=workdays_ago(6))
    original_due = request.clock.due_on
    consultation = actions.consult(request, actor=staff.handler, party_kind="third_party",
                                   party_name="某建设公司", question="是否同意公开贵公司投标文件中的报价部分",
                                   on=request.received_on + timedelta(days=1))
    request.refresh_from_db()
    assert request.state == RequestState.CONSULTING and request.clock.due_on is None
    assert consultation.clock.limit_workdays == 15
    with pytest.raises(ActionRefused, match="尚未逾期"):
        actions.close_consultation(consultation, actor=staff.handler, opinion="no_reply")
    actions.close_consultation(consultation, actor=staff.handler, opinion="object", reply="涉及商业秘密，不同意公开")
    request.refresh_from_db()
    assert request.state == RequestState.PROCESSING and request.clock.state == ClockState.RUNNING
    paused = calendar.current().workdays_between(request.received_on + timedelta(days=1), acting_day(request))
    assert request.clock.due_on == calendar.current().add_workdays(original_due, paused)
    assert any("不计算在答复期限内" in m for m in public_messages(request))
    assert "某建设公司" not in " ".join(public_messages(request))  # the third party is not named to the applicant


def test_silent_party_is_closed_by_the_sweep_and_the_clock_runs_again(staff):
    request = file()
    consultation = actions.consult(request, actor=staff.handler, party_kind="other_agency",
                                   party_name="湖南省自然资源厅", question="共同制作的信息是否同意公开")
    assert actions.close_lapsed(on=consultation.clock.due_on + timedelta(days=1))["consultation"] == 1
    consultation.refresh_from_db()
    request.refresh_from_db()
    assert consultation.opinion == Consultation.Opinion.NO_REPLY
    assert request.clock.state == ClockState.RUNNING and request.state == RequestState.PROCESSING


def test_one_extension_of_at_most_twenty_days_approved_by_the_office_head(staff, django_capture_on_commit_callbacks):
    request = file()
    with pytest.raises(ActionRefused, match="20个工作日"):
        actions.propose_extension(request, actor=staff.handler, workdays=21, reason="涉及多个处室")
    extension = actions.propose_extension(request, actor=staff.handler, workdays=15, reason="涉及多个处室的档案")
    with pytest.raises(ActionRefused, match="已有延期申请"):
        actions.propose_extension(request, actor=staff.handler, workdays=5, reason="再延")
    with pytest.raises(ActionRefused, match="负责人"):
        actions.decide_extension(extension, actor=staff.handler, approve=True)
    with django_capture_on_commit_callbacks(execute=True):
        actions.decide_extension(extension, actor=staff.head, approve=True)
    request.refresh_from_db()
    assert request.clock.limit_workdays == 35
    assert request.clock.due_on == calendar.current().add_workdays(request.received_on, 35)
    sms = Notification.objects.filter(channel="sms").order_by("-pk").first()
    assert "延长 15 个工作日" in sms.body
    assert any("延长 15 个工作日" in m for m in public_messages(request))
    with pytest.raises(ActionRefused, match="只能延长一次"):
        actions.propose_extension(request, actor=staff.handler, workdays=5, reason="再延")


def test_other_agency_handler_cannot_act(staff):
    request = file()
    with pytest.raises(ActionRefused, match="权限"):
        actions.add_note(request, actor=staff.other, text="看看")
    with pytest.raises(ActionRefused, match="权限"):
        actions.request_correction(request, actor=staff.other, items="补正")


def test_fee_by_count_follows_the_applicants_month_and_pauses_until_paid(staff):
    requests = [file(description=f"第{n}项信息") for n in range(1, 12)]
    with pytest.raises(ActionRefused, match="无需发出收费通知"):
        actions.notify_fee(requests[9], actor=staff.handler, method="by_count")
    with pytest.raises(ActionRefused, match="不得高于"):
        actions.notify_fee(requests[10], actor=staff.handler, method="by_count", amount="150")
    with pytest.raises(ActionRefused, match="理由"):
        actions.notify_fee(requests[10], actor=staff.handler, method="by_count", amount="50")
    fee = actions.notify_fee(requests[10], actor=staff.handler, method="by_count")
    assert fee.nth_this_month == 11 and fee.amount == Decimal("100")
    request = requests[10]
    request.refresh_from_db()
    assert request.state == RequestState.AWAITING_FEE and request.clock.state == ClockState.PAUSED
    assert any("信息处理费 100" in m for m in public_messages(request))
    actions.record_payment(request, actor=staff.handler, reference="非税缴款书 001")
    request.refresh_from_db()
    assert request.state == RequestState.PROCESSING and request.clock.state == ClockState.RUNNING


def test_fee_by_volume_and_unpaid_request_ends(staff):
    request = file()
    fee = actions.notify_fee(request, actor=staff.handler, method="by_volume", pages=50)
    assert fee.amount == Decimal("200")  # pages 31–50 at 10 元
    assert actions.close_lapsed(on=fee.clock.due_on + timedelta(days=1))["fee"] == 1
    request.refresh_from_db()
    assert request.state == RequestState.CLOSED and request.outcome == "r6_2"


def test_internal_notes_never_reach_the_applicant(client, staff):
    request = file()
    actions.add_note(request, actor=staff.handler, text="申请人曾多次来电，注意语气")
    actions.assign(request, actor=staff.handler, assignee="czt_foi")
    status = client.get(f"/api/v1/foi/requests/{request.number}", {"code": request.tracking_code}).json()
    text = str(status)
    assert "多次来电" not in text and "分派" not in text


def test_no_extension_while_the_clock_is_paused(staff):
    request = file()
    extension = actions.propose_extension(request, actor=staff.handler, workdays=10, reason="需调取档案")
    actions.consult(request, actor=staff.handler, party_kind="third_party", party_name="某公司", question="是否同意公开")
    with pytest.raises(ActionRefused, match="征求意见中"):
        actions.decide_extension(extension, actor=staff.head, approve=True)
    with pytest.raises(ActionRefused, match="征求意见中"):
        actions.propose_extension(request, actor=staff.handler, workdays=5, reason="再延")


def test_no_extension_once_the_answer_period_has_run_out(client, staff):
    """Art. 33: an extension is approved, and the applicant told, within the answer period. A late request stays
    late: the handler is not offered 申请延期, and neither a proposal nor an approval moves its due date."""
    from zhengwu.conftest import PASSWORD
    from zhengwu.foi.models import Extension

    request = file(submitted_at=workdays_ago(25))
    request.refresh_from_db()
    due = request.clock.due_on
    assert due < timezone.localdate() and request.time_left() < 0
    with pytest.raises(ActionRefused, match=f"答复期限已于 {due:%Y-%m-%d} 届满，不能再延期"):
        actions.propose_extension(request, actor=staff.handler, workdays=15, reason="涉及多个处室的档案")
    # Proposed in time, decided too late:
    extension = Extension.objects.create(request=request, workdays=15, reason="涉及多个处室的档案",
                                         proposed_by=staff.handler)
    with pytest.raises(ActionRefused, match="条例第三十三条"):
        actions.decide_extension(extension, actor=staff.head, approve=True)
    request.refresh_from_db()
    extension.refresh_from_db()
    assert request.clock.due_on == due and request.clock.limit_workdays == 20 and request.time_left() < 0
    assert extension.state == Extension.State.PENDING
    client.login(username=staff.handler.username, password=PASSWORD)
    page = client.get(f"/admin/foi/requests/inspect/{request.pk}/").content.decode()
    assert "登记行政复议/诉讼" in page and "申请延期" not in page


def test_an_extension_proposed_in_time_says_by_when_it_must_be_approved(client, staff):
    from zhengwu.conftest import PASSWORD

    request = file(submitted_at=workdays_ago(3))
    client.login(username=staff.handler.username, password=PASSWORD)
    page = client.get(f"/admin/foi/requests/inspect/{request.pk}/").content.decode()
    assert "申请延期" in page and f"须在答复期限（{request.clock.due_on:%Y-%m-%d}）内经负责人同意" in page


@pytest.mark.parametrize("late_by", [1, 9])
def test_a_silent_third_party_s_period_ends_on_its_deadline_however_late_the_sweep(staff, late_by):
    request = file(submitted_at=workdays_ago(35))
    sent = request.received_on + timedelta(days=1)
    original_due = request.clock.due_on
    consultation = actions.consult(request, actor=staff.handler, party_kind="third_party", party_name="某建设公司",
                                   question="是否同意公开报价部分", on=sent)
    deadline = consultation.clock.due_on
    assert actions.close_lapsed(on=deadline + timedelta(days=late_by))["consultation"] == 1
    request.refresh_from_db()
    consultation.refresh_from_db()
    # The answer clock stood still from the sending to the party's last day, not to the day of the sweep.
    paused = calendar.current().workdays_between(sent, deadline)
    assert request.clock.due_on == calendar.current().add_workdays(original_due, paused)
    assert consultation.closed_on == deadline and consultation.opinion == Consultation.Opinion.NO_REPLY
    assert request.clock.state == ClockState.RUNNING
    messages = " ".join(public_messages(request))
    assert "由本机关依照条例规定决定（条例第三十二条）" in messages and "视为同意公开" not in messages
    assert actions.close_lapsed(on=deadline + timedelta(days=late_by + 3))["consultation"] == 0


def test_another_agency_s_silence_is_deemed_consent_under_article_34(staff):
    request = file(submitted_at=workdays_ago(35))
    sent = request.received_on + timedelta(days=1)
    consultation = actions.consult(request, actor=staff.handler, party_kind="other_agency",
                                   party_name="湖南省自然资源厅", question="共同制作的信息是否同意公开", on=sent)
    assert "条例第三十四条" in consultation.clock.events.first().reason
    deadline = consultation.clock.due_on
    assert deadline < timezone.localdate() - timedelta(days=3)
    # The handler records the silence some days after the deadline: it still ends on the deadline.
    actions.close_consultation(consultation, actor=staff.handler, opinion="no_reply")
    consultation.refresh_from_db()
    request.refresh_from_db()
    assert consultation.closed_on == deadline
    messages = " ".join(public_messages(request))
    assert "视为同意公开（条例第三十四条）" in messages and "条例第三十二条" not in messages
    paused = calendar.current().workdays_between(sent, deadline)
    original_due = calendar.current().add_workdays(request.received_on, 20)
    assert request.clock.due_on == calendar.current().add_workdays(original_due, paused)


def test_a_correction_received_on_a_non_working_day_counts_from_the_next_working_day(staff):
    """One rule for both: an online request and a correction received on a non-working day count from the next
    working day (条例第三十一条), and the timeline says so."""
    request = file(submitted_at=workdays_ago(6))
    actions.request_correction(request, actor=staff.handler, items="请写明年度", on=request.received_on)
    rest_day = next(request.received_on + timedelta(days=n) for n in range(1, 30)
                    if not calendar.is_workday(request.received_on + timedelta(days=n)))
    assert rest_day <= timezone.localdate()
    actions.receive_correction(request, actor=staff.handler, supplied="2025年", on=rest_day)
    request.refresh_from_db()
    monday = next(rest_day + timedelta(days=n) for n in range(1, 15) if calendar.is_workday(rest_day + timedelta(days=n)))
    assert request.clock.due_on == calendar.current().add_workdays(monday, 20)
    assert any(f"非工作日，依条例第三十一条自下一工作日 {monday:%Y-%m-%d} 起算" in m for m in public_messages(request))


def test_an_online_request_on_a_non_working_day_says_why_its_receipt_day_moved(staff):
    day = timezone.localdate() - timedelta(days=1)
    while calendar.is_workday(day):
        day -= timedelta(days=1)
    request = file(submitted_at=datetime(day.year, day.month, day.day, 10, tzinfo=SHANGHAI))
    assert request.received_on > day
    assert any(f"{day:%Y-%m-%d} 提交时为非工作日，依条例第三十一条以下一工作日为收到申请之日" in m
               for m in public_messages(request))


def test_while_waiting_for_a_correction_the_status_says_the_period_starts_again(staff,
                                                                              django_capture_on_commit_callbacks):
    request = file(submitted_at=workdays_ago(4))
    with django_capture_on_commit_callbacks(execute=True):
        correction = actions.request_correction(request, actor=staff.handler, items="请写明年度")
    message = public_messages(request)[-1]
    assert f"请于 {correction.clock.due_on:%Y-%m-%d} 之前（含当日）补正" in message  # the last day still counts
    assert "自收到补正之日起重新计算 20 个工作日（条例第三十条）" in message and "已用" not in message
    sms = Notification.objects.filter(channel="sms", template="foi_correction").latest("pk")
    assert f"请于 {correction.clock.due_on:%Y-%m-%d} 之前（含当日）补正" in sms.body


def test_a_calendar_edit_that_moves_the_due_date_is_told_to_the_applicant(staff, django_capture_on_commit_callbacks):
    from zhengwu.timelimits.models import CalendarDay

    request = file(submitted_at=datetime(2025, 9, 1, 10, tzinfo=SHANGHAI))
    old_due = request.clock.due_on
    assert old_due == date(2025, 9, 28)  # (a Sunday worked for 国庆)
    with django_capture_on_commit_callbacks(execute=True):
        CalendarDay.objects.create(date=date(2025, 9, 15), kind="holiday", name="临时调整（测试）")
    request.refresh_from_db()
    assert request.clock.due_on == date(2025, 9, 29)
    moved = request.events.get(kind="due_date_moved")
    assert moved.public and "答复期限由 2025-09-28 调整为 2025-09-29" in moved.message
    sms = Notification.objects.filter(channel="sms", template="foi_due_date_moved").latest("pk")
    assert "由 2025-09-28 调整为 2025-09-29" in sms.body and sms.recipient_address == request.phone


def test_a_posted_correction_runs_from_the_day_it_is_received_not_sent(client, staff):
    """条例第三十条: the applicant's period runs from receipt of the notice. A posted notice's period waits until
    the handler records its delivery; the sweep never ends the request before then."""
    from zhengwu.conftest import PASSWORD

    request = file(submitted_at=workdays_ago(30))
    sent = request.received_on + timedelta(days=1)
    correction = actions.request_correction(request, actor=staff.handler, items="请写明年度", on=sent, by_post=True)
    assert "请自收到本通知之日起 15 个工作日内补正" in public_messages(request)[-1]
    assert actions.close_lapsed()["correction"] == 0  # 15 working days after sending are long past
    request.refresh_from_db()
    assert request.state == RequestState.CORRECTION
    client.login(username=staff.handler.username, password=PASSWORD)
    assert "登记送达：补正通知" in client.get(f"/admin/foi/requests/inspect/{request.pk}/").content.decode()
    with pytest.raises(ActionRefused, match="送达日期不能早于发出日期"):
        actions.record_delivery(correction, actor=staff.handler, on=sent - timedelta(days=1))
    delivered = sent + timedelta(days=6)
    actions.record_delivery(correction, actor=staff.handler, on=delivered)
    correction.refresh_from_db()
    assert correction.delivered_on == delivered
    assert correction.clock.due_on == calendar.current().add_workdays(delivered, 15)
    assert f"补正通知于 {delivered:%Y-%m-%d} 送达" in public_messages(request)[-1]
    with pytest.raises(ActionRefused, match="无需再登记"):
        actions.record_delivery(correction, actor=staff.handler, on=delivered)
    assert actions.close_lapsed(on=correction.clock.due_on)["correction"] == 0  # the last day still counts
    assert actions.close_lapsed(on=correction.clock.due_on + timedelta(days=1))["correction"] == 1


def test_a_posted_consultation_and_fee_notice_wait_for_their_delivery(staff):
    request = file(submitted_at=workdays_ago(30))
    sent = request.received_on + timedelta(days=1)
    consultation = actions.consult(request, actor=staff.handler, party_kind="third_party", party_name="某公司",
                                   question="是否同意公开", on=sent, by_post=True)
    with pytest.raises(ActionRefused, match="尚未登记送达"):
        actions.close_consultation(consultation, actor=staff.handler, opinion="no_reply")
    assert actions.close_lapsed()["consultation"] == 0
    received = sent + timedelta(days=7)
    actions.record_delivery(consultation, actor=staff.handler, on=received)
    consultation.refresh_from_db()
    assert consultation.clock.due_on == calendar.current().add_workdays(received, 15)
    assert "某公司" not in " ".join(public_messages(request))  # the delivery entry is internal
    actions.close_consultation(consultation, actor=staff.handler, opinion="agree", on=received + timedelta(days=2))
    fee = actions.notify_fee(request, actor=staff.handler, method="by_volume", pages=120,
                             on=received + timedelta(days=3), by_post=True)
    assert fee.clock.due_on is None and actions.close_lapsed()["fee"] == 0
