"""A message's secret (a 查询码) reaches its recipient but is never written down in clear: not in the
notification log staff read, not in the row, not in a failed send's error; a retry still delivers it."""

import pytest
from django.db import connection, transaction
from django.test import override_settings
from django.urls import reverse

from zhengwu.notifications.actions import notify, retry_failed
from zhengwu.notifications.models import Notification

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

CODE = "K7QX2MRP"
DOWN = {"sms": "zhengwu.notifications.tests.conftest.EchoingFailingBackend",
        "email": "zhengwu.notifications.tests.conftest.EchoingFailingBackend"}
UP = {"sms": "zhengwu.notifications.tests.conftest.RecordingBackend",
      "email": "zhengwu.notifications.tests.conftest.RecordingBackend"}


def file_and_notify(commit_callbacks):
    with commit_callbacks(execute=True):
        with transaction.atomic():
            return notify("sms", to_address="13812345678", subject="申请已收到",
                          body=f"您的申请已收到，编号 YSQ2026-00001，查询码 {CODE}。", secret=CODE)


def stored_row_text(notification):
    """Every column of the row as the database holds it (the secret column is ciphertext)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {Notification._meta.db_table} WHERE id = %s", [notification.pk])
        return " ".join(str(value) for value in cursor.fetchone())


def log_pages(client, notification):
    index = reverse("notification_log:index")
    return "".join(client.get(url, params).content.decode() for url, params in (
        (index, {}), (index, {"q": "查询码"}), (reverse("notification_log:inspect", args=[notification.pk]), {})))


def test_staff_reading_the_log_never_see_the_code_even_after_a_failed_send_and_its_retry(
        client, staff, received, django_capture_on_commit_callbacks):
    auditor = staff("auditor", "notifications.view_notification")
    assert client.login(username=auditor.username, password=PASSWORD)

    with override_settings(NOTIFICATION_BACKENDS=DOWN):
        notification = file_and_notify(django_capture_on_commit_callbacks)
    notification.refresh_from_db()
    assert notification.status == "failed" and notification.attempts == 1
    html = log_pages(client, notification)
    assert "查询码 〔已隐去〕" in html and "网关拒收" in html  # the log shows the message and the error…
    assert CODE not in html  # …without the code, though the gateway quoted it
    assert CODE not in stored_row_text(notification)
    assert received == []

    with override_settings(NOTIFICATION_BACKENDS=UP):
        assert retry_failed() == {"sent": 1, "failed": 0}
    assert received == [("13812345678", "申请已收到", f"您的申请已收到，编号 YSQ2026-00001，查询码 {CODE}。")]
    notification.refresh_from_db()
    assert notification.status == "sent" and notification.secret == ""  # delivered: not even the ciphertext stays
    html = log_pages(client, notification)
    assert "查询码 〔已隐去〕" in html and CODE not in html
    assert CODE not in stored_row_text(notification)


def test_an_email_carries_the_code_and_its_row_does_not(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify("email", to_address="zhangsan@example.com", subject=f"查询码 {CODE}",
                              body=f"查询码 {CODE}", secret=CODE)
    assert [(mail.subject, mail.body) for mail in mailoutbox] == [(f"查询码 {CODE}", f"查询码 {CODE}")]
    notification.refresh_from_db()
    assert (notification.status, notification.subject, notification.body) == ("sent", "查询码 〔已隐去〕", "查询码 〔已隐去〕")


def test_the_code_a_case_was_just_given_is_hidden_without_being_named(django_user_model, received,
                                                                    django_capture_on_commit_callbacks):
    case = django_user_model.objects.create_user("case-like")  # any saved object; its code lives in memory only
    case.tracking_code = CODE
    with override_settings(NOTIFICATION_BACKENDS=UP), django_capture_on_commit_callbacks(execute=True):
        notification = notify("sms", to_address="13812345678", subject="已收到", body=f"查询码 {CODE}", about=case)
    assert received[0][2] == f"查询码 {CODE}"
    notification.refresh_from_db()
    assert notification.body == "查询码 〔已隐去〕"


def test_an_in_site_message_cannot_carry_a_secret(django_user_model):
    user = django_user_model.objects.create_user("someone")
    with pytest.raises(ValueError):
        notify("site", to_user=user, subject="消息", body=f"查询码 {CODE}", secret=CODE)
