"""Public API of service cases: apply online without an account, and follow a case with its number and code.

The same checks and Chinese messages as the web form (case_forms.ApplicationForm) and the same rate limits
(zhengwu.throttle): applications count per hour and network, wrong number/code pairs count as guesses; past
the soft limit the answer is 429 with a text question (captcha), past the hard limit 429 with Retry-After.
"""

import base64
import binascii
import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from zhengwu.cases.api import ChallengeOut, InvalidRequest, ThrottledOut
from zhengwu.files.extract import safe_filename, validate_upload
from zhengwu.services.actions import public_timeline, receive_application
from zhengwu.services.cases.forms import APPLICATIONS, LOOKUPS, NOT_FOUND, ApplicationForm, CaseLookupGuard
from zhengwu.services.cases.views import due_dates, rating_of, result_of
from zhengwu.services.models import CaseChannel, Matter
from zhengwu.throttle import Challenge, Gate

router = Router(tags=["政务服务办件"])


class DueOut(Schema):
    label: str
    due_on: datetime.date | None
    state: str
    state_label: str


class TimelineOut(Schema):
    on: datetime.date
    kind: str
    label: str
    message: str


class RectificationOut(Schema):
    state: str
    state_label: str
    due_on: datetime.date | None
    outcome: str
    outcome_label: str
    outcome_text: str
    closed_on: datetime.date | None


class RatingOut(Schema):
    level: int
    level_label: str
    is_bad: bool
    dimensions: dict[str, int]
    comment: str
    real_name: bool
    rated_on: datetime.date
    rectification: RectificationOut | None


class CaseOut(Schema):
    number: str
    matter: str
    matter_code: str
    agency: str
    state: str
    state_label: str
    received_on: datetime.date
    due: list[DueOut]
    timeline: list[TimelineOut]
    result: str
    rating: RatingOut | None


class NotFoundOut(Schema):
    detail: str


class InvalidOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class Material(Schema):
    material: str = ""  # the material's name as the guide lists it (GET /services/matters/{code}); "" = other
    filename: str
    content_base64: str


class ApplicationIn(Schema):
    matter: str  # 事项编码
    applicant_kind: str
    name: str
    id_number: str
    phone: str
    form_data: dict[str, str] = {}
    materials: list[Material] = []
    consent: bool = False
    captcha_token: str = ""
    captcha_answer: str = ""


class AppliedOut(Schema):
    number: str
    tracking_code: str
    received_on: datetime.date
    acceptance_due_on: datetime.date | None


def _rating(case):
    rating = rating_of(case)
    if rating is None:
        return None
    fix = getattr(rating, "rectification", None)
    return {
        "level": rating.level, "level_label": rating.get_level_display(), "is_bad": rating.is_bad,
        "dimensions": rating.dimensions, "comment": rating.comment, "real_name": rating.real_name,
        "rated_on": rating.rated_on,
        "rectification": None if fix is None else {
            "state": fix.state, "state_label": fix.get_state_display(), "due_on": fix.clock.due_on,
            "outcome": fix.outcome, "outcome_label": fix.get_outcome_display() if fix.outcome else "",
            "outcome_text": fix.outcome_text, "closed_on": fix.closed_on},
    }


def case_json(case):
    return {
        "number": case.number, "matter": case.matter.name, "matter_code": case.matter.code,
        "agency": case.agency.name, "state": case.state, "state_label": case.get_state_display(),
        "received_on": case.received_on,
        "due": [{k: row[k] for k in ("label", "due_on", "state", "state_label")} for row in due_dates(case)],
        "timeline": [{"on": e.on, "kind": e.kind, "label": e.get_kind_display(), "message": e.message}
                     for e in public_timeline(case)],
        "result": result_of(case), "rating": _rating(case),
    }


@router.get("/cases/captcha", response=ChallengeOut, summary="取得验证问题（网上申请或查询较频繁时使用）")
def captcha(request, purpose: str = "apply"):
    return Challenge.new(LOOKUPS.scope if purpose == "lookup" else APPLICATIONS.scope).as_json()


class CaseLookupIn(Schema):
    number: str
    code: str
    captcha_token: str = ""
    captcha_answer: str = ""


LOOKUP_LIMITS = ("编号或查询码不正确时一律返回 404“未找到该办件，或查询码不正确。”。同一网络一小时内查询失败较多时"
                 "须回答验证问题（429 响应的 captcha，带 captcha_token 和 captcha_answer 重新查询），"
                 "超过上限时 429 并带 Retry-After。")


# Declared before /cases/{number}: its path would take "lookup" for a number and answer POST with 405.
@router.post("/cases/lookup", response={200: CaseOut, 404: NotFoundOut, 429: ThrottledOut},
             summary="凭办件编号和查询码查询办件",
             description="请求体 {\"number\", \"code\"}：查询码放在请求体中，不进入网址和代理日志。" + LOOKUP_LIMITS)
def lookup_case(request, payload: CaseLookupIn):
    return case_json(_found(request, payload.number, payload.code, payload.captcha_token, payload.captcha_answer))


@router.get("/cases/{number}", response={200: CaseOut, 404: NotFoundOut, 429: ThrottledOut},
            summary="凭办件编号和查询码查询办件（已弃用，请改用 POST /cases/lookup）", deprecated=True,
            description="查询码作为网址参数会留在浏览器历史和代理日志中：请改用 POST /cases/lookup。仅为兼容保留。"
                        + LOOKUP_LIMITS)
def case_status(request, number: str, code: str = "", captcha_token: str = "", captcha_answer: str = ""):
    return case_json(_found(request, number, code, captcha_token, captcha_answer))


def _found(request, number, code, token, answer):
    """The case with this number and code, through the one lookup guard; else the 404 or 429 to answer."""
    return CaseLookupGuard(request, token, answer).api_find(number, code, NOT_FOUND)


def _decode(material, index):
    try:
        content = base64.b64decode(material.content_base64, validate=True)
    except (binascii.Error, ValueError):
        raise InvalidRequest({f"materials[{index}].content_base64": ["不是有效的 Base64 编码。"]}) from None
    return SimpleUploadedFile(material.filename or "document", content)


def _api_errors(form, names):
    """The form's errors under the names the JSON uses (form_data.<name>, materials.<material name>)."""
    errors = {}
    for field, messages in form.errors.items():
        key = names.get(field, "申请" if field == "__all__" else field)
        errors.setdefault(key, []).extend(str(m) for m in messages)
    return errors


@router.post("/cases", response={201: AppliedOut, 404: NotFoundOut, 422: InvalidOut, 429: ThrottledOut},
             summary="网上申请政务服务事项（无需登录）",
             description="materials 中每份材料给出办事指南中的材料名称 material、文件名 filename 和 Base64 编码的内容；"
                         "consent 须为 true（承诺所填信息真实有效）。422 的 errors 按字段给出中文提示。"
                         "同一网络一小时内提交较多时须回答验证问题（见 429 响应的 captcha）。")
def apply(request, payload: ApplicationIn):
    gate = Gate(APPLICATIONS, request, payload.captcha_token, payload.captcha_answer)
    if gate.refused:
        raise gate.api_refusal()
    matter = (Matter.objects.select_related("agency").prefetch_related("materials")
              .filter(code=payload.matter.strip(), is_active=True).first())
    if matter is None:
        raise HttpError(404, f"没有编码为“{payload.matter}”的在用事项。")
    if not matter.applies_online:
        raise HttpError(422, "该事项暂不支持网上申请，请到窗口办理。")
    by_name = {requirement.name: f"material_{requirement.pk}" for requirement in matter.materials.all()}
    data = {"applicant_kind": payload.applicant_kind, "name": payload.name, "id_number": payload.id_number,
            "phone": payload.phone, "consent": "on" if payload.consent else ""}
    data.update({f"form_{key}": value for key, value in payload.form_data.items()})
    files, extra, problems = {}, [], {}
    for index, material in enumerate(payload.materials):
        upload = _decode(material, index)
        field = by_name.get(material.material)
        if material.material and field is None:
            problems[f"materials[{index}].material"] = [f"本事项的申请材料中没有“{material.material}”。"]
        elif field is None or field in files:  # another file, beyond the guide's list: the same checks
            upload.name = safe_filename(upload.name)
            try:
                validate_upload(upload, upload.name)
            except ValidationError as error:
                problems[f"materials[{index}]"] = error.messages
            extra.append((None, upload))
        else:
            files[field] = upload
    if problems:
        raise InvalidRequest(problems)
    form = ApplicationForm(matter, data, files)
    names = {**{f"form_{spec['name']}": f"form_data.{spec['name']}" for spec in matter.form_fields or []},
             **{field: f"materials.{name}" for name, field in by_name.items()}}
    valid = form.is_valid()
    if not gate.admit(valid):
        if not valid:
            raise InvalidRequest(_api_errors(form, names))
        raise gate.api_refusal()
    user = request.user if request.user.is_authenticated else None
    try:
        case = receive_application(matter, form.applicant(), form.form_data(), form.uploads() + extra,
                                   channel=CaseChannel.ONLINE, applicant_user=user)
    except ValidationError as error:  # (a busy SQLite: the project API answers 503, nothing stored)
        form.take_errors(error)
        raise InvalidRequest(_api_errors(form, names)) from None
    return Status(201, {"number": case.number, "tracking_code": case.tracking_code, "received_on": case.received_on,
                        "acceptance_due_on": case.step_clock.due_on if case.step_clock else None})
