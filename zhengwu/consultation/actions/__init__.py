"""State changes of 决策公开: one function each, one transaction with its timeline event, notifications after
commit. The admin, the public pages and the API all call these; a refusal raises ActionRefused with the
Chinese message to show."""

from zhengwu.consultation.actions.comments import (
    approve_comment,
    closed_message,
    reject_comment,
    submit_comment,
)
from zhengwu.consultation.actions.common import (
    APPROVE_ROLES,
    DRAFT_ROLES,
    VIEW_ROLES,
    ActionForbidden,
    ActionRefused,
)
from zhengwu.consultation.actions.consultations import (
    approve_consultation,
    return_consultation,
    save_consultation,
    submit_consultation,
)
from zhengwu.consultation.actions.decisions import (
    approve_decision,
    record_progress,
    return_decision,
    save_decision,
    submit_decision,
)
from zhengwu.consultation.actions.feedback import (
    approve_feedback,
    return_feedback,
    save_feedback,
    submit_feedback,
    unanswered,
)
from zhengwu.consultation.actions.hearings import (
    announce_participants,
    approve_hearing,
    approve_report,
    register,
    registration_closed_message,
    return_hearing,
    return_report,
    save_hearing,
    save_report,
    select_participant,
    submit_hearing,
    submit_report,
)
from zhengwu.consultation.actions.surveys import (
    AlreadyAnswered,
    answer_problem,
    approve_answer,
    approve_survey,
    record_export,
    reject_answer,
    return_survey,
    save_survey,
    submit_response,
    submit_survey,
    survey_closed_message,
)

__all__ = [
    "APPROVE_ROLES", "DRAFT_ROLES", "VIEW_ROLES", "ActionForbidden", "ActionRefused", "announce_participants",
    "approve_comment", "approve_consultation", "approve_decision", "approve_feedback", "approve_hearing",
    "approve_report", "closed_message", "record_progress", "register", "registration_closed_message",
    "reject_comment", "return_consultation", "return_decision", "return_feedback", "return_hearing",
    "return_report", "save_consultation", "save_decision", "save_feedback", "save_hearing", "save_report",
    "select_participant", "submit_comment", "submit_consultation", "submit_decision", "submit_feedback",
    "submit_hearing", "submit_report", "unanswered",
    "AlreadyAnswered", "answer_problem", "approve_answer", "approve_survey", "record_export", "reject_answer",
    "return_survey", "save_survey", "submit_response", "submit_survey", "survey_closed_message",
]
