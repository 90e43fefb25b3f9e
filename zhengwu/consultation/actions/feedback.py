"""The adoption feedback (意见采纳情况): written after the period closes, approved like the draft, then published
on the consultation's page; those whose comments were shown are told."""

from django.db import transaction

from zhengwu.consultation.actions.common import ActionRefused, lock, tell_public
from zhengwu.consultation.actions.consultations import Kind, record
from zhengwu.consultation.models import CommentState, Feedback, FeedbackItem, Outcome
from zhengwu.publishing import actions as publishing


def flow(feedback) -> publishing.Flow:
    consultation = feedback.consultation
    return publishing.Flow(
        what=f"《{consultation.title}》意见采纳情况", agency=consultation.agency,
        log=lambda kind, actor, message: record(consultation, kind, actor, message),
        kinds=(Kind.FEEDBACK_SAVED, Kind.FEEDBACK_SUBMITTED, Kind.FEEDBACK_PUBLISHED, Kind.FEEDBACK_RETURNED))


def _clean_items(consultation, items):
    """Check each item ({opinion, outcome, reason, comments: [ids], article: id or None}); a comment may be
    answered once only, and only a comment shown to the public can be answered in public."""
    shown = set(consultation.comments.filter(state=CommentState.APPROVED).values_list("pk", flat=True))
    articles = set(consultation.articles.values_list("pk", flat=True))
    seen, cleaned = {}, []
    for number, item in enumerate(items, start=1):
        opinion, reason = (item.get("opinion") or "").strip(), (item.get("reason") or "").strip()
        outcome, article = item.get("outcome"), item.get("article")
        if not opinion:
            raise ActionRefused(f"第 {number} 项：请概述意见内容。")
        if outcome not in Outcome.values:
            raise ActionRefused(f"第 {number} 项：请选择处理结果（采纳、部分采纳或未采纳）。")
        if outcome != Outcome.ADOPTED and not reason:
            raise ActionRefused(f"第 {number} 项：{Outcome(outcome).label}的意见须说明理由。")
        if article is not None and article not in articles:
            raise ActionRefused(f"第 {number} 项：所选条文不属于该草案。")
        ids = [int(pk) for pk in item.get("comments") or []]
        for pk in ids:
            if pk not in shown:
                raise ActionRefused(f"第 {number} 项：编号 {pk} 的意见不是本草案已公开的意见。")
            if pk in seen:
                raise ActionRefused(f"编号 {pk} 的意见同时列在第 {seen[pk]} 项和第 {number} 项，每条意见只能答复一次。")
            seen[pk] = number
        cleaned.append({"opinion": opinion, "outcome": outcome, "reason": reason, "article_id": article,
                        "comments": ids})
    return cleaned


@transaction.atomic
def save_feedback(consultation, *, actor, summary, items) -> Feedback:
    """Write (or rewrite, while a draft) the summary and the answered opinions."""
    consultation = lock(consultation)
    if not consultation.is_published or consultation.phase() != "closed":
        raise ActionRefused("征求意见截止后才能编写意见采纳情况。")
    summary = (summary or "").strip()
    if not summary:
        raise ActionRefused("请填写采纳情况说明。")
    cleaned = _clean_items(consultation, items)
    feedback = Feedback.objects.filter(consultation=consultation).first() or Feedback(consultation=consultation)
    publishing.prepare_edit(feedback, actor, flow(feedback))
    feedback.summary = summary
    feedback.save()
    feedback.items.all().delete()
    for order, item in enumerate(cleaned):
        ids = item.pop("comments")
        FeedbackItem.objects.create(feedback=feedback, order=order, **item).comments.set(ids)
    record(consultation, Kind.FEEDBACK_SAVED, actor, f"编写意见采纳情况，共 {len(cleaned)} 项。")
    return feedback


def unanswered(consultation):
    """Comments shown to the public that no item of the feedback answers yet."""
    return (consultation.comments.filter(state=CommentState.APPROVED)
            .exclude(responses__feedback__consultation=consultation).order_by("pk"))


@transaction.atomic
def submit_feedback(feedback, *, actor) -> Feedback:
    feedback = lock(feedback)
    pending = feedback.consultation.comments.filter(state=CommentState.PENDING).count()
    if pending:
        raise ActionRefused(f"还有 {pending} 条意见待审核。请先审核全部意见，再提交采纳情况。")
    missing = list(unanswered(feedback.consultation).values_list("pk", flat=True))
    if missing:
        raise ActionRefused(f"还有 {len(missing)} 条已公开的意见没有答复（编号 {'、'.join(map(str, missing[:10]))}），"
                            f"请在采纳情况中逐条或归并答复。")
    publishing.submit(feedback, actor, flow(feedback))
    return feedback


@transaction.atomic
def approve_feedback(feedback, *, actor) -> Feedback:
    feedback = lock(feedback)
    publishing.approve(feedback, actor, flow(feedback))
    consultation = feedback.consultation
    for comment in consultation.comments.filter(state=CommentState.APPROVED):
        tell_public(comment.contact, "意见采纳情况已公布",
                    f"【{consultation.agency.name}】《{consultation.title}》的意见采纳情况已在网站公布，"
                    f"您的意见（编号 {comment.pk}）的处理情况可在该页面查看。", comment)
    return feedback


@transaction.atomic
def return_feedback(feedback, *, actor, note) -> Feedback:
    feedback = lock(feedback)
    publishing.send_back(feedback, actor, note, flow(feedback))
    return feedback
