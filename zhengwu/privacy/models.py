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


class RecordType(models.TextChoices):
    """The kinds of record that hold applicants' personal data, each with its own retention period."""

    FOI_REQUEST = "foi_request", "政府信息公开申请"
    LETTER = "letter", "信箱来信"
    SERVICE_CASE = "service_case", "政务服务办件"
    FOI_COMPLAINT = "foi_complaint", "政府信息公开投诉举报"
    EFFICIENCY_COMPLAINT = "efficiency_complaint", "效能投诉"
    CONSULTATION_COMMENT = "consultation_comment", "征求意见公众意见"
    HEARING_REGISTRATION = "hearing_registration", "听证报名"
    SURVEY_ANSWER = "survey_answer", "调查答卷"
    ENFORCEMENT_PARTY = "enforcement_party", "行政执法决定当事人信息"
    CITIZEN_UPLOAD = "citizen_upload", "群众上传的材料"


class RetentionRule(models.Model):
    """How long the personal data of one record type is kept after the record is closed (editable data: the
    periods follow the archives rules in force, which change). `apply_retention` erases what is older."""

    record_type = models.CharField("记录类型", max_length=32, choices=RecordType.choices, unique=True)
    years = models.PositiveSmallIntegerField("保存期限（年）", help_text="自办结（截止、公示）之日起计算。")
    basis = models.TextField("依据", blank=True, help_text="确定该期限的法规、档案保管期限表或本单位规定。")
    active = models.BooleanField("启用", default=True, help_text="停用后该类记录不再自动删除个人信息。")
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "个人信息保存期限"
        verbose_name_plural = "个人信息保存期限"
        ordering = ["record_type"]

    def __str__(self):
        return f"{self.get_record_type_display()}：{self.years} 年"


class Erasure(models.Model):
    """The marker that one record's personal data was erased (erased_at), and the event saying what went: the
    record itself keeps its state, dates and outcome, so every count stays as it was."""

    wagtail_reference_index_ignore = True

    record_type = models.CharField("记录类型", max_length=32, choices=RecordType.choices)
    content_type = models.ForeignKey(ContentType, verbose_name="记录", on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField("记录编号", max_length=64)
    content_object = GenericForeignKey("content_type", "object_id")
    label = models.CharField("记录", max_length=100, blank=True, help_text="记录的编号（删除后仍可辨认）。")
    erased_at = models.DateTimeField("删除时间", auto_now_add=True, db_index=True)
    fields = models.CharField("删除的字段", max_length=500)
    files = models.PositiveIntegerField("删除的文件数", default=0)
    rule_years = models.PositiveSmallIntegerField("适用的保存期限（年）")

    class Meta:
        verbose_name = "个人信息删除记录"
        verbose_name_plural = "个人信息删除记录"
        ordering = ["-erased_at", "-pk"]
        default_permissions = ("view",)
        constraints = [models.UniqueConstraint(fields=["record_type", "content_type", "object_id"],
                                               name="privacy_erasure_once")]

    def __str__(self):
        return f"{self.get_record_type_display()} {self.label}（{self.erased_at:%Y-%m-%d}）"
