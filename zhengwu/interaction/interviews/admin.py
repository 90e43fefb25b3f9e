"""Admin of online interviews (menu 在线访谈): the interviews (announcement drafted and approved by two people,
then the transcript the same way), the question queue (采用 / 不予采用 / 查看联系方式), and the 直播控制台 where
the host starts the interview, puts questions to the guests, posts their answers, remarks and pictures, and ends it.

The record pages, step pages and create/edit views are consultation's (admin_steps, admin_editing) and every
list and page goes through the scope query (ScopedModelViewSet; the console through `scoped`); an interview of
another agency answers 404. Each button calls one function of actions.interviews."""

from functools import wraps

import django_filters
from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.permissions import register_permission_policy

from zhengwu.cases.record_views import RecordView, StepView, step
from zhengwu.interaction.actions import interviews as actions
from zhengwu.interaction.actions.interviews import (
    APPROVE_ROLES,
    DRAFT_ROLES,
    VIEW_ROLES,
    ActionForbidden,
    ActionRefused,
)
from zhengwu.interaction.interviews.forms import (
    AnswerForm,
    GuestFormSet,
    InterviewForm,
    QuestionRejectForm,
    RemarkForm,
    TranscriptForm,
    guest_initial,
    guest_rows,
)
from zhengwu.interaction.models import Interview, InterviewStatus, Question, QuestionState, Transcript
from zhengwu.orgs.admin_scope import ScopedModelViewSet
from zhengwu.orgs.models import Agency, holds_any, scoped
from zhengwu.privacy.access import reveal
from zhengwu.publishing.admin_views import ActionCreateView, ActionEditView, DraftDeleteView
from zhengwu.publishing.forms import NoteForm, RevealForm
from zhengwu.publishing.models import Publication
from zhengwu.publishing.permissions import RolePolicy

VIEWSET, QUESTIONS, CONSOLE = "interaction_interviews", "interaction_interview_questions", "interaction_interview_console"

# Registered at import (wagtail_hooks imports this module) before any viewset asks.
register_permission_policy(Interview, RolePolicy(Interview), exact_class=True)
register_permission_policy(Question, RolePolicy(Question, agency_field="interview__agency", changes=False),
                           exact_class=True)


def as_step(run):
    """The shared step and edit views catch consultation's refusals; this app's actions raise its own."""
    @wraps(run)
    def wrapped(*args, **kwargs):
        try:
            return run(*args, **kwargs)
        except ActionForbidden as refusal:
            raise ActionForbidden(str(refusal)) from None
        except ActionRefused as refusal:
            raise ActionRefused(str(refusal)) from None
    return wrapped


def transcript_of(interview):
    return Transcript.objects.filter(interview=interview).first()


def transcript_in(*states):
    def offered(interview):
        transcript = transcript_of(interview)
        return transcript is not None and transcript.publication in states
    return offered


# -- the interview's steps -------------------------------------------------------------------------------------

@as_step
def run_submit(i, data, user, request):
    actions.submit_interview(i, actor=user)
    return "访谈预告已提交审核。"


@as_step
def run_approve(i, data, user, request):
    actions.approve_interview(i, actor=user)
    return "访谈预告已审核发布，公众可以在线提问。"


@as_step
def run_return(i, data, user, request):
    actions.return_interview(i, actor=user, note=data["note"])
    return "访谈预告已退回修改。"


@as_step
def run_transcript(i, data, user, request):
    actions.save_transcript(i, actor=user, summary=data["summary"])
    return "已保存文字实录。确认无误后请提交审核。"


@as_step
def run_transcript_submit(i, data, user, request):
    actions.submit_transcript(transcript_of(i), actor=user)
    return "文字实录已提交审核。"


@as_step
def run_transcript_approve(i, data, user, request):
    actions.approve_transcript(transcript_of(i), actor=user)
    return "文字实录已审核发布，列入往期访谈。"


@as_step
def run_transcript_return(i, data, user, request):
    actions.return_transcript(transcript_of(i), actor=user, note=data["note"])
    return "文字实录已退回修改。"


def may_write_transcript(i):
    return i.status == InterviewStatus.ENDED and (transcript_of(i) is None or transcript_in(Publication.DRAFT)(i))


STEPS = [
    step("submit", "提交审核", run_submit, lambda i: i.publication == Publication.DRAFT, DRAFT_ROLES, primary=True),
    step("approve", "审核发布", run_approve, lambda i: i.publication == Publication.SUBMITTED, APPROVE_ROLES,
         primary=True, intro="审核通过后访谈预告即向社会公布，公众可以在线提问。"),
    step("return", "退回修改", run_return, lambda i: i.publication == Publication.SUBMITTED, APPROVE_ROLES,
         form_class=NoteForm, warn=True),
    step("transcript", "编写文字实录", run_transcript, may_write_transcript, DRAFT_ROLES, form_class=TranscriptForm,
         primary=True),
    step("transcript-submit", "文字实录提交审核", run_transcript_submit, transcript_in(Publication.DRAFT), DRAFT_ROLES),
    step("transcript-approve", "文字实录审核发布", run_transcript_approve, transcript_in(Publication.SUBMITTED),
         APPROVE_ROLES, primary=True),
    step("transcript-return", "文字实录退回修改", run_transcript_return, transcript_in(Publication.SUBMITTED),
         APPROVE_ROLES, form_class=NoteForm, warn=True),
]


class InterviewView(RecordView):
    template_name = "interaction/interviews/admin/interview.html"
    steps = STEPS
    viewset_name = VIEWSET

    def hint(self, i):
        if i.is_published and i.status != InterviewStatus.ENDED:
            return "在“直播控制台”开始、主持和结束访谈；访谈结束后可在此编写并公布文字实录。"
        return ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        i = self.object
        counts = i.questions.aggregate(total=Count("pk"), pending=Count("pk", filter=Q(state=QuestionState.PENDING)))
        context.update(
            interview=i, guests=list(i.guests.all()), transcript=transcript_of(i), counts=counts,
            message_count=i.messages.count(),
            questions_url=reverse(f"{QUESTIONS}:index") + f"?interview={i.pk}",
            console_url=reverse(f"{CONSOLE}:console", args=[i.pk])
            if i.is_published and holds_any(self.request.user, DRAFT_ROLES) else "",
            public_url=reverse("interview-detail", args=[i.pk]) if i.is_published else "")
        return context


class InterviewStepView(StepView):
    steps = STEPS
    viewset_name = VIEWSET


class SaveInterview:
    formset_specs = [("guests", "访谈嘉宾", GuestFormSet, guest_initial)]

    @as_step
    def save_through_action(self, form, formsets):
        return actions.save_interview(form.instance, actor=self.request.user, guests=guest_rows(formsets["guests"]))

    def get_success_message(self, *args):
        return "已保存。确认无误后请在本页“提交审核”，经审核人审核后发布访谈预告。"


class InterviewCreateView(SaveInterview, ActionCreateView):
    pass


class InterviewEditView(SaveInterview, ActionEditView):
    pass


class InterviewFilterSet(WagtailFilterSet):
    agency = django_filters.ModelChoiceFilter(
        label="主办单位", empty_label="全部",
        queryset=lambda request: Agency.objects.in_scope(request.user if request else None, VIEW_ROLES)
        .filter(pk__in=Interview.objects.values("agency_id")))
    publication = django_filters.ChoiceFilter(label="发布状态", choices=Publication.choices, empty_label="全部")
    status = django_filters.ChoiceFilter(label="访谈状态", choices=InterviewStatus.choices, empty_label="全部")

    class Meta:
        model = Interview
        fields = ["agency", "publication", "status"]


class InterviewIndexView(IndexView):
    default_ordering = "-starts_at"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("agency").annotate(
            received=Count("questions", distinct=True),
            pending=Count("questions", filter=Q(questions__state=QuestionState.PENDING), distinct=True))


class QuestionsColumn(Column):
    def get_value(self, i):
        return f"{i.received} 条（待审核 {i.pending}）" if i.pending else f"{i.received} 条"


class InterviewViewSet(ScopedModelViewSet):
    model = Interview
    scope_roles = VIEW_ROLES
    icon = "media"
    menu_label = "访谈安排"
    url_prefix = "interaction/interviews"
    list_display = [
        TitleColumn("title", label="访谈主题", get_url=lambda i: reverse(f"{VIEWSET}:inspect", args=[i.pk])),
        Column("agency", label="主办单位"), Column("starts_at", label="计划开始时间", sort_key="starts_at"),
        "status", "publication", QuestionsColumn("questions", label="网友提问")]
    filterset_class = InterviewFilterSet
    search_fields = ["title"]
    search_backend_name = None
    index_view_class = InterviewIndexView
    inspect_view_enabled = True
    inspect_view_class = InterviewView
    add_view_class = InterviewCreateView
    edit_view_class = InterviewEditView
    delete_view_class = DraftDeleteView
    copy_view_enabled = False
    edit_handler = ObjectList([
        MultiFieldPanel([FieldPanel("agency"), FieldPanel("title"), FieldPanel("summary")], heading="访谈"),
        MultiFieldPanel([FieldPanel("starts_at"), FieldPanel("ends_at"), FieldPanel("host")], heading="时间和主持人"),
    ], base_form_class=InterviewForm)

    def get_urlpatterns(self):
        kwargs = self.get_inspect_view_kwargs()
        kwargs.pop("template_name", None)
        return [*super().get_urlpatterns(),
                path("inspect/<int:pk>/act/<slug:step>/", self.construct_view(InterviewStepView, **kwargs), name="act")]

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().none()


# -- the question queue ----------------------------------------------------------------------------------------

@as_step
def run_select(q, data, user, request):
    actions.select_question(q, actor=user)
    return f"提问（编号 {q.pk}）已采用。"


@as_step
def run_reject(q, data, user, request):
    actions.reject_question(q, actor=user, reason=data["reason"])
    return f"提问（编号 {q.pk}）不予采用。"


QUESTION_STEPS = [
    step("select", "采用", run_select, lambda q: q.state != QuestionState.SELECTED and not q.put_to_guests, DRAFT_ROLES,
         primary=True),
    step("reject", "不予采用", run_reject, lambda q: q.state != QuestionState.REJECTED and not q.put_to_guests,
         DRAFT_ROLES, form_class=QuestionRejectForm, warn=True),
    step("reveal", "查看联系方式", lambda q, d, u, r: None, lambda q: bool(q.contact), DRAFT_ROLES,
         form_class=RevealForm, intro="提问人的联系方式只用于联系核实问题，不得另作他用。"),
]


class QuestionMixin:
    steps = QUESTION_STEPS
    viewset_name = QUESTIONS

    def agency_of(self, question):
        return question.interview.agency

    def timeline(self, question):
        return question.events.select_related("actor").order_by("at", "pk")


class QuestionView(QuestionMixin, RecordView):
    template_name = "interaction/interviews/admin/question.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(question=self.object, interview_url=reverse(f"{VIEWSET}:inspect", args=[self.object.interview_id]),
                       queue_url=reverse(f"{QUESTIONS}:index") + "?state=pending")
        return context


class QuestionStepView(QuestionMixin, StepView):
    """The reveal step answers with the contact on the page itself (never in a redirect's flash message)."""

    template_name = "interaction/interviews/admin/step.html"

    def post(self, request, *args, **kwargs):
        if self.step.key != "reveal":
            return super().post(request, *args, **kwargs)
        form = self.make_form(request.POST)
        refused = self.refusal()
        if refused or not form.is_valid():
            if refused:
                form.add_error(None, refused)
            return self.render_to_response(self.get_context_data(form=form), status=403 if refused else 400)
        values = reveal(request.user, self.object, ["contact"], request=request, reason=form.cleaned_data["reason"])
        return self.render_to_response(self.get_context_data(form=None, revealed=[("联系方式", values["contact"])]))

    def get_context_data(self, revealed=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context["revealed"] = revealed
        return context


class QuestionFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label="审核状态", choices=QuestionState.choices, empty_label="全部")
    interview = django_filters.ModelChoiceFilter(
        label="访谈", empty_label="全部",
        queryset=lambda request: scoped(Interview.objects.all(), request.user if request else None, VIEW_ROLES))

    class Meta:
        model = Question
        fields = ["state", "interview"]


class QuestionQueueView(IndexView):
    default_ordering = "-submitted_at"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("interview", "interview__agency")


class ExcerptColumn(Column):
    def get_value(self, q):
        return q.public_text[:60] + ("…" if len(q.public_text) > 60 else "")


class QuestionViewSet(ScopedModelViewSet):
    model = Question
    scope_roles = VIEW_ROLES
    scope_agency_field = "interview__agency"
    icon = "help"
    menu_label = "网友提问审核"
    url_prefix = "interaction/interview-questions"
    list_display = [
        TitleColumn("pk", label="编号", accessor=lambda q: f"提问 {q.pk}",
                    get_url=lambda q: reverse(f"{QUESTIONS}:inspect", args=[q.pk])),
        Column("interview", label="访谈"), Column("phase", label="阶段", accessor="get_phase_display"),
        Column("public_name", label="网名（公开显示）"), ExcerptColumn("excerpt", label="问题"),
        Column("submitted_at", label="提问时间"), Column("state", label="审核状态", accessor="get_state_display")]
    filterset_class = QuestionFilterSet
    search_fields = ["text"]
    search_backend_name = None
    index_view_class = QuestionQueueView
    inspect_view_enabled = True
    inspect_view_class = QuestionView
    copy_view_enabled = False
    form_fields = []  # questions change only through the moderation steps

    def get_urlpatterns(self):
        kwargs = self.get_inspect_view_kwargs()
        kwargs.pop("template_name", None)
        return [*super().get_urlpatterns(),
                path("inspect/<int:pk>/act/<slug:step>/", self.construct_view(QuestionStepView, **kwargs), name="act")]

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().none()


# -- the 直播控制台 -----------------------------------------------------------------------------------------------

def hosted_interviews(user):
    """Published interviews `user` may host: the drafting roles' scope (the one scope query)."""
    return scoped(Interview.objects.filter(publication=Publication.PUBLISHED), user, DRAFT_ROLES).select_related(
        "agency")


def queue_of(interview):
    """What the host chooses from: pending questions, and selected ones not yet put to the guests, oldest first."""
    return (interview.questions.filter(state__in=[QuestionState.PENDING, QuestionState.SELECTED])
            .exclude(messages__kind="question").order_by("state", "submitted_at", "pk"))


class ConsoleIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "interaction/interviews/admin/console_list.html"
    page_title = "直播控制台"
    header_icon = "media"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": "直播控制台"}]

    def get_context_data(self, **kwargs):
        found = hosted_interviews(self.request.user).exclude(status=InterviewStatus.ENDED).order_by("starts_at")
        return super().get_context_data(**kwargs, interviews=found)


class ConsoleView(WagtailAdminTemplateMixin, TemplateView):
    """The host's page. Every POST names its operation (`op`), calls one action and comes back here."""

    template_name = "interaction/interviews/admin/console.html"
    header_icon = "media"
    OPERATIONS = {"go-live", "end", "put", "reject", "answer", "remark"}

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.interview = hosted_interviews(request.user).filter(pk=kwargs["pk"]).first()
        if self.interview is None:
            raise Http404("没有找到该访谈，或您没有主持它的权限。")

    def get_page_title(self):
        return "直播控制台"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": reverse(f"{CONSOLE}:index"), "label": "直播控制台"},
                {"url": "", "label": self.interview.title}]

    def get_page_subtitle(self):
        return self.interview.title

    def get_context_data(self, answer_form=None, remark_form=None, **kwargs):
        interview = self.interview
        context = super().get_context_data(**kwargs)
        context.update(
            interview=interview, queue=list(queue_of(interview)), answer_form=answer_form or AnswerForm(
                interview=interview, prefix="answer"), remark_form=remark_form or RemarkForm(prefix="remark"),
            console_url=reverse(f"{CONSOLE}:console", args=[interview.pk]),
            queue_url=reverse(f"{CONSOLE}:queue", args=[interview.pk]),
            record_url=reverse(f"{VIEWSET}:inspect", args=[interview.pk]),
            public_url=reverse("interview-detail", args=[interview.pk]),
            poll_url=reverse("api-v1:interview_messages", args=[interview.pk]),
            messages_list=list(interview.messages.select_related("question", "guest", "image").order_by("pk")))
        context["last_id"] = context["messages_list"][-1].pk if context["messages_list"] else 0
        return context

    def post(self, request, *args, **kwargs):
        op, interview, user = request.POST.get("op"), self.interview, request.user
        forms = {}
        try:
            if op not in self.OPERATIONS:
                raise ActionRefused("没有这项操作。")
            if op == "go-live":
                actions.go_live(interview, actor=user)
                done = "访谈已开始，直播中。"
            elif op == "end":
                actions.end_interview(interview, actor=user)
                done = "访谈已结束。请在访谈页面编写文字实录并提交审核。"
            elif op in ("put", "reject"):
                done = self.moderate(op, request.POST)
            else:
                form = (AnswerForm(request.POST, request.FILES, interview=interview, prefix="answer") if op == "answer"
                        else RemarkForm(request.POST, request.FILES, prefix="remark"))
                forms[f"{op}_form"] = form
                if not form.is_valid():
                    raise ActionRefused("发布内容有误，请按提示修改。")
                done = self.post_line(op, form)
        except ActionRefused as refusal:
            messages.error(request, str(refusal))
            status = 403 if isinstance(refusal, ActionForbidden) else 400
            return self.render_to_response(self.get_context_data(**forms), status=status)
        messages.success(request, done)
        return redirect(reverse(f"{CONSOLE}:console", args=[interview.pk]) + ("#live" if op != "reject" else "#queue"))

    def moderate(self, op, data):
        question = queue_of(self.interview).filter(pk=str(data.get("question", ""))).first() if str(
            data.get("question", "")).isdigit() else None
        if question is None:
            raise ActionRefused("该提问不在待处理队列中（可能已被其他主持人处理）。")
        if op == "put":
            actions.put_question(question, actor=self.request.user)
            return f"提问（编号 {question.pk}）已向嘉宾提出，所有观众可见。"
        actions.reject_question(question, actor=self.request.user, reason=data.get("reason", ""))
        return f"提问（编号 {question.pk}）不予采用。"

    def post_line(self, op, form):
        data, user = form.cleaned_data, self.request.user
        image = None
        if data.get("image"):
            image = actions.store_picture(data["image"], actor=user, title=data["image_caption"])
        if op == "answer":
            actions.post_answer(self.interview, actor=user, image=image, **form.answer())
            return "嘉宾回答已发布，所有观众可见。"
        actions.post_remark(self.interview, actor=user, text=data["text"], image=image,
                            image_caption=data["image_caption"])
        return "主持人发言已发布，所有观众可见。"


class ConsoleQueueView(ConsoleView):
    """The queue alone (HTML), for console.js to swap in every few seconds."""

    def get(self, request, *args, **kwargs):
        html = render_to_string("interaction/interviews/admin/_queue.html", {
            "queue": list(queue_of(self.interview)), "interview": self.interview,
            "console_url": reverse(f"{CONSOLE}:console", args=[self.interview.pk])}, request=request)
        return HttpResponse(html, headers={"Cache-Control": "no-store"})


class HostMenuItem(MenuItem):
    def is_shown(self, request):
        return holds_any(request.user, DRAFT_ROLES)


class ConsoleViewSet(ViewSet):
    icon = "media"
    menu_label = "直播控制台"
    url_prefix = "interaction/interview-console"
    menu_item_class = HostMenuItem

    def get_urlpatterns(self):
        return [path("", ConsoleIndexView.as_view(), name="index"),
                path("<int:pk>/", ConsoleView.as_view(), name="console"),
                path("<int:pk>/queue/", ConsoleQueueView.as_view(), name="queue")]


class InterviewGroup(ViewSetGroup):
    menu_label = "在线访谈"
    menu_icon = "media"
    menu_order = 235
    items = (InterviewViewSet(VIEWSET), QuestionViewSet(QUESTIONS), ConsoleViewSet(CONSOLE))


@hooks.register("register_admin_viewset")
def register_interview_group():
    return InterviewGroup()
