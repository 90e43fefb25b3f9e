"""Parts 三 and 四 of the yearly report, counted from the requests and their reviews and lawsuits by
database aggregation (three queries, whatever the number of requests).

Table 三 (one column per applicant type, plus 总计):
- 一 本年新收: received in the year;
- 二 上年结转: received before the year and not decided before it began;
- 三 the outcome rows: decided in the year with that outcome (exactly one per request), 总计 their sum;
- 四 结转下年度: received by the year's end and not decided by then.
So 一 + 二 = 三（七）+ 四 holds for every column unless a decided request lacks its outcome.

Table 四 counts the reviews and lawsuits filed in the year, or filed earlier and concluded in it, with
their result as it stood on 31 December (a later conclusion counts as 尚未审结)."""

from datetime import date

from django.db.models import Count, Q, QuerySet

from zhengwu.foi.models import InformationRequest, Remedy

from .form import columns, rows


def flow_counts(year: int) -> dict:
    """本年新收, 上年结转 and 结转下年度 as conditional counts, for any grouping."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    return {
        "new": Count("pk", filter=Q(received_on__gte=first, received_on__lte=last)),
        "carried_in": Count("pk", filter=Q(received_on__lt=first)
                            & (Q(decided_on__isnull=True) | Q(decided_on__gte=first))),
        "carried_out": Count("pk", filter=Q(received_on__lte=last)
                             & (Q(decided_on__isnull=True) | Q(decided_on__gt=last))),
    }


def _blank(table):
    return {row: {column: 0 for column in columns(table)} for row in rows(table)}


def _of(model_agency_field, agencies):
    """A filter for one agency, or for a queryset of agencies (a region's summary)."""
    if isinstance(agencies, QuerySet):
        return Q(**{f"{model_agency_field}__in": agencies.values("pk")})
    return Q(**{model_agency_field: agencies})


def part_three(agencies, year: int, table: dict) -> dict:
    """Table 三 of one agency, or summed over a queryset of agencies."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    cells = _blank(table)
    requests = InformationRequest.objects.filter(_of("agency", agencies))
    flows = requests.values("applicant_type").annotate(**flow_counts(year))
    for flow in flows:
        for row in ("new", "carried_in", "carried_out"):
            cells[row][flow["applicant_type"]] = flow[row]
    decided = requests.filter(decided_on__gte=first, decided_on__lte=last).exclude(outcome="") \
        .values("applicant_type", "outcome").annotate(n=Count("pk"))
    for group in decided:
        if group["outcome"] in cells:
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


def part_four(agencies, year: int, table: dict) -> dict:
    first, last = date(year, 1, 1), date(year, 12, 31)
    groups = [group["key"] for group in table["column_groups"]]
    results = [column["key"] for column in table["columns_per_group"] if "sum_of" not in column]
    cells = {group: {result: 0 for result in [*results, "total"]} for group in groups}
    counted = Remedy.objects.filter(_of("request__agency", agencies)).filter(
        Q(filed_on__gte=first, filed_on__lte=last)
        | Q(filed_on__lt=first, concluded_on__gte=first, concluded_on__lte=last))
    pending_at_year_end = Q(result=Remedy.Result.PENDING) | Q(concluded_on__gt=last)
    for row in counted.values("kind").annotate(
            pending=Count("pk", filter=pending_at_year_end),
            **{result: Count("pk", filter=Q(result=result) & ~pending_at_year_end)
               for result in results if result != Remedy.Result.PENDING}):
        for result in results:
            cells[row["kind"]][result] = row[result]
    for group in cells.values():
        group["total"] = sum(group[result] for result in results)
    return cells


def side_by_side(agencies, year: int) -> dict:
    """Per agency of a region, the year's request flows in one grouped query: {agency_id: figures}."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    rows = InformationRequest.objects.filter(_of("agency", agencies)).values("agency_id").annotate(
        **flow_counts(year), decided=Count("pk", filter=Q(decided_on__gte=first, decided_on__lte=last)))
    return {row.pop("agency_id"): row for row in rows}
