"""征集调查 (online surveys): an agency asks the public a few questions — single choice (单选), multiple choice (多选,
optionally at least / at most so many) and open questions (问答) — over a period, one response per mobile number,
and publishes the figures.

Four eyes as everything public here: drafted by one person, approved by another (publication.Publishable).
Only a draft is edited, and a draft never has responses (publication cannot be undone), so the questions a
respondent answered are the questions the results count. The figures of the choice questions become public
when the survey closes (or while it is open, when the approved survey says so: show_results_while_open);
open answers are shown only one by one after a moderator approves them, masked.

The respondent's mobile number is stored encrypted, with a blind index, and the database refuses a second
response with the same index for the same survey (so two simultaneous submissions cannot both land)."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from zhengwu.cases.events import Event
from zhengwu.consultation.display import chinese_date
from zhengwu.consultation.models.consultations import CommentState
from zhengwu.privacy import hashing, masking
from zhengwu.privacy.fields import BlindIndexField, EncryptedCharField, EncryptedTextField
from zhengwu.publishing.models import Publishable

MAX_TEXT_ANSWER_LENGTH = 1000


class Survey(Publishable):
    agency = models.ForeignKey("orgs.Agency", verbose_name="发布单位", on_delete=models.PROTECT, related_name="surveys")
    title = models.CharField("调查名称", max_length=200)
    intro = models.TextField("调查说明", help_text="调查的目的、对象和结果的用途，显示在问卷上方。")
    opens_on = models.DateField("开始日期")
    closes_on = models.DateField("截止日期", help_text="当日 24 时截止。")
    show_results_while_open = models.BooleanField(
        "调查期间公开统计结果", default=False,
        help_text="不勾选则截止后公开各选择题的统计结果；问答题的回答须逐条审核后才公开。")
    is_demo = models.BooleanField("演示数据", default=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "征集调查"
        verbose_name_plural = "征集调查"
        ordering = ["-opens_on", "-pk"]
        indexes = [models.Index(fields=["publication", "closes_on"])]

    def __str__(self):
        return self.title

    def phase(self, today=None):
        """upcoming / open / closed, by the dates (the period ends at the end of closes_on)."""
        today = today or timezone.localdate()
        if today < self.opens_on:
            return "upcoming"
        return "open" if today <= self.closes_on else "closed"

    def phase_label(self, today=None):
        return {"upcoming": "尚未开始", "open": "正在调查", "closed": "已结束"}[self.phase(today)]

    def is_open(self, today=None):
        return self.is_published and self.phase(today) == "open"

    def results_visible(self, today=None):
        """Whether the public sees the figures: after the close, or during the period when the survey says so."""
        if not self.is_published:
            return False
        phase = self.phase(today)
        return phase == "closed" or (phase == "open" and self.show_results_while_open)

    def days_left(self, today=None):
        today = today or timezone.localdate()
        if not self.opens_on <= today <= self.closes_on:
            return None
        return (self.closes_on - today).days

    def closing_text(self, today=None):
        today = today or timezone.localdate()
        left = self.days_left(today)
        if left is None:
            if today < self.opens_on:
                return f"{chinese_date(self.opens_on)}开始"
            return f"已于{chinese_date(self.closes_on)}结束"
        return "今天截止" if left == 0 else f"还剩 {left} 天"

    @property
    def closes_at(self):
        end = datetime.datetime.combine(self.closes_on + datetime.timedelta(days=1), datetime.time())
        return timezone.make_aware(end)


class QuestionKind(models.TextChoices):
    SINGLE = "single", "单选"
    MULTIPLE = "multiple", "多选"
    TEXT = "text", "问答"


class Question(models.Model):
    survey = models.ForeignKey(Survey, verbose_name="调查", on_delete=models.CASCADE, related_name="questions")
    number = models.PositiveSmallIntegerField("题号")
    kind = models.CharField("题型", max_length=10, choices=QuestionKind.choices)
    text = models.CharField("题目", max_length=300)
    note = models.CharField("说明", max_length=300, blank=True)
    required = models.BooleanField("必答", default=True)
    min_choices = models.PositiveSmallIntegerField("最少选几项", null=True, blank=True)
    max_choices = models.PositiveSmallIntegerField("最多选几项", null=True, blank=True)

    class Meta:
        verbose_name = "调查题目"
        verbose_name_plural = "调查题目"
        ordering = ["survey", "number"]
        constraints = [models.UniqueConstraint(fields=["survey", "number"], name="survey_question_number")]

    def __str__(self):
        return f"{self.number}. {self.text}"

    @property
    def is_choice(self):
        return self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)

    @property
    def fewest(self):
        """The fewest options a respondent who answers must pick (a multiple-choice question)."""
        return max(self.min_choices or 1, 1)

    @property
    def rule_text(self):
        """How to answer, in words: 单选 / 可多选，选 2 至 3 项 / 必答 or 选答."""
        if self.kind == QuestionKind.SINGLE:
            rule = "单选"
        elif self.kind == QuestionKind.MULTIPLE:
            low, high = self.min_choices, self.max_choices
            if low and high:
                rule = f"多选，选 {low} 项" if low == high else f"多选，选 {low} 至 {high} 项"
            elif low:
                rule = f"多选，至少选 {low} 项"
            elif high:
                rule = f"多选，最多选 {high} 项"
            else:
                rule = "可多选"
        else:
            rule = f"问答，不超过 {MAX_TEXT_ANSWER_LENGTH} 字"
        return f"{rule}，{'必答' if self.required else '选答'}"


class Option(models.Model):
    question = models.ForeignKey(Question, verbose_name="题目", on_delete=models.CASCADE, related_name="options")
    number = models.PositiveSmallIntegerField("序号")
    text = models.CharField("选项", max_length=200)

    class Meta:
        verbose_name = "选项"
        verbose_name_plural = "选项"
        ordering = ["question", "number"]
        constraints = [models.UniqueConstraint(fields=["question", "number"], name="survey_option_number")]

    def __str__(self):
        return self.text


class SurveyResponse(models.Model):
    """One person's answers. The mobile number only keeps a person to one response; it is never public."""

    survey = models.ForeignKey(Survey, verbose_name="调查", on_delete=models.CASCADE, related_name="responses")
    phone = EncryptedCharField("手机号码", max_length=20)
    phone_index = BlindIndexField(source="phone", purpose=hashing.PHONE, db_index=False)
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)
    is_demo = models.BooleanField("演示数据", default=False)

    class Meta:
        verbose_name = "调查答卷"
        verbose_name_plural = "调查答卷"
        ordering = ["submitted_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["survey", "phone_index"], name="survey_response_one_per_phone")]

    def __str__(self):
        return f"答卷 {self.pk}（{self.survey}）"

    @property
    def masked_phone(self):
        return masking.mask_phone(self.phone)


class Answer(models.Model):
    """The answer to one question: the options picked, or the text. An open answer waits for a moderator
    (state 待审核) before the public may read it; a choice answer has no state."""

    response = models.ForeignKey(SurveyResponse, verbose_name="答卷", on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, verbose_name="题目", on_delete=models.CASCADE, related_name="answers")
    options = models.ManyToManyField(Option, verbose_name="所选选项", blank=True, related_name="answers")
    text = EncryptedTextField("回答", blank=True)
    state = models.CharField("审核状态", max_length=10, choices=CommentState.choices, blank=True, db_index=True)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核人", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    moderated_at = models.DateTimeField("审核时间", null=True, blank=True)
    moderation_note = models.CharField("不予公开的理由", max_length=200, blank=True)

    class Meta:
        verbose_name = "回答"
        verbose_name_plural = "回答"
        ordering = ["response", "question__number"]
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="survey_answer_per_question")]

    def __str__(self):
        return f"回答 {self.pk}（第 {self.question.number} 题）"


class SurveyEvent(Event):
    class Kind(models.TextChoices):
        SAVED = "saved", "编辑草稿"
        SUBMITTED = "submitted", "提交审核"
        PUBLISHED = "published", "审核发布"
        RETURNED = "returned", "退回修改"
        ANSWER_APPROVED = "answer_approved", "回答审核公开"
        ANSWER_REJECTED = "answer_rejected", "回答不予公开"
        EXPORTED = "exported", "导出答卷"

    subject_field = "survey"
    survey = models.ForeignKey(Survey, verbose_name="调查", on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=32, choices=Kind.choices)
    answer = models.ForeignKey(Answer, verbose_name="回答", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="events")

    class Meta(Event.Meta):
        verbose_name = "征集调查记录"
        verbose_name_plural = "征集调查记录"
