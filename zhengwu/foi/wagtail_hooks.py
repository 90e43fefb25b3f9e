"""The handler's queue: requests of the agencies in the user's scope, soonest due first, applicant
data masked. Changes of state go through foi.actions (the admin forms for them come next)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView, InspectView

from zhengwu.orgs.admin_scope import ScopedModelViewSet
from zhengwu.orgs.models import Agency, Role
from zhengwu.privacy.access import reveal

from .models import InformationRequest

HANDLER_ROLES = [Role.FOI_HANDLER, Role.AGENCY_ADMIN, Role.SYSTEM_ADMIN, Role.INSPECTOR]
# Who may see an applicant's personal data in full: the handling agency's roles, not supervisors.
PERSONAL_DATA_ROLES = [Role.FOI_HANDLER, Role.AGENCY_ADMIN, Role.SYSTEM_ADMIN]
PERSONAL_FIELDS = ["name", "id_number", "contact_person", "phone", "email", "address"]


def time_left_badge(request):
    """Colour for time left: red overdue, orange ≤ 5 working days, green otherwise."""
    left = request.time_left()
    if left is None:
        return "—"
    if left < 0:
        return format_html('<span class="w-status w-status--label" style="background:#8a1111;color:#fff">已超期 {} 个工作日</span>', -left)
    if left <= 5:
        return format_html('<span class="w-status w-status--label" style="background:#9a5b00;color:#fff">剩 {} 个工作日</span>', left)
    return format_html('<span class="w-status w-status--label" style="background:#1d6b35;color:#fff">剩 {} 个工作日</span>', left)


class TimeLeftColumn(Column):
    def get_value(self, instance):
        return time_left_badge(instance)


class RequestQueueView(IndexView):
    default_ordering = ("clock__due_on", "pk")  # the queue: soonest due first

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("agency", "clock")


class RequestInspectView(InspectView):
    template_name = "foi/admin/inspect.html"
    extra_fields = {"submitted": "提交时间（北京时间）", "timeline": "办理记录"}
    masked_labels = {"masked_name": "姓名/名称", "masked_id_number": "证件号码（部分隐藏）",
                     "masked_phone": "联系电话（部分隐藏）"}

    def get_fields(self):
        return [*super().get_fields(), *self.extra_fields]

    def get_field_label(self, field_name, field):
        return (self.extra_fields.get(field_name) or self.masked_labels.get(field_name)
                or super().get_field_label(field_name, field))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["may_reveal"] = may_reveal(self.request.user, self.object)
        return context

    def get_submitted_display_value(self):
        return f"{timezone.localtime(self.object.submitted_at):%Y-%m-%d %H:%M}"

    def get_timeline_display_value(self):
        rows = [(f"{timezone.localtime(e.at):%Y-%m-%d %H:%M}", e.get_kind_display(), e.message, "" if e.public else "（内部）")
                for e in self.object.events.all()]
        return format_html("<table class='listing'><tbody>{}</tbody></table>", format_html_join(
            "", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", rows))


class InformationRequestViewSet(ScopedModelViewSet):
    model = InformationRequest
    scope_roles = HANDLER_ROLES
    icon = "mail"
    menu_label = "依申请公开"
    menu_order = 220
    add_to_admin_menu = True
    url_prefix = "foi/requests"
    list_display = ["number", Column("masked_name", label="申请人"), "agency", "state", "received_on",
                    TimeLeftColumn("time_left", label="答复期限")]
    list_filter = ["state", "channel", "applicant_type"]
    search_fields = ["number"]
    search_backend_name = None
    index_view_class = RequestQueueView
    inspect_view_enabled = True
    inspect_view_class = RequestInspectView
    inspect_view_fields = ["number", "agency", "channel", "applicant_type", "masked_name", "id_type",
                           "masked_id_number", "masked_phone", "info_title", "info_doc_number", "description",
                           "delivery_form", "delivery_way", "received_on", "state"]
    copy_view_enabled = False
    form_fields = []  # state changes go through foi.actions, never a generic edit form

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().filter(codename="view_informationrequest")


@hooks.register("register_admin_viewset")
def register_request_viewset():
    return InformationRequestViewSet("foi_requests")


def may_reveal(user, request_obj):
    return Agency.objects.in_scope(user, PERSONAL_DATA_ROLES).filter(pk=request_obj.agency_id).exists()


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
