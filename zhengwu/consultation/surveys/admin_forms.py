"""Forms of the survey admin: the questions formset under the survey's fields (one line per question, options
one per line, the order as listed or as numbered in 排序), moderating an open answer, and the export."""

from django import forms
from django.core.exceptions import ValidationError

from zhengwu.consultation.actions import ActionRefused
from zhengwu.consultation.actions.surveys import check_question
from zhengwu.consultation.admin_forms import REQUIRED, RecordForm
from zhengwu.consultation.models import Answer, CommentState, QuestionKind


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label="题型", choices=[("", "请选择")] + QuestionKind.choices, required=False)
    question_text = forms.CharField(label="题目", max_length=300, required=False)
    options = forms.CharField(label="选项（选择题，每行一个）", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    note = forms.CharField(label="说明（可选）", max_length=300, required=False,
                           help_text="如：“请根据近一年的办事经历回答”。")
    min_choices = forms.IntegerField(label="最少选几项（多选题，可不填）", min_value=1, required=False,
                                     error_messages={"min_value": "请填写 1 或更大的数。", "invalid": "请填写整数。"})
    max_choices = forms.IntegerField(label="最多选几项（多选题，可不填）", min_value=1, required=False,
                                     error_messages={"min_value": "请填写 1 或更大的数。", "invalid": "请填写整数。"})
    required = forms.BooleanField(label="必答", required=False, initial=True)

    @property
    def is_blank(self):
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return not data.get("kind") and not (data.get("question_text") or "").strip() and not (
            data.get("options") or "").strip()

    def spec(self):
        data = self.cleaned_data
        return {"kind": data.get("kind"), "text": data.get("question_text"), "note": data.get("note"),
                "required": data.get("required"), "min_choices": data.get("min_choices"),
                "max_choices": data.get("max_choices"), "options": (data.get("options") or "").splitlines()}

    def clean(self):
        data = super().clean()
        if self.is_blank or data.get("DELETE") or self.errors:
            return data
        try:
            check_question(self.spec())
        except ActionRefused as refusal:
            raise ValidationError(str(refusal)) from None
        return data


QuestionFormSet = forms.formset_factory(QuestionForm, extra=2, can_delete=True, can_order=True)


def initial_questions(survey):
    if survey is None or not survey.pk:
        return [{"kind": QuestionKind.SINGLE, "required": True}]
    return [{"kind": q.kind, "question_text": q.text, "note": q.note, "required": q.required,
             "min_choices": q.min_choices, "max_choices": q.max_choices,
             "options": "\n".join(o.text for o in q.options.all())}
            for q in survey.questions.prefetch_related("options")]


def question_specs(formset):
    """The filled, not deleted lines in the order chosen (排序, then as listed)."""
    return [form.spec() for form in formset.ordered_forms if not form.is_blank]


class ModerateAnswerForm(RecordForm):
    answer = forms.ModelChoiceField(label="回答", queryset=Answer.objects.none(), error_messages={
        "required": "请选择要审核的回答。", "invalid_choice": "该回答不属于本调查。"})
    decision = forms.ChoiceField(label="审核结果", widget=forms.RadioSelect, error_messages={
        "required": "请选择审核结果。"}, choices=[(CommentState.APPROVED, "审核通过，随调查结果公开"),
                                                 (CommentState.REJECTED, "不予公开")])
    reason = forms.CharField(label="不予公开的理由", max_length=200, required=False,
                             help_text="不予公开的须写明理由，如：含有侮辱、谩骂内容；广告；涉及个人隐私。理由不公开。")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        answers = (Answer.objects.filter(response__survey=self.record, question__kind=QuestionKind.TEXT)
                   .select_related("question").order_by("pk"))
        self.fields["answer"].queryset = answers
        self.fields["answer"].label_from_instance = lambda a: (
            f"编号 {a.pk}（第 {a.question.number} 题，{a.get_state_display()}）：{a.text[:40]}"
            f"{'…' if len(a.text) > 40 else ''}")
        wanted = self.request.GET.get("answer") if self.request else None
        if wanted and wanted.isdigit() and not self.is_bound:
            self.initial["answer"] = int(wanted)

    def clean(self):
        data = super().clean()
        if data.get("decision") == CommentState.REJECTED and not (data.get("reason") or "").strip():
            self.add_error("reason", "不予公开的，请写明理由。")
        return data


class ExportForm(forms.Form):
    with_phones = forms.BooleanField(label="包含手机号码（将逐份记录查看）", required=False)
    reason = forms.CharField(label="导出手机号码的事由", max_length=200, required=False,
                             help_text="如：向参与人回访核实调查意见。查看人、时间和事由将被记录。")

    def __init__(self, *args, may_export_phones=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_export_phones:
            del self.fields["with_phones"]
            del self.fields["reason"]

    def clean(self):
        data = super().clean()
        if data.get("with_phones") and not (data.get("reason") or "").strip():
            self.add_error("reason", REQUIRED["required"])
        return data
