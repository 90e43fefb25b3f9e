"""What every letter action shares: who may act, the row lock, the timeline event, the writer's SMS."""

from django.db import transaction
from django.utils import timezone

from zhengwu.cases.errors import ActionForbidden, ActionRefused  # noqa: F401  (the shared refusals, re-exported)
from zhengwu.interaction.models import Letter, LetterEvent
from zhengwu.notifications.actions import notify
from zhengwu.orgs import duties
from zhengwu.orgs.models import holds

LETTER_TYPE = "interaction.letter"  # as registered with supervision
LETTER_ROLES = duties.roles("letters.handle")  # the mailbox staff of the office or the answering agency
VIEWING_ROLES = duties.roles("letters.view")  # supervisors (监察员) read them too


def is_office(user, letter) -> bool:
    """The mailbox's own staff (分办): they triage, forward, refer and group."""
    return holds(user, letter.mailbox.agency_id, LETTER_ROLES)


def is_handler(user, letter) -> bool:
    """The staff of the agency answering the letter now (the office too, while it holds the letter)."""
    return holds(user, letter.agency_id, LETTER_ROLES)


def require_office(user, letter):
    if not is_office(user, letter):
        raise ActionForbidden(f"您不是“{letter.mailbox.name}”的分办人员。")


def require_handler(user, letter):
    if not is_handler(user, letter):
        raise ActionForbidden(f"您没有办理{letter.agency.name}来信的权限。")


def require_state(letter, *states):
    if letter.state not in states:
        raise ActionRefused(f"来信当前状态为“{letter.get_state_display()}”，不能进行此操作。")


def lock(letter: Letter) -> Letter:
    """Re-read the letter under a row lock so two people never act on the same state at once."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock() must run inside the action's transaction")
    return (Letter.objects.select_for_update(of=("self",))
            .select_related("mailbox", "mailbox__agency", "agency", "clock").get(pk=letter.pk))


def today():
    return timezone.localdate()


def record(letter, kind, actor=None, message="", *, on=None, public=True, data=None) -> LetterEvent:
    return LetterEvent.record(letter, kind, actor, message, on=on or today(), public=public, data=data)


def tell_writer(letter, subject, body):
    """SMS to the writer after commit (logged locally by default), and email when one was given."""
    text = f"【{letter.mailbox.name}】{body}"
    notify("sms", to_address=letter.phone, subject=subject, body=text, about=letter)
    if letter.email:
        notify("email", to_address=letter.email, subject=subject, body=text, about=letter)
