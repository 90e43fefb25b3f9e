"""The legal steps of a request as a handler takes them, and what the applicant then sees: 补正, 征求意见,
延期, 收费 and the lapses that end a request, all on the one clock engine."""

from datetime import datetime, timedelta
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
