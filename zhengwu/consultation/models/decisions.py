"""重大行政决策事项目录: each agency's yearly catalog of major administrative decisions and where each one is
in the statutory procedure (《重大行政决策程序暂行条例》: 公众参与、专家论证、风险评估、合法性审查、集体讨论决定).

An item is published through the same approval as a draft; after that, staff record the progress of its
stages (a fact, each change in the timeline) without a new approval."""

from django.db import models

from zhengwu.cases.events import Event
from zhengwu.consultation.models.consultations import Consultation
from zhengwu.consultation.models.hearings import Hearing
from zhengwu.publishing.models import Publishable


class Stage(models.TextChoices):
    PARTICIPATION = "participation", "公众参与"
    EXPERTS = "experts", "专家论证"
    RISK = "risk", "风险评估"
    LEGALITY = "legality", "合法性审查"
    COLLECTIVE = "collective", "集体讨论决定"


# 条例第二十五条、第三十条: no major decision is taken without the legality review and the collective decision.
MANDATORY_STAGES = (Stage.LEGALITY, Stage.COLLECTIVE)


class StageStatus(models.TextChoices):
    NOT_REQUIRED = "not_required", "无需开展"
    PENDING = "pending", "未完成"
    DONE = "done", "已完成"


class DecisionItem(Publishable):
    agency = models.ForeignKey("orgs.Agency", verbose_name="决策承办单位", on_delete=models.PROTECT,
                               related_name="decision_items")
    year = models.PositiveSmallIntegerField("目录年度", db_index=True)
    number = models.PositiveSmallIntegerField("序号", default=1)
    title = models.CharField("决策事项", max_length=200)
    description = models.TextField("主要内容", blank=True)
    legal_basis = models.TextField("决策依据")
    planned = models.CharField("计划完成时间", max_length=50, help_text="如“2026年6月”“2026年第三季度”。")
    consultation = models.ForeignKey(Consultation, verbose_name="关联征求意见", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="decisions")
    hearing = models.ForeignKey(Hearing, verbose_name="关联听证会", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="decisions")
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "重大行政决策事项"
        verbose_name_plural = "重大行政决策事项"
        ordering = ["-year", "agency__path", "number", "pk"]

    def __str__(self):
        return f"{self.year}年 {self.title}"

    def stage_map(self):
        return {stage.stage: stage for stage in self.stages.all()}


class DecisionStage(models.Model):
    item = models.ForeignKey(DecisionItem, verbose_name="决策事项", on_delete=models.CASCADE, related_name="stages")
    stage = models.CharField("程序", max_length=16, choices=Stage.choices)
    status = models.CharField("进展", max_length=16, choices=StageStatus.choices, default=StageStatus.PENDING)
    done_on = models.DateField("完成日期", null=True, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)

    class Meta:
        verbose_name = "决策程序进展"
        verbose_name_plural = "决策程序进展"
        ordering = ["item", "pk"]
        constraints = [models.UniqueConstraint(fields=["item", "stage"], name="decision_stage_once")]

    def __str__(self):
        return f"{self.get_stage_display()}：{self.get_status_display()}"


class DecisionEvent(Event):
    class Kind(models.TextChoices):
        SAVED = "saved", "编辑草稿"
        SUBMITTED = "submitted", "提交审核"
        PUBLISHED = "published", "审核发布"
        RETURNED = "returned", "退回修改"
        PROGRESS = "progress", "更新程序进展"

    subject_field = "item"
    item = models.ForeignKey(DecisionItem, verbose_name="决策事项", on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=32, choices=Kind.choices)

    class Meta(Event.Meta):
        verbose_name = "决策事项记录"
        verbose_name_plural = "决策事项记录"
