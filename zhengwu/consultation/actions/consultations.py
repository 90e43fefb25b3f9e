"""Drafting, submitting and publishing a consultation (征求意见稿)."""

from django.db import transaction

from zhengwu.consultation.actions.common import ActionRefused, lock, today
from zhengwu.consultation.display import chinese_date
from zhengwu.consultation.drafts.numerals import DraftTextError, split_articles
from zhengwu.consultation.models import Article, Attachment, ConsultationEvent
from zhengwu.consultation.models.consultations import MIN_PERIOD_DAYS
from zhengwu.publishing import actions as publishing

Kind = ConsultationEvent.Kind


def record(consultation, kind, actor=None, message="", *, comment=None, data=None):
    return ConsultationEvent.record(consultation, kind, actor, message, comment=comment, data=data)


def flow(consultation) -> publishing.Flow:
    return publishing.Flow(
        what=f"征求意见稿《{consultation.title}》", agency=consultation.agency,
        log=lambda kind, actor, message: record(consultation, kind, actor, message),
        kinds=(Kind.SAVED, Kind.SUBMITTED, Kind.PUBLISHED, Kind.RETURNED))


def _check_dates(consultation):
    if consultation.closes_on < consultation.opens_on:
        raise ActionRefused("征求意见截止日期不能早于开始日期。")


@transaction.atomic
def save_consultation(consultation, *, actor, draft_text, attachments=()):
    """Create or edit a draft: its fields as set on `consultation` (unsaved changes), the draft text split into
    articles (每条以“第…条”开头), and the attachments as (document, title) pairs."""
    try:
        articles = split_articles(draft_text)
    except DraftTextError as error:
        raise ActionRefused(str(error)) from None
    _check_dates(consultation)
    created = consultation.pk is None
    publishing.prepare_edit(consultation, actor, flow(consultation))
    consultation.save()
    consultation.articles.all().delete()  # a draft has no comments yet: its articles are simply replaced
    Article.objects.bulk_create([Article(consultation=consultation, **article) for article in articles])
    consultation.attachments.all().delete()
    Attachment.objects.bulk_create([Attachment(consultation=consultation, document=document, title=title or "",
                                               order=order) for order, (document, title) in enumerate(attachments)])
    record(consultation, Kind.SAVED, actor, f"{'创建' if created else '修改'}草稿，共 {len(articles)} 条。")
    return consultation


def _check_ready(consultation):
    _check_dates(consultation)
    if not consultation.articles.exists():
        raise ActionRefused("草案还没有条文。")
    if consultation.closes_on < today():
        raise ActionRefused(f"征求意见截止日期（{chinese_date(consultation.closes_on)}）已过，请修改日期。")
    if consultation.period_days < MIN_PERIOD_DAYS and not consultation.short_period_reason.strip():
        raise ActionRefused(f"征求意见期为 {consultation.period_days} 日，少于 {MIN_PERIOD_DAYS} 日，"
                            f"须填写“征求意见期少于 30 日的理由”（《重大行政决策程序暂行条例》第十四条）。")


@transaction.atomic
def submit_consultation(consultation, *, actor):
    consultation = lock(consultation)
    _check_ready(consultation)
    publishing.submit(consultation, actor, flow(consultation))
    return consultation


@transaction.atomic
def approve_consultation(consultation, *, actor):
    """Publish: from now on the public reads it and, within the period, comments."""
    consultation = lock(consultation)
    _check_ready(consultation)
    publishing.approve(consultation, actor, flow(consultation))
    return consultation


@transaction.atomic
def return_consultation(consultation, *, actor, note):
    consultation = lock(consultation)
    publishing.send_back(consultation, actor, note, flow(consultation))
    return consultation
