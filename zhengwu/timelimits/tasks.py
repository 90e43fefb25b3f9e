"""Background work for the calendar: re-deriving open clocks after the calendar changes."""

from django_tasks import task

from .actions import recompute_open_clocks


@task()
def recompute_open_clocks_task() -> int:
    return recompute_open_clocks()
