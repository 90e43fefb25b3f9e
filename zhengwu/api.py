"""The one JSON API: /api/v1, OpenAPI docs at /api/v1/docs. Each app contributes a router."""

from django.core.exceptions import ImproperlyConfigured, RequestDataTooBig
from django.db import DataError, OperationalError
from ninja import NinjaAPI, Schema, Swagger
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.parser import Parser
from ninja.renderers import JSONRenderer

from zhengwu.cases.api import InvalidRequest, ThrottledOut, chinese_message
from zhengwu.cases.errors import ActionForbidden, ActionRefused
from zhengwu.consultation.api import router as consultation_router
from zhengwu.disclosure.api import router as disclosure_router
from zhengwu.foi.api import router as foi_router
from zhengwu.foi.staff_api import router as foi_staff_router
from zhengwu.interaction.api import router as interaction_router
from zhengwu.orgs.api import router as orgs_router
from zhengwu.powers.api import router as powers_router
from zhengwu.reports.api import router as reports_router
from zhengwu.services.cases.api import router as services_case_router
from zhengwu.services.cases.staff_api import router as services_staff_router
from zhengwu.services.catalog.api import router as services_catalog_router
from zhengwu.throttle import Throttled
from zhengwu.timelimits.api import router as calendar_router


class UnicodeJSONRenderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}


class JSONOnlyParser(Parser):
    """Bodies are read only when sent as application/json: a browser cannot send that to another site without
    a CORS preflight, so no page elsewhere can file a request, a letter or a comment through a visitor's browser
    (a text/plain or form body, which it can send, is refused with 415)."""

    def parse_body(self, request):
        if request.content_type != "application/json":
            raise ValueError("not application/json")  # ninja answers it as unparseable; http_error says 415
        return super().parse_body(request)


class ErrorOut(Schema):
    detail: str


class FieldErrorsOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}  # each field's Chinese messages; none when the whole request is at fault


# What the handlers below answer on any operation, so the OpenAPI document tells a client every shape it can get
# (an operation's own declaration of a status wins).
COMMON_ERRORS = {"400": ErrorOut, "404": ErrorOut, "422": FieldErrorsOut, "429": ThrottledOut, "503": ErrorOut}
SIGNED_IN_ERRORS = {"401": ErrorOut, "403": ErrorOut}
BODY_ERRORS = {"403": ErrorOut, "409": ErrorOut, "413": ErrorOut, "415": ErrorOut}
ERROR_DESCRIPTIONS = {"400": "请求参数不正确", "401": "未登录", "403": "无权进行此操作", "404": "不存在或不在权限范围内",
                      "409": "当前状态或法规不允许此操作", "413": "提交的内容过大", "415": "请求体不是 JSON",
                      "422": "提交的内容未通过校验（按字段列出中文说明）", "429": "提交或查询过于频繁", "503": "系统繁忙，请稍后重试"}


class CheckedOpenAPISchema(OpenAPISchema):
    """ninja keeps one component per class name, so two routers' `MessageOut` silently became one, and a client
    was told the wrong shape (a letter's 404 described as an interview message). Such a clash is refused here
    (the API does not start), and every operation documents the error answers of the handlers below."""

    def add_schema_definitions(self, definitions):
        for name, definition in definitions.items():
            known = self.schemas.get(name)
            if known is not None and known != definition:
                raise ImproperlyConfigured(f"两个不同的 API 模型都叫 {name}：请为其中一个改名。")
        super().add_schema_definitions(definitions)

    def operation_details(self, operation):
        details = super().operation_details(operation)
        errors = dict(COMMON_ERRORS)
        if operation.auth_callbacks:
            errors.update(SIGNED_IN_ERRORS)
        if "requestBody" in details:
            errors.update(BODY_ERRORS)
        responses = details["responses"]
        for status, schema in errors.items():
            if int(status) not in responses and status not in responses:
                responses[status] = {"description": ERROR_DESCRIPTIONS[status], "content": {"application/json": {
                    "schema": {"$ref": f"#/components/schemas/{self._error_component(schema)}"}}}}
        return details

    def _error_component(self, schema):
        definition, _ = self._create_schema_from_model(schema, remove_level=False, mode="serialization")
        self.add_schema_definitions({schema.__name__: definition})
        return schema.__name__


class ZhengwuAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return CheckedOpenAPISchema(self, path_prefix)


api = ZhengwuAPI(
    title="zhengwu API",
    version="1",
    description="湖南省政务公开与政务服务平台 API",
    urls_namespace="api-v1",
    renderer=UnicodeJSONRenderer(),
    parser=JSONOnlyParser(),
    # Swagger UI from the platform's /static/ (ninja ships it; "ninja" is an installed app), never a CDN: the page
    # works on an intranet and the CSP trusts only 'self'. No validator badge: it would call swagger.io.
    docs=Swagger(settings={"validatorUrl": None}),
)


@api.exception_handler(AuthenticationError)
def authentication_required(request, exc):
    return api.create_response(request, {"detail": "请先登录。"}, status=401)

api.add_router("/", orgs_router)
api.add_router("/calendar", calendar_router)
api.add_router("/disclosure", disclosure_router)
api.add_router("/foi", foi_router)
api.add_router("/foi", foi_staff_router)
api.add_router("/", interaction_router)
api.add_router("/", consultation_router)
api.add_router("/reports", reports_router)
api.add_router("/powers", powers_router)
api.add_router("/services", services_catalog_router)
api.add_router("/services", services_case_router)
api.add_router("/services", services_staff_router)


@api.exception_handler(HttpError)
def http_error(request, exc):
    message, status = str(exc), exc.status_code
    if message.startswith("Cannot parse request body"):  # ninja's own wording for a body it could not read
        if request.content_type != "application/json":
            message, status = "请以 JSON 格式（Content-Type: application/json）提交。", 415
        else:
            message = "请求体不是有效的 JSON，请以 JSON 对象提交。"
    return api.create_response(request, {"detail": message}, status=status)


@api.exception_handler(InvalidRequest)
def invalid_request(request, exc):
    return api.create_response(request, {"detail": exc.message, "errors": exc.errors}, status=422)


@api.exception_handler(ActionRefused)
def action_refused(request, exc):
    """A case step refused: by the role (403) or by the state or the law (409), with its Chinese reason."""
    status = 403 if isinstance(exc, ActionForbidden) else 409
    return api.create_response(request, {"detail": str(exc)}, status=status)


@api.exception_handler(Throttled)
def throttled(request, exc):
    response = api.create_response(request, exc.body(), status=429)
    if exc.retry_after:
        response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(ValidationError)
def malformed_request(request, exc):
    # ninja's own messages are English and technical; say in Chinese what is wrong and where, keyed by field as
    # every other 422 of the API is (FieldErrorsOut).
    errors = {}
    for error in exc.errors:
        field = ".".join(str(p) for p in error.get("loc", [])[1:]) or "请求体"
        errors.setdefault(field, []).append(chinese_message(error))
    if all(error.get("loc", [""])[0] == "query" for error in exc.errors):
        detail = f"查询参数不正确（{'、'.join(sorted(errors))}），请检查参数的取值。"
    else:
        detail = f"请求格式不正确（{'、'.join(sorted(errors))}），请以 JSON 对象提交。"
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


@api.exception_handler(OperationalError)
def database_busy(request, exc):
    # SQLite gives up waiting for its single write lock under a burst; say so instead of a bare 500. Nothing
    # was stored (the transaction rolled back), so the client can simply retry.
    if "locked" not in str(exc) and "busy" not in str(exc):
        raise exc
    response = api.create_response(request, {"detail": "系统繁忙，本次提交未被保存，请稍后重试。"}, status=503)
    response["Retry-After"] = "5"
    return response


@api.exception_handler(OverflowError)
@api.exception_handler(DataError)
def out_of_range(request, exc):
    """A number in the query the database cannot hold (agency=99999999999999999999, year=10000): the client's
    mistake, answered 422, not a server error. (SQLite raises OverflowError, PostgreSQL DataError.)"""
    return api.create_response(request, {"detail": "参数的数值超出允许范围，请检查参数的取值。"}, status=422)


@api.exception_handler(RequestDataTooBig)
def too_big(request, exc):
    return api.create_response(request, {"detail": "提交的内容过大，超过平台允许的上限。"}, status=413)
