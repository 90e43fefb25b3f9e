"""What the public may see of the surveys, in one place for the pages and the API (and the figures, counted
the same way for staff): published surveys only; the figures only when survey.results_visible(); open
answers only once approved, masked.

The figures. A question's base is the number of respondents who answered it (an optional question may be
skipped). A single-choice option's share is its count over that base, so the shares add up to 100 (give or
take the rounding); a multiple-choice option's share is over the same base, so the shares may add up to more
than 100. Shares are rounded half up to one decimal."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Prefetch
from django.utils import timezone

from zhengwu.consultation.models import (
    Answer,
    CommentState,
    Option,
    Publication,
    Question,
    QuestionKind,
    Survey,
)

PHASES = {"open": "正在调查", "closed": "已结束", "all": "全部"}
SHOWN_ANSWERS_LIMIT = 50  # open answers shown per question on the page (the newest approved)


def published_surveys():
    return Survey.objects.filter(publication=Publication.PUBLISHED).select_related("agency")


def filter_surveys(queryset, *, phase="all", agency=None, today=None):
    today = today or timezone.localdate()
    if phase == "open":
        queryset = queryset.filter(opens_on__lte=today, closes_on__gte=today)
    elif phase == "closed":
        queryset = queryset.filter(closes_on__lt=today)
    if agency is not None:
        queryset = queryset.filter(agency_id=agency)
    order = ["closes_on", "pk"] if phase == "open" else ["-closes_on", "-pk"]
    return queryset.order_by(*order)


def with_questions(queryset):
    return queryset.prefetch_related(Prefetch("questions", queryset=Question.objects.prefetch_related("options")))


def percent(count, base):
    if not base:
        return Decimal("0.0")
    return (Decimal(count) * 100 / Decimal(base)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class OptionFigure:
    option: Option
    count: int
    percent: Decimal


@dataclass
class QuestionFigure:
    question: Question
    answered: int  # respondents who answered this question
    options: list = field(default_factory=list)  # OptionFigure, in the options' order (choice questions)
    shown: list = field(default_factory=list)  # approved open answers, newest first (up to the limit)
    shown_count: int = 0
    pending_count: int = 0
    rejected_count: int = 0


@dataclass
class Results:
    responses: int
    questions: list


def tally(survey, *, shown_limit=SHOWN_ANSWERS_LIMIT) -> Results:
    """The figures of every question of `survey` in four queries (the caller decides who may see them)."""
    questions = list(survey.questions.prefetch_related("options"))
    answered = dict(Answer.objects.filter(question__survey=survey).order_by().values("question")
                    .annotate(n=Count("pk")).values_list("question", "n"))
    chosen = dict(Option.objects.filter(question__survey=survey).order_by().annotate(n=Count("answers"))
                  .values_list("pk", "n"))
    states = {}
    for question_id, state, n in (Answer.objects.filter(question__survey=survey, question__kind=QuestionKind.TEXT)
                                  .order_by().values("question", "state").annotate(n=Count("pk"))
                                  .values_list("question", "state", "n")):
        states.setdefault(question_id, {})[state] = n
    figures = []
    for question in questions:
        base = answered.get(question.pk, 0)
        figure = QuestionFigure(question=question, answered=base)
        if question.is_choice:
            figure.options = [OptionFigure(option, chosen.get(option.pk, 0), percent(chosen.get(option.pk, 0), base))
                              for option in question.options.all()]
        else:
            counts = states.get(question.pk, {})
            figure.shown_count = counts.get(CommentState.APPROVED, 0)
            figure.pending_count = counts.get(CommentState.PENDING, 0)
            figure.rejected_count = counts.get(CommentState.REJECTED, 0)
            if figure.shown_count and shown_limit:
                figure.shown = list(shown_answers(question)[:shown_limit])
        figures.append(figure)
    return Results(responses=survey.responses.count(), questions=figures)


def shown_answers(question):
    """The approved open answers of `question`, newest first (templates and the API mask their text)."""
    return (Answer.objects.filter(question=question, state=CommentState.APPROVED)
            .select_related("response").order_by("-response__submitted_at", "-pk"))


def public_results(survey, today=None):
    """The figures when the public may see them, else None."""
    return tally(survey) if survey.results_visible(today) else None
