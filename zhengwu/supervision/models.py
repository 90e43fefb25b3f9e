"""电子监察: cards and violations over every case type's clocks, the thresholds they are issued at, the
per-agency tallies each sweep leaves for the dashboard, and efficiency complaints (效能投诉).

Cards and violations carry unique constraints, so a sweep writes them with INSERT … ON CONFLICT DO NOTHING
and two workers never issue the same card twice.
"""

from django.conf import settings
from django.db import models

from zhengwu.cases.events import CaseEvent
from zhengwu.cases.tracking import tracking_digest_field
from zhengwu.privacy import masking
from zhengwu.privacy.fields import EncryptedCharField, EncryptedTextField


class CardLevel(models.IntegerChoices):
    WARNING = 1, "预警"
    YELLOW = 2, "黄牌"
    RED = 3, "红牌"


class ThresholdRule(models.Model):
    """When cards are issued, per case type and (for service cases) matter type; defaults from cn-norms §4.3:
    预警 when 5 working days or fewer are left, 黄牌 at 2 or fewer, 红牌 once past the limit."""

    case_type = models.CharField("案件类型", max_length=40)
    matter_type = models.CharField("事项类型", max_length=2, blank=True,
                                   help_text="留空表示该案件类型的默认规则。")
    warn_days = models.PositiveSmallIntegerField("预警：剩余工作日 ≤", default=5)
    yellow_days = models.PositiveSmallIntegerField("黄牌：剩余工作日 ≤", default=2)
    red_days = models.PositiveSmallIntegerField("红牌：超期工作日 >", default=0,
                                                help_text="0 表示超过期限即亮红牌。")

    class Meta:
        ordering = ["case_type", "matter_type"]
        verbose_name = "亮牌规则"
        verbose_name_plural = "亮牌规则"
        constraints = [models.UniqueConstraint(fields=["case_type", "matter_type"], name="supervision_rule_unique")]

    def __str__(self):
        return f"{self.case_type} {self.matter_type or '默认'}"


class Card(models.Model):
    """A card on one clock of one case; a clock gets each level at most once."""

    wagtail_reference_index_ignore = True
    case_type = models.CharField("案件类型", max_length=40)
    case_id = models.BigIntegerField("案件编号")
    # No database constraint on these two: the sweep inserts cards only from a join over existing clocks
    # and agencies, neither is ever deleted (PROTECT, append-only), and a deferred constraint check per row
    # doubled the cost of a sweep issuing 100,000 cards.
    clock = models.ForeignKey("timelimits.Clock", verbose_name="时限", on_delete=models.PROTECT,
                              related_name="supervision_cards", db_constraint=False)
    agency = models.ForeignKey("orgs.Agency", verbose_name="责任单位", on_delete=models.PROTECT,
                               related_name="supervision_cards", db_constraint=False)
    level = models.PositiveSmallIntegerField("级别", choices=CardLevel.choices)
    due_on = models.DateField("到期日")
    issued_on = models.DateField("亮牌日期")
    notified_at = models.DateTimeField("通知时间", null=True, blank=True)
    # Set with notified_at by the worker that claims a card; read only within that worker's transaction, so
    # unindexed (a scan of the cards table is cheaper than an index every insert must maintain).
    notify_claim = models.UUIDField("通知批次", null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-issued_on", "-level", "-pk"]
        verbose_name = "监察亮牌"
        verbose_name_plural = "监察亮牌"
        constraints = [models.UniqueConstraint(fields=["clock", "level"], name="supervision_card_once")]
        # Only the case page's lookup is indexed: a sweep may insert 100,000 cards, every index costs each of
        # them, and the lists by agency or level, and finding the unnotified, scan a table of a few hundred
        # thousand rows in tens of milliseconds.
        indexes = [models.Index(fields=["case_type", "case_id"])]

    def __str__(self):
        return f"{self.get_level_display()} {self.case_type}#{self.case_id}"


class ViolationKind(models.TextChoices):
    OVERDUE = "overdue", "超时"
    SECOND_CORRECTION = "second_correction", "二次补正"
    REFUSAL_WITHOUT_REASON = "refusal_no_reason", "不予受理无理由"
    EXCESS_FEE = "excess_fee", "超范围收费"
    BENCHMARK_DEPARTURE = "benchmark_departure", "偏离裁量基准未说明理由"


class Violation(models.Model):
    wagtail_reference_index_ignore = True
    case_type = models.CharField("案件类型", max_length=40)
    case_id = models.BigIntegerField("案件编号")
    agency = models.ForeignKey("orgs.Agency", verbose_name="责任单位", on_delete=models.PROTECT,
                               related_name="violations", db_constraint=False)  # as Card.agency
    kind = models.CharField("违规类型", max_length=20, choices=ViolationKind.choices)
    key = models.CharField("区分键", max_length=40, blank=True, default="",
                           help_text="同一案件同类违规可多次发生时用于区分，如超时的时限编号。")
    detail = models.TextField("情况")
    found_on = models.DateField("发现日期")
    found_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        ordering = ["-found_on", "-pk"]
        verbose_name = "监察违规"
        verbose_name_plural = "监察违规"
        constraints = [models.UniqueConstraint(fields=["case_type", "case_id", "kind", "key"],
                                               name="supervision_violation_once")]
        indexes = [models.Index(fields=["agency", "found_on"]), models.Index(fields=["case_type", "case_id"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.case_type}#{self.case_id}"


class Tally(models.Model):
    """What the last sweep counted for one agency and case type: the dashboard reads these, not 1,000,000 rows."""

    agency = models.ForeignKey("orgs.Agency", verbose_name="单位", on_delete=models.CASCADE, related_name="+")
    case_type = models.CharField("案件类型", max_length=40)
    open_cases = models.PositiveIntegerField("在办", default=0)
    warnings = models.PositiveIntegerField("预警", default=0)
    yellow = models.PositiveIntegerField("黄牌", default=0)
    red = models.PositiveIntegerField("红牌", default=0)
    violations = models.PositiveIntegerField("本年违规", default=0)

    class Meta:
        verbose_name = "监察统计"
        verbose_name_plural = "监察统计"
        constraints = [models.UniqueConstraint(fields=["agency", "case_type"], name="supervision_tally_once")]

    def __str__(self):
        return f"{self.agency_id} {self.case_type}"


class Sweep(models.Model):
    started_at = models.DateTimeField("开始时间")
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    summary = models.JSONField("结果", default=dict)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = "监察扫描"
        verbose_name_plural = "监察扫描"

    def __str__(self):
        return f"监察扫描 {self.started_at:%Y-%m-%d %H:%M}"


class EfficiencyComplaint(models.Model):
    """效能投诉 against an agency or one of its cases, handled by supervisors on its own clock."""

    class State(models.TextChoices):
        OPEN = "open", "办理中"
        CLOSED = "closed", "已办结"

    class Finding(models.TextChoices):
        SUBSTANTIATED = "substantiated", "投诉成立"
        PARTLY = "partly", "部分成立"
        UNSUBSTANTIATED = "unsubstantiated", "投诉不成立"

    wagtail_reference_index_ignore = True
    number = models.CharField("投诉编号", max_length=40, unique=True)
    tracking_digest = tracking_digest_field()  # the 查询码 itself is never stored
    agency = models.ForeignKey("orgs.Agency", verbose_name="被投诉单位", on_delete=models.PROTECT,
                               related_name="efficiency_complaints")
    supervisor = models.ForeignKey("orgs.Agency", verbose_name="受理监察单位", on_delete=models.PROTECT,
                                   related_name="supervised_complaints",
                                   help_text="被投诉单位所属的人民政府；投诉人民政府的，由上一级人民政府受理。")
    case_number = models.CharField("相关办件编号", max_length=40, blank=True)
    name = EncryptedCharField("投诉人", max_length=500)
    phone = EncryptedCharField("联系电话", max_length=500)
    content = EncryptedTextField("投诉内容")
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.OPEN, db_index=True)
    received_on = models.DateField("收到日期")
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)
    clock = models.OneToOneField("timelimits.Clock", verbose_name="办理时限", on_delete=models.PROTECT,
                                 related_name="+")
    finding = models.CharField("核查结论", max_length=20, choices=Finding.choices, blank=True)
    outcome = models.TextField("处理结果（向投诉人公开）", blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="办理人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    closed_on = models.DateField("办结日期", null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = "效能投诉"
        verbose_name_plural = "效能投诉"

    def __str__(self):
        return self.number

    @property
    def masked_name(self):
        return masking.mask_name(self.name)


class ComplaintEvent(CaseEvent):
    class Kind(models.TextChoices):
        FILED = "filed", "提交投诉"
        NOTE = "note", "内部备注"
        CLOSED = "closed", "办结"

    subject_field = "complaint"
    complaint = models.ForeignKey(EfficiencyComplaint, verbose_name="投诉", on_delete=models.CASCADE,
                                  related_name="events")
    kind = models.CharField("事项", max_length=10, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="办理人", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    public = models.BooleanField("投诉人可见", default=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "效能投诉记录"
        verbose_name_plural = "效能投诉记录"

    def __str__(self):
        return f"{self.complaint_id} {self.get_kind_display()}"
