"""Hearings (听证会): the notice, registrations from the public, selection and announcement of participants,
and the record and result — the notice and the record each published after approval."""

from django.db import transaction
from django.utils import timezone

from zhengwu.consultation.actions.common import (
    APPROVE_ROLES,
    DRAFT_ROLES,
    ActionRefused,
    lock,
    now,
    require_role,
    tell_public,
)
from zhengwu.consultation.models import Hearing, HearingEvent, HearingReport, Registration, Selection
from zhengwu.publishing import actions as publishing

Kind = HearingEvent.Kind
MAX_STATEMENT_LENGTH = 3000


def record(hearing, kind, actor=None, message="", *, registration=None, data=None):
    return HearingEvent.record(hearing, kind, actor, message, registration=registration, data=data)


def flow(hearing) -> publishing.Flow:
    return publishing.Flow(
        what=f"听证会公告“{hearing.subject}”", agency=hearing.agency,
        log=lambda kind, actor, message: record(hearing, kind, actor, message),
        kinds=(Kind.SAVED, Kind.SUBMITTED, Kind.PUBLISHED, Kind.RETURNED))


def report_flow(report) -> publishing.Flow:
    hearing = report.hearing
    return publishing.Flow(
        what=f"“{hearing.subject}”听证笔录和结果", agency=hearing.agency,
        log=lambda kind, actor, message: record(hearing, kind, actor, message),
        kinds=(Kind.REPORT_SAVED, Kind.REPORT_SUBMITTED, Kind.REPORT_PUBLISHED, Kind.REPORT_RETURNED))


def local(moment):
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def _check_notice(hearing):
    if hearing.registration_closes_at >= hearing.held_at:
        raise ActionRefused("报名截止时间应早于听证会举行时间。")
    if not hearing.seats:
        raise ActionRefused("请填写拟遴选参加人数。")


# -- the notice -------------------------------------------------------------------------------------------------

@transaction.atomic
def save_hearing(hearing, *, actor) -> Hearing:
    _check_notice(hearing)
    created = hearing.pk is None
    publishing.prepare_edit(hearing, actor, flow(hearing))
    hearing.save()
    record(hearing, Kind.SAVED, actor, "创建草稿。" if created else "修改草稿。")
    return hearing


@transaction.atomic
def submit_hearing(hearing, *, actor) -> Hearing:
    hearing = lock(hearing)
    _check_notice(hearing)
    publishing.submit(hearing, actor, flow(hearing))
    return hearing


@transaction.atomic
def approve_hearing(hearing, *, actor) -> Hearing:
    hearing = lock(hearing)
    if hearing.registration_closes_at <= now():
        raise ActionRefused(f"报名截止时间（{local(hearing.registration_closes_at)}）已过，请退回修改后再发布。")
    publishing.approve(hearing, actor, flow(hearing))
    return hearing


@transaction.atomic
def return_hearing(hearing, *, actor, note) -> Hearing:
    hearing = lock(hearing)
    publishing.send_back(hearing, actor, note, flow(hearing))
    return hearing


# -- registration and selection -------------------------------------------------------------------------------

def registration_closed_message(hearing, moment=None):
    if not hearing.is_published:
        return "该听证会尚未公告。"
    if (moment or now()) >= hearing.registration_closes_at:
        return f"报名已于{local(hearing.registration_closes_at)}截止，不再接受报名。"
    return ""


@transaction.atomic
def register(hearing, *, name, contact, interest, position, statement) -> Registration:
    hearing = Hearing.objects.select_related("agency").get(pk=hearing.pk)
    refusal = registration_closed_message(hearing)
    if refusal:
        raise ActionRefused(refusal)
    if not (name or "").strip() or not (contact or "").strip():
        raise ActionRefused("请填写姓名和联系方式。")
    statement = (statement or "").strip()
    if not statement:
        raise ActionRefused("请填写拟陈述的主要观点。")
    if len(statement) > MAX_STATEMENT_LENGTH:
        raise ActionRefused(f"主要观点不能超过 {MAX_STATEMENT_LENGTH} 字。")
    registration = Registration.objects.create(hearing=hearing, name=(name or "").strip(),
                                               contact=(contact or "").strip(), interest=interest,
                                               position=position, statement=statement)
    record(hearing, Kind.REGISTERED, None, f"收到报名（编号 {registration.pk}，{registration.get_interest_display()}）。",
           registration=registration)
    tell_public(registration.contact, "听证会报名已收到",
                f"【{hearing.agency.name}】您报名参加“{hearing.subject}”听证会已收到（编号 {registration.pk}）。"
                f"遴选结果将于报名截止后通知您。", registration)
    return registration


@transaction.atomic
def select_participant(registration, *, actor, selected: bool, reason="") -> Registration:
    registration = lock(registration)
    hearing = registration.hearing
    require_role(actor, hearing.agency, DRAFT_ROLES, f"您没有遴选{hearing.agency.name}听证会参加人的权限。")
    if now() < hearing.registration_closes_at:
        raise ActionRefused(f"报名截止（{local(hearing.registration_closes_at)}）后才能遴选参加人。")
    if hearing.participants_announced_at:
        raise ActionRefused("参加人名单已经公布，遴选结果不能再改变。")
    reason = (reason or "").strip()
    if selected:
        taken = hearing.registrations.filter(selection=Selection.SELECTED).exclude(pk=registration.pk).count()
        if taken >= hearing.seats:
            raise ActionRefused(f"已选定 {taken} 人，达到拟遴选人数 {hearing.seats} 人。")
    elif not reason:
        raise ActionRefused("未选定的，请写明理由（如名额已满、与听证事项无利害关系）。")
    registration.selection = Selection.SELECTED if selected else Selection.NOT_SELECTED
    registration.selection_reason, registration.decided_by, registration.decided_at = reason[:200], actor, now()
    registration.save()
    record(hearing, Kind.SELECTED, actor,
           f"报名（编号 {registration.pk}）：{registration.get_selection_display()}。{reason}".strip(),
           registration=registration)
    return registration


@transaction.atomic
def announce_participants(hearing, *, actor) -> Hearing:
    """Publish the list of selected participants (names masked) and tell every registrant the result."""
    hearing = lock(hearing)
    require_role(actor, hearing.agency, APPROVE_ROLES, "只有单位管理员可以公布参加人名单。")
    if hearing.participants_announced_at:
        raise ActionRefused("参加人名单已经公布。")
    if not hearing.is_published or now() < hearing.registration_closes_at:
        raise ActionRefused("报名截止后才能公布参加人名单。")
    registrations = list(hearing.registrations.all())
    pending = [r.pk for r in registrations if r.selection == Selection.PENDING]
    if pending:
        raise ActionRefused(f"还有 {len(pending)} 个报名未作遴选（编号 {'、'.join(map(str, pending[:10]))}）。")
    chosen = [r for r in registrations if r.selection == Selection.SELECTED]
    if not chosen:
        raise ActionRefused("还没有选定任何参加人。")
    hearing.participants_announced_at, hearing.participants_announced_by = now(), actor
    hearing.save(update_fields=["participants_announced_at", "participants_announced_by", "updated_at"])
    record(hearing, Kind.ANNOUNCED, actor, f"公布参加人名单：选定 {len(chosen)} 人，共报名 {len(registrations)} 人。")
    for registration in registrations:
        if registration.selection == Selection.SELECTED:
            body = (f"您已被选定为“{hearing.subject}”听证会参加人。听证会于{local(hearing.held_at)}在{hearing.place}"
                    f"举行，请携带身份证件按时参加。")
        else:
            body = f"感谢您报名参加“{hearing.subject}”听证会。本次未被选定，说明：{registration.selection_reason}"
        tell_public(registration.contact, "听证会遴选结果", f"【{hearing.agency.name}】{body}", registration)
    return hearing


# -- the record and result --------------------------------------------------------------------------------------

@transaction.atomic
def save_report(hearing, *, actor, record_text, result) -> HearingReport:
    hearing = lock(hearing)
    if not hearing.is_published or now() < hearing.held_at:
        raise ActionRefused("听证会举行后才能编写听证笔录和结果。")
    record_text, result = (record_text or "").strip(), (result or "").strip()
    if not record_text or not result:
        raise ActionRefused("请填写听证笔录摘要和听证结果。")
    report = HearingReport.objects.filter(hearing=hearing).first() or HearingReport(hearing=hearing)
    publishing.prepare_edit(report, actor, report_flow(report))
    report.record, report.result = record_text, result
    report.save()
    record(hearing, Kind.REPORT_SAVED, actor, "编写听证笔录和结果。")
    return report


@transaction.atomic
def submit_report(report, *, actor) -> HearingReport:
    report = lock(report)
    publishing.submit(report, actor, report_flow(report))
    return report


@transaction.atomic
def approve_report(report, *, actor) -> HearingReport:
    report = lock(report)
    publishing.approve(report, actor, report_flow(report))
    return report


@transaction.atomic
def return_report(report, *, actor, note) -> HearingReport:
    report = lock(report)
    publishing.send_back(report, actor, note, report_flow(report))
    return report
