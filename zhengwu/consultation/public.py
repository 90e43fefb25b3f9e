"""What the public may see of this app, in one place for the pages and the API: only published records,
only approved comments, only announced participants, and figures counted the same way everywhere."""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from zhengwu.consultation.models import (
    Comment,
    CommentState,
    Consultation,
    DecisionItem,
    Feedback,
    FeedbackItem,
    Hearing,
    HearingReport,
    Outcome,
    Publication,
    Selection,
)
from zhengwu.orgs.models import Agency

PHASES = {"open": "正在征求意见", "closed": "已截止", "all": "全部"}
HEARING_PHASES = {"registration": "报名中", "upcoming": "报名已截止", "held": "已举行", "all": "全部"}


# -- consultations ---------------------------------------------------------------------------------------------

def published_consultations():
    return (Consultation.objects.filter(publication=Publication.PUBLISHED).select_related("agency")
            .annotate(received=Count("comments", distinct=True),
                      shown=Count("comments", filter=Q(comments__state=CommentState.APPROVED), distinct=True)))


def filter_consultations(queryset, *, phase="all", agency=None, today=None):
    """phase: open (in its period), closed (after it), all (including those announced for a later start)."""
    today = today or timezone.localdate()
    if phase == "open":
        queryset = queryset.filter(opens_on__lte=today, closes_on__gte=today)
    elif phase == "closed":
        queryset = queryset.filter(closes_on__lt=today)
    if agency is not None:
        queryset = queryset.filter(agency_id=agency)
    order = ["closes_on", "pk"] if phase == "open" else ["-closes_on", "-pk"]
    return queryset.order_by(*order)


def with_texts(queryset):
    return queryset.prefetch_related("articles", "attachments__document")


def shown_comments(consultation):
    return consultation.comments.filter(state=CommentState.APPROVED).select_related("article").order_by(
        "submitted_at", "pk")


def published_feedback(consultation):
    """The adoption feedback once published, with its items and the comments they answer; else None."""
    items = FeedbackItem.objects.select_related("article").prefetch_related(
        Prefetch("comments", queryset=Comment.objects.order_by("pk")))
    return (Feedback.objects.filter(consultation=consultation, publication=Publication.PUBLISHED)
            .prefetch_related(Prefetch("items", queryset=items)).first())


def figures(consultation, feedback=None):
    """received: every comment sent; shown: approved for the public; the outcomes once feedback is published
    (a comment counts under the outcome of the item that answers it)."""
    received = getattr(consultation, "received", None)
    shown = getattr(consultation, "shown", None)
    if received is None or shown is None:
        received = consultation.comments.count()
        shown = consultation.comments.filter(state=CommentState.APPROVED).count()
    result = {"received": received, "shown": shown, "adopted": None, "partly_adopted": None, "not_adopted": None}
    if feedback is not None:
        counts = {outcome: 0 for outcome in Outcome.values}
        for item in feedback.items.all():
            counts[item.outcome] += len(item.comments.all())
        result.update(adopted=counts[Outcome.ADOPTED], partly_adopted=counts[Outcome.PARTLY],
                      not_adopted=counts[Outcome.NOT_ADOPTED])
    return result


# -- the decision catalog --------------------------------------------------------------------------------------

def published_decisions():
    return (DecisionItem.objects.filter(publication=Publication.PUBLISHED)
            .select_related("agency", "consultation", "hearing").prefetch_related("stages"))


def decision_years():
    return list(published_decisions().order_by("-year").values_list("year", flat=True).distinct())


def decision_agencies():
    return Agency.objects.filter(pk__in=published_decisions().values("agency_id")).order_by("path")


# -- hearings ----------------------------------------------------------------------------------------------------

def published_hearings():
    return Hearing.objects.filter(publication=Publication.PUBLISHED).select_related("agency")


def filter_hearings(queryset, *, phase="all", agency=None, now=None):
    now = now or timezone.now()
    if phase == "registration":
        queryset = queryset.filter(registration_closes_at__gt=now)
    elif phase == "upcoming":
        queryset = queryset.filter(registration_closes_at__lte=now, held_at__gt=now)
    elif phase == "held":
        queryset = queryset.filter(held_at__lte=now)
    if agency is not None:
        queryset = queryset.filter(agency_id=agency)
    return queryset.order_by("-held_at", "-pk")


def announced_participants(hearing):
    """Selected participants once the list is announced (the page shows their names masked); else []."""
    if not hearing.participants_announced_at:
        return []
    return list(hearing.registrations.filter(selection=Selection.SELECTED).order_by("interest", "pk"))


def published_report(hearing):
    return HearingReport.objects.filter(hearing=hearing, publication=Publication.PUBLISHED).first()
