import pytest
from django.contrib.auth.models import Permission

PASSWORD = "Test-password-2026"


class FailingBackend:
    """Stands in for a gateway that is down; its error mentions a phone number that must not reach the log."""

    def send(self, notification):
        raise RuntimeError("网关不可用：13812345678 发送超时")


@pytest.fixture
def staff(django_user_model):
    """Make a user who may enter the Wagtail admin (optionally with extra permissions, 'app.codename')."""

    def make(username, *perms, **extra):
        user = django_user_model.objects.create_user(username=username, password=PASSWORD,
                                                     email=f"{username}@example.com", **extra)
        for perm in ("wagtailadmin.access_admin", *perms):
            app_label, codename = perm.split(".")
            user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        return user

    return make


class RecordingBackend:
    """Stands in for the SMS gateway / mail server: what the recipient received, as (address, subject, body)."""

    received = []

    def send(self, notification):
        RecordingBackend.received.append((notification.recipient_address, notification.subject, notification.body))


class EchoingFailingBackend:
    """A gateway that is down and quotes the message back in its error (as some do)."""

    def send(self, notification):
        raise RuntimeError(f"网关拒收：{notification.body}")


@pytest.fixture
def received():
    RecordingBackend.received = []
    return RecordingBackend.received
