"""The mailboxes' public monthly figures: letters received, replied, replied on time, average working days to
reply, and the writers' satisfaction. One grouped query per measure for a whole year (not one per month).

Definitions, stated on the page: a letter counts as received in the month of its 受理日期 and as replied in the
month of its 答复日期; 按时 is a reply within the mailbox's limit (答复用时 ≤ 时限); 满意率 is (满意 + 基本满意)
÷ all ratings given, counted in the month of the reply. Letters referred to the petition channel (转信访) are
received but not replied, and are shown apart."""

from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import ExtractMonth

from zhengwu.interaction.models import Letter, LetterRating, LetterState


@dataclass
class MonthFigures:
    month: int  # 0 for the year's total
    received: int = 0
    replied: int = 0
    on_time: int = 0
    referred: int = 0
    days_total: int = 0
    rated: int = 0
    satisfied: int = 0  # 满意 + 基本满意
    ratings: dict = field(default_factory=dict)

    @property
    def average_days(self):
        return round(self.days_total / self.replied, 1) if self.replied else None

    @property
    def on_time_rate(self):
        return round(100 * self.on_time / self.replied, 1) if self.replied else None

    @property
    def satisfaction_rate(self):
        return round(100 * self.satisfied / self.rated, 1) if self.rated else None

    def as_dict(self):
        return {"month": self.month or None, "received": self.received, "replied": self.replied,
                "on_time": self.on_time, "on_time_rate": self.on_time_rate, "referred": self.referred,
                "average_days": self.average_days, "rated": self.rated, "satisfaction_rate": self.satisfaction_rate,
                "ratings": {value: self.ratings.get(value, 0) for value in LetterRating.values}}


def years(mailbox):
    """The years with letters, newest first."""
    return sorted({day.year for day in Letter.objects.filter(mailbox=mailbox).dates("received_on", "year")},
                  reverse=True)


def monthly(mailbox, year):
    """Twelve MonthFigures (January first) and the year's total."""
    months = {month: MonthFigures(month) for month in range(1, 13)}
    letters = Letter.objects.filter(mailbox=mailbox)
    received = (letters.filter(received_on__year=year).annotate(m=ExtractMonth("received_on")).values("m")
                .annotate(n=Count("pk"), referred=Count("pk", filter=Q(state=LetterState.REFERRED))))
    for row in received:
        months[row["m"]].received, months[row["m"]].referred = row["n"], row["referred"]
    replied = (letters.filter(state=LetterState.REPLIED, replied_on__year=year)
               .annotate(m=ExtractMonth("replied_on")).values("m")
               .annotate(n=Count("pk"), days=Sum("reply_workdays"),
                         on_time=Count("pk", filter=Q(reply_workdays__lte=F("mailbox__limit_workdays")))))
    for row in replied:
        figures = months[row["m"]]
        figures.replied, figures.on_time = row["n"], row["on_time"]
        figures.days_total = row["days"] or 0
    rated = (letters.filter(state=LetterState.REPLIED, replied_on__year=year).exclude(rating="")
             .annotate(m=ExtractMonth("replied_on")).values("m", "rating").annotate(n=Count("pk")))
    for row in rated:
        figures = months[row["m"]]
        figures.ratings[row["rating"]] = row["n"]
        figures.rated += row["n"]
        if row["rating"] != LetterRating.UNSATISFIED:
            figures.satisfied += row["n"]
    total = MonthFigures(0)
    for figures in months.values():
        for name in ("received", "replied", "on_time", "referred", "days_total", "rated", "satisfied"):
            setattr(total, name, getattr(total, name) + getattr(figures, name))
        for rating, count in figures.ratings.items():
            total.ratings[rating] = total.ratings.get(rating, 0) + count
    return list(months.values()), total
