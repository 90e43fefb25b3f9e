"""One supervision sweep: issue the cards and overdue violations every running clock has earned, refresh
the dashboard tallies, and tell the responsible people about new cards.

Cards are found by the clocks' stored due dates (the (state, due_on) index) and written set-based with
INSERT … SELECT … ON CONFLICT DO NOTHING against the (clock, level) unique constraint: nothing is read into
Python, and two sweeps running at once never issue the same card twice.

A notifying sweep is one transaction: its cards are written already claimed for its notices, and the
notices commit with them — a failure rolls both back and the next sweep issues the cards again, so no
card is ever left issued but untold.
"""

import time
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import (
    Case,
    CharField,
    Count,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    UUIDField,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils import timezone

from zhengwu.timelimits import calendar
from zhengwu.timelimits.bands import workday_back
from zhengwu.timelimits.engine import ClockState

from . import registry
from .models import Card, CardLevel, Sweep, Tally, ThresholdRule, Violation, ViolationKind

DEFAULT_RULE = ThresholdRule(warn_days=5, yellow_days=2, red_days=0)


@dataclass(frozen=True)
class Cutoffs:
    """Due-date bounds for one rule on one day: a running clock with due_on ≤ warn has ≤ warn_days left."""

    warn: date
    yellow: date
    red: date       # due_on < red: more than red_days past the limit
    overdue: date   # due_on < overdue: past the limit at all

    @classmethod
    def of(cls, rule: ThresholdRule, today: date, cal) -> "Cutoffs":
        return cls(warn=cal.add_workdays(today, rule.warn_days), yellow=cal.add_workdays(today, rule.yellow_days),
                   red=workday_back(today, rule.red_days + 1, cal), overdue=workday_back(today, 1, cal))



def warn_days_of(case_type_key: str | None) -> int:
    """The 预警 threshold (working days left) of a case type's default rule: what “即将到期” means on every
    list (timelimits.bands asks this, once per badge). Cached until a rule is saved or deleted."""
    def stored():
        rule = ThresholdRule.objects.filter(case_type=case_type_key, matter_type="").first() if case_type_key else None
        return (rule or DEFAULT_RULE).warn_days
    return cache.get_or_set(warn_cache_key(case_type_key), stored, timeout=None)


def warn_cache_key(case_type_key: str | None) -> str:
    return f"supervision:warn_days:{case_type_key or ''}"


def forget_warn_days(sender, instance, **kwargs):
    cache.delete(warn_cache_key(instance.case_type))


def rules_for(case_type) -> list[tuple[str | None, ThresholdRule]]:
    """(rule value, rule) pairs; the None entry is the default and covers every value without its own rule."""
    stored = {r.matter_type: r for r in ThresholdRule.objects.filter(case_type=case_type.key)}
    pairs = [(None, stored.get("", DEFAULT_RULE))]
    if case_type.rule_field:
        pairs += [(value, rule) for value, rule in stored.items() if value]
    return pairs


def _rule_filter(case_type, value, specific_values) -> Q:
    if not case_type.rule_field:
        return Q()
    if value is None:
        return ~Q(**{f"{case_type.rule_field}__in": specific_values}) if specific_values else Q()
    return Q(**{case_type.rule_field: value})


def _insert_select(table: str, columns: list[str], queryset, count_by: str | None = None):
    """INSERT INTO table (columns) SELECT … ON CONFLICT DO NOTHING.

    Returns the number of rows inserted or, with `count_by`, {value of that column: rows inserted} (read
    back with RETURNING, which both SQLite and PostgreSQL support). The queryset carries each column as an
    annotation named `sv_<column>` (a case model may have fields of the same names), and the outer SELECT
    names them, so the column order never depends on how Django orders a values() list.
    """
    aliases = [f"sv_{c}" for c in columns]
    sql, params = queryset.values(*aliases).order_by().query.sql_with_params()
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    inner = ", ".join(f"s.{connection.ops.quote_name(a)}" for a in aliases)
    # "WHERE 1 = 1": SQLite needs a WHERE before ON CONFLICT in an INSERT … SELECT (upsert parsing ambiguity).
    statement = (f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) SELECT {inner} FROM ({sql}) s "
                 f"WHERE 1 = 1 ON CONFLICT DO NOTHING")
    with connection.cursor() as cursor:
        if count_by is None:
            cursor.execute(statement, params)
            return max(cursor.rowcount, 0)
        cursor.execute(f"{statement} RETURNING {connection.ops.quote_name(count_by)}", params)
        counts: dict = {}
        for (value,) in cursor.fetchall():
            counts[value] = counts.get(value, 0) + 1
        return counts


def _columns(**expressions):
    return {f"sv_{name}": expression for name, expression in expressions.items()}


CARD_COLUMNS = ["case_type", "case_id", "clock_id", "agency_id", "level", "due_on", "issued_on", "notified_at",
                "notify_claim"]
VIOLATION_COLUMNS = ["case_type", "case_id", "agency_id", "kind", "key", "detail", "found_on", "found_at"]


def _running(case_type, slot, condition: Q):
    return case_type.model.objects.filter(Q(**{f"{slot.field}__state": ClockState.RUNNING}) & condition)


def issue_cards(case_type, slot, today: date, cal, claim: uuid.UUID | None = None) -> dict[int, int]:
    """Cards each running clock of this slot has earned and does not hold yet (nor a higher one); with a
    `claim`, written as claimed by it for notifying in the same transaction.

    One INSERT … SELECT per rule: the clocks due by the 预警 cut-off, each given the level its due date
    reaches (a CASE over the three bands), less those already holding that level or higher."""
    issued = {level: 0 for level in CardLevel.values}
    # With no card at all nothing is held, and the check is skipped: on an empty table PostgreSQL plans it
    # as a scan of the cards per clock, which the statement's own inserts make quadratic.
    any_held = Card.objects.exists()
    pairs = rules_for(case_type)
    specific = [value for value, _ in pairs if value is not None]
    due = f"{slot.field}__due_on"
    for value, rule in pairs:
        cut = Cutoffs.of(rule, today, cal)
        level = Case(When(**{f"{due}__lt": cut.red}, then=Value(int(CardLevel.RED))),
                     When(**{f"{due}__lte": cut.yellow}, then=Value(int(CardLevel.YELLOW))),
                     default=Value(int(CardLevel.WARNING)), output_field=IntegerField())
        held = Card.objects.filter(clock_id=OuterRef(f"{slot.field}_id"), level__gte=OuterRef("sv_level"))
        queryset = (_running(case_type, slot, Q(**{f"{due}__lte": cut.warn})
                             & _rule_filter(case_type, value, specific))
                    .annotate(**_columns(case_type=Value(case_type.key, output_field=CharField()),
                                         case_id=F("pk"), clock_id=F(f"{slot.field}_id"),
                                         agency_id=F(f"{case_type.agency_field}_id"), level=level,
                                         due_on=F(due), issued_on=Value(today),
                                         # Cast: a bare NULL parameter would reach PostgreSQL as text.
                                         notified_at=Cast(Value(timezone.now() if claim else None),
                                                          output_field=DateTimeField()),
                                         notify_claim=Cast(Value(claim), output_field=UUIDField()))))
        if any_held:
            queryset = queryset.filter(~Exists(held))
        counts = _insert_select(Card._meta.db_table, CARD_COLUMNS, queryset, count_by="level")
        for issued_level, n in counts.items():
            issued[issued_level] += n
    return issued


def record_overdue(case_type, slot, today: date, cal) -> int:
    """One 超时 violation per clock that has run past its limit (whatever the card thresholds say)."""
    overdue = workday_back(today, 1, cal)
    queryset = (_running(case_type, slot, Q(**{f"{slot.field}__due_on__lt": overdue}))
                .annotate(**_columns(case_type=Value(case_type.key, output_field=CharField()), case_id=F("pk"),
                                     agency_id=F(f"{case_type.agency_field}_id"),
                                     kind=Value(ViolationKind.OVERDUE.value, output_field=CharField()),
                                     key=Cast(F(f"{slot.field}_id"), output_field=CharField()),
                                     detail=Value(f"{case_type.label}超过{slot.label}", output_field=CharField()),
                                     found_on=Value(today), found_at=Value(timezone.now()))))
    return _insert_select(Violation._meta.db_table, VIOLATION_COLUMNS, queryset)


def refresh_tallies(today: date) -> int:
    """Per agency and case type: open cases, clocks currently at each card level, violations this year."""
    rows: dict[tuple[int, str], Tally] = {}

    def row(agency_id, key):
        return rows.setdefault((agency_id, key), Tally(agency_id=agency_id, case_type=key))

    for case_type in registry.case_types():
        counts = case_type.open_cases().order_by().values(case_type.agency_field).annotate(n=Count("pk"))
        for item in counts:
            row(item[case_type.agency_field], case_type.key).open_cases = item["n"]
    # Each open clock counts once, at its highest card: one grouped read of the cards on open clocks.
    attribute = {CardLevel.RED: "red", CardLevel.YELLOW: "yellow", CardLevel.WARNING: "warnings"}
    current = Counter(
        (agency_id, key, top) for agency_id, key, top in
        Card.objects.filter(clock__state__in=[ClockState.RUNNING, ClockState.PAUSED]).order_by()
        .values("clock_id", "agency_id", "case_type").annotate(top=Max("level"))
        .values_list("agency_id", "case_type", "top").iterator(chunk_size=20000))
    for (agency_id, key, top), n in current.items():
        setattr(row(agency_id, key), attribute[top], n)
    counts = (Violation.objects.filter(found_on__year=today.year).order_by()
              .values("agency_id", "case_type").annotate(n=Count("pk")))
    for item in counts:
        row(item["agency_id"], item["case_type"]).violations = item["n"]
    try:
        with transaction.atomic():
            Tally.objects.all().delete()
            Tally.objects.bulk_create(rows.values(), batch_size=2000)
    except IntegrityError:
        pass  # a sweep running at the same moment wrote the same figures first
    return len(rows)


def run_sweep(today: date | None = None, notify: bool = True) -> dict:
    """Issue cards and violations for every registered case type, notify, refresh tallies; returns counts
    and, under "seconds", how long each phase took."""
    from .notices import notify_new_cards

    started = timezone.now()
    today = today or timezone.localdate()
    cal = calendar.current()
    summary = {"warnings": 0, "yellow": 0, "red": 0, "overdue": 0, "notified": 0}
    seconds = summary["seconds"] = {"cards": 0.0, "violations": 0.0}
    claim = uuid.uuid4() if notify else None
    with transaction.atomic():
        _batch_memory()
        for case_type in registry.case_types():
            for slot in case_type.clocks:
                began = time.perf_counter()
                issued = issue_cards(case_type, slot, today, cal, claim)
                seconds["cards"] += time.perf_counter() - began
                summary["warnings"] += issued[CardLevel.WARNING]
                summary["yellow"] += issued[CardLevel.YELLOW]
                summary["red"] += issued[CardLevel.RED]
                began = time.perf_counter()
                summary["overdue"] += record_overdue(case_type, slot, today, cal)
                seconds["violations"] += time.perf_counter() - began
        if notify:
            began = time.perf_counter()
            summary["notified"] = notify_new_cards(claim)
            seconds["notices"] = time.perf_counter() - began
    began = time.perf_counter()
    summary["tallies"] = refresh_tallies(today)
    seconds["tallies"] = time.perf_counter() - began
    summary["seconds"] = {phase: round(value, 3) for phase, value in seconds.items()}
    Sweep.objects.create(started_at=started, finished_at=timezone.now(), summary=summary)
    return summary


def _batch_memory():
    """On PostgreSQL, give this transaction room to hash the clocks near their limit (a hundred thousand on a
    heavy day) in memory: at the default 4 MB the join with the cases spills to disk and takes seconds."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = '64MB'")


def claim_unnotified(claim: uuid.UUID) -> int:
    """Add to `claim` every card no sweep has claimed yet (one written by a sweep that did not notify): one
    conditional UPDATE, so a card another worker claimed meanwhile no longer matches `notified_at IS NULL`."""
    return Card.objects.filter(notified_at__isnull=True).update(notified_at=timezone.now(), notify_claim=claim)
