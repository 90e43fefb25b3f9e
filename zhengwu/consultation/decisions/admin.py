"""重大行政决策目录 in the admin: catalog items with the progress of their five statutory stages, drafted and
approved like every public record here; once published, staff update only the stages (each change logged)."""

import django_filters
from django.urls import path, reverse
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView

from zhengwu.cases.record_views import RecordView, StepView, step
from zhengwu.consultation import actions
from zhengwu.consultation.actions import APPROVE_ROLES, DRAFT_ROLES, VIEW_ROLES
from zhengwu.consultation.admin_forms import (
    DecisionItemForm,
    NoteForm,
    StageFormSet,
    stage_initial,
    stage_values,
)
from zhengwu.consultation.models import DecisionItem, Publication, Stage, StageStatus
from zhengwu.orgs.admin_scope import ScopedModelViewSet
from zhengwu.orgs.models import Agency
from zhengwu.publishing.admin_views import ActionCreateView, ActionEditView, DraftDeleteView

VIEWSET = "consultation_decisions"


def run_submit(item, data, user, request):
    actions.submit_decision(item, actor=user)
    return "已提交审核。"


def run_approve(item, data, user, request):
    actions.approve_decision(item, actor=user)
    return "已审核发布，事项已列入公开的决策事项目录。"


def run_return(item, data, user, request):
    actions.return_decision(item, actor=user, note=data["note"])
    return "已退回修改。"


STEPS = [
    step("submit", "提交审核", run_submit, lambda i: i.publication == Publication.DRAFT, DRAFT_ROLES, primary=True),
    step("approve", "审核发布", run_approve, lambda i: i.publication == Publication.SUBMITTED, APPROVE_ROLES,
         primary=True),
    step("return", "退回修改", run_return, lambda i: i.publication == Publication.SUBMITTED, APPROVE_ROLES,
         form_class=NoteForm, warn=True),
]


class DecisionView(RecordView):
    template_name = "consultation/admin/decision.html"
    steps = STEPS
    viewset_name = VIEWSET

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        stages = self.object.stage_map()
        context.update(item=self.object, stages=[(stage, stages.get(stage)) for stage in Stage])
        return context


class DecisionStepView(StepView):
    steps = STEPS
    viewset_name = VIEWSET


class SaveDecision:
    formset_specs = [("stages", "程序进展", StageFormSet, stage_initial)]

    def save_through_action(self, form, formsets):
        stages = stage_values(formsets["stages"])
        item = form.instance
        if item.pk and item.is_published:
            return actions.record_progress(item, actor=self.request.user, stages=stages)
        return actions.save_decision(item, actor=self.request.user, stages=stages)

    def get_success_message(self, *args):
        if self.object.is_published:
            return "程序进展已更新，公开的目录同步显示。"
        return super().get_success_message(*args)


class DecisionCreateView(SaveDecision, ActionCreateView):
    pass


class DecisionEditView(SaveDecision, ActionEditView):
    pass


class DecisionFilterSet(WagtailFilterSet):
    year = django_filters.NumberFilter(label="目录年度")
    agency = django_filters.ModelChoiceFilter(
        label="承办单位", empty_label="全部",
        queryset=lambda request: Agency.objects.in_scope(request.user if request else None, VIEW_ROLES)
        .filter(pk__in=DecisionItem.objects.values("agency_id")))
    publication = django_filters.ChoiceFilter(label="发布状态", choices=Publication.choices, empty_label="全部")

    class Meta:
        model = DecisionItem
        fields = ["year", "agency", "publication"]


class ProgressColumn(Column):
    def get_value(self, item):
        stages = list(item.stages.all())
        done = sum(s.status == StageStatus.DONE for s in stages)
        needed = len(Stage) - sum(s.status == StageStatus.NOT_REQUIRED for s in stages)
        return f"已完成 {done} / {needed} 项程序"


class DecisionIndexView(IndexView):
    default_ordering = "-year"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("agency").prefetch_related("stages")

    def order_queryset(self, queryset):
        if self.ordering != self.default_ordering:
            return super().order_queryset(queryset)
        return queryset.order_by("-year", "agency__path", "number", "pk")  # as the public catalog reads


class DecisionViewSet(ScopedModelViewSet):
    model = DecisionItem
    scope_roles = VIEW_ROLES
    icon = "list-ol"
    menu_label = "重大行政决策目录"
    url_prefix = "consultation/decisions"
    list_display = [
        Column("year", label="年度", sort_key="year"), Column("number", label="序号"),
        TitleColumn("title", label="决策事项", get_url=lambda i: reverse(f"{VIEWSET}:inspect", args=[i.pk])),
        Column("agency", label="承办单位"), Column("planned", label="计划完成时间"), "publication",
        ProgressColumn("progress", label="程序进展")]
    filterset_class = DecisionFilterSet
    search_fields = ["title"]
    search_backend_name = None
    index_view_class = DecisionIndexView
    inspect_view_enabled = True
    inspect_view_class = DecisionView
    add_view_class = DecisionCreateView
    edit_view_class = DecisionEditView
    delete_view_class = DraftDeleteView
    copy_view_enabled = False
    edit_handler = ObjectList([
        MultiFieldPanel([FieldPanel("agency"), FieldPanel("year"), FieldPanel("number"), FieldPanel("title"),
                         FieldPanel("description")], heading="决策事项"),
        MultiFieldPanel([FieldPanel("legal_basis"), FieldPanel("planned")], heading="依据和计划"),
        MultiFieldPanel([FieldPanel("consultation"), FieldPanel("hearing")], heading="关联的征求意见和听证会"),
    ], base_form_class=DecisionItemForm)

    def get_urlpatterns(self):
        kwargs = self.get_inspect_view_kwargs()
        kwargs.pop("template_name", None)
        return [*super().get_urlpatterns(),
                path("inspect/<int:pk>/act/<slug:step>/", self.construct_view(DecisionStepView, **kwargs),
                     name="act")]

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().none()
