"""Forms of the public side: a comment on a draft and a registration for a hearing. One set of checks and
Chinese messages for the web pages and the JSON API, and the rate limits both go through
(zhengwu.throttle.Limit, with its numbers from settings when they are given there)."""


from django import forms

from zhengwu.consultation.actions.comments import MAX_COMMENT_LENGTH
from zhengwu.consultation.actions.hearings import MAX_STATEMENT_LENGTH
from zhengwu.consultation.models import Interest, Position
from zhengwu.privacy.validators import clean_contact
from zhengwu.throttle import Limit

# Comments: five an hour from one network go straight through, then the question, thirty at most.
COMMENTS = Limit("consultation-comment", "CONSULTATION_COMMENTS_SOFT_LIMIT", "CONSULTATION_COMMENTS_HARD_LIMIT",
                 5, 30)
# Hearing registrations: the same numbers, counted apart.
REGISTRATIONS = Limit("hearing-registration", "HEARING_REGISTRATIONS_SOFT_LIMIT",
                      "HEARING_REGISTRATIONS_HARD_LIMIT", 5, 30)

REQUIRED = {"required": "请填写此项。"}


class ContactFields(forms.Form):
    name = forms.CharField(label="姓名", max_length=50, error_messages=REQUIRED,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    contact = forms.CharField(label="联系方式", max_length=100, error_messages=REQUIRED,
                              help_text="手机号码或电子邮箱，仅供起草单位与您联系，不会公开。",
                              widget=forms.TextInput(attrs={"autocomplete": "tel"}))

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean_contact(self):
        return clean_contact(self.cleaned_data["contact"])


class CommentForm(ContactFields):
    """Whole draft or one article (by id), who is writing, and the opinion."""

    article = forms.TypedChoiceField(label="意见针对", coerce=int, empty_value=None, required=False)
    anonymous = forms.BooleanField(label="公开时不显示我的姓名（显示为“匿名网友”）", required=False)
    text = forms.CharField(label="意见内容", max_length=MAX_COMMENT_LENGTH, error_messages={
        **REQUIRED, "max_length": f"意见内容不能超过 {MAX_COMMENT_LENGTH} 字。"},
        help_text=f"请具体写明修改建议和理由，不超过 {MAX_COMMENT_LENGTH} 字。意见经审核后公开，"
                  "其中的电话号码、电子邮箱和身份证号码将部分隐藏。",
        widget=forms.Textarea(attrs={"rows": 8}))
    field_order = ["article", "text", "name", "anonymous", "contact"]

    def __init__(self, consultation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.articles = {article.pk: article for article in consultation.articles.all()}
        self.fields["article"].choices = [("", "草案整体")] + [
            (pk, f"{article.label}　{article.text[:24]}{'…' if len(article.text) > 24 else ''}")
            for pk, article in self.articles.items()]
        self.fields["article"].error_messages["invalid_choice"] = "所选条文不属于该草案。"

    def clean_text(self):
        return self.cleaned_data["text"].strip()

    def submission(self):
        """The keyword arguments of actions.submit_comment."""
        data = self.cleaned_data
        return {"name": data["name"], "contact": data["contact"], "text": data["text"],
                "anonymous": data["anonymous"], "article": self.articles.get(data["article"])}


class RegistrationForm(ContactFields):
    interest = forms.ChoiceField(label="身份", choices=Interest.choices, widget=forms.RadioSelect,
                                 error_messages={"required": "请选择您的身份。", "invalid_choice": "请选择列出的身份。"})
    position = forms.ChoiceField(label="观点倾向", choices=Position.choices, widget=forms.RadioSelect,
                                 error_messages={"required": "请选择观点倾向。", "invalid_choice": "请选择列出的观点倾向。"})
    statement = forms.CharField(label="主要观点", max_length=MAX_STATEMENT_LENGTH, error_messages={
        **REQUIRED, "max_length": f"主要观点不能超过 {MAX_STATEMENT_LENGTH} 字。"},
        help_text="拟在听证会上陈述的主要观点和理由，供遴选参考。", widget=forms.Textarea(attrs={"rows": 6}))
    field_order = ["name", "contact", "interest", "position", "statement"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].help_text = "手机号码或电子邮箱，用于通知遴选结果，不会公开。"

    def submission(self):
        return {name: self.cleaned_data[name] for name in ("name", "contact", "interest", "position", "statement")}
