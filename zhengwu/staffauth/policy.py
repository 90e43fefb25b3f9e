"""Who must show a second factor and a fresh password before the admin or a staff API answers, asked once per
request by the middleware (admin pages) and by the staff API's session auth.

Second factor (TOTP, django-otp): required of superusers and of every role that can publish, decide or read
personal data. Which roles those are is derived from orgs' duty registry and page permissions, not listed here:
every duty counts except the few that only read what the public sees anyway, so a duty or role added later needs
the second factor unless someone decides otherwise here.

Password expiry: a staff password older than PASSWORD_MAX_AGE_DAYS (newest PasswordHistory row, else the date
the account was made) sends its holder to the change-password page first. The deadline is kept in the session
beside the password's session hash, so it costs a query once per login or password change, not per request."""

import time
from datetime import timedelta
from functools import cache

from django.conf import settings
from django.contrib.auth import HASH_SESSION_KEY

from zhengwu.orgs.duties import DUTIES
from zhengwu.orgs.models import holds_any
from zhengwu.orgs.permissions import ROLE_PAGE_PERMISSIONS

# Duties that only read what is public or statistical: holding only these would not call for a second factor.
PUBLIC_READ_DUTIES = frozenset({"disclosure.view_reports", "powers.view"})

PASSWORD_DEADLINE_SESSION_KEY = "staffauth_password_deadline"


@cache
def otp_roles() -> frozenset[str]:
    """The roles that must sign in with a second factor: every role holding a duty that publishes, decides or
    reads personal data (any duty not in PUBLIC_READ_DUTIES), and every role that may publish pages."""
    from_duties = {role for key, duty in DUTIES.items() if key not in PUBLIC_READ_DUTIES for role in duty.roles}
    publishers = {role for role, permissions in ROLE_PAGE_PERMISSIONS.items() if "publish_page" in permissions}
    return frozenset(str(role) for role in from_duties | publishers)


def otp_required_for(user) -> bool:
    if not getattr(settings, "STAFF_OTP_REQUIRED", True) or not user.is_authenticated:
        return False
    return user.is_superuser or holds_any(user, otp_roles())


def otp_verified(request) -> bool:
    """Whether this session has passed the second factor (django-otp's middleware sets `is_verified`)."""
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified and is_verified())


def needs_otp(request) -> bool:
    # A verified session answers from the session's device alone; only an unverified one asks about roles.
    return getattr(settings, "STAFF_OTP_REQUIRED", True) and not otp_verified(request) and otp_required_for(
        request.user)


def password_changed_at(user):
    from .models import PasswordHistory

    newest = PasswordHistory.objects.filter(user=user).order_by("-created_at").values_list("created_at", flat=True)
    return newest.first() or user.date_joined


def password_expired(request) -> bool:
    user = request.user
    max_age = int(getattr(settings, "PASSWORD_MAX_AGE_DAYS", 90) or 0)
    if max_age <= 0 or not user.is_authenticated or not (user.is_staff or user.is_superuser):
        return False
    auth_hash = request.session.get(HASH_SESSION_KEY)
    kept = request.session.get(PASSWORD_DEADLINE_SESSION_KEY)
    if kept and kept[0] == auth_hash and kept[1] == max_age:
        deadline = kept[2]
    else:
        deadline = (password_changed_at(user) + timedelta(days=max_age)).timestamp()
        request.session[PASSWORD_DEADLINE_SESSION_KEY] = [auth_hash, max_age, deadline]
    return time.time() >= deadline


def staff_refusal(request) -> str | None:
    """Why a signed-in staff session may not be answered yet (a Chinese message), or None: for the staff API."""
    if needs_otp(request):
        return "请先在管理后台完成双因素认证（动态验证码）后再调用此接口。"
    if password_expired(request):
        return "密码已过期，请先在管理后台修改密码。"
    return None
