"""Per-channel delivery backends, chosen by ``settings.NOTIFICATION_BACKENDS``.

A backend is a class with ``send(notification) -> None`` that raises on failure. A real SMS gateway
is a new class implementing :class:`BaseBackend` named in ``NOTIFICATION_BACKENDS["sms"]``; nothing
else changes. In-site messages need no backend: the row is the message.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

from zhengwu.privacy.masking import mask_email, mask_phone, mask_text

logger = logging.getLogger("zhengwu.notifications")

DEFAULT_BACKENDS = {
    "email": "zhengwu.notifications.backends.EmailBackend",
    "sms": "zhengwu.notifications.backends.LoggingSmsBackend",
    "site": "zhengwu.notifications.backends.SiteBackend",
}

def mask_address(address):
    """A recipient address fit for a log line: phones as 138****5678, emails as z****@example.com."""
    address = (address or "").strip()
    return mask_email(address) if "@" in address else mask_phone(address)


class BaseBackend:
    """Deliver one notification; return normally on success, raise any exception on failure."""

    def send(self, notification) -> None:
        raise NotImplementedError


class EmailBackend(BaseBackend):
    """Django's mail machinery: whatever EMAIL_BACKEND is configured (console in development, SMTP in production)."""

    def send(self, notification) -> None:
        if not notification.recipient_address:
            raise ValueError("缺少收件邮箱地址")
        from_email = getattr(settings, "NOTIFICATION_FROM_EMAIL", None) or settings.DEFAULT_FROM_EMAIL
        send_mail(notification.subject, notification.body, from_email, [notification.recipient_address],
                  fail_silently=False)


class LoggingSmsBackend(BaseBackend):
    """No gateway: the Notification row is the local record, plus one log line with the phone masked."""

    def send(self, notification) -> None:
        if not notification.recipient_address:
            raise ValueError("缺少收件手机号码")
        logger.info("短信（未接入短信网关，仅本地记录）#%s 发往 %s：%s（正文 %d 字）", notification.pk,
                    mask_phone(notification.recipient_address), mask_text(notification.subject),
                    len(notification.body))


class SiteBackend(BaseBackend):
    """In-site messages are delivered by existing: the row is what the inbox shows."""

    def send(self, notification) -> None:
        if not notification.recipient_user_id:
            raise ValueError("站内消息缺少收件用户")


def get_backend(channel):
    path = {**DEFAULT_BACKENDS, **getattr(settings, "NOTIFICATION_BACKENDS", {})}.get(channel)
    if not path:
        raise ValueError(f"未知的通知渠道：{channel}")
    return import_string(path)()
