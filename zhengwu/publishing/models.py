"""The one way a record an agency writes becomes public: 草稿 → 待审核 → 已发布, the approval given by someone who
neither wrote nor submitted it (four eyes), recorded on the record and in its timeline. A reviewer may send it
back (退回修改) with a note; it is then a draft again."""

from django.conf import settings
from django.db import models


class Publication(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待审核"
    PUBLISHED = "published", "已发布"


class Publishable(models.Model):
    publication = models.CharField("发布状态", max_length=12, choices=Publication.choices,
                                   default=Publication.DRAFT, db_index=True)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="起草人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="提交人", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField("提交审核时间", null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核发布人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    return_note = models.TextField("退回意见", blank=True)

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return self.publication == Publication.PUBLISHED

    @property
    def is_draft(self):
        return self.publication == Publication.DRAFT


