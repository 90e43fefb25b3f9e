"""Enforcement decisions as supervision reads them: the 双公示 clock gives cards and the overdue violation; a
departure from the benchmark without a reason is recorded by the action itself."""

from zhengwu.orgs import duties
from zhengwu.supervision.registry import CaseType, ClockSlot, register

from ..models import DecisionState

register(CaseType(
    key="powers.decision", label="行政执法决定双公示", model_label="powers.EnforcementDecision",
    clocks=(ClockSlot("publicity_clock", "双公示期限"),), open_states=(DecisionState.DECIDED,),
    title_field="document_number", assignee_field=None,
    handler_roles=tuple(duties.roles("powers.publish_decisions")), admin_url_name="powers_decisions:inspect"))
