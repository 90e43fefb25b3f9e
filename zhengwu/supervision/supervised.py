"""Case types supervision watches that live outside the services app: information requests, their
complaints, and efficiency complaints themselves."""

from zhengwu.foi.actions.common import HANDLING_ROLES, OPEN_STATES
from zhengwu.orgs.models import Role

from .registry import CaseType, ClockSlot, register

register(CaseType(
    key="foi.request", label="政府信息公开申请", model_label="foi.InformationRequest",
    clocks=(ClockSlot("clock", "答复时限"),), open_states=tuple(OPEN_STATES),
    title_field="info_title", handler_roles=tuple(HANDLING_ROLES), admin_url_name="foi_requests:inspect"))

register(CaseType(
    key="foi.complaint", label="政府信息公开举报投诉", model_label="foi.Complaint",
    clocks=(ClockSlot("clock", "答复期限"),), open_states=("open",), assignee_field=None,
    handler_roles=(Role.DISCLOSURE_HEAD, Role.AGENCY_ADMIN), admin_url_name="foi_complaints:inspect"))

register(CaseType(
    key="supervision.complaint", label="效能投诉", model_label="supervision.EfficiencyComplaint",
    clocks=(ClockSlot("clock", "办理时限"),), open_states=("open",), assignee_field=None, agency_field="supervisor",
    handler_roles=(Role.INSPECTOR,), admin_url_name="supervision_complaint"))
