"""Writing the password history. Every password a user gets passes one of two places: Django calls the history
validator's `password_changed` after saving a new password set with `set_password`, and a user created with a
password already hashed (`create_user`, `createsuperuser`) is saved new without it, so a post_save receiver
records that first one."""

from django.conf import settings

from .models import PasswordHistory


def history_count() -> int:
    return max(int(getattr(settings, "PASSWORD_HISTORY_COUNT", 5) or 0), 0)


def record(user):
    PasswordHistory.objects.create(user=user, password=user.password)
    # Keep what the rule needs and the newest row (the date expiry counts from), nothing older.
    older = PasswordHistory.objects.filter(user=user).order_by("-created_at", "-pk").values("pk")[
        max(history_count(), 1):]
    PasswordHistory.objects.filter(pk__in=older).delete()


def record_first_password(sender, instance, created, raw=False, **kwargs):
    # A password set with set_password() in this same save is recorded by password_changed right after.
    if created and not raw and instance.has_usable_password() and getattr(instance, "_password", None) is None:
        record(instance)
