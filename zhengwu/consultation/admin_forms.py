"""Forms of the 决策公开 admin: the drafts (consultation, catalog item, hearing notice) with their line
formsets, and the step forms (a note, a reason, the feedback, a selection, the hearing record)."""

from django import forms
from django.core.exceptions import ValidationError
from wagtail.admin.widgets import AdminDateInput
from wagtail.documents import get_document_model
from wagtail.documents.widgets import AdminDocumentChooser

from zhengwu.consultation.actions import DRAFT_ROLES
from zhengwu.consultation.drafts.numerals import join_articles
from zhengwu.consultation.models import (
    CommentState,
    Consultation,
    Feedback,
    Hearing,
    HearingReport,
    Outcome,
    Registration,
    Selection,
    Stage,
    StageStatus,
)
from zhengwu.orgs.models import scoped
from zhengwu.publishing.forms import REQUIRED, NoteForm, RecordForm, RevealForm, ScopedAgencyForm  # noqa: F401

# -- consultation ----------------------------------------------------------------------------------------------

class ConsultationForm(ScopedAgencyForm):
    draft_text = forms.CharField(
        label="草案正文", error_messages=REQUIRED, widget=forms.Textarea(attrs={"rows": 24}),
        help_text="粘贴草案全文：每一条另起一行，以“第一条”“第二条”……开头；章节标题（如“第二章 申请与受理”）单独成行。"
                  "保存时按条拆分，公众可以针对某一条提出意见。")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["draft_text"] = join_articles(self.instance.articles.all())


class AttachmentForm(forms.Form):
    document = forms.ModelChoiceField(label="文件", queryset=get_document_model().objects.all(), required=False,
                                      widget=AdminDocumentChooser)
    title = forms.CharField(label="附件名称（留空则用文件标题）", max_length=200, required=False)

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document is not None and document.private:
            raise ValidationError("附件须为公开文件，请选择未设为“不公开”的文件。")
        return document


AttachmentFormSet = forms.formset_factory(AttachmentForm, extra=1, can_delete=True)


def attachment_rows(formset):
    """(document, title) pairs of the filled, not deleted lines."""
    return [(form.cleaned_data["document"], form.cleaned_data.get("title", ""))
            for form in formset.forms
            if form.cleaned_data.get("document") and not form.cleaned_data.get("DELETE")]


# -- decision catalog ------------------------------------------------------------------------------------------

class DecisionItemForm(ScopedAgencyForm):
    """A published item keeps its fields; only its stages change (through actions.record_progress)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, model in (("consultation", Consultation), ("hearing", Hearing)):
            if name in self.fields:
                self.fields[name].queryset = scoped(model.objects.all(), self.for_user, DRAFT_ROLES)
        if self.instance.pk and self.instance.is_published:
            for field in self.fields.values():
                field.disabled = True


class StageForm(forms.Form):
    stage = forms.ChoiceField(choices=Stage.choices, widget=forms.HiddenInput)
    status = forms.ChoiceField(label="进展", choices=StageStatus.choices)
    done_on = forms.DateField(label="完成日期", required=False, widget=AdminDateInput)
    note = forms.CharField(label="说明", max_length=300, required=False)

    @property
    def stage_label(self):
        value = self.initial.get("stage") or self.data.get(self.add_prefix("stage"))
        return Stage(value).label if value in Stage.values else ""


StageFormSet = forms.formset_factory(StageForm, extra=0)


def stage_initial(item):
    existing = item.stage_map() if item is not None and item.pk else {}
    return [{"stage": stage.value, "status": existing[stage].status if stage in existing else StageStatus.PENDING,
             "done_on": existing[stage].done_on if stage in existing else None,
             "note": existing[stage].note if stage in existing else ""} for stage in Stage]


def stage_values(formset):
    return {form.cleaned_data["stage"]: form.cleaned_data for form in formset.forms}


# -- step forms ------------------------------------------------------------------------------------------------

class RejectForm(RecordForm):
    reason = forms.CharField(label="不予公开的理由", max_length=200, error_messages=REQUIRED,
                             help_text="如：含有侮辱、谩骂内容；广告；与草案无关。理由不公开，记入审核记录。")


class SelectForm(RecordForm):
    registration = forms.ModelChoiceField(label="报名", queryset=Registration.objects.none(),
                                          error_messages={"required": "请选择报名。"})
    decision = forms.TypedChoiceField(label="遴选结果", coerce=lambda v: v == "selected", widget=forms.RadioSelect,
                                      choices=[(Selection.SELECTED, "选定"), (Selection.NOT_SELECTED, "未选定")],
                                      error_messages={"required": "请选择遴选结果。"})
    reason = forms.CharField(label="说明", max_length=200, required=False,
                             help_text="未选定的须写明理由（如名额已满、与听证事项无利害关系），将告知报名人。")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        registrations = self.record.registrations.order_by("pk")
        self.fields["registration"].queryset = registrations
        self.fields["registration"].label_from_instance = lambda r: (
            f"编号 {r.pk}：{r.public_name}，{r.get_interest_display()}，{r.get_position_display()}"
            f"（{r.get_selection_display()}）")
        wanted = self.request.GET.get("registration") if self.request else None
        if wanted and wanted.isdigit() and not self.is_bound:
            self.initial["registration"] = int(wanted)


class ReportForm(RecordForm):
    record_text = forms.CharField(label="听证笔录摘要", widget=forms.Textarea(attrs={"rows": 10}),
                                  error_messages=REQUIRED, help_text=HearingReport._meta.get_field("record").help_text)
    result = forms.CharField(label="听证结果", widget=forms.Textarea(attrs={"rows": 6}), error_messages=REQUIRED,
                             help_text=HearingReport._meta.get_field("result").help_text)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        report = HearingReport.objects.filter(hearing=self.record).first()
        if report is not None and not self.is_bound:
            self.initial.update(record_text=report.record, result=report.result)


class FeedbackItemForm(forms.Form):
    opinion = forms.CharField(label="意见概述", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    article = forms.TypedChoiceField(label="涉及条文", coerce=int, empty_value=None, required=False)
    comments = forms.TypedMultipleChoiceField(label="对应的公众意见", coerce=int, required=False,
                                              widget=forms.CheckboxSelectMultiple)
    outcome = forms.ChoiceField(label="处理结果", choices=[("", "请选择")] + Outcome.choices, required=False)
    reason = forms.CharField(label="说明", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, articles=(), comments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article"].choices = [("", "草案整体")] + [(a.pk, a.label) for a in articles]
        self.fields["comments"].choices = [
            (c.pk, f"编号 {c.pk}（{c.target_label}）：{c.text[:40]}{'…' if len(c.text) > 40 else ''}")
            for c in comments]

    @property
    def is_blank(self):
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return not (data.get("opinion") or "").strip() and not data.get("comments")


class FeedbackForm(RecordForm):
    """The summary and, below it, one line per answered opinion (one comment, or several grouped). With no
    feedback yet, a line is offered for each comment shown to the public, its text as the opinion."""

    summary = forms.CharField(label="采纳情况说明", widget=forms.Textarea(attrs={"rows": 6}), error_messages=REQUIRED,
                              help_text="总体情况：收到意见的数量、主要意见和采纳情况。")

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        consultation = self.record
        feedback = Feedback.objects.filter(consultation=consultation).first()
        shown = list(consultation.comments.filter(state=CommentState.APPROVED).select_related("article")
                     .order_by("pk"))
        if feedback is not None:
            self.initial.setdefault("summary", feedback.summary)
            initial = [{"opinion": i.opinion, "article": i.article_id, "outcome": i.outcome, "reason": i.reason,
                        "comments": [c.pk for c in i.comments.all()]} for i in feedback.items.all()]
        else:
            initial = [{"opinion": c.text, "article": c.article_id, "comments": [c.pk]} for c in shown]
        formset_class = forms.formset_factory(FeedbackItemForm, extra=2, can_delete=True)
        self.formset = formset_class(data, initial=initial, prefix=f"{self.prefix}-items",
                                     form_kwargs={"articles": list(consultation.articles.all()), "comments": shown})

    def is_valid(self):
        valid = super().is_valid()
        return self.formset.is_valid() and valid

    def items(self):
        return [{"opinion": f.cleaned_data["opinion"], "article": f.cleaned_data["article"],
                 "outcome": f.cleaned_data["outcome"], "reason": f.cleaned_data["reason"],
                 "comments": f.cleaned_data["comments"]}
                for f in self.formset.forms if not f.cleaned_data.get("DELETE") and not f.is_blank]
