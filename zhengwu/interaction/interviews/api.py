"""Public JSON API of online interviews (mounted at /api/v1/): the archive, one interview with its published
transcript, the live record after a given line (what live.js polls every few seconds), and the question endpoint
behind the public form.

Questions go through the same form, action and rate limit as the page ("interview-question"): past the soft limit
429 with a text question (captcha; send captcha_token and captcha_answer), past the hard limit 429 with
Retry-After. Questions become public only once selected; contacts are never returned. Errors are in Chinese."""

import datetime

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.urls import reverse
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from zhengwu.cases.api import ChallengeOut, InvalidRequest, ThrottledOut, form_errors
from zhengwu.interaction.actions.interviews import closed_message, submit_question
from zhengwu.interaction.interviews import views as public
from zhengwu.interaction.interviews.forms import QUESTIONS, QuestionForm
from zhengwu.interaction.models import InterviewStatus
from zhengwu.throttle import Challenge, Gate

router = Router(tags=["互动交流"])

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_MESSAGES = 200  # lines per poll; a client that got this many asks again at once with the last id
PICTURE = "max-1000x800"  # the rendition shown for a picture of the live record


class DetailOut(Schema):
    detail: str


class InvalidOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class GuestOut(Schema):
    name: str
    post: str
    photo_url: str | None


class PictureOut(Schema):
    url: str
    width: int
    height: int
    alt: str


class InterviewMessageOut(Schema):
    id: int
    kind: str
    kind_label: str
    speaker: str
    text: str
    picture: PictureOut | None
    question_id: int | None
    posted_at: datetime.datetime


class InterviewQuestionOut(Schema):
    id: int
    nickname: str
    text: str
    submitted_at: datetime.datetime


class TranscriptOut(Schema):
    summary: str
    published_at: datetime.datetime
    messages: list[InterviewMessageOut]


class InterviewOut(Schema):
    id: int
    title: str
    summary: str
    agency_id: int
    agency: str
    host: str
    guests: list[GuestOut]
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    went_live_at: datetime.datetime | None
    ended_at: datetime.datetime | None
    status: str
    status_label: str
    accepting_questions: bool
    url: str
    transcript_url: str | None


class InterviewDetailOut(InterviewOut):
    selected_questions: list[InterviewQuestionOut]
    transcript: TranscriptOut | None


class InterviewPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[InterviewOut]


class MessagesOut(Schema):
    status: str
    status_label: str
    last_id: int
    more: bool
    messages: list[InterviewMessageOut]


class QuestionIn(Schema):
    text: str
    nickname: str = ""
    contact: str = ""
    captcha_token: str = ""
    captcha_answer: str = ""


class FiledOut(Schema):
    id: int
    state: str
    state_label: str
    message: str


# -- helpers -----------------------------------------------------------------------------------------------------

def absolute(request, url):
    return request.build_absolute_uri(url) if url else None


def picture_json(request, image, alt):
    if image is None:
        return None
    rendition = image.get_rendition(PICTURE)
    return {"url": absolute(request, rendition.url), "width": rendition.width, "height": rendition.height,
            "alt": alt or image.title}


def message_json(request, message):
    return {"id": message.pk, "kind": message.kind, "kind_label": message.get_kind_display(),
            "speaker": message.speaker, "text": message.public_text,
            "picture": picture_json(request, message.image, message.image_caption),
            "question_id": message.question_id, "posted_at": message.posted_at}


def interview_json(request, interview):
    transcript = public.published_transcript(interview)
    return {
        "id": interview.pk, "title": interview.title, "summary": interview.summary, "agency_id": interview.agency_id,
        "agency": interview.agency.name, "host": interview.host,
        "guests": [{"name": g.name, "post": g.post,
                    "photo_url": absolute(request, g.photo.get_rendition("fill-240x320").url) if g.photo else None}
                   for g in interview.guests.all()],
        "starts_at": interview.starts_at, "ends_at": interview.ends_at, "went_live_at": interview.went_live_at,
        "ended_at": interview.ended_at, "status": interview.status, "status_label": interview.get_status_display(),
        "accepting_questions": interview.accepting_questions,
        "url": absolute(request, reverse("interview-detail", args=[interview.pk])),
        "transcript_url": absolute(request, reverse("interview-transcript", args=[interview.pk])) if transcript else None,
    }


def find_interview(interview_id):
    found = public.published_interviews().filter(pk=interview_id).first()
    if found is None:
        raise HttpError(404, "未找到该访谈，或它尚未发布。")
    return found


# -- endpoints ---------------------------------------------------------------------------------------------------

@router.get("/interviews", response=InterviewPage, summary="在线访谈（预告、直播中、往期）",
            description="status：announced（预告）、live（直播中）、ended（已结束）、all（默认：直播中、预告、往期依次排列）；"
                        "agency：主办单位 ID；page 从 1 开始；page_size 默认 20，最大 100。文字实录公布后给出 transcript_url。")
def interviews(request, status: str = "all", agency: int = None, page: int = 1, page_size: int = DEFAULT_PAGE_SIZE):
    if status not in public.STATUSES:
        raise HttpError(400, "status 只能是 announced、live、ended 或 all。")
    if page < 1 or page_size < 1:
        raise HttpError(400, "页码和每页条数须为正整数。")
    page_size = min(page_size, MAX_PAGE_SIZE)
    paginator = Paginator(public.filter_interviews(public.published_interviews(), status=status, agency=agency),
                          page_size)
    results = paginator.page(page).object_list if page <= paginator.num_pages else []
    return {"count": paginator.count, "page": page, "page_size": page_size,
            "results": [interview_json(request, i) for i in results]}


@router.get("/interviews/questions/captcha", response=ChallengeOut, summary="取得验证问题（提问较频繁时使用）")
def question_captcha(request):
    return Challenge.new(QUESTIONS.scope).as_json()


@router.get("/interviews/{interview_id}", response={200: InterviewDetailOut, 404: DetailOut},
            summary="一场访谈：嘉宾、已采用的网友提问和公布的文字实录")
def interview(request, interview_id: int):
    found = find_interview(interview_id)
    transcript = public.published_transcript(found)
    data = interview_json(request, found)
    data["selected_questions"] = [{"id": q.pk, "nickname": q.public_name, "text": q.public_text,
                                   "submitted_at": q.submitted_at} for q in public.selected_questions(found)]
    data["transcript"] = None if transcript is None else {
        "summary": transcript.summary, "published_at": transcript.published_at,
        "messages": [message_json(request, m) for m in public.public_messages(found)]}
    return data


@router.get("/interviews/{interview_id}/messages", response={200: MessagesOut, 404: DetailOut},
            url_name="interview_messages", summary="直播内容：某条之后新发布的提问、回答和图片",
            description="after：已收到的最后一条的 id（首次为 0）。按发布顺序返回其后的内容，每次最多 200 条"
                        "（more 为 true 时立即以 last_id 再取）；status 为访谈当前状态，ended 时可停止轮询。"
                        "建议每 2–3 秒请求一次。")
def interview_messages(request, response: HttpResponse, interview_id: int, after: int = 0):
    response["Cache-Control"] = "no-store"  # every poll must reach the database (the one shared state)
    found = find_interview(interview_id)
    if after < 0:
        raise HttpError(400, "after 须为不小于 0 的整数。")
    batch = list(public.public_messages(found, after=after)[:MAX_MESSAGES + 1])
    more, batch = len(batch) > MAX_MESSAGES, batch[:MAX_MESSAGES]
    return {"status": found.status, "status_label": found.get_status_display(),
            "last_id": batch[-1].pk if batch else after, "more": more,
            "messages": [message_json(request, m) for m in batch]}


@router.post("/interviews/{interview_id}/questions",
             response={201: FiledOut, 404: DetailOut, 409: DetailOut, 422: InvalidOut, 429: ThrottledOut},
             summary="向访谈嘉宾提问（无需登录）",
             description="访谈前和直播中均可提问；提问经审核采用后公开（显示网名或“网友”，其中的电话号码等部分隐藏）。"
                         "contact 选填，手机号码或电子邮箱，任何接口都不返回。访谈结束后提交返回 409。"
                         "同一网络一小时内提问较多时须回答验证问题（见 429 响应的 captcha）。")
def post_question(request, interview_id: int, payload: QuestionIn):
    found = find_interview(interview_id)
    refusal = closed_message(found)
    if refusal:
        raise HttpError(409, refusal)
    gate = Gate(QUESTIONS, request, payload.captcha_token, payload.captcha_answer)
    if gate.refused:
        raise gate.api_refusal()
    form = QuestionForm(payload.model_dump(exclude={"captcha_token", "captcha_answer"}))
    valid = form.is_valid()
    gate.admit_api(valid, lambda: InvalidRequest(form_errors(form), what="提问"))
    question = submit_question(found, **form.submission())
    live = found.status == InterviewStatus.LIVE
    return Status(201, {"id": question.pk, "state": question.state, "state_label": question.get_state_display(),
                        "message": f"提问已提交（编号 {question.pk}），经审核采用后"
                                   + ("由主持人向嘉宾提出。" if live else "在访谈页面公开。")})
