"""举报投诉 about disclosure work (条例第五十一条): filed by anyone, answered on their own clock by the agency
complained about or the governments above it."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from zhengwu.cases.tracking import new_tracking_code, tracking_digest
from zhengwu.foi.actions.common import HANDLING_ROLES, ActionForbidden, ActionRefused, today
from zhengwu.foi.models import Complaint, ComplaintEvent
from zhengwu.foi.receipt import received_on as receipt_day
from zhengwu.notifications.actions import notify
from zhengwu.numbering.models import allocate
from zhengwu.orgs.models import holds
from zhengwu.timelimits.actions import start_clock, stop_clock

COMPLAINT_SERIES = "foi.complaint"


def complaint_workdays():
    return int(getattr(settings, "FOI_COMPLAINT_WORKDAYS", 20))


@transaction.atomic
def file_complaint(*, agency, name, phone, content, email="", related_request=None, submitted_at=None):
    submitted_at = submitted_at or timezone.now()
    received = receipt_day("online", submitted_at)
    serial = allocate(COMPLAINT_SERIES, agency, received.year)
    code = new_tracking_code()
    complaint = Complaint.objects.create(
        number=f"TS{received.year}-{agency.pk:05d}-{serial:05d}",
        tracking_digest=tracking_digest(code),
        agency=agency, related_request=related_request, name=name, phone=phone, email=email, content=content,
        submitted_at=submitted_at, received_on=received,
        clock=start_clock(f"投诉举报 {agency.pk}-{serial}", received, complaint_workdays(),
                          reason="政府信息公开投诉举报的答复期限"))
    complaint.tracking_code = code  # the clear code: this acknowledgement and its notification only
    complaint.clock.owner = complaint
    complaint.clock.save(update_fields=["owner_type", "owner_id"])
    ComplaintEvent.record(complaint, ComplaintEvent.Kind.FILED, on=received,
                          message=f"收到投诉举报，编号 {complaint.number}，答复{complaint.clock.status_text()}。")
    notify("sms", to_address=phone, template="foi_complaint_received", about=complaint,
           context={"complaint": complaint, "due_on": complaint.clock.due_on})
    return complaint


@transaction.atomic
def answer_complaint(complaint, *, actor, finding, answer, on=None):
    complaint = Complaint.objects.select_for_update().select_related("clock").get(pk=complaint.pk)
    latest = max(today(), complaint.received_on)
    on = on or latest
    if not holds(actor, complaint.agency_id, HANDLING_ROLES):
        raise ActionForbidden("您没有答复该投诉举报的权限。")
    if complaint.state != Complaint.State.OPEN:
        raise ActionRefused("该投诉举报已答复。")
    if finding not in dict(Complaint._meta.get_field("finding").choices):
        raise ActionRefused("请选择核查结论：属实、部分属实或不属实。")
    if not (answer or "").strip():
        raise ActionRefused("请填写答复内容。")
    if on < complaint.received_on or on > latest:
        raise ActionRefused("答复日期应在收到日期与今天之间。")
    stop_clock(complaint.clock, on, reason="已答复", actor=actor)
    complaint.state, complaint.finding, complaint.answer = Complaint.State.ANSWERED, finding, answer.strip()
    complaint.answered_on, complaint.answered_by = on, actor
    complaint.save()
    ComplaintEvent.record(complaint, ComplaintEvent.Kind.ANSWERED, actor,
                          f"核查结论：{complaint.get_finding_display()}。{complaint.answer}", on=on)
    notify("sms", to_address=complaint.phone, template="foi_complaint_answered", about=complaint,
           context={"complaint": complaint})
    if complaint.email:
        notify("email", to_address=complaint.email, template="foi_complaint_answered", about=complaint,
               context={"complaint": complaint})
    return complaint
