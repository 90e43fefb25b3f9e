"""The handler's queue: requests of the agencies in the user's scope, soonest due first, applicant
data masked. Changes of state go through foi.actions (the admin forms for them come next)."""

from django.utils import timezone
from django.utils.html import format_html, format_html_join
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView, InspectView

from zhengwu.orgs.admin_scope import ScopedModelViewSet
from zhengwu.orgs.models import Role

from .models import InformationRequest

HANDLER_ROLES = [Role.FOI_HANDLER, Role.AGENCY_ADMIN, Role.SYSTEM_ADMIN, Role.INSPECTOR]


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
    extra_fields = {"submitted": "提交时间（北京时间）", "timeline": "办理记录"}
    masked_labels = {"masked_name": "姓名/名称", "masked_id_number": "证件号码（部分隐藏）",
                     "masked_phone": "联系电话（部分隐藏）"}

    def get_fields(self):
        return [*super().get_fields(), *self.extra_fields]

    def get_field_label(self, field_name, field):
        return (self.extra_fields.get(field_name) or self.masked_labels.get(field_name)
                or super().get_field_label(field_name, field))

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
