"""办件 in the admin (menu “办件”): the case queue and case page (admin_case_views), the counter registration,
and the 差评 rectification desk (admin_rectifications). Every listing and view goes through the scope query
(ScopedModelViewSet: Agency.objects.in_scope for VIEWING_ROLES); applicants are masked; state changes go through
services.actions only.

Who sees the menu: holders of a case role (窗口工作人员, 单位管理员, 系统管理员, 监察员) anywhere; the roles grant
no model permission for cases, so the permission policy below answers “view” from the roles themselves."""

import django_filters
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from zhengwu.cases.filters import DueFilter
from zhengwu.cases.queues import SoonestDueFirst
from zhengwu.orgs.admin_scope import ScopedModelViewSet
from zhengwu.orgs.models import Agency, holds_any
from zhengwu.services.actions import CASE_TYPE, SERVICE_ROLES, VIEWING_ROLES
from zhengwu.services.cases.admin_rectifications import RectificationViewSet, nowrap
from zhengwu.services.cases.admin_views import (
    CaseActionView,
    CaseInspectView,
    CaseRevealView,
    RegisterCaseView,
    clock_badge,
    next_due,
    step_name,
)
from zhengwu.services.models import (
    OPEN_CASE_STATES,
    CaseChannel,
    CaseState,
    MatterType,
    Rectification,
    ServiceCase,
)
from zhengwu.timelimits.engine import ClockState


class CaseRolePermissionPolicy(ModelPermissionPolicy):
    """Read-only: “view” for holders of a case role anywhere (the scope query then narrows every list and
    page); nobody adds, edits or deletes cases or rectifications by hand."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action) or (action == "view" and holds_any(user, VIEWING_ROLES))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


# Registered before any viewset asks the registry, or Wagtail creates the default policy.
register_permission_policy(ServiceCase, CaseRolePermissionPolicy(ServiceCase), exact_class=True)
register_permission_policy(Rectification, CaseRolePermissionPolicy(Rectification), exact_class=True)


# -- the queue ------------------------------------------------------------------------------------------------

class CaseFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label="状态", choices=CaseState.choices, empty_label="全部")
    matter_type = django_filters.ChoiceFilter(label="事项类型", field_name="matter__matter_type",
                                              choices=MatterType.choices, empty_label="全部")
    agency = django_filters.ModelChoiceFilter(label="办理部门", empty_label="全部",
                                              queryset=lambda request: Agency.objects.in_scope(
                                                  request.user if request else None, VIEWING_ROLES)
                                              .filter(pk__in=ServiceCase.objects.values("agency_id")))
    channel = django_filters.ChoiceFilter(label="申请渠道", choices=CaseChannel.choices, empty_label="全部")
    due = DueFilter(case_type=CASE_TYPE, open_states=OPEN_CASE_STATES, due_field="next_due")
    assignee = django_filters.ChoiceFilter(label="经办人", method="filter_assignee", empty_label="全部",
                                           choices=[("mine", "我的"), ("none", "未分派")])

    class Meta:
        model = ServiceCase
        fields = ["state", "matter_type", "agency", "channel", "due", "assignee"]

    def filter_assignee(self, queryset, name, value):
        if value == "mine":
            return queryset.filter(assignee=self.request.user)
        if value == "none":
            return queryset.filter(assignee__isnull=True)
        return queryset


class ClockColumn(Column):
    """One clock of the case: due date and working days left (or why there is none)."""

    def __init__(self, name, attribute, **kwargs):
        super().__init__(name, **kwargs)
        self.attribute = attribute

    def get_value(self, instance):
        clock = getattr(instance, self.attribute)
        if clock is None:
            return "—"
        label = f"{step_name(clock)} " if self.attribute == "step_clock" else ""
        if clock.state == ClockState.PAUSED:
            return f"{label}{clock.status_text()}"
        if clock.state == ClockState.STOPPED:
            return f"{label}已结束" if label else f"已结束（用时 {clock.days_used} 个工作日）"
        return format_html("{}{} {}", label, nowrap(f"{clock.due_on:%Y-%m-%d}"), clock_badge(clock))


class CaseQueueView(SoonestDueFirst, IndexView):
    """Open cases first, the nearest of their due dates first; then finished cases, newest first."""

    default_ordering = "next_due"
    open_states = OPEN_CASE_STATES

    def get_base_queryset(self):
        return (super().get_base_queryset().select_related("matter", "agency", "clock", "step_clock")
                .annotate(next_due=next_due()))

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if Agency.objects.in_scope(self.request.user, SERVICE_ROLES).exists():
            buttons.append(HeaderButton("登记窗口申请", url=reverse("services_cases:register"), icon_name="plus"))
        return buttons


class ServiceCaseViewSet(ScopedModelViewSet):
    model = ServiceCase
    scope_roles = VIEWING_ROLES  # who works cases, and who supervises them
    icon = "tasks"
    menu_label = "办件"
    url_prefix = "services/cases"
    list_display = [
        TitleColumn("number", label="办件编号", sort_key="number", accessor=lambda c: nowrap(c.number),
                    get_url=lambda c: reverse("services_cases:inspect", args=[c.pk])),
        Column("matter", label="事项"), Column("agency", label="办理部门"), "state",
        Column("masked_name", label="申请人"),
        Column("received_on", label="收件日期", sort_key="received_on", accessor=lambda c: nowrap(f"{c.received_on:%Y-%m-%d}")),
        ClockColumn("step", "step_clock", label="环节时限"), ClockColumn("whole", "clock", label="办结时限")]
    filterset_class = CaseFilterSet
    search_fields = ["number"]
    search_backend_name = None
    index_view_class = CaseQueueView
    inspect_view_enabled = True
    inspect_view_class = CaseInspectView
    inspect_view_fields = ["applicant_kind", "masked_name", "masked_id", "masked_phone", "submitted", "received_on",
                           "accepted_on", "decided_on", "completed_on"]
    copy_view_enabled = False
    form_fields = []  # state changes go through services.actions, never a generic edit form

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().filter(codename="view_servicecase")

    def get_urlpatterns(self):
        kwargs = self.get_inspect_view_kwargs()
        kwargs.pop("template_name", None)  # each view below has its own template
        return [
            *super().get_urlpatterns(),
            path("register/", RegisterCaseView.as_view(), name="register"),
            path("inspect/<int:pk>/act/<slug:step>/", self.construct_view(CaseActionView, **kwargs), name="act"),
            path("inspect/<int:pk>/reveal/", self.construct_view(CaseRevealView, **kwargs), name="reveal"),
        ]


class ServiceCasesGroup(ViewSetGroup):
    menu_label = "办件"
    menu_icon = "tasks"
    menu_order = 410
    items = (ServiceCaseViewSet("services_cases"), RectificationViewSet("services_rectifications"))


@hooks.register("register_admin_viewset")
def register_case_viewsets():
    return ServiceCasesGroup()

