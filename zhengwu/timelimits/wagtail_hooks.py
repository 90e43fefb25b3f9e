"""Admin for the working-day calendar (editable) and legal clocks (read-only), under “工作日历”.

Wagtail's ModelViewSet writes create/edit/delete to the audit log; the model signals republish the
calendar and re-derive open clocks after each committed edit.
"""

import django_filters
from django.utils.html import format_html, format_html_join
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import CalendarDay, CalendarYear, Clock, ClockState, DayKind


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Clocks change only through actions, which write their events; nobody edits them by hand."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)


# Must be registered before any viewset asks the registry, or Wagtail creates the default policy.
register_permission_policy(Clock, ReadOnlyPermissionPolicy(Clock), exact_class=True)


def calendar_year_choices():
    return [(d.year, f"{d.year} 年") for d in CalendarDay.objects.dates("date", "year", order="DESC")]


class CalendarDayFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label="类型", choices=DayKind.choices)
    year = django_filters.TypedChoiceFilter(
        label="年份", choices=calendar_year_choices, coerce=int, method="filter_year"
    )
    provisional = django_filters.BooleanFilter(label="临时")

    class Meta:
        model = CalendarDay
        fields = ["kind", "year", "provisional"]

    def filter_year(self, queryset, name, value):
        return queryset.filter(date__year=value)


class CalendarDayViewSet(ModelViewSet):
    model = CalendarDay
    icon = "date"
    menu_label = "节假日与调休"
    url_prefix = "timelimits/calendar-days"
    list_display = ["date", "kind", "name", "source", "provisional"]
    list_export = ["date", "kind", "name", "source", "provisional"]
    filterset_class = CalendarDayFilterSet
    search_fields = ["name"]
    search_backend_name = None
    form_fields = ["date", "kind", "name", "source", "provisional"]
    copy_view_enabled = False


class CalendarYearViewSet(ModelViewSet):
    model = CalendarYear
    icon = "calendar-alt"
    menu_label = "日历年度"
    url_prefix = "timelimits/calendar-years"
    list_display = ["year", "provisional", "source", "updated_at"]
    list_filter = ["provisional"]
    form_fields = ["year", "provisional", "source"]
    copy_view_enabled = False


class ClockInspectView(InspectView):
    extra_fields = {"events": "计时事件", "explanation": "到期日说明"}

    def get_fields(self):
        return [*super().get_fields(), *self.extra_fields]

    def get_field_label(self, field_name, field):
        if field_name in self.extra_fields:
            return self.extra_fields[field_name]
        return super().get_field_label(field_name, field)

    def get_events_display_value(self):
        rows = [
            (
                event.on.isoformat(),
                event.get_kind_display(),
                event.workdays or "",
                event.reason,
                event.actor or "",
            )
            for event in self.object.events.select_related("actor")
        ]
        return format_html(
            "<table class='listing'><thead><tr><th>日期</th><th>事件</th><th>工作日</th><th>原因</th>"
            "<th>操作人</th></tr></thead><tbody>{}</tbody></table>",
            format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", rows),
        )

    def get_explanation_display_value(self):
        return format_html_join("", "<p>{}</p>", ((line,) for line in self.object.explain()))


class ClockFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label="状态", choices=ClockState.choices)
    provisional = django_filters.BooleanFilter(label="临时推算")

    class Meta:
        model = Clock
        fields = ["state", "provisional"]


class ClockViewSet(ModelViewSet):
    model = Clock
    icon = "time"
    menu_label = "法定时限"
    url_prefix = "timelimits/clocks"
    list_display = ["label", "state", "started_on", "due_on", "days_used", "limit_workdays", "provisional"]
    filterset_class = ClockFilterSet
    search_fields = ["label"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_class = ClockInspectView
    inspect_view_fields = [
        "label", "state", "limit_workdays", "days_used", "started_on", "counting_from", "due_on",
        "stopped_on", "provisional", "owner_type", "owner_id", "created_at",
    ]  # fmt: skip
    copy_view_enabled = False
    form_fields = []  # the add/edit views exist but the permission policy refuses them

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().filter(codename="view_clock")


calendar_day_viewset = CalendarDayViewSet("timelimits_calendarday")
calendar_year_viewset = CalendarYearViewSet("timelimits_calendaryear")
clock_viewset = ClockViewSet("timelimits_clock")


class CalendarViewSetGroup(ViewSetGroup):
    menu_label = "工作日历"
    menu_icon = "date"
    menu_order = 800
    items = (calendar_day_viewset, calendar_year_viewset, clock_viewset)


@hooks.register("register_admin_viewset")
def register_calendar_viewsets():
    return CalendarViewSetGroup()
