from zhengwu.powers.models.benchmarks import GRADE_ORDER, Adjustment, Circumstance, Effect, Grade
from zhengwu.powers.models.catalog import GONE, ChangeKind, Power, PowerChange, PowerType, list_on, with_state
from zhengwu.powers.models.decisions import (
    DecisionEvent,
    DecisionKind,
    DecisionState,
    EnforcementDecision,
    PartyKind,
    PublicityRule,
)
from zhengwu.powers.models.flowcharts import END, Flowchart, FlowStep
from zhengwu.powers.models.records import (
    CaseFileReview,
    ConflictOfInterest,
    EnforcementBasis,
    FaultAccountability,
    IntegrityAssessment,
)

__all__ = [
    "END", "GONE", "GRADE_ORDER", "Adjustment", "CaseFileReview", "ChangeKind", "Circumstance", "ConflictOfInterest",
    "DecisionEvent", "DecisionKind", "DecisionState", "Effect", "EnforcementBasis", "EnforcementDecision",
    "FaultAccountability", "FlowStep", "Flowchart", "Grade", "IntegrityAssessment", "PartyKind", "Power",
    "PowerChange", "PowerType", "PublicityRule", "list_on", "with_state",
]
