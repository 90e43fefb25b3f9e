"""Sign-in codes sent by SMS: issue one, redeem one. A code is six random digits; only an HMAC of it (keyed with
SECRET_KEY and bound to the phone) is stored. It is good for SIGNIN_CODE_TTL_SECONDS (5 minutes), once, and
for at most SIGNIN_CODE_MAX_FAILURES wrong tries; a new code retires the earlier ones. How often codes may be
sent (per phone, per network) is the view's business, through zhengwu.throttle."""

import secrets
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from zhengwu.notifications.backends import get_backend
from zhengwu.notifications.models import Notification
from zhengwu.privacy import hashing
from zhengwu.privacy.validators import MOBILE_PHONE_RE

from .models import PhoneSignInCode

CODE_LENGTH = 6


def ttl_seconds():
    return int(getattr(settings, "SIGNIN_CODE_TTL_SECONDS", 300))


def max_failures():
    return int(getattr(settings, "SIGNIN_CODE_MAX_FAILURES", 5))


def normalise_phone(text):
    """A mobile number as people type it (spaces, hyphens, full-width digits, +86) → 11 digits, or None."""
    text = hashing.normalise(text or "", hashing.PHONE)
    for prefix in ("+86", "0086", "86"):
        if text.startswith(prefix) and len(text) == len(prefix) + 11:
            text = text[len(prefix):]
    return text if MOBILE_PHONE_RE.match(text) else None


def phone_key(phone):
    """The phone's blind index: what codes, profiles and rate limits are keyed by, never the number itself."""
    return hashing.blind_index(phone, hashing.PHONE)


def _digest(phone_index, code):
    return salted_hmac("zhengwu.citizen_auth.sms-code", f"{phone_index}:{code}").hexdigest()


def issue_code(phone, *, send=True):
    """Store a fresh code for `phone` (retiring earlier ones) and, with `send`, text it at once. Returns the
    code (for the caller's tests only; nothing shows it). `send=False` is for a number that may not sign in
    this way: the page must look the same, so the code is made and kept but goes nowhere."""
    code = "".join(secrets.choice("0123456789") for _ in range(CODE_LENGTH))
    now, index = timezone.now(), phone_key(phone)
    with transaction.atomic():
        PhoneSignInCode.objects.filter(phone_index=index, used_at__isnull=True, expires_at__gt=now).update(
            expires_at=now)
        PhoneSignInCode.objects.create(phone_index=index, code_hash=_digest(index, code), created_at=now,
                                       expires_at=now + timedelta(seconds=ttl_seconds()))
    if send:
        _text_code(phone, code)
    return code


def _text_code(phone, code):
    """Through the platform's SMS backend, but sent now rather than after commit (the code lives five minutes,
    a retry later is useless) and recorded without the code: a notification row is readable in the admin,
    and a code readable there would let staff sign in as the citizen."""
    minutes = max(1, ttl_seconds() // 60)
    subject = "登录验证码"
    body = f"【湖南省政务服务】您的登录验证码为{code}，{minutes}分钟内有效。如非本人操作，请忽略本短信。"
    message = Notification(channel=Notification.Channel.SMS, recipient_address=phone, subject=subject, body=body)
    record = Notification(channel=Notification.Channel.SMS, recipient_address=phone, subject=subject,
                          body=f"登录验证码（{minutes}分钟内有效；验证码不留存）", attempts=1)
    try:
        get_backend("sms").send(message)
    except Exception as exc:  # the person sees the same page and can ask again; the row says what failed
        record.status, record.error = Notification.Status.FAILED, f"{type(exc).__name__}"[:4000]
    else:
        record.status, record.sent_at = Notification.Status.SENT, timezone.now()
    record.save()


def redeem_code(phone, code):
    """True when `code` is the phone's current code, unused, unexpired and within its tries; it is then spent.
    A wrong code costs one try, counted in the database so parallel guesses cannot share a try."""
    code = unicodedata.normalize("NFKC", str(code or "")).strip()
    if not (code.isascii() and code.isdigit() and len(code) == CODE_LENGTH):
        return False
    now, index = timezone.now(), phone_key(phone)
    current = (PhoneSignInCode.objects.filter(phone_index=index, used_at__isnull=True, expires_at__gt=now)
               .order_by("-created_at", "-pk").first())
    if current is None:
        return False
    # A try is claimed before the code is compared, in one conditional UPDATE, so parallel guesses cannot
    # share a try: at most max_failures() comparisons ever happen for one code.
    rows = PhoneSignInCode.objects.filter(pk=current.pk, used_at__isnull=True, failed_attempts__lt=max_failures())
    if not rows.update(failed_attempts=F("failed_attempts") + 1):
        return False
    if not constant_time_compare(current.code_hash, _digest(index, code)):
        return False
    # The right code: spent by whichever request marks it first, and its try given back.
    return bool(PhoneSignInCode.objects.filter(pk=current.pk, used_at__isnull=True)
                .update(used_at=now, failed_attempts=F("failed_attempts") - 1))
