"""The public's answer sheet of a survey: one field per question (radio buttons, check boxes or a text box) and
the mobile number. The rules and their Chinese messages are actions.surveys.answer_problem, so the page, the
API and the action refuse the same things in the same words. The rate limit of scope "survey-response" is the
one the page and the API both go through."""

from django import forms
from django.core.exceptions import ValidationError

from zhengwu.consultation.actions import ActionRefused
from zhengwu.consultation.actions.surveys import answer_problem, clean_phone, empty_answer_message
from zhengwu.consultation.models import QuestionKind
from zhengwu.throttle import Limit

# Responses: five an hour from one network go straight through, then the question, thirty at most (a household
# or an office shares one network; the phone number, not the network, is what keeps a person to one response).
SURVEY_RESPONSES = Limit("survey-response", "SURVEY_RESPONSES_SOFT_LIMIT", "SURVEY_RESPONSES_HARD_LIMIT", 5, 30)

INVALID_OPTION = "所选选项不属于本题，请重新选择。"


def field_name(question):
    return f"question_{question.pk}"


def question_field(question):
    label = f"{question.number}. {question.text}"
    help_text = question.rule_text + (f"。{question.note}" if question.note else "。")
    messages = {"required": empty_answer_message(question), "invalid_choice": INVALID_OPTION,
                "invalid_list": INVALID_OPTION}
    choices = [(str(option.pk), option.text) for option in question.options.all()]
    if question.kind == QuestionKind.SINGLE:
        return forms.ChoiceField(label=label, help_text=help_text, choices=choices, required=question.required,
                                 widget=forms.RadioSelect, error_messages=messages)
    if question.kind == QuestionKind.MULTIPLE:
        return forms.MultipleChoiceField(label=label, help_text=help_text, choices=choices,
                                         required=question.required, widget=forms.CheckboxSelectMultiple,
                                         error_messages=messages)
    return forms.CharField(label=label, help_text=help_text, required=question.required, strip=True,
                           error_messages=messages, widget=forms.Textarea(attrs={"rows": 4}))


class SurveyResponseForm(forms.Form):
    phone = forms.CharField(
        label="手机号码", max_length=30, error_messages={"required": "请填写手机号码。"},
        help_text="每个手机号码只能参与一次本调查。号码加密保存，仅用于防止重复提交，不会公开，也不会用于其他用途。",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "numeric"}))

    def __init__(self, survey, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.questions = list(survey.questions.all())
        for question in self.questions:
            self.fields[field_name(question)] = question_field(question)
        self.order_fields([*(field_name(q) for q in self.questions), "phone"])

    def question_fields(self):
        return [self[field_name(question)] for question in self.questions]

    def clean_phone(self):
        try:
            return clean_phone(self.cleaned_data["phone"])
        except ActionRefused as refusal:
            raise ValidationError(str(refusal)) from None

    def clean(self):
        data = super().clean()
        for question in self.questions:
            name = field_name(question)
            if name not in data:  # already refused by the field itself
                continue
            option_ids, text = self._answer(question, data[name])
            problem = answer_problem(question, option_ids, text)
            if problem:
                self.add_error(name, problem)
        return data

    @staticmethod
    def _answer(question, value):
        if question.kind == QuestionKind.TEXT:
            return [], value or ""
        values = value if isinstance(value, list) else [value] if value else []
        return [int(v) for v in values], ""

    def submission(self):
        """The keyword arguments of actions.submit_response."""
        answers = {}
        for question in self.questions:
            option_ids, text = self._answer(question, self.cleaned_data.get(field_name(question)))
            if option_ids or text:
                answers[question.pk] = (option_ids, text)
        return {"phone": self.cleaned_data["phone"], "answers": answers}
