"""Public survey pages under /yjzj/surveys/: the list (open / closed, paged) and each survey with its answer
sheet while it is open and its figures when they are public.

A plain form: answering works without JavaScript. A response is filed through actions.submit_response behind
the rate limit (zhengwu.throttle.Gate, scope "survey-response", with the text question past the soft limit);
when something is wrong the page comes back with a Chinese message at each question and everything typed."""

from django.db import OperationalError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods

from zhengwu.consultation.actions import (
    ActionRefused,
    AlreadyAnswered,
    submit_response,
    survey_closed_message,
)
from zhengwu.consultation.surveys import public as survey_public
from zhengwu.consultation.surveys.forms import SURVEY_RESPONSES, SurveyResponseForm
from zhengwu.consultation.views import BUSY, int_param, page_of
from zhengwu.orgs.models import Agency
from zhengwu.portal.views import site_context
from zhengwu.throttle import Gate

FLASH_KEY = "survey_response_filed"
TEMPLATE = "consultation/survey_detail.html"


@require_GET
def survey_list(request):
    phase = request.GET.get("status") if request.GET.get("status") in survey_public.PHASES else "all"
    agency_id = int_param(request, "agency")
    found = survey_public.filter_surveys(survey_public.published_surveys(), phase=phase, agency=agency_id)
    query = urlencode({k: v for k, v in (("status", phase), ("agency", agency_id or "")) if v})
    agencies = Agency.objects.filter(pk__in=survey_public.published_surveys().values("agency_id")).order_by("path")
    return TemplateResponse(request, "consultation/survey_list.html", {
        **site_context(request), "page_obj": page_of(request, found), "phase": phase,
        "phases": survey_public.PHASES, "agencies": agencies, "agency_id": agency_id, "page_query": query,
        "today": timezone.localdate()})


def survey_context(request, survey):
    return {**site_context(request), "survey": survey, "results": survey_public.public_results(survey),
            "refusal_reason": survey_closed_message(survey), "today": timezone.localdate()}


@require_http_methods(["GET", "POST"])
def survey_detail(request, pk):
    survey = get_object_or_404(survey_public.with_questions(survey_public.published_surveys()), pk=pk)
    context = survey_context(request, survey)
    if request.method == "GET":
        filed = request.session.pop(FLASH_KEY, None)
        return Gate(SURVEY_RESPONSES, request).render_form(TEMPLATE, {
            **context, "form": SurveyResponseForm(survey),
            "filed": filed if filed and filed.get("survey") == pk else None})
    form = SurveyResponseForm(survey, request.POST)
    if context["refusal_reason"]:  # closed (or not yet open): said above the form, nothing counted
        form.full_clean()
        form.add_error(None, context["refusal_reason"])
        return TemplateResponse(request, TEMPLATE, {**context, "form": form}, status=400)
    gate = Gate.for_form(SURVEY_RESPONSES, request)
    if gate.admit(form.is_valid()):
        try:
            response = submit_response(survey, **form.submission())
        except AlreadyAnswered as refusal:
            form.add_error("phone", str(refusal))
        except ActionRefused as refusal:
            form.add_error(None, str(refusal))
        except OperationalError as error:  # SQLite busy under a burst: nothing was stored
            if "locked" not in str(error) and "busy" not in str(error):
                raise
            form.add_error(None, BUSY)
        else:
            request.session[FLASH_KEY] = {"survey": pk, "number": response.pk}
            return redirect(reverse("consultation-survey", args=[pk]) + "#response-filed")
    return gate.render_form(TEMPLATE, {**context, "form": form})
