"""Discretion benchmarks (行政裁量权基准): the graded circumstances of a penalty power."""

from django.db import models

from .catalog import Power


class Grade(models.TextChoices):
    EXEMPT = "exempt", "不予处罚"
    MINOR = "minor", "轻微"
    ORDINARY = "ordinary", "一般"
    SERIOUS = "serious", "较重"
    GRAVE = "grave", "严重"


GRADE_ORDER = [Grade.EXEMPT, Grade.MINOR, Grade.ORDINARY, Grade.SERIOUS, Grade.GRAVE]


class Circumstance(models.Model):
    """One graded circumstance of a penalty power's discretion benchmark (行政裁量权基准): the facts that make
    it, and the lawful range for it with the benchmark clause that gives it."""

    power = models.ForeignKey(Power, verbose_name="行政权力", on_delete=models.CASCADE,
                              related_name="circumstances")
    code = models.CharField("情形编码", max_length=20)
    label = models.CharField("违法情形", max_length=200)
    grade = models.CharField("裁量阶次", max_length=10, choices=Grade.choices)
    range_text = models.CharField("处罚幅度", max_length=300)
    fine_min = models.DecimalField("罚款下限（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    fine_max = models.DecimalField("罚款上限（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    rule = models.TextField("基准条款")
    position = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        ordering = ["power", "position", "pk"]
        verbose_name = "裁量情形"
        verbose_name_plural = "裁量情形"
        constraints = [models.UniqueConstraint(fields=["power", "code"], name="powers_circumstance_code")]

    def __str__(self):
        return f"{self.code} {self.label}"


class Effect(models.TextChoices):
    EXEMPT = "exempt", "不予处罚"
    MITIGATED = "mitigated", "减轻处罚"
    LIGHTER = "lighter", "从轻处罚"
    HEAVIER = "heavier", "从重处罚"


class Adjustment(models.Model):
    """A condition of the benchmark that moves the penalty the graded circumstance gives (行政处罚法第三十二、三十三
    条 and the benchmark's own 从重 conditions): 不予处罚, 减轻 (below the range), 从轻 or 从重 (the lower or upper
    `share` of the range — the benchmark's figure, data here)."""

    power = models.ForeignKey(Power, verbose_name="行政权力", on_delete=models.CASCADE, related_name="adjustments")
    code = models.CharField("情节编码", max_length=20)
    label = models.CharField("裁量情节", max_length=200)
    effect = models.CharField("裁量效果", max_length=10, choices=Effect.choices)
    share = models.PositiveSmallIntegerField("幅度比例（%）", default=30,
                                             help_text="从轻：幅度内下限起的比例；从重：上限以下的比例。")
    rule = models.TextField("基准条款")
    position = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        ordering = ["power", "position", "pk"]
        verbose_name = "裁量情节"
        verbose_name_plural = "裁量情节"
        constraints = [models.UniqueConstraint(fields=["power", "code"], name="powers_adjustment_code")]

    def __str__(self):
        return f"{self.code} {self.label}"
