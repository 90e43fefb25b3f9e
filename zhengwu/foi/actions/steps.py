"""The procedural steps that move the answer clock, each as the 条例 says, all through the one clock
engine: 补正 (Art. 30), 征求意见 (Art. 32, 34), 延期 (Art. 33), 收费 (Art. 42, 国办函〔2020〕109号), and the
sweep that ends requests whose applicant let a correction or payment period lapse."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from zhengwu.foi.actions.common import (
    EXTENSION_APPROVERS,
    ActionRefused,
    acting_day,
    lock,
    record,
    require_open,
    require_role,
    today,
)
from zhengwu.foi.fees import current_schedule
from zhengwu.foi.models import (
    Consultation,
    Correction,
    Extension,
    FeeNotice,
    InformationRequest,
    Reply,
    RequestEvent,
    RequestState,
)
from zhengwu.foi.receipt import counts_from
from zhengwu.notifications.actions import notify
from zhengwu.timelimits import calendar
from zhengwu.timelimits.actions import (
    ClockError,
    extend_clock,
    pause_clock,
    restart_clock,
    resume_clock,
    start_clock,
    stop_clock,
)
from zhengwu.timelimits.engine import ClockState


def setting(name, default):
    return int(getattr(settings, name, default))


def _clock_step(step, *args, **kwargs):
    try:
        return step(*args, **kwargs)
    except ClockError as error:
        raise ActionRefused(str(error)) from None




def tell_applicant(request, template, **context):
    context = {"request": request, "agency": request.agency.name, **context}
    notify("sms", to_address=request.phone, template=template, about=request, context=context)
    if request.email:
        notify("email", to_address=request.email, template=template, about=request, context=context)


def refuse_while_replying(request):
    """A drafted or signed reply decides the request; steps that would change its facts wait until it is
    returned for revision."""
    if Reply.objects.filter(request=request, state__in=[Reply.State.PENDING_REVIEW, Reply.State.APPROVED]).exists():
        raise ActionRefused("本申请已拟定答复（待审签或已审签），不能再进行此操作；如需补正、征求意见或收费，请先由审签人退回答复。")


def _nothing_open(request) -> bool:
    """No consultation or payment holds the answer clock any more."""
    return (not request.consultations.filter(closed_on__isnull=True).exists()
            and not FeeNotice.objects.filter(request=request, paid_on__isnull=True, lapsed=False).exists())


def _resume_if_free(request, on, reason, actor):
    if _nothing_open(request) and request.clock.state == ClockState.PAUSED:
        _clock_step(resume_clock, request.clock, on, reason=reason, actor=actor)
        request.state = RequestState.PROCESSING
        request.save(update_fields=["state"])


def _start_period(request, label, on, workdays, *, actor, reason, by_post):
    """The other side's period after a notice (补正, 征求意见, 缴费) runs from the day it receives the notice:
    the day it is sent when delivered electronically; for a posted notice the period waits (paused) until its
    delivery day is recorded (record_delivery), so no sweep can end it before the notice has arrived."""
    period = start_clock(label, on, workdays, owner=request, actor=actor, reason=reason)
    if by_post:
        _clock_step(pause_clock, period, on, reason="邮寄送达中：期限自对方收到通知之日起计算", actor=actor)
    return period


def _deadline_text(period, workdays, verb):
    if period.due_on is None:  # posted, not yet delivered
        return f"请自收到本通知之日起 {workdays} 个工作日内{verb}"
    return f"请于 {period.due_on:%Y-%m-%d} 之前（含当日）{verb}"


# 补正 ---------------------------------------------------------------------------------------------

@transaction.atomic
def request_correction(request, *, actor, items, workdays=None, on=None, by_post=False):
    """The one 补正告知 (Art. 30): within 7 working days of receipt, listing everything at once. The answer
    clock stops counting; the applicant's period (a reasonable number of working days) starts."""
    items = (items or "").strip()
    request = lock(request)
    on = acting_day(request, on)
    require_role(actor, request)
    if Correction.objects.filter(request=request).exists():
        raise ActionRefused("补正只能告知一次（条例第三十条），本申请已告知过补正。")
    require_open(request, RequestState.PROCESSING)
    refuse_while_replying(request)
    if not items:
        raise ActionRefused("请一次性列明需要补正的全部内容。")
    window = setting("FOI_CORRECTION_NOTICE_WORKDAYS", 7)
    if calendar.current().workdays_between(request.received_on, on) > window:
        raise ActionRefused(f"已超过收到申请之日起{window}个工作日，不能再要求补正（条例第三十条）。")
    workdays = int(workdays or setting("FOI_CORRECTION_WORKDAYS", 15))
    if not 1 <= workdays <= 60:
        raise ActionRefused("补正期限应为 1 至 60 个工作日。")
    if request.clock.state == ClockState.PAUSED:
        raise ActionRefused("征求意见或缴费期间不能告知补正。")
    period = _start_period(request, f"补正期限 {request.number}", on, workdays, actor=actor, by_post=by_post,
                           reason="条例第三十条：申请人自收到补正通知之日起在合理期限内补正")
    correction = Correction.objects.create(request=request, items=items, notified_on=on, clock=period,
                                           notified_by=actor, delivered_on=None if by_post else on)
    _clock_step(pause_clock, request.clock, on, reason="告知补正，答复期限自收到补正之日起重新计算", actor=actor)
    request.state = RequestState.CORRECTION
    request.save(update_fields=["state"])
    record(request, RequestEvent.Kind.CORRECTION_REQUESTED, actor,
           f"{_deadline_text(period, workdays, '补正')}：{items}。逾期无正当理由不补正的，视为放弃申请。", on=on,
           data={"deadline": period.due_on.isoformat() if period.due_on else None, "items": items}, with_clock=True)
    tell_applicant(request, "foi_correction", deadline=period.due_on, items=items, workdays=workdays)
    return correction


@transaction.atomic
def receive_correction(request, *, actor, supplied, on=None):
    """The corrected request arrived: the 20 working days count afresh from that day."""
    request = lock(request)
    on = acting_day(request, on)
    require_role(actor, request)
    require_open(request, RequestState.CORRECTION)
    supplied = (supplied or "").strip()
    if not supplied:
        raise ActionRefused("请填写申请人补正的内容。")
    correction = request.correction
    if on < correction.notified_on:
        raise ActionRefused("收到补正的日期不能早于告知补正的日期。")
    correction.received_on, correction.supplied = on, supplied
    correction.save(update_fields=["received_on", "supplied"])
    _clock_step(stop_clock, correction.clock, on, reason="已收到补正", actor=actor)
    start = counts_from(on)  # the rule that moves an online request received on a non-working day
    moved = f"（非工作日，依条例第三十一条自下一工作日 {start:%Y-%m-%d} 起算）" if start != on else ""
    _clock_step(restart_clock, request.clock, start, reason=f"条例第三十条：自收到补正之日起重新计算{moved}",
                actor=actor)
    request.state = RequestState.PROCESSING
    request.save(update_fields=["state"])
    record(request, RequestEvent.Kind.CORRECTED, actor, f"{on:%Y-%m-%d} 收到补正{moved}，答复期限重新计算。",
           on=on, data={"supplied": supplied}, with_clock=True)
    return request


# 征求意见 -----------------------------------------------------------------------------------------

# Who is consulted, under which article, and what their silence means.
CONSULTED = {
    Consultation.PartyKind.THIRD_PARTY: ("第三十二条", "第三方"),
    Consultation.PartyKind.OTHER_AGENCY: ("第三十四条", "被征求意见机关"),
}
SILENCE = {
    Consultation.PartyKind.THIRD_PARTY: "第三方逾期未提出意见，由本机关依照条例规定决定（条例第三十二条）",
    Consultation.PartyKind.OTHER_AGENCY: "被征求意见机关逾期未提出意见，视为同意公开（条例第三十四条）",
}


@transaction.atomic
def consult(request, *, actor, party_kind, party_name, question, on=None, by_post=False):
    """Ask a third party (Art. 32) or another agency (Art. 34); the answer clock pauses meanwhile."""
    request = lock(request)
    on = acting_day(request, on)
    require_role(actor, request)
    require_open(request, RequestState.PROCESSING, RequestState.CONSULTING, RequestState.AWAITING_FEE)
    refuse_while_replying(request)
    if party_kind not in Consultation.PartyKind.values:
        raise ActionRefused("请选择征求意见的对象类型（第三方或其他行政机关）。")
    party_name, question = (party_name or "").strip(), (question or "").strip()
    if not party_name or not question:
        raise ActionRefused("请填写征求意见的对象和内容。")
    workdays = setting("FOI_CONSULTATION_WORKDAYS", 15)
    article, who = CONSULTED[party_kind]
    period = _start_period(request, f"征求意见 {request.number} {party_name}", on, workdays, actor=actor,
                           by_post=by_post,
                           reason=f"条例{article}：{who}自收到征求意见书之日起{workdays}个工作日内提出意见")
    consultation = Consultation.objects.create(request=request, party_kind=party_kind, party_name=party_name,
                                               question=question, sent_on=on, clock=period, sent_by=actor,
                                               delivered_on=None if by_post else on)
    if request.clock.state == ClockState.RUNNING:
        _clock_step(pause_clock, request.clock, on, reason="征求意见所需时间不计算在答复期限内", actor=actor)
    if request.state == RequestState.PROCESSING:
        request.state = RequestState.CONSULTING
        request.save(update_fields=["state"])
    kind_label = consultation.get_party_kind_display()
    record(request, RequestEvent.Kind.CONSULTATION_SENT, actor,
           f"已征求{kind_label}意见，征求意见所需时间不计算在答复期限内。", on=on,
           data={"consultation": consultation.pk,
                 "reply_due_on": period.due_on.isoformat() if period.due_on else None}, with_clock=True)
    return consultation


@transaction.atomic
def close_consultation(consultation, *, actor, opinion, reply="", on=None):
    """Record the party's opinion (or its silence); when nothing else holds the clock, it runs again."""
    request = lock(consultation.request)
    on = acting_day(request, on)
    require_role(actor, request)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if not consultation.is_open:
        raise ActionRefused("该征求意见已结束。")
    if opinion not in Consultation.Opinion.values:
        raise ActionRefused("请选择对方意见：同意公开、不同意公开或逾期未答复。")
    if opinion == Consultation.Opinion.NO_REPLY and consultation.delivered_on is None:
        raise ActionRefused("征求意见书尚未登记送达，对方的答复期限还未开始，不能认定逾期未答复。")
    if opinion == Consultation.Opinion.NO_REPLY and consultation.clock.state == ClockState.RUNNING \
            and consultation.clock.due_on >= on:
        raise ActionRefused(f"答复期限至 {consultation.clock.due_on:%Y-%m-%d}，尚未逾期。")
    if on < consultation.sent_on:
        raise ActionRefused("结束日期不能早于发出日期。")
    if opinion == Consultation.Opinion.NO_REPLY:
        _end_in_silence(request, consultation, actor, reply)
        return consultation
    consultation.closed_on, consultation.opinion, consultation.reply = on, opinion, (reply or "").strip()
    consultation.save(update_fields=["closed_on", "opinion", "reply"])
    _clock_step(stop_clock, consultation.clock, on, reason=consultation.get_opinion_display(), actor=actor)
    _resume_if_free(request, on, "征求意见结束，继续计算答复期限", actor)
    record(request, RequestEvent.Kind.CONSULTATION_CLOSED, actor, "征求意见已结束。", on=on,
           data={"consultation": consultation.pk, "opinion": opinion}, with_clock=True)
    return consultation


def _end_in_silence(request, consultation, actor, reply=""):
    """The party let its period run out: the consultation ends on its last day, and the answer clock runs again
    from there, however late the handler or the sweep records it."""
    deadline = consultation.clock.due_on
    consultation.closed_on, consultation.opinion = deadline, Consultation.Opinion.NO_REPLY
    consultation.reply = (reply or "").strip()
    consultation.save(update_fields=["closed_on", "opinion", "reply"])
    _clock_step(stop_clock, consultation.clock, deadline, reason="逾期未答复", actor=actor)
    silence = SILENCE[consultation.party_kind]
    resume_on = max(deadline, request.clock.events.last().on)  # never before a later step on the same clock
    _resume_if_free(request, resume_on, f"征求意见期满未获答复，{silence}，继续计算答复期限", actor)
    record(request, RequestEvent.Kind.CONSULTATION_CLOSED, actor,
           f"征求意见期限（{deadline:%Y-%m-%d}）届满，{consultation.party_name}未提出意见：{silence}。", on=deadline,
           data={"consultation": consultation.pk, "opinion": Consultation.Opinion.NO_REPLY}, with_clock=True)


# 送达 ---------------------------------------------------------------------------------------------

NOTICE_NAMES = {Correction: "补正通知", Consultation: "征求意见书", FeeNotice: "收费通知"}


@transaction.atomic
def record_delivery(notice, *, actor, on=None):
    """Record the day a posted notice (a Correction, Consultation or FeeNotice) reached the other side: its
    period runs from that day (条例第三十条、第三十二条, 109号)."""
    request = lock(notice.request)
    require_role(actor, request)
    notice = type(notice).objects.select_for_update().select_related("clock").get(pk=notice.pk)
    what = NOTICE_NAMES[type(notice)]
    if notice.delivered_on is not None:
        raise ActionRefused(f"该{what}已于 {notice.delivered_on:%Y-%m-%d} 送达，无需再登记。")
    on = acting_day(request, on)
    sent = notice.sent_on if isinstance(notice, Consultation) else notice.notified_on
    if on < sent:
        raise ActionRefused(f"送达日期不能早于发出日期（{sent:%Y-%m-%d}）。")
    notice.delivered_on = on
    notice.save(update_fields=["delivered_on"])
    if notice.clock.state == ClockState.PAUSED:
        _clock_step(resume_clock, notice.clock, on, reason=f"{what}于 {on:%Y-%m-%d} 送达，期限自送达之日起计算",
                    actor=actor)
    # The third party or agency consulted is never named to the applicant: that delivery is internal.
    record(request, RequestEvent.Kind.DELIVERED, actor,
           f"{what}于 {on:%Y-%m-%d} 送达，期限至 {notice.clock.due_on:%Y-%m-%d}（含当日）。", on=on,
           public=not isinstance(notice, Consultation), data={"deadline": notice.clock.due_on.isoformat()})
    return notice


# 延期 ---------------------------------------------------------------------------------------------

def _refuse_after_the_period(request, on):
    """Art. 33: the extension is approved, and the applicant told, within the answer period. Once it has run
    out the request is late, and stays so (its supervision record too): answer it instead."""
    clock = request.clock
    if clock.state == ClockState.RUNNING and clock.due_on and on > clock.due_on:
        raise ActionRefused(f"答复期限已于 {clock.due_on:%Y-%m-%d} 届满，不能再延期：延长答复期限须在答复期限内经"
                            "政府信息公开工作机构负责人同意并告知申请人（条例第三十三条）。请尽快答复。")


@transaction.atomic
def propose_extension(request, *, actor, workdays, reason, on=None):
    """Ask the head of the disclosure office to extend the answer period (at most once, ≤ 20 working days)."""
    request = lock(request)
    on = acting_day(request, on)
    require_role(actor, request)
    require_open(request, RequestState.PROCESSING)
    _refuse_after_the_period(request, on)
    limit = setting("FOI_EXTENSION_MAX_WORKDAYS", 20)
    try:
        workdays = int(workdays)
    except (TypeError, ValueError):
        raise ActionRefused("请填写延长的工作日数。") from None
    if not 1 <= workdays <= limit:
        raise ActionRefused(f"延长期限最长不得超过{limit}个工作日（条例第三十三条）。")
    if not (reason or "").strip():
        raise ActionRefused("请写明需要延期的理由。")
    if request.extensions.filter(state__in=[Extension.State.APPROVED, Extension.State.PENDING]).exists():
        raise ActionRefused("答复期限只能延长一次，本申请已有延期申请。")
    extension = Extension.objects.create(request=request, workdays=workdays, reason=reason.strip(),
                                         proposed_by=actor)
    record(request, RequestEvent.Kind.EXTENSION_PROPOSED, actor, f"申请延长 {workdays} 个工作日：{reason.strip()}",
           public=False, on=on, data={"extension": extension.pk})
    return extension


@transaction.atomic
def decide_extension(extension, *, actor, approve: bool, note="", on=None):
    """The head of the disclosure office approves (the clock is extended, the applicant told) or refuses."""
    request = lock(extension.request)
    on = acting_day(request, on)
    require_role(actor, request, EXTENSION_APPROVERS,
                 "延期答复须经政府信息公开工作机构负责人同意（条例第三十三条），您没有批准权限。")
    extension = Extension.objects.select_for_update().get(pk=extension.pk)
    if extension.state != Extension.State.PENDING:
        raise ActionRefused("该延期申请已处理。")
    if extension.proposed_by_id == actor.pk:
        raise ActionRefused("延期申请人不能批准自己的申请。")
    extension.decided_by, extension.decided_on, extension.decision_note = actor, on, (note or "").strip()
    if not approve:
        extension.state = Extension.State.REFUSED
        extension.save()
        record(request, RequestEvent.Kind.EXTENSION_REFUSED, actor, f"延期未获批准。{note}".strip(), public=False)
        return extension
    require_open(request, RequestState.PROCESSING)
    if request.clock.state != ClockState.RUNNING:
        raise ActionRefused("答复期限暂停计算期间（补正、征求意见或缴费中）不能延期，待恢复计时后再批准。")
    _refuse_after_the_period(request, on)
    extension.state = Extension.State.APPROVED
    extension.save()
    _clock_step(extend_clock, request.clock, on, extension.workdays,
                reason=f"条例第三十三条：经政府信息公开工作机构负责人同意延长。{extension.reason}", actor=actor)
    record(request, RequestEvent.Kind.EXTENSION_APPROVED, actor,
           f"经政府信息公开工作机构负责人同意，答复期限延长 {extension.workdays} 个工作日。理由：{extension.reason}。",
           on=on, data={"workdays": extension.workdays}, with_clock=True)
    tell_applicant(request, "foi_extension", workdays=extension.workdays, reason=extension.reason,
                    due_on=request.clock.due_on)
    return extension


# 收费 ---------------------------------------------------------------------------------------------

def requests_this_month(request) -> int:
    """Which request of its applicant this is in the calendar month of its receipt, at this agency."""
    return InformationRequest.objects.filter(
        Q(received_on__lt=request.received_on) | Q(received_on=request.received_on, pk__lte=request.pk),
        agency_id=request.agency_id, id_number_index=request.id_number_index,
        received_on__gte=request.received_on.replace(day=1)).count()


def computed_fee(request, method, pages=None) -> tuple[Decimal, int | None]:
    schedule = current_schedule()
    if method == FeeNotice.Method.BY_COUNT:
        nth = requests_this_month(request)
        return schedule.fee_for_nth_request(nth), nth
    if method == FeeNotice.Method.BY_VOLUME:
        if not pages or int(pages) < 1:
            raise ActionRefused("按量计收须填写页数。")
        if int(pages) > 100000:
            raise ActionRefused("页数过大，请核对（不超过 100000 页）。")
        return schedule.fee_by_volume(int(pages)), None
    raise ActionRefused("请选择计收方式：按件计收或按量计收。")


@transaction.atomic
def notify_fee(request, *, actor, method, pages=None, amount=None, reduction_reason="", on=None, by_post=False):
    """Send the 收费通知: the fee by the 109号 schedule (editable data), reducible but never higher; the
    answer clock pauses until payment, and the payment period runs on its own clock."""
    request = lock(request)
    on = acting_day(request, on)
    require_role(actor, request)
    require_open(request, RequestState.PROCESSING, RequestState.CONSULTING)
    if FeeNotice.objects.filter(request=request).exists():
        raise ActionRefused("本申请已发出过收费通知。")
    refuse_while_replying(request)
    computed, nth = computed_fee(request, method, pages)
    amount = computed if amount in (None, "") else Decimal(str(amount))
    if amount > computed:
        raise ActionRefused(f"收费金额不得高于按标准应收的 {computed} 元。")
    if amount < computed and not (reduction_reason or "").strip():
        raise ActionRefused("减免收费须写明理由。")
    if amount <= 0:
        raise ActionRefused("按标准不收费（或已全部减免），无需发出收费通知。")
    workdays = current_schedule().payment_workdays
    period = _start_period(request, f"缴费期限 {request.number}", on, workdays, actor=actor, by_post=by_post,
                           reason="国办函〔2020〕109号：申请人自收到收费通知之日起20个工作日内缴纳")
    fee = FeeNotice.objects.create(request=request, method=method, nth_this_month=nth,
                                   pages=int(pages) if pages else None, computed_amount=computed, amount=amount,
                                   reduction_reason=(reduction_reason or "").strip(), notified_on=on, clock=period,
                                   delivered_on=None if by_post else on)
    if request.clock.state == ClockState.RUNNING:
        _clock_step(pause_clock, request.clock, on, reason="收费通知：缴费期间不计算在答复期限内", actor=actor)
    request.state = RequestState.AWAITING_FEE
    request.save(update_fields=["state"])
    basis = f"本月第 {nth} 件" if nth else f"共 {fee.pages} 页"
    record(request, RequestEvent.Kind.FEE_NOTIFIED, actor,
           f"信息处理费 {amount} 元（{fee.get_method_display()}，{basis}），{_deadline_text(period, workdays, '缴纳')}；"
           f"逾期未缴纳的，视为放弃申请。", on=on,
           data={"amount": str(amount), "deadline": period.due_on.isoformat() if period.due_on else None},
           with_clock=True)
    tell_applicant(request, "foi_fee", amount=amount, deadline=period.due_on, workdays=workdays)
    return fee


@transaction.atomic
def record_payment(request, *, actor, reference="", on=None):
    request = lock(request)
    on = acting_day(request, on)
    require_role(actor, request)
    require_open(request, RequestState.AWAITING_FEE)
    fee = FeeNotice.objects.select_for_update().get(request=request)
    if on < fee.notified_on:
        raise ActionRefused("缴费日期不能早于收费通知日期。")
    fee.paid_on, fee.payment_reference = on, (reference or "").strip()
    fee.save(update_fields=["paid_on", "payment_reference"])
    _clock_step(stop_clock, fee.clock, on, reason="已缴费", actor=actor)
    request.state = RequestState.CONSULTING if request.consultations.filter(closed_on__isnull=True).exists() \
        else RequestState.PROCESSING
    request.save(update_fields=["state"])
    _resume_if_free(request, on, "已缴纳信息处理费，继续计算答复期限", actor)
    record(request, RequestEvent.Kind.FEE_PAID, actor, f"{on:%Y-%m-%d} 已缴纳信息处理费 {fee.amount} 元。", on=on,
           with_clock=True)
    return fee


# 逾期 ---------------------------------------------------------------------------------------------

def _close(request, outcome, on, kind, message):
    _clock_step(stop_clock, request.clock, max(on, request.clock.events.last().on), reason=message)
    request.state, request.outcome, request.decided_on = RequestState.CLOSED, outcome, on
    request.save(update_fields=["state", "outcome", "decided_on"])
    record(request, kind, None, message, on=on, with_clock=True)


def close_lapsed(on: date | None = None) -> dict:
    """End requests whose applicant let the correction or payment period pass (table 三 r6_1, r6_2), and
    close consultations whose party stayed silent (the agency then decides, Art. 32). One transaction per
    case, each re-checked under its lock, so two sweeps never act twice."""
    on = on or today()
    counts = {"correction": 0, "fee": 0, "consultation": 0}
    for correction in Correction.objects.filter(received_on__isnull=True, lapsed=False,
                                                clock__state=ClockState.RUNNING, clock__due_on__lt=on):
        with transaction.atomic():
            if not Correction.objects.filter(pk=correction.pk, received_on__isnull=True, lapsed=False) \
                    .update(lapsed=True):
                continue
            request = lock(correction.request)
            deadline = correction.clock.due_on
            _clock_step(stop_clock, correction.clock, on, reason="逾期未补正")
            _close(request, "r6_1", on, RequestEvent.Kind.CORRECTION_LAPSED,
                   f"申请人未在 {deadline:%Y-%m-%d} 之前（含当日）补正，视为放弃申请，本机关不再处理（条例第三十条）。")
            counts["correction"] += 1
    for fee in FeeNotice.objects.filter(paid_on__isnull=True, lapsed=False, clock__state=ClockState.RUNNING,
                                        clock__due_on__lt=on):
        with transaction.atomic():
            if not FeeNotice.objects.filter(pk=fee.pk, paid_on__isnull=True, lapsed=False).update(lapsed=True):
                continue
            request = lock(fee.request)
            deadline = fee.clock.due_on
            _clock_step(stop_clock, fee.clock, on, reason="逾期未缴费")
            for open_consultation in request.consultations.filter(closed_on__isnull=True):
                open_consultation.closed_on = on
                open_consultation.save(update_fields=["closed_on"])
                _clock_step(stop_clock, open_consultation.clock, on, reason="申请已终止")
            _close(request, "r6_2", on, RequestEvent.Kind.FEE_LAPSED,
                   f"申请人未在 {deadline:%Y-%m-%d} 之前（含当日）缴纳信息处理费，视为放弃申请，本机关不再处理。")
            counts["fee"] += 1
    for consultation in Consultation.objects.filter(closed_on__isnull=True, clock__state=ClockState.RUNNING,
                                                    clock__due_on__lt=on):
        with transaction.atomic():
            request = lock(consultation.request)
            consultation = Consultation.objects.select_for_update().select_related("clock").get(pk=consultation.pk)
            if not consultation.is_open:
                continue  # another sweep, or the handler, got there first
            _end_in_silence(request, consultation, None)
            counts["consultation"] += 1
    return counts
