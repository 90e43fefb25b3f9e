"""Forms of the mailbox pages: writing a letter, looking it up by number and code, rating the reply. One set of
checks and Chinese messages for the pages and the JSON API; the rate limits both go through (zhengwu.throttle)."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from zhengwu.cases.tracking import LOOKUPS, LookupGuard  # noqa: F401  (LOOKUPS: the API's question)
from zhengwu.files.extract import ALLOWED_EXTENSIONS, safe_filename, upload_help, validate_upload
from zhengwu.interaction.models import Letter, LetterCategory, LetterRating
from zhengwu.privacy.validators import validate_mobile_phone
from zhengwu.throttle import Limit

# Letters: three an hour from one network go straight through, then the question, twenty at most.
LETTERS = Limit("interaction-letter", "INTERACTION_LETTERS_SOFT_LIMIT", "INTERACTION_LETTERS_HARD_LIMIT", 3, 20)

MAX_SUBJECT = 100
MAX_BODY = 3000
MAX_FILES = 3
REQUIRED = {"required": "请填写此项。"}
NOT_FOUND = "未找到该来信，或查询码不正确。请核对写信回执或短信中的信件编号和查询码（查询码不区分大小写）。"


class LetterLookupGuard(LookupGuard):
    noun = "信件编号"

    def records(self):
        return Letter.objects.select_related("mailbox", "agency", "reply_agency", "clock")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented recipe): cleans to a list, empty when none chosen."""

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleFileField, self).clean(upload, initial) for upload in uploads if upload]


class LetterForm(forms.Form):
    category = forms.ChoiceField(label="来信类别", choices=LetterCategory.choices, widget=forms.RadioSelect,
                                 error_messages={"required": "请选择来信类别。", "invalid_choice": "来信类别不正确。"})
    subject = forms.CharField(label="标题", max_length=MAX_SUBJECT, error_messages={
        **REQUIRED, "max_length": f"标题不能超过 {MAX_SUBJECT} 字。"}, help_text="概括反映的问题，如“某小区路灯长期不亮”。")
    body = forms.CharField(label="来信内容", max_length=MAX_BODY, widget=forms.Textarea(attrs={"rows": 10}),
                           error_messages={**REQUIRED, "max_length": f"来信内容不能超过 {MAX_BODY} 字。"},
                           help_text=f"请写明时间、地点、事情经过和您的诉求，不超过 {MAX_BODY} 字。")
    files = MultipleFileField(label="附件（可选）", required=False, error_messages={
                                  "empty": "文件为空，请重新选择。", "invalid": "没有收到文件，请重新选择。"},
                            widget=MultipleFileInput({"accept": ",".join(f".{e}" for e in ALLOWED_EXTENSIONS)}),
                            help_text=f"最多 {MAX_FILES} 个文件，仅办理人员可见，不会公开。")
    name = forms.CharField(label="姓名", max_length=50, error_messages=REQUIRED,
                           widget=forms.TextInput({"autocomplete": "name"}))
    phone = forms.CharField(label="手机号码", max_length=20, error_messages=REQUIRED,
                            widget=forms.TextInput({"autocomplete": "tel", "inputmode": "numeric"}),
                            help_text="用于接收信件编号、查询码和办理结果短信。")
    email = forms.CharField(label="电子邮箱（可选）", max_length=100, required=False,
                            widget=forms.EmailInput({"autocomplete": "email"}))
    address = forms.CharField(label="通信地址（可选）", max_length=200, required=False,
                              widget=forms.TextInput({"autocomplete": "street-address"}))
    may_publish = forms.BooleanField(label="同意在网站公开我的来信和答复（姓名、电话等个人信息将隐去）", required=False)
    pledge = forms.BooleanField(label="我承诺所反映的情况真实，不捏造、歪曲事实", error_messages={
        "required": "请阅读并勾选真实性承诺。"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text += upload_help()

    def clean_subject(self):
        return self.cleaned_data["subject"].strip()

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if len(body) < 10:
            raise ValidationError("来信内容过短，请写明具体情况（至少 10 个字）。")
        return body

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip().replace(" ", "").replace("-", "")
        validate_mobile_phone(phone)
        return phone

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                raise ValidationError("电子邮箱格式不正确。") from None
        return email

    def clean_files(self):
        uploads = self.cleaned_data["files"]
        if len(uploads) > MAX_FILES:
            raise ValidationError(f"附件最多 {MAX_FILES} 个，您选择了 {len(uploads)} 个。")
        for upload in uploads:
            upload.name = safe_filename(upload.name)
            validate_upload(upload, upload.name)
        return uploads

    def submission(self):
        data = self.cleaned_data
        return {key: data[key] for key in ("category", "subject", "body", "name", "phone", "email", "address",
                                           "may_publish")}


class TrackForm(forms.Form):
    number = forms.CharField(label="信件编号", max_length=40, error_messages={"required": "请填写信件编号。"},
                             help_text="如 XJ2026-00001-00012，见写信回执或短信。",
                             widget=forms.TextInput({"autocomplete": "off", "spellcheck": "false"}))
    code = forms.CharField(label="查询码", max_length=12, error_messages={"required": "请填写查询码。"},
                           help_text="8位字母和数字，见写信回执或短信，不区分大小写。",
                           widget=forms.TextInput({"autocomplete": "off", "spellcheck": "false"}))


class RatingForm(forms.Form):
    rating = forms.ChoiceField(label="您对答复的评价", choices=LetterRating.choices, widget=forms.RadioSelect,
                               error_messages={"required": "请选择满意、基本满意或不满意。",
                                               "invalid_choice": "请选择满意、基本满意或不满意。"})
    comment = forms.CharField(label="评价意见", max_length=500, required=False, widget=forms.Textarea({"rows": 3}),
                              help_text="选择“不满意”时请说明原因。")

    def clean(self):
        data = super().clean()
        if data.get("rating") == LetterRating.UNSATISFIED and not (data.get("comment") or "").strip():
            self.add_error("comment", "选择“不满意”时请说明原因，以便改进。")
        return data
