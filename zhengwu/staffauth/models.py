from django.conf import settings
from django.db import models
from django.utils import timezone


class PasswordHistory(models.Model):
    """One password a user has had, as its hash (never the password): the newest row is when the current
    password was set (for expiry), the last PASSWORD_HISTORY_COUNT rows are what a new password may not repeat.
    Written by the history validator's `password_changed`, which Django calls whenever a password is saved."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE,
                             related_name="password_history")
    password = models.CharField("密码哈希", max_length=128)
    created_at = models.DateTimeField("设置时间", default=timezone.now)

    class Meta:
        verbose_name = "历史密码"
        verbose_name_plural = "历史密码"
        indexes = [models.Index(fields=["user", "-created_at"], name="staffauth_history_newest")]

    def __str__(self):
        return f"{self.user} · {self.created_at:%Y-%m-%d}"
