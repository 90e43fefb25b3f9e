"""Forms of the citizen's side of service cases: the online application, the progress lookup and the
好差评 rating. One set of checks and Chinese messages for the web pages and the JSON API (case_api), and the
rate limits both go through (zhengwu.throttle, as the FOI application does)."""


from django import forms
from django.core.exceptions import ValidationError

from zhengwu.cases.tracking import LOOKUPS, LookupGuard, normalize_number  # noqa: F401  (the pages' form, the API)
from zhengwu.files.extract import ALLOWED_EXTENSIONS, safe_filename, upload_help, validate_upload
from zhengwu.orgs import credit_code
from zhengwu.privacy.validators import validate_mobile_phone, validate_resident_id
from zhengwu.services.models import BAD_LEVELS, ApplicantKind, Audience, RatingLevel, ServiceCase
from zhengwu.throttle import Limit

# -- rate limits --------------------------------------------------------------------------------------------

# Applications: as many per hour and network as 依申请公开 allows before the question, and the same refusal.
APPLICATIONS = Limit("services-apply", "SERVICES_APPLICATIONS_PER_HOUR",
                     "SERVICES_APPLICATIONS_HARD_LIMIT_PER_HOUR", 5, 30)

NOT_FOUND = "未找到该办件，或查询码不正确。"


class CaseLookupGuard(LookupGuard):
    """A 办件 looked up by its number and 查询码, through the lookup limits of every case type."""

    noun = "办件编号"

    def records(self):
        return ServiceCase.objects.select_related("matter", "agency", "window_agency", "clock", "step_clock")


# -- the application ----------------------------------------------------------------------------------------

KINDS_BY_AUDIENCE = {Audience.PERSON: [ApplicantKind.PERSON], Audience.COMPANY: [ApplicantKind.COMPANY],
                     Audience.BOTH: [ApplicantKind.PERSON, ApplicantKind.COMPANY]}
REQUIRED = {"required": "请填写此项。"}


class ApplicationForm(forms.Form):
    """Applicant, the matter's own fields (`form_<name>`), one file per material (`material_<pk>`), consent."""

    applicant_kind = forms.ChoiceField(label="申请人类型", widget=forms.RadioSelect,
                                       error_messages={"required": "请选择申请人类型。",
                                                       "invalid_choice": "本事项不受理该类申请人。"})
    name = forms.CharField(label="申请人姓名或单位名称", max_length=100, error_messages=REQUIRED,
                           help_text="自然人填写身份证上的姓名；法人或其他组织填写营业执照等证照上的全称。",
                           widget=forms.TextInput({"autocomplete": "name"}))
    id_number = forms.CharField(label="证件号码", max_length=18, error_messages={
                                    "required": "请填写证件号码。", "max_length": "证件号码应为18位。"},
                                help_text="自然人填写18位居民身份证号码；法人或其他组织填写18位统一社会信用代码。",
                                widget=forms.TextInput({"autocomplete": "off", "spellcheck": "false"}))
    phone = forms.CharField(label="手机号码", max_length=20, error_messages={"required": "请填写手机号码。"},
                            help_text="用于接收办件编号、查询码和办理进度短信。",
                            widget=forms.TextInput({"autocomplete": "tel", "inputmode": "tel"}))
    consent = forms.BooleanField(
        label="我承诺所填信息和所交材料真实、有效，并同意办理部门为办理本事项使用上述信息。",
        error_messages={"required": "请阅读并勾选承诺后再提交。"})

    def __init__(self, matter, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.matter = matter
        kinds = KINDS_BY_AUDIENCE.get(matter.audience, KINDS_BY_AUDIENCE[Audience.BOTH])
        self.fields["applicant_kind"].choices = [(k.value, k.label) for k in kinds]
        self.initial.setdefault("applicant_kind", kinds[0].value)
        if kinds == [ApplicantKind.PERSON]:
            self._only("申请人姓名", "公民身份号码", "18位居民身份证号码，末位可能是X。")
        elif kinds == [ApplicantKind.COMPANY]:
            self._only("单位名称", "统一社会信用代码", "18位，见营业执照等证照。")
        self.matter_field_names = []
        for spec in matter.form_fields or []:
            name = f"form_{spec['name']}"
            self.fields[name] = forms.CharField(
                label=spec.get("label") or spec["name"], required=bool(spec.get("required")),
                help_text=spec.get("help", ""), max_length=500,
                error_messages={"required": f"请填写“{spec.get('label') or spec['name']}”。",
                                "max_length": "不能超过500个字。"})
            self.matter_field_names.append(name)
        self.material_field_names, self.requirements = [], {}
        for requirement in matter.materials.all():
            name = f"material_{requirement.pk}"
            note = f"{requirement.note.rstrip('。；; ')}。" if requirement.note else ""
            if requirement.exemption:
                note += f"免于提交：{requirement.exemption.rstrip('。；; ')}，无需上传。"
            self.fields[name] = forms.FileField(
                label=requirement.name, required=requirement.must_upload, help_text=note + upload_help(),
                widget=forms.FileInput({"accept": ",".join(f".{e}" for e in ALLOWED_EXTENSIONS)}),
                error_messages={"required": f"请上传“{requirement.name}”。", "empty": "文件为空，请重新选择。",
                                "invalid": "没有收到文件，请重新选择。"})
            self.material_field_names.append(name)
            self.requirements[name] = requirement
        self.order_fields(["applicant_kind", "name", "id_number", "phone", *self.matter_field_names,
                           *self.material_field_names, "consent"])

    def _only(self, name_label, number_label, number_help):
        """A matter for one kind of applicant: say exactly which name and number it needs."""
        self.fields["name"].label, self.fields["name"].help_text = name_label, ""
        self.fields["id_number"].label, self.fields["id_number"].help_text = number_label, number_help
        self.fields["id_number"].error_messages["required"] = f"请填写{number_label}。"

    # groups of fields for the template
    def applicant_fields(self):
        return [self[n] for n in ("applicant_kind", "name", "id_number", "phone")]

    def matter_fields(self):
        return [self[n] for n in self.matter_field_names]

    def material_fields(self):
        return [self[n] for n in self.material_field_names]

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip().replace(" ", "").replace("-", "")
        validate_mobile_phone(phone)
        return phone

    def clean(self):
        data = super().clean()
        kind, number = data.get("applicant_kind"), (data.get("id_number") or "").strip().upper()
        if number:
            if kind == ApplicantKind.COMPANY:
                message = credit_code.validate(number)
                if message:
                    self.add_error("id_number", message)
            elif kind == ApplicantKind.PERSON:
                try:
                    validate_resident_id(number)
                except ValidationError as error:
                    self.add_error("id_number", error)
        data["id_number"] = number
        for name in self.material_field_names:
            upload = data.get(name)
            if upload:
                upload.name = safe_filename(upload.name)
                try:
                    validate_upload(upload, upload.name)
                except ValidationError as error:
                    self.add_error(name, error)
        return data

    def applicant(self):
        data = self.cleaned_data
        return {"applicant_kind": data["applicant_kind"], "name": data["name"], "id_number": data["id_number"],
                "phone": data["phone"]}

    def form_data(self):
        return {name[len("form_"):]: self.cleaned_data.get(name, "").strip() for name in self.matter_field_names}

    def uploads(self):
        return [(self.requirements[n], self.cleaned_data[n]) for n in self.material_field_names
                if self.cleaned_data.get(n)]

    def take_errors(self, error: ValidationError):
        """The action's refusal, next to the field it names (or above the form)."""
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        else:
            self.add_error(None, error.messages)


# -- the rating (好差评, 一事一评) ---------------------------------------------------------------------------

# The online rating's questions (GB/T 39734-2020, cn-norms §4.4): (field name, the question as stored).
DIMENSIONS = [("dim_overall", "整体满意度"), ("dim_efficiency", "办事效率"), ("dim_guide", "办事指南精确度"),
              ("dim_convenience", "办事便捷度"), ("dim_platform", "平台操作性")]
SCORE_CHOICES = [("", "不评"), *((str(n), f"{n}分") for n in range(5, 0, -1))]
BAD_COMMENT = "差评请说明不满意的原因，以便整改。"


class RatingForm(forms.Form):
    level = forms.TypedChoiceField(
        label="总体评价", coerce=int, widget=forms.RadioSelect,
        choices=[(level.value, level.label) for level in RatingLevel],
        help_text="“不满意”和“非常不满意”为差评，办理部门将核实整改，并向您反馈整改情况。",
        error_messages={"required": "请选择评价等级。", "invalid_choice": "请选择评价等级。"})
    comment = forms.CharField(label="评价内容", required=False, max_length=1000,
                              widget=forms.Textarea({"rows": 4}),
                              help_text="选填；给差评时必填，请写明不满意的原因。不超过1000字。",
                              error_messages={"max_length": "评价内容不能超过1000字。"})
    real_name = forms.BooleanField(label="实名评价（差评将由工作人员电话回访）", required=False, initial=True,
                                   help_text="不勾选即为匿名评价，工作人员不会就此评价回访您。")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, question in DIMENSIONS:
            self.fields[name] = forms.TypedChoiceField(
                label=question, choices=SCORE_CHOICES, coerce=int, empty_value=None, required=False,
                widget=forms.RadioSelect, error_messages={"invalid_choice": "请选择1至5分，或不评。"})
            self.initial.setdefault(name, "")
        self.order_fields(["level", *(n for n, _ in DIMENSIONS), "comment", "real_name"])

    def dimension_fields(self):
        return [self[name] for name, _ in DIMENSIONS]

    def clean(self):
        data = super().clean()
        if data.get("level") in BAD_LEVELS and not (data.get("comment") or "").strip():
            self.add_error("comment", BAD_COMMENT)
        return data

    def dimensions(self):
        return {question: self.cleaned_data[name] for name, question in DIMENSIONS
                if self.cleaned_data.get(name) is not None}


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="撤回原因（选填）", required=False, max_length=500,
                             widget=forms.Textarea({"rows": 3}), error_messages={"max_length": "不能超过500字。"})


class TrackForm(forms.Form):
    number = forms.CharField(label="办件编号", max_length=40, error_messages={"required": "请填写办件编号。"},
                             help_text="如 BJ2026-00012-000001，见申请回执或短信。",
                             widget=forms.TextInput({"autocomplete": "off", "spellcheck": "false"}))
    code = forms.CharField(label="查询码", max_length=12, error_messages={"required": "请填写查询码。"},
                           help_text="8位字母和数字，见申请回执或短信，不区分大小写。",
                           widget=forms.TextInput({"autocomplete": "off", "spellcheck": "false"}))
