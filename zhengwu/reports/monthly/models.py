"""The monthly report (月报) of one agency for one month: what the agency fills in itself, where the report
stands on its way up the hierarchy, the figures as they were submitted, its timeline, and the reminders
already sent. The figures themselves are defined and computed in `monthly`; every state change is a
function in `monthly_actions`."""

from django.conf import settings
from django.db import models


class MonthlyReport(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "未上报"
        SUBMITTED = "submitted", "已上报"
        APPROVED = "approved", "已通过"
        RETURNED = "returned", "已退回"

    # What the agency above has received: the figures are frozen (`figures`) and count in the region.
    SUBMITTED_STATES = (State.SUBMITTED, State.APPROVED)
    # What the agency itself may still change (a returned report is corrected and submitted again).
    EDITABLE_STATES = (State.DRAFT, State.RETURNED)

    agency = models.ForeignKey("orgs.Agency", verbose_name="机关", on_delete=models.PROTECT,
                               related_name="monthly_reports")
    year = models.PositiveSmallIntegerField("年份")
    month = models.PositiveSmallIntegerField("月份")
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.DRAFT, db_index=True)
    manual_figures = models.JSONField(
        "人工填报数字", default=dict, blank=True,
        help_text="平台无法统计的指标，按指标键保存的非负整数，如 {\"letters_received\": 12}。")
    submitted_at = models.DateTimeField("上报时间", null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上报人", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    approved_at = models.DateTimeField("审核通过时间", null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    returned_at = models.DateTimeField("退回时间", null=True, blank=True)
    returned_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="退回人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    returned_reason = models.TextField("退回理由", blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        ordering = ["-year", "-month", "agency"]
        verbose_name = "月报"
        verbose_name_plural = "月报"
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "month"], name="one_monthly_report_per_agency_month"),
            models.CheckConstraint(condition=models.Q(month__gte=1, month__lte=12), name="monthly_report_month_1_12"),
        ]
        indexes = [models.Index(fields=["year", "month", "state"], name="monthly_report_month_state")]

    def __str__(self):
        return f"{self.agency.name} {self.year}年{self.month}月月报"

    @property
    def period(self) -> str:
        return f"{self.year}年{self.month}月"

    @property
    def is_frozen(self) -> bool:
        """Submitted or approved: the report shows the figures as submitted, not today's."""
        return self.state in self.SUBMITTED_STATES


class MonthlyFigure(models.Model):
    """One figure as it stood when the report was (last) submitted. Read only while the report is submitted
    or approved; a returned report shows today's figures until it is submitted again, which replaces
    these rows. Kept as rows, not JSON, so that a region's totals are one SUM ... GROUP BY key."""

    report = models.ForeignKey(MonthlyReport, verbose_name="月报", on_delete=models.CASCADE, related_name="figures")
    key = models.CharField("指标", max_length=40)
    value = models.PositiveBigIntegerField("数值")
    source = models.CharField("来源", max_length=10, choices=[("computed", "平台统计"), ("manual", "人工填报")])

    class Meta:
        verbose_name = "月报数字"
        verbose_name_plural = "月报数字"
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="one_monthly_figure_per_key")]

    def __str__(self):
        return f"{self.report} · {self.key} = {self.value}"


class MonthlyReportEvent(models.Model):
    """The report's timeline: written in the same transaction as the change it records."""

    class Kind(models.TextChoices):
        OPENED = "opened", "新建"
        SAVED = "saved", "保存人工填报数字"
        SUBMITTED = "submitted", "上报"
        APPROVED = "approved", "审核通过"
        RETURNED = "returned", "退回"

    report = models.ForeignKey(MonthlyReport, verbose_name="月报", on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=10, choices=Kind.choices)
    at = models.DateTimeField("时间", auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField("理由/说明", blank=True)
    data = models.JSONField("数据", default=dict, blank=True, help_text="上报时冻结的数字等。")

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "月报记录"
        verbose_name_plural = "月报记录"

    def __str__(self):
        return f"{self.report} · {self.get_kind_display()}"


class MonthlyReminder(models.Model):
    """One reminder per agency and month, ever: the unique row is the claim, so two workers running the
    reminder command at once cannot both send it (the second insert is ignored and it sends nothing)."""

    agency = models.ForeignKey("orgs.Agency", verbose_name="机关", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField("年份")
    month = models.PositiveSmallIntegerField("月份")
    sent_at = models.DateTimeField("提醒时间", auto_now_add=True)
    recipients = models.PositiveIntegerField("提醒人数", default=0)
    claim = models.CharField("批次", max_length=32, editable=False)

    class Meta:
        verbose_name = "月报提醒"
        verbose_name_plural = "月报提醒"
        constraints = [models.UniqueConstraint(fields=["agency", "year", "month"], name="one_monthly_reminder")]

    def __str__(self):
        return f"{self.agency} {self.year}年{self.month}月月报提醒"
