"""Forms of 电子监察: the supervisors' filters (GET), the threshold rule, closing and annotating an efficiency
complaint, and the public complaint form and lookup. Chinese messages throughout; the templates say
`novalidate`, so these are the messages people see."""

from django import forms

from zhengwu.orgs.models import Agency
from zhengwu.privacy.validators import validate_mobile_phone

from . import registry
from .models import CardLevel, EfficiencyComplaint, ThresholdRule, ViolationKind

DATE_ERRORS = {"invalid": "请按 YYYY-MM-DD 格式填写日期。"}


def region_field(regions: list[Agency]) -> forms.ChoiceField:
    base = min((agency.depth for agency in regions), default=1)
    return forms.ChoiceField(
        label="地区或单位", choices=[(str(a.pk), "\u3000" * (a.depth - base) + a.name) for a in regions],
        error_messages={"invalid_choice": "请选择您有权监察的地区或单位。", "required": "请选择地区或单位。"})


def all_case_types():
    return [("", "全部类型"), *registry.choices()]


def case_type_field(label="案件类型") -> forms.ChoiceField:
    # A callable: the choices are read when a form is made, after every app has registered its case types.
    return forms.ChoiceField(label=label, required=False, choices=all_case_types,
                             error_messages={"invalid_choice": "请选择列出的案件类型。"})


class FilterForm(forms.Form):
    """A GET filter bound to the query string; `region` is resolved (and scope-checked) by the view."""

    def __init__(self, data, *, regions, **kwargs):
        super().__init__(data, auto_id="f_%s", **kwargs)
        self.fields = {"region": region_field(regions), **self.fields}

    def value(self, name, default=None):
        """A filter's cleaned value, or `default` when it is empty or has an error (shown by the field)."""
        self.is_valid()
        return self.cleaned_data.get(name) or default


class OverviewForm(FilterForm):
    type = case_type_field()


class DateRangeMixin(forms.Form):
    since = forms.DateField(label="起始日期", required=False, error_messages=DATE_ERRORS,
                            widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label="截止日期", required=False, error_messages=DATE_ERRORS,
                            widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "截止日期不能早于起始日期。")
        return data


class CardFilterForm(FilterForm, DateRangeMixin):
    level = forms.TypedChoiceField(label="级别", required=False, coerce=int, empty_value=None,
                                   choices=[("", "全部级别"), *CardLevel.choices],
                                   error_messages={"invalid_choice": "请选择列出的级别。"})
    type = case_type_field()
    open_only = forms.BooleanField(label="只看在办案件（时限未停止）", required=False)
    field_order = ["region", "level", "type", "since", "until", "open_only"]


class ViolationFilterForm(FilterForm, DateRangeMixin):
    kind = forms.ChoiceField(label="违规类型", required=False, choices=[("", "全部类型"), *ViolationKind.choices],
                             error_messages={"invalid_choice": "请选择列出的违规类型。"})
    type = case_type_field()
    field_order = ["region", "kind", "type", "since", "until"]


class LevelFilterForm(forms.Form):
    level = forms.TypedChoiceField(label="亮牌级别", required=False, coerce=int, empty_value=None,
                                   choices=[("", "全部在办案件"), *CardLevel.choices],
                                   error_messages={"invalid_choice": "请选择列出的级别。"})


# -- 亮牌规则 ---------------------------------------------------------------------------------------

class CaseTypeStepForm(forms.Form):
    """Adding a rule without JavaScript: first the case type (its matter types differ), then the rule."""

    case_type = forms.ChoiceField(label="案件类型", choices=registry.choices,
                                  error_messages={"required": "请选择案件类型。",
                                                  "invalid_choice": "请选择列出的案件类型。"})


MAX_DAYS = 60


def days_field(label, help_text=""):
    return forms.IntegerField(
        label=label, min_value=0, max_value=MAX_DAYS, help_text=help_text,
        error_messages={"required": "请填写天数。", "invalid": "请填写整数。", "min_value": "天数不能为负数。",
                        "max_value": f"天数不能超过 {MAX_DAYS}。"})


class ThresholdRuleForm(forms.ModelForm):
    """One rule of one case type (fixed by the view); the matter types offered are that type's."""

    case_type = forms.ChoiceField(label="案件类型", choices=registry.choices, disabled=True, required=False)
    matter_type = forms.ChoiceField(label="事项类型", required=False,
                                    error_messages={"invalid_choice": "请选择列出的事项类型。"})
    warn_days = days_field("预警：剩余工作日 ≤", "剩余工作日不多于此数时亮预警。")
    yellow_days = days_field("黄牌：剩余工作日 ≤", "剩余工作日不多于此数时亮黄牌。")
    red_days = days_field("红牌：超期工作日 >", "0 表示超过期限即亮红牌；2 表示超期 2 个工作日以上才亮红牌。")

    class Meta:
        model = ThresholdRule
        fields = ["case_type", "matter_type", "warn_days", "yellow_days", "red_days"]

    def __init__(self, *args, case_type: registry.CaseType, **kwargs):
        super().__init__(*args, **kwargs)
        self.case_type = case_type
        self.instance.case_type = case_type.key
        self.initial["case_type"] = case_type.key
        default = [("", "默认（该类案件未单独设置的事项类型）")]
        self.fields["matter_type"].choices = default + list(case_type.rule_choices)
        if not case_type.rule_choices:
            self.fields["matter_type"].help_text = "该案件类型不区分事项类型，只有默认规则。"

    def clean_case_type(self):
        return self.case_type.key

    def clean(self):
        data = super().clean()
        warn, yellow = data.get("warn_days"), data.get("yellow_days")
        if warn is not None and yellow is not None and warn < yellow:
            self.add_error("warn_days", "预警天数应不少于黄牌天数：剩余天数先到预警，再到黄牌。")
        matter = data.get("matter_type", "")
        if "matter_type" not in self.errors:
            taken = ThresholdRule.objects.filter(case_type=self.case_type.key, matter_type=matter)
            if self.instance.pk:
                taken = taken.exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error("matter_type", "该案件类型的这一事项类型已有规则，请修改已有的规则。")
        return data


# -- 效能投诉: the supervisors' desk -----------------------------------------------------------------

class CloseComplaintForm(forms.Form):
    finding = forms.ChoiceField(label="核查结论", choices=EfficiencyComplaint.Finding.choices,
                                widget=forms.RadioSelect,
                                error_messages={"required": "请选择核查结论。",
                                                "invalid_choice": "请选择列出的核查结论。"})
    outcome = forms.CharField(label="处理结果（将告知投诉人，并在查询页公开）", max_length=5000,
                              widget=forms.Textarea({"rows": 5}),
                              error_messages={"required": "请填写处理结果，它将告知投诉人。",
                                              "max_length": "处理结果不能超过 %(limit_value)d 字。"})


class NoteForm(forms.Form):
    text = forms.CharField(label="内部备注（投诉人不可见）", max_length=2000, widget=forms.Textarea({"rows": 3}),
                           error_messages={"required": "备注内容不能为空。",
                                           "max_length": "备注不能超过 %(limit_value)d 字。"})


class ComplaintDeskFilterForm(forms.Form):
    state = forms.ChoiceField(label="状态", required=False,
                              choices=[("", "全部"), *EfficiencyComplaint.State.choices],
                              error_messages={"invalid_choice": "请选择列出的状态。"})
    number = forms.CharField(label="投诉编号", required=False, max_length=40)


# -- 效能投诉: the public form ----------------------------------------------------------------------

class AgencySearchForm(forms.Form):
    q = forms.CharField(label="按名称查找被投诉单位", max_length=50, required=False,
                        help_text="输入单位名称中的几个字，例如“长沙县市场监督”。")


class PublicComplaintForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=Agency.objects.all(), widget=forms.HiddenInput,
                                    error_messages={"required": "请先选择被投诉单位。",
                                                    "invalid_choice": "所选单位不存在，请重新选择。"})
    case_number = forms.CharField(label="相关办件编号（选填）", max_length=40, required=False,
                                  help_text="投诉与某件办件有关时，请填写办件编号或申请编号。")
    name = forms.CharField(label="投诉人姓名", max_length=50, error_messages={"required": "请填写投诉人姓名。"})
    phone = forms.CharField(label="联系电话", max_length=20, help_text="用于接收投诉编号、查询码和办理结果短信。",
                            error_messages={"required": "请填写联系电话。"})
    content = forms.CharField(label="投诉内容", max_length=5000, widget=forms.Textarea({"rows": 6}),
                              help_text="请写明办事经过、时间、涉及的工作人员或窗口，以及您的诉求。",
                              error_messages={"required": "请填写投诉内容。",
                                              "max_length": "投诉内容不能超过 %(limit_value)d 字。"})

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip().replace(" ", "").replace("-", "")
        if phone.isdigit() and len(phone) == 11:
            validate_mobile_phone(phone)
        elif not (phone.isdigit() and 7 <= len(phone) <= 12):
            raise forms.ValidationError("请填写有效的手机号码或固定电话（含区号）。")
        return phone

    def clean_case_number(self):
        number = self.cleaned_data["case_number"].strip()
        if number and not all(ch.isalnum() or ch in "-_〔〕()（）" for ch in number):
            raise forms.ValidationError("办件编号只含字母、数字和连字符，请核对后填写或留空。")
        return number

    def clean_content(self):
        content = self.cleaned_data["content"].strip()
        if len(content) < 10:
            raise forms.ValidationError("投诉内容过短，请写明办事经过和您的诉求（至少 10 个字）。")
        return content


class LookupForm(forms.Form):
    number = forms.CharField(label="投诉编号", max_length=40, error_messages={"required": "请填写投诉编号。"})
    code = forms.CharField(label="查询码", max_length=12, error_messages={"required": "请填写查询码。"})
