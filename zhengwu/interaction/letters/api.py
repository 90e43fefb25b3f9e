"""Public JSON API of the mailboxes (mounted at /api/v1/): published letters and monthly figures, and the
endpoints behind the writer's forms — write a letter, follow it by number and code, rate the reply.

The same checks and Chinese messages as the pages (letter_forms) and the same rate limits: letters count per
hour and network, wrong number/code pairs count as guesses; past the soft limit the answer is 429 with a text
question (captcha_token and captcha_answer), past the hard limit 429 with Retry-After. Attachments are taken
by the web form only."""

import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from zhengwu.cases.api import ChallengeOut, InvalidRequest, ThrottledOut
from zhengwu.interaction.actions import DuplicateLetter, rate_reply, write_letter
from zhengwu.interaction.letters import stats as letter_stats
from zhengwu.interaction.letters.forms import (
    LETTERS,
    LOOKUPS,
    NOT_FOUND,
    LetterForm,
    LetterLookupGuard,
    RatingForm,
)
from zhengwu.interaction.letters.views import letter_status, published_letters
from zhengwu.interaction.models import Mailbox
from zhengwu.throttle import Challenge, Gate

router = Router(tags=["领导信箱"])

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


def invalid(form, what="来信"):
    """422 with each field's Chinese messages."""
    return InvalidRequest({field: [str(m) for m in messages] for field, messages in form.errors.items()}, what)


class MessageOut(Schema):
    detail: str


class MailboxOut(Schema):
    slug: str
    name: str
    kind: str
    kind_label: str
    agency: str
    limit_workdays: int
    is_active: bool
    url: str
    write_url: str


class MonthOut(Schema):
    month: int | None
    received: int
    replied: int
    on_time: int
    on_time_rate: float | None
    referred: int
    average_days: float | None
    rated: int
    satisfaction_rate: float | None
    ratings: dict[str, int]


class StatisticsOut(Schema):
    mailbox: str
    name: str
    year: int
    total: MonthOut
    months: list[MonthOut]


class PublishedLetterOut(Schema):
    number: str
    mailbox: str
    mailbox_name: str
    category: str
    category_label: str
    subject: str
    body: str
    received_on: datetime.date
    replied_on: datetime.date
    reply_agency: str
    reply: str
    rating: str
    rating_label: str
    url: str


class MailboxPageOut(Schema):
    mailboxes: list[MailboxOut]
    year: int
    statistics: list[StatisticsOut]
    count: int
    page: int
    page_size: int
    items: list[PublishedLetterOut]


def mailbox_json(box):
    return {"slug": box.slug, "name": box.name, "kind": box.kind, "kind_label": box.get_kind_display(),
            "agency": box.agency.name, "limit_workdays": box.limit_workdays, "is_active": box.is_active,
            "url": reverse("interaction-mailbox", args=[box.slug]),
            "write_url": reverse("interaction-write", args=[box.slug])}


def published_json(letter):
    return {"number": letter.number, "mailbox": letter.mailbox.slug, "mailbox_name": letter.mailbox.name,
            "category": letter.category, "category_label": letter.get_category_display(),
            "subject": letter.public_subject, "body": letter.public_body, "received_on": letter.received_on,
            "replied_on": letter.replied_on, "reply_agency": letter.reply_agency.name if letter.reply_agency else "",
            "reply": letter.reply, "rating": letter.rating,
            "rating_label": letter.get_rating_display() if letter.rating else "",
            "url": reverse("interaction-letter", args=[letter.number])}


def statistics_json(box, year):
    months, total = letter_stats.monthly(box, year)
    return {"mailbox": box.slug, "name": box.name, "year": year, "total": total.as_dict(),
            "months": [figures.as_dict() for figures in months]}


@router.get("/mailbox", response={200: MailboxPageOut, 404: MessageOut}, summary="领导信箱：公开的来信答复和统计",
            description="mailbox 为信箱网址名（如 szxx），不填则为全部信箱；year 为统计年度（默认今年）；"
                        "q 搜索标题和内容。公开内容已隐去个人信息，仅含写信人同意公开的来信。")
def mailbox_page(request, mailbox: str = "", year: int | None = None, q: str = "", page: int = 1,
                 page_size: int = DEFAULT_PAGE_SIZE):
    boxes = list(Mailbox.objects.select_related("agency"))
    chosen = None
    if mailbox:
        chosen = next((box for box in boxes if box.slug == mailbox), None)
        if chosen is None:
            raise HttpError(404, f"没有网址名为“{mailbox}”的信箱。")
    year = year or datetime.date.today().year
    letters = published_letters(chosen)
    if q.strip():
        letters = letters.filter(Q(public_subject__icontains=q.strip()) | Q(public_body__icontains=q.strip()))
    paginator = Paginator(letters, max(1, min(page_size, MAX_PAGE_SIZE)))
    current = paginator.get_page(page)
    return {"mailboxes": [mailbox_json(box) for box in boxes], "year": year,
            "statistics": [statistics_json(box, year) for box in ([chosen] if chosen else boxes)],
            "count": paginator.count, "page": current.number, "page_size": paginator.per_page,
            "items": [published_json(letter) for letter in current.object_list]}


@router.get("/mailbox/letters/{number}", response={200: PublishedLetterOut, 404: MessageOut},
            summary="一封公开的来信及答复")
def published_letter(request, number: str):
    return published_json(get_object_or_404(published_letters(), number=number))


# -- the writer's endpoints ---------------------------------------------------------------------------------


class LetterIn(Schema):
    category: str
    subject: str
    body: str
    name: str
    phone: str
    email: str = ""
    address: str = ""
    may_publish: bool = False
    pledge: bool = False
    captcha_token: str = ""
    captcha_answer: str = ""


class WrittenOut(Schema):
    number: str
    tracking_code: str
    received_on: datetime.date
    reply_due_on: datetime.date
    grouped: bool


class InvalidOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class EventOut(Schema):
    on: datetime.date
    at: datetime.datetime
    kind: str
    label: str
    message: str


class LetterStatusOut(Schema):
    number: str
    mailbox: str
    category: str
    subject: str
    writer: str
    phone: str
    state: str
    state_label: str
    received_on: datetime.date
    reply_due_on: datetime.date | None
    replied_on: datetime.date | None
    reply_agency: str
    reply: str
    referral: str
    published: bool
    rating: str
    rating_comment: str
    ratable: bool
    timeline: list[EventOut]


@router.get("/mailbox/captcha", response=ChallengeOut, summary="取得验证问题（写信或查询较频繁时使用）")
def captcha(request, purpose: str = "write"):
    return Challenge.new(LOOKUPS.scope if purpose == "lookup" else LETTERS.scope).as_json()


@router.post("/mailbox/{slug}/letters", response={201: WrittenOut, 404: MessageOut, 409: MessageOut,
                                                  410: MessageOut, 422: InvalidOut, 429: ThrottledOut},
             summary="给信箱写信（无需登录）",
             description="category 为 consult（咨询）、suggest（建议）、complain（投诉）、help（求助）、other（其他）；"
                         "pledge 须为 true（承诺所反映情况真实）。422 的 errors 按字段给出中文提示；"
                         "10 分钟内重复提交同一封信返回 409。同一网络一小时内提交较多时须回答验证问题。")
def write(request, slug: str, payload: LetterIn):
    box = get_object_or_404(Mailbox, slug=slug)
    if not box.is_active:
        raise HttpError(410, "该信箱暂停受理来信。")
    gate = Gate(LETTERS, request, payload.captcha_token, payload.captcha_answer)
    if gate.refused:
        raise gate.api_refusal()
    data = payload.dict(exclude={"captcha_token", "captcha_answer", "may_publish", "pledge"})
    data.update({"may_publish": "on" if payload.may_publish else "", "pledge": "on" if payload.pledge else ""})
    form = LetterForm(data)
    valid = form.is_valid()
    gate.admit_api(valid, lambda: invalid(form))
    writer = request.user if request.user.is_authenticated and not request.user.is_staff else None
    try:
        letter = write_letter(box, form.submission(), writer=writer)
    except DuplicateLetter as duplicate:
        raise HttpError(409, str(duplicate)) from None
    except ValidationError as error:
        raise HttpError(409, "；".join(error.messages)) from None
    return Status(201, {"number": letter.number, "tracking_code": letter.tracking_code,
                        "received_on": letter.received_on, "reply_due_on": letter.clock.due_on,
                        "grouped": letter.group_id is not None})


class LookupIn(Schema):
    number: str
    code: str
    captcha_token: str = ""
    captcha_answer: str = ""


class RatingIn(Schema):
    number: str
    code: str
    rating: str
    comment: str = ""


def status_json(letter):
    status = letter_status(letter)
    return {"number": letter.number, "mailbox": letter.mailbox.name, "category": letter.get_category_display(),
            "subject": letter.subject, "writer": letter.masked_name, "phone": letter.masked_phone,
            "state": letter.state, "state_label": letter.get_state_display(), "received_on": letter.received_on,
            "reply_due_on": letter.clock.due_on if letter.is_open and letter.clock else None,
            "replied_on": letter.replied_on, "reply_agency": letter.reply_agency.name if letter.reply_agency else "",
            "reply": letter.reply if letter.state == "replied" else "", "referral": letter.referral,
            "published": letter.published, "rating": letter.rating, "rating_comment": letter.rating_comment,
            "ratable": status["ratable"],
            "timeline": [{"on": e.on, "at": e.at, "kind": e.kind, "label": e.get_kind_display(), "message": e.message}
                         for e in status["timeline"]]}


def _found(request, number, code, token="", answer=""):
    return LetterLookupGuard(request, token, answer).api_find(number, code, NOT_FOUND)


@router.post("/mailbox/lookup", response={200: LetterStatusOut, 404: MessageOut, 429: ThrottledOut},
             summary="凭信件编号和查询码查询来信",
             description="编号或查询码不正确时一律返回 404。查询失败较多时须回答验证问题，超过上限时 429 并带 Retry-After。")
def lookup(request, payload: LookupIn):
    return status_json(_found(request, payload.number, payload.code, payload.captcha_token, payload.captcha_answer))


@router.post("/mailbox/rating", response={200: LetterStatusOut, 404: MessageOut, 409: MessageOut,
                                          422: InvalidOut, 429: ThrottledOut},
             summary="评价来信答复（满意 satisfied、基本满意 basically、不满意 unsatisfied）",
             description="答复后可评价一次；不满意须说明原因。")
def rate(request, payload: RatingIn):
    letter = _found(request, payload.number, payload.code)
    form = RatingForm({"rating": payload.rating, "comment": payload.comment})
    if not form.is_valid():
        raise invalid(form, "评价")
    letter = rate_reply(letter, form.cleaned_data["rating"], form.cleaned_data["comment"])
    return status_json(letter)
