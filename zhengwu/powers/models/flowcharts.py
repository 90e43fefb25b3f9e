"""Operating flowcharts (权力运行流程图): staff keep the steps (环节, who acts, the time limit, where each outcome
leads) and the picture is drawn from them (flowcharts/svg.py). A chart belongs to a power, or is one of an
agency's internal power-operation charts (内部权力运行流程图: 财务审批, 干部选任 …)."""

from django.db import models

from .catalog import Power

END = "结束"


class Flowchart(models.Model):
    wagtail_reference_index_ignore = True
    agency = models.ForeignKey("orgs.Agency", verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    power = models.OneToOneField(Power, verbose_name="行政权力事项", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="flowchart", help_text="留空表示本单位内部权力运行流程图。")
    title = models.CharField("流程图名称", max_length=200)
    published = models.BooleanField("公开", default=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        ordering = ["agency__path", "title"]
        verbose_name = "权力运行流程图"
        verbose_name_plural = "权力运行流程图"

    def __str__(self):
        return self.title

    @property
    def internal(self):
        return self.power_id is None


class FlowStep(models.Model):
    """One step. `branches` is [{"label": outcome, "to": the key of the next step, or "结束"}]; with none, the
    step leads to the next one in order (the last one ends the flow)."""

    flowchart = models.ForeignKey(Flowchart, verbose_name="流程图", on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField("顺序", default=0)
    key = models.CharField("环节编号", max_length=10)
    name = models.CharField("环节", max_length=60)
    actor = models.CharField("承办人员或机构", max_length=60)
    time_limit = models.CharField("时限", max_length=40, blank=True)
    branches = models.JSONField("结果去向", default=list, blank=True)

    class Meta:
        ordering = ["flowchart", "position", "pk"]
        verbose_name = "流程环节"
        verbose_name_plural = "流程环节"
        constraints = [models.UniqueConstraint(fields=["flowchart", "key"], name="powers_flowstep_key")]

    def __str__(self):
        return f"{self.key} {self.name}"
