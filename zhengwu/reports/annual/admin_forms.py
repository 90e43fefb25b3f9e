"""Forms of the yearly report in the admin: opening a report (agency and year), and the draft's editable
parts (the texts of Parts 一, 五, 六 and the Part 二 figures no module holds yet). Messages in Chinese;
browsers' own validation is off (the templates say `novalidate`) so that these are the messages shown."""

from decimal import Decimal

from django import forms
from django.utils import timezone

from zhengwu.orgs.models import Agency, StaffRole
from zhengwu.reports.annual.form import FORMS
from zhengwu.reports.annual.proactive import MANUAL, SOURCES

MANUAL_LABEL = "人工填报（平台尚无数据来源）"
# Text parts: form section key → AnnualReport field.
TEXT_FIELDS = {"s1": "overview", "s5": "problems", "s6": "other_matters"}
# Part 二 figures that are amounts of money rather than counts (万元, to the yuan).
AMOUNT_COLUMNS = {"amount_10k_yuan"}
MAX_COUNT = 10**9


def first_report_year() -> int:
    return FORMS[0][0]


def last_year() -> int:
    return timezone.localdate().year - 1


class AgencyChoiceField(forms.ModelChoiceField):
    """Agencies in tree order, indented by their depth below the shallowest one offered."""

    def __init__(self, *args, base_depth=1, **kwargs):
        self.base_depth = base_depth
        super().__init__(*args, **kwargs)

    def label_from_instance(self, agency):
        return "\u3000" * max(agency.depth - self.base_depth, 0) + agency.name


class OpenReportForm(forms.Form):
    """Which report to open: an agency the user may draft reports for, and a report year."""

    agency = AgencyChoiceField(queryset=Agency.objects.none(), label="机关", empty_label=None,
                               error_messages={"required": "请选择机关。",
                                               "invalid_choice": "请选择您有权编制年度报告的机关。"})
    year = forms.TypedChoiceField(label="年度", coerce=int,
                                  error_messages={"required": "请选择年度。",
                                                  "invalid_choice": "请选择列出的年度。"})

    def __init__(self, *args, user, roles, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.in_scope(user, roles)
        field = self.fields["agency"]
        field.queryset = agencies
        first = agencies.first()
        field.base_depth = first.depth if first else 1
        years = range(timezone.localdate().year, first_report_year() - 1, -1)
        self.fields["year"].choices = [(year, f"{year} 年度") for year in years]
        if not self.is_bound:
            own = (StaffRole.objects.filter(user=user, role__in=list(roles)).order_by("agency__path")
                   .values_list("agency_id", flat=True).first())
            self.initial.setdefault("agency", own or (first.pk if first else None))
            self.initial.setdefault("year", last_year())


def manual_cells(table_two: dict):
    """The Part 二 cells the agency fills in itself, in the form's order: (block, row, column)."""
    for block in table_two["blocks"]:
        for row in block["rows"]:
            for column in block["columns"]:
                source = SOURCES.get(block["key"], {}).get(row["key"], {}).get(column["key"])
                if source is not None and source["kind"] == MANUAL:
                    yield block, row, column


def field_name(block: str, row: str, column: str) -> str:
    return f"m__{block}__{row}__{column}"


class DraftForm(forms.Form):
    """The editable parts of one draft: three texts and the manual Part 二 figures (blank = not filled)."""

    def __init__(self, *args, form: dict, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        titles = {section["key"]: section["title"] for section in form["sections"]}
        for key, attribute in TEXT_FIELDS.items():
            self.fields[attribute] = forms.CharField(
                label=titles.get(key, attribute), required=False, max_length=20000,
                widget=forms.Textarea(attrs={"rows": 8}),
                error_messages={"max_length": "内容过长（最多 %(limit_value)d 字）。"})
            self.initial.setdefault(attribute, getattr(report, attribute))
        self.cells = {}
        stored = report.manual_figures or {}
        for block, row, column in manual_cells(form["tables"]["t2"]):
            name = field_name(block["key"], row["key"], column["key"])
            what = f"“{row['title']}·{column['title']}”"
            messages = {"min_value": f"{what}不能为负数。", "max_value": f"{what}超出合理范围，请核对。"}
            if column["key"] in AMOUNT_COLUMNS:
                field = forms.DecimalField(
                    required=False, min_value=Decimal(0), max_digits=14, decimal_places=4,
                    widget=forms.NumberInput(attrs={"min": "0", "step": "0.0001", "inputmode": "decimal"}),
                    error_messages={**messages, "invalid": f"{what}请填写数字（单位：万元，最多四位小数）。",
                                    "max_decimal_places": f"{what}最多四位小数（即精确到元）。",
                                    "max_digits": f"{what}超出合理范围，请核对。",
                                    "max_whole_digits": f"{what}超出合理范围，请核对。"})
            else:
                field = forms.IntegerField(
                    required=False, min_value=0, max_value=MAX_COUNT,
                    widget=forms.NumberInput(attrs={"min": "0", "step": "1", "inputmode": "numeric"}),
                    error_messages={**messages, "invalid": f"{what}请填写整数件数。"})
            field.label = f"{row['title']}·{column['title']}"
            self.fields[name] = field
            self.cells[(block["key"], row["key"], column["key"])] = name
            self.initial.setdefault(name, stored.get(block["key"], {}).get(row["key"], {}).get(column["key"]))

    def manual_figures(self) -> dict:
        """The stored figures with this form's cells replaced by what was entered (blank removes one)."""
        figures = {block: {row: dict(cells) for row, cells in rows.items()}
                   for block, rows in (self.report.manual_figures or {}).items()}
        for (block, row, column), name in self.cells.items():
            value = self.cleaned_data.get(name)
            cells = figures.setdefault(block, {}).setdefault(row, {})
            if value is None:
                cells.pop(column, None)
            elif isinstance(value, Decimal):
                cells[column] = int(value) if value == value.to_integral_value() else float(value)
            else:
                cells[column] = value
        return {block: {row: cells for row, cells in rows.items() if cells}
                for block, rows in figures.items() if any(rows.values())}

    def save(self, user):
        report = self.report
        for attribute in TEXT_FIELDS.values():
            setattr(report, attribute, self.cleaned_data[attribute])
        report.manual_figures = self.manual_figures()
        report.updated_by = user
        report.save()
        return report
