"""Public consultation on a draft (征求意见): the draft split into articles, the explanation, attachments,
the period, the comments the public sends (moderated before anyone sees them) and the timeline.

《重大行政决策程序暂行条例》第十四条: 征求意见期一般不少于 30 日; a shorter period must be explained when
the draft is put out (short_period_reason)."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.documents import get_document_model_string
from wagtail.search import index

from zhengwu.cases.events import Event
from zhengwu.consultation.display import chinese_date
from zhengwu.consultation.drafts.numerals import article_label
from zhengwu.privacy import masking
from zhengwu.privacy.fields import EncryptedCharField, EncryptedTextField
from zhengwu.publishing.models import Publishable

MIN_PERIOD_DAYS = 30


class ConsultationKind(models.TextChoices):
    DECISION = "decision", "重大行政决策草案"
    NORMATIVE = "normative", "行政规范性文件草案"
    RULES = "rules", "政府规章草案"
    OTHER = "other", "其他政策文件草案"


class Consultation(index.Indexed, Publishable):
    agency = models.ForeignKey("orgs.Agency", verbose_name="起草单位", on_delete=models.PROTECT,
                               related_name="consultations")
    title = models.CharField("草案名称", max_length=200)
    kind = models.CharField("草案类别", max_length=12, choices=ConsultationKind.choices,
                            default=ConsultationKind.NORMATIVE)
    explanation = models.TextField("起草说明", help_text="起草的必要性、依据、主要内容和需要重点说明的问题。")
    opens_on = models.DateField("征求意见开始日期")
    closes_on = models.DateField("征求意见截止日期", help_text="当日 24 时截止。")
    short_period_reason = models.TextField(
        "征求意见期少于 30 日的理由", blank=True,
        help_text="《重大行政决策程序暂行条例》第十四条：征求意见期限一般不少于 30 日；缩短的须说明理由。")
    other_channels = models.TextField("其他提交意见方式", blank=True,
                                      help_text="如信函地址、电子邮箱、传真，在网页上向公众公布。")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    search_fields = [index.SearchField("title", boost=3), index.SearchField("explanation"),
                     index.FilterField("publication"), index.FilterField("agency")]

    @classmethod
    def get_indexed_objects(cls):
        from zhengwu.publishing.models import Publication

        return super().get_indexed_objects().filter(publication=Publication.PUBLISHED)  # drafts are not searched

    class Meta:
        verbose_name = "征求意见"
        verbose_name_plural = "征求意见"
        ordering = ["-opens_on", "-pk"]
        indexes = [models.Index(fields=["publication", "closes_on"])]

    def __str__(self):
        return self.title

    @property
    def period_days(self):
        return (self.closes_on - self.opens_on).days + 1

    def phase(self, today=None):
        """upcoming / open / closed, by the dates (the period ends at the end of closes_on)."""
        today = today or timezone.localdate()
        if today < self.opens_on:
            return "upcoming"
        return "open" if today <= self.closes_on else "closed"

    def phase_label(self, today=None):
        return {"upcoming": "尚未开始", "open": "正在征求意见", "closed": "已截止"}[self.phase(today)]

    def is_open(self, today=None):
        return self.is_published and self.phase(today) == "open"

    def days_left(self, today=None):
        """Calendar days after today still in the period (0 on the last day); None outside the period."""
        today = today or timezone.localdate()
        if not self.opens_on <= today <= self.closes_on:
            return None
        return (self.closes_on - today).days

    def closing_text(self, today=None):
        today = today or timezone.localdate()
        left = self.days_left(today)
        if left is None:
            if today < self.opens_on:
                return f"{chinese_date(self.opens_on)}开始征求意见"
            return f"已于{chinese_date(self.closes_on)}截止"
        return "今天截止" if left == 0 else f"还剩 {left} 天"

    @property
    def closes_at(self):
        """The moment after which no comment is taken: the end of closes_on, local time."""
        end = datetime.datetime.combine(self.closes_on + datetime.timedelta(days=1), datetime.time())
        return timezone.make_aware(end)


class Article(models.Model):
    """One article (条) of the draft; comments may point at it."""

    consultation = models.ForeignKey(Consultation, verbose_name="征求意见", on_delete=models.CASCADE,
                                     related_name="articles")
    number = models.PositiveSmallIntegerField("条序号")
    chapter = models.CharField("所在章节", max_length=100, blank=True, help_text="本条前的章节标题，如“第二章 申请与受理”。")
    text = models.TextField("条文")

    class Meta:
        verbose_name = "条文"
        verbose_name_plural = "条文"
        ordering = ["consultation", "number"]
        constraints = [models.UniqueConstraint(fields=["consultation", "number"], name="consultation_article_number")]

    def __str__(self):
        return self.label

    @property
    def label(self):
        return article_label(self.number)


class Attachment(models.Model):
    consultation = models.ForeignKey(Consultation, verbose_name="征求意见", on_delete=models.CASCADE,
                                     related_name="attachments")
    document = models.ForeignKey(get_document_model_string(), verbose_name="文件", on_delete=models.PROTECT,
                                 related_name="+")
    title = models.CharField("附件名称", max_length=200, blank=True, help_text="留空则用文件标题。")
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title or self.document.title


class CommentState(models.TextChoices):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "已公开"
    REJECTED = "rejected", "不予公开"


class Comment(models.Model):
    """An opinion sent by the public, on the whole draft or on one article. Shown to the public only once a
    moderator approves it, with the name masked (or 匿名) and phone numbers and e-mail addresses in the text
    masked. The contact is for the agency only, stored encrypted."""

    consultation = models.ForeignKey(Consultation, verbose_name="征求意见", on_delete=models.CASCADE,
                                     related_name="comments")
    article = models.ForeignKey(Article, verbose_name="针对条文", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="comments")
    name = EncryptedCharField("姓名", max_length=50)
    anonymous = models.BooleanField("不公开姓名", default=False)
    contact = EncryptedCharField("联系方式", max_length=100, help_text="手机号码或电子邮箱，仅供起草单位联系，不公开。")
    text = EncryptedTextField("意见内容")  # shown to the public only masked (display.public_text)
    state = models.CharField("审核状态", max_length=10, choices=CommentState.choices, default=CommentState.PENDING,
                             db_index=True)
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核人", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    moderated_at = models.DateTimeField("审核时间", null=True, blank=True)
    moderation_note = models.CharField("不予公开的理由", max_length=200, blank=True)

    class Meta:
        verbose_name = "公众意见"
        verbose_name_plural = "公众意见"
        ordering = ["submitted_at", "pk"]

    def __str__(self):
        return f"意见 {self.pk}（{self.consultation}）"

    @property
    def public_name(self):
        return "匿名网友" if self.anonymous else masking.mask_name(self.name)

    @property
    def masked_contact(self):
        return masking.mask_email(self.contact) if "@" in (self.contact or "") else masking.mask_phone(self.contact)

    @property
    def target_label(self):
        return self.article.label if self.article_id else "草案整体"


class ConsultationEvent(Event):
    class Kind(models.TextChoices):
        SAVED = "saved", "编辑草稿"
        SUBMITTED = "submitted", "提交审核"
        PUBLISHED = "published", "审核发布"
        RETURNED = "returned", "退回修改"
        COMMENT_RECEIVED = "comment_received", "收到意见"
        COMMENT_APPROVED = "comment_approved", "意见审核公开"
        COMMENT_REJECTED = "comment_rejected", "意见不予公开"
        FEEDBACK_SAVED = "feedback_saved", "编写采纳情况"
        FEEDBACK_SUBMITTED = "feedback_submitted", "采纳情况提交审核"
        FEEDBACK_PUBLISHED = "feedback_published", "采纳情况审核发布"
        FEEDBACK_RETURNED = "feedback_returned", "采纳情况退回修改"

    subject_field = "consultation"
    consultation = models.ForeignKey(Consultation, verbose_name="征求意见", on_delete=models.CASCADE,
                                     related_name="events")
    kind = models.CharField("事项", max_length=32, choices=Kind.choices)
    comment = models.ForeignKey(Comment, verbose_name="意见", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="events")

    class Meta(Event.Meta):
        verbose_name = "征求意见记录"
        verbose_name_plural = "征求意见记录"
