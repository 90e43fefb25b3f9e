"""Reports API: the yearly disclosure report of one agency as JSON, for the agency's roles and those
above it (the scope query)."""

from django.db.models import Q
from ninja import Query, Router
from ninja.errors import HttpError

from zhengwu.api_auth import staff_auth
from zhengwu.orgs.models import Agency
from zhengwu.reports.annual.form import NoForm
from zhengwu.reports.annual.report import build, region
from zhengwu.reports.roles import VIEW_ROLES

router = Router(tags=["年度报告"], auth=staff_auth)


def _agency(user, ref: str) -> Agency:
    ref = ref.strip()
    match = Q(name=ref) | Q(credit_code=ref.upper())
    if ref.isdigit():
        match |= Q(pk=int(ref))
    found = Agency.objects.in_scope(user, VIEW_ROLES).filter(match).first()
    if found is None:
        raise HttpError(404, f"没有找到机关“{ref}”，或您无权查看其报告。")
    return found


@router.get("/annual", summary="某机关某年度的政府信息公开工作年度报告（各部分、表格与校验结果）")
def annual(request, agency: str, year: int = Query(..., ge=2000, le=2100)):
    try:
        return build(_agency(request.user, agency), year)
    except NoForm as missing:
        raise HttpError(422, str(missing)) from None


@router.get("/annual/region", summary="某政府所辖地区的年度汇总：各机关并列与地区合计（表三、表四）")
def annual_region(request, agency: str, year: int = Query(..., ge=2000, le=2100)):
    try:
        return region(_agency(request.user, agency), year)
    except NoForm as missing:
        raise HttpError(422, str(missing)) from None


# 月报 -----------------------------------------------------------------------------------------------

@router.get("/monthly", tags=["月报"],
            summary="某机关某月的月报：状态、截止日期、是否逾期，各项指标的数值与来源（平台统计/人工填报）")
def monthly_report(request, agency: str, year: int = Query(..., ge=2000, le=2100),
                   month: int = Query(..., ge=1, le=12)):
    from zhengwu.reports.monthly.figures import month_json

    return month_json(_agency(request.user, agency), year, month)


@router.get("/monthly/region", tags=["月报"],
            summary="某机关及其所有下级机关某月的月报并列与合计（合计只计已上报、已通过的月报）")
def monthly_region(request, agency: str, year: int = Query(..., ge=2000, le=2100),
                   month: int = Query(..., ge=1, le=12)):
    from zhengwu.reports.monthly.figures import region_json

    return region_json(_agency(request.user, agency), year, month)
