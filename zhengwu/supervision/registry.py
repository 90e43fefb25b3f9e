"""The one registry through which supervision reads every case type (DESIGN.md, shared mechanism 4).

A case type says where its cases live, which clock fields they carry, which agency owns them, and (where
thresholds differ by matter type) which field holds that type. Cards, violations, the dashboard and the
drill-down are then computed the same way for all of them.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.urls import NoReverseMatch, reverse

from zhengwu.orgs.models import Role


@dataclass(frozen=True)
class ClockSlot:
    field: str   # the case model's OneToOne/ForeignKey to timelimits.Clock
    label: str   # what this clock times, e.g. 办结时限


@dataclass(frozen=True)
class CaseType:
    key: str                      # "services.case": stored on cards and violations
    label: str                    # 办件
    model_label: str              # "services.ServiceCase"
    clocks: tuple[ClockSlot, ...]
    open_states: tuple[str, ...]  # values of `state_field` while the case is open
    state_field: str = "state"
    agency_field: str = "agency"
    number_field: str = "number"
    title_field: str | None = None          # e.g. "matter__name"
    rule_field: str | None = None           # e.g. "matter__matter_type": thresholds per value
    rule_choices: tuple = ()                # (value, label) pairs for the threshold admin
    assignee_field: str | None = "assignee"
    handler_roles: tuple = field(default=(Role.AGENCY_ADMIN,))  # who works these cases in the agency
    admin_url_name: str | None = None       # reverse(name, args=[pk]) opens the case for staff

    @property
    def model(self):
        return apps.get_model(self.model_label)

    def open_cases(self):
        return self.model.objects.filter(**{f"{self.state_field}__in": list(self.open_states)})

    def admin_url(self, pk) -> str:
        if not self.admin_url_name:
            return ""
        try:
            return reverse(self.admin_url_name, args=[pk])
        except NoReverseMatch:
            return ""


_registry: dict[str, CaseType] = {}


def register(case_type: CaseType) -> CaseType:
    _registry[case_type.key] = case_type
    return case_type


def case_types() -> list[CaseType]:
    return list(_registry.values())


def get(key: str) -> CaseType:
    try:
        return _registry[key]
    except KeyError:
        raise LookupError(f"未登记的案件类型：{key}") from None


def choices():
    return [(t.key, t.label) for t in _registry.values()]
