"""Service centres at every level (政务服务中心, 便民服务中心, 便民服务站) and the coverage targets they are
measured against (work plan point 三: township centres 100%, village stations 50%, editable)."""

from django.core.validators import MaxValueValidator
from django.db import models


class CentreLevel(models.TextChoices):
    GOVERNMENT = "government", "政务服务中心"
    TOWNSHIP = "township", "乡镇/街道便民服务中心"
    VILLAGE = "village", "村/社区便民服务站"


class ServiceCentre(models.Model):
    level = models.CharField("层级", max_length=12, choices=CentreLevel.choices, db_index=True)
    name = models.CharField("名称", max_length=200)
    division = models.ForeignKey("orgs.Division", verbose_name="所在行政区划", on_delete=models.PROTECT,
                                 related_name="service_centres")
    agency = models.ForeignKey("orgs.Agency", verbose_name="主管机构", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="service_centres")
    address = models.CharField("地址", max_length=300)
    hours = models.CharField("办公时间", max_length=200)
    phone = models.CharField("咨询电话", max_length=50, blank=True)
    windows = models.PositiveSmallIntegerField("窗口数", default=1)
    matters = models.ManyToManyField("services.Matter", verbose_name="可办理事项", blank=True,
                                     related_name="centres")
    opened_on = models.DateField("建成日期", null=True, blank=True)
    is_active = models.BooleanField("运行中", default=True)
    is_demo = models.BooleanField("演示数据", default=False)

    class Meta:
        ordering = ["division__code", "level"]
        verbose_name = "政务服务场所"
        verbose_name_plural = "政务服务场所"

    def __str__(self):
        return self.name


class CoverageTarget(models.Model):
    """The share of townships (villages) that must have a centre (station); editable, not a constant."""

    level = models.CharField("层级", max_length=12, choices=CentreLevel.choices, unique=True)
    percent = models.PositiveSmallIntegerField("目标覆盖率（%）", validators=[MaxValueValidator(100)])
    basis = models.CharField("依据", max_length=200, blank=True)

    class Meta:
        ordering = ["level"]
        verbose_name = "覆盖率目标"
        verbose_name_plural = "覆盖率目标"

    def __str__(self):
        return f"{self.get_level_display()} {self.percent}%"
