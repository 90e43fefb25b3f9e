"""What ties a citizen's account to the ways they sign in without a password: the province's unified identity
(the provider's `sub`, never the e-mail, which a provider may let a person change to someone else's) and a
mobile number (encrypted, found by its blind index). Staff accounts never have one of these links honoured."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from zhengwu.privacy import hashing
from zhengwu.privacy.fields import BlindIndexField, EncryptedCharField
from zhengwu.privacy.masking import mask_phone


class CitizenProfile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name="账号", on_delete=models.CASCADE,
                                related_name="citizen_profile")
    oidc_issuer = models.CharField("统一身份认证平台", max_length=255, blank=True)
    oidc_subject = models.CharField("统一身份认证用户标识（sub）", max_length=255, null=True, blank=True)
    phone = EncryptedCharField("手机号码", max_length=20, blank=True)
    phone_index = BlindIndexField(source="phone", purpose=hashing.PHONE, unique=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "公众账号登录方式"
        verbose_name_plural = "公众账号登录方式"
        constraints = [
            models.UniqueConstraint(fields=["oidc_issuer", "oidc_subject"], condition=Q(oidc_subject__isnull=False),
                                    name="citizen_oidc_subject_unique"),
        ]

    def __str__(self):
        return f"{self.user} 的登录方式"

    @property
    def masked_phone(self):
        return mask_phone(self.phone) if self.phone else ""


class PhoneSignInCode(models.Model):
    """One six-digit code sent by SMS: only its keyed hash is kept; good for one use within its lifetime and a
    limited number of wrong tries."""

    wagtail_reference_index_ignore = True

    phone_index = models.CharField("手机号码索引", max_length=64, db_index=True)
    code_hash = models.CharField("验证码摘要", max_length=64)
    created_at = models.DateTimeField("发送时间")
    expires_at = models.DateTimeField("失效时间")
    failed_attempts = models.PositiveSmallIntegerField("错误次数", default=0)
    used_at = models.DateTimeField("使用时间", null=True, blank=True)

    class Meta:
        verbose_name = "短信登录验证码"
        verbose_name_plural = "短信登录验证码"
        default_permissions = ()

    def __str__(self):
        return f"验证码 #{self.pk}"
