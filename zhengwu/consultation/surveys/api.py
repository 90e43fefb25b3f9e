"""Public JSON API of 征集调查 (mounted with the 决策公开 router at /api/v1/): published surveys with their
questions, the figures when they are public (open answers only approved and masked; mobile numbers never),
and the response endpoint behind the public answer sheet — the same form, action, limit and Chinese messages.

Answers are sent as a list of {question_id, option_ids, text}: option ids for a choice question, text for an
open one; a question left out is unanswered. 422 names each question wrong (errors["question_<id>"]), 409 says
the survey is not open or the mobile number has answered before, 429 carries the text question (captcha)."""

import datetime

from django.urls import reverse
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from zhengwu.cases.api import ChallengeOut, InvalidRequest, ThrottledOut, form_errors
from zhengwu.consultation.actions import submit_response, survey_closed_message
from zhengwu.consultation.api import DEFAULT_PAGE_SIZE, DetailOut, InvalidOut, paged
from zhengwu.consultation.display import public_text
from zhengwu.consultation.models import QuestionKind
from zhengwu.consultation.surveys import public as survey_public
from zhengwu.consultation.surveys.forms import SURVEY_RESPONSES, SurveyResponseForm, field_name
from zhengwu.throttle import Challenge, Gate

router = Router(tags=["决策公开"])


# -- schemas ---------------------------------------------------------------------------------------------------

class OptionOut(Schema):
    id: int
    number: int
    text: str


class QuestionOut(Schema):
    id: int
    number: int
    kind: str
    kind_label: str
    text: str
    note: str
    required: bool
    min_choices: int | None
    max_choices: int | None
    rule: str
    options: list[OptionOut]


class OptionFigureOut(Schema):
    option_id: int
    text: str
    count: int
    percent: float


class ShownAnswerOut(Schema):
    text: str
    submitted_on: datetime.date


class QuestionFigureOut(Schema):
    question_id: int
    number: int
    kind: str
    answered: int
    options: list[OptionFigureOut]
    shown_count: int
    shown_answers: list[ShownAnswerOut]


class ResultsOut(Schema):
    responses: int
    questions: list[QuestionFigureOut]


class SurveyOut(Schema):
    id: int
    title: str
    agency_id: int
    agency: str
    intro: str
    opens_on: datetime.date
    closes_on: datetime.date
    status: str
    status_label: str
    days_left: int | None
    accepting_responses: bool
    show_results_while_open: bool
    results_visible: bool
    published_at: datetime.datetime
    url: str


class SurveyDetailOut(SurveyOut):
    questions: list[QuestionOut]
    results: ResultsOut | None


class SurveyPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[SurveyOut]


class AnswerIn(Schema):
    question_id: int
    option_ids: list[int] = []
    text: str = ""


class ResponseIn(Schema):
    phone: str
    answers: list[AnswerIn] = []
    captcha_token: str = ""
    captcha_answer: str = ""


class ResponseFiledOut(Schema):
    id: int
    message: str


# -- helpers ---------------------------------------------------------------------------------------------------

def survey_json(request, survey):
    return {
        "id": survey.pk, "title": survey.title, "agency_id": survey.agency_id, "agency": survey.agency.name,
        "intro": survey.intro, "opens_on": survey.opens_on, "closes_on": survey.closes_on, "status": survey.phase(),
        "status_label": survey.phase_label(), "days_left": survey.days_left(), "accepting_responses": survey.is_open(),
        "show_results_while_open": survey.show_results_while_open, "results_visible": survey.results_visible(),
        "published_at": survey.published_at,
        "url": request.build_absolute_uri(reverse("consultation-survey", args=[survey.pk])),
    }


def question_json(question):
    return {"id": question.pk, "number": question.number, "kind": question.kind,
            "kind_label": question.get_kind_display(), "text": question.text, "note": question.note,
            "required": question.required, "min_choices": question.min_choices,
            "max_choices": question.max_choices, "rule": question.rule_text,
            "options": [{"id": o.pk, "number": o.number, "text": o.text} for o in question.options.all()]}


def results_json(results):
    if results is None:
        return None
    return {"responses": results.responses, "questions": [{
        "question_id": figure.question.pk, "number": figure.question.number, "kind": figure.question.kind,
        "answered": figure.answered,
        "options": [{"option_id": row.option.pk, "text": row.option.text, "count": row.count,
                     "percent": float(row.percent)}
                    for row in figure.options],
        "shown_count": figure.shown_count,
        "shown_answers": [{"text": public_text(answer.text), "submitted_on": answer.response.submitted_at.date()}
                          for answer in figure.shown]} for figure in results.questions]}


def find_survey(survey_id):
    found = survey_public.with_questions(survey_public.published_surveys()).filter(pk=survey_id).first()
    if found is None:
        raise HttpError(404, "未找到该调查，或它尚未发布。")
    return found


def form_data(survey, payload):
    """The JSON answers as the answer sheet's fields; what no sheet could send is refused here, per question."""
    questions = {question.pk: question for question in survey.questions.all()}
    data, errors, seen = {"phone": payload.phone}, {}, set()
    for answer in payload.answers:
        question = questions.get(answer.question_id)
        key = f"question_{answer.question_id}"
        if key in seen:
            errors[key] = ["同一题目只能回答一次。"]
            continue
        seen.add(key)
        if question is None:
            errors[key] = ["该题目不属于本调查。"]
        elif question.kind == QuestionKind.TEXT:
            if answer.option_ids:
                errors[key] = ["本题为问答题，请填写文字回答。"]
            else:
                data[key] = answer.text
        elif answer.text.strip():
            errors[key] = ["本题为选择题，请选择选项。"]
        elif question.kind == QuestionKind.SINGLE and len(answer.option_ids) > 1:
            errors[key] = ["本题只能选择一项。"]
        else:
            values = [str(pk) for pk in answer.option_ids]
            data[key] = values if question.kind == QuestionKind.MULTIPLE else (values[0] if values else "")
    return data, errors


# -- endpoints -------------------------------------------------------------------------------------------------

@router.get("/surveys", response=SurveyPage, summary="征集调查（已发布）",
            description="status：open（正在调查）、closed（已结束）、all（默认）；agency：发布单位 ID；page 从 1 开始；"
                        "page_size 默认 20，最大 100。")
def surveys(request, status: str = "all", agency: int = None, page: int = 1, page_size: int = DEFAULT_PAGE_SIZE):
    if status not in survey_public.PHASES:
        raise HttpError(400, "status 只能是 open、closed 或 all。")
    meta, results = paged(survey_public.filter_surveys(survey_public.published_surveys(), phase=status,
                                                       agency=agency), page, page_size)
    return {**meta, "results": [survey_json(request, s) for s in results]}


@router.get("/surveys/responses/captcha", response=ChallengeOut, summary="取得验证问题（提交答卷较频繁时使用）")
def response_captcha(request):
    return Challenge.new(SURVEY_RESPONSES.scope).as_json()


@router.get("/surveys/{survey_id}", response=SurveyDetailOut, summary="一项调查：题目，以及公开后的统计结果",
            description="results 在调查结束后（或调查设定为调查期间公开时）给出，否则为 null。问答题只给出经审核公开的"
                        "回答，其中的电话号码、电子邮箱和身份证号码部分隐藏。")
def survey(request, survey_id: int):
    found = find_survey(survey_id)
    return {**survey_json(request, found), "questions": [question_json(q) for q in found.questions.all()],
            "results": results_json(survey_public.public_results(found))}


@router.post("/surveys/{survey_id}/responses",
             response={201: ResponseFiledOut, 404: DetailOut, 409: DetailOut, 422: InvalidOut, 429: ThrottledOut},
             summary="提交答卷（无需登录，每个手机号码一次）",
             description="answers：[{question_id, option_ids, text}]，选择题填 option_ids（单选一项），问答题填 text；"
                         "phone 为手机号码，仅用于防止重复提交，任何接口都不返回。调查未开始或已结束、该号码已参与过时返回 409；"
                         "errors 的键为 phone 或 question_<题目 id>。同一网络一小时内提交较多时须回答验证问题（见 429 响应的 captcha）。")
def post_response(request, survey_id: int, payload: ResponseIn):
    found = find_survey(survey_id)
    refusal = survey_closed_message(found)
    if refusal:
        raise HttpError(409, refusal)
    gate = Gate(SURVEY_RESPONSES, request, payload.captcha_token, payload.captcha_answer)
    if gate.refused:
        raise gate.api_refusal()
    data, shape_errors = form_data(found, payload)
    form = SurveyResponseForm(found, data)
    valid = form.is_valid() and not shape_errors
    if not gate.admit(valid):
        if not valid:
            errors = form_errors(form)
            for key, messages in shape_errors.items():
                errors[key] = messages  # the shape's own message says more than the sheet's
            raise InvalidRequest(dict(sorted(errors.items(), key=lambda item: _order(found, item[0]))),
                                 what="答卷")
        raise gate.api_refusal()
    # Closed meanwhile, or the number answered before (AlreadyAnswered): refused, 409 by the API's handler.
    response = submit_response(found, **form.submission())
    return Status(201, {"id": response.pk, "message": f"答卷已提交（编号 {response.pk}），感谢您的参与。"})


def _order(survey, key):
    """Errors in the order of the sheet: the questions by number, then the phone, then anything else."""
    numbers = {field_name(q): q.number for q in survey.questions.all()}
    return (0, numbers[key]) if key in numbers else (1, 0) if key == "phone" else (2, 0)
