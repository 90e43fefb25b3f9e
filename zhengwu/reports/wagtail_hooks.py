"""报告 → 年度报告 in the admin (/admin/reports/annual/, in Wagtail's own 报告 menu beside 公开时效): the drafts in the user's scope, opening one for an
agency and year, and the draft page (admin_views). No generic add, edit, copy or delete views: a report is
opened, not created by hand, and its figures are computed, not typed, except those SOURCES marks manual."""

from django.urls import path
from wagtail import hooks
from wagtail.admin.ui.tables import Column, UpdatedAtColumn

from zhengwu.orgs.admin_scope import ScopedModelViewSet
from zhengwu.reports.annual.admin_drilldown import RecordsView
from zhengwu.reports.annual.admin_panels import AnnualDeadlinePanel, region_menu_item
from zhengwu.reports.annual.admin_region import RegionView
from zhengwu.reports.annual.admin_views import (
    AnnualReportIndexView,
    DraftDownloadView,
    DraftView,
    OpenReportView,
)
from zhengwu.reports.models import AnnualReport
from zhengwu.reports.roles import VIEW_ROLES


def updated_by(report):
    user = report.updated_by
    return (user.get_full_name() or user.username) if user else "—"


class AnnualReportViewSet(ScopedModelViewSet):
    model = AnnualReport
    scope_roles = VIEW_ROLES
    icon = "doc-full"
    menu_label = "年度报告"
    menu_hook = "register_reports_menu_item"  # Wagtail's 报告 menu, not a second menu of the same name
    menu_order = 10
    url_prefix = "reports/annual"
    index_view_class = AnnualReportIndexView
    index_template_name = "reports/admin/index.html"
    list_display = ["__str__", "year", "agency", UpdatedAtColumn(),
                    Column("updated_by", label="更新人", accessor=lambda report: updated_by(report))]
    list_filter = ["year"]
    search_fields = ["agency__name"]
    search_backend_name = None
    copy_view_enabled = False
    form_fields = ["overview", "problems", "other_matters"]  # unused: the draft page has its own form

    def get_index_view_kwargs(self, **kwargs):
        # The list links each row to its draft page ("edit" below); opening is the form on the list.
        return super().get_index_view_kwargs(add_url_name=None, delete_url_name=None, **kwargs)

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().filter(
            codename__in=["view_annualreport", "change_annualreport", "add_annualreport"])

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("open/", OpenReportView.as_view(), name="open"),
            path("region/", RegionView.as_view(), name="region"),
            path("<int:pk>/", DraftView.as_view(), name="edit"),
            path("<int:pk>/download/<str:kind>/", DraftDownloadView.as_view(), name="download"),
            path("<int:pk>/records/<str:table>/<path:cell>/", RecordsView.as_view(), name="records"),
        ]


@hooks.register("register_admin_viewset")
def register_reports_viewsets():
    return AnnualReportViewSet("reports_annual")


@hooks.register("register_log_actions")
def register_report_log_actions(actions_registry):
    actions_registry.register_action("reports.submit", "提交发布", "年度报告已冻结为发布页面并提交保密审查")


@hooks.register("register_reports_menu_item")
def register_region_menu_item():
    return region_menu_item()


@hooks.register("construct_homepage_panels")
def add_deadline_panel(request, panels):
    panels.append(AnnualDeadlinePanel(request.user))


@hooks.register("register_admin_viewset")
def register_monthly_reports_viewset():
    from zhengwu.reports.monthly.admin import MonthlyReportViewSet  # 报告 → 月报 (/admin/reports/monthly/)

    return MonthlyReportViewSet("reports_monthly")
