"""The one notification interface of the platform.

Call :func:`notify` from an ``actions.py`` function inside the transaction that changes state. The row is
written in that transaction; email and SMS go out only after it commits (``transaction.on_commit``), so a
rolled-back change sends nothing. A delivery failure marks the row ``failed`` with the error and never
raises into the caller; :func:`send_pending` (management command ``send_pending_notifications``) retries.

Secrets. A message may carry one secret (a 查询码): ``notify(..., secret=code)``, or by default the
``tracking_code`` the ``about`` case holds in memory right after it was issued. The row's subject and body
keep ``SECRET_MARK`` in its place — so the notification log never shows it — and the secret itself is kept
encrypted only until a send succeeds (a failed one is retried), then erased. The backend alone gets the text
with the secret put back.
"""

import copy
import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string

from zhengwu.privacy.validators import MOBILE_PHONE_RE

from .backends import get_backend, mask_text
from .models import SECRET_MARK, Notification
from .rendering import render

logger = logging.getLogger("zhengwu.notifications")

Channel = Notification.Channel
Status = Notification.Status



def _recipient_address(channel, user):
    if user is None:
        return ""
    if channel == Channel.EMAIL:
        return user.email or ""
    if channel == Channel.SMS:
        resolver = getattr(settings, "NOTIFICATION_PHONE_RESOLVER", None)
        if resolver:
            return import_string(resolver)(user) or ""
        return getattr(user, "phone", "") or ""
    return ""


def _build(channel, *, to_user, to_address, subject, body, about, template, context, secret=None):
    if channel not in Channel.values:
        raise ValueError(f"未知的通知渠道：{channel}")
    if secret is None and channel != Channel.SITE:
        secret = getattr(about, "tracking_code", "")  # a case's code exists only in the request that issued it
    if secret and channel == Channel.SITE:
        raise ValueError("站内消息本身就是保存的记录，不能携带保密内容 secret")
    if channel == Channel.SITE and to_user is None:
        raise ValueError("站内消息必须指定收件用户 to_user")
    if template and (subject is None or body is None):
        rendered_subject, rendered_body = render(template, {**(context or {}), "recipient": to_user, "about": about})
        subject = rendered_subject if subject is None else subject
        body = rendered_body if body is None else body
    if subject is None:
        raise ValueError("需要提供 subject（或 template）")
    subject, body = " ".join(str(subject).split()), str(body or "")
    secret = str(secret or "")
    if secret and (secret in subject or secret in body):
        subject, body = subject.replace(secret, SECRET_MARK), body.replace(secret, SECRET_MARK)
    else:
        secret = ""  # not in the text: nothing to hide, nothing to keep
    notification = Notification(
        channel=channel, recipient_user=to_user,
        recipient_address=(to_address or _recipient_address(channel, to_user)).strip(),
        subject=subject[:255], body=body, template=template or "", secret=secret or "")
    if about is not None:
        if about.pk is None:
            raise ValueError("关联对象 about 尚未保存")
        notification.content_type = ContentType.objects.get_for_model(about)
        notification.object_id = str(about.pk)
    if channel == Channel.SITE:  # the row is the message: delivered once it is committed
        notification.status, notification.attempts, notification.sent_at = Status.SENT, 1, timezone.now()
    return notification


def _send_after_commit(notifications):
    ids = [n.pk for n in notifications if n.channel != Channel.SITE]
    if ids:
        transaction.on_commit(partial(dispatch, ids), robust=True)


def dispatch(ids):
    """Hand freshly committed rows to the task backend (inline by default); on failure leave them pending."""
    from .tasks import send_notifications_task

    try:
        send_notifications_task.enqueue(list(ids))
    except Exception as exc:  # the worker (send_pending_notifications) picks the rows up later
        logger.warning("通知 %s 未能交给任务队列，保留待发送：%s", ids, mask_text(f"{type(exc).__name__}: {exc}"))


def notify(channel, *, to_user=None, to_address=None, subject=None, body=None, about=None, template=None,
           context=None, secret=None) -> Notification:
    """Record one notification now and send it after the caller's transaction commits.

    ``channel``: "email", "sms" or "site". ``to_user`` and/or ``to_address`` (an email address or phone;
    for email the user's address is used when none is given). Either ``subject``/``body`` or a ``template``
    key (``notifications/<key>.txt``) rendered with ``context`` plus ``recipient`` and ``about``.
    ``about`` is the related object (a case, letter, card…). ``secret`` (default: ``about.tracking_code``, if
    any) is never saved in clear: see the module's docstring. Raises ``ValueError`` only for caller errors
    (unknown channel, site message without user or with a secret, no subject); delivery problems never raise.
    """
    notification = _build(channel, to_user=to_user, to_address=to_address, subject=subject, body=body,
                          about=about, template=template, context=context, secret=secret)
    notification.save()
    _send_after_commit([notification])
    return notification


def notify_many(channel, *, to_users=(), to_addresses=(), subject=None, body=None, about=None, template=None,
                context=None) -> list[Notification]:
    """:func:`notify` for many recipients at once (one row each, rendered per recipient, one bulk insert)."""
    built = [_build(channel, to_user=user, to_address=None, subject=subject, body=body, about=about,
                    template=template, context=context) for user in to_users]
    built += [_build(channel, to_user=None, to_address=address, subject=subject, body=body, about=about,
                     template=template, context=context) for address in to_addresses]
    created = Notification.objects.bulk_create(built)
    _send_after_commit(created)
    return created


def notify_each(channel, messages, about=None) -> list[Notification]:
    """:func:`notify` for many recipients with a message each: `messages` is (user, subject, body) tuples;
    one bulk insert (a sweep telling hundreds of people about their own cases)."""
    built = [_build(channel, to_user=user, to_address=None, subject=subject, body=body, about=about, template=None,
                    context=None) for user, subject, body in messages]
    created = Notification.objects.bulk_create(built, batch_size=500)
    _send_after_commit(created)
    return created


def deliver(notification):
    """Send one pending or failed email/SMS row now. Returns the row (updated); never raises on send failure.

    The row is claimed by bumping ``attempts`` conditionally, so two workers never send the same attempt.
    """
    if not isinstance(notification, Notification):
        notification = Notification.objects.filter(pk=notification).first()
        if notification is None:
            return None
    if notification.status == Status.SENT:
        return notification
    claimed = (Notification.objects
               .filter(pk=notification.pk, status=notification.status, attempts=notification.attempts)
               .update(attempts=F("attempts") + 1))
    if not claimed:
        notification.refresh_from_db()
        return notification
    notification.attempts += 1
    outgoing = copy.copy(notification)  # what the recipient gets: the secret in place; this copy is never saved
    outgoing.subject, outgoing.body = notification.with_secret(notification.subject), notification.with_secret(
        notification.body)
    try:
        get_backend(notification.channel).send(outgoing)
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"
        if notification.secret:  # a gateway may echo the text back
            error = error.replace(notification.secret, SECRET_MARK)
        notification.status, notification.error = Status.FAILED, error[:4000]
        Notification.objects.filter(pk=notification.pk).update(status=notification.status, error=notification.error)
        logger.warning("通知 #%s（%s）第 %d 次发送失败：%s", notification.pk, notification.channel,
                       notification.attempts, mask_text(notification.error))
    else:
        notification.status, notification.sent_at, notification.error = Status.SENT, timezone.now(), ""
        notification.secret = ""  # delivered: nothing needs it any more
        Notification.objects.filter(pk=notification.pk).update(status=Status.SENT, sent_at=notification.sent_at,
                                                               error="", secret="")
    return notification


def _deliver_all(queryset, limit):
    counts = {"sent": 0, "failed": 0}
    for notification in queryset.order_by("created_at", "pk")[:limit]:
        result = deliver(notification)
        if result is not None and result.status == Status.SENT:
            counts["sent"] += 1
        elif result is not None and result.status == Status.FAILED:
            counts["failed"] += 1
    return counts


def retry_failed(max_attempts=3, limit=500):
    """Resend failed email/SMS rows that have had fewer than ``max_attempts`` attempts."""
    rows = Notification.objects.filter(status=Status.FAILED, attempts__lt=max_attempts).exclude(channel=Channel.SITE)
    return _deliver_all(rows, limit)


def send_pending(max_attempts=3, grace=None, limit=500):
    """(Re)send what is still owed: failed rows under ``max_attempts``, and pending rows older than ``grace``
    (whose after-commit send was lost, e.g. the process died). Returns ``{"sent": n, "failed": m}``."""
    if grace is None:
        grace = timedelta(seconds=getattr(settings, "NOTIFICATION_PENDING_GRACE_SECONDS", 300))
    owed = (Q(status=Status.PENDING, created_at__lte=timezone.now() - grace)
            | Q(status=Status.FAILED, attempts__lt=max_attempts))
    return _deliver_all(Notification.objects.filter(owed).exclude(channel=Channel.SITE), limit)


def mark_read(notification, user):
    """Mark one of the user's in-site messages read (idempotent). Someone else's message: PermissionDenied."""
    if notification.channel != Channel.SITE or notification.recipient_user_id != user.pk:
        raise PermissionDenied("只能标记本人的站内消息")
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.read_at = now
    return notification


def mark_all_read(user):
    return Notification.objects.unread(user).update(read_at=timezone.now())


def unread_count(user):
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.unread(user).count()


def tell_public(contact, subject, body, about, secret=None):
    """An e-mail or SMS to a member of the public at the contact they gave, sent after commit; nothing when
    the contact is neither an e-mail address nor a mobile number (a landline cannot take a message)."""
    contact = (contact or "").strip()
    if "@" in contact:
        notify("email", to_address=contact, subject=subject, body=body, about=about, secret=secret)
    elif MOBILE_PHONE_RE.match(contact):
        notify("sms", to_address=contact, subject=subject, body=body, about=about, secret=secret)
