"""报告 → 月报 in the admin (/admin/reports/monthly/): the reports in the user's scope and those awaiting
their approval, opening a month (agency + month, created on first opening), the month's page (figures,
manual fields, 上报, 审核通过 / 退回, timeline), the records behind each computed figure, a region's
roll-up, and the XLSX downloads.

Every view asks the scope query first: a report, agency or record outside the user's scope is answered
404. No JavaScript is needed anywhere: every button is a form post answered by a redirect or, on an error,
the same page again with what was typed and the errors."""

from datetime import date
from functools import cached_property

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from zhengwu.orgs.models import Agency, scoped
from zhengwu.reports.models import ReportDeadlines
from zhengwu.reports.monthly import figures as monthly
from zhengwu.reports.monthly.actions import (
    ActionForbidden,
    ActionRefused,
    approvable_agencies,
    approve,
    may_approve,
    may_edit,
    open_report,
    return_report,
    save_manual,
    submit,
)
from zhengwu.reports.monthly.forms import (
    ListFilterForm,
    ManualFiguresForm,
    OpenMonthlyForm,
    RegionForm,
    ReturnForm,
    period_value,
)
from zhengwu.reports.monthly.models import MonthlyReport
from zhengwu.reports.monthly.xlsx import region_workbook, report_workbook, xlsx_response
from zhengwu.reports.roles import EDIT_ROLES, VIEW_ROLES

VIEWSET = "reports_monthly"
State = MonthlyReport.State


def url(name, *args) -> str:
    return reverse(f"{VIEWSET}:{name}", args=args)


def require_reader(user):
    if not Agency.objects.in_scope(user, VIEW_ROLES).exists():
        raise Http404("您没有查看月报的权限。")


def cell(value) -> dict:
    """A drill-down cell: text, a date, or (text, url)."""
    if isinstance(value, tuple):
        return {"text": value[0], "url": value[1] or ""}
    if isinstance(value, date):
        return {"text": value.isoformat(), "url": ""}
    return {"text": value, "url": ""}


def page_of(request, items, per_page):
    return Paginator(items, per_page).get_page(request.GET.get("page"))


class MonthlyPage(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": url("index"), "label": "月报"},
                *([{"url": "", "label": self.get_page_title()}] if self.page_title != "月报" else [])]


# The list ----------------------------------------------------------------------------------------

class MonthlyIndexView(MonthlyPage):
    template_name = "reports/admin/monthly_index.html"
    page_title = "月报"

    def dispatch(self, request, *args, **kwargs):
        require_reader(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        reports = scoped(MonthlyReport.objects.select_related("agency"), user, VIEW_ROLES)
        waiting = (reports.filter(state=State.SUBMITTED, agency__in=approvable_agencies(user).values("pk"))
                   .exclude(submitted_by=user).order_by("year", "month", "agency__path"))
        filters = ListFilterForm(self.request.GET or None)
        if filters.is_valid():
            if filters.cleaned_data["period"]:
                year, month = filters.cleaned_data["period"]
                reports = reports.filter(year=year, month=month)
            if filters.cleaned_data["state"]:
                reports = reports.filter(state=filters.cleaned_data["state"])
        listing = page_of(self.request, reports.order_by("-year", "-month", "agency__path"), 50)
        deadlines = ReportDeadlines.load()
        context.update(waiting=[self.row(report, deadlines) for report in waiting[:100]],
                       waiting_count=waiting.count(), listing=listing, filters=filters,
                       rows=[self.row(report, deadlines) for report in listing],
                       deadline_day=deadlines.monthly_day)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query"] = query.urlencode()
        if Agency.objects.in_scope(user, EDIT_ROLES).exists():
            context["open_form"] = OpenMonthlyForm(user=user, roles=EDIT_ROLES, auto_id="open_%s")
        context["region_form"] = RegionForm(user=user, roles=VIEW_ROLES, auto_id="region_%s")
        return context

    def row(self, report, deadlines):
        due = monthly.due_on(report.year, report.month, deadlines)
        return {"report": report, "url": url("report", report.pk), "due_on": due,
                "overdue": monthly.is_overdue(report.state, due)}


class OpenMonthlyView(MonthlyPage):
    """POST agency + month: the report's row is created on first opening, reused after."""

    template_name = "reports/admin/monthly_open.html"
    page_title = "打开月报"

    def dispatch(self, request, *args, **kwargs):
        if not Agency.objects.in_scope(request.user, EDIT_ROLES).exists():
            raise Http404("您没有填报月报的权限。")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        form = OpenMonthlyForm(user=request.user, roles=EDIT_ROLES, auto_id="open_%s")
        return self.render_to_response(self.get_context_data(open_form=form))

    def post(self, request, *args, **kwargs):
        form = OpenMonthlyForm(request.POST, user=request.user, roles=EDIT_ROLES, auto_id="open_%s")
        if form.is_valid():
            (year, month), agency = form.cleaned_data["period"], form.cleaned_data["agency"]
            try:
                report, created = open_report(agency, year, month, actor=request.user)
            except ActionRefused as refusal:
                form.add_error("period", str(refusal))
            else:
                if created:
                    messages.success(request, f"已新建{report}。")
                return redirect(url("report", report.pk))
        return self.render_to_response(self.get_context_data(open_form=form), status=400)


# One month ---------------------------------------------------------------------------------------

class MonthlyReportView(MonthlyPage):
    """One agency's month. POST `save` stores the manual figures; `submit` stores them and submits
    (everything typed is shown again if anything is refused); `approve` and `return` are the agency
    above's."""

    template_name = "reports/admin/monthly_report.html"

    @cached_property
    def report(self):
        found = (scoped(MonthlyReport.objects.select_related("agency", "submitted_by", "approved_by",
                                                             "returned_by"), self.request.user, VIEW_ROLES)
                 .filter(pk=self.kwargs["pk"]).first())
        if found is None:
            raise Http404("没有找到该月报，或它不属于您有权查看的机关。")
        return found

    def dispatch(self, request, *args, **kwargs):
        self.report  # noqa: B018 — the scope check, before anything else
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"{self.report.agency.name} {self.report.period}月报"

    @cached_property
    def editable(self):
        return self.report.state in MonthlyReport.EDITABLE_STATES and may_edit(self.request.user,
                                                                               self.report.agency_id)

    @cached_property
    def reviewable(self):
        return self.report.state == State.SUBMITTED and may_approve(self.request.user, self.report)

    def figures_form(self, data=None, require_all=False):
        return ManualFiguresForm(data, indicators=monthly.manual_indicators(), report=self.report,
                                 require_all=require_all)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        action = next((name for name in ("submit", "save", "approve", "return") if name in request.POST), None)
        if action in ("save", "submit"):
            if not may_edit(request.user, self.report.agency_id):
                return self.render_to_response(
                    self.get_context_data(refusal="您可以查看本月报，但没有填报权限。"), status=403)
            return self.fill(action)
        if action in ("approve", "return"):
            return self.review(action)
        return redirect(url("report", self.report.pk))

    def fill(self, action):
        form = self.figures_form(self.request.POST, require_all=action == "submit")
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            if action == "submit":
                submit(self.report, actor=self.request.user, figures=form.figures())
            else:
                save_manual(self.report, actor=self.request.user, figures=form.figures())
        except ActionRefused as refusal:
            return self.render_to_response(self.get_context_data(form=form, refusal=str(refusal)),
                                           status=403 if isinstance(refusal, ActionForbidden) else 400)
        messages.success(self.request, f"已上报{self.report}，等待上级机关审核。" if action == "submit"
                         else "已保存人工填报的数字。")
        return redirect(url("report", self.report.pk))

    def review(self, action):
        return_form = ReturnForm(self.request.POST) if action == "return" else None
        try:
            if action == "approve":
                approve(self.report, actor=self.request.user)
                messages.success(self.request, f"{self.report}已审核通过。")
            elif return_form.is_valid():
                return_report(self.report, actor=self.request.user, reason=return_form.cleaned_data["reason"])
                messages.success(self.request, f"{self.report}已退回，填报机关会收到退回理由。")
            else:
                return self.render_to_response(self.get_context_data(return_form=return_form), status=400)
        except ActionRefused as refusal:
            return self.render_to_response(self.get_context_data(return_form=return_form, refusal=str(refusal)),
                                           status=403 if isinstance(refusal, ActionForbidden) else 400)
        return redirect(url("report", self.report.pk))

    def get_context_data(self, form=None, return_form=None, refusal="", **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.report
        due = monthly.due_on(report.year, report.month)
        editable = self.editable
        if editable and form is None:
            form = self.figures_form()
        rows = monthly.indicator_rows(monthly.values_of(report, report.agency, report.year, report.month))
        for row in rows:
            field = form[row["key"]] if editable and row["key"] in form.fields else None
            row["field"] = field
            if field is not None:
                attrs = {"aria-describedby": f"note-{row['key']}"}
                if field.errors:
                    attrs.update({"aria-invalid": "true",
                                  "aria-describedby": f"{field.auto_id}-error note-{row['key']}"})
                row["widget"] = field.as_widget(attrs=attrs)
            if row["drillable"]:
                row["records_url"] = monthly.records_url(report.agency_id, report.year, report.month, row["key"])
        groups = []
        for row in rows:
            if not groups or groups[-1]["title"] != row["group"]:
                groups.append({"title": row["group"], "rows": []})
            groups[-1]["rows"].append(row)
        context.update(
            report=report, groups=groups, form=form, editable=editable, reviewable=self.reviewable,
            return_form=return_form or ReturnForm(auto_id="return_%s"), refusal=refusal, due_on=due,
            overdue=monthly.is_overdue(report.state, due),
            month_ended=monthly.month_has_ended(report.year, report.month),
            may_edit=may_edit(self.request.user, report.agency_id),
            events=report.events.select_related("actor"), awaiting_label=monthly.AWAITING_LABEL,
            xlsx_url=url("report_xlsx", report.pk), index_url=url("index"),
            region_url=f"{url('region')}?agency={report.agency_id}&period={period_value(report.year, report.month)}",
            parent=report.agency.get_parent())
        return context


def report_xlsx(request, pk):
    report = (scoped(MonthlyReport.objects.select_related("agency"), request.user, VIEW_ROLES)
              .filter(pk=pk).first())
    if report is None:
        raise Http404("没有找到该月报，或它不属于您有权查看的机关。")
    values = monthly.values_of(report, report.agency, report.year, report.month)
    due = monthly.due_on(report.year, report.month)
    content = report_workbook(report, monthly.indicator_rows(values), due)
    return xlsx_response(content, f"{report.agency.name}{report.year}年{report.month}月月报.xlsx")


# The records behind a figure ---------------------------------------------------------------------

class MonthlyRecordsView(MonthlyPage):
    """The records a computed figure counts, narrowed again through the scope query; no personal data."""

    template_name = "reports/admin/monthly_records.html"

    def dispatch(self, request, *args, **kwargs):
        self.agency = Agency.objects.in_scope(request.user, VIEW_ROLES).filter(pk=kwargs["agency"]).first()
        year, month, key = kwargs["year"], kwargs["month"], kwargs["key"]
        if self.agency is None or not 1 <= month <= 12 or not 2000 <= year <= 2100:
            raise Http404("没有找到该机关，或您无权查看其月报。")
        self.indicator = monthly.BY_KEY.get(key)
        self.records = monthly.records_for(key, self.agency, year, month) if self.indicator else None
        if self.records is None:
            raise Http404("该指标没有可查看的明细记录。")
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"{self.agency.name} {self.kwargs['year']}年{self.kwargs['month']}月 · {self.indicator.title}明细"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year, month = self.kwargs["year"], self.kwargs["month"]
        records = self.records
        queryset = scoped(records.queryset, self.request.user, VIEW_ROLES, records.agency_field)
        listing = page_of(self.request, queryset, 50)
        report = monthly.report_for(self.agency, year, month)
        submitted = None
        if report is not None and report.is_frozen:
            submitted = report.figures.filter(key=self.indicator.key).values_list("value", flat=True).first()
        context.update(indicator=self.indicator, headers=records.headers, notes=records.notes, listing=listing,
                       rows=[[cell(value) for value in records.row(record)] for record in listing], total=listing.paginator.count,
                       submitted=submitted, report=report, agency=self.agency, period=f"{year}年{month}月",
                       report_url=url("report", report.pk) if report else "")
        return context


# A region's month --------------------------------------------------------------------------------

class RegionView(MonthlyPage):
    template_name = "reports/admin/monthly_region.html"
    page_title = "月报地区汇总"

    def dispatch(self, request, *args, **kwargs):
        require_reader(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        form = RegionForm(request.GET or None, user=request.user, roles=VIEW_ROLES, auto_id="region_%s")
        if not request.GET:
            return self.render_to_response(self.get_context_data(form=form))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        agency, (year, month) = form.cleaned_data["agency"], form.cleaned_data["period"]
        summary = monthly.region_summary(agency, year, month)
        listing = page_of(request, summary["agencies"], 100)
        rows = monthly.region_rows(summary["agencies"].filter(pk__in=[a.pk for a in listing]), year, month)
        for row in rows:
            row["url"] = url("report", row["report_id"]) if row["report_id"] else ""
            row["cells"] = [row["values"][indicator.key] for indicator in monthly.INDICATORS]
            row["indent"] = row["depth"] - agency.depth
        query = request.GET.copy()
        query.pop("page", None)
        return self.render_to_response(self.get_context_data(
            form=form, agency=agency, year=year, month=month, summary=summary, listing=listing, rows=rows,
            indicators=monthly.INDICATORS, totals=[summary["totals"][i.key] for i in monthly.INDICATORS],
            submitted=sum(n for state, n in summary["states"].items() if state in MonthlyReport.SUBMITTED_STATES),
            states=[(label, summary["states"].get(value, 0)) for value, label in State.choices if value != "draft"],
            overdue_count=len(summary["not_submitted"]) if monthly.today() > summary["due_on"] else 0,
            query=query.urlencode(), xlsx_url=f"{url('region_xlsx')}?{query.urlencode()}"))


def region_xlsx(request):
    require_reader(request.user)
    form = RegionForm(request.GET, user=request.user, roles=VIEW_ROLES)
    if not form.is_valid():
        raise Http404("请选择您有权查看月报的机关和月份。")
    agency, (year, month) = form.cleaned_data["agency"], form.cleaned_data["period"]
    summary = monthly.region_summary(agency, year, month)
    rows = monthly.region_rows(summary["agencies"], year, month)
    content = region_workbook(agency, year, month, rows, summary)
    return xlsx_response(content, f"{agency.name}{year}年{month}月月报汇总.xlsx")


# The viewset -------------------------------------------------------------------------------------

class MonthlyMenuItem(MenuItem):
    def is_shown(self, request):
        return Agency.objects.in_scope(request.user, VIEW_ROLES).exists()


class MonthlyReportViewSet(ViewSet):
    icon = "table"
    menu_label = "月报"
    menu_hook = "register_reports_menu_item"  # Wagtail's 报告 menu, beside 年度报告
    menu_order = 11
    menu_item_class = MonthlyMenuItem
    url_prefix = "reports/monthly"

    def get_urlpatterns(self):
        return [
            path("", MonthlyIndexView.as_view(), name="index"),
            path("open/", OpenMonthlyView.as_view(), name="open"),
            path("<int:pk>/", MonthlyReportView.as_view(), name="report"),
            path("<int:pk>/xlsx/", report_xlsx, name="report_xlsx"),
            path("records/<int:agency>/<int:year>/<int:month>/<slug:key>/", MonthlyRecordsView.as_view(),
                 name="records"),
            path("region/", RegionView.as_view(), name="region"),
            path("region/xlsx/", region_xlsx, name="region_xlsx"),
        ]

