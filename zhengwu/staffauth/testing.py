"""Test support for the second factor (zhengwu/conftest.py uses it).

The suite logs staff in with `client.login(...)` and `client.force_login(user)`; those skip the sign-in pages,
so the shared fixture makes them also pass the second factor: the user gets a confirmed authenticator (made
once) and the session is marked verified, as `django_otp.login` would after a right code. Tests of the second
factor itself ask for the `real_second_factor` fixture, which gives back Django's plain login. Browser tests sign
in through the pages and type `current_code(user)`."""

from django.contrib.auth import get_user_model
from django.test.client import ClientMixin
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PLAIN_LOGIN = ClientMixin._login


def authenticator(user):
    """The user's confirmed test authenticator, made on first use."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="测试验证器", confirmed=True)


def mark_verified(client, user):
    """Mark the client's session as having passed the second factor with the user's test authenticator."""
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = authenticator(user).persistent_id
    session.save()


def login_with_second_factor(self, user, backend=None):
    PLAIN_LOGIN(self, user, backend)
    mark_verified(self, user)


def current_code(user_or_username) -> str:
    """The code the user's test authenticator shows now. The device forgets codes already used, so a test may
    sign the same user in twice within one 30-second step."""
    user = user_or_username
    if isinstance(user, str):
        user = get_user_model().objects.get(username=user)
    device = authenticator(user)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"
