"""The fields of every case type's step forms in the admin, with their Chinese messages, and the base form of
one step on one case. The forms only check what a form can; the action decides (ActionRefused)."""

from django import forms


def _messages(required=None, **extra):
    return {"required": required, **extra} if required else extra


def text(label, required=None, rows=3, help_text="", max_length=None):
    """A text area; `required` is the Chinese message shown when it is left empty (None: optional)."""
    return forms.CharField(label=label, required=bool(required), help_text=help_text, max_length=max_length,
                           widget=forms.Textarea({"rows": rows}), error_messages=_messages(required))


def line(label, required=None, help_text="", max_length=200):
    return forms.CharField(label=label, required=bool(required), help_text=help_text, max_length=max_length,
                           error_messages=_messages(required, max_length="不能超过 %(limit_value)d 个字。"))


def day(label, required=None, help_text="留空为今天。"):
    return forms.DateField(label=label, required=bool(required), help_text=help_text,
                           widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d"),
                           error_messages=_messages(required, invalid="请按“年-月-日”填写日期，例如 2025-10-09。"))


def choice(label, choices, required, widget=None, help_text=""):
    return forms.ChoiceField(label=label, choices=choices, widget=widget or forms.RadioSelect, help_text=help_text,
                             error_messages={"required": required, "invalid_choice": required})


def workdays(label, initial, low, high, help_text=""):
    message = f"请填写 {low} 至 {high} 之间的工作日数。"
    return forms.IntegerField(label=label, initial=initial, min_value=low, max_value=high, help_text=help_text,
                              error_messages={"required": message, "invalid": message, "min_value": message,
                                              "max_value": message})


class ActionForm(forms.Form):
    """A form for one step on one case (`case`), or on one of its parts (`item`: an FOI consultation, an
    extension, a remedy)."""

    def __init__(self, *args, case=None, item=None, **kwargs):
        self.case, self.item = case, item
        super().__init__(*args, **kwargs)
        self.setup()

    def setup(self):
        pass


def person(user):
    """Who took a step, as the timeline names them."""
    if user is None:
        return "系统"
    return user.get_full_name() or user.username


class RevealForm(forms.Form):
    """Why a clerk opens an applicant's full personal data (privacy.access.reveal records who, when and why)."""

    reason = forms.CharField(label="查看原因", max_length=200,
                             error_messages={"required": "请填写查看完整个人信息的原因。",
                                             "max_length": "查看原因不能超过200个字。"})
