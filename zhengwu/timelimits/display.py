"""How a clock reads on a page: its status in words, the coloured badge of working days left (by band), and
the facts a case page shows. One wording for every case type (timelimits.bands decides the band)."""

from django.utils import timezone
from django.utils.html import format_html

from .bands import Band, band_of, warn_days
from .engine import ClockState

BADGE_COLOURS = {Band.OVERDUE: "#8a1111", Band.DUE_SOON: "#9a5b00", Band.ON_TIME: "#1d6b35"}


def left_text(due_on, left) -> str:
    """Working days left in words; 0 days left after the due date (a weekend or holiday since) is 已到期."""
    if left is None:
        return ""
    if left < 0:
        return f"超期 {-left} 个工作日"
    if left == 0:
        return "今日到期" if due_on == timezone.localdate() else "已到期（期满后尚无工作日）"
    return f"剩 {left} 个工作日"


def time_left_badge(clock, case_type: str | None = None):
    """The working days left on a running clock, coloured by its band (red overdue, orange due soon by the
    supervision rule of `case_type`, green otherwise); a dash once the clock is paused or stopped."""
    if clock is None or clock.due_on is None or clock.state != ClockState.RUNNING:
        return "—"
    left = clock.days_left()
    band = band_of(left, warn_days(case_type))
    text = f"已超期 {-left} 个工作日" if band == Band.OVERDUE else f"剩 {left} 个工作日"
    return format_html('<span class="w-status w-status--label" style="background:{};color:#fff">{}</span>',
                       BADGE_COLOURS[band], text)


def clock_facts(clock, explain=False, awaiting_correction=False, why_paused=""):
    """What a case page shows of a clock: its due date (or its status in words), and optionally how it is
    counted. `why_paused` names the rule behind a pause for a correction (e.g. 条例第三十条)."""
    if clock is None:
        return None
    if clock.state == ClockState.RUNNING:
        status = f"{clock.due_on:%Y-%m-%d}"
    else:
        status = clock.status_text(awaiting_correction) + (why_paused if awaiting_correction else "")
    return {"clock": clock, "status": status, "running": clock.state == ClockState.RUNNING,
            "explanation": clock.explain() if explain else []}
