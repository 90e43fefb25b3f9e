"""Background delivery: after commit, notification ids go to the task backend (inline by default)."""

from django_tasks import task


@task()
def send_notifications_task(notification_ids: list[int]) -> int:
    from .actions import deliver

    sent = 0
    for notification_id in notification_ids:
        result = deliver(notification_id)
        sent += result is not None and result.status == "sent"
    return sent
