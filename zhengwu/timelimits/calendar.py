"""Working-day arithmetic over a cached snapshot of the calendar table.

A working day is a Monday–Friday that is not a 法定节假日, or a 调休上班日. Years with no official
data (no CalendarYear row, or a provisional one) fall back to weekends and the statutory holidays the law fixes
in advance (`statutory.py`; their 调休 days are unknown) and are flagged provisional; nothing here fails for any
year between 0001 and 9999.

The table is read once into a `WorkCalendar` snapshot and kept in-process, keyed on a version token
in Django's cache: `invalidate()` (called after every committed calendar change) replaces the token,
and every process reloads on its next call. With the default local-memory cache the token is per
process; a shared cache (Redis) makes edits visible to all app nodes.

Module-level functions use the current snapshot; bulk callers take `current()` once and call the
snapshot's methods directly.
"""

import threading
import uuid
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.cache import cache

VERSION_KEY = "timelimits:calendar-version"
WEEKDAY_NAMES = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]


@dataclass(frozen=True)
class SkippedRange:
    first: date
    last: date
    names: list[str]

    def label(self) -> str:
        if self.first == self.last:
            return self.first.isoformat()
        return f"{self.first.isoformat()}…{self.last.isoformat()}"


@dataclass(frozen=True)
class Explanation:
    start: date
    workdays: int
    due: date
    skipped: list[SkippedRange] = field(default_factory=list)
    makeup_days: list[tuple[date, str]] = field(default_factory=list)
    provisional_years: list[int] = field(default_factory=list)
    provisional_days: list[date] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    summary: str = ""

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_years or self.provisional_days)

    def lines(self) -> list[str]:
        """The explanation as lines for a terminal or a letter."""
        lines = [f"起算日 {self.start.isoformat()}（不计入），期限 {self.workdays} 个工作日"]
        for skipped in self.skipped:
            lines.append(f"跳过 {skipped.label()}：{'、'.join(skipped.names)}（法定节假日，不计入）")
        for day, name in self.makeup_days:
            lines.append(f"计入调休上班日 {day.isoformat()}（{name}）")
        lines.extend(self.notes)
        lines.append(self.summary)
        return lines


def _ordinals(days) -> list[int]:
    return sorted(d.toordinal() for d in days)


def _weekday(ordinal: int) -> int:
    # date.fromordinal(1) (0001-01-01) is a Monday.
    return (ordinal - 1) % 7


def _weekdays_upto(ordinal: int) -> int:
    """Monday–Friday count in [1, ordinal]."""
    weeks, rest = divmod(ordinal, 7)
    return weeks * 5 + min(rest, 5)


class WorkCalendar:
    """An immutable snapshot of the calendar table with the arithmetic over it."""

    def __init__(self, holidays=None, makeups=None, years=None, provisional_days=(), version=None, entered_years=()):
        self.version = version
        # Years without a CalendarYear row for which some days were entered by hand.
        self.entered_years = frozenset(entered_years)
        self.holidays: dict[date, str] = dict(holidays or {})
        self.makeups: dict[date, str] = dict(makeups or {})
        # year -> provisional flag, for years that have a CalendarYear row.
        self.years: dict[int, bool] = dict(years or {})
        self.provisional_days = frozenset(provisional_days)
        self._holiday_ords = frozenset(d.toordinal() for d in self.holidays)
        self._makeup_ords = frozenset(d.toordinal() for d in self.makeups)
        # Only exceptions that change the weekend rule matter for counting.
        self._weekday_holidays = _ordinals(
            d for d in self.holidays if d.weekday() < 5 and d not in self.makeups
        )
        self._weekend_makeups = _ordinals(d for d in self.makeups if d.weekday() >= 5)
        self._provisional_day_ords = _ordinals(self.provisional_days)

    # -- single days ------------------------------------------------------------------------
    def is_workday(self, d: date) -> bool:
        if d in self.makeups:
            return True
        return d.weekday() < 5 and d not in self.holidays

    def is_provisional(self, d: date) -> bool:
        """No official data for d's year, or d itself was entered as a provisional arrangement."""
        return self.year_is_provisional(d.year) or d in self.provisional_days

    def year_is_provisional(self, year: int) -> bool:
        return self.years.get(year, True)

    def day_info(self, d: date) -> str:
        """Why `d` is or is not a working day, in Chinese."""
        if d in self.makeups:
            return f"调休上班日（{self.makeups[d]}）"
        if d in self.holidays:
            return f"{self.holidays[d]}（法定节假日）"
        if d.weekday() >= 5:
            return WEEKDAY_NAMES[d.weekday()]
        return "工作日"

    # -- counting ---------------------------------------------------------------------------
    def add_workdays(self, start: date, n: int) -> date:
        """The n-th working day strictly after `start`; `start` itself never counts."""
        if n < 0:
            raise ValueError("工作日数不能为负数")
        ordinal, remaining = start.toordinal(), n
        if ordinal + n > date.max.toordinal():
            raise ValueError("日期超出可计算范围（公元 1–9999 年）")
        holidays, makeups = self._holiday_ords, self._makeup_ords
        while remaining:
            ordinal += 1
            if ordinal in makeups or ((ordinal - 1) % 7 < 5 and ordinal not in holidays):
                remaining -= 1
        try:
            return date.fromordinal(ordinal)
        except ValueError:
            raise ValueError("日期超出可计算范围（公元 1–9999 年）") from None

    def workdays_between(self, a: date, b: date) -> int:
        """Working days in (a, b]; 0 when b <= a."""
        if b <= a:
            return 0
        lo, hi = a.toordinal(), b.toordinal()
        count = _weekdays_upto(hi) - _weekdays_upto(lo)
        count -= bisect_right(self._weekday_holidays, hi) - bisect_right(self._weekday_holidays, lo)
        count += bisect_right(self._weekend_makeups, hi) - bisect_right(self._weekend_makeups, lo)
        return count

    def provisional_years(self, a: date, b: date) -> list[int]:
        """Years of the days in (a, b] that have no official data."""
        if b <= a:
            return []
        first = (a + timedelta(days=1)).year
        return [y for y in range(first, b.year + 1) if self.year_is_provisional(y)]

    def provisional_days_between(self, a: date, b: date) -> list[date]:
        lo, hi = a.toordinal(), b.toordinal()
        ords = self._provisional_day_ords
        return [date.fromordinal(o) for o in ords[bisect_right(ords, lo) : bisect_right(ords, hi)]]

    def touches_provisional(self, a: date, b: date) -> bool:
        return bool(self.provisional_years(a, b) or self.provisional_days_between(a, b))

    # -- explanation ------------------------------------------------------------------------
    def explain(self, start: date, n: int) -> Explanation:
        due = self.add_workdays(start, n)
        skipped: list[SkippedRange] = []
        makeup_days: list[tuple[date, str]] = []
        run: list[date] = []

        def close_run():
            names = []
            for d in run:
                name = self.holidays.get(d)
                if name and name not in names:
                    names.append(name)
            if names:  # runs of plain weekends are not worth mentioning
                skipped.append(SkippedRange(run[0], run[-1], names))
            run.clear()

        d = start + timedelta(days=1)
        while d <= due:
            if self.is_workday(d):
                if run:
                    close_run()
                if d in self.makeups:
                    makeup_days.append((d, self.makeups[d]))
            else:
                run.append(d)
            d += timedelta(days=1)
        if run:
            close_run()

        years = self.provisional_years(start, due)
        days = self.provisional_days_between(start, due)
        notes = [self._provisional_note(y) for y in years]
        notes += [
            f"注意：{d.isoformat()} 为临时录入的安排，尚未正式公布" for d in days if d.year not in years
        ]
        return Explanation(
            start=start,
            workdays=n,
            due=due,
            skipped=skipped,
            makeup_days=makeup_days,
            provisional_years=years,
            provisional_days=days,
            notes=notes,
            summary=self._summary(start, n, due, skipped, makeup_days, years, days),
        )

    def _provisional_note(self, year: int) -> str:
        if year in self.years or year in self.entered_years:
            return f"注意：{year} 年节假日安排为临时数据，尚未正式公布（临时）"
        return f"注意：{year} 年无官方节假日安排，按周末和《全国年节及纪念日放假办法》规定的法定节假日推算，调休上班日未知（临时）"

    @staticmethod
    def _summary(start, n, due, skipped, makeup_days, years, days) -> str:
        parts = [f"自 {start.isoformat()} 起算 {n} 个工作日（起算日不计入）"]
        if skipped:
            parts.append("跳过 " + "、".join(f"{s.label()}（{'、'.join(s.names)}）" for s in skipped))
        if makeup_days:
            parts.append("计入调休上班日 " + "、".join(d.isoformat() for d, _ in makeup_days))
        parts.append(f"到期日 {due.isoformat()}")
        summary = "，".join(parts)
        if years:
            summary += "；" + "、".join(f"{y} 年" for y in years) + "无官方节假日安排，按周末和法定节假日推算（临时）"
        elif days:
            summary += "；涉及临时录入的节假日安排（临时）"
        return summary


# -- the cached snapshot ------------------------------------------------------------------------
_snapshot: WorkCalendar | None = None
_lock = threading.Lock()


def _current_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        # First process to ask after a cache flush mints the token; the others read it back.
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def load(version=None) -> WorkCalendar:
    """Read the table now, bypassing the cache (for bulk recomputation after an edit)."""
    from .models import CalendarDay, CalendarYear, DayKind

    holidays, makeups, provisional_days = {}, {}, set()
    for day, kind, name, provisional in CalendarDay.objects.values_list(
        "date", "kind", "name", "provisional"
    ):
        (makeups if kind == DayKind.WORKDAY else holidays)[day] = name
        if provisional:
            provisional_days.add(day)
    years = dict(CalendarYear.objects.values_list("year", "provisional"))
    entered = {day.year for day in (*holidays, *makeups)} - set(years)
    _add_statutory_holidays(holidays, makeups, years, provisional_days)
    return WorkCalendar(holidays, makeups, years, provisional_days, version=version, entered_years=entered)


STATUTORY_YEARS_AHEAD = 10


def _add_statutory_holidays(holidays, makeups, years, provisional_days):
    """Years without official data still have the holidays the law fixes in advance; only their 调休 makeup days
    are unknown. Entered rows win; the added days are provisional, like the year."""
    from .statutory import statutory_holidays

    this_year = date.today().year
    for year in range(this_year - 1, this_year + STATUTORY_YEARS_AHEAD + 1):
        if years.get(year, True):
            for day, name in statutory_holidays(year).items():
                if day not in holidays and day not in makeups:
                    holidays[day] = name
                    provisional_days.add(day)


def current() -> WorkCalendar:
    """The snapshot for the calendar version currently published in the cache."""
    global _snapshot
    version = _current_version()
    snapshot = _snapshot
    if snapshot is None or version is None or snapshot.version != version:
        with _lock:
            snapshot = _snapshot = load(version)
    return snapshot


def invalidate() -> None:
    """Publish a new calendar version so that every process reloads the table."""
    global _snapshot
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    _snapshot = None


def is_workday(d: date) -> bool:
    return current().is_workday(d)


def workday_on_or_after(d: date) -> date:
    """`d` when it is a working day, else the next working day."""
    while not is_workday(d):
        d = date.fromordinal(d.toordinal() + 1)
    return d


def day_info(d: date) -> str:
    return current().day_info(d)


def is_provisional(d: date) -> bool:
    return current().is_provisional(d)


def add_workdays(start: date, n: int) -> date:
    return current().add_workdays(start, n)


def workdays_between(a: date, b: date) -> int:
    return current().workdays_between(a, b)


def explain(start: date, n: int) -> Explanation:
    return current().explain(start, n)
