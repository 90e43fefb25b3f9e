"""What every action of 决策公开 shares: who may act, the row lock, telling people."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from zhengwu.cases.errors import ActionForbidden, ActionRefused  # noqa: F401  (the shared refusals, re-exported)
from zhengwu.notifications.actions import notify, notify_many
from zhengwu.orgs.models import Agency, Role, StaffRole
from zhengwu.privacy.validators import MOBILE_PHONE_RE

# Who drafts consultations, hearings and catalog items and moderates comments: the agency's publishers and
# administrators. Who approves what becomes public: administrators only, and never for their own draft.
DRAFT_ROLES = [Role.PUBLISHER, Role.AGENCY_ADMIN, Role.SYSTEM_ADMIN]
APPROVE_ROLES = [Role.AGENCY_ADMIN, Role.SYSTEM_ADMIN]
# Who may read it all as well: supervisors (监察员).
VIEW_ROLES = [*DRAFT_ROLES, Role.INSPECTOR]


def holds_role(user, agency_id, roles=DRAFT_ROLES) -> bool:
    return Agency.objects.in_scope(user, roles).filter(pk=agency_id).exists()


def require_role(user, agency, roles=DRAFT_ROLES, message=None):
    if user is None or not holds_role(user, agency.pk, roles):
        raise ActionForbidden(message or f"您没有管理{agency.name}决策公开事务的权限。")


def lock(record):
    """Re-read `record` under a row lock so two people never act on the same state at once."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock() must run inside the action's transaction")
    return type(record).objects.select_for_update(of=("self",)).get(pk=record.pk)


def now():
    return timezone.now()


def today():
    return timezone.localdate()


def approvers_of(agency, exclude=()):
    """Users who may approve for `agency`: administrators of it or of any agency above it."""
    paths = [agency.path[:end] for end in range(Agency.steplen, len(agency.path) + 1, Agency.steplen)]
    users = StaffRole.objects.filter(role__in=APPROVE_ROLES, agency__path__in=paths).values("user")
    excluded = [user.pk for user in exclude if user is not None]
    return get_user_model().objects.filter(pk__in=users, is_active=True).exclude(pk__in=excluded).order_by("pk")


def tell_staff(users, subject, body, about):
    """In-site messages to staff (written now, visible once the transaction commits)."""
    users = [user for user in dict.fromkeys(users) if user is not None]
    if users:
        notify_many("site", to_users=users, subject=subject, body=body, about=about)


def tell_public(contact, subject, body, about):
    """An e-mail or SMS to a member of the public at the contact they gave, sent after commit; nothing when
    the contact is neither an e-mail address nor a mobile number (a landline cannot take a message)."""
    contact = (contact or "").strip()
    if "@" in contact:
        notify("email", to_address=contact, subject=subject, body=body, about=about)
    elif MOBILE_PHONE_RE.match(contact):
        notify("sms", to_address=contact, subject=subject, body=body, about=about)
