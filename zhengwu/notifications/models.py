"""One notification row per message: email, SMS or in-site. The row is the local record of what was sent."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone

from zhengwu.privacy.fields import EncryptedCharField

SECRET_MARK = "〔已隐去〕"  # what the stored subject and body show where the secret goes


class NotificationQuerySet(models.QuerySet):
    def inbox(self, user):
        """A user's in-site messages, newest first."""
        return self.filter(channel=Notification.Channel.SITE, recipient_user=user).order_by("-created_at", "-pk")

    def unread(self, user):
        return self.inbox(user).filter(read_at__isnull=True)

    def about(self, obj):
        """Every notification concerning one object (a case, a letter…)."""
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))


class Notification(models.Model):
    wagtail_reference_index_ignore = True  # a record, not content: no "usage" to index inside every write
    class Channel(models.TextChoices):
        EMAIL = "email", "电子邮件"
        SMS = "sms", "短信"
        SITE = "site", "站内消息"

    class Status(models.TextChoices):
        PENDING = "pending", "待发送"
        SENT = "sent", "已发送"
        FAILED = "failed", "发送失败"

    channel = models.CharField("渠道", max_length=10, choices=Channel.choices)
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="收件用户", null=True, blank=True, on_delete=models.CASCADE,
        related_name="notifications")
    recipient_address = EncryptedCharField("收件地址", max_length=254, blank=True,
                                           help_text="电子邮箱或手机号码（加密保存）。")
    subject = models.CharField("标题", max_length=255)
    body = models.TextField("正文", blank=True)
    template = models.CharField("消息模板", max_length=100, blank=True)
    # A secret of the message (a 查询码): the text above holds SECRET_MARK in its place, and the backend gets
    # the text with the secret put back. Kept encrypted only until the message is sent (a failed send is
    # retried), then erased; never shown in the admin.
    secret = EncryptedCharField("待发送的保密内容", max_length=64, blank=True, editable=False,
                                help_text="如查询码：加密保存至发送成功后清除，正文中以“〔已隐去〕”代替。")
    content_type = models.ForeignKey(ContentType, verbose_name="关联对象类型", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    object_id = models.CharField("关联对象编号", max_length=64, blank=True)
    about = GenericForeignKey("content_type", "object_id")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField("发送次数", default=0)
    error = models.TextField("错误信息", blank=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now, db_index=False)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    read_at = models.DateTimeField("阅读时间", null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = "通知"
        verbose_name_plural = "通知记录"
        ordering = ["-created_at", "-pk"]
        indexes = [
            # "unread in-site messages of user" (the inbox badge and dashboard panel)
            models.Index(fields=["recipient_user", "-created_at"], name="notif_site_unread_idx",
                         condition=Q(channel="site", read_at__isnull=True)),
            # the inbox itself
            models.Index(fields=["recipient_user", "channel", "-created_at"], name="notif_user_channel_idx"),
            # what the worker still has to (re)send
            models.Index(fields=["created_at"], name="notif_pending_idx", condition=Q(status__in=["pending", "failed"])),
            models.Index(fields=["content_type", "object_id"], name="notif_about_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(channel="site") | Q(recipient_user__isnull=False),
                                   name="notif_site_needs_user"),
        ]

    def __str__(self):
        return f"[{self.get_channel_display()}] {self.subject}"

    def with_secret(self, text):
        """`text` as the recipient gets it: the secret back in place of its mark (nothing of this is saved)."""
        return text.replace(SECRET_MARK, self.secret) if self.secret else text

    @property
    def is_unread(self):
        return self.channel == self.Channel.SITE and self.read_at is None
