"""The forms of the letter steps in the admin: each collects what one interaction.actions function needs."""

from django import forms

from zhengwu.interaction.models import OPEN_LETTER_STATES, Letter
from zhengwu.orgs.models import Agency

REQUIRED = {"required": "请填写此项。"}


class StepForm(forms.Form):
    warning = ""

    def __init__(self, data=None, *, letter, **kwargs):
        self.letter = letter
        super().__init__(data, **kwargs)


class AssignForm(StepForm):
    agency = forms.ModelChoiceField(label="交办单位", queryset=Agency.objects.none(),
                                    error_messages={"required": "请选择交办单位。",
                                                    "invalid_choice": "只能交办给信箱所属机构的下属单位。"})
    note = forms.CharField(label="交办意见（写信人可见）", required=False, max_length=500,
                           widget=forms.Textarea({"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        office = self.letter.mailbox.agency
        self.fields["agency"].queryset = Agency.objects.filter(path__startswith=office.path).exclude(
            pk=office.pk).order_by("path")


class ReasonForm(StepForm):
    reason = forms.CharField(label="理由", max_length=1000, widget=forms.Textarea({"rows": 4}),
                             error_messages=REQUIRED)


class DraftForm(StepForm):
    text = forms.CharField(label="答复内容", max_length=5000, widget=forms.Textarea({"rows": 12}),
                           error_messages=REQUIRED, help_text="答复应针对来信反映的问题，写明办理结果、依据和联系方式。")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("text", self.letter.reply_draft)


class ApproveForm(StepForm):
    publish = forms.BooleanField(label="在网站公开这封来信和答复", required=False)
    public_subject = forms.CharField(label="公开标题", required=False, max_length=100,
                                     help_text="留空则用来信标题（其中的电话、身份证号码等自动隐去）。")
    public_body = forms.CharField(label="公开的来信内容", required=False, widget=forms.Textarea({"rows": 8}),
                                  help_text="留空则用来信内容，电话、身份证号码、电子邮箱自动隐去；姓名、住址等请在此删改。")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.letter.may_publish:
            self.fields["publish"].disabled = True
            self.fields["publish"].help_text = "写信人未同意公开，这封来信不能公开。"
        else:
            self.initial.setdefault("publish", True)

    def clean(self):
        data = super().clean()
        if data.get("publish") and not self.letter.may_publish:
            self.add_error("publish", "写信人未同意公开，不能公开这封来信。")
        return data


class ReferForm(StepForm):
    where = forms.CharField(label="应向何处反映", max_length=300, error_messages=REQUIRED,
                            help_text="如：长沙市信访局，地址、电话或网上信访渠道。")
    why = forms.CharField(label="转办理由", max_length=1000, widget=forms.Textarea({"rows": 4}),
                          error_messages=REQUIRED, help_text="如：反映事项属于信访事项，依照《信访工作条例》应通过信访渠道提出。")


class GroupForm(StepForm):
    main = forms.ModelChoiceField(label="归入主信", queryset=Letter.objects.none(),
                                  error_messages={"required": "请选择主信。", "invalid_choice": "所选来信不可作为主信。"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["main"].queryset = (Letter.objects.filter(mailbox=self.letter.mailbox, group__isnull=True,
                                                              state__in=OPEN_LETTER_STATES)
                                        .exclude(pk=self.letter.pk).order_by("-received_on", "-pk"))
        self.fields["main"].label_from_instance = lambda m: f"{m.number}　{m.subject}（{m.get_state_display()}）"


class ConfirmForm(StepForm):
    pass


class NoteForm(StepForm):
    text = forms.CharField(label="备注", max_length=2000, widget=forms.Textarea({"rows": 4}), error_messages=REQUIRED)
