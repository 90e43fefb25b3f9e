"""Public API of 依申请公开: file a request without an account, and follow it with number and code."""

import datetime

from django.http import Http404
from ninja import Body, Router, Schema, Status
from ninja.errors import HttpError

from zhengwu.cases.api import ChallengeOut, InvalidRequest, ThrottledOut  # noqa: F401  (ChallengeOut for the schema)
from zhengwu.cases.tracking import code_matches
from zhengwu.foi.actions import DuplicateSubmission, public_timeline, submit_request
from zhengwu.foi.forms import RequestForm
from zhengwu.foi.models import InformationRequest
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


@router.get("/captcha", response=ChallengeOut, summary="取得验证问题（提交较频繁时使用）")
def captcha(request):
    return Challenge.new(FOI_SUBMISSIONS.scope).as_json()


@router.get("/requests/{number}", response=StatusOut, summary="凭申请编号和查询码查询办理进度")
def request_status(request, number: str, code: str):
    found = InformationRequest.objects.select_related("agency", "clock").filter(number=number).first()
    if found is None or not code_matches(found, code):
        raise Http404("申请编号或查询码不正确。")
    return {
        "number": found.number, "agency": found.agency.name, "state": found.state,
        "state_label": found.get_state_display(), "received_on": found.received_on,
        "due_on": found.clock.due_on if found.clock else None,
        "due_explanation": found.clock.explain() if found.clock else [], "outcome": found.outcome_label,
        "timeline": [{"at": e.at, "on": e.on, "kind": e.kind, "label": e.get_kind_display(), "message": e.message}
                     for e in public_timeline(found)],
    }
