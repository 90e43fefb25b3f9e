"""State changes of supervision: violations recorded by other apps' actions, and efficiency complaints
(效能投诉) — filed by anyone, handled by 监察员 on their own clock, the finding recorded against the agency."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from zhengwu.cases.errors import ActionRefused  # noqa: F401  (the shared refusals, re-exported)
from zhengwu.cases.tracking import issue_tracking_code
from zhengwu.notifications.actions import notify
from zhengwu.numbering.models import allocate
from zhengwu.orgs.models import Agency, Role, holds
from zhengwu.timelimits.actions import start_clock, stop_clock

from .models import ComplaintEvent, EfficiencyComplaint, Violation

COMPLAINT_HANDLERS = [Role.INSPECTOR, Role.SYSTEM_ADMIN]


def record_violation(case_type: str, case, kind: str, detail: str, on, key: str = "") -> bool:
    """Record one violation on a case inside the caller's transaction; True when it is new.

    The (case type, case, kind, key) constraint makes a repeated call, or a sweep finding the same thing,
    a no-op rather than a second entry."""
    found = dict(case_type=case_type, case_id=case.pk, kind=kind, key=key)
    if Violation.objects.filter(**found).exists():
        return False
    Violation.objects.bulk_create([Violation(**found, agency_id=case.agency_id, detail=detail, found_on=on)],
                                  ignore_conflicts=True)
    return True


def complaint_workdays() -> int:
    # The province's own rule for answering 效能投诉; settings, so it is not a constant in code.
    return int(getattr(settings, "SUPERVISION_COMPLAINT_WORKDAYS", 15))


def supervisor_of(agency: Agency) -> Agency:
    """Who handles a complaint against `agency`: the government it belongs to; for a government (or
    township), the government above it — nobody supervises their own government. The province handles
    complaints against itself, having no one above."""
    above = agency.get_ancestors().filter(kind=Agency.Kind.GOVERNMENT).last()
    return above or agency


@transaction.atomic
def file_complaint(*, agency: Agency, name: str, phone: str, content: str, case_number: str = "") -> EfficiencyComplaint:
    today = timezone.localdate()
    serial = allocate("supervision.complaint", agency, today.year)
    complaint = EfficiencyComplaint(
        number=f"XNTS{today.year}-{agency.pk:05d}-{serial:05d}",
        agency=agency, supervisor=supervisor_of(agency), case_number=case_number.strip(), name=name, phone=phone, content=content, received_on=today)
    issue_tracking_code(complaint)  # the digest is saved; the clear code stays on this object for the receipt
    complaint.clock = start_clock(f"效能投诉 {complaint.number}", today, complaint_workdays(),
                                  reason="效能投诉办理时限")
    complaint.save()
    complaint.clock.owner = complaint
    complaint.clock.save(update_fields=["owner_type", "owner_id"])
    ComplaintEvent.record(complaint, ComplaintEvent.Kind.FILED, on=today,
                          message=f"收到效能投诉，办理期限至 {complaint.clock.due_on:%Y-%m-%d}。")
    notify("sms", to_address=phone, subject="效能投诉已受理",
           body=f"您对{agency.name}的效能投诉已收到，编号 {complaint.number}，查询码 {complaint.tracking_code}。",
           secret=complaint.tracking_code)  # the log keeps the text without it
    return complaint


def may_handle(user, complaint) -> bool:
    return holds(user, complaint.supervisor_id, COMPLAINT_HANDLERS)


@transaction.atomic
def close_complaint(complaint, user, *, finding: str, outcome: str) -> EfficiencyComplaint:
    if not may_handle(user, complaint):
        raise ActionRefused("您没有办理该单位效能投诉的权限。")
    complaint = EfficiencyComplaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.state != EfficiencyComplaint.State.OPEN:
        raise ActionRefused("该投诉已办结。")
    if finding not in EfficiencyComplaint.Finding.values:
        raise ActionRefused("请选择核查结论。")
    if not outcome.strip():
        raise ActionRefused("请填写处理结果，它将告知投诉人。")
    today = timezone.localdate()
    stop_clock(complaint.clock, today, reason="效能投诉办结", actor=user)
    complaint.state, complaint.finding, complaint.outcome = EfficiencyComplaint.State.CLOSED, finding, outcome.strip()
    complaint.handled_by, complaint.closed_on = user, today
    complaint.save()
    ComplaintEvent.record(complaint, ComplaintEvent.Kind.CLOSED, user, f"{complaint.get_finding_display()}。{complaint.outcome}",
                          on=today)
    notify("sms", to_address=complaint.phone, subject="效能投诉办结",
           body=f"您的效能投诉 {complaint.number} 已办结：{complaint.get_finding_display()}。")
    return complaint


@transaction.atomic
def add_complaint_note(complaint, user, text: str) -> ComplaintEvent:
    if not may_handle(user, complaint):
        raise ActionRefused("您没有办理该单位效能投诉的权限。")
    if not text.strip():
        raise ActionRefused("备注内容不能为空。")
    return ComplaintEvent.record(complaint, ComplaintEvent.Kind.NOTE, user, text.strip(), public=False,
                                 on=timezone.localdate())
