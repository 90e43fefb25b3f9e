"""The public major-decision catalog (重大行政决策事项目录), by year and agency, with each item's stages."""

from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from zhengwu.consultation import public
from zhengwu.consultation.models import Stage
from zhengwu.consultation.views import int_param, page_of
from zhengwu.portal.views import site_context


@require_GET
def decision_list(request):
    years = public.decision_years()
    year = int_param(request, "year")
    year = year if year in years else (years[0] if years else None)
    agency_id = int_param(request, "agency")
    found = public.published_decisions().filter(year=year) if year else public.published_decisions().none()
    if agency_id:
        found = found.filter(agency_id=agency_id)
    page = page_of(request, found.order_by("agency__path", "number", "pk"))
    rows = [(item, [item.stage_map().get(stage) for stage in Stage]) for item in page.object_list]
    query = urlencode({k: v for k, v in (("year", year or ""), ("agency", agency_id or "")) if v})
    return TemplateResponse(request, "consultation/decision_list.html", {
        **site_context(request), "years": years, "year": year, "agencies": public.decision_agencies(),
        "agency_id": agency_id, "page_obj": page, "rows": rows, "stages": list(Stage), "page_query": query})
