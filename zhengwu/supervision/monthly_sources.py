"""电子监察 in the monthly report (月报): red and yellow cards issued to the agency in the month."""

from django.db.models import Count, Q

from zhengwu.reports.monthly.figures import Records, register_source

from . import registry
from .models import Card, CardLevel

KEYS = {"red_cards": CardLevel.RED, "yellow_cards": CardLevel.YELLOW}


def card_records(key, agency, first, last):
    def row(card):
        case_type = registry.get(card.case_type)
        return [card.issued_on, case_type.label, card.get_level_display(), card.due_on]

    return Records(headers=["亮牌日期", "案件类型", "级别", "到期日"],
                   queryset=Card.objects.filter(agency=agency, level=KEYS[key], issued_on__range=(first, last))
                   .order_by("issued_on", "pk"), row=row)


@register_source("red_cards", "yellow_cards", records=card_records)
def count_cards(agencies, first, last):
    rows = (Card.objects.filter(agency__in=agencies, issued_on__range=(first, last)).order_by().values("agency_id")
            .annotate(red=Count("pk", filter=Q(level=CardLevel.RED)), yellow=Count("pk", filter=Q(level=CardLevel.YELLOW))))
    return {row["agency_id"]: {"red_cards": row["red"], "yellow_cards": row["yellow"]} for row in rows}
