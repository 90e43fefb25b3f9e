"""决策公开: public consultation on drafts (征求意见), the major-decision catalog (重大行政决策事项目录), hearings
(听证会) and online surveys (征集调查). Everything the public sees here is published through the same recorded
approval (publication.Publishable): drafted by one person, approved by another."""

from zhengwu.consultation.models.consultations import (
    Article,
    Attachment,
    Comment,
    CommentState,
    Consultation,
    ConsultationEvent,
    ConsultationKind,
)
from zhengwu.consultation.models.decisions import (
    DecisionEvent,
    DecisionItem,
    DecisionStage,
    Stage,
    StageStatus,
)
from zhengwu.consultation.models.feedback import Feedback, FeedbackItem, Outcome
from zhengwu.consultation.models.hearings import (
    Hearing,
    HearingEvent,
    HearingReport,
    Interest,
    Position,
    Registration,
    Selection,
    SelectionMethod,
)
from zhengwu.consultation.models.surveys import (
    Answer,
    Option,
    Question,
    QuestionKind,
    Survey,
    SurveyEvent,
    SurveyResponse,
)
from zhengwu.publishing.models import Publication

__all__ = [
    "Article", "Attachment", "Comment", "CommentState", "Consultation", "ConsultationEvent", "ConsultationKind",
    "DecisionEvent", "DecisionItem", "DecisionStage", "Feedback", "FeedbackItem", "Hearing", "HearingEvent",
    "HearingReport", "Interest", "Outcome", "Position", "Publication", "Registration", "Selection",
    "SelectionMethod", "Stage", "StageStatus",
    "Answer", "Option", "Question", "QuestionKind", "Survey", "SurveyEvent", "SurveyResponse",
]
