"""Seed the calendar table from the chinese-calendar library.

`seed_from_chinese_calendar` takes the model classes, so the data migration can pass historical
models and the `seedcalendar` command the real ones. Every year the library knows becomes an
official CalendarYear; its holidays and makeup workdays become CalendarDay rows.

Re-running is idempotent and only touches what the library owns: rows whose source is the library,
and provisional rows (guesses entered before the official notice) in years the library now covers.
A non-provisional row entered by an administrator is a deliberate correction and is kept.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

import chinese_calendar

SOURCE_PREFIX = "chinese-calendar"

HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}

HOLIDAY, WORKDAY = "holiday", "workday"  # CalendarDay.kind values; historical models carry no enums


def library_source() -> str:
    return f"{SOURCE_PREFIX} {chinese_calendar.__version__}"


def chinese_name(english: str) -> str:
    return HOLIDAY_NAMES.get(english, english)


def library_years() -> list[int]:
    days = list(chinese_calendar.holidays) + list(chinese_calendar.workdays)
    return list(range(min(days).year, max(days).year + 1))


def _holiday_block(day: date, holidays: dict[date, str]) -> list[date]:
    """The run of days off around a holiday: holidays and the weekends joining them."""

    def off(d):
        return d in holidays or (d.weekday() >= 5 and d not in chinese_calendar.workdays)

    first = last = day
    while off(first - timedelta(days=1)):
        first -= timedelta(days=1)
    while off(last + timedelta(days=1)):
        last += timedelta(days=1)
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _makeup_name(day: date, english: str, holidays: dict[date, str]) -> str:
    # The library ties a makeup day to one festival; the State Council notice names the whole
    # block it pays for (2025-10-11 works for "国庆节、中秋节"), so name it after that block.
    candidates = [d for d, name in holidays.items() if name == english and abs((d - day).days) <= 60]
    if not candidates:
        return chinese_name(english)
    nearest = min(candidates, key=lambda d: abs((d - day).days))
    names: list[str] = []
    for d in _holiday_block(nearest, holidays):
        name = chinese_name(holidays[d]) if d in holidays else None
        if name and name not in names:
            names.append(name)
    return "、".join(names)


def library_days() -> dict[date, tuple[str, str]]:
    """date -> (kind, Chinese name) for everything the library knows."""
    holidays = dict(chinese_calendar.holidays)
    days = {d: (HOLIDAY, chinese_name(name)) for d, name in holidays.items()}
    for d, name in chinese_calendar.workdays.items():
        days[d] = (WORKDAY, _makeup_name(d, name, holidays))
    return days


@dataclass
class SeedReport:
    source: str
    years_created: list[int] = field(default_factory=list)
    years_updated: list[int] = field(default_factory=list)
    days_created: list[str] = field(default_factory=list)
    days_updated: list[str] = field(default_factory=list)
    days_deleted: list[str] = field(default_factory=list)
    days_kept: list[str] = field(default_factory=list)
    days_resourced: int = 0  # rows whose only change is the source (a newer library release)

    @property
    def changed(self) -> bool:
        return bool(
            self.years_created
            or self.years_updated
            or self.days_created
            or self.days_updated
            or self.days_deleted
            or self.days_resourced
        )


def _owned_by_library(row) -> bool:
    return row.source.startswith(SOURCE_PREFIX) or row.provisional


def seed_from_chinese_calendar(CalendarYear, CalendarDay) -> SeedReport:  # noqa: N803 - model classes
    source = library_source()
    years = library_years()
    report = SeedReport(source=source)

    existing_years = {row.year: row for row in CalendarYear.objects.filter(year__in=years)}
    new_years, changed_years = [], []
    for year in years:
        row = existing_years.get(year)
        if row is None:
            new_years.append(CalendarYear(year=year, provisional=False, source=source))
            report.years_created.append(year)
        elif row.provisional or row.source != source:
            row.provisional, row.source = False, source
            changed_years.append(row)
            report.years_updated.append(year)
    CalendarYear.objects.bulk_create(new_years, ignore_conflicts=True)
    if changed_years:
        CalendarYear.objects.bulk_update(changed_years, ["provisional", "source"])

    wanted = library_days()
    existing = {
        row.date: row
        for row in CalendarDay.objects.filter(
            date__gte=date(years[0], 1, 1), date__lte=date(years[-1], 12, 31)
        )
    }
    new_days, changed_days = [], []
    for day, (kind, name) in sorted(wanted.items()):
        row = existing.get(day)
        label = f"{day.isoformat()} {name}（{'法定节假日' if kind == HOLIDAY else '调休上班日'}）"
        if row is None:
            new_days.append(CalendarDay(date=day, kind=kind, name=name, source=source, provisional=False))
            report.days_created.append(label)
        elif not _owned_by_library(row):
            if (row.kind, row.name) != (kind, name):
                report.days_kept.append(f"{day.isoformat()} 保留管理员录入：{row.name}（库中为 {name}）")
        elif (row.kind, row.name, row.source, row.provisional) != (kind, name, source, False):
            if (row.kind, row.name) != (kind, name):
                report.days_updated.append(f"{label}，原为 {row.name}（{row.kind}）")
            else:
                report.days_resourced += 1
            row.kind, row.name, row.source, row.provisional = kind, name, source, False
            changed_days.append(row)
    CalendarDay.objects.bulk_create(new_days, ignore_conflicts=True)
    if changed_days:
        CalendarDay.objects.bulk_update(changed_days, ["kind", "name", "source", "provisional"])

    # Library-owned rows the library no longer lists were corrected away upstream.
    stale = [row for day, row in existing.items() if day not in wanted and _owned_by_library(row)]
    if stale:
        CalendarDay.objects.filter(pk__in=[row.pk for row in stale]).delete()
        report.days_deleted = [f"{row.date.isoformat()} {row.name}" for row in stale]
    return report
