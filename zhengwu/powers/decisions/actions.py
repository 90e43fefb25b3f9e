"""State changes of an enforcement decision, one transaction each, with its timeline event:

- `record_decision`: an officer records a 行政许可 or 行政处罚 decision; the 双公示 clock starts on the day of the
  decision (PublicityRule's working days). A penalty's facts are put to the discretion benchmark; a fine outside
  the range it gives, without a written reason, is a violation supervision shows (偏离裁量基准未说明理由).
- `publish_decision`: the decision goes on the public list; the clock stops, and a publication after the period
  is recorded as late (and as the overdue violation the sweep would have found).
- `withdraw_decision`: a published decision comes off the list (revoked on review, or published in error), with
  the reason on the record."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from zhengwu.cases.errors import ActionForbidden, ActionRefused
from zhengwu.cases.locking import lock
from zhengwu.numbering.models import allocate
from zhengwu.orgs.models import holds
from zhengwu.supervision.actions import record_violation
from zhengwu.supervision.models import ViolationKind
from zhengwu.timelimits.actions import start_clock, stop_clock
from zhengwu.timelimits.bands import Band

from ..discretion import DiscretionError, assess
from ..models import (
    DecisionEvent,
    DecisionKind,
    DecisionState,
    EnforcementDecision,
    PartyKind,
    PowerType,
    PublicityRule,
)

CASE_TYPE = "powers.decision"
KIND_OF_POWER = {PowerType.LICENSING: DecisionKind.LICENSING, PowerType.PENALTY: DecisionKind.PENALTY}


def _money(value):
    return None if value in (None, "") else Decimal(value)


def departure(decision) -> str:
    """Why the decision lies outside its benchmark ("" when it does not): the fine against the range the facts
    give, and any fine where the benchmark says 不予处罚."""
    if decision.kind != DecisionKind.PENALTY or not decision.grade:
        return ""
    fine = decision.fine or Decimal(0)
    if decision.grade == "不予处罚":
        return f"裁量基准为不予处罚，决定罚款 {fine} 元。" if fine else ""
    low, high = decision.benchmark_min, decision.benchmark_max
    if low is not None and fine < low:
        return f"罚款 {fine} 元低于基准下限 {low} 元（{decision.grade}：{decision.benchmark_range}）。"
    if high is not None and fine > high:
        return f"罚款 {fine} 元高于基准上限 {high} 元（{decision.grade}：{decision.benchmark_range}）。"
    return ""


@transaction.atomic
def record_decision(actor, *, power, document_number, party_kind, party_name, content, basis, decided_on,
                    credit_code="", representative="", id_number="", valid_from=None, valid_until=None,
                    facts=(), fine=None, confiscated=None, departure_reason="") -> EnforcementDecision:
    if not holds(actor, power.agency, "powers.enforce"):
        raise ActionForbidden(f"您没有录入{power.agency.name}行政执法决定的权限。")
    kind = KIND_OF_POWER.get(power.power_type)
    if kind is None:
        raise ActionRefused("双公示只适用于行政许可和行政处罚事项。")
    today = timezone.localdate()
    if decided_on > today:
        raise ActionRefused("决定日期不能晚于今天。")
    state = power.state_on(decided_on)
    if state is None or not state.in_force:
        raise ActionRefused(f"{decided_on:%Y-%m-%d} 该事项不在{power.agency.name}的权力清单中，不能据此作出决定。")
    if party_kind != PartyKind.PERSON and not credit_code.strip():
        raise ActionRefused("法人、非法人组织和个体工商户应填写统一社会信用代码。")
    decision = EnforcementDecision(
        document_number=document_number.strip(), agency=power.agency, power=power, kind=kind,
        party_kind=party_kind, party_name=party_name.strip(), credit_code=credit_code.strip().upper(),
        representative=representative.strip(), id_number=id_number.strip(), content=content.strip(),
        basis=basis.strip(), decided_on=decided_on, valid_from=valid_from, valid_until=valid_until,
        fine=_money(fine), confiscated=_money(confiscated), departure_reason=departure_reason.strip(),
        recorded_by=actor)
    if kind == DecisionKind.PENALTY:
        facts = [code.strip() for code in facts if code.strip()]
        if not facts:
            raise ActionRefused("行政处罚决定应选择认定的违法情形，以便对照裁量基准。")
        try:
            benchmark = assess(power.code, facts)
        except DiscretionError as refusal:
            raise ActionRefused(str(refusal)) from None
        decision.facts, decision.grade = facts, benchmark["grade"]
        decision.benchmark_range, decision.benchmark_rule = benchmark["range"], benchmark["rule"]
        decision.benchmark_min = _money(benchmark["fine_min"])
        decision.benchmark_max = _money(benchmark["fine_max"])
    serial = allocate("powers.decision", power.agency, decided_on.year)
    decision.number = f"ZFJD{decided_on.year}-{power.agency_id:05d}-{serial:05d}"
    workdays = PublicityRule.workdays_for(kind)
    decision.publicity_clock = start_clock(f"双公示 {decision.number}", decided_on, workdays, actor=actor,
                                           reason=f"{decision.get_kind_display()}决定自作出之日起{workdays}个工作日内公示")
    why = departure(decision)
    decision.departs = bool(why)
    decision.save()
    decision.publicity_clock.owner = decision
    decision.publicity_clock.save(update_fields=["owner_type", "owner_id"])
    DecisionEvent.record(decision, DecisionEvent.Kind.RECORDED, actor, on=decided_on,
                         message=f"录入{decision.get_kind_display()}决定 {decision.document_number}，"
                                 f"应于 {decision.publicity_clock.due_on:%Y-%m-%d}（含当日）前公示。")
    if why:
        reason = decision.departure_reason
        DecisionEvent.record(decision, DecisionEvent.Kind.DEPARTED, actor, on=decided_on,
                             message=f"{why}{'理由：' + reason if reason else '未说明理由。'}")
        if not reason:
            record_violation(CASE_TYPE, decision, ViolationKind.BENCHMARK_DEPARTURE,
                             f"行政处罚决定 {decision.document_number} 偏离裁量基准且未说明理由：{why}", today)
    return decision


@transaction.atomic
def publish_decision(decision, actor, on=None) -> EnforcementDecision:
    decision = lock(decision)
    if not holds(actor, decision.agency, "powers.publish_decisions"):
        raise ActionForbidden(f"您没有公示{decision.agency.name}行政执法决定的权限。")
    if decision.state != DecisionState.DECIDED:
        raise ActionRefused(f"该决定当前为“{decision.get_state_display()}”，不能公示。")
    on = on or timezone.localdate()
    clock = decision.publicity_clock
    late, due_on = clock.band(on) == Band.OVERDUE, clock.due_on
    stop_clock(clock, on, reason="已公示", actor=actor)
    decision.state, decision.published_on, decision.published_late = DecisionState.PUBLISHED, on, late
    decision.save(update_fields=["state", "published_on", "published_late"])
    if late:
        # The same violation the sweep records for a clock past its limit (same key), whichever comes first.
        record_violation(CASE_TYPE, decision, ViolationKind.OVERDUE, "行政执法决定双公示超过双公示期限", on,
                         key=str(clock.pk))
    note = f"逾期公示（期限为 {due_on:%Y-%m-%d}）。" if late else "已按期公示。"
    DecisionEvent.record(decision, DecisionEvent.Kind.PUBLISHED, actor, on=on, message=note)
    return decision


@transaction.atomic
def withdraw_decision(decision, actor, reason: str) -> EnforcementDecision:
    decision = lock(decision)
    if not holds(actor, decision.agency, "powers.publish_decisions"):
        raise ActionForbidden(f"您没有撤下{decision.agency.name}行政执法决定公示的权限。")
    if decision.state != DecisionState.PUBLISHED:
        raise ActionRefused("只能撤下已公示的决定。")
    if not reason.strip():
        raise ActionRefused("请说明撤下公示的理由（如：决定已被撤销、变更）。")
    decision.state = DecisionState.WITHDRAWN
    decision.save(update_fields=["state"])
    DecisionEvent.record(decision, DecisionEvent.Kind.WITHDRAWN, actor, on=timezone.localdate(),
                         message=f"撤下公示。理由：{reason.strip()}")
    return decision
