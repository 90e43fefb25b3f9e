"""在线访谈 (online interviews): an agency's officials answer the public's questions, announced beforehand, held
live on the website and kept afterwards as a transcript (文字实录).

The announcement and the transcript are published through the four-eyes rule of consultation.models.publication
(drafted by one person, approved by another). Questions from the public wait for a moderator; what viewers see
live is the `InterviewMessage` table: one row per thing said (a question put to the guests, a guest's answer, a
host's remark, a picture), its id increasing, so that every app process answers "what is new after id N" from
the database alone."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.images import get_image_model_string
from wagtail.search import index

from zhengwu.cases.events import Event
from zhengwu.privacy import masking
from zhengwu.privacy.fields import EncryptedCharField
from zhengwu.publishing.models import Publishable


class InterviewStatus(models.TextChoices):
    ANNOUNCED = "announced", "预告"
    LIVE = "live", "直播中"
    ENDED = "ended", "已结束"


class Interview(Publishable):
    agency = models.ForeignKey("orgs.Agency", verbose_name="主办单位", on_delete=models.PROTECT,
                               related_name="interviews")
    title = models.CharField("访谈主题", max_length=200)
    summary = models.TextField("内容简介", help_text="访谈的背景、主要话题和希望听取的问题。")
    host = models.CharField("主持人", max_length=50, help_text="如“省政府门户网站主持人 李文”。")
    starts_at = models.DateTimeField("计划开始时间")
    ends_at = models.DateTimeField("计划结束时间")
    status = models.CharField("访谈状态", max_length=12, choices=InterviewStatus.choices,
                              default=InterviewStatus.ANNOUNCED, db_index=True)
    went_live_at = models.DateTimeField("实际开始时间", null=True, blank=True)
    ended_at = models.DateTimeField("实际结束时间", null=True, blank=True)
    is_demo = models.BooleanField("演示数据", default=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "在线访谈"
        verbose_name_plural = "在线访谈"
        ordering = ["-starts_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def is_live(self):
        return self.status == InterviewStatus.LIVE

    @property
    def accepting_questions(self):
        return self.is_published and self.status in (InterviewStatus.ANNOUNCED, InterviewStatus.LIVE)

    @property
    def published_transcript(self):
        transcript = getattr(self, "transcript", None) if self.pk else None
        return transcript if transcript is not None and transcript.is_published else None


class Guest(models.Model):
    interview = models.ForeignKey(Interview, verbose_name="访谈", on_delete=models.CASCADE, related_name="guests")
    name = models.CharField("姓名", max_length=50)
    post = models.CharField("职务", max_length=100)
    photo = models.ForeignKey(get_image_model_string(), verbose_name="照片", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "访谈嘉宾"
        verbose_name_plural = "访谈嘉宾"
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.post} {self.name}"


class QuestionPhase(models.TextChoices):
    BEFORE = "before", "访谈前提问"
    LIVE = "live", "直播中提问"


class QuestionState(models.TextChoices):
    PENDING = "pending", "待审核"
    SELECTED = "selected", "已采用"
    REJECTED = "rejected", "不予采用"


class Question(models.Model):
    """A question from the public. Nobody but the moderators sees it until it is selected (已采用); the contact
    is encrypted and shown to nobody (staff may reveal it with a recorded reason)."""

    interview = models.ForeignKey(Interview, verbose_name="访谈", on_delete=models.CASCADE, related_name="questions")
    phase = models.CharField("提问阶段", max_length=8, choices=QuestionPhase.choices)
    nickname = models.CharField("网名", max_length=30, blank=True)
    text = models.TextField("问题")
    contact = EncryptedCharField("联系方式", max_length=100, blank=True,
                                 help_text="手机号码或电子邮箱，仅供主办单位联系核实，不公开。")
    state = models.CharField("审核状态", max_length=10, choices=QuestionState.choices,
                             default=QuestionState.PENDING, db_index=True)
    submitted_at = models.DateTimeField("提问时间", auto_now_add=True)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核人", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    moderated_at = models.DateTimeField("审核时间", null=True, blank=True)
    moderation_note = models.CharField("不予采用理由", max_length=200, blank=True)

    class Meta:
        verbose_name = "网友提问"
        verbose_name_plural = "网友提问"
        ordering = ["submitted_at", "pk"]

    def __str__(self):
        return f"提问 {self.pk}（{self.interview}）"

    @property
    def public_name(self):
        """The nickname as chosen (with any phone number or e-mail address in it masked), else 网友."""
        return masking.mask_text(self.nickname).strip() or "网友"

    @property
    def public_text(self):
        return masking.mask_text(self.text)

    @property
    def masked_contact(self):
        return masking.mask_email(self.contact) if "@" in (self.contact or "") else masking.mask_phone(self.contact)

    @property
    def put_to_guests(self):
        return self.messages.filter(kind=MessageKind.QUESTION).exists()


class MessageKind(models.TextChoices):
    QUESTION = "question", "网友提问"
    ANSWER = "answer", "嘉宾回答"
    HOST = "host", "主持人"


class InterviewMessage(models.Model):
    """One line of the live record, public from the moment the host posts it: a selected question (its text
    masked as the public wrote it), a guest's answer or a host's remark, each with an optional picture.
    Ids only grow, so `id > after` is what a viewer has not seen yet."""

    wagtail_reference_index_ignore = True

    interview = models.ForeignKey(Interview, verbose_name="访谈", on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField("类型", max_length=10, choices=MessageKind.choices)
    question = models.ForeignKey(Question, verbose_name="所答问题", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="messages")
    guest = models.ForeignKey(Guest, verbose_name="回答嘉宾", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="messages")
    text = models.TextField("内容", blank=True)
    image = models.ForeignKey(get_image_model_string(), verbose_name="图片", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    image_caption = models.CharField("图片说明", max_length=200, blank=True)
    posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="发布人", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    posted_at = models.DateTimeField("发布时间", default=timezone.now)

    class Meta:
        verbose_name = "访谈实录内容"
        verbose_name_plural = "访谈实录内容"
        ordering = ["pk"]
        indexes = [models.Index(fields=["interview", "id"], name="interview_message_after")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.pk}"

    @property
    def speaker(self):
        """Who is speaking, as the page and the API label the line."""
        if self.kind == MessageKind.QUESTION:
            name = self.question.public_name if self.question_id else "网友"
            return "网友" if name == "网友" else f"网友“{name}”"
        if self.kind == MessageKind.ANSWER and self.guest_id:
            return f"{self.guest.post} {self.guest.name}"
        host = self.interview.host
        return host if "主持人" in host else f"主持人 {host}".strip()

    @property
    def public_text(self):
        """A question is the public's text, masked; what staff post is shown as written (hotlines included)."""
        return masking.mask_text(self.text) if self.kind == MessageKind.QUESTION else self.text


class Transcript(index.Indexed, Publishable):
    """文字实录: the interview's summary over its whole live record, published after approval."""

    interview = models.OneToOneField(Interview, verbose_name="访谈", on_delete=models.CASCADE,
                                     related_name="transcript")
    summary = models.TextField("访谈综述", help_text="访谈的主要内容和回应要点，置于文字实录之前。")
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    search_fields = [index.SearchField("summary"), index.RelatedFields("interview", [index.SearchField("title")]),
                     index.FilterField("publication")]

    @classmethod
    def get_indexed_objects(cls):
        from zhengwu.publishing.models import Publication

        return super().get_indexed_objects().filter(publication=Publication.PUBLISHED)  # drafts are not searched

    class Meta:
        verbose_name = "访谈文字实录"
        verbose_name_plural = "访谈文字实录"

    def __str__(self):
        return f"“{self.interview.title}”文字实录"


class InterviewEvent(Event):
    class Kind(models.TextChoices):
        SAVED = "saved", "编辑草稿"
        SUBMITTED = "submitted", "提交审核"
        PUBLISHED = "published", "审核发布"
        RETURNED = "returned", "退回修改"
        QUESTION_RECEIVED = "question_received", "收到提问"
        QUESTION_SELECTED = "question_selected", "采用提问"
        QUESTION_REJECTED = "question_rejected", "不予采用"
        WENT_LIVE = "went_live", "开始直播"
        ENDED = "ended", "结束访谈"
        TRANSCRIPT_SAVED = "transcript_saved", "编写文字实录"
        TRANSCRIPT_SUBMITTED = "transcript_submitted", "文字实录提交审核"
        TRANSCRIPT_PUBLISHED = "transcript_published", "文字实录审核发布"
        TRANSCRIPT_RETURNED = "transcript_returned", "文字实录退回修改"

    subject_field = "interview"
    interview = models.ForeignKey(Interview, verbose_name="访谈", on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=32, choices=Kind.choices)
    question = models.ForeignKey(Question, verbose_name="提问", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="events")

    class Meta(Event.Meta):
        verbose_name = "在线访谈记录"
        verbose_name_plural = "在线访谈记录"


# What models/__init__.py re-exports (Publication stays consultation's).
__all__ = ["Guest", "Interview", "InterviewEvent", "InterviewMessage", "InterviewStatus", "MessageKind", "Question",
           "QuestionPhase", "QuestionState", "Transcript"]
