"""Public pages of 双公示 under /qlqd/sgs/: the published 行政许可 and 行政处罚 decisions (filter by agency, type,
year and words) and one decision, a natural person's name and every ID or phone number masked."""

import datetime

from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from zhengwu.orgs.models import Agency
from zhengwu.portal.views import site_context

from ..models import DecisionKind, DecisionState, EnforcementDecision
from ..searched import in_subtree, search

PER_PAGE = 20


def _int(value):
    value = (value or "").strip()
    return int(value) if value.isdigit() else None


@require_GET
def decision_list(request):
    published = EnforcementDecision.objects.filter(state=DecisionState.PUBLISHED).select_related("agency", "power")
    agency_id, year = _int(request.GET.get("agency")), _int(request.GET.get("year"))
    year = year if year and 1900 < year < 2200 else None
    kind = request.GET.get("kind", "") if request.GET.get("kind", "") in DecisionKind.values else ""
    q = request.GET.get("q", "").strip()[:50]
    agency = Agency.objects.filter(pk=agency_id).first() if agency_id else None
    decisions = published
    decisions = decisions.filter(in_subtree(agency))
    if kind:
        decisions = decisions.filter(kind=kind)
    if year:
        decisions = decisions.filter(decided_on__gte=datetime.date(year, 1, 1), decided_on__lt=datetime.date(year + 1, 1, 1))
    if q:
        decisions = list(search(decisions, q, order_by_relevance=False))
        decisions.sort(key=lambda d: (d.published_on, d.pk), reverse=True)
    else:
        decisions = decisions.order_by("-published_on", "-pk")
    page = Paginator(decisions, PER_PAGE).get_page(request.GET.get("page"))
    years = published.dates("decided_on", "year", order="DESC")
    agencies = Agency.objects.filter(pk__in=published.values("agency_id")).order_by("path")
    keep = {key: value for key, value in (("agency", agency_id), ("kind", kind), ("year", year), ("q", q)) if value}
    return TemplateResponse(request, "powers/decisions/list.html", {
        **site_context(request, agency), "page_obj": page, "agencies": agencies, "agency": agency, "kinds": DecisionKind.choices,
        "kind": kind, "years": [d.year for d in years], "year": year, "q": q,
        "query": "&".join(f"{key}={value}" for key, value in keep.items())})


@require_GET
def decision_detail(request, number):
    decision = (EnforcementDecision.objects.select_related("agency", "power")
                .filter(number=number, state=DecisionState.PUBLISHED).first())
    if decision is None:
        raise Http404("没有这项已公示的行政执法决定。")
    return TemplateResponse(request, "powers/decisions/detail.html", {**site_context(request, decision.agency), "decision": decision})
