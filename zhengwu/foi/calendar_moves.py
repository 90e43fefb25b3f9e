"""When a calendar edit (a year's 国务院办公厅 notice entered, a provisional day corrected) moves a request's answer
date, the applicant's timeline says so and the applicant is told: a date once given is never changed silently."""

from zhengwu.foi.actions.common import record
from zhengwu.foi.actions.intake import PROVISIONAL_MARK
from zhengwu.foi.actions.steps import tell_applicant
from zhengwu.foi.models import InformationRequest, RequestEvent


def tell_of_moved_due_dates(sender, moved, **kwargs):
    moves = {clock.pk: (clock, old_due_on) for clock, old_due_on in moved}
    for request in InformationRequest.objects.filter(clock__in=list(moves)).select_related("agency"):
        clock, old_due_on = moves[request.clock_id]
        if old_due_on is None or clock.due_on is None:
            continue
        request.clock = clock
        mark = PROVISIONAL_MARK if clock.provisional else ""
        record(request, RequestEvent.Kind.DUE_DATE_MOVED, None,
               f"节假日安排调整，答复期限由 {old_due_on:%Y-%m-%d} 调整为 {clock.due_on:%Y-%m-%d}{mark}。",
               data={"old_due_on": old_due_on.isoformat(), "due_on": clock.due_on.isoformat(),
                     "explanation": clock.explain()})
        tell_applicant(request, "foi_due_date_moved", old_due_on=old_due_on, due_on=clock.due_on)
