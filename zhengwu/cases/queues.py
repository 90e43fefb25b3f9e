"""The order of every case queue in the admin: open cases first, the soonest due first (paused clocks, with no
due date, after the running ones), then finished cases, newest first. Sorting by another column works as
usual; this is the default."""

from django.db.models import Case, F, Value, When


class SoonestDueFirst:
    """Mix into a Wagtail IndexView. `open_states`: the states in which a case is still open; `due_field`: the
    due date to sort by (a clock's `due_on` through its field, or an annotation of the base queryset), by
    default the `default_ordering` itself; `newest_first`: how finished cases follow one another."""

    default_ordering = "clock__due_on"
    due_field = None
    open_states = ()
    newest_first = ("-received_on", "-pk")

    def order_queryset(self, queryset):
        if self.ordering != self.default_ordering:
            return super().order_queryset(queryset)
        finished = Case(When(state__in=list(self.open_states), then=Value(0)), default=Value(1))
        due = F(self.due_field or self.default_ordering).asc(nulls_last=True)
        return queryset.order_by(finished, due, *self.newest_first)
