"""Working-day calendar API under /api/v1/calendar: due dates and day checks, with explanations."""

from datetime import date

from ninja import Field, Path, Query, Router, Schema, Status

from . import calendar
from .inputs import parse_date, parse_workdays

router = Router(tags=["工作日历"])


class ErrorOut(Schema):
    detail: str


class SkippedOut(Schema):
    from_: date = Field(..., alias="from", description="跳过区间首日")
    to: date = Field(..., description="跳过区间末日")
    names: list[str] = Field(..., description="节假日名称")


class DueDateOut(Schema):
    start: date = Field(..., description="起算日（不计入）")
    workdays: int = Field(..., description="工作日数")
    due: date = Field(..., description="到期日")
    provisional: bool = Field(..., description="是否涉及无官方节假日安排的年份（按周末和法定节假日推算，调休未知）")
    explanation: str = Field(..., description="一句话说明")
    skipped: list[SkippedOut] = Field(..., description="跳过的节假日区间")
    makeup_days: list[date] = Field(..., description="计入的调休上班日")


class DayOut(Schema):
    date: date
    workday: bool = Field(..., description="是否工作日")
    reason: str = Field(..., description="原因，如 国庆节（法定节假日）、调休上班日（国庆节、中秋节）、周六")
    provisional: bool = Field(..., description="该年是否无官方节假日安排（按周末和法定节假日推算，调休未知）")


@router.get(
    "/due",
    response={200: DueDateOut, 422: ErrorOut},
    by_alias=True,
    summary="计算到期日",
    description="自起算日（不计入）起第 N 个工作日，跳过法定节假日，计入调休上班日。",
)
def due(
    request,
    # Plain strings, validated here, so that every error message is the same Chinese one.
    start: str | None = Query(None, description="起算日 YYYY-MM-DD（当日不计入）", examples=["2025-09-28"]),
    workdays: str | None = Query(None, description="工作日数，1–3650", examples=["20"]),
):
    try:
        start_on = parse_date(start, "起算日")
        n = parse_workdays(workdays)
        explanation = calendar.explain(start_on, n)
    except ValueError as error:
        return Status(422, {"detail": str(error)})
    return Status(
        200,
        {
            "start": start_on,
            "workdays": n,
            "due": explanation.due,
            "provisional": explanation.provisional,
            "explanation": explanation.summary,
            "skipped": [{"from": s.first, "to": s.last, "names": s.names} for s in explanation.skipped],
            "makeup_days": [d for d, _ in explanation.makeup_days],
        },
    )


@router.get("/days/{day}", response={200: DayOut, 422: ErrorOut}, summary="查询某日是否工作日")
def day(request, day: str = Path(..., description="日期 YYYY-MM-DD", examples=["2025-10-11"])):
    try:
        on = parse_date(day)
    except ValueError as error:
        return Status(422, {"detail": str(error)})
    cal = calendar.current()
    return Status(
        200,
        {
            "date": on,
            "workday": cal.is_workday(on),
            "reason": cal.day_info(on),
            "provisional": cal.is_provisional(on),
        },
    )
