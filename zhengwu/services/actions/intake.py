"""Receiving applications: online through the hall, or at the government's one window (综合窗口)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhengwu.cases.tracking import issue_tracking_code  # the one 查询码 of every case type
from zhengwu.files.actions import store_document
from zhengwu.numbering.models import allocate
from zhengwu.orgs.models import Agency
from zhengwu.services.actions.common import SERVICE_ROLES, due_text, record, require_window, tell_applicant
from zhengwu.services.models import CaseChannel, CaseEvent, CaseMaterial, ServiceCase
from zhengwu.timelimits.actions import start_clock

NUMBER_SERIES = "services.case"


def window_of(agency: Agency) -> Agency:
    """The government whose one window receives applications for `agency`'s matters: the agency itself when
    it is a government or township, else its nearest ancestor that is."""
    if agency.kind in (Agency.Kind.GOVERNMENT, Agency.Kind.TOWNSHIP):
        return agency
    found = agency.get_ancestors().filter(kind__in=[Agency.Kind.GOVERNMENT, Agency.Kind.TOWNSHIP]).last()
    return found or agency


def format_number(agency, year, serial):
    return f"BJ{year}-{agency.pk:05d}-{serial:06d}"


def _missing_fields(matter, form_data):
    errors = {}
    for field in matter.form_fields or []:
        if field.get("required") and not str(form_data.get(field["name"], "")).strip():
            errors[f"form_{field['name']}"] = f"请填写“{field['label']}”。"
    return errors


@transaction.atomic
def receive_application(matter, applicant: dict, form_data: dict, files=(), *, channel=CaseChannel.ONLINE,
                        actor=None, applicant_user=None, submitted_at=None) -> ServiceCase:
    """File one application: number and 查询码, the 受理 step clock (行政许可法第三十二条), the first events,
    the uploaded materials (private to those who work the case); the applicant is told by SMS after commit.

    `applicant`: applicant_kind, name, id_number, phone. `files`: (requirement or None, uploaded file) pairs.
    """
    if not matter.is_active:
        raise ValidationError("该事项已停止办理。")
    if channel == CaseChannel.ONLINE and not matter.applies_online:
        raise ValidationError("该事项暂不支持网上申请，请到窗口办理。")
    errors = _missing_fields(matter, form_data)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    received = timezone.localtime(submitted_at or now).date()
    agency = matter.agency
    window = window_of(agency)
    case = ServiceCase(matter=matter, agency=agency, window_agency=window, channel=channel,
                       applicant_user=applicant_user, form_data=form_data, received_on=received,
                       submitted_at=submitted_at or now, **applicant)
    issue_tracking_code(case)  # the digest is saved; the clear code stays on this object for the receipt
    if channel == CaseChannel.COUNTER:
        require_window(actor, case)
    serial = allocate(NUMBER_SERIES, window, received.year)
    case.number = format_number(window, received.year, serial)
    case.step_clock = start_clock(f"受理 {case.number}", received, matter.acceptance_workdays, actor=actor,
                                  reason="行政许可法第三十二条：材料不齐全的，应当场或五日内一次性告知")
    case.save()
    case.step_clock.owner = case
    case.step_clock.save(update_fields=["owner_type", "owner_id"])
    for requirement, upload in files:
        # No `user`: the case-file folder takes no uploads from people; the action is the gate, as in 依申请公开.
        document = store_document(agency, upload, title=requirement.name if requirement else upload.name,
                                  private=True, access_roles=SERVICE_ROLES)
        CaseMaterial.objects.create(case=case, requirement=requirement, document=document)
    kind = CaseEvent.Kind.SUBMITTED if channel == CaseChannel.ONLINE else CaseEvent.Kind.REGISTERED
    record(case, kind, actor, f"{case.get_channel_display()}：{matter.name}，办件编号 {case.number}；"
           f"收到材料 {len(files)} 份。受理{due_text(case.step_clock)}。", on=received)
    tell_applicant(case, "办件已收到", f"您申请的“{matter.name}”已收到，办件编号 {case.number}，"
                   f"查询码 {case.tracking_code}。")
    return case


def public_timeline(case):
    return case.events.filter(public=True).order_by("at", "pk")
