import pytest

from .oidc_provider import Provider


class RecordingSmsBackend:
    """An SMS gateway that keeps what it was asked to send, for the tests to read the code from."""

    sent = []

    def send(self, notification):
        RecordingSmsBackend.sent.append((notification.recipient_address, notification.body))


@pytest.fixture
def texts(settings):
    RecordingSmsBackend.sent = []
    settings.NOTIFICATION_BACKENDS = {**settings.NOTIFICATION_BACKENDS,
                                      "sms": "zhengwu.citizen_auth.tests.conftest.RecordingSmsBackend"}
    return RecordingSmsBackend.sent


@pytest.fixture
def provider(settings):
    with Provider() as running:
        for name, value in running.settings().items():
            setattr(settings, name, value)
        yield running
