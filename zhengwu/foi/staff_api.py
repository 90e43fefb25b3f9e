"""Staff API of 依申请公开, for the province's other systems: a personal API token (or an admin session)
acts as its owner, sees only the owner's scope, and calls the same `foi.actions` functions as the admin.

    POST /api/v1/foi/requests/{number}/actions   {"action": "request_correction", "items": "…"}
    GET  /api/v1/foi/requests/{number}/case      the case as a handler sees it (internal events included)
    GET  /api/v1/foi/queue                       open requests in scope, soonest due first
    POST /api/v1/foi/registrations               register a paper, letter, fax or in-person request
"""

import base64
import binascii
import datetime
import io
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Body, Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import ValidationError as SchemaError

from zhengwu.api_auth import staff_auth
from zhengwu.cases.api import InvalidRequest, dispatch, schema_errors
from zhengwu.foi import actions
from zhengwu.foi.forms import RequestForm
from zhengwu.foi.models import Channel, Consultation, Extension, InformationRequest, Remedy
from zhengwu.orgs.models import holds, scoped

router = Router(tags=["依申请公开（工作人员）"], auth=staff_auth)


# One schema per action: what the handler fills in on the admin form of the same name.
class Assign(Schema):
    assignee: str


class Note(Schema):
    text: str


class Attach(Schema):
    filename: str
    content_base64: str
    title: str = ""


class RequestCorrection(Schema):
    items: str
    workdays: int | None = None
    on: datetime.date | None = None
    by_post: bool = False  # the period then runs from the delivery day recorded with record_delivery


class ReceiveCorrection(Schema):
    supplied: str
    on: datetime.date | None = None


class Consult(Schema):
    party_kind: Literal["third_party", "other_agency"]
    party_name: str
    question: str
    on: datetime.date | None = None
    by_post: bool = False


class RecordDelivery(Schema):
    notice: Literal["correction", "consultation", "fee"]
    consultation: int | None = None  # which one, for a consultation
    on: datetime.date | None = None


class CloseConsultation(Schema):
    consultation: int
    opinion: Literal["agree", "object", "no_reply"]
    reply: str = ""
    on: datetime.date | None = None


class ProposeExtension(Schema):
    workdays: int
    reason: str
    on: datetime.date | None = None


class DecideExtension(Schema):
    extension: int
    approve: bool
    note: str = ""


class NotifyFee(Schema):
    method: Literal["by_count", "by_volume"]
    pages: int | None = None
    amount: Decimal | None = None
    reduction_reason: str = ""
    on: datetime.date | None = None
    by_post: bool = False


class RecordPayment(Schema):
    reference: str = ""
    on: datetime.date | None = None


class DraftReply(Schema):
    outcome: str
    reasons: str = ""
    how_to_obtain: str = ""
    withheld: str = ""
    withheld_reason: str = ""
    right_agency: str = ""


class ReviewReply(Schema):
    approve: bool
    note: str = ""


class SendReply(Schema):
    detail: str = ""
    on: datetime.date | None = None


class RecordRemedy(Schema):
    kind: Literal["review", "suit_direct", "suit_after_review"]
    filed_on: datetime.date
    body: str
    case_number: str = ""
    note: str = ""


class ConcludeRemedy(Schema):
    remedy: int
    result: Literal["upheld", "corrected", "other", "pending"]
    concluded_on: datetime.date | None = None
    note: str = ""


def _owned(model, request, pk, label):
    found = model.objects.filter(request=request, pk=pk).first()
    if found is None:
        raise HttpError(404, f"本申请没有编号为 {pk} 的{label}。")
    return found


def _attach(request, actor, p: Attach):
    try:
        content = base64.b64decode(p.content_base64, validate=True)
    except (binascii.Error, ValueError):
        raise HttpError(422, "content_base64 不是有效的 Base64 编码。") from None
    stream = io.BytesIO(content)
    stream.name = p.filename
    return actions.attach_document(request, actor=actor, file=stream, title=p.title)


# action name → (schema, call). Every handler action of the admin is here.
ACTIONS = {
    "assign": (Assign, lambda r, u, p: actions.assign(r, actor=u, assignee=p.assignee)),
    "note": (Note, lambda r, u, p: actions.add_note(r, actor=u, text=p.text)),
    "attach": (Attach, lambda r, u, p: _attach(r, u, p)),
    "request_correction": (RequestCorrection, lambda r, u, p: actions.request_correction(
        r, actor=u, items=p.items, workdays=p.workdays, on=p.on, by_post=p.by_post)),
    "receive_correction": (ReceiveCorrection, lambda r, u, p: actions.receive_correction(
        r, actor=u, supplied=p.supplied, on=p.on)),
    "consult": (Consult, lambda r, u, p: actions.consult(
        r, actor=u, party_kind=p.party_kind, party_name=p.party_name, question=p.question, on=p.on,
        by_post=p.by_post)),
    "record_delivery": (RecordDelivery, lambda r, u, p: actions.record_delivery(
        _notice(r, p), actor=u, on=p.on)),
    "close_consultation": (CloseConsultation, lambda r, u, p: actions.close_consultation(
        _owned(Consultation, r, p.consultation, "征求意见"), actor=u, opinion=p.opinion, reply=p.reply, on=p.on)),
    "propose_extension": (ProposeExtension, lambda r, u, p: actions.propose_extension(
        r, actor=u, workdays=p.workdays, reason=p.reason, on=p.on)),
    "decide_extension": (DecideExtension, lambda r, u, p: actions.decide_extension(
        _owned(Extension, r, p.extension, "延期申请"), actor=u, approve=p.approve, note=p.note)),
    "notify_fee": (NotifyFee, lambda r, u, p: actions.notify_fee(
        r, actor=u, method=p.method, pages=p.pages, amount=p.amount, reduction_reason=p.reduction_reason, on=p.on,
        by_post=p.by_post)),
    "record_payment": (RecordPayment, lambda r, u, p: actions.record_payment(
        r, actor=u, reference=p.reference, on=p.on)),
    "draft_reply": (DraftReply, lambda r, u, p: actions.draft_reply(r, actor=u, **p.dict())),
    "review_reply": (ReviewReply, lambda r, u, p: actions.review_reply(
        _reply(r), actor=u, approve=p.approve, note=p.note)),
    "send_reply": (SendReply, lambda r, u, p: actions.send_reply(_reply(r), actor=u, detail=p.detail, on=p.on)),
    "record_remedy": (RecordRemedy, lambda r, u, p: actions.record_remedy(r, actor=u, **p.dict())),
    "conclude_remedy": (ConcludeRemedy, lambda r, u, p: actions.conclude_remedy(
        _owned(Remedy, r, p.remedy, "复议诉讼记录"), actor=u, result=p.result, concluded_on=p.concluded_on,
        note=p.note)),
}


def _notice(request, payload):
    if payload.notice == "consultation":
        return _owned(Consultation, request, payload.consultation, "征求意见")
    found = getattr(request, "correction" if payload.notice == "correction" else "fee", None)
    if found is None:
        raise HttpError(409, "本申请没有该通知。")
    return found


def _reply(request):
    if not hasattr(request, "reply"):
        raise HttpError(409, "本申请尚未拟定答复。")
    return request.reply


def _visible(user, number) -> InformationRequest:
    found = scoped(InformationRequest.objects.select_related("agency", "clock"), user, actions.common.VIEWING_ROLES) \
        .filter(number=number).first()
    if found is None:
        raise Http404("没有找到该申请，或您无权查看。")
    return found


def _date(value):
    return value.isoformat() if value else None


def case(request: InformationRequest) -> dict:
    """The case as a handler sees it; applicant personal data stays masked (full views go through reveal)."""
    request.refresh_from_db()
    clock = request.clock
    reply = getattr(request, "reply", None)
    fee = getattr(request, "fee", None)
    correction = getattr(request, "correction", None)
    return {
        "number": request.number, "agency": request.agency.name, "channel": request.channel,
        "state": request.state, "state_label": request.get_state_display(),
        "applicant": {"type": request.applicant_type, "name": request.masked_name, "phone": request.masked_phone},
        "received_on": _date(request.received_on), "due_on": _date(clock and clock.due_on),
        "days_left": request.time_left(), "due_explanation": clock.explain() if clock else None,
        "assignee": request.assignee.username if request.assignee else None,
        "outcome": request.outcome or None, "decided_on": _date(request.decided_on),
        "correction": correction and {"items": correction.items, "deadline": _date(correction.clock.due_on),
                                      "delivered_on": _date(correction.delivered_on),
                                      "received_on": _date(correction.received_on), "lapsed": correction.lapsed},
        "consultations": [{"id": c.pk, "party_kind": c.party_kind, "party_name": c.party_name,
                           "sent_on": _date(c.sent_on), "delivered_on": _date(c.delivered_on),
                           "reply_due_on": _date(c.clock.due_on),
                           "closed_on": _date(c.closed_on), "opinion": c.opinion or None}
                          for c in request.consultations.select_related("clock")],
        "extensions": [{"id": e.pk, "workdays": e.workdays, "reason": e.reason, "state": e.state}
                       for e in request.extensions.all()],
        "fee": fee and {"method": fee.method, "amount": str(fee.amount), "deadline": _date(fee.clock.due_on),
                        "delivered_on": _date(fee.delivered_on),
                        "paid_on": _date(fee.paid_on), "lapsed": fee.lapsed},
        "reply": reply and {"outcome": reply.outcome, "state": reply.state, "letter_number": reply.letter_number,
                            "sent_on": _date(reply.sent_on)},
        "remedies": [{"id": m.pk, "kind": m.kind, "body": m.body, "filed_on": _date(m.filed_on), "result": m.result}
                     for m in request.remedies.all()],
        "documents": [{"id": d.pk, "title": d.title} for d in request.release_documents.all()],
        "timeline": [{"at": e.at.isoformat(), "on": _date(e.on), "kind": e.kind, "label": e.get_kind_display(),
                      "public": e.public, "message": e.message} for e in request.events.all()],
    }


@router.post("/requests/{number}/actions", summary="办理申请：执行一项办理操作（与管理后台相同）",
             description="请求体为 JSON：action 为操作名（" + "、".join(ACTIONS) + "），其余字段为该操作的参数。"
                         "返回办理后的申请。无权限 403，状态或法定条件不允许 409，参数错误 422。")
def act(request, number: str, payload: dict = Body(...)):
    user = request.user  # the token's owner or the session's user: either way, their scope
    target = _visible(user, number)
    dispatch(ACTIONS, target, user, payload)
    return case(target)


@router.get("/requests/{number}/case", summary="查看申请的办理情况（含内部记录）")
def show_case(request, number: str):
    user = request.user
    return case(_visible(user, number))


@router.get("/queue", summary="待办申请：按答复期限排序")
def queue(request, page: int = Query(1, ge=1, le=100000)):
    user = request.user
    open_requests = scoped(InformationRequest.objects.select_related("agency", "clock"), user, actions.common.VIEWING_ROLES) \
        .filter(state__in=actions.common.OPEN_STATES).order_by("clock__due_on", "pk")
    size = 50
    rows = open_requests[(page - 1) * size: page * size]
    return {"count": open_requests.count(), "page": page, "results": [
        {"number": r.number, "agency": r.agency.name, "state": r.state, "received_on": _date(r.received_on),
         "due_on": _date(r.clock and r.clock.due_on), "days_left": r.time_left()} for r in rows]}


class Registration(Schema):
    channel: Literal["in_person", "post", "plain_letter", "fax"]
    signed_on: datetime.date | None = None
    confirmed_on: datetime.date | None = None
    submitted_at: datetime.datetime | None = None


@router.post("/registrations", response={201: dict}, summary="登记纸质、信函、传真或当面提交的申请")
def register(request, payload: dict = Body(...)):
    user = request.user
    try:
        how = Registration(**{k: payload.get(k) for k in ("channel", "signed_on", "confirmed_on", "submitted_at")
                              if payload.get(k) is not None})
    except SchemaError as error:
        raise InvalidRequest(schema_errors(error)) from None
    form = RequestForm(data={k: v for k, v in payload.items() if isinstance(v, str | int)})
    if not form.is_valid():
        raise InvalidRequest({field: [str(m) for m in messages] for field, messages in form.errors.items()})
    if not holds(user, form.cleaned_data["agency"], "foi.handle"):
        raise HttpError(403, "您只能登记本机关（或下级机关）收到的申请。")
    try:
        filed = actions.submit_request(form.cleaned_data, Channel(how.channel), submitted_at=how.submitted_at,
                                       actor=user, signed_on=how.signed_on, confirmed_on=how.confirmed_on)
    except actions.DuplicateSubmission as duplicate:
        raise HttpError(409, str(duplicate)) from None
    except ValidationError as error:  # e.g. a registered letter without its signing date (Art. 31)
        raise InvalidRequest(error.message_dict) from None
    return Status(201, case(filed))
