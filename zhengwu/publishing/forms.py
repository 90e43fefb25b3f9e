"""Forms of publishable records in the admin: the draft's form limited to the user's agencies, and the step
forms (a step that knows its record, a note for sending back, the reason for revealing a contact)."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from zhengwu.orgs import duties
from zhengwu.orgs.models import Agency

REQUIRED = {"required": "请填写此项。"}


class ScopedAgencyForm(WagtailAdminModelForm):
    """A draft's agency can only be one of the editor's own agencies (the drafting roles' scope)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "agency" in self.fields:
            self.fields["agency"].queryset = Agency.objects.in_scope(self.for_user, duties.roles("consultation.draft"))


class RecordForm(forms.Form):
    """A step form: knows the record it acts on and the request."""

    def __init__(self, *args, record=None, request=None, **kwargs):
        self.record, self.request = record, request
        super().__init__(*args, **kwargs)


class NoteForm(RecordForm):
    note = forms.CharField(label="退回意见", widget=forms.Textarea(attrs={"rows": 4}), error_messages=REQUIRED,
                           help_text="写明需要修改的内容，起草人会收到站内消息。")


class RevealForm(RecordForm):
    reason = forms.CharField(label="查看事由", max_length=200, error_messages=REQUIRED,
                             help_text="如：电话联系意见人核实意见内容。查看人、时间和事由将被记录。")
