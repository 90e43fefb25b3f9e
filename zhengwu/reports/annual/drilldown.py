"""The records behind each figure of the yearly report (the drill-down): for any cell of tables 二, 三 and
四, 总计 rows and columns included, the queryset whose count is that figure. The conditions are the very
ones the report counts with (`requests.three_cell`, `requests.four_cell`, `proactive.two_cell`), applied to
the same base querysets, so the list and the figure agree by construction. Part 二's manual figures
(`proactive.SOURCES` kind manual) have no records behind them and no drill-down.

Cells are named by the keys the layout and the checks use: t3 "r3_3/natural_person", t3 "new/total",
t4 "review/upheld", t2 "art20_1/rules/made". An unknown table or cell, or a year without a form, is 404.

The querysets load only what the records page shows: never the applicant's name, ID or contacts."""

from django.db.models import Case, CharField, F, QuerySet, Value, When
from django.http import Http404

from zhengwu.reports.annual.form import form_for
from zhengwu.reports.annual.layout import TABLE_NAMES, figure_words
from zhengwu.reports.annual.proactive import SOURCES, catalog_items, two_cell
from zhengwu.reports.annual.requests import (
    four_cell,
    pending_at_year_end,
    remedies_of,
    requests_of,
    three_cell,
)

REQUEST_FIELDS = ("id", "number", "agency_id", "received_on", "applicant_type", "outcome", "decided_on")
REMEDY_FIELDS = ("id", "kind", "filed_on", "result", "concluded_on", "request__id", "request__number",
                 "request__agency_id")


def _requests(agency, year, spec, cell) -> QuerySet:
    row, column = cell.split("/")
    return (requests_of(agency).filter(three_cell(spec, year, row, column)).only(*REQUEST_FIELDS)
            .order_by("received_on", "number", "pk"))


def _remedies(agency, year, spec, cell) -> QuerySet:
    group, result = cell.split("/")
    # The result the figure reads: as it stood on 31 December (a later conclusion counts as 尚未审结).
    counted_as = Case(When(pending_at_year_end(year), then=Value("pending")), default=F("result"),
                      output_field=CharField())
    return (remedies_of(agency).filter(four_cell(spec, year, group, result)).select_related("request")
            .only(*REMEDY_FIELDS).annotate(counted_as=counted_as).order_by("filed_on", "pk"))


def _items(agency, year, spec, cell) -> QuerySet:
    block, row, column = cell.split("/")
    return (catalog_items(agency).filter(two_cell(block, row, column, year))
            .order_by("made_on", "index_number", "pk"))


QUERIES = {"t2": _items, "t3": _requests, "t4": _remedies}


def records(agency, year: int, table: str, cell: str) -> tuple[str, QuerySet]:
    """(the figure in words, e.g. "表三 · 三、本年度办理结果 · （三）不予公开 · 3.危及“三安全一稳定” · 自然人";
    the records behind it). Http404 for an unknown table or cell, or a manual Part 二 figure."""
    try:
        spec = form_for(year)["tables"][table]
        words = figure_words(spec, table)[cell]
        queryset = QUERIES[table](agency, year, spec, cell)
    except (LookupError, ValueError) as unknown:  # NoForm is a LookupError; ValueError: a key of wrong shape
        raise Http404("报告中没有这个数字，或该数字为人工填报、没有对应的记录。") from unknown
    return " · ".join([TABLE_NAMES[table], *words]), queryset


def counting_rule(table: str, cell: str, year: int) -> str:
    """How the figure is counted, in one sentence for the records page (the rules of requests.py and
    proactive.py in words)."""
    if table == "t2":
        block, row, column = cell.split("/")
        return ("本机关公开目录中法定类别为“行政法规、规章和规范性文件”、已发布的信息（不含政策解读），"
                "按体裁和制发机关层级区分规章与行政规范性文件；" + SOURCES[block][row][column]["note"])
    if table == "t4":
        return (f"{year}年内提起的，或以前年度提起、{year}年内审结的复议和诉讼；结果按{year}年12月31日的状态计，"
                "其后才审结的计为“尚未审结”。")
    row = cell.split("/")[0]
    sums = {row["key"] for row in form_for(year)["tables"]["t3"]["rows"] if "sum_of" in row}
    return {
        "new": f"收到申请之日在{year}年内的申请。",
        "carried_in": f"{year}年1月1日前收到、当日尚未答复（终止）的申请。",
        "carried_out": f"{year}年12月31日前收到、截至当日尚未答复（终止）的申请。",
    }.get(row, f"答复（终止）日期在{year}年内、有办理结果的申请，即各项办理结果之和。" if row in sums
          else f"答复（终止）日期在{year}年内、办理结果属于本项的申请（每件申请只有一项办理结果）。")
