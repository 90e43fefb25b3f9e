"""依申请公开 in the admin: the handler's queue and request page (with its 办理 panel, admin_views), paper
registration, the complaints listing, and the fee schedule as editable data. Every listing and view goes
through the scope query; applicant data is masked; changes of state go through foi.actions only."""

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.forms import modelform_factory
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from zhengwu.cases.filters import DueFilter
from zhengwu.cases.queues import SoonestDueFirst
from zhengwu.foi.actions.common import HANDLING_ROLES, OPEN_STATES, VIEWING_ROLES
from zhengwu.foi.admin_complaints import ComplaintAnswerView, ComplaintInspectView
from zhengwu.foi.admin_forms import FeeScheduleVersionForm
from zhengwu.foi.admin_views import (
    LetterPreviewView,
    RegisterRequestView,
    RequestActionView,
    RequestInspectView,
    may_reveal,
    person,
)
from zhengwu.foi.models import Complaint, FeeScheduleVersion, InformationRequest, Reply, RequestState
from zhengwu.orgs.admin_scope import ScopedModelViewSet
from zhengwu.orgs.models import Agency
from zhengwu.privacy.access import reveal
from zhengwu.timelimits.display import time_left_badge

PERSONAL_FIELDS = ["name", "id_number", "contact_person", "phone", "email", "address"]


class TimeLeftColumn(Column):
    def __init__(self, name, case_type, **kwargs):
        super().__init__(name, **kwargs)
        self.case_type = case_type

    def get_value(self, instance):
        return time_left_badge(instance.clock, self.case_type)


class AssigneeColumn(Column):
    def get_value(self, instance):
        return person(instance.assignee) if instance.assignee_id else "未分派"


class RequestFilterSet(WagtailFilterSet):
    assignee = django_filters.ChoiceFilter(label="经办人", method="filter_assignee", empty_label="全部",
                                           choices=[("mine", "我的"), ("none", "未分派")])
    waiting = django_filters.ChoiceFilter(label="待审批", method="filter_waiting", empty_label="全部",
                                          choices=[("review", "待审签的答复"), ("extension", "待批准的延期")])
    state = django_filters.ChoiceFilter(label="状态", choices=RequestState.choices, empty_label="全部")
    due = DueFilter(case_type="foi.request", open_states=OPEN_STATES)

    class Meta:
        model = InformationRequest
        fields = ["assignee", "waiting", "state", "due", "channel", "applicant_type"]

    def filter_assignee(self, queryset, name, value):
        if value == "mine":
            return queryset.filter(assignee=self.request.user)
        if value == "none":
            return queryset.filter(assignee__isnull=True)
        return queryset

    def filter_waiting(self, queryset, name, value):
        if value == "review":
            return queryset.filter(reply__state=Reply.State.PENDING_REVIEW)
        if value == "extension":
            return queryset.filter(extensions__state="pending").distinct()
        return queryset


class RequestQueueView(SoonestDueFirst, IndexView):
    open_states = OPEN_STATES
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("agency", "clock", "assignee")

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if Agency.objects.in_scope(self.request.user, HANDLING_ROLES).exists():
            buttons.append(HeaderButton("登记申请", url=reverse("foi_requests:register"), icon_name="plus"))
        return buttons


class InformationRequestViewSet(ScopedModelViewSet):
    model = InformationRequest
    scope_roles = VIEWING_ROLES  # who works, signs off or supervises requests
    icon = "mail"
    menu_label = "申请办理"
    url_prefix = "foi/requests"
    list_display = ["number", Column("masked_name", label="申请人"), "agency", "state", "received_on",
                    AssigneeColumn("assignee", label="经办人"), TimeLeftColumn("time_left", "foi.request", label="答复期限")]
    filterset_class = RequestFilterSet
    search_fields = ["number"]
    search_backend_name = None
    index_view_class = RequestQueueView
    inspect_view_enabled = True
    inspect_view_class = RequestInspectView
    inspect_view_fields = ["number", "agency", "channel", "applicant_type", "masked_name", "id_type",
                           "masked_id_number", "masked_phone", "info_title", "info_doc_number", "description",
                           "purpose_note", "delivery_form", "delivery_way", "received_on"]
    copy_view_enabled = False
    form_fields = []  # state changes go through foi.actions, never a generic edit form

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().filter(codename="view_informationrequest")

    def get_urlpatterns(self):
        kwargs = self.get_inspect_view_kwargs()
        return [
            *super().get_urlpatterns(),
            path("register/", self.construct_view(RegisterRequestView), name="register"),
            path("inspect/<int:pk>/act/<slug:step>/", self.construct_view(RequestActionView, **kwargs), name="act"),
            path("inspect/<int:pk>/act/<slug:step>/<int:item>/", self.construct_view(RequestActionView, **kwargs),
                 name="act_item"),
            path("inspect/<int:pk>/letter-preview/", self.construct_view(LetterPreviewView, **kwargs),
                 name="letter_preview"),
        ]


class ComplaintFilterSet(WagtailFilterSet):
    due = DueFilter(case_type="foi.complaint", open_states=[Complaint.State.OPEN])

    class Meta:
        model = Complaint
        fields = ["state", "due"]


class ComplaintQueueView(SoonestDueFirst, IndexView):
    open_states = [Complaint.State.OPEN]

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("agency", "clock")


class ComplaintViewSet(ScopedModelViewSet):
    model = Complaint
    scope_roles = VIEWING_ROLES  # who works, signs off or supervises requests
    icon = "warning"
    menu_label = "投诉举报"
    url_prefix = "foi/complaints"
    list_display = ["number", Column("masked_name", label="投诉人"), Column("masked_phone", label="联系电话"),
                    "agency", "state", "received_on", TimeLeftColumn("time_left", "foi.complaint", label="答复期限")]
    filterset_class = ComplaintFilterSet
    search_fields = ["number"]
    search_backend_name = None
    index_view_class = ComplaintQueueView
    inspect_view_enabled = True
    inspect_view_class = ComplaintInspectView
    inspect_view_fields = ["number", "agency", "related_request", "masked_name", "masked_phone", "content",
                           "received_on", "state", "finding", "answer", "answered_on"]
    copy_view_enabled = False
    form_fields = []  # answered through foi.actions.answer_complaint

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().filter(codename="view_complaint")

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(),
                path("inspect/<int:pk>/answer/", self.construct_view(ComplaintAnswerView,
                                                                     **self.get_inspect_view_kwargs()),
                     name="answer")]


class FeeScheduleVersionViewSet(ModelViewSet):
    """国办函〔2020〕109号 as data: system administrators add a version when the schedule changes."""

    model = FeeScheduleVersion
    icon = "table"
    menu_label = "信息处理费标准"
    url_prefix = "foi/fee-schedules"
    list_display = ["basis", "effective_from", "updated_at"]
    form_fields = ["effective_from", "basis", "data"]
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return modelform_factory(self.model, form=FeeScheduleVersionForm, fields=self.form_fields,
                                 formfield_callback=self.formfield_for_dbfield)


class DisclosureOnRequestGroup(ViewSetGroup):
    menu_label = "依申请公开"
    menu_icon = "mail"
    menu_order = 220
    items = (InformationRequestViewSet("foi_requests"), ComplaintViewSet("foi_complaints"),
             FeeScheduleVersionViewSet("foi_fee_schedules"))


@hooks.register("register_admin_viewset")
def register_foi_viewsets():
    return DisclosureOnRequestGroup()


class RevealForm(forms.Form):
    reason = forms.CharField(label="查看原因", max_length=200, error_messages={"required": "请填写查看完整个人信息的原因。"})


@require_POST
def reveal_view(request, pk):
    """Show the applicant's personal data in full, once, after recording who looked and why."""
    request_obj = get_object_or_404(InformationRequest, pk=pk)
    if not may_reveal(request.user, request_obj):
        raise PermissionDenied("只有受理机关的依申请公开经办人和单位管理员可以查看完整的申请人信息。")
    form = RevealForm(request.POST)
    if not form.is_valid():
        return TemplateResponse(request, "foi/admin/reveal.html", {"object": request_obj, "form": form}, status=400)
    values = reveal(request.user, request_obj, PERSONAL_FIELDS, request=request, reason=form.cleaned_data["reason"])
    labels = {name: InformationRequest._meta.get_field(name).verbose_name for name in PERSONAL_FIELDS}
    return TemplateResponse(request, "foi/admin/reveal.html", {
        "object": request_obj, "values": [(labels[name], values[name]) for name in PERSONAL_FIELDS]})


@hooks.register("register_admin_urls")
def register_reveal_url():
    return [path("foi/requests/<int:pk>/reveal/", reveal_view, name="foi_reveal")]
