"""Where a running clock stands on a day, said one way for every list, page, sweep and report: overdue, due
soon, or on time, all in working days.

A clock is overdue once a working day has passed after its due date: a request due on the Friday before the
National Day holiday is not overdue on the holiday, only on the first working day after it. It is due soon
when no more working days are left than the supervision rule's 预警 threshold (five by default, editable per
case type in 监察 → 亮牌规则; supervision tells this module its rule at start-up, `use_warning_rule`)."""

from collections.abc import Callable
from datetime import date, timedelta

from django.db import models

from . import calendar as workcalendar

DEFAULT_WARN_DAYS = 5  # cn-norms §4.3: 预警 when five working days or fewer are left


class Band(models.TextChoices):
    OVERDUE = "overdue", "已超期"
    DUE_SOON = "due_soon", "即将到期"
    ON_TIME = "on_time", "未到期"


_warning_rule: Callable[[str | None], int] | None = None


def use_warning_rule(rule: Callable[[str | None], int]):
    """Supervision's 预警 threshold (working days left) per case type key; None asks for the default rule."""
    global _warning_rule
    _warning_rule = rule


def warn_days(case_type: str | None = None) -> int:
    return _warning_rule(case_type) if _warning_rule is not None else DEFAULT_WARN_DAYS


def workday_back(today: date, k: int, cal=None) -> date:
    """The k-th most recent working day on or before `today` (k ≥ 1)."""
    cal = cal or workcalendar.current()
    day, found = today, 0
    while True:
        if cal.is_workday(day):
            found += 1
            if found == k:
                return day
        day -= timedelta(days=1)


def overdue_before(today: date, cal=None) -> date:
    """A running clock is overdue on `today` when its due date lies before this day: the last working day on
    or before `today` (so a due date followed only by days off is not overdue yet)."""
    return workday_back(today, 1, cal)


def due_soon_until(today: date, warn: int, cal=None) -> date:
    """A running clock with its due date on or before this day has `warn` working days left or fewer."""
    return (cal or workcalendar.current()).add_workdays(today, warn)


def days_left(due_on: date | None, today: date, cal=None) -> int | None:
    """Working days from `today` to a running clock's due date: 0 on the day, negative once past it."""
    if due_on is None:
        return None
    cal = cal or workcalendar.current()
    if due_on >= today:
        return cal.workdays_between(today, due_on)
    return -cal.workdays_between(due_on, today)


def band_of(left: int | None, warn: int) -> Band | None:
    """The band of a running clock with `left` working days left (None: no due date, no band)."""
    if left is None:
        return None
    if left < 0:
        return Band.OVERDUE
    if left <= warn:
        return Band.DUE_SOON
    return Band.ON_TIME


def due_condition(band: str, today: date, warn: int, field: str = "clock__due_on", cal=None) -> models.Q:
    """The queryset condition for one band on a clock's `due_on` (through `field`), for the lists' filters.
    The caller limits it to running clocks (only they have a due date)."""
    overdue = overdue_before(today, cal)
    if band == Band.OVERDUE:
        return models.Q(**{f"{field}__lt": overdue})
    if band == Band.DUE_SOON:
        return models.Q(**{f"{field}__gte": overdue, f"{field}__lte": due_soon_until(today, warn, cal)})
    return models.Q(**{f"{field}__gt": due_soon_until(today, warn, cal)})
