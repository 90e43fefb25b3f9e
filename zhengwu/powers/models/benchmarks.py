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
