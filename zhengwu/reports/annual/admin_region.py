"""报告 → 年报报送情况 (/admin/reports/annual/region/): a government's, or a supervisor's, view of a region's
yearly reports. Every agency of the chosen agency's subtree side by side — its deadline (条例第五十条), where
its report stands (overdue ones marked), its request figures — and the region's tables 三 and 四 summed.

A GET form (agency, year, overdue only), so that the page works without JavaScript and can be bookmarked.
The agencies offered and shown come from the scope query with the report roles, inspectors included."""

from django import forms
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from zhengwu.orgs.models import Agency
from zhengwu.reports.annual.admin_forms import OpenReportForm
from zhengwu.reports.annual.deadlines import Status, region_status
from zhengwu.reports.annual.form import NoForm, form_for
from zhengwu.reports.annual.layout import table_layout
from zhengwu.reports.annual.report import region
from zhengwu.reports.roles import VIEW_ROLES


class RegionForm(OpenReportForm):
    overdue_only = forms.BooleanField(label="只看逾期（逾期未发布或逾期发布）", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, roles=VIEW_ROLES, **kwargs)
        self.fields["agency"].label = "地区或机关"
        self.fields["agency"].error_messages["invalid_choice"] = "请选择您有权查看的机关。"


class RegionView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "reports/admin/region.html"
    page_title = "年报报送情况"
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": reverse("reports_annual:index"), "label": "年度报告"},
                {"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        if not Agency.objects.in_scope(request.user, VIEW_ROLES).exists():
            raise Http404("您没有查看年度报告的权限。")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = RegionForm(data=self.request.GET if "agency" in self.request.GET else None,
                          user=self.request.user, auto_id="region_%s")
        context["form"] = form
        if not form.is_bound:  # first visit: show the user's own region for last year straight away
            form = RegionForm(data=form.initial, user=self.request.user, auto_id="region_%s")
        if not form.is_valid():
            return context
        government, year = form.cleaned_data["agency"], form.cleaned_data["year"]
        try:
            summary = region(government, year)
            spec = form_for(year)
        except NoForm as missing:
            context["no_form"] = str(missing)
            return context
        flows = {row["id"]: row for row in summary["agencies"]}
        rows = region_status(government.get_tree(government), year, timezone.localdate())
        required = [row for row in rows if row.status != Status.EXEMPT]
        counts = {
            "required": len(required),
            "published": sum(1 for row in required if row.status in (Status.PUBLISHED, Status.LATE)),
            "overdue": sum(1 for row in required if row.status == Status.OVERDUE),
            "late": sum(1 for row in required if row.status == Status.LATE),
        }
        if form.cleaned_data.get("overdue_only"):
            rows = [row for row in rows if row.overdue]
        page_urls = {page.pk: page.url for page in Page.objects.filter(
            pk__in=[row.page_id for row in rows if row.page_id and row.published_on]).specific()}
        shown = [{"status": row, "flows": flows.get(row.agency_id, {}),
                  "draft_url": reverse("reports_annual:edit", args=[row.draft_id]) if row.draft_id else "",
                  "page_url": page_urls.get(row.page_id, "")} for row in rows]
        context.update(
            government=government, year=year, counts=counts, form_name=summary["form"], groups=grouped(shown),
            summary_parts=[
                {"key": "sum-s3", "title": f"{government.name}（含所属机关）{year} 年度 · 收到和处理政府信息公开申请情况（表三合计）",
                 "layout": table_layout(spec["tables"]["t3"], "t3", summary["summary"]["t3"])},
                {"key": "sum-s4", "title": f"{government.name}（含所属机关）{year} 年度 · 政府信息公开行政复议、行政诉讼情况（表四合计）",
                 "layout": table_layout(spec["tables"]["t4"], "t4", summary["summary"]["t4"])},
            ])
        return context


LEVELS = {1: "省级", 2: "市州级", 3: "县市区级", 4: "乡镇级"}


def grouped(rows):
    """The rows (in tree order) grouped by the government each agency belongs to (itself, for a government):
    one collapsed group per government, those with overdue reports first, each listing its overdue agencies
    first. A province's 260 agencies then read as some 15 lines, the late ones on top."""
    groups, by_depth = [], []
    for row in rows:
        status = row["status"]
        while by_depth and by_depth[-1]["depth"] >= status.depth:
            by_depth.pop()
        if status.kind == Agency.Kind.GOVERNMENT or not by_depth:
            group = {"name": status.name, "depth": status.depth, "level": LEVELS.get(status.depth, ""), "rows": []}
            groups.append(group)
            by_depth.append(group)
        by_depth[-1]["rows"].append(row)
    for group in groups:
        statuses = [row["status"] for row in group["rows"]]
        group["overdue"] = sum(1 for s in statuses if s.status == Status.OVERDUE)
        group["required"] = sum(1 for s in statuses if s.status != Status.EXEMPT)
        group["published"] = sum(1 for s in statuses if s.status in (Status.PUBLISHED, Status.LATE))
        group["rows"].sort(key=lambda row: not row["status"].overdue)  # stable: tree order within each part
    order = {id(group): n for n, group in enumerate(groups)}
    return sorted(groups, key=lambda group: (group["overdue"] == 0, order[id(group)]))
