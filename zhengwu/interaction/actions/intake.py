"""Receiving letters: number and 查询码, the reply clock, attachments, and grouping with letters already in
(the same writer, or the same text) so that one reply can serve them all."""

import hashlib
import unicodedata
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from zhengwu.cases.tracking import new_tracking_code, tracking_digest  # the one 查询码 of every case type
from zhengwu.files.actions import store_document
from zhengwu.interaction.actions.common import LETTER_ROLES, record, tell_writer
from zhengwu.interaction.models import OPEN_LETTER_STATES, Letter, LetterAttachment, LetterEvent
from zhengwu.numbering.models import allocate
from zhengwu.privacy import hashing
from zhengwu.timelimits.actions import start_clock

NUMBER_SERIES = "interaction.letter"
RESUBMIT_WINDOW = timedelta(minutes=10)  # the same letter again within this is a double submission
SAME_WRITER_DAYS = 30  # an open letter from the same phone within this many days joins its group
SAME_TEXT_DAYS = 90  # an open letter with the same text within this many days joins its group


class DuplicateLetter(Exception):
    def __init__(self, existing):
        self.existing = existing
        super().__init__(f"已收到相同的来信（编号 {existing.number}），请勿重复提交。")


def format_number(agency, year, serial):
    return f"XJ{year}-{agency.pk:05d}-{serial:05d}"


def text_digest(subject, body):
    """Same letter, whatever the spacing, punctuation, full/half-width forms: letters and digits only."""
    text = unicodedata.normalize("NFKC", f"{subject}{body}").lower()
    kept = "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")
    return hashlib.sha256(kept.encode()).hexdigest()


def find_group(mailbox, phone_index, digest, received, exclude=None):
    """The open letter this one belongs with: the same writer lately, or the same text; returns the group's
    main letter (the first of the group), or None."""
    candidates = (Letter.objects.filter(mailbox=mailbox, state__in=OPEN_LETTER_STATES)
                  .filter(Q(phone_index=phone_index, received_on__gte=received - timedelta(days=SAME_WRITER_DAYS))
                          | Q(text_digest=digest, received_on__gte=received - timedelta(days=SAME_TEXT_DAYS))))
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude.pk)
    found = candidates.order_by("received_on", "pk").first()
    if found is None:
        return None
    return found.group or found


@transaction.atomic
def write_letter(mailbox, fields: dict, files=(), *, writer=None, submitted_at=None) -> Letter:
    """File one letter. `fields`: category, subject, body, name, phone, email, address, may_publish (as
    cleaned by the letter form or API schema). The writer is told the number and 查询码 after commit."""
    if not mailbox.is_active:
        raise ValidationError("该信箱暂停受理来信。")
    now = timezone.now()
    submitted_at = submitted_at or now
    received = timezone.localtime(submitted_at).date()
    digest = text_digest(fields["subject"], fields["body"])
    phone_index = hashing.blind_index(fields["phone"], hashing.PHONE)
    again = Letter.objects.filter(mailbox=mailbox, phone_index=phone_index, text_digest=digest,
                                  submitted_at__gte=now - RESUBMIT_WINDOW).first()
    if again is not None:
        raise DuplicateLetter(again)
    group = find_group(mailbox, phone_index, digest, received)
    serial = allocate(NUMBER_SERIES, mailbox.agency, received.year)
    code = new_tracking_code()
    letter = Letter.objects.create(
        **fields, mailbox=mailbox, agency=mailbox.agency, writer=writer, text_digest=digest, group=group,
        number=format_number(mailbox.agency, received.year, serial), tracking_digest=tracking_digest(code),
        received_on=received, submitted_at=submitted_at)
    letter.tracking_code = code  # the clear code: this receipt and its notification only
    letter.clock = start_clock(f"来信 {letter.number}", received, mailbox.limit_workdays, owner=letter,
                               reason=f"{mailbox.name}答复时限：自收信之日起 {mailbox.limit_workdays} 个工作日")
    letter.save(update_fields=["clock"])
    for upload in files:
        # No `user`: nobody uploads into the mailbox's folder by hand; this action is the gate.
        document = store_document(mailbox.agency, upload, title=upload.name, private=True, access_roles=LETTER_ROLES)
        LetterAttachment.objects.create(letter=letter, document=document)
    record(letter, LetterEvent.Kind.RECEIVED, message=f"收到来信，编号 {letter.number}；答复期限至 "
           f"{letter.clock.due_on:%Y-%m-%d}（{mailbox.limit_workdays} 个工作日）。", on=received)
    if group is not None:
        record(letter, LetterEvent.Kind.GROUPED, message=f"与来信 {group.number} 内容相同或为同一写信人，归为一组办理。",
               on=received, public=False, data={"group": group.number})
    tell_writer(letter, "来信已收到", f"您的来信已收到，编号 {letter.number}，查询码 {letter.tracking_code}。"
                f"我们将在 {mailbox.limit_workdays} 个工作日内答复。")
    return letter
