"""The letter page in the admin and its step pages.

The letter page shows the letter (writer masked; the full contact through privacy.access with a reason), the
reply clock, the group, the draft and reply, supervision's cards and the timeline, and a button for each step
the user's roles and the letter's state allow. Each step is a form page that calls one interaction.actions
function; a refusal re-renders the form with the action's Chinese message and what was typed. Every view is
built by the letter viewset, so the scope query runs first (a letter outside it is a 404)."""

from functools import cached_property

from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.views.generic import InspectView

from zhengwu.cases.forms import RevealForm, person
from zhengwu.cases.steps import Step, StepActionMixin
from zhengwu.interaction import actions
from zhengwu.interaction.actions import LETTER_TYPE
from zhengwu.interaction.actions.common import is_handler, is_office
from zhengwu.interaction.letters.admin_forms import (
    ApproveForm,
    AssignForm,
    ConfirmForm,
    DraftForm,
    GroupForm,
    NoteForm,
    ReasonForm,
    ReferForm,
)
from zhengwu.interaction.models import OPEN_LETTER_STATES, LetterState
from zhengwu.orgs.admin_scope import NotFoundOutsideScope
from zhengwu.privacy.access import reveal
from zhengwu.supervision.models import Card
from zhengwu.timelimits.display import clock_facts, time_left_badge

VIEWSET = "interaction_letters"
PERSONAL_FIELDS = ["name", "phone", "email", "address"]


class LetterAccess:
    """What the user is for one letter: the mailbox office (triage, forward, refer, group), the agency answering
    it now (draft, review, hand back), or both."""

    def __init__(self, letter, user):
        self.office = is_office(user, letter)
        self.handler = is_handler(user, letter)

    @property
    def may_act(self):
        return self.office or self.handler

    def may(self, step):
        return self.office if step.who == "office" else self.handler


def run_assign(letter, data, user):
    actions.assign(letter, user, data["agency"], data["note"])
    return f"已交办{data['agency'].name}。"


def run_return(letter, data, user):
    actions.return_letter(letter, user, data["reason"])
    return "已退回信箱办公室重新分办。"


def run_draft(letter, data, user):
    actions.draft_reply(letter, user, data["text"])
    return "答复已拟写，待另一位工作人员审核。"


def run_send_back(letter, data, user):
    actions.send_back(letter, user, data["reason"])
    return "已退回拟稿人修改。"


def run_approve(letter, data, user):
    letter = actions.approve_reply(letter, user, publish=data["publish"], public_subject=data["public_subject"],
                                   public_body=data["public_body"])
    shown = "，并已在网站公开" if letter.published else ""
    return f"已审核发出答复{shown}；已短信告知写信人。"


def run_refer(letter, data, user):
    actions.refer_petition(letter, user, data["where"], data["why"])
    return "已告知写信人向信访渠道反映及理由，答复时限停止。"


def run_group(letter, data, user):
    actions.group_with(letter, user, data["main"])
    return f"已归入来信 {data['main'].number} 一组，随主信一并答复。"


def run_ungroup(letter, data, user):
    actions.ungroup(letter, user)
    return "已移出该组，单独办理。"


def run_note(letter, data, user):
    actions.add_note(letter, user, data["text"])
    return "已添加内部备注（写信人不可见）。"


def step(*args, who="handler", **kwargs):
    """A step of the agency answering the letter (the default) or of the mailbox's office."""
    return Step(*args, who=who, refused="您不是该信箱的分办人员。" if who == "office" else "您没有办理该来信的权限。",
                **kwargs)


def is_main(letter):
    return letter.group_id is None


STEPS = [
    step("assign", "交办", AssignForm, run_assign, (LetterState.RECEIVED,), who="office", primary=True, when=is_main,
         intro="将来信交办给负责的单位办理；同组来信一并交办。"),
    step("draft", "拟写答复", DraftForm, run_draft, tuple(OPEN_LETTER_STATES), primary=True, when=is_main,
         intro="答复由拟稿人拟写，须另一位工作人员审核后才发给写信人。"),
    step("approve", "审核发出", ApproveForm, run_approve, (LetterState.REVIEWING,), primary=True,
         intro="审核通过即答复写信人（同组来信一并答复），答复时限停止。写信人同意公开的，可在网站公开。"),
    step("send-back", "退回修改", ReasonForm, run_send_back, (LetterState.REVIEWING,), warn=True),
    step("return", "退回分办", ReasonForm, run_return, (LetterState.ASSIGNED,), warn=True,
         when=lambda letter: letter.returns == 0 and is_main(letter),
         intro="不属于本单位职责的，可退回信箱办公室重新分办一次，须说明理由。"),
    step("refer", "转信访渠道", ReferForm, run_refer, tuple(OPEN_LETTER_STATES), who="office", warn=True,
         when=is_main, intro="属于信访事项的，告知写信人应向何处反映以及理由，来信办结。"),
    step("group", "归入同组", GroupForm, run_group, (LetterState.RECEIVED,), who="office", when=is_main,
         intro="同一写信人或相同内容的来信归为一组，随主信一并答复。"),
    step("ungroup", "移出同组", ConfirmForm, run_ungroup, tuple(OPEN_LETTER_STATES), who="office",
         when=lambda letter: letter.group_id is not None),
    step("note", "备注", NoteForm, run_note, None, intro="内部备注只有工作人员可见。"),
]
STEPS_BY_KEY = {step.key: step for step in STEPS}


def action_url(letter, step):
    return reverse(f"{VIEWSET}:act", args=[letter.pk, step.key])


class LetterInspectView(NotFoundOutsideScope, InspectView):
    template_name = "interaction/admin/inspect.html"
    page_title = "来信办理"

    def get_object(self, queryset=None):
        letter = super().get_object(queryset)
        return type(letter).objects.select_related("mailbox", "mailbox__agency", "agency", "clock", "group",
                                                   "reply_agency", "drafted_by", "approved_by").get(pk=letter.pk)

    @cached_property
    def access(self):
        return LetterAccess(self.object, self.request.user)

    def inspect_url(self):
        return reverse(f"{VIEWSET}:inspect", args=[self.object.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        letter, user = self.object, self.request.user
        offered = [(step, action_url(letter, step)) for step in STEPS
                   if step.offered(letter) and step.allowed(self.access)]
        clock = clock_facts(letter.clock, explain=True) if letter.clock else None
        context.update(
            letter=letter, access=self.access, offered=offered, clock=clock,
            badge=time_left_badge(letter.clock, LETTER_TYPE) if letter.clock else "",
            grouped=list(letter.grouped.select_related("agency").order_by("pk")),
            attachments=[(a.document, a.document.may_download(user))
                         for a in letter.attachments.select_related("document")],
            cards=list(Card.objects.filter(case_type=LETTER_TYPE, case_id=letter.pk).order_by("issued_on", "pk")),
            timeline=list(letter.events.select_related("actor")), reveal_form=RevealForm(),
            reveal_url=reverse(f"{VIEWSET}:reveal", args=[letter.pk]), person=person,
            submitted=f"{timezone.localtime(letter.submitted_at):%Y-%m-%d %H:%M}")
        return context


class LetterActionView(StepActionMixin, LetterInspectView):
    """One step's form page (cases.steps)."""

    template_name = "interaction/admin/action.html"
    steps_by_key = STEPS_BY_KEY
    case_noun = "来信"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": reverse(f"{VIEWSET}:index"), "label": "来信"},
                {"url": self.inspect_url(), "label": self.object.number}, {"url": "", "label": self.step.label}]

    def action_url(self):
        return action_url(self.object, self.step)

    def make_form(self, data=None):
        return self.step.form_class(data, letter=self.object, prefix=self.step.key)


class LetterRevealView(LetterInspectView):
    """The writer's contact in full, once, after recording who looked and why (privacy.access)."""

    template_name = "interaction/admin/inspect.html"

    def get(self, request, *args, **kwargs):
        return redirect(self.inspect_url())

    def post(self, request, *args, **kwargs):
        letter = self.object
        if not self.access.may_act:
            return self.render_to_response(self.get_context_data(
                reveal_refused="只有信箱办公室和办理单位的工作人员可以查看写信人的完整信息。"), status=403)
        form = RevealForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(reveal_form=form), status=400)
        values = reveal(request.user, letter, PERSONAL_FIELDS, request=request, reason=form.cleaned_data["reason"])
        labels = {name: type(letter)._meta.get_field(name).verbose_name for name in PERSONAL_FIELDS}
        return self.render_to_response(self.get_context_data(
            revealed=[(labels[name], values[name]) for name in PERSONAL_FIELDS]))

    def get_context_data(self, reveal_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        if reveal_form is not None:
            context["reveal_form"] = reveal_form
        return context
