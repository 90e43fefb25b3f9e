"""Public API of 依申请公开: file a request without an account, and follow it with number and code."""

import datetime

from ninja import Body, Router, Schema, Status
from ninja.errors import HttpError

from zhengwu.cases.api import ChallengeOut, InvalidRequest, ThrottledOut  # noqa: F401  (ChallengeOut for the schema)
from zhengwu.cases.tracking import LOOKUPS
from zhengwu.foi.actions import DuplicateSubmission, public_timeline, submit_request
from zhengwu.foi.forms import RequestForm
from zhengwu.foi.lookups import RequestLookupGuard
from zhengwu.throttle import ANSWER_FIELD, FOI_SUBMISSIONS, TOKEN_FIELD, Challenge, Gate

router = Router(tags=["依申请公开"])


class SubmittedOut(Schema):
    number: str
    tracking_code: str
    received_on: datetime.date
    due_on: datetime.date


class TimelineEntry(Schema):
    at: datetime.datetime
    on: datetime.date | None
    kind: str
    label: str
    message: str


class StatusOut(Schema):
    number: str
    agency: str
    state: str
    state_label: str
    received_on: datetime.date
    due_on: datetime.date | None
    due_explanation: list[str]
    outcome: str
    timeline: list[TimelineEntry]


@router.post("/requests", response={201: SubmittedOut, 429: ThrottledOut}, summary="提交政府信息公开申请（无需登录）",
             description="同一网络一小时内提交较多时须回答验证问题：429 响应的 captcha 中给出问题和 token，"
                         "在请求中附上 captcha_token 和 captcha_answer（阿拉伯数字）后重新提交；"
                         "超过上限时 429 并带 Retry-After。")
def create_request(request, payload: dict = Body(...)):
    gate = Gate(FOI_SUBMISSIONS, request, payload.get(TOKEN_FIELD), payload.get(ANSWER_FIELD))
    if gate.refused:
        raise gate.api_refusal()
    form = RequestForm(data={key: value for key, value in payload.items() if isinstance(value, str | int)})
    valid = form.is_valid()
    if not gate.admit(valid):
        if not valid:
            raise InvalidRequest({field: [str(message) for message in messages]
                                  for field, messages in form.errors.items()})
        raise gate.api_refusal()
    user = request.user if request.user.is_authenticated else None
    try:
        filed = submit_request(form.cleaned_data, applicant_user=user)
    except DuplicateSubmission as duplicate:
        raise HttpError(409, str(duplicate)) from None
    return Status(201, {"number": filed.number, "tracking_code": filed.tracking_code, "received_on": filed.received_on,
                        "due_on": filed.clock.due_on})


@router.get("/captcha", response=ChallengeOut, summary="取得验证问题（提交或查询较频繁时使用；查询时 purpose=lookup）")
def captcha(request, purpose: str = "apply"):
    return Challenge.new(LOOKUPS.scope if purpose == "lookup" else FOI_SUBMISSIONS.scope).as_json()


class RequestLookupIn(Schema):
    number: str
    code: str
    captcha_token: str = ""
    captcha_answer: str = ""


class RequestNotFoundOut(Schema):
    detail: str


LOOKUP_LIMITS = ("编号或查询码不正确时一律返回 404。同一网络一小时内查询失败较多时须回答验证问题（429 响应的 captcha，"
                 "带 captcha_token 和 captcha_answer 重新查询），超过上限时 429 并带 Retry-After；同一编号失败过多时"
                 "该网络对该编号的查询也暂停。")


# Declared before /requests/{number}: its path would take "lookup" for a number and answer POST with 405.
@router.post("/requests/lookup", response={200: StatusOut, 404: RequestNotFoundOut, 429: ThrottledOut},
             summary="凭申请编号和查询码查询办理进度",
             description="请求体 {\"number\", \"code\"}：查询码放在请求体中，不进入网址和代理日志。" + LOOKUP_LIMITS)
def lookup_request(request, payload: RequestLookupIn):
    return status_json(_found(request, payload.number, payload.code, payload.captcha_token, payload.captcha_answer))


@router.get("/requests/{number}", response={200: StatusOut, 404: RequestNotFoundOut, 429: ThrottledOut},
            summary="凭申请编号和查询码查询办理进度（已弃用，请改用 POST /requests/lookup）", deprecated=True,
            description="查询码作为网址参数会留在浏览器历史和代理日志中：请改用 POST /requests/lookup。仅为兼容保留。"
                        + LOOKUP_LIMITS)
def request_status(request, number: str, code: str = "", captcha_token: str = "", captcha_answer: str = ""):
    return status_json(_found(request, number, code, captcha_token, captcha_answer))


def _found(request, number, code, token, answer):
    """The request with this number and code, through the one lookup guard; else the 404 or 429 to answer."""
    return RequestLookupGuard(request, token, answer).api_find(number, code, "申请编号或查询码不正确。")


def status_json(found):
    return {
        "number": found.number, "agency": found.agency.name, "state": found.state,
        "state_label": found.get_state_display(), "received_on": found.received_on,
        "due_on": found.clock.due_on if found.clock else None,
        "due_explanation": found.clock.explain() if found.clock else [], "outcome": found.outcome_label,
        "timeline": [{"at": e.at, "on": e.on, "kind": e.kind, "label": e.get_kind_display(), "message": e.message}
                     for e in public_timeline(found)],
    }
