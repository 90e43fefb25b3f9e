"""The decision: the handler drafts the reply (one outcome of table 三, with its facts), a reviewer signs it
off (never the drafter), the 告知书 is generated as PDF and DOCX, and it is sent the way the applicant chose.
Reviews and lawsuits against the decision are recorded afterwards."""

import io

from django.db import transaction
from django.utils import timezone

from zhengwu.files.actions import store_document
from zhengwu.foi.actions.common import (
    CASE_FILE_ROLES,
    REPLY_REVIEWERS,
    ActionRefused,
    acting_day,
    lock,
    record,
    require_open,
    require_role,
    today,
)
from zhengwu.foi.models import DeliveryWay, Remedy, Reply, RequestEvent, RequestState
from zhengwu.foi.notices.files import render_docx, render_pdf
from zhengwu.foi.notices.wording import MissingFact, NoticeFacts, compose
from zhengwu.foi.outcomes import outcome_label, outcomes
from zhengwu.notifications.actions import notify
from zhengwu.numbering.models import allocate
from zhengwu.orgs.models import Agency
from zhengwu.timelimits.actions import stop_clock

LETTER_SERIES = "foi.letter"
REPLY_FIELDS = ("reasons", "how_to_obtain", "withheld", "withheld_reason", "right_agency")


def review_body(agency: Agency) -> str:
    """Where a review is sought (行政复议法 2023): a department's own government; a government's next one up;
    the provincial government for itself."""
    governments = [a for a in agency.get_ancestors() if a.kind == Agency.Kind.GOVERNMENT]
    return governments[-1].name if governments else agency.name


def facts_for(reply: Reply, letter_number="", dated=None) -> NoticeFacts:
    request = reply.request
    sought = "；".join(part for part in (request.info_title, request.info_doc_number, request.description) if part)
    return NoticeFacts(
        agency_name=request.agency.name, applicant_name=request.name, request_number=request.number,
        received_on=request.received_on, info_sought=sought, outcome_key=reply.outcome,
        dated=dated or today(), letter_number=letter_number or "（审签后编号）",
        reasons=reply.reasons, withheld=reply.withheld, withheld_reason=reply.withheld_reason,
        how_to_obtain=reply.how_to_obtain, right_agency=reply.right_agency,
        review_body=review_body(request.agency))


@transaction.atomic
def draft_reply(request, *, actor, outcome, **fields):
    """Write (or rewrite, when returned) the reply: one outcome and the facts its letter needs. It goes to a
    reviewer; nothing reaches the applicant before sign-off."""
    request = lock(request)
    require_role(actor, request)
    require_open(request, RequestState.PROCESSING)
    if outcome not in {o.key for o in outcomes()}:
        raise ActionRefused("请选择一项办理结果（年度报告表三的一行）。")
    reply = Reply.objects.filter(request=request).first()
    if reply is not None and reply.state not in (Reply.State.RETURNED, Reply.State.PENDING_REVIEW):
        raise ActionRefused("答复已审签，不能再修改。")
    values = {name: (fields.get(name) or "").strip() for name in REPLY_FIELDS}
    reply = reply or Reply(request=request)
    reply.outcome = outcome
    for name, value in values.items():
        setattr(reply, name, value)
    reply.state, reply.drafted_by, reply.drafted_at = Reply.State.PENDING_REVIEW, actor, timezone.now()
    try:
        compose(facts_for(reply))  # every fact the letter needs is there before a reviewer sees it
    except MissingFact as missing:
        raise ActionRefused(str(missing)) from None
    reply.save()
    record(request, RequestEvent.Kind.REPLY_DRAFTED, actor, f"拟定答复：{outcome_label(outcome)}，送审签。",
           public=False, data={"outcome": outcome})
    return reply


@transaction.atomic
def review_reply(reply, *, actor, approve: bool, note="", on=None):
    """Sign-off (four eyes): a reviewer of the agency who did not draft it. Approval numbers the letter and
    files its PDF and DOCX privately with the request; a return sends it back to the drafter. The letter
    is dated `on` (today by default; a sign-off registered afterwards may give its own day)."""
    request = lock(reply.request)
    require_role(actor, request, REPLY_REVIEWERS, "只有政府信息公开工作机构负责人或保密审查员可以审签答复。")
    require_open(request, RequestState.PROCESSING)
    reply = Reply.objects.select_for_update().get(pk=reply.pk)
    if reply.state != Reply.State.PENDING_REVIEW:
        raise ActionRefused("该答复不在待审签状态。")
    if reply.drafted_by_id == actor.pk:
        raise ActionRefused("拟稿人不能审签自己起草的答复。")
    note = (note or "").strip()
    reply.reviewed_by, reply.reviewed_at, reply.review_note = actor, timezone.now(), note
    if not approve:
        if not note:
            raise ActionRefused("退回修改须写明意见。")
        reply.state = Reply.State.RETURNED
        reply.save()
        record(request, RequestEvent.Kind.REPLY_RETURNED, actor, f"答复退回修改：{note}", public=False)
        return reply
    dated = acting_day(request, on)
    serial = allocate(LETTER_SERIES, request.agency, dated.year)
    reply.letter_number = f"{request.agency.short_name or request.agency.name}依申请公开告知〔{dated.year}〕{serial}号"
    reply.letter_dated = dated
    letter = compose(facts_for(reply, reply.letter_number, dated))
    base = f"{request.number}-告知书"
    reply.letter_pdf = store_document(request.agency, _named(render_pdf(letter), f"{base}.pdf"),
                                      title=f"{request.number} 答复告知书（PDF）", access_roles=CASE_FILE_ROLES)
    reply.letter_docx = store_document(request.agency, _named(render_docx(letter), f"{base}.docx"),
                                       title=f"{request.number} 答复告知书（DOCX）", access_roles=CASE_FILE_ROLES)
    reply.state = Reply.State.APPROVED
    reply.save()
    record(request, RequestEvent.Kind.REPLY_APPROVED, actor, f"答复审签通过，告知书文号 {reply.letter_number}。{note}",
           public=False, data={"letter_number": reply.letter_number})
    return reply


def _named(content: bytes, name: str):
    stream = io.BytesIO(content)
    stream.name = name
    return stream


@transaction.atomic
def send_reply(reply, *, actor, detail="", on=None):
    """Deliver the signed-off reply the way the applicant chose; the answer clock stops on that day and the
    outcome is the request's row in the annual report."""
    request = lock(reply.request)
    on = acting_day(request, on)
    require_role(actor, request)
    reply = Reply.objects.select_for_update().get(pk=reply.pk)
    if reply.state != Reply.State.APPROVED:
        raise ActionRefused("答复须审签通过后才能送达。")
    require_open(request, RequestState.PROCESSING)
    if reply.letter_dated and on < reply.letter_dated:
        raise ActionRefused(f"送达日期不能早于告知书日期（{reply.letter_dated:%Y-%m-%d}）。")
    detail = (detail or "").strip()
    if request.delivery_way == DeliveryWay.POST and not detail:
        raise ActionRefused("邮寄送达须填写邮件号码。")
    try:
        stop_clock(request.clock, on, reason=f"答复送达（{outcome_label(reply.outcome)}）", actor=actor)
    except Exception as error:  # ClockError: e.g. a date before the clock's last event
        raise ActionRefused(str(error)) from None
    reply.state, reply.sent_on, reply.sent_by = Reply.State.SENT, on, actor
    reply.delivery_way, reply.delivery_detail = request.delivery_way, detail
    reply.save()
    request.state, request.outcome, request.decided_on = RequestState.ANSWERED, reply.outcome, on
    request.save(update_fields=["state", "outcome", "decided_on"])
    way = request.get_delivery_way_display()
    how = f"{way}送达（{detail}）" if detail else f"{way}送达"
    record(request, RequestEvent.Kind.REPLY_SENT, actor,
           f"已答复（{outcome_label(reply.outcome)}），告知书 {reply.letter_number}，{how}。", on=on,
           data={"outcome": reply.outcome, "letter_number": reply.letter_number}, with_clock=True)
    context = {"request": request, "agency": request.agency.name, "reply": reply, "way": way,
               "outcome": outcome_label(reply.outcome)}
    notify("sms", to_address=request.phone, template="foi_reply", about=request, context=context)
    if request.email:
        notify("email", to_address=request.email, template="foi_reply", about=request, context=context)
    return reply


# 行政复议、行政诉讼 ---------------------------------------------------------------------------------

@transaction.atomic
def record_remedy(request, *, actor, kind, filed_on, body, case_number="", note=""):
    request = lock(request)
    require_role(actor, request)
    if kind not in Remedy.Kind.values:
        raise ActionRefused("请选择类型：行政复议、未经复议直接起诉或复议后起诉。")
    if not (body or "").strip():
        raise ActionRefused("请填写复议机关或人民法院。")
    if filed_on is None or filed_on > today() or filed_on < request.received_on:
        raise ActionRefused("申请（起诉）日期应在收到申请之日与今天之间。")
    remedy = Remedy.objects.create(request=request, kind=kind, filed_on=filed_on, body=body.strip(),
                                   case_number=(case_number or "").strip(), note=(note or "").strip(),
                                   recorded_by=actor)
    record(request, RequestEvent.Kind.REMEDY, actor,
           f"登记{remedy.get_kind_display()}：{remedy.body} {remedy.case_number}".strip(), public=False,
           data={"remedy": remedy.pk})
    return remedy


@transaction.atomic
def conclude_remedy(remedy, *, actor, result, concluded_on=None, note=""):
    request = lock(remedy.request)
    require_role(actor, request)
    if result not in Remedy.Result.values:
        raise ActionRefused("请选择结果：结果维持、结果纠正、其他结果或尚未审结。")
    remedy = Remedy.objects.select_for_update().get(pk=remedy.pk)
    concluded_on = None if result == Remedy.Result.PENDING else (concluded_on or today())
    if concluded_on is not None and not remedy.filed_on <= concluded_on <= today():
        raise ActionRefused("审结日期应在申请（起诉）日期与今天之间。")
    remedy.result, remedy.concluded_on = result, concluded_on
    if note:
        remedy.note = f"{remedy.note}\n{note}".strip()
    remedy.save()
    record(request, RequestEvent.Kind.REMEDY, actor, f"{remedy.get_kind_display()}结果：{remedy.get_result_display()}",
           public=False, data={"remedy": remedy.pk, "result": result})
    return remedy


def letter_preview(reply: Reply) -> bytes:
    """The PDF as it would be signed, for the reviewer to read before deciding (nothing is stored)."""
    return render_pdf(compose(facts_for(reply)))

