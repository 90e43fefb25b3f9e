"""Staff API of service cases (办件), for the province's other systems (一体化政务服务平台, 12345): a personal API
token (or an admin session) acts as its owner, sees only the owner's scope, and calls the same
services.actions functions as the admin. Applicants' personal data stay masked.

    POST /api/v1/services/cases/{number}/actions   {"action": "accept", "on": "2026-03-02"}
    GET  /api/v1/services/cases/{number}/case      the case as staff see it (internal events included)
    GET  /api/v1/services/queue                    open cases in scope, soonest due first, 50 a page
    POST /api/v1/services/registrations            register an application received at the counter

Errors: 401 not signed in; 403 the user's roles do not allow the step; 404 no such case in the user's scope
(another agency's case is never admitted to exist); 409 the case's state or the law does not allow it;
422 bad fields. Every error has a Chinese `detail`.
"""

import base64
import binascii
import datetime
from decimal import Decimal
from typing import Literal

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from ninja import Body, Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import ValidationError as SchemaError

from zhengwu.api_auth import staff_auth
from zhengwu.cases.api import InvalidRequest, dispatch, schema_errors
from zhengwu.orgs.models import scoped
from zhengwu.privacy import masking
from zhengwu.services import actions
from zhengwu.services.actions import CASE_TYPE, VIEWING_ROLES
from zhengwu.services.cases.admin_forms import CounterApplicationForm, counter_matters
from zhengwu.services.cases.admin_views import case_clocks, form_rows, next_due
from zhengwu.services.models import OPEN_CASE_STATES, CaseChannel, Matter, ServiceCase
from zhengwu.supervision.models import Violation
from zhengwu.timelimits.engine import ClockState

router = Router(tags=["政务服务办件（工作人员）"], auth=staff_auth)
PAGE_SIZE = 50


# One schema per action: what staff fill in on the admin form of the same name.
class Route(Schema):
    note: str = ""


class Assign(Schema):
    assignee: str  # username


class RequestCorrection(Schema):
    items: str
    on: datetime.date | None = None


class ReceiveCorrection(Schema):
    supplied: str = ""
    on: datetime.date | None = None


class Accept(Schema):
    on: datetime.date | None = None


class Refuse(Schema):
    reason: str = ""
    on: datetime.date | None = None


class StartSpecial(Schema):
    procedure: int | None = None  # a SpecialProcedure of the matter's guide, or:
    name: str = ""
    on: datetime.date | None = None


class EndSpecial(Schema):
    result: str = ""
    on: datetime.date | None = None


class Decide(Schema):
    decision: Literal["approved", "denied"]
    reason: str = ""
    on: datetime.date | None = None


class RecordFee(Schema):
    amount: Decimal
    on: datetime.date | None = None


class Complete(Schema):
    result_text: str
    on: datetime.date | None = None


class Withdraw(Schema):
    reason: str = ""
    on: datetime.date | None = None


class Note(Schema):
    text: str


def _assignee(username):
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise InvalidRequest({"assignee": ["没有这个用户。"]})
    return user


def _procedure(case, pk):
    if pk is None:
        return None
    found = case.matter.special_procedures.filter(pk=pk).first()
    if found is None:
        raise InvalidRequest({"procedure": [f"办事指南中没有编号为 {pk} 的特别程序。"]})
    return found


# action name → (schema, call). Every staff action of the admin is here.
ACTIONS = {
    "route": (Route, lambda c, u, p: actions.route(c, u, note=p.note)),
    "assign": (Assign, lambda c, u, p: actions.assign(c, u, _assignee(p.assignee))),
    "request_correction": (RequestCorrection, lambda c, u, p: actions.request_correction(c, u, p.items, on=p.on)),
    "receive_correction": (ReceiveCorrection, lambda c, u, p: actions.receive_correction(
        c, u, supplied=p.supplied, on=p.on)),
    "accept": (Accept, lambda c, u, p: actions.accept(c, u, on=p.on)),
    "refuse": (Refuse, lambda c, u, p: actions.refuse(c, u, p.reason, on=p.on)),
    "start_special": (StartSpecial, lambda c, u, p: actions.start_special(
        c, u, procedure=_procedure(c, p.procedure), name=p.name, on=p.on)),
    "end_special": (EndSpecial, lambda c, u, p: actions.end_special(c, u, result=p.result, on=p.on)),
    "decide": (Decide, lambda c, u, p: actions.decide(c, u, p.decision, p.reason, on=p.on)),
    "record_fee": (RecordFee, lambda c, u, p: actions.record_fee(c, u, p.amount, on=p.on)),
    "complete": (Complete, lambda c, u, p: actions.complete(c, u, p.result_text, on=p.on)),
    "withdraw": (Withdraw, lambda c, u, p: actions.withdraw(c, u, reason=p.reason, on=p.on)),
    "note": (Note, lambda c, u, p: actions.add_note(c, u, p.text)),
}


def _in_scope(user):
    return scoped(ServiceCase.objects.select_related("matter", "agency", "window_agency", "clock", "step_clock",
                                                     "assignee"), user, VIEWING_ROLES)


def _visible(user, number) -> ServiceCase:
    found = _in_scope(user).filter(number=(number or "").strip().upper()).first()
    if found is None:
        raise HttpError(404, "没有找到该办件，或您无权查看。")
    return found


def _date(value):
    return value.isoformat() if value else None


def _days_left(clock):
    return clock.days_left() if clock is not None and clock.state == ClockState.RUNNING else None


def staff_view(case: ServiceCase) -> dict:
    """The case as staff see it; the applicant's personal data masked (full values only through reveal in the
    admin, which is logged)."""
    case = ServiceCase.objects.select_related("matter", "agency", "window_agency", "clock", "step_clock",
                                              "assignee").get(pk=case.pk)
    return {
        "number": case.number, "channel": case.channel, "state": case.state, "state_label": case.get_state_display(),
        "matter": {"code": case.matter.code, "name": case.matter.name, "type": case.matter.matter_type},
        "agency": case.agency.name, "window_agency": case.window_agency.name,
        "applicant": {"kind": case.applicant_kind, "name": case.masked_name,
                      "id_number": masking.mask_id_number(case.id_number), "phone": case.masked_phone},
        "form": [{"label": label, "value": value} for label, value in form_rows(case)],
        "received_on": _date(case.received_on), "accepted_on": _date(case.accepted_on),
        "decided_on": _date(case.decided_on), "completed_on": _date(case.completed_on),
        "assignee": case.assignee.username if case.assignee else None,
        "step": case.step_clock.label.split(" ")[0] if case.step_clock else None,
        "step_due_on": _date(case.step_clock.due_on if case.step_clock else None),
        "step_days_left": _days_left(case.step_clock),
        "due_on": _date(case.clock.due_on if case.clock else None), "days_left": _days_left(case.clock),
        "clocks": [{"step": c["name"], "state": c["clock"].state, "limit_workdays": c["clock"].limit_workdays,
                    "due_on": _date(c["clock"].due_on), "days_left": _days_left(c["clock"]), "current": c["current"],
                    "explanation": c["explanation"]} for c in case_clocks(case)],
        "corrections": case.corrections, "refusal_reason": case.refusal_reason, "decision": case.decision or None,
        "decision_reason": case.decision_reason, "fee_charged": str(case.fee_charged), "result_text": case.result_text,
        "special_runs": [{"name": r.name, "counts_toward_limit": r.counts_toward_limit,
                          "started_on": _date(r.started_on), "ended_on": _date(r.ended_on), "result": r.result}
                         for r in case.special_runs.all()],
        "materials": [{"id": m.document_id, "title": m.document.title,
                       "requirement": m.requirement.name if m.requirement else None}
                      for m in case.materials.select_related("document", "requirement")],
        "violations": [{"kind": v.kind, "label": v.get_kind_display(), "detail": v.detail, "found_on": _date(v.found_on)}
                       for v in Violation.objects.filter(case_type=CASE_TYPE, case_id=case.pk).order_by("pk")],
        "timeline": [{"at": e.at.isoformat(), "on": _date(e.on), "kind": e.kind, "label": e.get_kind_display(),
                      "public": e.public, "actor": e.actor.username if e.actor else None, "message": e.message}
                     for e in case.events.select_related("actor")],
    }


@router.post("/cases/{number}/actions", summary="办理办件：执行一项办理操作（与管理后台相同）",
             description="请求体为 JSON：action 为操作名（" + "、".join(ACTIONS) + "），其余字段为该操作的参数。"
                         "返回办理后的办件。无权限 403，不在您的范围内 404，状态或法定条件不允许 409，参数错误 422。")
def act(request, number: str, payload: dict = Body(...)):
    user = request.user  # the token's owner or the session's user: either way, their scope
    case = _visible(user, number)
    dispatch(ACTIONS, case, user, payload)
    return staff_view(case)


@router.get("/cases/{number}/case", summary="查看办件的办理情况（含内部记录）")
def show_case(request, number: str):
    return staff_view(_visible(request.user, number))


@router.get("/queue", summary="在办办件：按最近的到期日排序")
def queue(request, page: int = Query(1, ge=1, le=100000)):
    # Paused cases (no due date) go last, on SQLite and PostgreSQL alike.
    open_cases = (_in_scope(request.user).filter(state__in=OPEN_CASE_STATES).annotate(next_due=next_due())
                  .order_by(F("next_due").asc(nulls_last=True), "received_on", "pk"))
    rows = open_cases[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    return {"count": open_cases.count(), "page": page, "page_size": PAGE_SIZE, "results": [
        {"number": c.number, "matter": c.matter.name, "agency": c.agency.name, "state": c.state,
         "state_label": c.get_state_display(), "channel": c.channel, "applicant": c.masked_name,
         "received_on": _date(c.received_on), "step": c.step_clock.label.split(" ")[0] if c.step_clock else None,
         "step_due_on": _date(c.step_clock.due_on if c.step_clock else None),
         "due_on": _date(c.clock.due_on if c.clock else None), "next_due_on": _date(c.next_due),
         "assignee": c.assignee.username if c.assignee else None} for c in rows]}


class Material(Schema):
    requirement: int
    filename: str
    content_base64: str


class Registration(Schema):
    matter: str  # 事项编码
    applicant_kind: Literal["person", "company"]
    name: str
    id_number: str
    phone: str
    form: dict[str, str] = {}
    materials: list[Material] = []
    consent: bool = False


@router.post("/registrations", response={201: dict}, summary="登记窗口申请（当面提交）",
             description="matter 为事项编码；form 为申请表字段（键为办事指南中申请表字段的 name）；materials 为材料扫描件，"
                         "requirement 为申请材料的编号；consent 为 true 表示申请人已在申请表上签字承诺。返回登记后的办件。")
def register(request, payload: dict = Body(...)):
    user = request.user
    try:
        entry = Registration(**payload)
    except SchemaError as error:
        raise InvalidRequest(schema_errors(error)) from None
    matter = counter_matters(user).filter(code=entry.matter.strip()).first()
    if matter is None:
        if Matter.objects.filter(code=entry.matter.strip(), is_active=True).exists():
            raise HttpError(403, "您只能登记本窗口受理范围内（本级政府及其部门、下级）的事项。")
        raise InvalidRequest({"matter": ["没有这个在用的事项编码。"]})
    data = {"applicant_kind": entry.applicant_kind, "name": entry.name, "id_number": entry.id_number,
            "phone": entry.phone, **{f"form_{k}": v for k, v in entry.form.items()}}
    if entry.consent:
        data["consent"] = "on"
    files = {}
    requirements = {r.pk for r in matter.materials.all()}
    for index, material in enumerate(entry.materials):
        if material.requirement not in requirements:
            raise InvalidRequest({f"materials.{index}.requirement": ["不是本事项的申请材料。"]})
        try:
            content = base64.b64decode(material.content_base64, validate=True)
        except (binascii.Error, ValueError):
            raise InvalidRequest({f"materials.{index}.content_base64": ["不是有效的 Base64 编码。"]}) from None
        files[f"material_{material.requirement}"] = SimpleUploadedFile(material.filename, content)
    form = CounterApplicationForm(matter, data, files)
    if not form.is_valid():
        raise InvalidRequest({field: [str(m) for m in messages] for field, messages in form.errors.items()})
    try:
        case = actions.receive_application(matter, form.applicant(), form.form_data(), form.uploads(),
                                           channel=CaseChannel.COUNTER, actor=user)
    except ValidationError as error:
        raise InvalidRequest(error.message_dict if hasattr(error, "error_dict") else {"请求体": error.messages}) \
            from None
    except PermissionDenied as denied:  # the files app refused to store a material
        raise HttpError(403, f"材料未能保存：{denied}") from None
    return Status(201, {**staff_view(case), "tracking_code": case.tracking_code})
