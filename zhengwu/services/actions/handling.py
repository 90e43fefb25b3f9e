"""The department's steps on a case, each one transaction: lock, check, clock, event; SMS after commit.

The clocks (行政许可法): 受理 within `acceptance_workdays` of receipt (第三十二条), the promised 办结 period from
acceptance (第四十二条), paused by special procedures that do not count (第四十五条), and 送达 within
`issuance_workdays` of the decision (第四十四条). Supervision reads them; violations are recorded here.
"""

from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.db import transaction

from zhengwu.orgs.models import holds
from zhengwu.services.actions.common import (
    CASE_TYPE,
    SERVICE_ROLES,
    ActionRefused,
    acting_day,
    due_text,
    lock,
    record,
    require_department,
    require_state,
    require_window,
    tell_applicant,
)
from zhengwu.services.models import CaseEvent, CaseState, Decision, SpecialProcedureRun
from zhengwu.supervision.actions import record_violation
from zhengwu.supervision.models import ViolationKind
from zhengwu.timelimits.actions import pause_clock, restart_clock, resume_clock, start_clock, stop_clock
from zhengwu.timelimits.engine import ClockState

BEFORE_ACCEPTANCE = (CaseState.RECEIVED, CaseState.ROUTED, CaseState.CORRECTION)


@transaction.atomic
def route(case, user, note=""):
    """The window sends the application to the implementing department (一窗受理、分类办理)."""
    case = lock(case)
    require_window(user, case)
    require_state(case, CaseState.RECEIVED)
    case.state = CaseState.ROUTED
    case.save(update_fields=["state"])
    record(case, CaseEvent.Kind.ROUTED, user, f"综合窗口分送至{case.agency.name}。{note}".strip(),
           on=acting_day(case))
    return case


@transaction.atomic
def assign(case, user, assignee):
    case = lock(case)
    require_department(user, case)
    if not holds(assignee, case.agency_id, SERVICE_ROLES):
        raise ActionRefused(f"{assignee} 不是{case.agency.name}的办件工作人员。")
    case.assignee = assignee
    case.save(update_fields=["assignee"])
    record(case, CaseEvent.Kind.ASSIGNED, user, f"分派给 {assignee.get_full_name() or assignee.username}。",
           on=acting_day(case), public=False)
    return case


@transaction.atomic
def request_correction(case, user, items: str, on=None):
    """一次性告知: every missing material in one notice. A second notice is allowed (it happens) but is a
    violation supervision records (二次补正). The 受理 clock pauses until the materials arrive."""
    case = lock(case)
    require_department(user, case)
    require_state(case, CaseState.RECEIVED, CaseState.ROUTED)
    if not items.strip():
        raise ActionRefused("请逐项列明需要补正的全部材料。")
    on = acting_day(case, on)
    case.corrections += 1
    if case.corrections > 1:
        record_violation(CASE_TYPE, case, ViolationKind.SECOND_CORRECTION,
                         f"办件 {case.number} 第 {case.corrections} 次告知补正（应一次性告知）。", on,
                         key=str(case.corrections))
    pause_clock(case.step_clock, on, reason="一次性告知补正", actor=user)
    case.state = CaseState.CORRECTION
    case.save(update_fields=["state", "corrections"])
    record(case, CaseEvent.Kind.CORRECTION_REQUESTED, user, f"请补正以下材料：\n{items.strip()}", on=on,
           data={"items": items.strip(), "count": case.corrections})
    tell_applicant(case, "请补正材料", f"您的办件 {case.number} 需补正材料：{items.strip()[:200]}")
    return case


@transaction.atomic
def receive_correction(case, user, supplied: str = "", on=None):
    """The materials arrived: the 受理 step counts afresh."""
    case = lock(case)
    require_window(user, case)
    require_state(case, CaseState.CORRECTION)
    on = acting_day(case, on)
    restart_clock(case.step_clock, on, reason="收到补正材料，重新计算受理时限", actor=user)
    case.state = CaseState.ROUTED
    case.save(update_fields=["state"])
    record(case, CaseEvent.Kind.CORRECTED, user, f"收到补正材料。{supplied}".strip() +
           f" 受理{due_text(case.step_clock)}。", on=on)
    return case


@transaction.atomic
def accept(case, user, on=None):
    """受理: the 受理 clock stops and the promised 办结 period starts."""
    case = lock(case)
    require_department(user, case)
    require_state(case, CaseState.RECEIVED, CaseState.ROUTED)
    on = acting_day(case, on)
    stop_clock(case.step_clock, on, reason="已受理", actor=user)
    case.clock = start_clock(f"办结 {case.number}", on, case.matter.promised_workdays, owner=case, actor=user,
                             reason=f"承诺办结时限 {case.matter.promised_workdays} 个工作日"
                                    f"（法定 {case.matter.statutory_workdays} 个工作日）")
    case.state, case.accepted_on = CaseState.ACCEPTED, on
    case.save(update_fields=["state", "accepted_on", "clock"])
    record(case, CaseEvent.Kind.ACCEPTED, user, f"已受理，办结{due_text(case.clock)}。", on=on,
           data={"due_on": case.clock.due_on.isoformat()})
    tell_applicant(case, "办件已受理", f"您的办件 {case.number} 已受理，承诺 {case.clock.due_on:%Y-%m-%d} 前办结。")
    return case


@transaction.atomic
def refuse(case, user, reason: str, on=None):
    """不予受理, with the reason the applicant is told. A refusal recorded without one is a violation."""
    case = lock(case)
    require_department(user, case)
    require_state(case, *BEFORE_ACCEPTANCE)
    on = acting_day(case, on)
    reason = reason.strip()
    if not reason:
        record_violation(CASE_TYPE, case, ViolationKind.REFUSAL_WITHOUT_REASON,
                         f"办件 {case.number} 不予受理，未说明理由。", on)
    _stop_open_clocks(case, on, user, "不予受理")
    case.state, case.refusal_reason, case.completed_on = CaseState.REFUSED, reason, on
    case.save(update_fields=["state", "refusal_reason", "completed_on"])
    record(case, CaseEvent.Kind.REFUSED, user, f"不予受理。理由：{reason or '（未说明）'}", on=on)
    tell_applicant(case, "不予受理", f"您的办件 {case.number} 不予受理。理由：{reason or '未说明'}")
    return case


@transaction.atomic
def start_special(case, user, procedure=None, name: str = "", on=None):
    """特别程序 (听证、检验、鉴定、专家评审…): when it does not count against the limit, the 办结 clock pauses."""
    case = lock(case)
    require_department(user, case)
    require_state(case, CaseState.ACCEPTED)
    if procedure is not None and procedure.matter_id != case.matter_id:
        raise ActionRefused("该特别程序不属于本事项。")
    name = procedure.name if procedure else name.strip()
    if not name:
        raise ActionRefused("请选择或填写特别程序。")
    counts = procedure.counts_toward_limit if procedure else False
    on = acting_day(case, on)
    if not counts:
        pause_clock(case.clock, on, reason=f"特别程序：{name}（不计入办结时限）", actor=user)
    SpecialProcedureRun.objects.create(case=case, procedure=procedure, name=name, counts_toward_limit=counts,
                                       started_on=on)
    case.state = CaseState.SPECIAL
    case.save(update_fields=["state"])
    limit = f"，所需时限 {procedure.workdays} 个工作日" if procedure else ""
    record(case, CaseEvent.Kind.SPECIAL_STARTED, user,
           f"进入特别程序：{name}{limit}；{'计入' if counts else '不计入'}办结时限。", on=on)
    return case


@transaction.atomic
def end_special(case, user, result: str = "", on=None):
    case = lock(case)
    require_department(user, case)
    require_state(case, CaseState.SPECIAL)
    on = acting_day(case, on)
    run = case.special_runs.filter(ended_on__isnull=True).last()
    if run.started_on > on:
        raise ActionRefused(f"结束日期不能早于特别程序开始日期（{run.started_on:%Y-%m-%d}）。")
    run.ended_on, run.result = on, result.strip()
    run.save(update_fields=["ended_on", "result"])
    if case.clock.state == ClockState.PAUSED:
        resume_clock(case.clock, on, reason=f"特别程序结束：{run.name}", actor=user)
    case.state = CaseState.ACCEPTED
    case.save(update_fields=["state"])
    record(case, CaseEvent.Kind.SPECIAL_ENDED, user, f"特别程序结束：{run.name}。{result.strip()} "
           f"办结{due_text(case.clock)}。".strip(), on=on)
    return case


@transaction.atomic
def decide(case, user, decision: str, reason: str = "", on=None):
    """作出决定: the 办结 clock stops and the 送达 step starts (第四十四条). Denials state their reasons
    (第三十八条)."""
    case = lock(case)
    require_department(user, case)
    require_state(case, CaseState.ACCEPTED)
    if decision not in Decision.values:
        raise ActionRefused("请选择准予或不予准予。")
    if decision == Decision.DENIED and not reason.strip():
        raise ActionRefused("不予准予的，应当说明理由（行政许可法第三十八条）。")
    on = acting_day(case, on)
    stop_clock(case.clock, on, reason="作出决定", actor=user)
    late = case.clock.days_used > case.clock.limit_workdays
    case.step_clock = _new_step_clock(case, on, user)
    case.state, case.decision, case.decision_reason, case.decided_on = (
        CaseState.DECIDED, decision, reason.strip(), on)
    case.save(update_fields=["state", "decision", "decision_reason", "decided_on", "step_clock"])
    used = f"用时 {case.clock.days_used} 个工作日" + ("，超过承诺时限" if late else "")
    record(case, CaseEvent.Kind.DECIDED, user,
           f"{Decision(decision).label}。{reason.strip()} {used}；送达{due_text(case.step_clock)}。".strip(), on=on)
    return case


def _new_step_clock(case, on, user):
    # The step clock is a OneToOne: the 受理 clock stays on record through its events, the new one times 送达.
    return start_clock(f"送达 {case.number}", on, case.matter.issuance_workdays, owner=case, actor=user,
                       reason="行政许可法第四十四条：作出决定之日起十日内颁发、送达")


@transaction.atomic
def record_fee(case, user, amount, on=None):
    """登记实收费用; more than the guide allows (or any fee for a free matter) is 超范围收费."""
    case = lock(case)
    require_department(user, case)
    require_state(case, CaseState.ACCEPTED, CaseState.SPECIAL, CaseState.DECIDED)
    try:
        amount = Decimal(str(amount)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ActionRefused("请填写正确的金额（元）。") from None
    if amount < 0:
        raise ActionRefused("金额不能为负数。")
    on = acting_day(case, on)
    allowed = case.matter.fee_limit if case.matter.charged else Decimal("0")
    case.fee_charged = amount
    case.save(update_fields=["fee_charged"])
    if amount > allowed:
        record_violation(CASE_TYPE, case, ViolationKind.EXCESS_FEE,
                         f"办件 {case.number} 收费 {amount} 元，办事指南允许 {allowed} 元。", on)
    record(case, CaseEvent.Kind.FEE, user, f"实收费用 {amount} 元。", on=on,
           data={"amount": str(amount), "allowed": str(allowed)})
    return case


@transaction.atomic
def complete(case, user, result_text: str, on=None):
    """办结送达: the result reaches the applicant, who is invited to rate the service."""
    case = lock(case)
    require_department(user, case)
    require_state(case, CaseState.DECIDED)
    if not result_text.strip():
        raise ActionRefused("请填写办理结果（如：食品经营许可证已送达）。")
    on = acting_day(case, on)
    stop_clock(case.step_clock, on, reason="办结送达", actor=user)
    case.state, case.result_text, case.completed_on = CaseState.COMPLETED, result_text.strip(), on
    case.save(update_fields=["state", "result_text", "completed_on"])
    record(case, CaseEvent.Kind.COMPLETED, user, f"已办结：{result_text.strip()}", on=on)
    tell_applicant(case, "办件已办结", f"您的办件 {case.number} 已办结：{result_text.strip()[:60]}。"
                   f"欢迎凭办件编号和查询码对本次服务进行评价。")
    return case


@transaction.atomic
def withdraw(case, user=None, reason: str = "", on=None):
    """The applicant withdraws (online, with the code, or at the window)."""
    case = lock(case)
    if user is not None:
        require_window(user, case)
    if not case.is_open:
        raise ActionRefused(f"办件当前状态为“{case.get_state_display()}”，不能撤回。")
    on = acting_day(case, on)
    _stop_open_clocks(case, on, user, "申请人撤回")
    case.state, case.completed_on = CaseState.WITHDRAWN, on
    case.save(update_fields=["state", "completed_on"])
    record(case, CaseEvent.Kind.WITHDRAWN, user, f"申请人撤回申请。{reason.strip()}".strip(), on=on)
    return case


@transaction.atomic
def add_note(case, user, text: str):
    case = lock(case)
    require_department(user, case)
    if not text.strip():
        raise ActionRefused("备注内容不能为空。")
    return record(case, CaseEvent.Kind.NOTE, user, text.strip(), on=acting_day(case), public=False)


def _stop_open_clocks(case, on, user, reason):
    for clock in (case.step_clock, case.clock):
        if clock is not None and clock.state != ClockState.STOPPED:
            stop_clock(clock, on, reason=reason, actor=user)


def staff_of(case):
    """Who may be assigned: the department's case workers."""
    from zhengwu.orgs.models import StaffRole

    ids = StaffRole.objects.filter(agency=case.agency, role__in=SERVICE_ROLES).values("user_id")
    return get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("username")
