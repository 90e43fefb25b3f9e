"""Parts 三 and 四 of the yearly report, counted from the requests and their reviews and lawsuits by
database aggregation (three queries, whatever the number of requests).

Table 三 (one column per applicant type, plus 总计):
- 一 本年新收: received in the year;
- 二 上年结转: received before the year and not decided before it began;
- 三 the outcome rows: decided in the year with that outcome (exactly one per request), 总计 their sum;
- 四 结转下年度: received by the year's end and not decided by then.
So 一 + 二 = 三（七）+ 四 holds for every column unless a decided request lacks its outcome.

Table 四 counts the reviews and lawsuits filed in the year, or filed earlier and concluded in it, with
their result as it stood on 31 December (a later conclusion counts as 尚未审结).

Each figure's condition is a named function below (`three_cell`, `four_cell` and what they are made of):
the counts here and the drill-down (`drilldown.records`) filter by the same Q, so a figure and the list of
records behind it cannot drift apart. A 总计 row or column is the OR of its parts' conditions, which counts
the same as their sum because the parts are disjoint (one applicant type, one outcome, one result each)."""

import operator
from datetime import date
from functools import reduce

from django.db.models import Count, Q, QuerySet

from zhengwu.foi.models import InformationRequest, Remedy
from zhengwu.reports.annual.form import columns, rows

FLOW_ROWS = ("new", "carried_in", "carried_out")


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


# Table 三: the conditions ------------------------------------------------------------------------

def received_in(year: int) -> Q:
    """一 本年新收."""
    first, last = year_bounds(year)
    return Q(received_on__gte=first, received_on__lte=last)


def carried_in(year: int) -> Q:
    """二 上年结转: received before the year, not decided before it began."""
    first, _ = year_bounds(year)
    return Q(received_on__lt=first) & (Q(decided_on__isnull=True) | Q(decided_on__gte=first))


def carried_out(year: int) -> Q:
    """四 结转下年度: received by the year's end, not decided by then."""
    _, last = year_bounds(year)
    return Q(received_on__lte=last) & (Q(decided_on__isnull=True) | Q(decided_on__gt=last))


FLOWS = {"new": received_in, "carried_in": carried_in, "carried_out": carried_out}


def decided_in(year: int) -> Q:
    first, last = year_bounds(year)
    return Q(decided_on__gte=first, decided_on__lte=last)


def decided_with(year: int, outcomes) -> Q:
    """三 an outcome row (or several, for 总计): decided in the year with one of these outcomes."""
    return decided_in(year) & Q(outcome__in=list(outcomes))


def leaf_outcomes(table: dict) -> list[str]:
    """The outcome rows that are not sums: the values `InformationRequest.outcome` takes."""
    return [row["key"] for row in table["rows"] if row["key"] not in FLOWS and "sum_of" not in row]


def _parts(items: list[dict], key: str) -> list[str]:
    """The leaf keys a row or column stands for: itself, or what its `sum_of` adds up (recursively)."""
    item = next((item for item in items if item["key"] == key), None)
    if item is None:
        raise KeyError(key)
    if "sum_of" not in item:
        return [key]
    return [leaf for part in item["sum_of"] for leaf in _parts(items, part)]


def _any(conditions) -> Q:
    return reduce(operator.or_, conditions)


def three_row(table: dict, year: int, row: str) -> Q:
    leaves = _parts(table["rows"], row)
    outcomes = [leaf for leaf in leaves if leaf not in FLOWS]
    return _any([*(FLOWS[leaf](year) for leaf in leaves if leaf in FLOWS),
                 *([decided_with(year, outcomes)] if outcomes else [])])


def three_column(table: dict, column: str) -> Q:
    return Q(applicant_type__in=_parts(table["columns"], column))


def three_cell(table: dict, year: int, row: str, column: str) -> Q:
    """The requests behind one figure of table 三, 总计 row and column included (KeyError if no such cell)."""
    return three_row(table, year, row) & three_column(table, column)


def flow_counts(year: int) -> dict:
    """本年新收, 上年结转 and 结转下年度 as conditional counts, for any grouping."""
    return {row: Count("pk", filter=FLOWS[row](year)) for row in FLOW_ROWS}


# Table 三: the counts ----------------------------------------------------------------------------

def _blank(table):
    return {row: {column: 0 for column in columns(table)} for row in rows(table)}


def _of(model_agency_field, agencies):
    """A filter for one agency, or for a queryset of agencies (a region's summary)."""
    if isinstance(agencies, QuerySet):
        return Q(**{f"{model_agency_field}__in": agencies.values("pk")})
    return Q(**{model_agency_field: agencies})


def requests_of(agencies) -> QuerySet:
    return InformationRequest.objects.filter(_of("agency", agencies))


def part_three(agencies, year: int, table: dict) -> dict:
    """Table 三 of one agency, or summed over a queryset of agencies."""
    cells = _blank(table)
    requests = requests_of(agencies)
    flows = requests.values("applicant_type").annotate(**flow_counts(year))
    for flow in flows:
        for row in FLOW_ROWS:
            cells[row][flow["applicant_type"]] = flow[row]
    decided = requests.filter(decided_with(year, leaf_outcomes(table))) \
        .values("applicant_type", "outcome").annotate(n=Count("pk"))
    for group in decided:
        cells[group["outcome"]][group["applicant_type"]] = group["n"]
    _sums(cells, table)
    return cells


def _sums(cells, table):
    """Fill the 总计 row and column from their parts (the form says which: `sum_of`)."""
    for row in table["rows"]:
        if "sum_of" in row:
            for column in columns(table):
                cells[row["key"]][column] = sum(cells[part][column] for part in row["sum_of"])
    for column in table["columns"]:
        if "sum_of" in column:
            for row in rows(table):
                cells[row][column["key"]] = sum(cells[row][part] for part in column["sum_of"])


# Table 四 ----------------------------------------------------------------------------------------

def remedies_counted(year: int) -> Q:
    """The reviews and lawsuits table 四 counts: filed in the year, or filed earlier and concluded in it."""
    first, last = year_bounds(year)
    return (Q(filed_on__gte=first, filed_on__lte=last)
            | Q(filed_on__lt=first, concluded_on__gte=first, concluded_on__lte=last))


def pending_at_year_end(year: int) -> Q:
    """尚未审结 on 31 December: still pending, or concluded only after it."""
    _, last = year_bounds(year)
    return Q(result=Remedy.Result.PENDING) | Q(concluded_on__gt=last)


def result_at_year_end(year: int, result: str) -> Q:
    """One result column of table 四, as the result stood on 31 December."""
    if result == Remedy.Result.PENDING:
        return pending_at_year_end(year)
    return Q(result=result) & ~pending_at_year_end(year)


def four_results(table: dict) -> list[str]:
    return [column["key"] for column in table["columns_per_group"] if "sum_of" not in column]


def four_cell(table: dict, year: int, group: str, result: str) -> Q:
    """The remedies behind one figure of table 四, 总计 included (KeyError if no such cell)."""
    if group not in {g["key"] for g in table["column_groups"]}:
        raise KeyError(group)
    results = _any(result_at_year_end(year, part) for part in _parts(table["columns_per_group"], result))
    return remedies_counted(year) & Q(kind=group) & results


def remedies_of(agencies) -> QuerySet:
    return Remedy.objects.filter(_of("request__agency", agencies))


def part_four(agencies, year: int, table: dict) -> dict:
    groups = [group["key"] for group in table["column_groups"]]
    results = four_results(table)
    cells = {group: {result: 0 for result in [*results, "total"]} for group in groups}
    counted = remedies_of(agencies).filter(remedies_counted(year))
    for row in counted.values("kind").annotate(
            **{result: Count("pk", filter=result_at_year_end(year, result)) for result in results}):
        for result in results:
            cells[row["kind"]][result] = row[result]
    for group in cells.values():
        group["total"] = sum(group[result] for result in results)
    return cells


def side_by_side(agencies, year: int) -> dict:
    """Per agency of a region, the year's request flows in one grouped query: {agency_id: figures}."""
    rows = requests_of(agencies).values("agency_id").annotate(
        **flow_counts(year), decided=Count("pk", filter=decided_in(year)))
    return {row.pop("agency_id"): row for row in rows}
