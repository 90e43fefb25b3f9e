"""The one derivation of a legal clock from its events.

A clock is an append-only list of events replayed in order (by id). Counting works in segments:
a segment counts the working days strictly after its anchor date, up to and including the day it
closes. Semantics of each event (dated `on`):

- start(on, n): the first event. Limit n working days, counting from `on` (not counted).
- pause(on): closes the segment; the working days in (anchor, on] are added to days used. While
  paused nothing counts and there is no due date.
- resume(on): opens a new segment; counting continues with the days strictly after `on`.
- restart(on, n): days used reset to 0 and counting starts again from `on` (e.g. a 补正 received
  that day). The limit becomes n, or the current base limit (the last start/restart value) when n
  is not given; extensions are dropped, since the new period is the base limit. The event stores
  the effective n, so every event is self-describing.
- extend(on, n): limit += n. The engine does not limit how often; callers enforce law-specific
  rules such as "one extension only".
- stop(on): final. If running, the days in (anchor, on] are added; no due date afterwards.

The due date is the day on which the days counted since the last restart reach the limit. It is
normally in the open segment; if the limit was already reached before a pause (or an extension
still falls short) it lies in an earlier segment, i.e. in the past: the clock is overdue.

Invalid sequences raise ClockError with a Chinese message. `replay` is pure: it takes event-like
objects (kind, on, workdays) and a calendar snapshot, and never touches the database.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import models


class ClockError(Exception):
    """An event that the clock's current state does not allow."""


class ClockState(models.TextChoices):
    RUNNING = "running", "计时中"
    PAUSED = "paused", "暂停"
    STOPPED = "stopped", "已停止"


class EventKind(models.TextChoices):
    START = "start", "开始计时"
    PAUSE = "pause", "暂停"
    RESUME = "resume", "恢复"
    RESTART = "restart", "重新计时"
    EXTEND = "extend", "延长"
    STOP = "stop", "停止"


@dataclass
class Step:
    """One replayed event and the clock's figures right after it."""

    kind: str
    on: date
    workdays: int | None
    reason: str
    limit: int
    used: int

    def describe(self) -> str:
        day = self.on.isoformat()
        if self.kind == EventKind.START:
            text = f"{day} 开始计时：期限 {self.limit} 个工作日（当日不计入）"
        elif self.kind == EventKind.PAUSE:
            text = f"{day} 暂停：已用 {self.used} 个工作日，暂停期间不计时"
        elif self.kind == EventKind.RESUME:
            text = f"{day} 恢复计时：自次日起继续计算，已用 {self.used} 个工作日"
        elif self.kind == EventKind.RESTART:
            text = f"{day} 重新计时：已用清零，期限 {self.limit} 个工作日（当日不计入）"
        elif self.kind == EventKind.EXTEND:
            text = f"{day} 延长 {self.workdays} 个工作日：期限共 {self.limit} 个工作日"
        else:
            text = f"{day} 停止计时：共用 {self.used} 个工作日（期限 {self.limit} 个）"
        if self.reason:
            text += f"。原因：{self.reason}"
        return text


# The Clock columns denormalised from a replay, in the order ReplayedClock.stored_fields() gives them.
STORED_FIELDS = ("state", "limit_workdays", "days_used", "started_on", "counting_from", "due_on", "stopped_on",
                 "provisional")


@dataclass
class ReplayedClock:
    state: str
    limit: int
    base_limit: int
    used: int
    started_on: date
    counting_from: date | None
    due_on: date | None
    stopped_on: date | None
    provisional: bool
    steps: list[Step] = field(default_factory=list)

    def stored_fields(self) -> dict:
        """The Clock columns that are denormalised from this replay."""
        values = (self.state, self.limit, self.used, self.started_on, self.counting_from, self.due_on,
                  self.stopped_on, self.provisional)
        return dict(zip(STORED_FIELDS, values, strict=True))


def _positive(n, message):
    if n is None or int(n) < 1:
        raise ClockError(message)
    return int(n)


def replay(events, cal) -> ReplayedClock:
    """Derive a clock's figures from its events (in order) over calendar snapshot `cal`."""
    state = None
    limit = base_limit = used = 0
    started_on = stopped_on = previous_on = None
    # Segments since the last (re)start: [anchor, closing day or None while open].
    segments: list[list] = []
    steps: list[Step] = []
    for event in events:
        kind, on = event.kind, event.on
        if state is None and kind != EventKind.START:
            raise ClockError("计时尚未开始，请先开始计时")
        if state is not None and kind == EventKind.START:
            raise ClockError("计时已开始，不能重复开始；如需重新起算请使用“重新计时”")
        if state == ClockState.STOPPED:
            raise ClockError("计时已停止，不能再记录事件")
        if previous_on is not None and on < previous_on:
            raise ClockError(f"事件日期 {on.isoformat()} 早于上一事件日期 {previous_on.isoformat()}")

        if kind == EventKind.START:
            base_limit = limit = _positive(event.workdays, "期限必须至少为 1 个工作日")
            started_on, used, segments = on, 0, [[on, None]]
            state = ClockState.RUNNING
        elif kind == EventKind.PAUSE:
            if state == ClockState.PAUSED:
                raise ClockError("计时已暂停，不能重复暂停")
            used += cal.workdays_between(segments[-1][0], on)
            segments[-1][1] = on
            state = ClockState.PAUSED
        elif kind == EventKind.RESUME:
            if state != ClockState.PAUSED:
                raise ClockError("计时未暂停，无需恢复")
            segments.append([on, None])
            state = ClockState.RUNNING
        elif kind == EventKind.RESTART:
            if event.workdays is not None:
                base_limit = _positive(event.workdays, "期限必须至少为 1 个工作日")
            limit, used, segments = base_limit, 0, [[on, None]]
            state = ClockState.RUNNING
        elif kind == EventKind.EXTEND:
            limit += _positive(event.workdays, "延长的工作日数必须至少为 1")
        elif kind == EventKind.STOP:
            if state == ClockState.RUNNING:
                used += cal.workdays_between(segments[-1][0], on)
                segments[-1][1] = on
            stopped_on = on
            state = ClockState.STOPPED
        else:
            raise ClockError(f"未知的计时事件：{kind}")
        previous_on = on
        steps.append(Step(kind, on, event.workdays, getattr(event, "reason", "") or "", limit, used))

    if state is None:
        raise ClockError("计时尚未开始，请先开始计时")

    due_on = _due_on(segments, limit, cal) if state == ClockState.RUNNING else None
    return ReplayedClock(
        state=state,
        limit=limit,
        base_limit=base_limit,
        used=used,
        started_on=started_on,
        counting_from=segments[-1][0] if state == ClockState.RUNNING else None,
        due_on=due_on,
        stopped_on=stopped_on,
        provisional=_touches_provisional(segments, due_on, cal),
        steps=steps,
    )


def _due_on(segments, limit, cal) -> date:
    counted = 0
    for anchor, closed_on in segments:
        in_segment = None if closed_on is None else cal.workdays_between(anchor, closed_on)
        if in_segment is None or counted + in_segment >= limit:
            return cal.add_workdays(anchor, limit - counted)
        counted += in_segment
    raise AssertionError("a running clock always has an open segment")


def _touches_provisional(segments, due_on, cal) -> bool:
    for anchor, closed_on in segments:
        end = closed_on if closed_on is not None else due_on
        if end is not None and end > anchor and cal.touches_provisional(anchor, end):
            return True
    return False
