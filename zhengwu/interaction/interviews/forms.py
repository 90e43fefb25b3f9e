"""Forms of online interviews: the public's question (one set of checks and Chinese messages for the page and
the JSON API, behind the rate limit "interview-question"), and the admin's forms — the announcement with its
guests, the transcript, and the 直播控制台's answer and remark forms (a picture is a Wagtail image upload)."""

from django import forms
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField
from wagtail.images.widgets import AdminImageChooser

from zhengwu.interaction.actions.interviews import MAX_MESSAGE_LENGTH, MAX_QUESTION_LENGTH
from zhengwu.interaction.models import Guest, QuestionState, Transcript
from zhengwu.privacy.validators import clean_contact
from zhengwu.publishing.forms import RecordForm, ScopedAgencyForm
from zhengwu.throttle import Limit

# Questions: five an hour from one network go straight through, then the text question, thirty at most.
QUESTIONS = Limit("interview-question", "INTERVIEW_QUESTIONS_SOFT_LIMIT", "INTERVIEW_QUESTIONS_HARD_LIMIT",
                            5, 30)
REQUIRED = {"required": "请填写此项。"}


# -- the public's question -------------------------------------------------------------------------------------

class QuestionForm(forms.Form):
    text = forms.CharField(label="问题", max_length=MAX_QUESTION_LENGTH, error_messages={
        "required": "请填写问题内容。", "max_length": f"问题不能超过 {MAX_QUESTION_LENGTH} 字。"},
        help_text=f"不超过 {MAX_QUESTION_LENGTH} 字。问题经审核采用后公开，其中的电话号码、电子邮箱和身份证号码将部分隐藏。",
        widget=forms.Textarea(attrs={"rows": 5}))
    nickname = forms.CharField(label="网名", max_length=30, required=False,
                               error_messages={"max_length": "网名不能超过 30 个字。"},
                               help_text="公开显示的称呼，可不填（显示为“网友”）。请勿填写真实姓名。",
                               widget=forms.TextInput(attrs={"autocomplete": "nickname"}))
    contact = forms.CharField(label="联系方式", max_length=100, required=False,
                              help_text="选填。手机号码或电子邮箱，仅供主办单位联系核实，不会公开；提问被采用时通知您。",
                              widget=forms.TextInput(attrs={"autocomplete": "tel"}))
    field_order = ["text", "nickname", "contact"]

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError("请填写问题内容。")
        return text

    def clean_nickname(self):
        return self.cleaned_data["nickname"].strip()

    def clean_contact(self):
        value = self.cleaned_data["contact"].strip()
        return clean_contact(value) if value else ""

    def submission(self):
        """The keyword arguments of actions.interviews.submit_question."""
        return {name: self.cleaned_data[name] for name in ("nickname", "text", "contact")}


# -- the announcement and its guests ---------------------------------------------------------------------------

class InterviewForm(ScopedAgencyForm):
    """The announcement; its agency only one of the editor's own (the drafting roles' scope). The date-time
    fields get Wagtail's picker from WagtailAdminModelForm's field overrides."""


class GuestForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=50, required=False)
    post = forms.CharField(label="职务", max_length=100, required=False)
    photo = forms.ModelChoiceField(label="照片（可不选）", queryset=get_image_model().objects.all(), required=False,
                                   widget=AdminImageChooser)

    def clean(self):
        data = super().clean()
        if data.get("name") and not data.get("post") and not data.get("DELETE"):
            self.add_error("post", "请填写嘉宾职务。")
        return data


GuestFormSet = forms.formset_factory(GuestForm, extra=2, can_delete=True)


def guest_initial(interview):
    if interview is None or not interview.pk:
        return []
    return [{"name": g.name, "post": g.post, "photo": g.photo_id} for g in interview.guests.all()]


def guest_rows(formset):
    return [form.cleaned_data for form in formset.forms
            if form.cleaned_data.get("name") and not form.cleaned_data.get("DELETE")]


# -- steps and the console -------------------------------------------------------------------------------------

class TranscriptForm(RecordForm):
    summary = forms.CharField(label="访谈综述", widget=forms.Textarea(attrs={"rows": 10}), error_messages=REQUIRED,
                              help_text=Transcript._meta.get_field("summary").help_text
                              + "文字实录包括直播中发布的全部提问、回答和图片，按发布顺序排列。")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        transcript = Transcript.objects.filter(interview=self.record).first()
        if transcript is not None and not self.is_bound:
            self.initial["summary"] = transcript.summary


class QuestionRejectForm(RecordForm):
    reason = forms.CharField(label="不予采用的理由", max_length=200, error_messages=REQUIRED,
                             help_text="如：重复提问；与访谈主题无关；含有侮辱、谩骂内容；广告。理由不公开，记入审核记录。")


class PictureFields(forms.Form):
    image = WagtailImageField(label="图片（可不选）", required=False,
                              help_text="JPG、PNG、GIF 或 WebP 图片，发布后所有观众可见。")
    image_caption = forms.CharField(label="图片说明", max_length=200, required=False,
                                    help_text="简要说明图片内容，供读屏软件朗读。")

    def clean(self):
        data = super().clean()
        if data.get("image") and not data.get("image_caption"):
            self.add_error("image_caption", "请填写图片说明。")
        return data


class RemarkForm(PictureFields):
    text = forms.CharField(label="主持人发言", max_length=MAX_MESSAGE_LENGTH, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))
    field_order = ["text", "image", "image_caption"]

    def clean(self):
        data = super().clean()
        if not data.get("text") and not data.get("image") and not self.errors:
            raise forms.ValidationError("请填写发言内容或选择一张图片。")
        return data


class AnswerForm(PictureFields):
    guest = forms.ModelChoiceField(label="回答嘉宾", queryset=Guest.objects.none(), empty_label=None,
                                   error_messages={"required": "请选择回答的嘉宾。", "invalid_choice": "请选择本场访谈的嘉宾。"})
    question = forms.TypedChoiceField(label="所答问题", coerce=int, empty_value=None, required=False)
    text = forms.CharField(label="回答内容", max_length=MAX_MESSAGE_LENGTH, required=False,
                           widget=forms.Textarea(attrs={"rows": 5}))
    field_order = ["guest", "question", "text", "image", "image_caption"]

    def __init__(self, *args, interview, **kwargs):
        super().__init__(*args, **kwargs)
        self.interview = interview
        self.fields["guest"].queryset = interview.guests.all()
        self.questions = {q.pk: q for q in interview.questions.filter(
            state=QuestionState.SELECTED, messages__kind="question").distinct().order_by("-pk")}
        self.fields["question"].choices = [("", "（不针对某一问题）")] + [
            (pk, f"编号 {pk}：{q.public_text[:30]}{'…' if len(q.text) > 30 else ''}") for pk, q in self.questions.items()]
        self.fields["question"].error_messages["invalid_choice"] = "所选问题尚未向嘉宾提出。"
        if self.questions and not self.is_bound:
            self.initial["question"] = next(iter(self.questions))  # the latest question put

    def clean(self):
        data = super().clean()
        if not data.get("text") and not data.get("image") and not self.errors:
            raise forms.ValidationError("请填写回答内容或选择一张图片。")
        return data

    def answer(self):
        data = self.cleaned_data
        return {"guest": data["guest"], "question": self.questions.get(data.get("question")), "text": data["text"],
                "image_caption": data["image_caption"]}
