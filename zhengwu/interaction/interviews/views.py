"""Public pages of online interviews under /hdjl/zxft/: the archive (upcoming, live and past interviews), each
interview's page (the announcement and the question form; while live, the live record that live.js keeps up to
date; afterwards the record and the link to the transcript), a no-JavaScript live page that reloads itself, and
the transcript (文字实录).

What the public may see is decided here once, for these pages and the API alike: published interviews only,
questions only once selected (nickname or 网友, personal data masked), contacts never, and the live record."""

import datetime

from django.core.paginator import Paginator
from django.db import OperationalError
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods

from zhengwu.interaction.actions.interviews import ActionRefused, closed_message, submit_question
from zhengwu.interaction.interviews.forms import QUESTIONS, QuestionForm
from zhengwu.interaction.models import Interview, InterviewMessage, InterviewStatus, QuestionState
from zhengwu.orgs.models import Agency
from zhengwu.portal.views import site_context
from zhengwu.publishing.models import Publication
from zhengwu.throttle import Gate

PAGE_SIZE = 10
REFRESH_SECONDS = 15  # the no-JavaScript live page reloads itself this often
REFRESH_SHOWS = 30  # and shows this many of the latest lines
STARTING_SOON = datetime.timedelta(hours=1)  # from then on an announced page watches for the start
FLASH_KEY = "interview_question_filed"
TEMPLATE = "interaction/interviews/detail.html"
BUSY = "系统繁忙，本次提问未被保存，请稍后重试。"
STATUSES = {"all": "全部", InterviewStatus.LIVE: "直播中", InterviewStatus.ANNOUNCED: "访谈预告",
            InterviewStatus.ENDED: "往期回顾"}


# -- what the public may see -----------------------------------------------------------------------------------

def published_interviews():
    return (Interview.objects.filter(publication=Publication.PUBLISHED).select_related("agency", "transcript")
            .prefetch_related("guests"))


def filter_interviews(queryset, *, status="all", agency=None):
    """Live first, then the coming ones (soonest first), then the past (latest first)."""
    if status in InterviewStatus.values:
        queryset = queryset.filter(status=status)
    if agency is not None:
        queryset = queryset.filter(agency_id=agency)
    if status == InterviewStatus.ANNOUNCED:
        return queryset.order_by("starts_at", "pk")
    if status == InterviewStatus.ENDED:
        return queryset.order_by("-starts_at", "-pk")
    rank = Case(When(status=InterviewStatus.LIVE, then=Value(0)), When(status=InterviewStatus.ANNOUNCED, then=Value(1)),
                default=Value(2), output_field=IntegerField())
    upcoming_first = Case(When(status=InterviewStatus.ANNOUNCED, then="starts_at"))
    return queryset.annotate(rank=rank).order_by("rank", upcoming_first, "-starts_at", "-pk")


def selected_questions(interview):
    return interview.questions.filter(state=QuestionState.SELECTED).order_by("submitted_at", "pk")


def public_messages(interview, after=0):
    """The live record once the interview has started (every line is public from its posting), ids above `after`."""
    if not interview.is_published or interview.status == InterviewStatus.ANNOUNCED:
        return InterviewMessage.objects.none()
    return (interview.messages.filter(pk__gt=after).select_related("question", "guest", "image", "interview")
            .order_by("pk"))


def published_transcript(interview):
    transcript = interview.published_transcript
    return transcript if transcript is not None and interview.status == InterviewStatus.ENDED else None


def find_interview(pk):
    return get_object_or_404(published_interviews(), pk=pk)


def int_param(request, name):
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else None


# -- pages -----------------------------------------------------------------------------------------------------

@require_GET
def interview_list(request):
    status = request.GET.get("status") if request.GET.get("status") in STATUSES else "all"
    agency_id = int_param(request, "agency")
    found = filter_interviews(published_interviews(), status=status, agency=agency_id)
    query = urlencode({k: v for k, v in (("status", status), ("agency", agency_id or "")) if v})
    agencies = Agency.objects.filter(pk__in=published_interviews().values("agency_id")).order_by("path")
    return TemplateResponse(request, "interaction/interviews/list.html", {
        **site_context(request), "page_obj": Paginator(found, PAGE_SIZE).get_page(request.GET.get("page")),
        "status": status, "statuses": STATUSES, "agencies": agencies, "agency_id": agency_id, "page_query": query})


def interview_context(request, interview):
    messages = list(public_messages(interview))
    return {**site_context(request), "interview": interview, "guests": list(interview.guests.all()),
            "questions": list(selected_questions(interview)) if interview.status == InterviewStatus.ANNOUNCED else [],
            "messages": messages, "last_id": messages[-1].pk if messages else 0,
            "transcript": published_transcript(interview), "refusal_reason": closed_message(interview),
            "poll_url": reverse("api-v1:interview_messages", args=[interview.pk]),
            "starting_soon": interview.status == InterviewStatus.ANNOUNCED
            and interview.starts_at - timezone.now() <= STARTING_SOON}


@require_http_methods(["GET", "POST"])
def interview_detail(request, pk):
    interview = find_interview(pk)
    context = interview_context(request, interview)
    if request.method == "GET":
        filed = request.session.pop(FLASH_KEY, None)
        return Gate(QUESTIONS, request).render_form(TEMPLATE, {
            **context, "form": QuestionForm(), "filed": filed if filed and filed.get("interview") == pk else None})
    form = QuestionForm(request.POST)
    if context["refusal_reason"]:  # ended: said above the form, nothing counted
        form.full_clean()
        form.add_error(None, context["refusal_reason"])
        return TemplateResponse(request, TEMPLATE, {**context, "form": form}, status=400)
    gate = Gate.for_form(QUESTIONS, request)
    if gate.admit(form.is_valid()):
        try:
            question = submit_question(interview, **form.submission())
        except ActionRefused as refusal:
            form.add_error(None, str(refusal))
        except OperationalError as error:  # SQLite busy under a burst: nothing was stored
            if "locked" not in str(error) and "busy" not in str(error):
                raise
            form.add_error(None, BUSY)
        else:
            request.session[FLASH_KEY] = {"interview": pk, "number": question.pk}
            return redirect(reverse("interview-detail", args=[pk]) + "#question-filed")
    return gate.render_form(TEMPLATE, {**context, "form": form})


@require_GET
def live_refresh(request, pk):
    """For browsers without JavaScript: the latest lines, newest first, the page reloading itself while live."""
    interview = find_interview(pk)
    latest = list(public_messages(interview).order_by("-pk")[:REFRESH_SHOWS])
    response = TemplateResponse(request, "interaction/interviews/live_refresh.html", {
        **site_context(request), "interview": interview, "messages": latest, "refresh_seconds": REFRESH_SECONDS,
        "transcript": published_transcript(interview)})
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def transcript(request, pk):
    interview = find_interview(pk)
    published = published_transcript(interview)
    if published is None:
        raise Http404("该访谈的文字实录尚未公布。")
    return TemplateResponse(request, "interaction/interviews/transcript.html", {
        **site_context(request), "interview": interview, "guests": list(interview.guests.all()),
        "transcript": published, "messages": list(public_messages(interview))})
