"""Comments from the public: received while the period is open, shown only after a moderator approves them."""

from django.db import transaction

from zhengwu.consultation.actions.common import (
    DRAFT_ROLES,
    ActionRefused,
    lock,
    now,
    require_role,
    tell_public,
)
from zhengwu.consultation.actions.consultations import Kind, record
from zhengwu.consultation.display import chinese_date
from zhengwu.consultation.models import Comment, CommentState, Consultation

MAX_COMMENT_LENGTH = 5000


def closed_message(consultation, today=None):
    """Why no comment is taken now, or "" while the period is open."""
    if not consultation.is_published:
        return "该草案尚未公开征求意见。"
    phase = consultation.phase(today)
    if phase == "upcoming":
        return f"征求意见将于{chinese_date(consultation.opens_on)}开始，届时欢迎提出意见。"
    if phase == "closed":
        return f"征求意见已于{chinese_date(consultation.closes_on)}截止，不再接受意见。感谢您的关注。"
    return ""


@transaction.atomic
def submit_comment(consultation, *, name, contact, text, article=None, anonymous=False) -> Comment:
    """File one comment (待审核). Refused outside the period; the commenter is told it arrived."""
    consultation = Consultation.objects.select_related("agency").get(pk=consultation.pk)
    refusal = closed_message(consultation)
    if refusal:
        raise ActionRefused(refusal)
    text = (text or "").strip()
    if not text:
        raise ActionRefused("请填写意见内容。")
    if not (name or "").strip() or not (contact or "").strip():
        raise ActionRefused("请填写姓名和联系方式。")
    if len(text) > MAX_COMMENT_LENGTH:
        raise ActionRefused(f"意见内容不能超过 {MAX_COMMENT_LENGTH} 字。")
    if article is not None and article.consultation_id != consultation.pk:
        raise ActionRefused("所选条文不属于该草案。")
    comment = Comment.objects.create(consultation=consultation, article=article, name=(name or "").strip(),
                                     anonymous=anonymous, contact=(contact or "").strip(), text=text)
    record(consultation, Kind.COMMENT_RECEIVED, None, f"收到对{comment.target_label}的意见（编号 {comment.pk}）。",
           comment=comment)
    tell_public(comment.contact, "意见已收到",
                f"【{consultation.agency.name}】您对《{consultation.title}》的意见已收到（编号 {comment.pk}），"
                f"经审核后在网站公开。感谢您的参与。", comment)
    return comment


def _moderate(comment, actor, state, note, kind, message):
    comment = lock(comment)
    consultation = comment.consultation
    require_role(actor, consultation.agency, DRAFT_ROLES, f"您没有审核{consultation.agency.name}征求意见的权限。")
    if comment.state == state:
        raise ActionRefused(f"该意见已经是“{comment.get_state_display()}”。")
    if hasattr(consultation, "feedback") and consultation.feedback.is_published:
        raise ActionRefused("采纳情况已经公布，意见的公开状态不能再改变。")
    comment.state, comment.moderated_by, comment.moderated_at, comment.moderation_note = state, actor, now(), note
    comment.save()
    record(consultation, kind, actor, message, comment=comment)
    return comment


@transaction.atomic
def approve_comment(comment, *, actor) -> Comment:
    """Show the comment to the public (name masked or 匿名, personal data in the text masked)."""
    return _moderate(comment, actor, CommentState.APPROVED, "", Kind.COMMENT_APPROVED,
                     f"意见（编号 {comment.pk}）审核通过，公开显示。")


@transaction.atomic
def reject_comment(comment, *, actor, reason) -> Comment:
    """Keep the comment from the public (abuse, advertising, nothing to do with the draft); the agency still
    reads and counts it."""
    reason = (reason or "").strip()
    if not reason:
        raise ActionRefused("请写明不予公开的理由。")
    return _moderate(comment, actor, CommentState.REJECTED, reason[:200], Kind.COMMENT_REJECTED,
                     f"意见（编号 {comment.pk}）不予公开：{reason}")
