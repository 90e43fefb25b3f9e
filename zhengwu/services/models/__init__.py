from zhengwu.services.models.cases import (
    OPEN_CASE_STATES,
    ApplicantKind,
    CaseChannel,
    CaseEvent,
    CaseMaterial,
    CaseState,
    Decision,
    ServiceCase,
    SpecialProcedureRun,
)
from zhengwu.services.models.catalog import (
    Audience,
    MaterialRequirement,
    Matter,
    MatterType,
    SpecialProcedure,
    Topic,
)
from zhengwu.services.models.centres import CentreLevel, CoverageTarget, ServiceCentre
from zhengwu.services.models.ratings import (
    BAD_LEVELS,
    Rating,
    RatingChannel,
    RatingLevel,
    RatingPolicy,
    Rectification,
)

__all__ = [
    "OPEN_CASE_STATES", "ApplicantKind", "Audience", "BAD_LEVELS", "CaseChannel", "CaseEvent", "CaseMaterial",
    "CaseState", "CentreLevel", "CoverageTarget", "Decision", "MaterialRequirement", "Matter", "MatterType",
    "Rating", "RatingChannel", "RatingLevel", "RatingPolicy", "Rectification", "ServiceCase", "ServiceCentre",
    "SpecialProcedure", "SpecialProcedureRun", "Topic",
]
