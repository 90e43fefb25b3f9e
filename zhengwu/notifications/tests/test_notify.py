"""notify(): the row is written in the caller's transaction, email/SMS leave only after commit, never raise."""

import logging
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from zhengwu.notifications.actions import deliver, mark_read, notify, notify_many, retry_failed, send_pending
from zhengwu.notifications.models import Notification
from zhengwu.notifications.rendering import render

pytestmark = pytest.mark.django_db

FAILING = {"email": "zhengwu.notifications.tests.conftest.FailingBackend",
           "sms": "zhengwu.notifications.tests.conftest.FailingBackend"}


class Boom(Exception):
    pass


def test_rolled_back_state_change_sends_nothing(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(Boom):
            with transaction.atomic():
                notify("email", to_address="applicant@example.com", subject="已受理", body="您的申请已受理。")
                notify("sms", to_address="13812345678", subject="已受理", body="您的申请已受理。")
                raise Boom
    assert callbacks == []
    assert mailoutbox == []
    assert not Notification.objects.exists()


def test_email_arrives_only_after_commit(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            notification = notify("email", to_address="applicant@example.com", subject="申请已受理",
                                  body="您的政府信息公开申请已受理。\n编号：湘财依申〔2026〕1号")
        assert mailoutbox == []  # committed, but the callback has not run yet
        assert Notification.objects.get(pk=notification.pk).status == "pending"
    assert len(callbacks) == 1
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.subject == "申请已受理"
    assert "编号：湘财依申〔2026〕1号" in mail.body
    assert mail.to == ["applicant@example.com"]
    notification.refresh_from_db()
    assert (notification.status, notification.attempts, notification.error) == ("sent", 1, "")
    assert notification.sent_at is not None


def test_email_to_user_uses_their_address_and_template(django_capture_on_commit_callbacks, mailoutbox,
                                                      django_user_model):
    user = django_user_model.objects.create_user("zhangsan", email="zhangsan@example.com", first_name="张三")
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify("email", to_user=user, template="example", about=user,
                              context={"title": "A&B 公司信息公开申请", "number": "2026-001", "stage": "答复"})
    assert notification.template == "example"
    assert notification.subject == "A&B 公司信息公开申请：办理进度通知"  # plain text: no HTML escaping
    assert mailoutbox[0].to == ["zhangsan@example.com"]
    assert mailoutbox[0].subject == notification.subject
    assert "张三，您好" in mailoutbox[0].body and "已进入“答复”环节" in mailoutbox[0].body
    assert list(Notification.objects.about(user)) == [notification]
    assert notification.about == user


def test_render_splits_subject_and_body():
    subject, body = render("example", {"title": "<事项>", "number": "1", "stage": "受理"})
    assert subject == "<事项>：办理进度通知"
    assert body.startswith("您好") and "“<事项>”（编号 1）已进入“受理”环节" in body
    assert "\n" not in subject


def test_sms_is_recorded_locally_and_the_log_masks_the_phone(django_capture_on_commit_callbacks, caplog):
    caplog.set_level(logging.INFO, logger="zhengwu.notifications")
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify("sms", to_address="13812345678", subject="办件提醒", body="您的办件已办结，请领取证照。")
    notification.refresh_from_db()
    assert (notification.status, notification.recipient_address) == ("sent", "13812345678")
    assert notification.body == "您的办件已办结，请领取证照。"
    assert "138****5678" in caplog.text
    assert "13812345678" not in caplog.text


def test_failing_backend_marks_failed_and_caller_sees_no_exception(django_capture_on_commit_callbacks, caplog):
    caplog.set_level(logging.INFO, logger="zhengwu.notifications")
    with override_settings(NOTIFICATION_BACKENDS=FAILING):
        with django_capture_on_commit_callbacks(execute=True):
            with transaction.atomic():
                notification = notify("sms", to_address="13812345678", subject="提醒", body="正文")
    notification.refresh_from_db()
    assert notification.status == "failed"
    assert notification.attempts == 1
    assert "网关不可用" in notification.error
    assert "发送失败" in caplog.text and "138****5678" in caplog.text
    assert "13812345678" not in caplog.text


def test_missing_address_fails_the_row_not_the_caller(django_capture_on_commit_callbacks, django_user_model):
    user = django_user_model.objects.create_user("noemail")
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify("email", to_user=user, subject="提醒", body="正文")
    notification.refresh_from_db()
    assert notification.status == "failed" and "缺少收件邮箱地址" in notification.error


def test_retry_resends_failed_rows_up_to_max_attempts(django_capture_on_commit_callbacks, mailoutbox):
    with override_settings(NOTIFICATION_BACKENDS=FAILING):
        with django_capture_on_commit_callbacks(execute=True):
            first = notify("email", to_address="a@example.com", subject="一", body="正文一")
            exhausted = notify("email", to_address="b@example.com", subject="二", body="正文二")
        Notification.objects.filter(pk=exhausted.pk).update(attempts=3)
        assert retry_failed(max_attempts=3) == {"sent": 0, "failed": 1}
    first.refresh_from_db()
    assert (first.status, first.attempts) == ("failed", 2)

    assert retry_failed(max_attempts=3) == {"sent": 1, "failed": 0}
    first.refresh_from_db()
    assert (first.status, first.attempts, first.error) == ("sent", 3, "")
    assert [m.subject for m in mailoutbox] == ["一"]
    exhausted.refresh_from_db()
    assert exhausted.status == "failed"  # gave up after 3 attempts
    assert retry_failed() == {"sent": 0, "failed": 0}


def test_command_sends_stale_pending_and_failed_rows(mailoutbox):
    # Rows whose after-commit send was lost (never captured here: the callbacks are not run).
    stale = notify("email", to_address="stale@example.com", subject="遗留", body="正文")
    fresh = notify("email", to_address="fresh@example.com", subject="刚写入", body="正文")
    Notification.objects.filter(pk=stale.pk).update(created_at=timezone.now() - timedelta(hours=1))
    failed = notify("sms", to_address="13912345678", subject="短信", body="正文")
    Notification.objects.filter(pk=failed.pk).update(status="failed", attempts=1, error="超时")

    call_command("send_pending_notifications")
    assert [m.to for m in mailoutbox] == [["stale@example.com"]]
    statuses = dict(Notification.objects.values_list("subject", "status"))
    assert statuses == {"遗留": "sent", "刚写入": "pending", "短信": "sent"}
    assert send_pending(grace=timedelta(0)) == {"sent": 1, "failed": 0}
    fresh.refresh_from_db()
    assert fresh.status == "sent"


def test_a_row_is_not_sent_twice(mailoutbox):
    notification = notify("email", to_address="a@example.com", subject="一次", body="正文")
    stale_copy = Notification.objects.get(pk=notification.pk)
    deliver(notification)
    deliver(stale_copy)  # another worker holding the old state loses the claim
    deliver(notification.pk)
    assert len(mailoutbox) == 1
    notification.refresh_from_db()
    assert notification.attempts == 1


def test_notify_many(django_capture_on_commit_callbacks, mailoutbox, django_user_model):
    users = [django_user_model.objects.create_user(f"u{i}", email=f"u{i}@example.com") for i in range(3)]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        created = notify_many("email", to_users=users, to_addresses=["x@example.com"], subject="通知", body="正文")
    assert len(callbacks) == 1
    assert len(created) == 4 and all(n.pk for n in created)
    assert sorted(m.to[0] for m in mailoutbox) == ["u0@example.com", "u1@example.com", "u2@example.com",
                                                   "x@example.com"]
    assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}


def test_site_message_is_the_row(django_capture_on_commit_callbacks, django_user_model):
    user = django_user_model.objects.create_user("staff1")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notification = notify("site", to_user=user, subject="督办卡", body="您有一张黄牌督办卡。")
    assert callbacks == []
    assert notification.status == "sent" and notification.is_unread
    assert list(Notification.objects.unread(user)) == [notification]


def test_mark_read_only_by_the_recipient(django_user_model):
    owner = django_user_model.objects.create_user("owner")
    other = django_user_model.objects.create_user("other")
    notification = notify("site", to_user=owner, subject="消息", body="")
    with pytest.raises(PermissionDenied):
        mark_read(notification, other)
    mark_read(notification, owner)
    first_read = Notification.objects.get(pk=notification.pk).read_at
    assert first_read is not None
    mark_read(notification, owner)
    assert Notification.objects.get(pk=notification.pk).read_at == first_read


def test_caller_errors_raise():
    with pytest.raises(ValueError):
        notify("fax", to_address="x", subject="s", body="b")
    with pytest.raises(ValueError):
        notify("site", subject="s", body="b")
    with pytest.raises(ValueError):
        notify("email", to_address="a@example.com")
