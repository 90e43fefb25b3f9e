"""Public hearing pages: the list, and each hearing's notice, the registration form while it is open, the
announced participants (names masked) and the published record and result."""

from django.db import OperationalError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods

from zhengwu.consultation import public
from zhengwu.consultation.actions import ActionRefused, register, registration_closed_message
from zhengwu.consultation.forms import REGISTRATIONS, RegistrationForm
from zhengwu.consultation.views import BUSY, int_param, page_of
from zhengwu.orgs.models import Agency
from zhengwu.portal.views import site_context
from zhengwu.throttle import Gate

FLASH_KEY = "hearing_registration_filed"
TEMPLATE = "consultation/hearing_detail.html"


@require_GET
def hearing_list(request):
    phase = request.GET.get("status") if request.GET.get("status") in public.HEARING_PHASES else "all"
    agency_id = int_param(request, "agency")
    found = public.filter_hearings(public.published_hearings(), phase=phase, agency=agency_id)
    query = urlencode({k: v for k, v in (("status", phase), ("agency", agency_id or "")) if v})
    agencies = Agency.objects.filter(pk__in=public.published_hearings().values("agency_id")).order_by("path")
    return TemplateResponse(request, "consultation/hearing_list.html", {
        **site_context(request), "page_obj": page_of(request, found), "phase": phase,
        "phases": public.HEARING_PHASES, "agencies": agencies, "agency_id": agency_id, "page_query": query,
        "now": timezone.now()})


def hearing_context(request, hearing):
    return {**site_context(request), "hearing": hearing, "participants": public.announced_participants(hearing),
            "report": public.published_report(hearing), "refusal_reason": registration_closed_message(hearing),
            "decisions": hearing.decisions.filter(publication="published"), "now": timezone.now()}


@require_http_methods(["GET", "POST"])
def hearing_detail(request, pk):
    hearing = get_object_or_404(public.published_hearings(), pk=pk)
    context = hearing_context(request, hearing)
    if request.method == "GET":
        filed = request.session.pop(FLASH_KEY, None)
        return Gate(REGISTRATIONS, request).render_form(TEMPLATE, {
            **context, "form": RegistrationForm(), "filed": filed if filed and filed.get("hearing") == pk else None})
    form = RegistrationForm(request.POST)
    if context["refusal_reason"]:
        form.full_clean()
        form.add_error(None, context["refusal_reason"])
        return TemplateResponse(request, TEMPLATE, {**context, "form": form}, status=400)
    gate = Gate.for_form(REGISTRATIONS, request)
    if gate.admit(form.is_valid()):
        try:
            registration = register(hearing, **form.submission())
        except ActionRefused as refusal:
            form.add_error(None, str(refusal))
        except OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error):
                raise
            form.add_error(None, BUSY)
        else:
            request.session[FLASH_KEY] = {"hearing": pk, "number": registration.pk}
            return redirect(reverse("consultation-hearing", args=[pk]) + "#registration-filed")
    return gate.render_form(TEMPLATE, {**context, "form": form})
