"""Classification axes of the catalog, kept as editable data (seeded from shared/data by `seed.py`)."""

from django.db import models


class Taxonomy(models.Model):
    code = models.CharField("代码", max_length=40, unique=True)
    name = models.CharField("名称", max_length=100)
    sort_order = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        abstract = True
        ordering = ["sort_order", "code"]

    def __str__(self):
        return self.name


class Theme(Taxonomy):
    """主题分类: the national 22 classes and their subclasses (a two-level tree)."""

    parent = models.ForeignKey("self", verbose_name="上级主题", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")

    class Meta(Taxonomy.Meta):
        verbose_name = "主题分类"
        verbose_name_plural = "主题分类"

    def __str__(self):
        return f"{self.parent.name}\\{self.name}" if self.parent_id else self.name


class Genre(Taxonomy):
    """体裁分类: the 15 公文 types of the 2012 党政机关公文处理工作条例, plus what a province adds."""

    class Meta(Taxonomy.Meta):
        verbose_name = "体裁分类"
        verbose_name_plural = "体裁分类"


class ServiceObject(Taxonomy):
    """服务对象分类."""

    class Meta(Taxonomy.Meta):
        verbose_name = "服务对象分类"
        verbose_name_plural = "服务对象分类"


class StatutoryCategory(Taxonomy):
    """法定主动公开内容: the 15 items of Art. 20, the Art. 21 items of city and county governments, and
    the township items. `applies_to` says which governments must publish the category."""

    class Scope(models.TextChoices):
        ALL = "all", "各级行政机关（第二十条）"
        CITY_COUNTY = "city_county", "设区的市、县级人民政府（第二十一条）"
        TOWNSHIP = "township", "乡（镇）人民政府（第二十一条）"

    applies_to = models.CharField("适用范围", max_length=20, choices=Scope.choices, default=Scope.ALL)
    legal_basis = models.CharField("依据", max_length=100, blank=True)

    class Meta(Taxonomy.Meta):
        verbose_name = "法定主动公开内容类别"
        verbose_name_plural = "法定主动公开内容类别"

    @classmethod
    def for_agency(cls, agency):
        """The categories an agency's 法定主动公开内容 lists, by the kind and level of the agency."""
        from zhengwu.orgs.models import Agency, Division

        scopes = [cls.Scope.ALL]
        if agency.kind == Agency.Kind.TOWNSHIP:
            scopes.append(cls.Scope.TOWNSHIP)
        elif agency.kind == Agency.Kind.GOVERNMENT and agency.division.level in (
                Division.Level.PREFECTURE, Division.Level.COUNTY):
            scopes.append(cls.Scope.CITY_COUNTY)
        return cls.objects.filter(is_active=True, applies_to__in=scopes)
