"""The one JSON API: /api/v1, OpenAPI docs at /api/v1/docs. Each app contributes a router."""

from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.renderers import JSONRenderer

from zhengwu.disclosure.api import router as disclosure_router
from zhengwu.orgs.api import router as orgs_router
from zhengwu.timelimits.api import router as calendar_router


class UnicodeJSONRenderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="zhengwu API",
    version="1",
    description="湖南省政务公开与政务服务平台 API",
    urls_namespace="api-v1",
    renderer=UnicodeJSONRenderer(),
)


@api.exception_handler(AuthenticationError)
def authentication_required(request, exc):
    return api.create_response(request, {"detail": "请先登录。"}, status=401)

api.add_router("/", orgs_router)
api.add_router("/calendar", calendar_router)
api.add_router("/disclosure", disclosure_router)
