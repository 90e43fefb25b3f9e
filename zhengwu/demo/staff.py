"""The demo's staff who draft and approve what an agency publishes (决策公开, interviews): made when a demo
loads alone, and found for an agency as its nearest holders of the roles."""

from zhengwu.orgs import duties
from zhengwu.orgs.demo import DEMO_ACCOUNTS, by_slug_path, ensure_account
from zhengwu.orgs.models import Agency, Role, StaffRole

# Who drafts and approves for 长沙市 and the provincial government.
DEMO_STAFF = [row for row in DEMO_ACCOUNTS if row[0] in {"changsha_editor", "changsha_admin", "hunan_admin"}]
DRAFTING_PREFERENCE = [Role.PUBLISHER, Role.SYSTEM_ADMIN, Role.AGENCY_ADMIN]


def agency(path, fallback):
    try:
        return by_slug_path(path)
    except Agency.DoesNotExist:
        return by_slug_path(fallback)


def ensure_staff():
    for row in DEMO_STAFF:
        ensure_account(*row)


def nearest(target, roles, exclude=None):
    """The staff member holding one of `roles` closest above (or at) `target`; roles earlier in the list first."""
    grants = [g for g in StaffRole.objects.filter(role__in=roles).select_related("agency", "user").order_by("pk")
              if target.path.startswith(g.agency.path) and g.user != exclude]
    grants.sort(key=lambda g: (-len(g.agency.path), roles.index(g.role)))
    return grants[0].user if grants else None


class Desk:
    """The drafter and the approver for one agency."""

    def __init__(self, target):
        self.drafter = nearest(target, DRAFTING_PREFERENCE)
        self.approver = nearest(target, duties.roles("consultation.approve"), exclude=self.drafter)
