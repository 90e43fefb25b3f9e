"""The periodic sweeps every installation needs, run by `manage.py run_scheduler` (which `make run` starts
beside the web server). Each job is an idempotent management command, so a missed or doubled run is
harmless; production may run the same commands from cron instead."""

import io
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.management import call_command

logger = logging.getLogger(__name__)


@dataclass
class Job:
    command: str
    every_seconds: int
    last_run: float | None = None

    def due(self, now: float) -> bool:
        return self.last_run is None or now - self.last_run >= self.every_seconds


def jobs() -> list[Job]:
    return [Job(command, int(seconds)) for command, seconds in settings.SCHEDULED_COMMANDS]


def run_due(schedule: list[Job], now: float | None = None) -> list[tuple[str, str]]:
    """Run every job that is due, returning (command, what it printed); a failing job is logged and retried
    at its next turn, and never stops the rest."""
    now = time.monotonic() if now is None else now
    ran = []
    for job in schedule:
        if not job.due(now):
            continue
        job.last_run = now
        out = io.StringIO()
        try:
            call_command(job.command, stdout=out, stderr=out)
        except Exception:
            logger.exception("定时任务 %s 运行失败，将在下一周期重试", job.command)
            continue
        ran.append((job.command, out.getvalue().strip()))
    return ran
