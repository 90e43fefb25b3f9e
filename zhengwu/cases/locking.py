"""The row lock every action takes first: the record re-read under `SELECT … FOR UPDATE`, so two people never
act on the same state at once."""

from django.db import transaction


def lock(record):
    """Re-read `record` under a row lock (inside the action's transaction)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock() must run inside the action's transaction")
    return type(record).objects.select_for_update(of=("self",)).get(pk=record.pk)
