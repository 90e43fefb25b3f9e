"""The yearly disclosure report: the draft (what the platform cannot know: the text parts and the Part 二
figures no module holds yet; every other figure is computed afresh from the records), the published page
in the 年报 column, and the editable deadlines."""

import calendar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from zhengwu.disclosure.models import DisclosureItemPage


class AnnualReport(models.Model):
    agency = models.ForeignKey("orgs.Agency", verbose_name="机关", on_delete=models.PROTECT,
                               related_name="annual_reports")
    year = models.PositiveSmallIntegerField("年度")
    overview = models.TextField("一、总体情况", blank=True)
    problems = models.TextField("五、存在的主要问题及改进情况", blank=True)
    other_matters = models.TextField("六、其他需要报告的事项", blank=True)
    manual_figures = models.JSONField(
        "人工填报数字", default=dict, blank=True,
        help_text="平台尚无数据来源的表二数字，如 {\"art20_5\": {\"licensing\": {\"decisions\": 120}}}。")
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="更新人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-year", "agency"]
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = "政府信息公开工作年度报告"
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="one_annual_report_per_agency_year")]

    def __str__(self):
        return f"{self.agency.name} {self.year} 年政府信息公开工作年度报告"


class AnnualReportPage(RoutablePageMixin, DisclosureItemPage):
    """A published yearly report: a catalog item (索引号, 保密审查, the same workflow as any disclosure
    item) living in the agency's 年报 column. `content` is the report as it stood when submitted for
    review (build()'s JSON with the texts), so that what was approved is what the public reads, whatever
    records change afterwards; the downloads are made from it."""

    report = models.OneToOneField(AnnualReport, verbose_name="年度报告草稿", null=True, on_delete=models.PROTECT,
                                  related_name="page", editable=False)
    year = models.PositiveSmallIntegerField("报告年度", editable=False)
    content = models.JSONField("报告内容", default=dict, editable=False)

    content_panels = [FieldPanel("title"), FieldPanel("description")]
    promote_panels = []
    parent_page_types = ["portal.ColumnPage"]
    subpage_types = []
    is_creatable = False  # made only by submitting a draft whose checks pass (publication.submit)
    template = "reports/annual_report_page.html"

    class Meta:
        verbose_name = "政府信息公开工作年度报告（发布）"
        verbose_name_plural = "政府信息公开工作年度报告（发布）"

    def get_context(self, request, *args, **kwargs):
        from zhengwu.reports.annual.document import document_parts

        context = super().get_context(request, *args, **kwargs)
        context["parts"] = document_parts(self.content)
        return context

    @path("<str:kind>/")
    def download(self, request, kind):
        from zhengwu.reports.annual.document_views import download

        return download(request, self, kind)


def _month(value):
    if not 1 <= value <= 12:
        raise ValidationError("月份应在 1 至 12 之间。")


def _day(value):
    if not 1 <= value <= 31:
        raise ValidationError("日期应在 1 至 31 之间。")


@register_setting(icon="date")
class ReportDeadlines(BaseGenericSetting):
    """When reports are due. 条例第五十条: departments publish the year's report by 31 January, governments
    by 31 March of the next year; the monthly report's day is the province's own rule (editable)."""

    department_month = models.PositiveSmallIntegerField("部门年报截止：月", default=1, validators=[_month])
    department_day = models.PositiveSmallIntegerField("部门年报截止：日", default=31, validators=[_day])
    government_month = models.PositiveSmallIntegerField("政府年报截止：月", default=3, validators=[_month])
    government_day = models.PositiveSmallIntegerField("政府年报截止：日", default=31, validators=[_day])
    monthly_day = models.PositiveSmallIntegerField("月报报送截止：次月几日", default=5, validators=[_day])
    monthly_reminder_days = models.PositiveSmallIntegerField("月报截止前几天提醒", default=3)

    panels = [
        FieldRowPanel([FieldPanel("department_month"), FieldPanel("department_day")],
                      heading="县级以上人民政府部门（条例第五十条：每年1月31日前）"),
        FieldRowPanel([FieldPanel("government_month"), FieldPanel("government_day")],
                      heading="各级人民政府（条例第五十条：每年3月31日前）"),
        FieldRowPanel([FieldPanel("monthly_day"), FieldPanel("monthly_reminder_days")], heading="月报"),
    ]

    class Meta:
        verbose_name = "报告截止日期"
        verbose_name_plural = "报告截止日期"

    def clean(self):
        for prefix, label in (("department", "部门"), ("government", "政府")):
            month, day = getattr(self, f"{prefix}_month"), getattr(self, f"{prefix}_day")
            if month and day and day > calendar.monthrange(2001, month)[1]:  # 2001: not a leap year
                raise ValidationError({f"{prefix}_day": f"{label}年报截止日期 {month} 月没有 {day} 日。"})
        if self.monthly_day and self.monthly_day > 28:
            raise ValidationError({"monthly_day": "月报截止日不能晚于 28 日（每个月都要有这一天）。"})

from zhengwu.reports.monthly.models import MonthlyFigure, MonthlyReminder, MonthlyReport, MonthlyReportEvent  # noqa: E402, F401
