"""意见审核: the moderation queue of public comments. Pending comments first, oldest first; each comment's page
shows it (the commenter's contact masked) with 审核通过 / 不予公开, and 查看联系方式, which records who looked and
why (privacy.access.reveal). Only comments of the user's agencies are listed (scope query)."""

import django_filters
from django.db.models import Case, Value, When
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView

from zhengwu.cases.record_views import RecordView, StepView, step
from zhengwu.consultation import actions
from zhengwu.consultation.actions import DRAFT_ROLES, VIEW_ROLES
from zhengwu.consultation.admin_forms import RejectForm, RevealForm
from zhengwu.consultation.display import public_text
from zhengwu.consultation.models import Comment, CommentState, Consultation
from zhengwu.orgs.admin_scope import ScopedModelViewSet
from zhengwu.orgs.models import scoped
from zhengwu.privacy.access import reveal
from zhengwu.privacy.search import matching

VIEWSET = "consultation_comments"


def run_approve(comment, data, user, request):
    actions.approve_comment(comment, actor=user)
    return f"意见（编号 {comment.pk}）已审核通过，在草案页面公开显示。"


def run_reject(comment, data, user, request):
    actions.reject_comment(comment, actor=user, reason=data["reason"])
    return f"意见（编号 {comment.pk}）不予公开。"


def run_reveal(comment, data, user, request):
    return reveal(user, comment, ["name", "contact"], request=request, reason=data["reason"])


STEPS = [
    step("approve", "审核通过", run_approve, lambda c: c.state != CommentState.APPROVED, DRAFT_ROLES, primary=True),
    step("reject", "不予公开", run_reject, lambda c: c.state != CommentState.REJECTED, DRAFT_ROLES,
         form_class=RejectForm, warn=True),
    step("reveal", "查看联系方式", run_reveal, lambda c: True, DRAFT_ROLES, form_class=RevealForm,
         intro="意见人的姓名和联系方式只用于联系核实意见，不得另作他用。"),
]


class CommentMixin:
    steps = STEPS
    viewset_name = VIEWSET

    def agency_of(self, comment):
        return comment.consultation.agency

    def timeline(self, comment):
        return comment.events.select_related("actor").order_by("at", "pk")


class CommentView(CommentMixin, RecordView):
    template_name = "consultation/admin/comment.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        comment = self.object
        context.update(comment=comment, masked_text=public_text(comment.text),
                       consultation_url=reverse("consultation_drafts:inspect", args=[comment.consultation_id]),
                       queue_url=reverse(f"{VIEWSET}:index") + "?state=pending")
        return context


class CommentStepView(CommentMixin, StepView):
    """The reveal step answers with the values on the page itself (never in a redirect's flash message)."""

    def post(self, request, *args, **kwargs):
        if self.step.key != "reveal":
            return super().post(request, *args, **kwargs)
        form = self.make_form(request.POST)
        refused = self.refusal()
        if refused or not form.is_valid():
            if refused:
                form.add_error(None, refused)
            return self.render_to_response(self.get_context_data(form=form), status=403 if refused else 400)
        values = run_reveal(self.object, form.cleaned_data, request.user, request)
        return self.render_to_response(self.get_context_data(form=None, revealed=[
            ("姓名", values["name"]), ("联系方式", values["contact"])]))

    def get_context_data(self, revealed=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context["revealed"] = revealed
        return context


class CommentFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label="审核状态", choices=CommentState.choices, empty_label="全部")
    consultation = django_filters.ModelChoiceFilter(
        label="征求意见", empty_label="全部",
        queryset=lambda request: scoped(Consultation.objects.filter(publication="published"),
                                        request.user if request else None, VIEW_ROLES))

    class Meta:
        model = Comment
        fields = ["state", "consultation"]


class QueueView(IndexView):
    """待审核 first, the oldest first (first come, first moderated); then the rest, newest first."""

    default_ordering = "queue"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("consultation", "consultation__agency", "article")

    def search_queryset(self, queryset):
        # The text is encrypted at rest: search the (scoped) queue's decrypted text, not the column.
        return matching(queryset, ["text"], self.search_query) if self.is_searching else queryset

    def order_queryset(self, queryset):
        if self.ordering != self.default_ordering:
            return super().order_queryset(queryset)
        pending_first = Case(When(state=CommentState.PENDING, then=Value(0)), default=Value(1))
        return queryset.order_by(pending_first, Case(When(state=CommentState.PENDING, then="submitted_at")),
                                 "-submitted_at", "-pk")


class ExcerptColumn(Column):
    def get_value(self, comment):
        text = public_text(comment.text)
        return text[:60] + ("…" if len(text) > 60 else "")


class StateColumn(Column):
    def get_value(self, comment):
        if comment.state == CommentState.PENDING:
            return format_html("<strong>{}</strong>", comment.get_state_display())
        return comment.get_state_display()


class CommentViewSet(ScopedModelViewSet):
    model = Comment
    scope_roles = VIEW_ROLES
    scope_agency_field = "consultation__agency"
    icon = "comment"
    menu_label = "意见审核"
    url_prefix = "consultation/comments"
    list_display = [
        TitleColumn("pk", label="编号", accessor=lambda c: f"意见 {c.pk}",
                    get_url=lambda c: reverse(f"{VIEWSET}:inspect", args=[c.pk])),
        Column("consultation", label="征求意见"), Column("target_label", label="针对"),
        Column("public_name", label="意见人（公开显示）"), ExcerptColumn("excerpt", label="意见内容"),
        Column("submitted_at", label="提交时间"), StateColumn("state", label="审核状态")]
    filterset_class = CommentFilterSet
    search_fields = ["text"]
    search_backend_name = None
    index_view_class = QueueView
    inspect_view_enabled = True
    inspect_view_class = CommentView
    copy_view_enabled = False
    form_fields = []  # comments change only through the moderation steps

    def get_urlpatterns(self):
        kwargs = self.get_inspect_view_kwargs()
        kwargs.pop("template_name", None)
        return [*super().get_urlpatterns(),
                path("inspect/<int:pk>/act/<slug:step>/", self.construct_view(CommentStepView, **kwargs),
                     name="act")]

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().none()
