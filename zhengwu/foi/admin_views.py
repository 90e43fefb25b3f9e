"""The handler's request page in the admin: the request, its clocks and steps, the timeline, and a 办理
panel offering exactly the steps its state and the user's roles allow. Each step is a small POST form
that works without JavaScript and calls one function of foi.actions (the only way state changes); a
refusal re-renders the page with the action's Chinese message and what was typed.

Also here: the letter preview, and the registration of requests received on paper (条例第三十一条).

Every view here is built by the request viewset, so the scope query (ScopedViewMixin) runs before anything
else: a request of an agency outside the user's scope is answered 404, as if it did not exist."""

from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView
from wagtail.admin.views.generic import InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from zhengwu.cases.forms import person
from zhengwu.cases.steps import Step, take
from zhengwu.foi import actions
from zhengwu.foi.actions.common import (
    CASE_FILE_ROLES,
    EXTENSION_APPROVERS,
    HANDLING_ROLES,
    OPEN_STATES,
    REPLY_REVIEWERS,
    today,
)
from zhengwu.foi.actions.steps import computed_fee
from zhengwu.foi.admin_forms import (
    AssignForm,
    AttachForm,
    CloseConsultationForm,
    ConcludeRemedyForm,
    ConsultForm,
    CorrectionForm,
    DecideExtensionForm,
    DeliveryForm,
    ExtensionForm,
    FeeForm,
    NoteForm,
    PaymentForm,
    ReceiveCorrectionForm,
    RegisterForm,
    RemedyForm,
    ReplyForm,
    ReviewForm,
    SendForm,
)
from zhengwu.foi.models import Channel, Correction, Extension, FeeNotice, Reply, RequestState
from zhengwu.foi.outcomes import outcome_label
from zhengwu.orgs import duties
from zhengwu.orgs.admin_scope import NotFoundOutsideScope
from zhengwu.orgs.models import Agency, holds
from zhengwu.timelimits import calendar
from zhengwu.timelimits.display import clock_facts, time_left_badge
from zhengwu.timelimits.engine import ClockState

VIEWSET = "foi_requests"
# Who may see an applicant's personal data in full: the handling agency's roles, not supervisors.
PERSONAL_DATA_ROLES = duties.roles("foi.see_personal_data")  # the agency's own case workers only


# Time left ---------------------------------------------------------------------------------------

# The request as the page needs it --------------------------------------------------------------

class Case:
    """One request with its parts, and which of the step-taking roles the user holds for its agency."""

    def may(self, step):
        """Whether the user holds the role the step needs (`step.who` names one of the flags below)."""
        return bool(getattr(self, step.who))

    def __init__(self, request_obj, user):
        self.request, self.user = request_obj, user
        self.correction = Correction.objects.filter(request=request_obj).select_related("clock").first()
        self.consultations = list(request_obj.consultations.select_related("clock", "sent_by"))
        self.extensions = list(request_obj.extensions.select_related("proposed_by", "decided_by"))
        self.fee = FeeNotice.objects.filter(request=request_obj).select_related("clock").first()
        self.reply = Reply.objects.filter(request=request_obj).select_related(
            "drafted_by", "reviewed_by", "sent_by", "letter_pdf", "letter_docx").first()
        self.remedies = list(request_obj.remedies.all())
        agency = request_obj.agency_id
        self.handles = holds(user, agency, HANDLING_ROLES)
        self.approves_extensions = holds(user, agency, EXTENSION_APPROVERS)
        self.reviews = holds(user, agency, REPLY_REVIEWERS)

    @property
    def state(self):
        return self.request.state

    @property
    def is_open(self):
        return self.state in OPEN_STATES

    @property
    def may_preview_letter(self):
        return (self.reply is not None and self.reply.state in (Reply.State.PENDING_REVIEW, Reply.State.RETURNED)
                and (self.handles or self.reviews))

    def correction_deadline(self):
        """The last day a correction may still be asked for (条例第三十条: 7 working days from receipt)."""
        window = int(getattr(settings, "FOI_CORRECTION_NOTICE_WORKDAYS", 7))
        return calendar.current().add_workdays(self.request.received_on, window)

    def may_ask_correction(self):
        return (self.correction is None and self.state == RequestState.PROCESSING
                and self.request.clock.state == ClockState.RUNNING
                and max(today(), self.request.received_on) <= self.correction_deadline())

    def overdue(self):
        left = self.request.time_left()
        return left is not None and left < 0


# Steps -------------------------------------------------------------------------------------------

def step(*args, who="handles", **kwargs):
    """A step of the 办理 panel (cases.steps.Step), taken by holders of the Case attribute `who` (the handlers
    by default). Steps on a part of the request (a consultation, an extension, a remedy) list their `items`;
    `run(case, cleaned_data, user, item)` calls foi.actions."""
    kwargs.setdefault("refused", "您没有办理该机关政府信息公开申请的权限。")
    return Step(*args, who=who, **kwargs)


def _items_of(attribute):
    def lookup(case, pk):
        for item in getattr(case, attribute):
            if item.pk == pk:
                return item
        raise Http404("没有这一项。")
    return lookup


def undelivered(notices, key):
    for notice in notices:
        if notice.pk == key:
            return notice
    raise Http404("没有这一项。")


def run_assign(case, data, user, item):
    actions.assign(case.request, actor=user, assignee=data["assignee"])
    return f"已分派给 {person(data['assignee'])}。"


def run_note(case, data, user, item):
    actions.add_note(case.request, actor=user, text=data["text"])
    return "已添加内部备注（申请人不可见）。"


def run_attach(case, data, user, item):
    document = actions.attach_document(case.request, actor=user, file=data["file"], title=data["title"])
    return f"已添加拟公开文件“{document.title}”。"


def by_post(data):
    return data.get("delivery") == "post"


def period_text(clock, verb):
    if clock.due_on is None:
        return "邮寄送达，期限自对方收到之日起计算（收到后请在“登记送达”中填写送达日期）"
    return f"{verb}期限至 {clock.due_on:%Y-%m-%d}（含当日）"


def run_correction(case, data, user, item):
    correction = actions.request_correction(case.request, actor=user, items=data["items"],
                                            workdays=data["workdays"], by_post=by_post(data))
    return f"已告知补正，{period_text(correction.clock, '补正')}；答复期限暂停计算。"


def run_delivered(case, data, user, item):
    notice = actions.record_delivery(item, actor=user, on=data["on"])
    return f"已登记送达：{notice.delivered_on:%Y-%m-%d}，期限至 {notice.clock.due_on:%Y-%m-%d}（含当日）。"


def run_corrected(case, data, user, item):
    request = actions.receive_correction(case.request, actor=user, supplied=data["supplied"], on=data["on"])
    return f"已登记收到补正，答复期限重新计算，至 {request.clock.due_on:%Y-%m-%d}。"


def run_consult(case, data, user, item):
    consultation = actions.consult(case.request, actor=user, party_kind=data["party_kind"],
                                   party_name=data["party_name"], question=data["question"], by_post=by_post(data))
    return f"已征求“{consultation.party_name}”意见，{period_text(consultation.clock, '对方答复')}。"


def run_close_consultation(case, data, user, item):
    consultation = actions.close_consultation(item, actor=user, opinion=data["opinion"], reply=data["reply"],
                                              on=data["on"])
    return f"征求“{consultation.party_name}”意见已结束：{consultation.get_opinion_display()}。"


def run_extend(case, data, user, item):
    actions.propose_extension(case.request, actor=user, workdays=data["workdays"], reason=data["reason"])
    return "已提交延期申请，待政府信息公开工作机构负责人批准。"


def run_decide_extension(case, data, user, item):
    extension = actions.decide_extension(item, actor=user, approve=data["decision"] == "approve", note=data["note"])
    if extension.state == Extension.State.APPROVED:
        case.request.clock.refresh_from_db()
        return f"已同意延期 {extension.workdays} 个工作日，答复期限至 {case.request.clock.due_on:%Y-%m-%d}。"
    return "已不同意延期。"


def run_fee(case, data, user, item):
    fee = actions.notify_fee(case.request, actor=user, method=data["method"], pages=data["pages"],
                             amount=data["amount"], reduction_reason=data["reduction_reason"], by_post=by_post(data))
    return f"已发出收费通知：{fee.amount:.2f} 元，{period_text(fee.clock, '缴费')}；答复期限暂停计算。"


def run_payment(case, data, user, item):
    fee = actions.record_payment(case.request, actor=user, reference=data["reference"], on=data["on"])
    return f"已登记缴费 {fee.amount:.2f} 元。"


def run_draft(case, data, user, item):
    reply = actions.draft_reply(case.request, actor=user, **data)
    return f"答复已拟定，送审签。办理结果：{outcome_label(reply.outcome)}。"


def run_review(case, data, user, item):
    reply = actions.review_reply(case.reply, actor=user, approve=data["decision"] == "approve", note=data["note"])
    if reply.state == Reply.State.APPROVED:
        return f"答复审签通过，告知书文号 {reply.letter_number}。"
    return "答复已退回修改。"


def run_send(case, data, user, item):
    actions.send_reply(case.reply, actor=user, detail=data["detail"], on=data["on"])
    return "答复已送达，申请办结。"


def run_remedy(case, data, user, item):
    remedy = actions.record_remedy(case.request, actor=user, **data)
    return f"已登记{remedy.get_kind_display()}。"


def run_conclude_remedy(case, data, user, item):
    remedy = actions.conclude_remedy(item, actor=user, result=data["result"], concluded_on=data["concluded_on"],
                                     note=data["note"])
    return f"已更新{remedy.get_kind_display()}结果：{remedy.get_result_display()}。"


def fee_note(case):
    try:
        amount, nth = computed_fee(case.request, FeeNotice.Method.BY_COUNT)
    except (actions.ActionRefused, ValueError):  # no band covers it: the schedule needs fixing, not the page
        return ""
    return (f"按件计收：本件为申请人本月在本机关的第 {nth} 件，按标准应收 {amount:.2f} 元。"
            "按量计收按页数计算，可先点“计算金额”查看。")


STEPS = [
    step("review", "审签答复", ReviewForm, run_review, who="reviews",
         refused="只有政府信息公开工作机构负责人或保密审查员可以审签答复。",
         when=lambda c: (c.reply is not None and c.reply.state == Reply.State.PENDING_REVIEW
                              and c.reply.drafted_by_id != c.user.pk)),
    step("decide-extension", "批准延期", DecideExtensionForm, run_decide_extension, who="approves_extensions",
         refused="延期答复须经政府信息公开工作机构负责人同意（条例第三十三条），您没有批准权限。",
         items=lambda c: [e for e in c.extensions if e.state == Extension.State.PENDING
                          and e.proposed_by_id != c.user.pk] if c.is_open else [],
         lookup=_items_of("extensions"),
         item_label=lambda e: f"批准延期：{e.workdays} 个工作日（{person(e.proposed_by)} 申请）"),
    step("send", "送达答复", SendForm, run_send,
         when=lambda c: (c.reply is not None and c.reply.state == Reply.State.APPROVED
                              and c.state == RequestState.PROCESSING)),
    step("correction", "告知补正", CorrectionForm, run_correction, when=Case.may_ask_correction,
         note=lambda c: f"须在 {c.correction_deadline():%Y-%m-%d} 前告知，且只能告知一次（条例第三十条）。"),
    *[step(f"delivered-{kind}", "登记送达", DeliveryForm, run_delivered,
           items=lambda c, parts=parts: [n for n in parts(c) if n.delivered_on is None] if c.is_open else [],
           lookup=lambda c, pk, parts=parts: undelivered(parts(c), pk),
           item_label=lambda n, label=label: f"登记送达：{label}") for kind, label, parts in (
        ("correction", "补正通知", lambda c: [c.correction] if c.correction else []),
        ("consultation", "征求意见书", lambda c: c.consultations),
        ("fee", "收费通知", lambda c: [c.fee] if c.fee else []))],
    step("corrected", "收到补正", ReceiveCorrectionForm, run_corrected,
         when=lambda c: c.state == RequestState.CORRECTION),
    step("close-consultation", "结束征求意见", CloseConsultationForm, run_close_consultation,
         items=lambda c: [x for x in c.consultations if x.is_open], lookup=_items_of("consultations"),
         item_label=lambda x: f"结束征求意见：{x.party_name}"),
    step("consult", "征求意见", ConsultForm, run_consult,
         when=lambda c: c.state in (RequestState.PROCESSING, RequestState.CONSULTING, RequestState.AWAITING_FEE),
         note=lambda c: "征求意见期间答复期限暂停计算（条例第三十二条、第三十四条）。"),
    step("fee", "收费通知", FeeForm, run_fee, note=fee_note,
         when=lambda c: c.fee is None and c.state in (RequestState.PROCESSING, RequestState.CONSULTING)),
    step("payment", "登记缴费", PaymentForm, run_payment, when=lambda c: c.state == RequestState.AWAITING_FEE),
    step("extend", "申请延期", ExtensionForm, run_extend,
         when=lambda c: c.is_open and not c.overdue() and not any(
             e.state in (Extension.State.PENDING, Extension.State.APPROVED) for e in c.extensions),
         note=lambda c: f"须在答复期限（{c.request.clock.due_on:%Y-%m-%d}）内经负责人同意（条例第三十三条）。"
         if c.request.clock.due_on else ""),
    step("draft", "拟定答复", ReplyForm, run_draft,
         when=lambda c: c.state == RequestState.PROCESSING and (
             c.reply is None or c.reply.state in (Reply.State.RETURNED, Reply.State.PENDING_REVIEW))),
    step("remedy", "登记行政复议/诉讼", RemedyForm, run_remedy,
         when=lambda c: c.state in (RequestState.ANSWERED, RequestState.CLOSED) or c.overdue()),
    step("conclude-remedy", "更新结果", ConcludeRemedyForm, run_conclude_remedy,
         items=lambda c: c.remedies, lookup=_items_of("remedies"),
         item_label=lambda r: f"更新结果：{r.get_kind_display()} {r.case_number}".strip()),
    step("assign", "分派", AssignForm, run_assign, when=lambda c: c.is_open),
    step("attach", "添加拟公开文件", AttachForm, run_attach, when=lambda c: c.is_open, multipart=True),
    step("note", "内部备注", NoteForm, run_note),
]
STEPS_BY_KEY = {step.key: step for step in STEPS}


@dataclass
class Entry:
    """One form of the panel as the template renders it."""

    step: Step
    item: object
    form: object
    url: str
    title: str
    note: str = ""
    open: bool = False
    computed: str = ""
    buttons: list = field(default_factory=list)


def action_url(request_obj, step, item=None):
    if item is None:
        return reverse(f"{VIEWSET}:act", args=[request_obj.pk, step.key])
    return reverse(f"{VIEWSET}:act_item", args=[request_obj.pk, step.key, item.pk])


def panel(case, failed=None):
    """The forms the user may submit now, in the order a handler meets them; `failed` (an Entry) takes the
    place of its step's blank form, open, with its errors and what was typed."""
    entries = []
    for step in STEPS:
        if not step.allowed(case):
            continue
        targets = step.items(case) if step.per_item else ([None] if step.offered(case) else [])
        for item in targets:
            if failed is not None and failed.step is step and getattr(failed.item, "pk", None) == getattr(item, "pk", None):
                entries.append(failed)
                failed = None
                continue
            entries.append(make_entry(case, step, item))
    if failed is not None:  # a step no longer offered (the state moved on): still show the message
        entries.insert(0, failed)
    return entries


def make_entry(case, step, item, form=None):
    form = form or step.form_class(case=case, item=item, prefix=step.prefix(item))
    title = step.item_label(item) if item is not None else step.label
    if step.key == "draft" and case.reply is not None:
        title = "修改答复"
    buttons = form.buttons() if hasattr(form, "buttons") else [("", "", title, False)]
    if step.key == "fee":
        buttons = [("preview", "1", "计算金额", True), ("", "", "发出收费通知", False)]
    # A decision waiting for this user (sign-off, extension) is their task: open it.
    return Entry(step=step, item=item, form=form, url=action_url(case.request, step, item), title=title,
                 note=step.note(case), buttons=buttons, open=step.who != "handles")


# Views -------------------------------------------------------------------------------------------

class RequestInspectView(NotFoundOutsideScope, InspectView):
    """The request page: details (personal data masked), clocks, steps, timeline and the 办理 panel."""

    template_name = "foi/admin/inspect.html"
    page_title = "申请办理"
    extra_fields = {"submitted": "提交时间（北京时间）"}
    masked_labels = {"masked_name": "姓名/名称", "masked_id_number": "证件号码（部分隐藏）",
                     "masked_phone": "联系电话（部分隐藏）"}

    def get_fields(self):
        return [*super().get_fields(), *self.extra_fields]

    def get_field_label(self, field_name, field):
        return (self.extra_fields.get(field_name) or self.masked_labels.get(field_name)
                or super().get_field_label(field_name, field))

    def get_submitted_display_value(self):
        return f"{timezone.localtime(self.object.submitted_at):%Y-%m-%d %H:%M}"

    @cached_property
    def case(self):
        return Case(self.object, self.request.user)

    def inspect_url(self):
        return reverse(f"{VIEWSET}:inspect", args=[self.object.pk])

    def get_context_data(self, failed=None, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.case
        request_obj = self.object
        context.update(
            case=case, panel=panel(case, failed), may_reveal=may_reveal(self.request.user, request_obj),
            answer_clock=clock_facts(request_obj.clock, explain=True,
                                     awaiting_correction=request_obj.state == RequestState.CORRECTION,
                                     why_paused="（条例第三十条）"), time_left=time_left_badge(request_obj.clock, "foi.request"),
            correction_clock=clock_facts(case.correction.clock) if case.correction else None,
            consultations=[(c, clock_facts(c.clock)) for c in case.consultations],
            fee_clock=clock_facts(case.fee.clock) if case.fee else None,
            documents=list(request_obj.release_documents.all()),
            timeline=list(request_obj.events.select_related("actor")),
            outcome=outcome_label(case.reply.outcome) if case.reply else "",
            preview_url=reverse(f"{VIEWSET}:letter_preview", args=[request_obj.pk]) if case.may_preview_letter else "",
            may_act=case.handles or case.reviews or case.approves_extensions,
            may_open_files=holds(self.request.user, request_obj.agency_id, CASE_FILE_ROLES),
        )
        return context


class RequestActionView(RequestInspectView):
    """POST one step's form; success redirects to the request page with a message, a refusal re-renders it."""

    def get(self, request, *args, **kwargs):
        return redirect(self.inspect_url())

    def post(self, request, pk, step, item=None):
        step = STEPS_BY_KEY.get(step)
        if step is None or step.per_item != (item is not None):
            raise Http404("没有这项操作。")
        case = self.case
        target = step.lookup(case, item) if step.per_item else None
        form = step.form_class(request.POST, request.FILES, case=case, item=target, prefix=step.prefix(target))
        entry = make_entry(case, step, target, form)
        entry.open = True
        allowed = step.allowed(case)
        if allowed and step.key == "fee" and request.POST.get("preview") and form.is_valid():
            return self.preview_fee(case, form, entry)
        message, status = take(step, case, form, request.user, target, allowed=allowed)
        if status is None:
            messages.success(request, message)
            return redirect(self.inspect_url())
        return self.render_to_response(self.get_context_data(failed=entry), status=status)

    def preview_fee(self, case, form, entry):
        """The fee by the schedule before anything is sent (no JavaScript needed)."""
        data = form.cleaned_data
        try:
            amount, nth = computed_fee(case.request, data["method"], data["pages"])
        except actions.ActionRefused as refusal:
            form.add_error(None, str(refusal))
            return self.render_to_response(self.get_context_data(failed=entry), status=400)
        basis = f"本月第 {nth} 件" if nth else f"共 {data['pages']} 页"
        entry.computed = f"按标准应收 {amount:.2f} 元（{dict(FeeNotice.Method.choices)[data['method']]}，{basis}）。"
        return self.render_to_response(self.get_context_data(failed=entry))


class LetterPreviewView(RequestInspectView):
    """The reply letter as it would be signed (nothing stored), for its drafter and its reviewer."""

    def get(self, request, *args, **kwargs):
        case = self.case
        if case.reply is None:
            raise Http404("本申请还没有拟定答复。")
        if not (case.handles or case.reviews):
            return HttpResponseForbidden("只有经办人和审签人可以预览告知书。")
        response = HttpResponse(actions.letter_preview(case.reply), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{self.object.number}-preview.pdf"'
        return response


def may_reveal(user, request_obj):
    """Full personal data only for the handling agency's roles (not supervisors, not reviewers)."""
    return holds(user, request_obj.agency_id, PERSONAL_DATA_ROLES)


# 登记申请（条例第三十一条）----------------------------------------------------------------------

RECEIPT_RULES = {
    Channel.IN_PERSON: "当面提交的，以提交之日为收到申请之日",
    Channel.POST: "以邮寄方式提交的，以行政机关签收之日为收到申请之日",
    Channel.PLAIN_LETTER: "以平常信函等无需签收的邮寄方式提交的，以政府信息公开工作机构与申请人确认之日为收到申请之日",
    Channel.FAX: "通过传真提交的，以双方确认之日为收到申请之日",
}


APPLICANT_FIELDS = ["applicant_type", "name", "id_type", "id_number", "contact_person", "phone", "email", "address",
                    "postcode"]


class RegisterRequestView(WagtailAdminTemplateMixin, FormView):
    """A request received on paper, by letter, fax or in person, registered by a handler of the agency."""

    template_name = "foi/admin/register.html"
    page_title = "登记申请"
    header_icon = "mail"
    form_class = RegisterForm

    def dispatch(self, request, *args, **kwargs):
        if not Agency.objects.in_scope(request.user, HANDLING_ROLES).exists():
            raise PermissionDenied("只有依申请公开经办人和单位管理员可以登记申请。")
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": reverse(f"{VIEWSET}:index"), "label": "政府信息公开申请"},
                {"url": "", "label": self.page_title}]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        placed = {"arrival": ["channel", "signed_on", "confirmed_on", "agency"], "applicant": APPLICANT_FIELDS}
        rest = [name for name in form.fields if name not in placed["arrival"] + placed["applicant"]]
        context["groups"] = [(heading, [form[name] for name in names if name in form.fields]) for heading, names in
                             (("收到方式", placed["arrival"]), ("申请人", placed["applicant"]), ("所需信息", rest))]
        return context

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            filed = actions.submit_request(form.request_fields(), channel=data["channel"], actor=self.request.user,
                                           signed_on=data["signed_on"], confirmed_on=data["confirmed_on"])
        except actions.DuplicateSubmission as duplicate:
            form.add_error(None, str(duplicate))
            return self.form_invalid(form)
        except ValidationError as invalid:
            for name, errors in invalid.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
            return self.form_invalid(form)
        messages.success(self.request, (
            f"已登记申请 {filed.number}（{filed.get_channel_display()}）。收到申请之日为 {filed.received_on:%Y-%m-%d}"
            f"（条例第三十一条：{RECEIPT_RULES[filed.channel]}），答复期限至 {filed.clock.due_on:%Y-%m-%d}。"))
        return redirect(reverse(f"{VIEWSET}:inspect", args=[filed.pk]))
