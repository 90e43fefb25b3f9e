"""征求意见 in the admin: drafts (the text pasted and split into articles, attachments), the four-eyes
publication, and after the period the adoption feedback with its own approval. Every list and page goes
through the scope query (ScopedModelViewSet); every change goes through consultation.actions."""

import django_filters
from django.db.models import Count, Q
from django.urls import path, reverse
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView

from zhengwu.cases.record_views import RecordView, StepView, step
from zhengwu.consultation import actions
from zhengwu.consultation.actions import APPROVE_ROLES, DRAFT_ROLES, VIEW_ROLES
from zhengwu.consultation.admin_forms import (
    AttachmentFormSet,
    ConsultationForm,
    FeedbackForm,
    NoteForm,
    attachment_rows,
)
from zhengwu.consultation.models import CommentState, Consultation, Feedback, Publication
from zhengwu.consultation.public import figures
from zhengwu.orgs.admin_scope import ScopedModelViewSet
from zhengwu.orgs.models import Agency
from zhengwu.publishing.admin_views import ActionCreateView, ActionEditView, DraftDeleteView

VIEWSET = "consultation_drafts"


def feedback_of(consultation):
    return Feedback.objects.filter(consultation=consultation).first()


def closed(consultation):
    return consultation.is_published and consultation.phase() == "closed"


def feedback_in(*states):
    def offered(consultation):
        feedback = feedback_of(consultation)
        return feedback is not None and feedback.publication in states
    return offered


def run_submit(c, data, user, request):
    actions.submit_consultation(c, actor=user)
    return "已提交审核。审核人审核通过后即向社会公布。"


def run_approve(c, data, user, request):
    c = actions.approve_consultation(c, actor=user)
    return f"已审核发布，征求意见期 {c.opens_on:%Y-%m-%d} 至 {c.closes_on:%Y-%m-%d}。"


def run_return(c, data, user, request):
    actions.return_consultation(c, actor=user, note=data["note"])
    return "已退回修改，起草人会收到站内消息。"


def run_feedback(c, data, user, request):
    feedback = actions.save_feedback(c, actor=user, summary=data["summary"], items=data["items"])
    return f"已保存意见采纳情况（{feedback.items.count()} 项）。确认无误后请提交审核。"


def run_feedback_submit(c, data, user, request):
    actions.submit_feedback(feedback_of(c), actor=user)
    return "意见采纳情况已提交审核。"


def run_feedback_approve(c, data, user, request):
    actions.approve_feedback(feedback_of(c), actor=user)
    return "意见采纳情况已审核发布，已告知意见已公开的意见人。"


def run_feedback_return(c, data, user, request):
    actions.return_feedback(feedback_of(c), actor=user, note=data["note"])
    return "意见采纳情况已退回修改。"


class FeedbackStepForm(FeedbackForm):
    """The feedback form as a step: its cleaned data carries the items."""

    def is_valid(self):
        valid = super().is_valid()
        if valid:
            self.cleaned_data["items"] = self.items()
        return valid


STEPS = [
    step("submit", "提交审核", run_submit, lambda c: c.publication == Publication.DRAFT, DRAFT_ROLES, primary=True),
    step("approve", "审核发布", run_approve, lambda c: c.publication == Publication.SUBMITTED, APPROVE_ROLES,
         primary=True, intro="审核通过后草案即向社会公布，征求意见期内公众可以提出意见。起草人或提交人不能审核自己经手的草案。"),
    step("return", "退回修改", run_return, lambda c: c.publication == Publication.SUBMITTED, APPROVE_ROLES,
         form_class=NoteForm, warn=True),
    step("feedback", "编写意见采纳情况", run_feedback,
         lambda c: closed(c) and (feedback_of(c) is None or feedback_of(c).publication == Publication.DRAFT),
         DRAFT_ROLES, form_class=FeedbackStepForm, primary=True,
         intro="逐条或归并答复已公开的公众意见：采纳的写明如何修改，部分采纳或未采纳的写明理由。每条意见只能列在一项中。"),
    step("feedback-submit", "采纳情况提交审核", run_feedback_submit, feedback_in(Publication.DRAFT), DRAFT_ROLES),
    step("feedback-approve", "采纳情况审核发布", run_feedback_approve, feedback_in(Publication.SUBMITTED),
         APPROVE_ROLES, primary=True),
    step("feedback-return", "采纳情况退回修改", run_feedback_return, feedback_in(Publication.SUBMITTED),
         APPROVE_ROLES, form_class=NoteForm, warn=True),
]


class ConsultationView(RecordView):
    template_name = "consultation/admin/consultation.html"
    steps = STEPS
    viewset_name = VIEWSET

    def hint(self, c):
        if c.is_published and c.phase() != "closed":
            return f"征求意见截止（{c.closes_on:%Y-%m-%d}）后，可在此编写并公布意见采纳情况。"
        return ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        c = self.object
        feedback = feedback_of(c)
        context.update(
            consultation=c, articles=list(c.articles.all()), attachments=list(c.attachments.select_related("document")),
            figures=figures(c), pending=c.comments.filter(state=CommentState.PENDING).count(),
            feedback=feedback, feedback_items=list(feedback.items.prefetch_related("comments").select_related("article"))
            if feedback else [], unanswered=list(actions.unanswered(c)) if closed(c) else [],
            comments_url=reverse("consultation_comments:index") + f"?consultation={c.pk}",
            public_url=reverse("consultation-detail", args=[c.pk]) if c.is_published else "")
        return context


class ConsultationStepView(StepView):
    steps = STEPS
    viewset_name = VIEWSET


def initial_attachments(consultation):
    if consultation is None:
        return []
    return [{"document": a.document, "title": a.title} for a in consultation.attachments.all()]


class SaveConsultation:
    formset_specs = [("attachments", "附件（可选）", AttachmentFormSet, initial_attachments)]

    def save_through_action(self, form, formsets):
        return actions.save_consultation(form.instance, actor=self.request.user,
                                         draft_text=form.cleaned_data["draft_text"],
                                         attachments=attachment_rows(formsets["attachments"]))


class ConsultationCreateView(SaveConsultation, ActionCreateView):
    pass


class ConsultationEditView(SaveConsultation, ActionEditView):
    pass


class ConsultationFilterSet(WagtailFilterSet):
    agency = django_filters.ModelChoiceFilter(
        label="起草单位", empty_label="全部",
        queryset=lambda request: Agency.objects.in_scope(request.user if request else None, VIEW_ROLES)
        .filter(pk__in=Consultation.objects.values("agency_id")))
    publication = django_filters.ChoiceFilter(label="发布状态", choices=Publication.choices, empty_label="全部")

    class Meta:
        model = Consultation
        fields = ["agency", "publication", "kind"]


class PeriodColumn(Column):
    def get_value(self, c):
        text = f"{c.opens_on:%Y-%m-%d} 至 {c.closes_on:%Y-%m-%d}"
        return f"{text}（{c.phase_label()}）" if c.is_published else text


class CommentsColumn(Column):
    def get_value(self, c):
        return f"{c.received} 条（待审核 {c.pending}）" if c.pending else f"{c.received} 条"


class ConsultationIndexView(IndexView):
    default_ordering = "-opens_on"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("agency").annotate(
            received=Count("comments", distinct=True),
            pending=Count("comments", filter=Q(comments__state=CommentState.PENDING), distinct=True))


class ConsultationViewSet(ScopedModelViewSet):
    model = Consultation
    scope_roles = VIEW_ROLES
    icon = "doc-full"
    menu_label = "征求意见"
    url_prefix = "consultation/drafts"
    list_display = [
        TitleColumn("title", label="草案名称", get_url=lambda c: reverse(f"{VIEWSET}:inspect", args=[c.pk])),
        Column("agency", label="起草单位"), "publication", PeriodColumn("period", label="征求意见期"),
        CommentsColumn("comments", label="公众意见")]
    filterset_class = ConsultationFilterSet
    search_fields = ["title"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_class = ConsultationView
    index_view_class = ConsultationIndexView
    add_view_class = ConsultationCreateView
    edit_view_class = ConsultationEditView
    delete_view_class = DraftDeleteView
    copy_view_enabled = False
    edit_handler = ObjectList([
        MultiFieldPanel([FieldPanel("agency"), FieldPanel("title"), FieldPanel("kind")], heading="草案"),
        MultiFieldPanel([FieldPanel("opens_on"), FieldPanel("closes_on"), FieldPanel("short_period_reason"),
                         FieldPanel("other_channels")], heading="征求意见期"),
        FieldPanel("explanation"),
        FieldPanel("draft_text"),
    ], base_form_class=ConsultationForm)

    def get_urlpatterns(self):
        kwargs = self.get_inspect_view_kwargs()
        kwargs.pop("template_name", None)
        return [*super().get_urlpatterns(),
                path("inspect/<int:pk>/act/<slug:step>/", self.construct_view(ConsultationStepView, **kwargs),
                     name="act")]

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().none()
