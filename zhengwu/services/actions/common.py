"""What every case action shares: who may act, the row lock, the timeline event, the applicant's SMS."""

from django.db import transaction
from django.utils import timezone

from zhengwu.cases.errors import ActionForbidden, ActionRefused  # noqa: F401  (the shared refusals, re-exported)
from zhengwu.notifications.actions import notify
from zhengwu.orgs import duties
from zhengwu.orgs.models import holds
from zhengwu.services.models import CaseEvent, ServiceCase

CASE_TYPE = "services.case"  # as registered with supervision
SERVICE_ROLES = duties.roles("services.handle")  # window and department staff, their administrators
VIEWING_ROLES = duties.roles("services.view")  # supervisors (监察员) read them too


def require_department(user, case):
    if user is not None and not holds(user, case.agency_id, SERVICE_ROLES):
        raise ActionForbidden(f"您没有办理{case.agency.name}办件的权限。")


def require_window(user, case):
    if user is not None and not (holds(user, case.window_agency_id, SERVICE_ROLES) or holds(user, case.agency_id, SERVICE_ROLES)):
        raise ActionForbidden("您没有在该窗口收件、分送的权限。")


def require_state(case, *states):
    if case.state not in states:
        raise ActionRefused(f"办件当前状态为“{case.get_state_display()}”，不能进行此操作。")


def lock(case: ServiceCase) -> ServiceCase:
    """Re-read the case under a row lock so two clerks never act on the same state at once."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock() must run inside the action's transaction")
    return (ServiceCase.objects.select_for_update(of=("self",))
            .select_related("matter", "agency", "window_agency", "clock", "step_clock").get(pk=case.pk))


def today():
    return timezone.localdate()


def acting_day(case, on=None):
    """The day a step takes effect: today unless given; never before receipt nor after today."""
    if on is None:
        return max(today(), case.received_on)
    if on < case.received_on:
        raise ActionRefused(f"日期不能早于收件日期（{case.received_on:%Y-%m-%d}）。")
    if on > today():
        raise ActionRefused("日期不能晚于今天。")
    return on


def due_text(clock) -> str:
    return clock.status_text() if clock is not None else ""


def record(case, kind, actor=None, message="", *, on, public=True, data=None) -> CaseEvent:
    return CaseEvent.record(case, kind, actor, message, on=on, public=public, data=data)


def tell_applicant(case, subject, body):
    """SMS to the applicant after commit (the notifications app logs it locally by default)."""
    notify("sms", to_address=case.phone, subject=subject, body=f"【{case.window_agency.name}】{body}", about=case)
