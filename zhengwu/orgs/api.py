"""Agencies and divisions are public; who holds which role is not, and goes through the scope query."""

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from zhengwu.api_auth import staff_auth

from .models import Agency, Division, StaffRole, holds
from .permissions import ADMIN_ROLES

router = Router(tags=["机构与区划"])


class DivisionOut(Schema):
    code: str
    name: str
    level: str
    level_label: str = Field(..., alias="get_level_display")
    parent_code: str | None = Field(None, alias="parent.code")
    is_active: bool


class AgencyOut(Schema):
    id: int
    name: str
    short_name: str
    slug: str
    kind: str
    kind_label: str = Field(..., alias="get_kind_display")
    credit_code: str | None
    division_code: str | None = Field(None, alias="division.code")
    parent_id: int | None
    depth: int


class StaffRoleOut(Schema):
    username: str = Field(..., alias="user.username")
    full_name: str = Field(..., alias="user.get_full_name")
    agency_id: int
    role: str
    role_label: str = Field(..., alias="get_role_display")


def _require_choice(value, choices, label):
    if value not in choices.values:
        raise HttpError(400, f"{label}“{value}”无效，可选：{'、'.join(choices.values)}")


def _with_parent_ids(agencies):
    """Treebeard keeps no parent column; derive parent ids from the paths of one page of results."""
    agencies = list(agencies)
    parent_paths = {a.path[: -Agency.steplen] for a in agencies if a.depth > 1}
    ids = dict(Agency.objects.filter(path__in=parent_paths).values_list("path", "pk"))
    for agency in agencies:
        agency.parent_id = ids.get(agency.path[: -Agency.steplen])
    return agencies


class BoundedPagination(LimitOffsetPagination):
    """limit and offset within what a database can take (a huge number is a 422, not a database error)."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=1000)
        offset: int = Field(0, ge=0, le=10_000_000)


@router.get("/divisions", response=list[DivisionOut], summary="行政区划列表")
@paginate(BoundedPagination)
def list_divisions(request, level: str | None = None, parent: str | None = None, active: bool = True):
    qs = Division.objects.select_related("parent").filter(is_active=active)
    if level:
        _require_choice(level, Division.Level, "层级")
        qs = qs.filter(level=level)
    if parent:
        qs = qs.filter(parent__code=parent)
    return qs


@router.get("/divisions/{code}", response=DivisionOut, summary="行政区划详情")
def get_division(request, code: str):
    return get_object_or_404(Division.objects.select_related("parent"), code=code)


class AgencyPagination(BoundedPagination):
    def paginate_queryset(self, queryset, pagination, request=None, **params):
        page = super().paginate_queryset(queryset, pagination, request=request, **params)
        page["items"] = _with_parent_ids(page["items"])
        return page


@router.get("/agencies", response=list[AgencyOut], summary="机构列表")
@paginate(AgencyPagination)
def list_agencies(request, kind: str | None = None, parent: int | None = None, division: str | None = None,
                  q: str | None = None):
    qs = Agency.objects.select_related("division")
    if parent is not None:
        qs = get_object_or_404(Agency, pk=parent).get_children().select_related("division")
    if kind:
        _require_choice(kind, Agency.Kind, "机构类型")
        qs = qs.filter(kind=kind)
    if division:
        qs = qs.filter(division__code=division)
    if q:
        qs = qs.filter(name__contains=q)
    return qs


@router.get("/agencies/{agency_id}", response=AgencyOut, summary="机构详情")
def get_agency(request, agency_id: int):
    return _with_parent_ids([get_object_or_404(Agency.objects.select_related("division"), pk=agency_id)])[0]


@router.get("/agencies/{agency_id}/staff", response=list[StaffRoleOut], auth=staff_auth,
            summary="机构人员角色（需登录或个人 API 令牌）")
def list_agency_staff(request, agency_id: int):
    agency = get_object_or_404(Agency, pk=agency_id)
    if not holds(request.user, agency.pk, ADMIN_ROLES):
        raise HttpError(403, "您无权查看该机构的人员信息。")
    return StaffRole.objects.filter(agency=agency).select_related("user").order_by("user__username", "role")
