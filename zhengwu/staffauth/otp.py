"""The second factor's state changes: enrolling an authenticator, checking a code (with the lock-out), and an
administrator resetting someone's authenticator. Views call these; nothing else changes a TOTP device.

Wrong codes are counted like wrong passwords (zhengwu.portal.login_guard: the shared cache, the same window):
per account under a key of their own, which a correct password does not clear (else each password login would
buy more guesses), and per address under the password lock-out's key, so code guessing also locks that
address's password logins. Past the limit even the right code is refused and the session is signed out.
django-otp's own per-device delay is turned off (OTP_TOTP_THROTTLE_FACTOR = 0): this count replaces it."""

import logging
from base64 import b32encode

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.db import transaction
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from zhengwu.portal.login_guard import _count, _keys, lockout_started
from zhengwu.throttle import client_key

logger = logging.getLogger("zhengwu.security")

DEVICE_NAME = "身份验证器"


def _account_key(user):
    return f"otp-fail:user:{user.pk}"


def _limits():
    return (int(getattr(settings, "OTP_FAILURES_PER_ACCOUNT", 5)), int(getattr(settings, "LOGIN_FAILURES_PER_ADDRESS", 20)),
            int(getattr(settings, "LOGIN_LOCKOUT_SECONDS", 900)))


def locked(request) -> bool:
    per_account, per_address, _ = _limits()
    _, address = _keys(request, "")
    return cache.get(_account_key(request.user), 0) >= per_account or cache.get(address, 0) >= per_address


def confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def pending_device(user):
    """The authenticator being enrolled: made once and kept until confirmed, so a reload shows the same secret."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def secret_for_manual_entry(device) -> str:
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def check_code(request, device, code) -> bool:
    """Verify `code` against `device` for the signed-in user; on success the session is verified (and a pending
    device confirmed), on failure the failure is counted and announced like a failed login."""
    user = request.user
    verified = verify_token(user, device.persistent_id, code) if not locked(request) else None
    if verified is None:
        _count_failure(request)
        return False
    with transaction.atomic():
        if not verified.confirmed:
            verified.confirmed = True
            verified.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    otp_login(request, verified)
    cache.delete(_account_key(user))
    return True


def _count_failure(request):
    user, username = request.user, request.user.get_username()
    per_account, per_address, seconds = _limits()
    _, address = _keys(request, username)
    # The signals a wrong password sends, so whoever records failed logins and lock-outs records these too.
    user_login_failed.send(sender=__name__, credentials={"username": username, "factor": "totp"}, request=request)
    if _count(_account_key(user), seconds) == per_account:
        lockout_started.send(__name__, request=request, username=username, scope="account")
    if _count(address, seconds) == per_address:
        lockout_started.send(__name__, request=request, username=username, scope="address")


def sign_out_if_locked(request) -> bool:
    if not locked(request):
        return False
    logger.warning("second factor locked after repeated wrong codes: %s from %s", request.user.get_username(),
                   client_key(request))
    logout(request)
    return True


def reset_devices(user) -> int:
    """Remove every authenticator of `user`: their verified sessions lapse at the next request (the device is
    gone), and their next sign-in asks them to enrol a new one."""
    deleted, _ = TOTPDevice.objects.filter(user=user).delete()
    cache.delete(_account_key(user))
    return deleted
