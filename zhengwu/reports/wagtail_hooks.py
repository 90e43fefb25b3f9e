"""报告 → 年度报告 in the admin (/admin/reports/annual/, in Wagtail's own 报告 menu beside 公开时效): the drafts in the user's scope, opening one for an
agency and year, and the draft page (admin_views). No generic add, edit, copy or delete views: a report is
opened, not created by hand, and its figures are computed, not typed, except those SOURCES marks manual."""

from django.urls import path
from wagtail import hooks
from wagtail.admin.ui.tables import Column, UpdatedAtColumn

from zhengwu.orgs.admin_scope import ScopedModelViewSet

from .admin_views import AnnualReportIndexView, DraftView, OpenReportView
from .models import AnnualReport
from .roles import VIEW_ROLES


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
            path("<int:pk>/", DraftView.as_view(), name="edit"),
        ]


@hooks.register("register_admin_viewset")
def register_reports_viewsets():
    return AnnualReportViewSet("reports_annual")
