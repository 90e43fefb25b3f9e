"""互动交流 in the monthly report (月报): the letters the agency's mailboxes received in the month."""

from django.db.models import Count

from zhengwu.interaction.models import Letter
from zhengwu.reports.monthly.figures import Records, register_source


def letter_records(key, agency, first, last):
    return Records(headers=["信件编号", "受理日期", "信箱", "状态"],
                   queryset=Letter.objects.filter(mailbox__agency=agency, received_on__range=(first, last))
                   .select_related("mailbox").order_by("received_on", "pk"),
                   row=lambda letter: [letter.number, letter.received_on, letter.mailbox.name,
                                       letter.get_state_display()])


@register_source("letters_received", records=letter_records)
def count_letters(agencies, first, last):
    rows = (Letter.objects.filter(mailbox__agency__in=agencies, received_on__range=(first, last)).order_by()
            .values("mailbox__agency_id").annotate(n=Count("pk")))
    return {row["mailbox__agency_id"]: {"letters_received": row["n"]} for row in rows}
