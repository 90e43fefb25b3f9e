"""好差评 (国办发〔2019〕51号, GB/T 39734-2020): five levels, the last two 差评; every 差评 opens a
rectification task on its own clock, and its outcome is shown to the applicant."""

from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from zhengwu.privacy.fields import EncryptedTextField


class RatingLevel(models.IntegerChoices):
    VERY_SATISFIED = 5, "非常满意"
    SATISFIED = 4, "满意"
    BASICALLY_SATISFIED = 3, "基本满意"
    DISSATISFIED = 2, "不满意"
    VERY_DISSATISFIED = 1, "非常不满意"


BAD_LEVELS = [RatingLevel.DISSATISFIED, RatingLevel.VERY_DISSATISFIED]


class RatingChannel(models.TextChoices):
    ONLINE = "online", "网上（一事一评）"
    ONSITE = "onsite", "现场（一次一评）"
    HOTLINE = "hotline", "12345 热线"
    SMS = "sms", "短信"


class Rating(models.Model):
    wagtail_reference_index_ignore = True
    case = models.OneToOneField("services.ServiceCase", verbose_name="办件", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="rating")
    matter = models.ForeignKey("services.Matter", verbose_name="事项", on_delete=models.PROTECT,
                               related_name="ratings")
    agency = models.ForeignKey("orgs.Agency", verbose_name="被评价部门", on_delete=models.PROTECT,
                               related_name="service_ratings")
    channel = models.CharField("评价渠道", max_length=10, choices=RatingChannel.choices)
    level = models.PositiveSmallIntegerField("评价等级", choices=RatingLevel.choices)
    dimensions = models.JSONField("分项评价", default=dict, blank=True,
                                  help_text="如 {\"办事效率\": 5, \"办事指南精确度\": 4}。")
    comment = EncryptedTextField("评价内容", blank=True)
    real_name = models.BooleanField("实名评价", default=True)
    rated_on = models.DateField("评价日期")
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        ordering = ["-rated_on", "-pk"]
        verbose_name = "好差评"
        verbose_name_plural = "好差评"
        indexes = [models.Index(fields=["agency", "level"]), models.Index(fields=["matter", "level"])]

    def __str__(self):
        return f"{self.matter} {self.get_level_display()}"

    @property
    def is_bad(self):
        return self.level in BAD_LEVELS


class Rectification(models.Model):
    """差评整改: verified by the handling unit, fixed or explained within its clock, followed up by call."""

    class State(models.TextChoices):
        OPEN = "open", "整改中"
        CLOSED = "closed", "已办结"

    class Outcome(models.TextChoices):
        RECTIFIED = "rectified", "已整改"
        EXPLAINED = "explained", "已解释说明"
        MISTAKEN = "mistaken", "经核实为误评"

    wagtail_reference_index_ignore = True
    rating = models.OneToOneField(Rating, verbose_name="差评", on_delete=models.PROTECT, related_name="rectification")
    agency = models.ForeignKey("orgs.Agency", verbose_name="整改部门", on_delete=models.PROTECT,
                               related_name="rectifications")
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.OPEN)
    clock = models.OneToOneField("timelimits.Clock", verbose_name="整改时限", on_delete=models.PROTECT,
                                 related_name="+")
    outcome = models.CharField("整改结果", max_length=10, choices=Outcome.choices, blank=True)
    outcome_text = models.TextField("整改情况（向评价人公开）", blank=True)
    callback_note = models.TextField("回访记录", blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="办理人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    closed_on = models.DateField("办结日期", null=True, blank=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = "差评整改"
        verbose_name_plural = "差评整改"

    def __str__(self):
        return f"差评整改 {self.rating_id}"


@register_setting(icon="comment")
class RatingPolicy(BaseGenericSetting):
    """How long a 差评 may take to fix: 国办发〔2019〕51号 leaves the number to localities (5 or 15 working days
    in practice, cn-norms §4.4), so it is set here."""

    rectification_workdays = models.PositiveSmallIntegerField("差评整改时限（工作日）", default=15)

    panels = [FieldPanel("rectification_workdays")]

    class Meta:
        verbose_name = "好差评设置"
        verbose_name_plural = "好差评设置"
