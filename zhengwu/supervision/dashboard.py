"""The supervisor's figures: a region's child agencies side by side (from the tallies the last sweep left),
an agency's open cases with their clocks and cards (live), and the region's recent cards and violations.

Supervisors see what the scope query gives them with SUPERVISOR_ROLES; nothing here bypasses it.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import F, IntegerField, Max, Q, Sum, Value
from django.db.models.functions import Coalesce, Substr

from zhengwu.orgs import duties
from zhengwu.orgs.models import Agency, agencies_held
from zhengwu.timelimits.engine import ClockState

from . import registry
from .models import Card, Sweep, Tally, Violation

SUPERVISOR_ROLES = duties.roles("supervision.supervise")
FIGURES = ("open_cases", "warnings", "yellow", "red", "violations")


@dataclass
class RegionRow:
    agency: Agency | None        # None for the region's own records (本级)
    label: str
    figures: dict = field(default_factory=lambda: dict.fromkeys(FIGURES, 0))
    has_children: bool = False


def region_rows(region: Agency, case_type: str | None = None) -> list[RegionRow]:
    """One row per child agency of `region`, each summing its whole subtree, plus the region's own (本级) row
    first; reads only the tallies (a few rows per agency), whatever the number of cases."""
    child_length = len(region.path) + Agency.steplen
    tallies = Tally.objects.filter(agency__path__startswith=region.path)
    if case_type:
        tallies = tallies.filter(case_type=case_type)
    sums = (tallies.annotate(branch=Substr("agency__path", 1, child_length)).order_by().values("branch")
            .annotate(**{name: Coalesce(Sum(name), Value(0), output_field=IntegerField()) for name in FIGURES}))
    by_branch = {row.pop("branch"): row for row in sums}
    own = RegionRow(agency=None, label=f"{region.name}（本级）")
    own.figures.update(by_branch.get(region.path, {}))
    rows = [own]
    children = list(region.get_children().order_by("path"))
    with_children = set(Agency.objects.filter(path__in=[c.path for c in children], numchild__gt=0)
                        .values_list("pk", flat=True))
    for child in children:
        row = RegionRow(agency=child, label=child.name, has_children=child.pk in with_children)
        row.figures.update(by_branch.get(child.path, {}))
        rows.append(row)
    return rows


def totals(rows: list[RegionRow]) -> dict:
    return {name: sum(row.figures[name] for row in rows) for name in FIGURES}


def last_sweep():
    return Sweep.objects.filter(finished_at__isnull=False).first()


@dataclass
class CaseRow:
    case_type: registry.CaseType
    pk: int
    number: str
    title: str
    state: str
    clocks: list  # [(slot label, due_on or None, clock state, card level or None)]
    url: str


def agency_cases(agency: Agency, case_type: registry.CaseType, *, level: int | None = None, limit=50, offset=0):
    """An agency's open cases of one type, soonest due first, each clock with its current card; and the count."""
    cases = case_type.open_cases().filter(**{case_type.agency_field: agency})
    due_fields = [f"{slot.field}__due_on" for slot in case_type.clocks]
    if level:
        carded = Card.objects.filter(case_type=case_type.key, agency=agency, level=level,
                                     clock__state__in=[ClockState.RUNNING, ClockState.PAUSED])
        cases = cases.filter(pk__in=carded.values("case_id"))
    count = cases.count()
    ordering = [F(name).asc(nulls_last=True) for name in due_fields]
    values = ["pk", case_type.number_field, case_type.state_field, *due_fields,
              *(f"{slot.field}__state" for slot in case_type.clocks), *(f"{slot.field}_id" for slot in case_type.clocks)]
    if case_type.title_field:
        values.append(case_type.title_field)
    page = list(cases.order_by(*ordering, "pk").values(*values)[offset:offset + limit])
    clock_ids = [row[f"{slot.field}_id"] for row in page for slot in case_type.clocks if row[f"{slot.field}_id"]]
    top = dict(Card.objects.filter(clock_id__in=clock_ids).order_by().values("clock_id")
               .annotate(top=Max("level")).values_list("clock_id", "top"))
    state_labels = dict(case_type.model._meta.get_field(case_type.state_field).choices or [])
    rows = []
    for row in page:
        clocks = [(slot.label, row[f"{slot.field}__due_on"], row[f"{slot.field}__state"],
                   top.get(row[f"{slot.field}_id"])) for slot in case_type.clocks if row[f"{slot.field}_id"]]
        rows.append(CaseRow(case_type=case_type, pk=row["pk"], number=str(row[case_type.number_field]),
                            title=row.get(case_type.title_field, "") if case_type.title_field else "",
                            state=state_labels.get(row[case_type.state_field], row[case_type.state_field]),
                            clocks=clocks, url=case_type.admin_url(row["pk"])))
    return rows, count


# -- what the supervision screens add: regions to pick, days left, the region's cards and violations ------

def supervised(user):
    """The agencies `user` supervises: THE scope query with the supervisor roles."""
    return Agency.objects.in_scope(user, SUPERVISOR_ROLES)


def top_region(user) -> Agency | None:
    """The shallowest agency the user supervises (their own region), the default of every screen."""
    return supervised(user).order_by("depth", "path").first()


def region_choices(user, current: Agency | None = None) -> list[Agency]:
    """Regions offered in a region select: the governments the user supervises (a few hundred in a
    province, not the thousands of agencies), the user's own agencies, and the region being looked at."""
    scope = supervised(user)
    if user.is_superuser:
        own = Agency.get_root_nodes().values("pk")
    else:
        own = agencies_held(user, SUPERVISOR_ROLES)
    condition = Q(kind=Agency.Kind.GOVERNMENT) | Q(pk__in=own)
    if current is not None:
        condition |= Q(pk=current.pk)
    return list(scope.filter(condition).order_by("path"))


def sweep_interval_minutes() -> int:
    """How often the scheduler runs `supervise` (settings.SCHEDULED_COMMANDS), in minutes."""
    seconds = dict(getattr(settings, "SCHEDULED_COMMANDS", [])).get("supervise", 300)
    return max(1, round(seconds / 60))


def region_cards(region: Agency, *, level=None, case_type=None, since=None, until=None, open_only=False):
    """Cards issued to agencies in the region's subtree, newest first."""
    cards = Card.objects.filter(agency__path__startswith=region.path).select_related("agency", "clock")
    if level:
        cards = cards.filter(level=level)
    if case_type:
        cards = cards.filter(case_type=case_type)
    if since:
        cards = cards.filter(issued_on__gte=since)
    if until:
        cards = cards.filter(issued_on__lte=until)
    if open_only:
        cards = cards.filter(clock__state__in=[ClockState.RUNNING, ClockState.PAUSED])
    return cards.order_by("-issued_on", "-level", "-pk")


def region_violations(region: Agency, *, kind=None, case_type=None, since=None, until=None, agency=None):
    """Violations found in the region's subtree (or of one agency), newest first."""
    found = Violation.objects.filter(agency__path__startswith=region.path).select_related("agency")
    if agency is not None:
        found = found.filter(agency=agency)
    if kind:
        found = found.filter(kind=kind)
    if case_type:
        found = found.filter(case_type=case_type)
    if since:
        found = found.filter(found_on__gte=since)
    if until:
        found = found.filter(found_on__lte=until)
    return found.order_by("-found_on", "-pk")


def attach_cases(items) -> list:
    """Give each card or violation its case's type label, number, title and admin link (one query per type)."""
    items = list(items)
    by_type: dict[str, list] = {}
    for item in items:
        by_type.setdefault(item.case_type, []).append(item)
    for key, typed in by_type.items():
        try:
            case_type = registry.get(key)
        except LookupError:
            for item in typed:
                item.case_label, item.case_number, item.case_title, item.case_url = key, str(item.case_id), "", ""
            continue
        fields = ["pk", case_type.number_field] + ([case_type.title_field] if case_type.title_field else [])
        found = {row[0]: row for row in case_type.model.objects.filter(pk__in={i.case_id for i in typed})
                 .values_list(*fields)}
        for item in typed:
            row = found.get(item.case_id)
            item.case_label = case_type.label
            item.case_number = str(row[1]) if row else f"{item.case_id}（已删除）"
            item.case_title = (row[2] or "") if row and case_type.title_field else ""
            item.case_url = case_type.admin_url(item.case_id) if row else ""
    return items
