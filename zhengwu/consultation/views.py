"""Public pages of 决策公开 under /yjzj/: the entry page and the consultations (list, and each draft with its
articles, the approved comments, the comment form and, after the period, the adoption feedback).

Plain forms and links, so reading and commenting work without JavaScript. A comment is filed through
actions.submit_comment behind the rate limit (zhengwu.throttle.Gate, with the text question past the soft
limit); nothing typed is lost when something is wrong."""

from django.core.paginator import Paginator
from django.db import OperationalError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods

from zhengwu.consultation import public
from zhengwu.consultation.actions import ActionRefused, closed_message, submit_comment
from zhengwu.consultation.forms import COMMENTS, CommentForm
from zhengwu.consultation.surveys import public as survey_public
from zhengwu.orgs.models import Agency
from zhengwu.portal.views import site_context
from zhengwu.throttle import Gate

PAGE_SIZE = 20
FLASH_KEY = "consultation_comment_filed"
BUSY = "系统繁忙，本次提交未被保存，请稍后重试。"


def int_param(request, name):
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else None


def page_of(request, queryset):
    paginator = Paginator(queryset, PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))


@require_GET
def index(request):
    """决策公开: the four parts, with what is open now."""
    today = timezone.localdate()
    open_now = public.filter_consultations(public.published_consultations(), phase="open", today=today)
    hearings = public.filter_hearings(public.published_hearings(), phase="all").filter(held_at__gte=timezone.now())
    years = public.decision_years()
    open_surveys = survey_public.filter_surveys(survey_public.published_surveys(), phase="open", today=today)
    return TemplateResponse(request, "consultation/index.html", {
        **site_context(request), "open_consultations": open_now[:5], "open_count": open_now.count(),
        "hearings": hearings.order_by("held_at")[:3], "decision_year": years[0] if years else None,
        "decision_count": public.published_decisions().filter(year=years[0]).count() if years else 0,
        "open_surveys": open_surveys[:5], "open_survey_count": open_surveys.count(), "today": today})


@require_GET
def consultation_list(request):
    phase = request.GET.get("status") if request.GET.get("status") in public.PHASES else "open"
    agency_id = int_param(request, "agency")
    found = public.filter_consultations(public.published_consultations(), phase=phase, agency=agency_id)
    query = urlencode({k: v for k, v in (("status", phase), ("agency", agency_id or "")) if v})
    agencies = Agency.objects.filter(pk__in=public.published_consultations().values("agency_id")).order_by("path")
    return TemplateResponse(request, "consultation/consultation_list.html", {
        **site_context(request), "page_obj": page_of(request, found), "phase": phase, "phases": public.PHASES,
        "agencies": agencies, "agency_id": agency_id, "page_query": query, "today": timezone.localdate()})


def consultation_context(request, consultation):
    feedback = public.published_feedback(consultation)
    comments = list(public.shown_comments(consultation))
    answers = {comment.pk: {"number": number, "item": item}
               for number, item in enumerate(feedback.items.all() if feedback else [], start=1)
               for comment in item.comments.all()}
    for comment in comments:
        comment.answer = answers.get(comment.pk)
    by_article = {}
    for comment in comments:
        by_article.setdefault(comment.article_id, []).append(comment)
    articles = [(article, by_article.get(article.pk, [])) for article in consultation.articles.all()]
    return {**site_context(request), "consultation": consultation, "articles": articles, "comments": comments,
            "general_comments": by_article.get(None, []), "feedback": feedback,
            "figures": public.figures(consultation, feedback), "refusal_reason": closed_message(consultation),
            "today": timezone.localdate()}


@require_http_methods(["GET", "POST"])
def consultation_detail(request, pk):
    consultation = get_object_or_404(public.with_texts(public.published_consultations()), pk=pk)
    context = consultation_context(request, consultation)
    if request.method == "GET":
        filed = request.session.pop(FLASH_KEY, None)
        article = int_param(request, "article")
        form = CommentForm(consultation, initial={"article": article} if article else None)
        gate = Gate(COMMENTS, request)
        return gate.render_form("consultation/consultation_detail.html", {
            **context, "form": form, "filed": filed if filed and filed.get("consultation") == pk else None})
    form = CommentForm(consultation, request.POST)
    if context["refusal_reason"]:  # closed (or not yet open): said above the form, nothing counted
        form.full_clean()
        form.add_error(None, context["refusal_reason"])
        response = TemplateResponse(request, "consultation/consultation_detail.html", {**context, "form": form},
                                    status=400)
        return response
    gate = Gate.for_form(COMMENTS, request)
    if gate.admit(form.is_valid()):
        try:
            comment = submit_comment(consultation, **form.submission())
        except ActionRefused as refusal:
            form.add_error(None, str(refusal))
        except OperationalError as error:  # SQLite busy under a burst: nothing was stored
            if "locked" not in str(error) and "busy" not in str(error):
                raise
            form.add_error(None, BUSY)
        else:
            request.session[FLASH_KEY] = {"consultation": pk, "number": comment.pk}
            return redirect(reverse("consultation-detail", args=[pk]) + "#comment-filed")
    return gate.render_form("consultation/consultation_detail.html", {**context, "form": form})
