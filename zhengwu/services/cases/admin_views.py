"""The case page of a service case (办件) in the admin and its action pages.

The case page shows everything staff need: the application (personal data masked), the materials (downloads
through the files app's access control), every clock of the case with how its due date is counted, special
procedure runs, the violations and cards supervision recorded, the timeline with internal notes, and a button
for each step the user's roles and the case's state allow. Each step is a form page of its own that calls one
function of services.actions (the only way state changes); a refusal re-renders the form with the action's
Chinese message and what was typed.

Every view here is built by the case viewset, so the scope query runs first: a case of an agency outside the
user's scope is answered 404, as if it did not exist (NotFoundOutsideScope)."""

from functools import cached_property

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.db.models.functions import Coalesce, Least
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.views.generic import InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from zhengwu.cases.forms import person
from zhengwu.cases.steps import Step, StepActionMixin
from zhengwu.orgs.admin_scope import NotFoundOutsideScope
from zhengwu.orgs.models import Agency, holds
from zhengwu.privacy import masking
from zhengwu.privacy.access import reveal
from zhengwu.services import actions
from zhengwu.services.actions import CASE_TYPE, SERVICE_ROLES
from zhengwu.services.cases.admin_forms import (
    AcceptForm,
    AssignForm,
    CompleteForm,
    CorrectionForm,
    CounterApplicationForm,
    DecideForm,
    EndSpecialForm,
    FeeForm,
    MatterPickForm,
    NoteForm,
    ReceiveCorrectionForm,
    RefuseForm,
    RevealForm,
    RouteForm,
    StartSpecialForm,
    WithdrawForm,
    counter_matters,
)
from zhengwu.services.models import OPEN_CASE_STATES, CaseChannel, CaseState, Decision
from zhengwu.supervision.models import Card, Violation
from zhengwu.timelimits.display import clock_facts, time_left_badge
from zhengwu.timelimits.engine import ClockState
from zhengwu.timelimits.models import Clock

VIEWSET = "services_cases"
PERSONAL_FIELDS = ["name", "id_number", "phone"]


def clock_badge(clock):
    """Working days left on one of a case's clocks, coloured by its band (timelimits.display)."""
    return time_left_badge(clock, CASE_TYPE)


def next_due():
    """The nearest due date among the case's running clocks (stopped and paused clocks have none): what the
    queues sort by."""
    step, whole = F("step_clock__due_on"), F("clock__due_on")
    return Least(Coalesce(step, whole), Coalesce(whole, step))


def step_name(clock):
    """受理 / 办结 / 送达: the first word of the clock's label (“受理 BJ2026-…”)."""
    return clock.label.split(" ")[0] if clock is not None else ""


class CaseAccess:
    """What the user is for one case: the department's staff (they take its steps) or the receiving
    window's (they register, route, take corrections and withdrawals). Holders of both do both."""

    def __init__(self, case, user):
        self.case, self.user = case, user
        self.department = holds(user, case.agency_id, SERVICE_ROLES)
        self.window = self.department or holds(user, case.window_agency_id, SERVICE_ROLES)

    @property
    def may_act(self):
        return self.window

    def may(self, step):
        return self.department if step.who == "department" else self.window

    @property
    def may_reveal(self):
        return self.window  # SERVICE_ROLES of the case's department or window, never inspectors


# -- steps -----------------------------------------------------------------------------------------------------

def _due(clock):
    clock.refresh_from_db()
    return f"{clock.due_on:%Y-%m-%d}" if clock.due_on else "暂停计算"


def run_route(case, data, user):
    actions.route(case, user, note=data["note"])
    return f"已分送至{case.agency.name}。"


def run_assign(case, data, user):
    actions.assign(case, user, data["assignee"])
    return f"已分派给 {person(data['assignee'])}。"


def run_correction(case, data, user):
    case = actions.request_correction(case, user, data["items"], on=data["on"])
    extra = f"这是第 {case.corrections} 次告知，已被记为“二次补正”违规。" if case.corrections > 1 else ""
    return f"已一次性告知补正，受理时限暂停计算。{extra}"


def run_corrected(case, data, user):
    case = actions.receive_correction(case, user, supplied=data["supplied"], on=data["on"])
    return f"已登记收到补正材料，受理时限重新计算，至 {_due(case.step_clock)}。"


def run_accept(case, data, user):
    case = actions.accept(case, user, on=data["on"])
    return f"已受理，办结期限至 {case.clock.due_on:%Y-%m-%d}。"


def run_refuse(case, data, user):
    actions.refuse(case, user, data["reason"], on=data["on"])
    if not data["reason"].strip():
        return "已不予受理。未说明理由，电子监察已记为违规。"
    return "已不予受理，理由已告知申请人。"


def run_start_special(case, data, user):
    case = actions.start_special(case, user, procedure=data.get("procedure"), name=data["name"], on=data["on"])
    run = case.special_runs.last()
    if run.counts_toward_limit:
        return f"已进入特别程序：{run.name}（计入办结时限）。"
    return f"已进入特别程序：{run.name}，办结时限暂停计算。"


def run_end_special(case, data, user):
    case = actions.end_special(case, user, result=data["result"], on=data["on"])
    return f"特别程序已结束，办结期限至 {_due(case.clock)}。"


def run_decide(case, data, user):
    case = actions.decide(case, user, data["decision"], data["reason"], on=data["on"])
    return f"已作出决定：{Decision(case.decision).label}；送达期限至 {case.step_clock.due_on:%Y-%m-%d}。"


def run_fee(case, data, user):
    case = actions.record_fee(case, user, data["amount"], on=data["on"])
    allowed = case.matter.fee_limit if case.matter.charged else 0
    extra = "超过办事指南允许的金额，电子监察已记为“超范围收费”违规。" if case.fee_charged > allowed else ""
    return f"已登记实收费用 {case.fee_charged} 元。{extra}"


def run_complete(case, data, user):
    actions.complete(case, user, data["result_text"], on=data["on"])
    return "已办结送达，已短信告知申请人并邀请评价。"


def run_withdraw(case, data, user):
    actions.withdraw(case, user, reason=data["reason"], on=data["on"])
    return "已登记申请人撤回，办件终止。"


def run_note(case, data, user):
    actions.add_note(case, user, data["text"])
    return "已添加内部备注（申请人不可见）。"


BEFORE_ACCEPTANCE = (CaseState.RECEIVED, CaseState.ROUTED)
DEPARTMENT_REFUSED = "您没有办理该部门办件的权限。"
WINDOW_REFUSED = "您没有在该窗口收件、分送的权限。"


def step(*args, who="department", **kwargs):
    """A step of the department's staff (the default) or of the receiving window's."""
    return Step(*args, who=who, refused=DEPARTMENT_REFUSED if who == "department" else WINDOW_REFUSED, **kwargs)


STEPS = [
    step("route", "分送部门", RouteForm, run_route, (CaseState.RECEIVED,), who="window", primary=True,
         intro="综合窗口收件后，将申请分送办理部门审查（一窗受理、分类办理）。"),
    step("accept", "受理", AcceptForm, run_accept, BEFORE_ACCEPTANCE, primary=True,
         intro="材料齐全、符合法定形式的，予以受理（行政许可法第三十二条）。"),
    step("correction", "一次性告知补正", CorrectionForm, run_correction, BEFORE_ACCEPTANCE,
         intro="材料不齐全或者不符合法定形式的，当场或者在五日内一次性告知申请人需要补正的全部内容。"),
    step("corrected", "收到补正", ReceiveCorrectionForm, run_corrected, (CaseState.CORRECTION,), who="window",
         primary=True),
    step("refuse", "不予受理", RefuseForm, run_refuse, (*BEFORE_ACCEPTANCE, CaseState.CORRECTION), warn=True,
         intro="申请事项依法不需要取得行政许可、不属于本机关职权范围等情形，作出不予受理决定。"),
    step("start-special", "特别程序开始", StartSpecialForm, run_start_special, (CaseState.ACCEPTED,),
         intro="听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审等所需时间不计算在办结时限内"
               "（行政许可法第四十五条），办事指南另有规定的除外。"),
    step("end-special", "特别程序结束", EndSpecialForm, run_end_special, (CaseState.SPECIAL,), primary=True),
    step("decide", "作出决定", DecideForm, run_decide, (CaseState.ACCEPTED,), primary=True),
    step("fee", "登记收费", FeeForm, run_fee, (CaseState.ACCEPTED, CaseState.SPECIAL, CaseState.DECIDED)),
    step("complete", "办结送达", CompleteForm, run_complete, (CaseState.DECIDED,), primary=True,
         intro="作出准予决定的，应当自决定之日起十日内颁发、送达证件（行政许可法第四十四条）。"),
    step("assign", "分派", AssignForm, run_assign, tuple(OPEN_CASE_STATES)),
    step("withdraw", "撤回", WithdrawForm, run_withdraw, tuple(OPEN_CASE_STATES), who="window", warn=True,
         intro="申请人在窗口提出撤回申请的，在此登记；所有时限随之停止。"),
    step("note", "备注", NoteForm, run_note, None, intro="内部备注只有工作人员可见。"),
]
STEPS_BY_KEY = {step.key: step for step in STEPS}


def action_url(case, step):
    return reverse(f"{VIEWSET}:act", args=[case.pk, step.key])


def offered_steps(case, access):
    return [(step, action_url(case, step)) for step in STEPS if step.offered(case) and step.allowed(access)]


# -- the case page ---------------------------------------------------------------------------------------------

def case_clocks(case):
    """Every clock of the case in the order they started (受理, 办结, 送达), each with its explanation.
    The 受理 clock stays on record after the step clock moves on to 送达. `current`: the clocks that time the
    case now (running or paused; on a finished case, the last ones)."""
    clocks = list(Clock.objects.for_owner(case).order_by("pk"))
    for current in (case.step_clock, case.clock):
        if current is not None and current.pk not in {c.pk for c in clocks}:
            clocks.append(current)
    rows = []
    for clock in sorted(clocks, key=lambda c: c.pk):
        facts = clock_facts(clock, explain=True)
        facts.update(name=step_name(clock), badge=clock_badge(clock),
                     current=clock.pk in (case.step_clock_id, case.clock_id)
                     and (clock.state != ClockState.STOPPED or not case.is_open))
        rows.append(facts)
    return rows


def form_rows(case):
    """The application form's fields with their labels from the matter's guide (unknown keys as stored)."""
    labels = {spec.get("name"): spec.get("label") or spec.get("name") for spec in case.matter.form_fields or []
              if isinstance(spec, dict)}
    rows = [(labels[name], case.form_data.get(name, "")) for name in labels if name in case.form_data]
    rows += [(name, value) for name, value in case.form_data.items() if name not in labels]
    return rows


class CaseInspectView(NotFoundOutsideScope, InspectView):
    """The case page."""

    template_name = "services/admin/inspect.html"
    page_title = "办件"
    extra_fields = {"masked_id": "证件号码（部分隐藏）", "submitted": "提交时间（北京时间）"}  # not model fields
    masked_labels = {"masked_name": "申请人（部分隐藏）", "masked_phone": "联系电话（部分隐藏）"}

    def get_field_label(self, field_name, field):
        return (self.extra_fields.get(field_name) or self.masked_labels.get(field_name)
                or super().get_field_label(field_name, field))

    def get_masked_id_display_value(self):
        return masking.mask_id_number(self.object.id_number)

    def get_submitted_display_value(self):
        return f"{timezone.localtime(self.object.submitted_at):%Y-%m-%d %H:%M}"

    def get_object(self, queryset=None):
        case = super().get_object(queryset)
        return type(case).objects.select_related("matter", "agency", "window_agency", "clock", "step_clock",
                                                 "assignee").get(pk=case.pk)

    @cached_property
    def access(self):
        return CaseAccess(self.object, self.request.user)

    def inspect_url(self):
        return reverse(f"{VIEWSET}:inspect", args=[self.object.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case, user = self.object, self.request.user
        materials = [(m, m.document.may_download(user))
                     for m in case.materials.select_related("document", "requirement")]
        context.update(
            case=case, access=self.access, offered=offered_steps(case, self.access),
            clocks=case_clocks(case), form_rows=form_rows(case), materials=materials,
            special_runs=list(case.special_runs.all()),
            violations=list(Violation.objects.filter(case_type=CASE_TYPE, case_id=case.pk).order_by("found_on", "pk")),
            cards=list(Card.objects.filter(case_type=CASE_TYPE, case_id=case.pk).select_related("clock")
                       .order_by("issued_on", "pk")),
            timeline=list(case.events.select_related("actor")),
            rating=getattr(case, "rating", None), reveal_form=RevealForm(),
            reveal_url=reverse(f"{VIEWSET}:reveal", args=[case.pk]),
        )
        rating = context["rating"]
        rectification = getattr(rating, "rectification", None) if rating else None
        context["rectification_url"] = (reverse("services_rectifications:inspect", args=[rectification.pk])
                                        if rectification else "")
        return context


class CaseActionView(StepActionMixin, CaseInspectView):
    """One step's form page (cases.steps)."""

    template_name = "services/admin/action.html"
    steps_by_key = STEPS_BY_KEY
    case_noun = "办件"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": reverse(f"{VIEWSET}:index"), "label": "办件"},
                {"url": self.inspect_url(), "label": self.object.number},
                {"url": "", "label": self.step.label, "sublabel": self.object.matter.name}]

    def action_url(self):
        return action_url(self.object, self.step)

    def make_form(self, data=None):
        return self.step.form_class(data, case=self.object, prefix=self.step.key)


class CaseRevealView(CaseInspectView):
    """Show the applicant's personal data in full, once, after recording who looked and why (privacy.access)."""

    template_name = "services/admin/reveal.html"
    page_title = "申请人完整信息"

    def get(self, request, *args, **kwargs):
        return redirect(self.inspect_url())

    def post(self, request, *args, **kwargs):
        case = self.object
        if not self.access.may_reveal:
            return self.render_to_response(self.get_context_data(
                refused="只有办理部门和收件窗口的办件工作人员可以查看完整的申请人信息。"), status=403)
        form = RevealForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(reveal_form=form), status=400)
        values = reveal(request.user, case, PERSONAL_FIELDS, request=request, reason=form.cleaned_data["reason"])
        labels = {name: type(case)._meta.get_field(name).verbose_name for name in PERSONAL_FIELDS}
        return self.render_to_response(self.get_context_data(
            values=[(labels[name], values[name]) for name in PERSONAL_FIELDS]))

    def get_context_data(self, reveal_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        if reveal_form is not None:
            context["reveal_form"] = reveal_form
        return context


# -- 登记窗口申请 ----------------------------------------------------------------------------------------------

class RegisterCaseView(WagtailAdminTemplateMixin, TemplateView):
    """A window clerk registers an application received at the counter: first the matter (any active matter of
    the departments in or under the clerk's agencies), then the hall's application form for it; the action
    (services.actions.receive_application, channel 窗口申请) numbers it and starts the 受理 clock."""

    template_name = "services/admin/register.html"
    page_title = "登记窗口申请"
    header_icon = "form"

    def dispatch(self, request, *args, **kwargs):
        if not Agency.objects.in_scope(request.user, SERVICE_ROLES).exists():
            raise PermissionDenied("只有窗口工作人员和单位管理员可以登记窗口申请。")
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": reverse(f"{VIEWSET}:index"), "label": "办件"},
                {"url": "", "label": self.page_title}]

    def picked(self, data):
        """(pick form, matter or None) for the submitted matter choice."""
        pick = MatterPickForm(data, user=self.request.user)
        if data is None or not pick.is_valid():
            return pick, None
        return pick, counter_matters(self.request.user).get(pk=pick.cleaned_data["matter"])

    def get(self, request, *args, **kwargs):
        pick, matter = self.picked(request.GET if "matter" in request.GET else None)
        if matter is None:
            return self.render_to_response(self.get_context_data(pick=pick), status=400 if pick.errors else 200)
        return self.render_to_response(self.get_context_data(pick=pick, matter=matter,
                                                             form=CounterApplicationForm(matter)))

    def post(self, request, *args, **kwargs):
        pick, matter = self.picked(request.POST)
        if matter is None:
            return self.render_to_response(self.get_context_data(pick=pick), status=400)
        form = CounterApplicationForm(matter, request.POST, request.FILES)
        if form.is_valid():
            try:
                case = actions.receive_application(matter, form.applicant(), form.form_data(), form.uploads(),
                                                   channel=CaseChannel.COUNTER, actor=request.user)
            except ValidationError as invalid:  # a required field of the matter, a refused upload
                form.take_errors(invalid)
            except actions.ActionRefused as refusal:
                form.add_error(None, str(refusal))
            except PermissionDenied as denied:  # the files app refused to store a material
                form.add_error(None, f"材料未能保存：{denied}")
            else:
                messages.success(request, (
                    f"已登记窗口申请 {case.number}，查询码 {case.tracking_code}（已短信告知申请人）。"
                    f"受理期限至 {case.step_clock.due_on:%Y-%m-%d}。"))
                return redirect(reverse(f"{VIEWSET}:inspect", args=[case.pk]))
        return self.render_to_response(self.get_context_data(pick=pick, matter=matter, form=form), status=400)
