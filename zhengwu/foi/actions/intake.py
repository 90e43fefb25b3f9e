"""State changes of information requests: one function each, one transaction with its events and
clock, notifications after commit."""

import hashlib
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhengwu.cases.tracking import new_tracking_code, tracking_digest
from zhengwu.foi.models import Channel, InformationRequest, RequestEvent
from zhengwu.foi.receipt import received_on as receipt_day
from zhengwu.notifications.actions import notify
from zhengwu.numbering.models import allocate
from zhengwu.privacy import hashing
from zhengwu.timelimits import calendar
from zhengwu.timelimits.actions import start_clock

NUMBER_SERIES = "foi.request"
DUPLICATE_WINDOW = timedelta(minutes=10)


class DuplicateSubmission(Exception):
    def __init__(self, existing):
        self.existing = existing
        super().__init__(f"已收到相同的申请（编号 {existing.number}），请勿重复提交。")


def answer_workdays():
    return int(getattr(settings, "FOI_ANSWER_WORKDAYS", 20))  # 条例第三十三条


def format_number(agency, year, serial):
    return f"YSQ{year}-{agency.pk:05d}-{serial:05d}"


def text_digest(request_fields):
    text = "|".join(str(request_fields.get(k) or "") for k in ("info_title", "info_doc_number", "description"))
    text = "".join(unicodedata.normalize("NFKC", text).split())
    return hashlib.sha256(text.encode()).hexdigest()


def find_duplicate(agency, phone, digest, now):
    return InformationRequest.objects.filter(
        agency=agency, phone_index=hashing.blind_index(phone, hashing.PHONE), text_digest=digest,
        submitted_at__gte=now - DUPLICATE_WINDOW).first()


PROVISIONAL_MARK = "（临时，节假日安排公布后可能调整）"  # a due date counted over a year without official data


@transaction.atomic
def submit_request(fields: dict, channel=Channel.ONLINE, *, submitted_at=None, actor=None, applicant_user=None,
                   signed_on=None, confirmed_on=None) -> InformationRequest:
    """File one request (`fields` as cleaned by RequestForm): number, tracking code, 收到申请之日 and the
    20-working-day clock, its first events; the applicant is told by SMS and email after commit."""
    now = timezone.now()
    submitted_at = submitted_at or now
    agency = fields["agency"]
    digest = text_digest(fields)
    duplicate = find_duplicate(agency, fields["phone"], digest, now)
    if duplicate is not None:
        raise DuplicateSubmission(duplicate)
    late = {name: "不能晚于今天。" for name, day in (("signed_on", signed_on), ("confirmed_on", confirmed_on))
            if day and day > timezone.localdate()}
    if submitted_at > now:
        late["submitted_at"] = "提交时间不能晚于现在。"
    if late:
        raise ValidationError(late)
    received = receipt_day(channel, submitted_at, signed_on=signed_on, confirmed_on=confirmed_on)
    serial = allocate(NUMBER_SERIES, agency, received.year)
    code = new_tracking_code()
    request = InformationRequest.objects.create(
        **fields, number=format_number(agency, received.year, serial),
        tracking_digest=tracking_digest(code),
        channel=channel, applicant_user=applicant_user, submitted_at=submitted_at, received_on=received,
        text_digest=digest)
    request.tracking_code = code  # the clear code: this acknowledgement and its notification only
    request.clock = start_clock(f"依申请公开 {request.number}", received, answer_workdays(), owner=request,
                                actor=actor, reason="条例第三十三条：自收到申请之日起20个工作日内答复")
    request.save(update_fields=["clock"])
    first = RequestEvent.Kind.SUBMITTED if channel == Channel.ONLINE else RequestEvent.Kind.REGISTERED
    RequestEvent.record(request, first, actor, f"{request.get_channel_display()}，申请编号 {request.number}。",
                        on=timezone.localtime(submitted_at).date())
    filed_on = timezone.localtime(submitted_at).date()
    moved = (f"（{filed_on:%Y-%m-%d} 提交时为非工作日，依条例第三十一条以下一工作日为收到申请之日）"
             if channel in (Channel.ONLINE, Channel.FAX) and confirmed_on is None and received > filed_on else "")
    RequestEvent.record(
        request, RequestEvent.Kind.RECEIVED, actor, on=received,
        message=f"收到申请之日为 {received:%Y-%m-%d}{moved}，答复期限至 {request.clock.due_on:%Y-%m-%d}"
                f"{PROVISIONAL_MARK if request.clock.provisional else ''}（{answer_workdays()}个工作日）。",
        data={"due_on": request.clock.due_on.isoformat(),
              "explanation": calendar.explain(received, answer_workdays()).summary})
    context = {"request": request, "due_on": request.clock.due_on, "agency": agency.name}
    notify("sms", to_address=request.phone, template="foi_acknowledgement", about=request, context=context)
    if request.email:
        notify("email", to_address=request.email, template="foi_acknowledgement", about=request, context=context)
    return request


def public_timeline(request):
    return request.events.filter(public=True).order_by("at", "pk")

