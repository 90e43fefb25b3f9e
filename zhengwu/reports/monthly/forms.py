"""Forms of the monthly report in the admin: which month to open, the manual figures, the reason for sending
a report back, the month and region of a roll-up, and the list's filter. Messages in Chinese; browsers'
own validation is off (the templates say `novalidate`) so that these are the messages shown."""

from functools import partial

from django import forms

from zhengwu.orgs.models import Agency, StaffRole
from zhengwu.reports.annual.admin_forms import AgencyChoiceField
from zhengwu.reports.monthly.figures import MAX_FIGURE, previous_month, rate_errors, today
from zhengwu.reports.monthly.models import MonthlyReport

RECENT_MONTHS = 24


def recent_months(count: int = RECENT_MONTHS) -> list[tuple[int, int]]:
    """This month and the `count` - 1 before it, newest first."""
    year, month = today().year, today().month
    months = []
    for _ in range(count):
        months.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months


def period_value(year: int, month: int) -> str:
    return f"{year}-{month:02d}"


def parse_period(value: str) -> tuple[int, int]:
    year, month = value.split("-")
    return int(year), int(month)


def _agency_field(user, roles, form, label="机关"):
    agencies = Agency.objects.in_scope(user, roles)
    field = form.fields["agency"]
    field.queryset = agencies
    field.label = label
    first = agencies.first()
    field.base_depth = first.depth if first else 1
    if not form.is_bound:
        own = (StaffRole.objects.filter(user=user, role__in=list(roles)).order_by("agency__path")
               .values_list("agency_id", flat=True).first())
        form.initial.setdefault("agency", own or (first.pk if first else None))


def period_choices(allow_all=False) -> list[tuple[str, str]]:
    choices = [(period_value(year, month), f"{year}年{month}月") for year, month in recent_months()]
    return [("", "全部月份"), *choices] if allow_all else choices


class PeriodField(forms.TypedChoiceField):
    """A month among the recent ones, as (year, month)."""

    def __init__(self, *args, allow_all=False, **kwargs):
        kwargs.setdefault("label", "月份")
        kwargs.setdefault("error_messages", {"required": "请选择月份。", "invalid_choice": "请选择列出的月份。"})
        super().__init__(*args, coerce=parse_period, empty_value=None, **kwargs)
        # A callable: the months are those of the day the form is shown, not of the day the server started.
        self.choices = partial(period_choices, allow_all)


class OpenMonthlyForm(forms.Form):
    """Which report to open: an agency the user reports for, and a month (last month by default)."""

    agency = AgencyChoiceField(queryset=Agency.objects.none(), empty_label=None,
                               error_messages={"required": "请选择机关。",
                                               "invalid_choice": "请选择您有权填报月报的机关。"})
    period = PeriodField()

    def __init__(self, *args, user, roles, **kwargs):
        super().__init__(*args, **kwargs)
        _agency_field(user, roles, self)
        self.initial.setdefault("period", period_value(*previous_month(today())))


class RegionForm(OpenMonthlyForm):
    """Whose region and which month to roll up (any agency the user may read reports of)."""

    def __init__(self, *args, user, roles, **kwargs):
        super().__init__(*args, user=user, roles=roles, **kwargs)
        self.fields["agency"].label = "地区（机关）"
        self.fields["agency"].error_messages["invalid_choice"] = "请选择您有权查看月报的机关。"


class ListFilterForm(forms.Form):
    period = PeriodField(required=False, allow_all=True)
    state = forms.ChoiceField(label="状态", required=False,
                              choices=[("", "全部状态"), *MonthlyReport.State.choices],
                              error_messages={"invalid_choice": "请选择列出的状态。"})


class ManualFiguresForm(forms.Form):
    """The figures the agency fills in (blank = not filled yet). With `require_all` (上报) every one must be
    filled in: a month in which nothing happened is reported as 0, not left blank."""

    def __init__(self, *args, indicators, report, require_all=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.require_all = require_all
        stored = report.manual_figures or {}
        for indicator in indicators:
            what = f"“{indicator.title}”"
            self.fields[indicator.key] = forms.IntegerField(
                label=indicator.title, required=require_all, min_value=0, max_value=MAX_FIGURE,
                widget=forms.NumberInput(attrs={"min": "0", "step": "1", "inputmode": "numeric"}),
                error_messages={"required": f"上报前请填写{what}，没有发生的请填 0。",
                                "invalid": f"{what}请填写整数。",
                                "min_value": f"{what}不能为负数。",
                                "max_value": f"{what}超出合理范围，请核对。"})
            self.initial.setdefault(indicator.key, stored.get(indicator.key))

    def clean(self):
        cleaned = super().clean()
        for key, message in rate_errors(cleaned).items():
            if key in self.fields and key not in self.errors:
                self.add_error(key, message)
        return cleaned

    def figures(self) -> dict:
        return {key: self.cleaned_data.get(key) for key in self.fields}


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label="退回理由", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="说明需要修改的内容，填报机关会收到这段文字。",
        error_messages={"required": "请填写退回理由，说明需要修改的内容。",
                        "max_length": "退回理由过长（最多 %(limit_value)d 字）。"})
