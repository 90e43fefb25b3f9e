"""The service hall's figures in the monthly report (月报): 办件 completed and 好差评 received in the month."""

from django.db.models import Count, Q
from django.urls import reverse

from zhengwu.reports.monthly.figures import Records, register_source
from zhengwu.services.models import BAD_LEVELS, CaseState, Rating, ServiceCase

DONE = [CaseState.COMPLETED, CaseState.REFUSED]


def case_records(key, agency, first, last):
    return Records(headers=["办件编号", "事项", "办结日期", "状态"],
                   queryset=ServiceCase.objects.filter(agency=agency, state__in=DONE, completed_on__range=(first, last))
                   .select_related("matter").order_by("completed_on", "pk"),
                   row=lambda case: [(case.number, reverse("services_cases:inspect", args=[case.pk])),
                                     case.matter.name, case.completed_on, case.get_state_display()])


@register_source("service_cases", records=case_records)
def count_cases(agencies, first, last):
    """办结 in the month: completed with a result, or refused (不予受理 ends the case too)."""
    rows = (ServiceCase.objects.filter(agency__in=agencies, state__in=DONE, completed_on__range=(first, last))
            .order_by().values("agency_id").annotate(n=Count("pk")))
    return {row["agency_id"]: {"service_cases": row["n"]} for row in rows}


def rating_records(key, agency, first, last):
    ratings = Rating.objects.filter(agency=agency, rated_on__range=(first, last)).select_related("matter", "case")
    if key == "ratings_satisfied":
        ratings = ratings.exclude(level__in=BAD_LEVELS)
    return Records(headers=["评价日期", "事项", "办件编号", "等级", "渠道"], queryset=ratings.order_by("rated_on", "pk"),
                   row=lambda r: [r.rated_on, r.matter.name, r.case.number if r.case else "—", r.get_level_display(),
                                  r.get_channel_display()])


@register_source("ratings_total", "ratings_satisfied", records=rating_records)
def count_ratings(agencies, first, last):
    rows = (Rating.objects.filter(agency__in=agencies, rated_on__range=(first, last)).order_by().values("agency_id")
            .annotate(total=Count("pk"), satisfied=Count("pk", filter=~Q(level__in=BAD_LEVELS))))
    return {row["agency_id"]: {"ratings_total": row["total"], "ratings_satisfied": row["satisfied"]} for row in rows}
