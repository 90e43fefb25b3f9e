"""Public pages of the power list under /qlqd/: the list with filters (agency, type, words, and the day the list
is shown as of), one power with its history and, for a penalty power, the discretion benchmark with its
calculator. Plain GET forms, so everything works without JavaScript."""

import datetime

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from zhengwu.orgs.models import Agency
from zhengwu.portal.views import site_context

from .api import listed
from .discretion import DiscretionError, assess
from .models import Power, PowerType


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
        **site_context(request), "rows": rows, "day": day, "today": today, "bad_day": bool(asked) and not _day(asked),
        "agencies": agencies, "agency_id": agency_id, "types": PowerType.choices, "power_type": power_type, "q": q})


@require_GET
def power_detail(request, code):
    power = Power.objects.select_related("agency").filter(code=code).first()
    state = power.state_on() if power else None
    if state is None:
        raise Http404("没有这项行政权力。")
    circumstances = list(power.circumstances.all()) if power.power_type == PowerType.PENALTY else []
    chosen = request.GET.getlist("facts")
    result = error = None
    if chosen:
        try:
            result = assess(power.code, chosen)
        except DiscretionError as refusal:
            error = str(refusal)
    return TemplateResponse(request, "powers/detail.html", {
        **site_context(request), "power": power, "state": state, "history": power.changes.order_by("decided_on", "pk"),
        "circumstances": circumstances, "chosen": chosen, "result": result, "error": error})
