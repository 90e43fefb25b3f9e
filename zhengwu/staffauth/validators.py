"""Password history as a Django password validator (in AUTH_PASSWORD_VALIDATORS): a new password may not be
any of the last PASSWORD_HISTORY_COUNT (default 5), checked against their stored hashes. Django calls each
validator's `password_changed` whenever a user with a new password is saved, which is where the history and
the date the password was set (for expiry) are written (staffauth.history)."""

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError

from .history import history_count


class PasswordHistoryValidator:
    def validate(self, password, user=None):
        count = history_count()
        if not count or user is None or user.pk is None:
            return
        from .models import PasswordHistory

        hashes = list(PasswordHistory.objects.filter(user=user).order_by("-created_at", "-pk")
                      .values_list("password", flat=True)[:count])
        if user.password and user.password not in hashes:
            hashes = [user.password, *hashes[: count - 1]]  # the current one, set before history was kept
        if any(check_password(password, encoded) for encoded in hashes):
            raise ValidationError(f"新密码不能与最近 {count} 次使用过的密码相同。", code="password_reused")

    def password_changed(self, password, user):
        if user.pk is not None:
            from .history import record

            record(user)

    def get_help_text(self):
        return f"新密码不能与最近 {history_count()} 次使用过的密码相同。"
