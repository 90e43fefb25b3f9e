"""Hearings (听证会): the notice, the public's registrations, the selection of participants, and the record
and result. The notice and the record are each published after approval; the list of selected participants
(names masked) becomes public when an approver announces it."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from zhengwu.cases.events import Event
from zhengwu.privacy import masking
from zhengwu.privacy.fields import EncryptedCharField, EncryptedTextField
from zhengwu.publishing.models import Publishable


class SelectionMethod(models.TextChoices):
    RANDOM = "random", "随机抽取"
    ORDER = "order", "按报名先后顺序"
    REPRESENTATIVE = "representative", "综合考虑代表性遴选"


class Hearing(Publishable):
    agency = models.ForeignKey("orgs.Agency", verbose_name="组织单位", on_delete=models.PROTECT,
                               related_name="hearings")
    subject = models.CharField("听证事项", max_length=200)
    description = models.TextField("听证内容", help_text="听证的决策草案或事项、主要内容和需要听取意见的问题。")
    held_at = models.DateTimeField("举行时间")
    place = models.CharField("举行地点", max_length=200)
    seats = models.PositiveSmallIntegerField("拟遴选参加人数")
    registration_closes_at = models.DateTimeField("报名截止时间")
    selection_method = models.CharField("遴选方式", max_length=16, choices=SelectionMethod.choices,
                                        default=SelectionMethod.REPRESENTATIVE)
    selection_note = models.TextField("遴选说明", blank=True, help_text="如各方代表的名额分配。")
    contact_info = models.CharField("咨询电话", max_length=100, blank=True)
    participants_announced_at = models.DateTimeField("参加人名单公布时间", null=True, blank=True)
    participants_announced_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="名单公布人", null=True,
                                                  blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "听证会"
        verbose_name_plural = "听证会"
        ordering = ["-held_at", "-pk"]

    def __str__(self):
        return self.subject

    def registration_open(self, now=None):
        return self.is_published and (now or timezone.now()) < self.registration_closes_at

    def phase(self, now=None):
        now = now or timezone.now()
        if now < self.registration_closes_at:
            return "registration"
        return "upcoming" if now < self.held_at else "held"

    def phase_label(self, now=None):
        return {"registration": "报名中", "upcoming": "报名已截止", "held": "已举行"}[self.phase(now)]


class Interest(models.TextChoices):
    AFFECTED = "affected", "利害关系人"
    PUBLIC = "public", "普通群众"
    BUSINESS = "business", "企业或行业代表"
    EXPERT = "expert", "专家学者"
    DEPUTY = "deputy", "人大代表、政协委员"
    OTHER = "other", "其他"


class Position(models.TextChoices):
    SUPPORT = "support", "支持"
    OPPOSE = "oppose", "反对"
    CONDITIONAL = "conditional", "有条件支持"
    NEUTRAL = "neutral", "其他意见"


class Selection(models.TextChoices):
    PENDING = "pending", "待遴选"
    SELECTED = "selected", "选定"
    NOT_SELECTED = "not_selected", "未选定"


class Registration(models.Model):
    hearing = models.ForeignKey(Hearing, verbose_name="听证会", on_delete=models.CASCADE,
                                related_name="registrations")
    name = EncryptedCharField("姓名", max_length=50)
    contact = EncryptedCharField("联系方式", max_length=100, help_text="手机号码或电子邮箱，用于通知遴选结果，不公开。")
    interest = models.CharField("身份", max_length=12, choices=Interest.choices)
    position = models.CharField("观点倾向", max_length=12, choices=Position.choices)
    statement = EncryptedTextField("主要观点", help_text="拟在听证会上陈述的主要观点和理由。")
    submitted_at = models.DateTimeField("报名时间", auto_now_add=True)
    selection = models.CharField("遴选结果", max_length=14, choices=Selection.choices, default=Selection.PENDING,
                                 db_index=True)
    selection_reason = models.CharField("遴选说明", max_length=200, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="遴选人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField("遴选时间", null=True, blank=True)

    class Meta:
        verbose_name = "听证报名"
        verbose_name_plural = "听证报名"
        ordering = ["submitted_at", "pk"]

    def __str__(self):
        return f"报名 {self.pk}（{self.hearing}）"

    @property
    def public_name(self):
        return masking.mask_name(self.name)

    @property
    def masked_contact(self):
        return masking.mask_email(self.contact) if "@" in (self.contact or "") else masking.mask_phone(self.contact)


class HearingReport(Publishable):
    hearing = models.OneToOneField(Hearing, verbose_name="听证会", on_delete=models.CASCADE, related_name="report")
    record = models.TextField("听证笔录摘要", help_text="到会情况、各方陈述的主要观点和质证、辩论情况。")
    result = models.TextField("听证结果", help_text="听证意见的采纳情况及理由，决策机关的处理。")
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "听证笔录和结果"
        verbose_name_plural = "听证笔录和结果"

    def __str__(self):
        return f"“{self.hearing.subject}”听证笔录和结果"


class HearingEvent(Event):
    class Kind(models.TextChoices):
        SAVED = "saved", "编辑草稿"
        SUBMITTED = "submitted", "提交审核"
        PUBLISHED = "published", "审核发布"
        RETURNED = "returned", "退回修改"
        REGISTERED = "registered", "收到报名"
        SELECTED = "selected", "遴选参加人"
        ANNOUNCED = "announced", "公布参加人名单"
        REPORT_SAVED = "report_saved", "编写听证笔录和结果"
        REPORT_SUBMITTED = "report_submitted", "笔录和结果提交审核"
        REPORT_PUBLISHED = "report_published", "笔录和结果审核发布"
        REPORT_RETURNED = "report_returned", "笔录和结果退回修改"

    subject_field = "hearing"
    hearing = models.ForeignKey(Hearing, verbose_name="听证会", on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=32, choices=Kind.choices)
    registration = models.ForeignKey(Registration, verbose_name="报名", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="events")

    class Meta(Event.Meta):
        verbose_name = "听证会记录"
        verbose_name_plural = "听证会记录"
