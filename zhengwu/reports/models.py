"""A yearly disclosure report in the making: what the platform cannot know (the text parts and the Part 二
figures no module holds yet) is kept here; every other figure is computed afresh from the records."""

from django.conf import settings
from django.db import models


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
