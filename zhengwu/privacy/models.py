from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class PersonalDataAccess(models.Model):
    """One viewing of full (unmasked) personal data, written by access.reveal(); never edited."""

    wagtail_reference_index_ignore = True  # a record, not content: no "usage" to index inside every write

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="查看人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept so the record still names the viewer after the account is deleted.
    username = models.CharField("用户名", max_length=150, blank=True)
    content_type = models.ForeignKey(ContentType, verbose_name="记录类型", on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField("记录编号", max_length=64)
    content_object = GenericForeignKey("content_type", "object_id")
    fields = models.CharField("查看的字段", max_length=255)
    reason = models.CharField("查看事由", max_length=255, blank=True)
    at = models.DateTimeField("查看时间", auto_now_add=True, db_index=True)
    ip = models.GenericIPAddressField("IP 地址", null=True, blank=True)

    class Meta:
        verbose_name = "个人信息查看记录"
        verbose_name_plural = "个人信息查看记录"
        ordering = ["-at", "-pk"]
        default_permissions = ("view",)
        indexes = [models.Index(fields=["content_type", "object_id"], name="privacy_access_object_idx")]

    def __str__(self):
        return f"{self.username or '—'} 查看 {self.content_type} #{self.object_id}（{self.fields}）"
