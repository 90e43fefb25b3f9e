"""Public JSON API of 决策公开 (mounted at /api/v1/): published consultations with their articles, approved
comments (names and personal data masked; contacts never), figures and adoption feedback; the comment
endpoint behind the public form; the major-decision catalog; hearings and the registration endpoint; and the
surveys (征集调查, their own module survey_api, mounted on this router at the end).

Submissions go through the same forms, actions and rate limits as the pages: past the soft limit the answer
is 429 with a text question (captcha; send captcha_token and captcha_answer), past the hard limit 429 with
Retry-After. Errors are in Chinese."""

import datetime

from django.core.paginator import Paginator
from django.urls import reverse
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from zhengwu.cases.api import ChallengeOut, InvalidRequest, ThrottledOut, form_errors
from zhengwu.consultation import public
from zhengwu.consultation.actions import (
    closed_message,
    register,
    registration_closed_message,
    submit_comment,
)
from zhengwu.consultation.display import public_text
from zhengwu.consultation.forms import COMMENTS, REGISTRATIONS, CommentForm, RegistrationForm
from zhengwu.consultation.models import Stage
from zhengwu.throttle import Challenge, Gate

router = Router(tags=["决策公开"])

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


# -- schemas ---------------------------------------------------------------------------------------------------

class DetailOut(Schema):
    detail: str


class InvalidOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class ArticleOut(Schema):
    id: int
    number: int
    label: str
    chapter: str
    text: str


class AttachmentOut(Schema):
    title: str
    url: str


class CommentOut(Schema):
    id: int
    article_id: int | None
    target: str
    name: str
    text: str
    submitted_on: datetime.date


class FiguresOut(Schema):
    received: int
    shown: int
    adopted: int | None
    partly_adopted: int | None
    not_adopted: int | None


class FeedbackItemOut(Schema):
    opinion: str
    article_id: int | None
    target: str
    outcome: str
    outcome_label: str
    reason: str
    comment_ids: list[int]


class FeedbackOut(Schema):
    summary: str
    published_at: datetime.datetime
    items: list[FeedbackItemOut]


class ConsultationOut(Schema):
    id: int
    title: str
    kind: str
    kind_label: str
    agency_id: int
    agency: str
    explanation: str
    opens_on: datetime.date
    closes_on: datetime.date
    period_days: int
    short_period_reason: str
    status: str
    status_label: str
    days_left: int | None
    accepting_comments: bool
    other_channels: str
    published_at: datetime.datetime
    articles: list[ArticleOut]
    attachments: list[AttachmentOut]
    comment_counts: FiguresOut
    feedback: FeedbackOut | None
    url: str


class ConsultationDetailOut(ConsultationOut):
    comments: list[CommentOut]


class ConsultationPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[ConsultationOut]


class CommentIn(Schema):
    text: str
    name: str
    contact: str
    anonymous: bool = False
    article_id: int | None = None  # an article's id from the consultation's `articles`; none: the whole draft
    captcha_token: str = ""
    captcha_answer: str = ""


class FiledOut(Schema):
    id: int
    state: str
    state_label: str
    message: str


class StageOut(Schema):
    stage: str
    label: str
    status: str
    status_label: str
    done_on: datetime.date | None
    note: str


class DecisionOut(Schema):
    id: int
    year: int
    number: int
    title: str
    description: str
    agency_id: int
    agency: str
    legal_basis: str
    planned: str
    stages: list[StageOut]
    consultation_id: int | None
    hearing_id: int | None


class DecisionPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[DecisionOut]


class ParticipantOut(Schema):
    name: str
    interest: str
    interest_label: str
    position: str
    position_label: str


class ReportOut(Schema):
    record: str
    result: str
    published_at: datetime.datetime


class HearingOut(Schema):
    id: int
    subject: str
    description: str
    agency_id: int
    agency: str
    held_at: datetime.datetime
    place: str
    seats: int
    registration_closes_at: datetime.datetime
    registration_open: bool
    status: str
    status_label: str
    selection_method: str
    selection_method_label: str
    selection_note: str
    contact_info: str
    participants_announced_at: datetime.datetime | None
    participants: list[ParticipantOut]
    report: ReportOut | None
    url: str


class HearingPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[HearingOut]


class RegistrationIn(Schema):
    name: str
    contact: str
    interest: str
    position: str
    statement: str
    captcha_token: str = ""
    captcha_answer: str = ""


# -- helpers -----------------------------------------------------------------------------------------------------

def paged(queryset, page, page_size):
    if page < 1:
        raise HttpError(400, "页码须为正整数。")
    if page_size < 1:
        raise HttpError(400, "每页条数须为正整数。")
    page_size = min(page_size, MAX_PAGE_SIZE)
    paginator = Paginator(queryset, page_size)
    # A page past the end is empty rather than an error, so a client can simply stop when results run out.
    results = paginator.page(page).object_list if page <= paginator.num_pages else []
    return {"count": paginator.count, "page": page, "page_size": page_size}, results


def comment_json(comment):
    return {"id": comment.pk, "article_id": comment.article_id, "target": comment.target_label,
            "name": comment.public_name, "text": public_text(comment.text),
            "submitted_on": comment.submitted_at.date()}


def feedback_json(feedback):
    if feedback is None:
        return None
    return {"summary": feedback.summary, "published_at": feedback.published_at, "items": [{
        "opinion": public_text(item.opinion), "article_id": item.article_id,
        "target": item.article.label if item.article else "草案整体", "outcome": item.outcome,
        "outcome_label": item.get_outcome_display(), "reason": item.reason,
        "comment_ids": [c.pk for c in item.comments.all()]} for item in feedback.items.all()]}


def consultation_json(request, consultation, *, comments=False):
    feedback = public.published_feedback(consultation)
    data = {
        "id": consultation.pk, "title": consultation.title, "kind": consultation.kind,
        "kind_label": consultation.get_kind_display(), "agency_id": consultation.agency_id,
        "agency": consultation.agency.name, "explanation": consultation.explanation,
        "opens_on": consultation.opens_on, "closes_on": consultation.closes_on,
        "period_days": consultation.period_days, "short_period_reason": consultation.short_period_reason,
        "status": consultation.phase(), "status_label": consultation.phase_label(),
        "days_left": consultation.days_left(), "accepting_comments": consultation.is_open(),
        "other_channels": consultation.other_channels, "published_at": consultation.published_at,
        "articles": [{"id": a.pk, "number": a.number, "label": a.label, "chapter": a.chapter, "text": a.text}
                     for a in consultation.articles.all()],
        "attachments": [{"title": a.title or a.document.title, "url": request.build_absolute_uri(a.document.url)}
                        for a in consultation.attachments.all() if not a.document.private],
        "comment_counts": public.figures(consultation, feedback), "feedback": feedback_json(feedback),
        "url": request.build_absolute_uri(reverse("consultation-detail", args=[consultation.pk])),
    }
    if comments:
        data["comments"] = [comment_json(c) for c in public.shown_comments(consultation)]
    return data


def hearing_json(request, hearing):
    report = public.published_report(hearing)
    return {
        "id": hearing.pk, "subject": hearing.subject, "description": hearing.description,
        "agency_id": hearing.agency_id, "agency": hearing.agency.name, "held_at": hearing.held_at,
        "place": hearing.place, "seats": hearing.seats, "registration_closes_at": hearing.registration_closes_at,
        "registration_open": hearing.registration_open(), "status": hearing.phase(),
        "status_label": hearing.phase_label(), "selection_method": hearing.selection_method,
        "selection_method_label": hearing.get_selection_method_display(), "selection_note": hearing.selection_note,
        "contact_info": hearing.contact_info, "participants_announced_at": hearing.participants_announced_at,
        "participants": [{"name": p.public_name, "interest": p.interest, "interest_label": p.get_interest_display(),
                          "position": p.position, "position_label": p.get_position_display()}
                         for p in public.announced_participants(hearing)],
        "report": None if report is None else {"record": public_text(report.record),
                                               "result": public_text(report.result),
                                               "published_at": report.published_at},
        "url": request.build_absolute_uri(reverse("consultation-hearing", args=[hearing.pk])),
    }


# -- consultations -----------------------------------------------------------------------------------------------

@router.get("/consultations", response=ConsultationPage, summary="征求意见的草案（已发布）",
            description="status：open（正在征求意见，默认全部）、closed（已截止）、all；agency：起草单位 ID；"
                        "page 从 1 开始；page_size 默认 20，最大 100。意见统计中的采纳数在采纳情况公布后给出。")
def consultations(request, status: str = "all", agency: int = None, page: int = 1,
                  page_size: int = DEFAULT_PAGE_SIZE):
    if status not in public.PHASES:
        raise HttpError(400, "status 只能是 open、closed 或 all。")
    found = public.with_texts(public.filter_consultations(public.published_consultations(), phase=status,
                                                          agency=agency))
    meta, results = paged(found, page, page_size)
    return {**meta, "results": [consultation_json(request, c) for c in results]}


def find_consultation(consultation_id):
    found = public.with_texts(public.published_consultations()).filter(pk=consultation_id).first()
    if found is None:
        raise HttpError(404, "未找到该征求意见，或它尚未发布。")
    return found


@router.get("/consultations/{consultation_id}", response=ConsultationDetailOut, summary="一件征求意见：条文、公开的意见和采纳情况")
def consultation(request, consultation_id: int):
    return consultation_json(request, find_consultation(consultation_id), comments=True)


@router.get("/consultations/comments/captcha", response=ChallengeOut, summary="取得验证问题（提交意见较频繁时使用）")
def comment_captcha(request):
    return Challenge.new(COMMENTS.scope).as_json()


@router.post("/consultations/{consultation_id}/comments",
             response={201: FiledOut, 404: DetailOut, 409: DetailOut, 422: InvalidOut, 429: ThrottledOut},
             summary="对草案整体或某一条提出意见（无需登录）",
             description="article_id 为该草案 articles 中某一条的 id，不填则针对草案整体。contact 为手机号码、固定电话或"
                         "电子邮箱，仅供起草单位联系，任何接口都不返回。意见经审核后公开。征求意见期外提交返回 409。"
                         "同一网络一小时内提交较多时须回答验证问题（见 429 响应的 captcha）。")
def post_comment(request, consultation_id: int, payload: CommentIn):
    found = find_consultation(consultation_id)
    refusal = closed_message(found)
    if refusal:
        raise HttpError(409, refusal)
    gate = Gate(COMMENTS, request, payload.captcha_token, payload.captcha_answer)
    if gate.refused:
        raise gate.api_refusal()
    form = CommentForm(found, {"article": "" if payload.article_id is None else str(payload.article_id),
                               "text": payload.text, "name": payload.name, "contact": payload.contact,
                               "anonymous": "on" if payload.anonymous else ""})
    valid = form.is_valid()
    gate.admit_api(valid, lambda: InvalidRequest(form_errors(form, {"article": "article_id"}), what="意见"))
    comment = submit_comment(found, **form.submission())
    return Status(201, {"id": comment.pk, "state": comment.state, "state_label": comment.get_state_display(),
                        "message": f"意见已提交（编号 {comment.pk}），经审核后公开。"})


# -- the decision catalog -----------------------------------------------------------------------------------------

@router.get("/decisions", response=DecisionPage, summary="重大行政决策事项目录",
            description="year：目录年度；agency：决策承办单位 ID；每项给出公众参与、专家论证、风险评估、合法性审查、"
                        "集体讨论决定五个程序的进展（not_required 无需开展、pending 未完成、done 已完成）。")
def decisions(request, year: int = None, agency: int = None, page: int = 1, page_size: int = DEFAULT_PAGE_SIZE):
    found = public.published_decisions()
    if year is not None:
        found = found.filter(year=year)
    if agency is not None:
        found = found.filter(agency_id=agency)
    meta, results = paged(found.order_by("-year", "agency__path", "number", "pk"), page, page_size)
    rows = []
    for item in results:
        stages = item.stage_map()
        rows.append({
            "id": item.pk, "year": item.year, "number": item.number, "title": item.title,
            "description": item.description, "agency_id": item.agency_id, "agency": item.agency.name,
            "legal_basis": item.legal_basis, "planned": item.planned,
            "consultation_id": item.consultation_id if item.consultation and item.consultation.is_published else None,
            "hearing_id": item.hearing_id if item.hearing and item.hearing.is_published else None,
            "stages": [{"stage": stage.value, "label": stage.label,
                        "status": stages[stage].status if stage in stages else "pending",
                        "status_label": stages[stage].get_status_display() if stage in stages else "未完成",
                        "done_on": stages[stage].done_on if stage in stages else None,
                        "note": stages[stage].note if stage in stages else ""} for stage in Stage]})
    return {**meta, "results": rows}


# -- hearings ------------------------------------------------------------------------------------------------------

@router.get("/hearings", response=HearingPage, summary="听证会（已公告）",
            description="status：registration（报名中）、upcoming（报名已截止、尚未举行）、held（已举行）、all（默认）；"
                        "agency：组织单位 ID。参加人名单在公布后给出，姓名部分隐藏。")
def hearings(request, status: str = "all", agency: int = None, page: int = 1, page_size: int = DEFAULT_PAGE_SIZE):
    if status not in public.HEARING_PHASES:
        raise HttpError(400, "status 只能是 registration、upcoming、held 或 all。")
    meta, results = paged(public.filter_hearings(public.published_hearings(), phase=status, agency=agency),
                          page, page_size)
    return {**meta, "results": [hearing_json(request, h) for h in results]}


def find_hearing(hearing_id):
    found = public.published_hearings().filter(pk=hearing_id).first()
    if found is None:
        raise HttpError(404, "未找到该听证会，或它尚未公告。")
    return found


@router.get("/hearings/{hearing_id}", response=HearingOut, summary="一场听证会")
def hearing(request, hearing_id: int):
    return hearing_json(request, find_hearing(hearing_id))


@router.post("/hearings/{hearing_id}/registrations",
             response={201: FiledOut, 404: DetailOut, 409: DetailOut, 422: InvalidOut, 429: ThrottledOut},
             summary="报名参加听证会（无需登录）",
             description="interest：affected 利害关系人、public 普通群众、business 企业或行业代表、expert 专家学者、"
                         "deputy 人大代表和政协委员、other 其他；position：support、oppose、conditional、neutral。"
                         "报名截止后返回 409。同一网络一小时内提交较多时须回答验证问题。")
def post_registration(request, hearing_id: int, payload: RegistrationIn):
    found = find_hearing(hearing_id)
    refusal = registration_closed_message(found)
    if refusal:
        raise HttpError(409, refusal)
    gate = Gate(REGISTRATIONS, request, payload.captcha_token, payload.captcha_answer)
    if gate.refused:
        raise gate.api_refusal()
    form = RegistrationForm(payload.model_dump(exclude={"captcha_token", "captcha_answer"}))
    valid = form.is_valid()
    gate.admit_api(valid, lambda: InvalidRequest(form_errors(form), what="报名"))
    registration = register(found, **form.submission())
    return Status(201, {"id": registration.pk, "state": registration.selection,
                        "state_label": registration.get_selection_display(),
                        "message": f"报名已提交（编号 {registration.pk}），报名截止后遴选，结果将通知您。"})


# The surveys' endpoints (survey_api uses the helpers above, so it is imported once they exist).
from zhengwu.consultation.surveys.api import router as survey_router  # noqa: E402

router.add_router("", survey_router)
