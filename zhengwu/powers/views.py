"""Public pages of the power list under /qlqd/: the list with filters (agency, type, words, and the day the list
is shown as of), one power with its history and, for a penalty power, the discretion benchmark with its
calculator. Plain GET forms, so everything works without JavaScript."""

import datetime

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from zhengwu.orgs.models import Agency
from zhengwu.portal.views import site_context

from .api import listed
from .discretion import DiscretionError, assess
from .flowcharts import svg
from .models import ChangeKind, EnforcementBasis, Flowchart, Power, PowerChange, PowerType


def _day(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@require_GET
def power_list(request):
    today = timezone.localdate()
    asked = request.GET.get("on", "")
    day = _day(asked) or today
    agency = request.GET.get("agency", "")
    agency_id = int(agency) if agency.isdigit() else None
    power_type = request.GET.get("type", "") if request.GET.get("type", "") in PowerType.values else ""
    q = request.GET.get("q", "").strip()[:50]
    rows = listed(day, agency_id, power_type, q)
    agencies = Agency.objects.filter(pk__in=Power.objects.values("agency_id")).order_by("path")
    return TemplateResponse(request, "powers/list.html", {
        **site_context(request, Agency.objects.filter(pk=agency_id).first() if agency_id else None), "rows": rows, "day": day, "today": today, "bad_day": bool(asked) and not _day(asked),
        "agencies": agencies, "agency_id": agency_id, "types": PowerType.choices, "power_type": power_type, "q": q})


@require_GET
def power_detail(request, code):
    power = Power.objects.select_related("agency").filter(code=code).first()
    state = power.state_on() if power else None
    if state is None:
        raise Http404("没有这项行政权力。")
    penalty = power.power_type == PowerType.PENALTY
    circumstances = list(power.circumstances.all()) if penalty else []
    adjustments = list(power.adjustments.all()) if penalty else []
    chosen = request.GET.getlist("facts")
    result = error = None
    if chosen:
        try:
            result = assess(power.code, chosen)
        except DiscretionError as refusal:
            error = str(refusal)
    chart = Flowchart.objects.filter(power=power, published=True).first()
    steps = list(chart.steps.all()) if chart else []
    return TemplateResponse(request, "powers/detail.html", {
        **site_context(request, power.agency), "power": power, "state": state, "history": power.changes.order_by("decided_on", "pk"),
        "circumstances": circumstances, "adjustments": adjustments, "chosen": chosen, "result": result, "error": error, "chart": chart,
        "steps": steps, "drawing": svg.render(chart.title, steps) if chart else "",
        "decisions": power.decisions.filter(state="published").count()})


def _published_chart(**lookup):
    chart = Flowchart.objects.select_related("agency", "power").filter(published=True, **lookup).first()
    if chart is None:
        raise Http404("没有这张公开的流程图。")
    return chart


@require_GET
def flowchart_svg(request, code):
    """The drawing alone, to download or print."""
    chart = _published_chart(power__code=code)
    response = HttpResponse(svg.render(chart.title, chart.steps.all()), content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="flowchart-{chart.power.code}.svg"'
    return response


@require_GET
def internal_charts(request):
    charts = Flowchart.objects.filter(published=True, power__isnull=True).select_related("agency")
    return TemplateResponse(request, "powers/internal_charts.html", {**site_context(request), "charts": charts})


@require_GET
def internal_chart(request, pk):
    chart = _published_chart(pk=pk, power__isnull=True)
    steps = list(chart.steps.all())
    return TemplateResponse(request, "powers/internal_chart.html", {
        **site_context(request), "chart": chart, "steps": steps, "drawing": svg.render(chart.title, steps)})


@require_GET
def enforcement_bases(request):
    agency = request.GET.get("agency", "")
    bases = EnforcementBasis.objects.select_related("agency")
    if agency.isdigit():
        bases = bases.filter(agency_id=int(agency))
    agencies = Agency.objects.filter(pk__in=EnforcementBasis.objects.values("agency_id")).order_by("path")
    return TemplateResponse(request, "powers/bases.html", {
        **site_context(request, Agency.objects.filter(pk=int(agency)).first() if agency.isdigit() else None), "bases": bases, "agencies": agencies,
        "agency_id": int(agency) if agency.isdigit() else None})


@require_GET
def reform_changes(request):
    """行政审批制度改革: what changed in a year (every change but the first listing of a power), by kind."""
    years = [d.year for d in PowerChange.objects.dates("decided_on", "year", order="DESC")]
    asked = request.GET.get("year", "")
    year = int(asked) if asked.isdigit() and int(asked) in years else (years[0] if years else None)
    changes = (PowerChange.objects.filter(decided_on__year=year).select_related("power", "power__agency")
               .order_by("kind", "decided_on", "power__code")) if year else []
    groups = [(label, [c for c in changes if c.kind == kind]) for kind, label in ChangeKind.choices]
    return TemplateResponse(request, "powers/reform.html", {
        **site_context(request), "years": years, "year": year, "groups": [(label, rows) for label, rows in groups if rows]})
