"""Service cases and 差评 rectifications, as supervision reads them."""

from zhengwu.orgs.models import Role
from zhengwu.services.models import OPEN_CASE_STATES, MatterType, Rectification
from zhengwu.supervision.registry import CaseType, ClockSlot, register

register(CaseType(
    key="services.case", label="政务服务办件", model_label="services.ServiceCase",
    clocks=(ClockSlot("step_clock", "环节时限"), ClockSlot("clock", "办结时限")),
    open_states=tuple(OPEN_CASE_STATES), title_field="matter__name",
    rule_field="matter__matter_type", rule_choices=tuple(MatterType.choices),
    handler_roles=(Role.WINDOW_CLERK, Role.AGENCY_ADMIN), admin_url_name="services_cases:inspect"))

register(CaseType(
    key="services.rectification", label="差评整改", model_label="services.Rectification",
    clocks=(ClockSlot("clock", "整改时限"),), open_states=(Rectification.State.OPEN,),
    number_field="pk", title_field="rating__matter__name", assignee_field=None,
    handler_roles=(Role.WINDOW_CLERK, Role.AGENCY_ADMIN), admin_url_name="services_rectifications:inspect"))
