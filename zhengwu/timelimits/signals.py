"""Calendar edits (admin, ORM) republish the calendar and re-derive open clocks once committed."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import calendar
from .models import CalendarDay, CalendarYear


class _CalendarCommitted:
    """One on-commit callback per transaction, however many calendar rows it edits."""

    def __init__(self):
        self.done = False

    def __call__(self):
        self.done = True
        calendar.invalidate()
        # Imported late: a task binds to its backend, which must not be resolved while apps load.
        from .tasks import recompute_open_clocks_task

        recompute_open_clocks_task.enqueue()


@receiver(post_save, sender=CalendarDay)
@receiver(post_delete, sender=CalendarDay)
@receiver(post_save, sender=CalendarYear)
@receiver(post_delete, sender=CalendarYear)
def calendar_changed(sender, using=None, **kwargs):
    # Publish only after commit: a rolled-back edit must never be cached as the calendar.
    connection = transaction.get_connection(using)
    pending = getattr(connection, "_timelimits_calendar_committed", None)
    if (
        pending is not None
        and not pending.done
        and connection.in_atomic_block
        # A rolled-back transaction drops its callbacks, so a stale `pending` is not found here.
        and any(entry[1] is pending for entry in connection.run_on_commit)
    ):
        return
    pending = _CalendarCommitted()
    connection._timelimits_calendar_committed = pending
    transaction.on_commit(pending, using=using)
