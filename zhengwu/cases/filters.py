"""The 期限 filter of every case queue in the admin: overdue, due soon (by supervision's 预警 rule for the case
type) or paused, on the case's running clock, in working days: the bands of timelimits.bands, so a list says
“已超期” of exactly the cases the supervision sweep and the monthly report count as overdue."""

import django_filters
from django.utils import timezone

from zhengwu.timelimits import bands

CHOICES = [(bands.Band.OVERDUE.value, "已超期"), (bands.Band.DUE_SOON.value, "即将到期（预警）"), ("paused", "暂停计时")]


class DueFilter(django_filters.ChoiceFilter):
    """`due_field`: the due date to look at (a clock's `due_on`, or an annotation such as the nearest of two);
    `open_states`: the case states in which its clock runs; `case_type`: the supervision key for the rule."""

    def __init__(self, *, case_type, open_states, due_field="clock__due_on", **kwargs):
        self.case_type, self.open_states, self.due_field = case_type, list(open_states), due_field
        kwargs.setdefault("label", "期限")
        super().__init__(choices=CHOICES, empty_label="全部", **kwargs)

    def filter(self, queryset, value):
        if not value:
            return queryset
        queryset = queryset.filter(state__in=self.open_states)
        if value == "paused":
            return queryset.filter(**{f"{self.due_field}__isnull": True})
        today = timezone.localdate()
        return queryset.filter(bands.due_condition(value, today, bands.warn_days(self.case_type), self.due_field))
