"""Efficiency complaints, supervision's own case type. Every other case type registers itself from its app."""

from zhengwu.orgs.models import Role

from .registry import CaseType, ClockSlot, register

register(CaseType(
    key="supervision.complaint", label="效能投诉", model_label="supervision.EfficiencyComplaint",
    clocks=(ClockSlot("clock", "办理时限"),), open_states=("open",), assignee_field=None, agency_field="supervisor",
    handler_roles=(Role.INSPECTOR,), admin_url_name="supervision_complaint"))
