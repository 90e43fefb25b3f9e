"""The adoption feedback (意见采纳情况) an agency publishes after the period closes: a summary, then the
opinions received — one comment each or several alike grouped together — each adopted, partly adopted or
not adopted with the reason. Published after approval like the draft itself."""

from django.db import models

from zhengwu.consultation.models.consultations import Article, Comment, Consultation
from zhengwu.publishing.models import Publishable


class Outcome(models.TextChoices):
    ADOPTED = "adopted", "采纳"
    PARTLY = "partly", "部分采纳"
    NOT_ADOPTED = "not_adopted", "未采纳"


class Feedback(Publishable):
    consultation = models.OneToOneField(Consultation, verbose_name="征求意见", on_delete=models.CASCADE,
                                        related_name="feedback")
    summary = models.TextField("采纳情况说明", help_text="总体情况：收到意见的数量、主要意见和采纳情况。")
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "意见采纳情况"
        verbose_name_plural = "意见采纳情况"

    def __str__(self):
        return f"《{self.consultation.title}》意见采纳情况"


class FeedbackItem(models.Model):
    feedback = models.ForeignKey(Feedback, verbose_name="采纳情况", on_delete=models.CASCADE, related_name="items")
    opinion = models.TextField("意见概述")
    article = models.ForeignKey(Article, verbose_name="涉及条文", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    outcome = models.CharField("处理结果", max_length=12, choices=Outcome.choices)
    reason = models.TextField("说明", blank=True, help_text="采纳的写明如何修改；部分采纳或未采纳的须写明理由。")
    comments = models.ManyToManyField(Comment, verbose_name="对应的公众意见", blank=True, related_name="responses")
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "意见处理"
        verbose_name_plural = "意见处理"
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.get_outcome_display()}：{self.opinion[:30]}"
