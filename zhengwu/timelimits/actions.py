"""State-changing operations on legal clocks.

Each action is one transaction: lock the clock row, append the event, replay all events
(`engine.replay`, the only derivation) and store the denormalised figures. An event the clock's
state does not allow raises ClockError before anything is written.
"""

import logging
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.dispatch import Signal

from . import calendar
from .engine import STORED_FIELDS, ClockError, ClockState, EventKind, replay
from .models import Clock, ClockEvent

__all__ = [
    "ClockError",
    "start_clock",
    "pause_clock",
    "resume_clock",
    "restart_clock",
    "extend_clock",
    "stop_clock",
    "recompute_open_clocks",
]

RECOMPUTE_BATCH = 2000

logger = logging.getLogger(__name__)


def start_clock(label: str, on: date, workdays: int, owner=None, actor=None, reason: str = "") -> Clock:
    """Create a running clock of `workdays` working days counted from the day after `on`."""
    event = ClockEvent(kind=EventKind.START, on=on, workdays=workdays, reason=reason, actor=actor)
    replayed = replay([event], calendar.current())
    clock = Clock(label=label)
    if owner is not None:
        clock.owner_type = ContentType.objects.get_for_model(owner)
        clock.owner_id = str(owner.pk)
    clock.apply(replayed)
    with transaction.atomic():
        clock.save()
        event.clock = clock
        event.save()
    return clock


def _append(clock: Clock, kind: str, on: date, workdays=None, reason: str = "", actor=None) -> Clock:
    cal = calendar.current()
    with transaction.atomic():
        locked = Clock.objects.select_for_update().get(pk=clock.pk)
        history = list(locked.events.all())
        if kind == EventKind.RESTART and workdays is None:
            # Store the effective limit so that the event row explains itself.
            workdays = replay(history, cal).base_limit
        event = ClockEvent(clock=locked, kind=kind, on=on, workdays=workdays, reason=reason, actor=actor)
        replayed = replay([*history, event], cal)
        event.save()
        locked.apply(replayed)
        locked.save(update_fields=list(replayed.stored_fields()))
    # Hand the caller's instance the fresh figures, so it can keep using it.
    clock.apply(replayed)
    return clock


def pause_clock(clock: Clock, on: date, reason: str, actor=None) -> Clock:
    """Stop counting after `on` (e.g. 征求第三方意见、补正期间)."""
    return _append(clock, EventKind.PAUSE, on, reason=reason, actor=actor)


def resume_clock(clock: Clock, on: date, reason: str = "", actor=None) -> Clock:
    """Continue counting with the working days after `on`."""
    return _append(clock, EventKind.RESUME, on, reason=reason, actor=actor)


def restart_clock(clock: Clock, on: date, workdays: int | None = None, reason: str = "", actor=None) -> Clock:
    """Count a fresh period from `on`: days used reset to 0, extensions dropped.

    Without `workdays` the base limit (the last start/restart value) applies again.
    """
    return _append(clock, EventKind.RESTART, on, workdays=workdays, reason=reason, actor=actor)


def extend_clock(clock: Clock, on: date, workdays: int, reason: str, actor=None) -> Clock:
    """Add `workdays` to the limit; callers enforce how many extensions their law allows."""
    return _append(clock, EventKind.EXTEND, on, workdays=workdays, reason=reason, actor=actor)


def stop_clock(clock: Clock, on: date, reason: str = "", actor=None) -> Clock:
    """Freeze the clock: days used are those counted up to and including `on`."""
    return _append(clock, EventKind.STOP, on, reason=reason, actor=actor)


# Sent when a calendar edit moves open clocks' due dates: `moved`, a list of (clock, old_due_on) for one page of
# clocks. The app owning a clock tells the people concerned; the clock engine does not know who they are.
due_dates_moved = Signal()


def recompute_open_clocks(batch_size: int = RECOMPUTE_BATCH) -> int:
    """Re-derive every running or paused clock after a calendar change; returns how many changed.

    Pages through the clocks by primary key, one transaction per page, so that memory stays flat
    for any number of clocks and rows written in one page never disturb the scan of the next
    (writing to a table under an open cursor is unsafe on SQLite). Rows are locked per page so an
    action committing meanwhile is never overwritten with older figures.
    """
    cal = calendar.load()  # straight from the table: the cached snapshot may predate the edit
    open_states = [ClockState.RUNNING, ClockState.PAUSED]
    changed_total, last_id = 0, 0
    while True:
        with transaction.atomic():
            page = list(
                Clock.objects.select_for_update()
                .filter(state__in=open_states, id__gt=last_id)
                .order_by("id")[:batch_size]
            )
            if not page:
                return changed_total
            last_id = page[-1].id
            events: dict[int, list[ClockEvent]] = {}
            for event in (
                ClockEvent.objects.filter(clock_id__in=[c.id for c in page])
                .order_by("clock_id", "id")
                .iterator(chunk_size=batch_size)
            ):
                events.setdefault(event.clock_id, []).append(event)
            changed, moved = [], []
            for clock in page:
                try:
                    replayed = replay(events.get(clock.id, []), cal)
                except ClockError:
                    # A clock whose history no longer replays needs a person, not a crashed batch.
                    logger.exception("计时 %s 的事件无法重放，已跳过", clock.pk)
                    continue
                old_due = clock.due_on
                if clock.apply(replayed):
                    changed.append(clock)
                    if clock.due_on != old_due:
                        moved.append((clock, old_due))
            if changed:
                Clock.objects.bulk_update(changed, list(STORED_FIELDS), batch_size=500)
            if moved:
                # In the same transaction, once per page: the owner apps record the moves on their cases.
                due_dates_moved.send(sender=Clock, moved=moved)
            changed_total += len(changed)
