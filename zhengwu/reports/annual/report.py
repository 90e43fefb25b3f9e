"""The yearly report as one JSON-able dict: the form's six parts, tables as rows × columns keyed by the
form's keys, and the cross-check results (a report with failures must not be published)."""

from zhengwu.reports.annual.checks import check_four, check_three, check_two
from zhengwu.reports.annual.form import form_for
from zhengwu.reports.annual.proactive import in_force_movements, part_two
from zhengwu.reports.annual.requests import part_four, part_three, side_by_side
from zhengwu.reports.models import AnnualReport


def _with_manual(computed: dict, manual: dict) -> dict:
    """Part 二 with the agency's own figures filled in where no module holds one (computed None)."""
    merged = {}
    for block, block_rows in computed.items():
        merged[block] = {}
        for row, cells in block_rows.items():
            merged[block][row] = {column: (manual.get(block, {}).get(row, {}).get(column) if value is None else value)
                                  for column, value in cells.items()}
    return merged


def figures(agency, year: int, manual: dict | None = None) -> dict:
    """Tables 二, 三 and 四 of one report; `manual` defaults to the stored draft's manual Part 二 figures."""
    tables = form_for(year)["tables"]
    if manual is None:
        stored = AnnualReport.objects.filter(agency=agency, year=year).first()
        manual = stored.manual_figures if stored else {}
    return {
        "t2": _with_manual(part_two(agency, year), manual),
        "t3": part_three(agency, year, tables["t3"]),
        "t4": part_four(agency, year, tables["t4"]),
    }


def build(agency, year: int) -> dict:
    form = form_for(year)
    stored = AnnualReport.objects.filter(agency=agency, year=year).first()
    current = figures(agency, year, stored.manual_figures if stored else {})
    try:  # the continuity checks need only last year's Part 二 counts and Part 三
        last_t3 = part_three(agency, year - 1, form_for(year - 1)["tables"]["t3"])
        last_t2 = part_two(agency, year - 1)
    except LookupError:  # no form for last year: nothing to compare with
        last_t2 = last_t3 = None
    failures = [
        *check_two(current["t2"], last_t2, in_force_movements(agency, year)),
        *check_three(current["t3"], form["tables"]["t3"], last_t3),
        *check_four(current["t4"], form["tables"]["t4"]),
    ]
    texts = {"s1": stored.overview if stored else "", "s5": stored.problems if stored else "",
             "s6": stored.other_matters if stored else ""}
    return {
        "agency": agency.name, "credit_code": agency.credit_code, "year": year, "form": form["name"],
        "parts": [{"key": section["key"], "title": section["title"], "kind": section["kind"],
                   **({"table": current[section["table"]]} if section["kind"] == "table"
                      else {"text": texts.get(section["key"], "")})} for section in form["sections"]],
        "checks": {"passed": not failures, "failures": [failure.as_json() for failure in failures]},
    }


def region(government, year: int) -> dict:
    """A government's view of its region: each agency's request figures side by side (one grouped query)
    and the region's tables 三 and 四 summed over every agency in its subtree."""
    form = form_for(year)
    agencies = government.get_tree(government)
    flows = side_by_side(agencies, year)
    blank = {"new": 0, "carried_in": 0, "decided": 0, "carried_out": 0}
    return {
        "agency": government.name, "year": year, "form": form["name"],
        "agencies": [{"agency": name, "id": pk, **flows.get(pk, blank)}
                     for pk, name in agencies.order_by("path").values_list("pk", "name")],
        "summary": {"t3": part_three(agencies, year, form["tables"]["t3"]),
                    "t4": part_four(agencies, year, form["tables"]["t4"])},
    }
