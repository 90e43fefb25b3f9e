"""依申请公开 in the monthly report (月报): the requests an agency received and decided in the month, and those
overdue (the 逾期 rule: answered late in the month, or open at its end past the limit, in working days)."""

from collections import defaultdict
from datetime import date

from django.db.models import Count, F, Q
from django.urls import reverse

from zhengwu.foi.models import InformationRequest
from zhengwu.orgs.models import Agency
from zhengwu.reports.monthly.figures import Records, register_source
from zhengwu.timelimits import calendar as workcalendar
from zhengwu.timelimits.bands import overdue_before
from zhengwu.timelimits.engine import ClockState


def _requests(agencies):
    return (InformationRequest.objects.filter(agency__in=agencies).order_by()
            .annotate(excess=F("clock__days_used") - F("clock__limit_workdays")))


def overdue_condition(requests, first: date, last: date) -> Q:
    """The 逾期 rule of the module docstring as one condition on `_requests(...)`; one extra query reads
    the stop dates of requests answered after M, to count the working days between M's end and each."""
    answered_late = (Q(decided_on__gte=first, decided_on__lte=last, clock__state=ClockState.STOPPED)
                     & Q(excess__gt=0))
    open_at_end = Q(received_on__lte=last) & (Q(decided_on__isnull=True) | Q(decided_on__gt=last))
    stopped_since = Q(clock__state=ClockState.STOPPED, clock__stopped_on__gt=last, excess__gt=0)
    stop_days = (requests.filter(open_at_end & stopped_since).values_list("clock__stopped_on", flat=True)
                 .distinct())
    by_workdays = defaultdict(list)  # working days after M's end → the stop dates that lie that far
    cal = workcalendar.current()
    for day in stop_days:
        by_workdays[cal.workdays_between(last, day)].append(day)
    late_at_end = (Q(clock__state=ClockState.RUNNING, clock__due_on__lt=overdue_before(last, cal))
                   | Q(clock__state=ClockState.PAUSED, excess__gt=0))
    for workdays, days in by_workdays.items():
        late_at_end |= Q(clock__state=ClockState.STOPPED, clock__stopped_on__in=days, excess__gt=workdays)
    return answered_late | (open_at_end & late_at_end)


def request_conditions(requests, first, last) -> dict[str, Q]:
    return {
        "requests_received": Q(received_on__gte=first, received_on__lte=last),
        "requests_decided": Q(decided_on__gte=first, decided_on__lte=last),
        "requests_overdue": overdue_condition(requests, first, last),
    }


def _request_cells(request) -> list:
    clock = request.clock
    if clock is None:
        used = "—"
    elif clock.state == ClockState.RUNNING:
        used = f"计时中（期限 {clock.limit_workdays}）"
    else:
        used = f"{clock.days_used} / {clock.limit_workdays}"
    return [(request.number, reverse("foi_requests:inspect", args=[request.pk])), request.received_on,
            clock.due_on if clock and clock.due_on else "—", request.decided_on or "—",
            request.get_state_display(), used]


def request_records(key, agency, first, last) -> Records:
    """Number, dates, state and clock of each request: never the applicant's name, contact or ID."""
    requests = _requests(Agency.objects.filter(pk=agency.pk))
    condition = request_conditions(requests, first, last)[key]
    queryset = (requests.filter(condition).select_related("clock")
                .only("pk", "number", "agency_id", "received_on", "decided_on", "state", "outcome",
                      "clock__due_on", "clock__state", "clock__days_used", "clock__limit_workdays")
                .order_by("received_on", "pk"))
    notes = ["不显示申请人姓名、证件、联系方式等个人信息；点击申请编号进入办理页面（按您的权限显示）。"]
    if key == "requests_overdue":
        notes.append("“已用/期限”为答复计时停止时（或暂停时）已用的工作日和含延长的期限；"
                     "计时中的以答复期限为准。")
    return Records(headers=["申请编号", "收到申请之日", "答复期限", "答复（终止）日期", "状态", "已用/期限（工作日）"],
                   queryset=queryset, row=_request_cells, notes=notes)


@register_source("requests_received", "requests_decided", "requests_overdue", records=request_records)
def count_requests(agencies, first, last):
    # Only requests that can count in M (received by its end, not decided before it) are scanned: every
    # condition implies this, and the decided_on index makes an agency's long history cheap to skip.
    requests = _requests(agencies).filter(Q(received_on__lte=last)
                                          & (Q(decided_on__isnull=True) | Q(decided_on__gte=first)))
    counts = {key: Count("pk", filter=condition)
              for key, condition in request_conditions(requests, first, last).items()}
    rows = requests.values("agency_id").annotate(**counts)
    return {row.pop("agency_id"): row for row in rows}


# A month's figures -------------------------------------------------------------------------------
