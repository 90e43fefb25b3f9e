"""Public JSON API of the power list (mounted at /api/v1/powers): the list as it stood on a day, one power with
its history and (a penalty power) its benchmark's facts, and the discretion calculator. Errors are in Chinese."""

import datetime

from django.utils import timezone
from ninja import Query, Router
from ninja.errors import HttpError

from zhengwu.orgs.models import Agency

from .discretion import DiscretionError, assess
from .models import (
    DecisionKind,
    DecisionState,
    EnforcementDecision,
    Power,
    PowerChange,
    PowerType,
    list_on,
)
from .searched import matching_states

router = Router(tags=["权力清单"])


def change_json(change: PowerChange) -> dict:
    return {"kind": change.kind, "kind_label": change.get_kind_display(), "decided_on": change.decided_on,
            "document": change.document, "note": change.note}


def power_json(power: Power, state: PowerChange) -> dict:
    return {"code": power.code, "name": state.name, "type": power.power_type,
            "type_label": power.get_power_type_display(),
            "agency": {"id": power.agency_id, "name": power.agency.name},
            "implementing_body": state.implementing_body, "legal_basis": state.legal_basis,
            "responsibilities": state.responsibilities, "accountability": state.accountability,
            "in_force": state.in_force, "change": change_json(state)}


def _day(value: str | None) -> datetime.date:
    if not value:
        return timezone.localdate()
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise HttpError(422, "日期格式应为 YYYY-MM-DD。") from None


def listed(day, agency=None, power_type="", q=""):
    """The powers in the list on `day` with their facts of that day, filtered as the page and the API ask."""
    powers = list_on(day, Power.objects.select_related("agency"))
    if agency:
        # The agency and the agencies under it (a county: its departments and townships).
        path = Agency.objects.filter(pk=agency).values_list("path", flat=True).first()
        powers = powers.filter(agency__path__startswith=path) if path else powers.none()
    if power_type:
        powers = powers.filter(power_type=power_type)
    states = PowerChange.objects.in_bulk([p.state_id for p in powers])
    rows = [(p, states[p.state_id]) for p in powers]
    q = q.strip()
    if q:
        # Words through the one search backend (segmented, traditional folded); a code as typed.
        found = {change.pk for change in matching_states(q, list(states))}
        rows = [(p, s) for p, s in rows if s.pk in found or q.upper() in p.code]
    return rows


@router.get("", summary="权力清单（on：某日的清单；agency、type、q 筛选）")
def power_list(request, agency: int | None = None, type: str = "", q: str = "", on: str | None = None):
    if type and type not in PowerType.values:
        raise HttpError(422, f"未知的权力类型“{type}”，可选：{'、'.join(PowerType.values)}。")
    day = _day(on)
    rows = listed(day, agency, type, q)
    return {"on": day, "count": len(rows), "results": [power_json(p, s) for p, s in rows]}


@router.get("/discretion", summary="行政裁量计算：处罚事项编码和违法情形编码（逗号分隔）")
def discretion(request, power: str = Query(...), facts: str = Query("")):
    try:
        return assess(power, facts.split(","))
    except DiscretionError as error:
        raise HttpError(404 if "没有编码为" in str(error) else 422, str(error)) from None


def decision_json(decision: EnforcementDecision) -> dict:
    """A published decision as the 双公示 data exchange needs it: the party as published (a person masked)."""
    return {"number": decision.number, "document_number": decision.document_number, "kind": decision.kind,
            "kind_label": decision.get_kind_display(), "power": decision.power.code,
            "agency": {"id": decision.agency_id, "name": decision.agency.name},
            "party": decision.public_party, "party_kind": decision.get_party_kind_display(),
            "credit_code": decision.credit_code, "representative": decision.public_representative,
            "content": decision.public_content, "basis": decision.basis, "decided_on": decision.decided_on,
            "published_on": decision.published_on, "fine": None if decision.fine is None else str(decision.fine),
            "valid_from": decision.valid_from, "valid_until": decision.valid_until}


@router.get("/decisions", summary="已公示的行政许可、行政处罚决定（双公示；since：公示日期起）")
def decision_list(request, agency: int | None = None, kind: str = "", since: str | None = None,
                  limit: int = 100, offset: int = 0):
    if kind and kind not in DecisionKind.values:
        raise HttpError(422, f"未知的决定类型“{kind}”，可选：{'、'.join(DecisionKind.values)}。")
    decisions = (EnforcementDecision.objects.filter(state=DecisionState.PUBLISHED)
                 .select_related("agency", "power").order_by("published_on", "pk"))
    if agency:
        path = Agency.objects.filter(pk=agency).values_list("path", flat=True).first()
        decisions = decisions.filter(agency__path__startswith=path) if path else decisions.none()
    if kind:
        decisions = decisions.filter(kind=kind)
    if since:
        decisions = decisions.filter(published_on__gte=_day(since))
    limit = max(1, min(limit, 500))
    page = list(decisions[max(offset, 0):max(offset, 0) + limit])
    return {"count": decisions.count(), "results": [decision_json(d) for d in page]}


@router.get("/{code}", summary="一项行政权力：现行内容、变更历史和（行政处罚）裁量情形")
def power_detail(request, code: str):
    power = Power.objects.select_related("agency").filter(code=code).first()
    state = power.state_on() if power else None
    if state is None:
        raise HttpError(404, f"没有编码为“{code}”的行政权力。")
    body = power_json(power, state)
    body["history"] = [change_json(c) for c in power.changes.order_by("decided_on", "pk")]
    if power.power_type == PowerType.PENALTY:
        body["facts"] = [{"code": c.code, "label": c.label, "grade": c.get_grade_display()}
                         for c in power.circumstances.all()]
        body["facts"] += [{"code": a.code, "label": a.label, "effect": a.get_effect_display()}
                          for a in power.adjustments.all()]
    return body

