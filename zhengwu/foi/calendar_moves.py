"""When a calendar edit (a year's 国务院办公厅 notice entered, a provisional day corrected) moves a request's answer
date, the applicant's timeline says so and the applicant is told: a date once given is never changed silently."""

from django.db import transaction

from zhengwu.notifications.actions import notify

from .actions.common import record
from .actions.intake import PROVISIONAL_MARK
from .models import InformationRequest, RequestEvent


def tell_of_a_moved_due_date(sender, clock, old_due_on, **kwargs):
    request = InformationRequest.objects.filter(clock=clock).select_related("agency").first()
    if request is None or old_due_on is None or clock.due_on is None:
        return
    request.clock = clock
    mark = PROVISIONAL_MARK if clock.provisional else ""
    record(request, RequestEvent.Kind.DUE_DATE_MOVED, None,
           f"节假日安排调整，答复期限由 {old_due_on:%Y-%m-%d} 调整为 {clock.due_on:%Y-%m-%d}{mark}。",
           data={"old_due_on": old_due_on.isoformat(), "due_on": clock.due_on.isoformat(),
                 "explanation": clock.explain()})
    context = {"request": request, "agency": request.agency.name, "old_due_on": old_due_on,
               "due_on": clock.due_on}

    def tell():
        notify("sms", to_address=request.phone, template="foi_due_date_moved", about=request, context=context)
        if request.email:
            notify("email", to_address=request.email, template="foi_due_date_moved", about=request, context=context)

    transaction.on_commit(tell)
