"""The admin menu 权力运行: the power list (powers.view) and its XLSX upload, enforcement decisions, flowcharts,
the agency records and (system administrators) the 双公示 periods."""

from django.urls import path, reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from zhengwu.orgs import duties
from zhengwu.orgs.models import holds_any

from .admin_views import PowerChangeView, PowerImportView, PowerListView
from .decisions.admin import DecisionViewSet
from .flowcharts.admin import FlowchartViewSet
from .models import PublicityRule
from .records.admin import VIEWSETS as RECORD_VIEWSETS


@hooks.register("register_admin_urls")
def register_powers_urls():
    return [path("powers/", PowerListView.as_view(), name="powers_admin"),
            path("powers/import/", PowerImportView.as_view(), name="powers_admin_import"),
            path("powers/change/", PowerChangeView.as_view(), name="powers_admin_change")]


class PowersMenuItem(MenuItem):
    def is_shown(self, request):
        return holds_any(request.user, duties.roles("powers.view"))


class PublicityRuleViewSet(ModelViewSet):
    """Province-wide data kept by system administrators (Django model permissions, as other reference data)."""

    model = PublicityRule
    icon = "time"
    menu_label = "双公示期限"
    url_prefix = "powers/publicity"
    list_display = ["kind", "workdays"]
    form_fields = ["kind", "workdays"]
    copy_view_enabled = False


class PowersGroup(ViewSetGroup):
    menu_label = "权力运行"
    menu_icon = "list-ul"
    menu_order = 250
    items = (DecisionViewSet("powers_decisions"), FlowchartViewSet("powers_flowcharts"), *RECORD_VIEWSETS,
             PublicityRuleViewSet("powers_publicity"))

    def get_submenu_items(self):
        return [PowersMenuItem("权力清单", reverse_lazy("powers_admin"), name="powers", icon_name="list-ul", order=0),
                *super().get_submenu_items()]


@hooks.register("register_admin_viewset")
def register_powers_group():
    return PowersGroup()
