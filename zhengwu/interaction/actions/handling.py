"""The office's and the answering agency's steps on a letter, each one transaction: lock, check, clock,
event; the writer is told after commit.

Grouped letters (the same writer, or the same text) are handled on the group's main letter: forwarding,
handing back, the reply and a referral apply to every open letter of the group, and each is answered on
its own clock."""

from django.db import transaction

from zhengwu.interaction.actions.common import (
    LETTER_ROLES,
    ActionForbidden,
    ActionRefused,
    is_handler,
    lock,
    record,
    require_handler,
    require_office,
    require_state,
    tell_writer,
    today,
)
from zhengwu.interaction.models import OPEN_LETTER_STATES, Letter, LetterEvent, LetterState
from zhengwu.orgs.models import holds
from zhengwu.privacy import masking
from zhengwu.timelimits.actions import stop_clock


def members(letter) -> list[Letter]:
    """The letter and the open letters grouped under it (locked: they change with it)."""
    grouped = (Letter.objects.select_for_update(of=("self",)).select_related("clock", "mailbox")
               .filter(group=letter, state__in=OPEN_LETTER_STATES).order_by("pk"))
    return [letter, *grouped]


def public_text(letter, text):
    """The letter's text as the public may read it: ID, phone numbers and e-mail addresses masked anywhere, and
    the writer's own name and address wherever the letter repeats them."""
    text = masking.mask_text(text)
    for value, masked in ((letter.address, masking.mask_address(letter.address)),
                          (letter.name, masking.mask_name(letter.name))):
        if value and len(value) >= 2:
            text = text.replace(value, masked)
    return text


def require_main(letter):
    if letter.group_id:
        raise ActionRefused(f"该来信已归入来信 {letter.group.number} 一组，请在主信上办理，或先移出该组。")


@transaction.atomic
def assign(letter, user, agency, note="", on=None):
    """交办: the office forwards the letter (and its group) to the agency that should answer it."""
    letter = lock(letter)
    require_office(user, letter)
    require_main(letter)
    require_state(letter, LetterState.RECEIVED)
    office = letter.mailbox.agency
    if agency.pk == office.pk or not agency.path.startswith(office.path):
        raise ActionRefused(f"只能交办给{office.name}所属的单位。")
    for member in members(letter):
        member.agency, member.state = agency, LetterState.ASSIGNED
        member.save(update_fields=["agency", "state"])
        record(member, LetterEvent.Kind.ASSIGNED, user, f"交办{agency.name}办理。{note}".strip(), on=on)
    return letter


@transaction.atomic
def return_letter(letter, user, reason):
    """The agency hands a letter back to the office once, saying why (e.g. not its remit)."""
    letter = lock(letter)
    require_main(letter)
    require_state(letter, LetterState.ASSIGNED)
    if not holds(user, letter.agency_id, LETTER_ROLES) or holds(user, letter.mailbox.agency_id, LETTER_ROLES):
        raise ActionForbidden(f"只有{letter.agency.name}的办理人员可以退回。")
    if letter.returns >= 1:
        raise ActionRefused("每封来信只能退回一次；如确非本单位职责，请与分办人员联系后答复说明。")
    if not reason.strip():
        raise ActionRefused("请说明退回理由。")
    agency = letter.agency
    for member in members(letter):
        member.agency, member.state, member.returns = member.mailbox.agency, LetterState.RECEIVED, member.returns + 1
        member.save(update_fields=["agency", "state", "returns"])
        record(member, LetterEvent.Kind.RETURNED, user, f"{agency.name}退回：{reason.strip()}", public=False)
    return letter


@transaction.atomic
def draft_reply(letter, user, text):
    """The answering agency writes (or rewrites) the reply; it goes to a second person for approval."""
    letter = lock(letter)
    require_handler(user, letter)
    require_main(letter)
    require_state(letter, LetterState.RECEIVED, LetterState.ASSIGNED, LetterState.REVIEWING)
    if not text.strip():
        raise ActionRefused("请填写答复内容。")
    letter.reply_draft, letter.drafted_by, letter.state = text.strip(), user, LetterState.REVIEWING
    letter.save(update_fields=["reply_draft", "drafted_by", "state"])
    record(letter, LetterEvent.Kind.DRAFTED, user, "答复已拟写，待审核。", public=False,
           data={"draft": letter.reply_draft})
    return letter


def _require_reviewer(user, letter):
    require_handler(user, letter)
    if letter.drafted_by_id == user.pk:
        raise ActionForbidden("答复须由拟稿人以外的人员审核。")


@transaction.atomic
def send_back(letter, user, reason):
    letter = lock(letter)
    require_state(letter, LetterState.REVIEWING)
    _require_reviewer(user, letter)
    if not reason.strip():
        raise ActionRefused("请说明需要修改的地方。")
    at_office = letter.agency_id == letter.mailbox.agency_id
    letter.state = LetterState.RECEIVED if at_office else LetterState.ASSIGNED
    letter.save(update_fields=["state"])
    record(letter, LetterEvent.Kind.SENT_BACK, user, f"答复退回修改：{reason.strip()}", public=False)
    return letter


@transaction.atomic
def approve_reply(letter, user, *, publish=False, public_subject="", public_body="", on=None):
    """The reply reaches the writer (and every letter of the group); each letter's clock stops. With
    `publish`, the letter and reply are shown on the mailbox page — only where the writer allowed it — with
    the public text the approver checked (personal details masked by default)."""
    letter = lock(letter)
    require_state(letter, LetterState.REVIEWING)
    _require_reviewer(user, letter)
    if publish and not letter.may_publish:
        raise ActionRefused("写信人未同意公开，不能公开这封来信。")
    on = on or today()
    for member in members(letter):
        stop_clock(member.clock, on, reason="已答复", actor=user)
        member.clock.refresh_from_db()
        member.reply, member.reply_agency, member.replied_on = letter.reply_draft, letter.agency, on
        member.reply_workdays, member.approved_by, member.state = member.clock.days_used, user, LetterState.REPLIED
        fields = ["reply", "reply_agency", "replied_on", "reply_workdays", "approved_by", "state"]
        if member.pk == letter.pk and publish:
            member.published = True
            member.public_subject = (public_subject or public_text(member, member.subject)).strip()
            member.public_body = (public_body or public_text(member, member.body)).strip()
            fields += ["published", "public_subject", "public_body"]
        member.save(update_fields=fields)
        record(member, LetterEvent.Kind.REPLIED, user, f"{letter.agency.name}已答复。", on=on,
               data={"approved_by": user.pk, "drafted_by": letter.drafted_by_id, "published": member.published})
        tell_writer(member, "来信已答复", f"您的来信（编号 {member.number}）已由{letter.agency.name}答复，"
                    "请凭编号和查询码查看答复并评价。")
    return letter


@transaction.atomic
def refer_petition(letter, user, where, why, on=None):
    """A letter that is really a 信访 matter goes to the petition channel; the writer is told where and why,
    and the mailbox's clock stops."""
    letter = lock(letter)
    require_office(user, letter)
    require_main(letter)
    require_state(letter, *OPEN_LETTER_STATES)
    if not where.strip() or not why.strip():
        raise ActionRefused("请写明应向何处反映以及转办的理由。")
    text = f"您反映的问题属于信访事项，请向{where.strip()}反映。理由：{why.strip()}"
    on = on or today()
    for member in members(letter):
        stop_clock(member.clock, on, reason="转信访渠道", actor=user)
        member.state, member.referral = LetterState.REFERRED, text
        member.save(update_fields=["state", "referral"])
        record(member, LetterEvent.Kind.REFERRED, user, text, on=on)
        tell_writer(member, "来信转信访渠道", f"您的来信（编号 {member.number}）{text}")
    return letter


@transaction.atomic
def group_with(letter, user, main):
    """Put a letter the office has not forwarded yet under another open letter of the same mailbox."""
    letter = lock(letter)
    require_office(user, letter)
    main = main.group or main
    if main.pk == letter.pk or main.mailbox_id != letter.mailbox_id or main.state not in OPEN_LETTER_STATES:
        raise ActionRefused("只能归入同一信箱中尚未办结的另一封来信。")
    require_state(letter, LetterState.RECEIVED)
    if Letter.objects.filter(group=letter).exists():
        raise ActionRefused("该来信本身是一组的主信，请先移出组内来信。")
    letter.group, letter.agency, letter.state = main, main.agency, main.state
    if main.state == LetterState.REVIEWING:
        letter.state = LetterState.ASSIGNED if main.agency_id != main.mailbox.agency_id else LetterState.RECEIVED
    letter.save(update_fields=["group", "agency", "state"])
    record(letter, LetterEvent.Kind.GROUPED, user, f"归入来信 {main.number} 一组，一并答复。", public=False,
           data={"group": main.number})
    return letter


@transaction.atomic
def ungroup(letter, user):
    letter = lock(letter)
    require_office(user, letter)
    if not letter.group_id:
        raise ActionRefused("该来信不在任何一组中。")
    require_state(letter, *OPEN_LETTER_STATES)
    main = letter.group
    letter.group = None
    letter.save(update_fields=["group"])
    record(letter, LetterEvent.Kind.UNGROUPED, user, f"移出来信 {main.number} 一组，单独办理。", public=False)
    return letter


@transaction.atomic
def add_note(letter, user, text):
    letter = lock(letter)
    if not (is_handler(user, letter) or holds(user, letter.mailbox.agency_id, LETTER_ROLES)):
        raise ActionForbidden("您没有办理该来信的权限。")
    if not text.strip():
        raise ActionRefused("请填写备注内容。")
    record(letter, LetterEvent.Kind.NOTE, user, text.strip(), public=False)
    return letter
