"""What every action of 决策公开 shares: who may act, the row lock, telling people."""

from django.utils import timezone

from zhengwu.cases.errors import ActionForbidden, ActionRefused  # noqa: F401  (the shared refusals, re-exported)
from zhengwu.cases.locking import lock  # noqa: F401
from zhengwu.notifications.actions import tell_public  # noqa: F401
from zhengwu.orgs import duties
from zhengwu.publishing.actions import approvers_of, now, require_role, tell_staff  # noqa: F401

DRAFT_ROLES = duties.roles("consultation.draft")  # publishers and administrators; they moderate comments too
APPROVE_ROLES = duties.roles("consultation.approve")  # never for their own draft
VIEW_ROLES = duties.roles("consultation.view")  # supervisors (监察员) read it all too






def today():
    return timezone.localdate()




