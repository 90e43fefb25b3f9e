"""Information requests and their complaints, as supervision reads them (registered from here, like every
case type: supervision never imports the apps it watches)."""

from zhengwu.foi.actions.common import HANDLING_ROLES, OPEN_STATES
from zhengwu.orgs.models import Role
from zhengwu.supervision.registry import CaseType, ClockSlot, register

register(CaseType(
    key="foi.request", label="政府信息公开申请", model_label="foi.InformationRequest",
    clocks=(ClockSlot("clock", "答复时限"),), open_states=tuple(OPEN_STATES),
    title_field="info_title", handler_roles=tuple(HANDLING_ROLES), admin_url_name="foi_requests:inspect"))

register(CaseType(
    key="foi.complaint", label="政府信息公开举报投诉", model_label="foi.Complaint",
    clocks=(ClockSlot("clock", "答复期限"),), open_states=("open",), assignee_field=None,
    handler_roles=(Role.DISCLOSURE_HEAD, Role.AGENCY_ADMIN), admin_url_name="foi_complaints:inspect"))
