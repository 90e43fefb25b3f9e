"""权力运行流程图 in the admin: a chart's steps edited as rows (环节编号, 环节, 承办, 时限, 结果去向), saved through
actions.save_flowchart; the chart's page shows the drawing as the public will see it."""

from django import forms
from django.urls import reverse
from django.utils.safestring import mark_safe
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.admin.views.generic import InspectView
from wagtail.permissions import register_permission_policy

from zhengwu.orgs import duties
from zhengwu.orgs.admin_scope import NotFoundOutsideScope, RolePermissionPolicy, ScopedModelViewSet
from zhengwu.orgs.models import Agency
from zhengwu.publishing.admin_views import ActionCreateView, ActionEditView

from ..models import Flowchart, Power
from . import svg
from .actions import format_branches, parse_branches, save_flowchart

VIEWSET = "powers_flowcharts"
ROLES = duties.roles("powers.flowcharts")

register_permission_policy(Flowchart, RolePermissionPolicy(Flowchart, ROLES), exact_class=True)


class FlowchartForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.in_scope(self.for_user, ROLES)
        self.fields["agency"].queryset = agencies
        self.fields["power"].queryset = Power.objects.filter(agency__in=agencies)

    def save(self, commit=True):
        raise RuntimeError("流程图只能通过 actions.save_flowchart 保存")


class StepForm(forms.Form):
    key = forms.CharField(label="环节编号", max_length=10)
    name = forms.CharField(label="环节", max_length=60)
    actor = forms.CharField(label="承办人员或机构", max_length=60)
    time_limit = forms.CharField(label="时限", max_length=40, required=False)
    branches = forms.CharField(label="结果去向", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                               help_text="每行一个结果：“材料齐全 → 2”“不予受理 → 结束”；留空则进入下一环节。")

    def clean_branches(self):
        return parse_branches(self.cleaned_data.get("branches", ""))


StepFormSet = forms.formset_factory(StepForm, extra=3, can_delete=True)


def step_rows(chart):
    if chart is None or chart.pk is None:
        return []
    return [{"key": s.key, "name": s.name, "actor": s.actor, "time_limit": s.time_limit,
             "branches": format_branches(s.branches)} for s in chart.steps.all()]


class SaveChart:
    formset_specs = [("steps", "流程环节（按顺序）", StepFormSet, step_rows)]

    def save_through_action(self, form, formsets):
        chart = form.instance
        for name, value in form.cleaned_data.items():
            setattr(chart, name, value)
        steps = [{key: line.cleaned_data[key] for key in ("key", "name", "actor", "time_limit", "branches")}
                 for line in formsets["steps"] if line.cleaned_data and not line.cleaned_data.get("DELETE")]
        return save_flowchart(chart, self.request.user, steps)

    def get_success_message(self, *args):
        return f"流程图“{self.object.title}”已保存。"


class FlowchartCreateView(SaveChart, ActionCreateView):
    pass


class FlowchartEditView(SaveChart, ActionEditView):
    pass


class FlowchartView(NotFoundOutsideScope, InspectView):
    template_name = "powers/admin/flowchart.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        chart = self.object
        steps = list(chart.steps.all())
        context.update(chart=chart, steps=steps, drawing=mark_safe(svg.render(chart.title, steps)),  # noqa: S308 (escaped in svg.render)
                       public_url=_public_url(chart))
        return context


def _public_url(chart):
    if not chart.published:
        return ""
    if chart.power_id:
        return reverse("powers-detail", args=[chart.power.code]) + "#flowchart"
    return reverse("powers-internal-chart", args=[chart.pk])


class FlowchartViewSet(ScopedModelViewSet):
    model = Flowchart
    scope_roles = ROLES
    icon = "site"
    menu_label = "权力运行流程图"
    url_prefix = "powers/flowcharts"
    list_display = [TitleColumn("title", label="流程图", get_url=lambda c: reverse(f"{VIEWSET}:inspect", args=[c.pk])),
                    "agency", Column("power", label="行政权力事项"), BooleanColumn("published", label="公开"), "updated_at"]
    list_filter = ["published"]
    search_fields = ["title"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_class = FlowchartView
    add_view_class = FlowchartCreateView
    edit_view_class = FlowchartEditView
    copy_view_enabled = False
    edit_handler = ObjectList([FieldPanel("agency"), FieldPanel("power"), FieldPanel("title"), FieldPanel("published")],
                              base_form_class=FlowchartForm)

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().none()
