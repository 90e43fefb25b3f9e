"""Who works on an agency's reports and who may read them (orgs.duties); the admin and the API both ask the
scope query with these."""

from zhengwu.orgs import duties
from zhengwu.orgs.models import holds

EDIT_ROLES = duties.roles("reports.edit")
VIEW_ROLES = duties.roles("reports.view")


def may_edit(user, agency) -> bool:
    """Whether `user` drafts the reports of `agency` (an Agency or its pk)."""
    return holds(user, agency, EDIT_ROLES)
