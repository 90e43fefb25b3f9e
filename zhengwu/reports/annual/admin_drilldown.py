"""The drill-down page of the yearly report in the admin (/admin/reports/annual/<pk>/records/<table>/<cell>/):
the records behind one figure of the draft, 50 to a page, for those who may read the report (VIEW_ROLES over
its agency, through the scope query; 404 for anyone else).

It shows what a figure is made of, not who asked: a request is its number, dates, applicant type and
outcome, never the applicant's name, ID or contacts. The number links to the request's admin page only
for a viewer whom the foi admin lets open it (its VIEWING_ROLES over the agency); a catalog item links to
its public page; a review or lawsuit shows the request it is about."""

from functools import cached_property

from django.core.paginator import Paginator
from django.http import Http404
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from zhengwu.disclosure.models import DisclosureItemPage
from zhengwu.foi.actions.common import VIEWING_ROLES
from zhengwu.foi.models import InformationRequest, Remedy
from zhengwu.foi.outcomes import outcome_label
from zhengwu.orgs.models import holds, scoped
from zhengwu.reports.annual.admin_views import VIEWSET, draft_url
from zhengwu.reports.annual.drilldown import counting_rule, records
from zhengwu.reports.annual.layout import cell_id
from zhengwu.reports.models import AnnualReport
from zhengwu.reports.roles import VIEW_ROLES

PER_PAGE = 50
NO_DATE = "—"
NOT_DECIDED = "未办结"


class RecordsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "reports/admin/records.html"
    header_icon = "list-ul"
    page_title = "数字对应的记录"

    @cached_property
    def report(self):
        found = scoped(AnnualReport.objects.select_related("agency"), self.request.user, VIEW_ROLES) \
            .filter(pk=self.kwargs["pk"]).first()
        if found is None:
            raise Http404("没有找到该年度报告，或它不属于您有权查看的机构。")
        return found

    @cached_property
    def found(self):
        return records(self.report.agency, self.report.year, self.kwargs["table"], self.kwargs["cell"])

    def dispatch(self, request, *args, **kwargs):
        self.found  # noqa: B018 — the scope check and the cell's existence, before anything else
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.found[0]

    def get_breadcrumbs_items(self):
        report = self.report
        return [*self.breadcrumbs_items, {"url": reverse(f"{VIEWSET}:index"), "label": "年度报告"},
                {"url": draft_url(report), "label": f"{report.agency.name} {report.year} 年度报告（草稿）"},
                {"url": "", "label": "数字对应的记录"}]

    @cached_property
    def may_open_cases(self):
        """One question for the whole page: every record listed belongs to the report's agency."""
        return holds(self.request.user, self.report.agency_id, VIEWING_ROLES)

    def case_link(self, request_id):
        return reverse("foi_requests:inspect", args=[request_id]) if self.may_open_cases else None

    # One record as the cells of its row: text, or {"text", "url"} -----------------------------------

    def request_row(self, request):
        return [{"text": request.number, "url": self.case_link(request.pk)}, request.received_on,
                request.get_applicant_type_display(),
                outcome_label(request.outcome) if request.outcome else NOT_DECIDED,
                request.decided_on or NO_DATE]

    def remedy_row(self, remedy):
        counted = Remedy.Result(remedy.counted_as).label
        result = (counted if counted == remedy.get_result_display()
                  else f"{counted}（{remedy.concluded_on:%Y-%m-%d}{remedy.get_result_display()}）")
        return [remedy.get_kind_display(), remedy.filed_on, result, remedy.concluded_on or NO_DATE,
                {"text": remedy.request.number, "url": self.case_link(remedy.request.pk)}]

    def item_row(self, item):
        return [item.index_number or NO_DATE, {"text": item.title, "url": item.get_url(self.request)},
                item.written_on or NO_DATE, item.published_on or NO_DATE, item.effective_on or NO_DATE,
                item.valid_until or NO_DATE, item.repealed_on or NO_DATE]

    KINDS = {
        InformationRequest: (["申请编号", "收到申请之日", "申请人类型", "办理结果", "答复（终止）日期"], "request_row"),
        Remedy: (["类型", "申请（起诉）日期", "结果（按12月31日的状态）", "审结日期", "所涉申请"], "remedy_row"),
        DisclosureItemPage: (["索引号", "标题", "成文日期", "发布日期", "生效日期", "失效日期", "废止日期"], "item_row"),
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report, (heading, queryset) = self.report, self.found
        table, cell = self.kwargs["table"], self.kwargs["cell"]
        page = Paginator(queryset, PER_PAGE).get_page(self.request.GET.get("p"))
        headers, row = self.KINDS[queryset.model]
        personal = queryset.model is not DisclosureItemPage
        context.update(
            report=report, heading=heading, rule=counting_rule(table, cell, report.year), page=page,
            count=page.paginator.count, headers=headers, rows=[getattr(self, row)(record) for record in page],
            draft_url=draft_url(report), back_url=f"{draft_url(report)}#{cell_id(table, cell)}",
            about_requests=personal, unlinked_cases=personal and not self.may_open_cases)
        return context
