"""征集调查 in the admin: the survey with its questions (drafted and approved, four eyes), the figures, the open
answers with their moderation, the responses (mobile numbers masked) and the CSV export (numbers only for
administrators, with a reason, each viewing recorded). Every view is built by the ScopedModelViewSet, so a
survey of an agency outside the user's scope answers 404, and so do its responses and its export."""

import django_filters
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case, Count, Prefetch, Q, Value, When
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.permissions import register_permission_policy

from zhengwu.cases.record_views import RecordView, StepView, step
from zhengwu.consultation import actions
from zhengwu.consultation.actions import APPROVE_ROLES, DRAFT_ROLES, VIEW_ROLES, ActionRefused
from zhengwu.consultation.actions.surveys import PHONE_EXPORT_ROLES
from zhengwu.consultation.admin_forms import NoteForm, ScopedAgencyForm
from zhengwu.consultation.display import public_text
from zhengwu.consultation.models import Answer, CommentState, Publication, QuestionKind, Survey
from zhengwu.consultation.surveys.admin_forms import (
    ExportForm,
    ModerateAnswerForm,
    QuestionFormSet,
    initial_questions,
    question_specs,
)
from zhengwu.consultation.surveys.export import write_csv
from zhengwu.consultation.surveys.public import tally
from zhengwu.orgs.admin_scope import ScopedModelViewSet
from zhengwu.orgs.models import Agency, holds
from zhengwu.publishing.admin_views import ActionCreateView, ActionEditView, DraftDeleteView
from zhengwu.publishing.permissions import RolePolicy

VIEWSET = "consultation_surveys"
RESPONSES_PAGE_SIZE = 50

# Roles, not Django model permissions, decide here as for the rest of 决策公开 (admin_permissions.RolePolicy).
register_permission_policy(Survey, RolePolicy(Survey), exact_class=True)


def run_submit(s, data, user, request):
    actions.submit_survey(s, actor=user)
    return "已提交审核。审核人审核通过后即向社会公布。"


def run_approve(s, data, user, request):
    s = actions.approve_survey(s, actor=user)
    return f"已审核发布，调查时间 {s.opens_on:%Y-%m-%d} 至 {s.closes_on:%Y-%m-%d}。"


def run_return(s, data, user, request):
    actions.return_survey(s, actor=user, note=data["note"])
    return "已退回修改，起草人会收到站内消息。"


def run_moderate(s, data, user, request):
    answer = data["answer"]
    if data["decision"] == CommentState.APPROVED:
        actions.approve_answer(answer, actor=user)
        return f"回答（编号 {answer.pk}）已审核通过，随调查结果公开。"
    actions.reject_answer(answer, actor=user, reason=data["reason"])
    return f"回答（编号 {answer.pk}）不予公开。"


def has_open_answers(survey):
    return survey.is_published and Answer.objects.filter(response__survey=survey,
                                                         question__kind=QuestionKind.TEXT).exists()


STEPS = [
    step("submit", "提交审核", run_submit, lambda s: s.publication == Publication.DRAFT, DRAFT_ROLES, primary=True),
    step("approve", "审核发布", run_approve, lambda s: s.publication == Publication.SUBMITTED, APPROVE_ROLES,
         primary=True, intro="审核通过后调查即向社会公布，调查期内公众可以填写问卷。发布后题目不能再修改。"
                             "起草人或提交人不能审核自己经手的调查。"),
    step("return", "退回修改", run_return, lambda s: s.publication == Publication.SUBMITTED, APPROVE_ROLES,
         form_class=NoteForm, warn=True),
    step("moderate", "审核问答题回答", run_moderate, has_open_answers, DRAFT_ROLES, form_class=ModerateAnswerForm,
         intro="审核通过的回答随调查结果公开（其中的电话号码、电子邮箱和身份证号码部分隐藏）；不予公开的须写明理由。"),
]


class SurveyMixin:
    steps = STEPS
    viewset_name = VIEWSET

    def survey_urls(self, survey):
        return {"responses_url": reverse(f"{VIEWSET}:responses", args=[survey.pk]),
                "export_url": reverse(f"{VIEWSET}:export", args=[survey.pk]),
                "moderate_url": reverse(f"{VIEWSET}:act", args=[survey.pk, "moderate"]),
                "public_url": reverse("consultation-survey", args=[survey.pk]) if survey.is_published else ""}


class SurveyView(SurveyMixin, RecordView):
    template_name = "consultation/admin/survey.html"

    def hint(self, s):
        if s.is_published and s.phase() != "closed":
            return f"调查截止（{s.closes_on:%Y-%m-%d}）后，统计结果自动向社会公开" + (
                "；调查期间已公开。" if s.show_results_while_open else "。")
        return ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        survey = self.object
        results = tally(survey, shown_limit=0)
        open_answers = list(Answer.objects.filter(response__survey=survey, question__kind=QuestionKind.TEXT)
                            .select_related("question", "moderated_by")
                            .order_by(Case(When(state=CommentState.PENDING, then=Value(0)), default=Value(1)), "-pk")[:200])
        for answer in open_answers:
            answer.masked = public_text(answer.text)
        context.update(survey=survey, results=results, open_answers=open_answers,
                       pending=sum(f.pending_count for f in results.questions),
                       may_moderate=has_open_answers(survey) and self.allowed(survey, STEPS[3]),
                       **self.survey_urls(survey))
        return context


class SurveyStepView(SurveyMixin, StepView):
    pass


class ResponsesView(SurveyMixin, RecordView):
    """The responses, newest first, fifty a page; mobile numbers masked (the export gives them in full to
    administrators)."""

    template_name = "consultation/admin/survey_responses.html"

    def get_page_title(self):
        return "答卷"

    def get_page_subtitle(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        survey = self.object
        answers = Answer.objects.select_related("question").prefetch_related("options")
        responses = survey.responses.order_by("-submitted_at", "-pk").prefetch_related(
            Prefetch("answers", queryset=answers))
        page = Paginator(responses, RESPONSES_PAGE_SIZE).get_page(self.request.GET.get("page"))
        questions = list(survey.questions.all())
        rows = []
        for response in page.object_list:
            by_question = {answer.question_id: answer for answer in response.answers.all()}
            rows.append((response, [(question, by_question.get(question.pk)) for question in questions]))
        context.update(survey=survey, page_obj=page, rows=rows, questions=questions, **self.survey_urls(survey))
        return context


class ExportView(SurveyMixin, RecordView):
    """GET: what the export holds (and, for administrators, the choice to include the numbers, with a reason);
    POST: the CSV file, the export logged and any number's viewing recorded first."""

    template_name = "consultation/admin/survey_export.html"

    def get_page_title(self):
        return "导出答卷"

    def get_page_subtitle(self):
        return str(self.object)

    def may_export_phones(self):
        return holds(self.request.user, self.object.agency_id, PHONE_EXPORT_ROLES)

    def post(self, request, *args, **kwargs):
        survey = self.object
        form = ExportForm(request.POST, may_export_phones=self.may_export_phones())
        if form.is_valid():
            with_phones = bool(form.cleaned_data.get("with_phones"))
            try:
                phones = actions.record_export(survey, actor=request.user, count=survey.responses.count(),
                                               with_phones=with_phones, reason=form.cleaned_data.get("reason", ""),
                                               request=request)
            except ActionRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                response = HttpResponse(write_csv(survey, phones if with_phones else None),
                                        content_type="text/csv; charset=utf-8")
                response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-responses.csv"'
                return response
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(survey=self.object, form=form or ExportForm(may_export_phones=self.may_export_phones()),
                       count=self.object.responses.count(), action_url=reverse(f"{VIEWSET}:export",
                                                                               args=[self.object.pk]),
                       **self.survey_urls(self.object))
        return context


class SaveSurvey:
    formset_specs = [("questions", "题目", QuestionFormSet, initial_questions)]

    def save_through_action(self, form, formsets):
        return actions.save_survey(form.instance, actor=self.request.user,
                                   questions=question_specs(formsets["questions"]))


class SurveyCreateView(SaveSurvey, ActionCreateView):
    pass


class SurveyEditView(SaveSurvey, ActionEditView):
    def dispatch(self, request, *args, **kwargs):
        if self.object.responses.exists():  # what was answered keeps its questions, whatever the state
            messages.warning(request, "该调查已有答卷，题目不能再修改。")
            return redirect(self.record_url(self.object))
        return super().dispatch(request, *args, **kwargs)


class SurveyFilterSet(WagtailFilterSet):
    agency = django_filters.ModelChoiceFilter(
        label="发布单位", empty_label="全部",
        queryset=lambda request: Agency.objects.in_scope(request.user if request else None, VIEW_ROLES)
        .filter(pk__in=Survey.objects.values("agency_id")))
    publication = django_filters.ChoiceFilter(label="发布状态", choices=Publication.choices, empty_label="全部")

    class Meta:
        model = Survey
        fields = ["agency", "publication"]


class SurveyIndexView(IndexView):
    default_ordering = "-opens_on"

    def get_base_queryset(self):
        pending = Count("responses__answers", filter=Q(responses__answers__state=CommentState.PENDING))
        return super().get_base_queryset().select_related("agency").annotate(
            received=Count("responses", distinct=True), pending=pending)


class PeriodColumn(Column):
    def get_value(self, s):
        text = f"{s.opens_on:%Y-%m-%d} 至 {s.closes_on:%Y-%m-%d}"
        return f"{text}（{s.phase_label()}）" if s.is_published else text


class ResponsesColumn(Column):
    def get_value(self, s):
        return f"{s.received} 份（问答待审核 {s.pending} 条）" if s.pending else f"{s.received} 份"


class SurveyViewSet(ScopedModelViewSet):
    model = Survey
    scope_roles = VIEW_ROLES
    icon = "list-ul"
    menu_label = "征集调查"
    url_prefix = "consultation/surveys"
    list_display = [
        TitleColumn("title", label="调查名称", get_url=lambda s: reverse(f"{VIEWSET}:inspect", args=[s.pk])),
        Column("agency", label="发布单位"), "publication", PeriodColumn("period", label="调查时间"),
        ResponsesColumn("responses", label="答卷")]
    filterset_class = SurveyFilterSet
    search_fields = ["title"]
    search_backend_name = None
    index_view_class = SurveyIndexView
    inspect_view_enabled = True
    inspect_view_class = SurveyView
    add_view_class = SurveyCreateView
    edit_view_class = SurveyEditView
    delete_view_class = DraftDeleteView
    copy_view_enabled = False
    edit_handler = ObjectList([
        MultiFieldPanel([FieldPanel("agency"), FieldPanel("title"), FieldPanel("intro")], heading="调查"),
        MultiFieldPanel([FieldPanel("opens_on"), FieldPanel("closes_on"), FieldPanel("show_results_while_open")],
                        heading="调查时间和结果公开"),
    ], base_form_class=ScopedAgencyForm)

    def get_urlpatterns(self):
        kwargs = self.get_inspect_view_kwargs()
        kwargs.pop("template_name", None)
        return [*super().get_urlpatterns(),
                path("inspect/<int:pk>/act/<slug:step>/", self.construct_view(SurveyStepView, **kwargs), name="act"),
                path("inspect/<int:pk>/responses/", self.construct_view(ResponsesView, **kwargs), name="responses"),
                path("inspect/<int:pk>/export/", self.construct_view(ExportView, **kwargs), name="export")]

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().none()
