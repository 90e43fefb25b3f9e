"""Who may call a staff endpoint: a signed-in staff session, or a personal API token (Wagtail's `APIToken`, sent
as `Authorization: Bearer wagtail_…`) for the province's other systems. Either way the request acts as that
person, and the scope query decides what they may see and do. A signed-in citizen (no role anywhere) is told
403, not given an empty answer; a staff session that has not passed the second factor, or whose password has
expired, is told 403 too (zhengwu.staffauth)."""

from ninja.errors import HttpError
from ninja.security import SessionAuth
from wagtail.api.v3.auth import BearerTokenAuth

from zhengwu.orgs.models import Role, holds_any
from zhengwu.staffauth.policy import staff_refusal


class StaffSessionAuth(SessionAuth):
    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is not None and not holds_any(user, list(Role.values)):
            raise HttpError(403, "该接口仅供工作人员使用。")
        if user is not None and (refusal := staff_refusal(request)):  # second factor first, expired password next
            raise HttpError(403, refusal)
        return user


staff_auth = [BearerTokenAuth(), StaffSessionAuth()]
