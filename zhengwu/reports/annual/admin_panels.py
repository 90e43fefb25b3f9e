"""Where the yearly report deadline reaches people in the admin: the dashboard tells an agency's report
staff that their report is due or overdue, and tells supervisors how many reports in their region are
overdue, with a link to 年报报送情况; the 报告 menu offers that page to whoever may read reports."""

from datetime import timedelta

from django.urls import reverse, reverse_lazy
from django.utils import timezone
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from zhengwu.orgs.models import Agency, Role, StaffRole
from zhengwu.reports.annual.deadlines import Status, region_status
from zhengwu.reports.roles import EDIT_ROLES, VIEW_ROLES

WARN_DAYS = 30  # the panel starts reminding this many days before the deadline


class RegionMenuItem(MenuItem):
    def is_shown(self, request):
        return Agency.objects.in_scope(request.user, VIEW_ROLES).exists()


def region_menu_item():
    return RegionMenuItem("年报报送情况", reverse_lazy("reports_annual:region"), icon_name="table", order=11)


class AnnualDeadlinePanel(Component):
    name = "reports_annual_deadline"
    template_name = "reports/admin/deadline_panel.html"
    order = 140

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        year = today.year - 1
        own = Agency.objects.filter(pk__in=StaffRole.objects.filter(user=self.user, role__in=EDIT_ROLES)
                                    .values("agency_id"))
        own_rows = [row for row in region_status(own, year, today)
                    if row.status in (Status.OVERDUE, Status.NOT_STARTED, Status.DRAFTING, Status.UNDER_REVIEW)
                    and (row.status == Status.OVERDUE or row.due_on - today <= timedelta(days=WARN_DAYS))]
        supervised = Agency.objects.in_scope(self.user, [Role.INSPECTOR])
        overdue_in_region = 0
        if supervised.exists():
            overdue_in_region = sum(1 for row in region_status(supervised, year, today)
                                    if row.status == Status.OVERDUE)
        return {"year": year, "own": own_rows, "overdue_in_region": overdue_in_region,
                "region_url": reverse("reports_annual:region")}
