"""收到申请之日 (条例第三十一条): the day a request counts as received, from which the 20 working days
of Art. 33 are counted (the clock engine counts from the day after it).

- 当面提交: the day it is handed in.
- 邮寄: the day the agency signs for it; a plain letter that needs no signature: the day the office
  confirms it with the applicant.
- 互联网 / 传真: the day both sides confirm it. For an online form the platform's acknowledgement is the
  confirmation; a submission on a non-working day counts from the next working day (the rule
  `NON_WORKDAY_ONLINE_NEXT_WORKDAY` keeps this configurable, as the issue asks).
"""

from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from zhengwu.foi.models import Channel
from zhengwu.timelimits import calendar


def counts_from(day: date) -> date:
    """The rule for what arrives online (or by fax) on a non-working day: it counts from the next working day
    (a correction too, so that both follow one rule)."""
    return calendar.workday_on_or_after(day) if getattr(settings, "NON_WORKDAY_ONLINE_NEXT_WORKDAY", True) else day


def received_on(channel: str, submitted_at: datetime, *, signed_on: date | None = None,
                confirmed_on: date | None = None) -> date:
    local_day = timezone.localtime(submitted_at).date() if timezone.is_aware(submitted_at) else submitted_at.date()
    if channel == Channel.IN_PERSON:
        return local_day
    if channel == Channel.POST:
        if signed_on is None:
            raise ValidationError({"signed_on": "邮寄的申请须填写签收日期。"})
        return signed_on
    if channel == Channel.PLAIN_LETTER:
        if confirmed_on is None:
            raise ValidationError({"confirmed_on": "平常信函须填写与申请人确认的日期。"})
        return confirmed_on
    if channel in (Channel.ONLINE, Channel.FAX):
        return counts_from(confirmed_on or local_day)
    raise ValidationError({"channel": f"未知的申请渠道“{channel}”。"})
