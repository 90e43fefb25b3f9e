"""月报: the monthly figures of an agency, which of them the platform computes and which the agency fills
in, and a region's roll-up. Every figure is a database aggregation grouped by agency, so one agency's
month and a province's month cost the same handful of queries.

The indicators
--------------
`INDICATORS` lists them in the report's order. Each one is, in this order of precedence:

* computed — a source is registered for its key (below); the agency cannot type over it;
* a rate — derived from two other indicators (满意率 = 满意评价 ÷ 评价总数), computed when both are;
* manual — the agency fills it in. Those with `awaiting` name the module that will one day count them and
  are labelled "人工填报（平台尚无数据来源）"; the others are things no platform can know (a press
  conference held, posts on the agency's WeChat account) and are labelled "人工填报".

The computed ones, for month M (first..last day, local dates)
------------------------------------------------------------
* 主动公开信息: catalog items (`DisclosureItemPage`, live and public) of the agency whose 发布日期
  (`published_on`, set once when an item is first published) falls in M. An item withdrawn since no
  longer counts; a submitted report keeps the count it was submitted with.
* 收到申请: requests whose 收到申请之日 (`received_on`) falls in M.
* 办结: requests whose 答复（终止）日期 (`decided_on`) falls in M, whatever the outcome.
* 逾期: requests counted as overdue in M, the sum of two disjoint sets:
  1. answered late in M — `decided_on` in M and the answer clock, stopped, had used more working days
     than its limit (`days_used > limit_workdays`; the limit includes any extension);
  2. still unanswered at the end of M and past due then — received by the last day of M, not decided by
     it, and, read from the clock's stored figures: a clock still running whose due date is before M's
     last day (as `Clock.is_overdue` counts it on that day); a clock stopped after M (the request was
     answered since) whose days used, less the working days from M's last day to the stop, exceed its
     limit; or a clock paused now whose days used already exceed its limit. A clock keeps no pause date,
     so a request that ran out after M and was then paused is counted too — rare, since a request past
     its time is answered, not paused.
  A request answered late in M that was already overdue at the end of M-1 counts in both months: each
  month reports what was overdue in it.

Adding a computed source (how the service-hall, mailbox and supervision modules plug in)
---------------------------------------------------------------------------------------
Register a function, from the module's `AppConfig.ready()`, for the keys it counts::

    from zhengwu.reports.monthly.figures import Records, register_source

    def letter_records(key, agency, first, last):
        return Records(headers=["信件编号", "收到日期", "状态"],
                       queryset=Letter.objects.filter(agency=agency, received_on__range=(first, last)),
                       row=lambda letter: [letter.number, letter.received_on, letter.get_state_display()])

    @register_source("letters_received", records=letter_records)
    def count_letters(agencies, first, last):
        rows = (Letter.objects.filter(agency__in=agencies, received_on__range=(first, last)).order_by()
                .values("agency_id").annotate(n=Count("pk")))
        return {row["agency_id"]: {"letters_received": row["n"]} for row in rows}

`agencies` is a queryset of agencies (one agency, or a whole region); the function must answer with one
grouped query (or a fixed few), never a loop over records, and may leave out agencies with nothing.
From then on the indicator is computed, drops out of the agency's form, and links to its records
(`records`, optional: the drill-down; the view narrows the queryset through the scope query on its
`agency` field and shows no personal data, so `row` must not either). Reports already submitted keep
the figures they were submitted with; manual figures typed before are ignored, not deleted."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone

from zhengwu.disclosure.models import DisclosureItemPage
from zhengwu.orgs.models import Agency
from zhengwu.reports.annual.deadlines import (
    EXEMPT_KINDS,  # village committees owe no report, monthly or yearly
)
from zhengwu.reports.models import ReportDeadlines
from zhengwu.reports.monthly.models import MonthlyFigure, MonthlyReport

COMPUTED, MANUAL = "computed", "manual"
SOURCE_LABELS = {COMPUTED: "平台统计", MANUAL: "人工填报"}
AWAITING_LABEL = "人工填报（平台尚无数据来源）"
MAX_FIGURE = 10**9


def today() -> date:
    return timezone.localdate()


@dataclass(frozen=True)
class Indicator:
    key: str
    title: str  # with its unit: the row's label, the form field's label, the spreadsheet's header
    group: str
    note: str  # 说明: exactly what is counted
    awaiting: str = ""  # the module that will count it; manual until that module registers a source
    rate_of: tuple[str, str] | None = None  # (numerator, denominator), shown in per cent


INDICATORS = (
    Indicator("disclosure_items", "主动公开信息（条）", "政务公开",
              "公开目录中发布日期在本月的信息条数（首次发布之日；已撤回的不计）。"),
    Indicator("press_conferences", "新闻发布会（场）", "政务公开",
              "本机关本月召开或承办的新闻发布会、政策吹风会场次。平台没有会议记录，由本机关填报。"),
    Indicator("new_media_posts", "政务新媒体发布信息（条）", "政务公开",
              "本机关政务微博、微信公众号、客户端等政务新媒体本月发布的信息条数。这些账号不在平台上，由本机关填报。"),
    Indicator("reading_room_visits", "政府信息查阅点接待（人次）", "政务公开",
              "本机关政府信息公开查阅场所（档案馆、图书馆、政务服务中心查阅点等）本月接待查阅的人次。由本机关填报。"),
    Indicator("requests_received", "收到申请（件）", "依申请公开", "收到申请之日在本月的政府信息公开申请件数。"),
    Indicator("requests_decided", "办结（件）", "依申请公开",
              "答复（含告知、终止）日期在本月的申请件数，不论收到于何时。"),
    Indicator("requests_overdue", "逾期（件）", "依申请公开",
              "本月答复时已超过答复期限的申请，加上截至月末仍未答复且已超过答复期限的申请（含延长期限）。"),
    Indicator("service_cases", "政务服务办件（件）", "政务服务", "本月办结的政务服务事项办件量（含即办件、承诺件）。",
              awaiting="政务服务"),
    Indicator("ratings_total", "好差评·评价总数（次）", "政务服务", "本月“好差评”系统收到的对本机关政务服务的评价次数。",
              awaiting="政务服务"),
    Indicator("ratings_satisfied", "好差评·满意评价（次）", "政务服务",
              "其中评为“非常满意”“满意”“基本满意”的次数，不能多于评价总数。", awaiting="政务服务"),
    Indicator("satisfaction_rate", "满意率（%）", "政务服务", "满意评价次数 ÷ 评价总数 × 100，由上两项计算，保留一位小数。",
              rate_of=("ratings_satisfied", "ratings_total")),
    Indicator("letters_received", "信箱来信（件）", "互动交流", "本月各类信箱（领导信箱、咨询投诉信箱）收到的来信件数。",
              awaiting="互动交流"),
    Indicator("red_cards", "红牌（张）", "电子监察", "本月电子监察对本机关亮出的红牌张数。", awaiting="电子监察"),
    Indicator("yellow_cards", "黄牌（张）", "电子监察", "本月电子监察对本机关亮出的黄牌张数。", awaiting="电子监察"),
)
BY_KEY = {indicator.key: indicator for indicator in INDICATORS}


# The registry of computed sources ----------------------------------------------------------------

@dataclass
class Records:
    """The records behind one figure, for the drill-down: a queryset (narrowed by the view through the
    scope query on `agency_field`) and how to show one record; a cell is text, a date, or (text, url)."""

    headers: list[str]
    queryset: QuerySet
    row: Callable[[Any], list]
    agency_field: str = "agency"
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Source:
    keys: tuple[str, ...]
    count: Callable[[QuerySet, date, date], dict]
    records: Callable[[str, Agency, date, date], Records] | None = None


_SOURCES: dict[str, Source] = {}


def register_source(*keys: str, records=None):
    """Make `keys` computed by the decorated `count(agencies, first, last) -> {agency_id: {key: n}}`."""
    def decorator(count):
        source = Source(tuple(keys), count, records)
        for key in keys:
            indicator = BY_KEY.get(key)
            if indicator is None or indicator.rate_of:
                raise ImproperlyConfigured(f"月报没有可登记数据来源的指标“{key}”。")
            _SOURCES[key] = source
        return count
    return decorator


def unregister_source(*keys: str):
    """Back to manual (for tests, or a module switched off)."""
    for key in keys:
        _SOURCES.pop(key, None)


def source_of(indicator: Indicator) -> str:
    if indicator.rate_of:
        return COMPUTED if all(key in _SOURCES for key in indicator.rate_of) else MANUAL
    return COMPUTED if indicator.key in _SOURCES else MANUAL


def label_of(indicator: Indicator, source: str | None = None) -> str:
    source = source or source_of(indicator)
    if indicator.rate_of:
        return "由上两项计算"
    if source == MANUAL and indicator.awaiting:
        return AWAITING_LABEL
    return SOURCE_LABELS[source]


def manual_indicators() -> list[Indicator]:
    """What the agency fills in this month: every indicator no source counts, except rates."""
    return [indicator for indicator in INDICATORS if not indicator.rate_of and indicator.key not in _SOURCES]


def records_for(key: str, agency, year: int, month: int) -> Records | None:
    source = _SOURCES.get(key)
    if source is None or source.records is None:
        return None
    first, last = month_bounds(year, month)
    return source.records(key, agency, first, last)


# Months and deadlines ----------------------------------------------------------------------------

def month_bounds(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def previous_month(day: date) -> tuple[int, int]:
    first = day.replace(day=1) - timedelta(days=1)
    return first.year, first.month


def due_on(year: int, month: int, deadlines: ReportDeadlines | None = None) -> date:
    """The report on month M is due on `monthly_day` of M+1 (ReportDeadlines, at most the 28th)."""
    deadlines = deadlines or ReportDeadlines.load()
    following = month_bounds(year, month)[1] + timedelta(days=1)
    return following.replace(day=deadlines.monthly_day)


def is_overdue(state: str | None, due: date, on: date | None = None) -> bool:
    """Past the due day and not submitted (a report never opened, a draft, or one sent back)."""
    return state not in MonthlyReport.SUBMITTED_STATES and (on or today()) > due


def month_has_ended(year: int, month: int, on: date | None = None) -> bool:
    return (on or today()) > month_bounds(year, month)[1]


# The platform's own sources ----------------------------------------------------------------------

def published_items(agencies, first: date, last: date):
    return (DisclosureItemPage.objects.live().public()
            .filter(agency__in=agencies, published_on__gte=first, published_on__lte=last).order_by())


def item_records(key, agency, first, last) -> Records:
    return Records(headers=["索引号", "标题", "发布日期"],
                   queryset=published_items(Agency.objects.filter(pk=agency.pk), first, last)
                   .order_by("published_on", "pk").specific(),
                   row=lambda item: [item.index_number or "—", (item.title, item.url), item.published_on])


@register_source("disclosure_items", records=item_records)
def count_items(agencies, first, last):
    rows = published_items(agencies, first, last).values("agency_id").annotate(n=Count("pk"))
    return {row["agency_id"]: {"disclosure_items": row["n"]} for row in rows}


def computed(agencies, year: int, month: int) -> dict[int, dict[str, int]]:
    """Every registered source over `agencies` (a queryset): {agency_id: {key: n}}, zeros left out."""
    first, last = month_bounds(year, month)
    found = defaultdict(dict)
    for source in {id(source): source for source in _SOURCES.values()}.values():
        for agency_id, values in source.count(agencies, first, last).items():
            found[agency_id].update({key: value for key, value in values.items() if key in source.keys})
    return found


def with_rates(values: dict) -> dict:
    """Add each rate from its two parts ({key: (value, source)}); no rate when a part is missing or 0."""
    for indicator in INDICATORS:
        if indicator.rate_of:
            (part, part_source), (whole, whole_source) = (values.get(key, (None, MANUAL))
                                                          for key in indicator.rate_of)
            rate = round(part * 100 / whole, 1) if part is not None and whole else None
            values[indicator.key] = (rate, COMPUTED if part_source == whole_source == COMPUTED else MANUAL)
    return values


def current_values(agency, year: int, month: int, manual: dict, found: dict | None = None) -> dict:
    """Today's figures: {key: (value, source)}, the manual ones from `manual` (None where not filled)."""
    if found is None:
        found = computed(Agency.objects.filter(pk=agency.pk), year, month).get(agency.pk, {})
    values = {}
    for indicator in INDICATORS:
        if indicator.rate_of:
            continue
        if indicator.key in _SOURCES:
            values[indicator.key] = (found.get(indicator.key, 0), COMPUTED)
        else:
            values[indicator.key] = (manual.get(indicator.key), MANUAL)
    return with_rates(values)


def frozen_values(figures) -> dict:
    """The figures as submitted ({key: (value, source)}), from MonthlyFigure rows."""
    values = {figure.key: (figure.value, figure.source) for figure in figures}
    for indicator in INDICATORS:  # an indicator added after the submission: not reported then
        if not indicator.rate_of:
            values.setdefault(indicator.key, (None, source_of(indicator)))
    return with_rates(values)


def values_of(report: MonthlyReport | None, agency, year: int, month: int) -> dict:
    if report is not None and report.is_frozen:
        return frozen_values(report.figures.all())
    return current_values(agency, year, month, report.manual_figures if report else {})


def indicator_rows(values: dict) -> list[dict]:
    """The report's rows in order, each with its value, source and label."""
    rows = []
    for indicator in INDICATORS:
        value, source = values.get(indicator.key, (None, source_of(indicator)))
        rows.append({"key": indicator.key, "title": indicator.title, "group": indicator.group,
                     "note": indicator.note, "value": value, "source": source,
                     "label": label_of(indicator, source), "rate": bool(indicator.rate_of),
                     "drillable": source == COMPUTED and not indicator.rate_of
                     and getattr(_SOURCES.get(indicator.key), "records", None) is not None})
    return rows


def report_for(agency, year: int, month: int) -> MonthlyReport | None:
    return (MonthlyReport.objects.select_related("agency", "submitted_by", "approved_by", "returned_by")
            .filter(agency=agency, year=year, month=month).first())


def _timestamp(value):
    return timezone.localtime(value).isoformat() if value else None


def month_json(agency, year: int, month: int) -> dict:
    """One agency's month as the API gives it (a month never opened is a draft with no manual figures)."""
    report = report_for(agency, year, month)
    state = report.state if report else MonthlyReport.State.DRAFT
    due = due_on(year, month)
    return {
        "agency": agency.name, "agency_id": agency.pk, "year": year, "month": month,
        "state": state, "state_label": MonthlyReport.State(state).label,
        "due_on": due.isoformat(), "overdue": is_overdue(state, due),
        "indicators": [{key: row[key] for key in ("key", "title", "value", "source")}
                       for row in indicator_rows(values_of(report, agency, year, month))],
        "submitted_at": _timestamp(report.submitted_at) if report else None,
        "approved_at": _timestamp(report.approved_at) if report else None,
        "returned_reason": report.returned_reason if report and report.state == MonthlyReport.State.RETURNED
        else "",
    }


# A region's month --------------------------------------------------------------------------------

def region_agencies(agency):
    """The agency and its whole subtree, in tree order, without those that owe no monthly report."""
    return Agency.get_tree(agency).exclude(kind__in=EXEMPT_KINDS).order_by("path")


def region_totals(agencies, year: int, month: int) -> dict:
    """Sums over the submitted and approved reports only ({key: (value, source)}), one grouped query;
    an indicator's total is `manual` if any report had it typed in."""
    rows = (MonthlyFigure.objects.filter(report__agency__in=agencies, report__year=year, report__month=month,
                                         report__state__in=MonthlyReport.SUBMITTED_STATES)
            .values("key").annotate(total=Sum("value"), manual=Count("pk", filter=Q(source=MANUAL))))
    # int(): PostgreSQL sums a bigint column as numeric
    totals = {row["key"]: (int(row["total"]), MANUAL if row["manual"] else COMPUTED) for row in rows}
    for indicator in INDICATORS:
        if not indicator.rate_of:
            totals.setdefault(indicator.key, (0, source_of(indicator)))
    return with_rates(totals)


def region_rows(agencies, year: int, month: int, on: date | None = None) -> list[dict]:
    """Each agency of `agencies` (a queryset, or a page of one) side by side: its state and figures — as
    submitted where it has submitted, else today's (`frozen` False: these are not in the totals). A fixed
    number of queries whatever the number of agencies."""
    listed = list(agencies.values_list("pk", "name", "depth"))
    of_month = MonthlyReport.objects.filter(agency__in=agencies.values("pk"), year=year, month=month)
    reports = {report.agency_id: report for report in of_month}
    frozen = defaultdict(list)
    for figure in MonthlyFigure.objects.filter(report__in=of_month.filter(state__in=MonthlyReport.SUBMITTED_STATES)):
        frozen[figure.report_id].append(figure)
    live = agencies.exclude(pk__in=of_month.filter(state__in=MonthlyReport.SUBMITTED_STATES).values("agency_id"))
    found = computed(live, year, month)
    due = due_on(year, month)
    rows = []
    for pk, name, depth in listed:
        report = reports.get(pk)
        if report is not None and report.is_frozen:
            values = frozen_values(frozen[report.pk])
        else:
            values = current_values(None, year, month, report.manual_figures if report else {},
                                    found=found.get(pk, {}))
        state = report.state if report else MonthlyReport.State.DRAFT
        rows.append({"id": pk, "agency": name, "depth": depth, "report_id": report.pk if report else None,
                     "state": state, "state_label": MonthlyReport.State(state).label,
                     "overdue": is_overdue(state, due, on), "frozen": bool(report and report.is_frozen),
                     "values": values})
    return rows


def region_summary(agency, year: int, month: int) -> dict:
    """The parts of a roll-up that do not depend on which agencies are on the page: totals and counts."""
    agencies = region_agencies(agency)
    states = dict(MonthlyReport.objects.filter(agency__in=agencies, year=year, month=month).order_by()
                  .values_list("state").annotate(n=Count("pk")))
    waiting = agencies.exclude(pk__in=MonthlyReport.objects.filter(
        year=year, month=month, state__in=MonthlyReport.SUBMITTED_STATES).values("agency_id"))
    return {"agencies": agencies, "totals": region_totals(agencies, year, month), "states": states,
            "count": agencies.count(), "not_submitted": list(waiting.values_list("name", flat=True)),
            "due_on": due_on(year, month)}


def _plain(values: dict) -> dict:
    return {key: value for key, (value, _) in values.items()}


def region_json(agency, year: int, month: int) -> dict:
    summary = region_summary(agency, year, month)
    rows = region_rows(summary["agencies"], year, month)
    return {
        "agency": agency.name, "year": year, "month": month, "due_on": summary["due_on"].isoformat(),
        "indicators": [{"key": indicator.key, "title": indicator.title} for indicator in INDICATORS],
        "agencies": [{"id": row["id"], "agency": row["agency"], "state": row["state"],
                      "overdue": row["overdue"], "submitted": row["frozen"], "values": _plain(row["values"])}
                     for row in rows],
        "totals": _plain(summary["totals"]),
        "submitted": sum(count for state, count in summary["states"].items()
                         if state in MonthlyReport.SUBMITTED_STATES),
        "not_submitted": summary["not_submitted"],
    }


def report_url(report) -> str:
    return reverse("reports_monthly:report", args=[report.pk])


def records_url(agency_id: int, year: int, month: int, key: str) -> str:
    return reverse("reports_monthly:records", args=[agency_id, year, month, key])


def rate_errors(figures: dict) -> dict[str, str]:
    """A rate's part cannot exceed its whole (满意评价 ≤ 评价总数): {part key: message}."""
    errors = {}
    for indicator in INDICATORS:
        if indicator.rate_of:
            part, whole = indicator.rate_of
            if figures.get(part) is not None and figures.get(whole) is not None and figures[part] > figures[whole]:
                errors[part] = f"“{BY_KEY[part].title}”不能多于“{BY_KEY[whole].title}”。"
    return errors
