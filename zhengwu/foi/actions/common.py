"""What every handling action shares: the refusal it raises, the scope check it starts with, and the
timeline event it writes (with the answer clock's due date and how it is counted)."""

from django.db import transaction
from django.utils import timezone

from zhengwu.cases.errors import ActionForbidden, ActionRefused  # noqa: F401  (the shared refusals, re-exported)
from zhengwu.foi.models import InformationRequest, RequestEvent, RequestState
from zhengwu.orgs import duties
from zhengwu.orgs.models import holds
from zhengwu.timelimits.engine import ClockState

# Who may do what, from the one registry (orgs.duties).
HANDLING_ROLES = duties.roles("foi.handle")
VIEWING_ROLES = duties.roles("foi.view")
EXTENSION_APPROVERS = duties.roles("foi.approve_extension")  # 条例第三十三条: the disclosure office's head
REPLY_REVIEWERS = duties.roles("foi.review_reply")  # never the reply's drafter
CASE_FILE_ROLES = duties.roles("foi.open_case_files")  # they name the applicant: not inspectors, not publishers
OPEN_STATES = [RequestState.PROCESSING, RequestState.CORRECTION, RequestState.CONSULTING, RequestState.AWAITING_FEE]


def require_role(user, request: InformationRequest, roles=HANDLING_ROLES, message=None):
    if not holds(user, request.agency_id, roles):
        raise ActionForbidden(message or "您没有办理该机关政府信息公开申请的权限。")


def require_open(request: InformationRequest, *states):
    allowed = states or OPEN_STATES
    if request.state not in allowed:
        raise ActionRefused(f"申请当前状态为“{request.get_state_display()}”，不能进行此操作。")


def lock(request: InformationRequest) -> InformationRequest:
    """Re-read the request under a row lock, so two handlers never act on the same state at once."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock() must run inside the action's transaction")
    return InformationRequest.objects.select_for_update(of=("self",)).select_related("clock", "agency").get(pk=request.pk)


def today():
    return timezone.localdate()


def acting_day(request, on=None):
    """The date a step takes effect: today, or the day of receipt when that is still ahead (a request filed
    online on a weekend is received on the next working day, Art. 31). A given date must fall in between."""
    latest = max(today(), request.received_on)
    if on is None:
        return latest
    if on < request.received_on:
        raise ActionRefused(f"日期不能早于收到申请之日（{request.received_on:%Y-%m-%d}）。")
    if on > latest:
        raise ActionRefused("日期不能晚于今天。")
    return on


def clock_status(clock, awaiting_correction=False) -> str:
    """The answer clock in one sentence, for event messages (Art. 30: after a correction request the whole
    period starts again on receipt; the days used so far do not carry over)."""
    return f"答复{clock.status_text(awaiting_correction)}{'（条例第三十条）' if awaiting_correction else ''}。"
    if clock.state == ClockState.STOPPED:
        return f"答复计时已停止，共用 {clock.days_used} 个工作日。"
    return f"答复期限至 {clock.due_on:%Y-%m-%d}（共 {clock.limit_workdays} 个工作日）。"


def record(request, kind, actor=None, message="", *, public=True, on=None, data=None, with_clock=False):
    """One timeline event; with `with_clock`, the answer clock's due date and its explanation are kept
    alongside, so the applicant and the handler always see how the date is counted."""
    data = dict(data or {})
    if with_clock and request.clock is not None:  # the clock actions left their figures on this instance
        if message and message[-1] not in "。；！？":
            message += "。"
        message = f"{message}{clock_status(request.clock, request.state == RequestState.CORRECTION)}"
        data["due_on"] = request.clock.due_on.isoformat() if request.clock.due_on else None
        data["explanation"] = request.clock.explain(today=on)  # as it stood on the day of the step
    return RequestEvent.record(request, kind, actor, message, public=public, on=on, data=data)
