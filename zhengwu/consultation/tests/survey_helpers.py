"""Surveys for the tests: a 财政厅 survey with one question of each kind (drafted by desk.editor, approved by
desk.chief), and helpers to answer it, close it and read its questions."""

import datetime

from django.utils import timezone

from zhengwu.consultation import actions
from zhengwu.consultation.models import Survey

QUESTIONS = [
    {"kind": "single", "text": "您对省级政府采购网的总体评价", "required": True,
     "options": ["满意", "基本满意", "不满意"]},
    {"kind": "multiple", "text": "您最常使用哪些功能？", "required": True, "min_choices": 2, "max_choices": 3,
     "options": ["采购公告", "合同公示", "投诉处理", "政策法规", "供应商注册"]},
    {"kind": "text", "text": "您还有什么建议？", "required": False},
]


def today():
    return timezone.localdate()


def draft_survey(tree, *, agency=None, title="湖南省政府采购网用户满意度调查", questions=QUESTIONS, days=30,
                 results_while_open=False):
    survey = Survey(agency=agency or tree.czt, title=title, intro="为改进政府采购网的服务，开展本次调查。",
                    opens_on=today(), closes_on=today() + datetime.timedelta(days=days - 1),
                    show_results_while_open=results_while_open)
    return actions.save_survey(survey, actor=tree.editor, questions=questions)


def published_survey(tree, **kwargs):
    survey = draft_survey(tree, **kwargs)
    actions.submit_survey(survey, actor=tree.editor)
    return actions.approve_survey(survey, actor=tree.chief)


def close_survey(survey, days_ago=1):
    end = today() - datetime.timedelta(days=days_ago)
    Survey.objects.filter(pk=survey.pk).update(opens_on=end - datetime.timedelta(days=29), closes_on=end)
    survey.refresh_from_db()
    return survey


def questions_of(survey):
    """(single, multiple, text) questions, with their option ids in order."""
    single, multiple, text = survey.questions.order_by("number")
    return single, multiple, text


def option_ids(question):
    return list(question.options.order_by("number").values_list("pk", flat=True))


def answer(survey, phone="13812345678", *, single=0, multiple=(0, 1), text=""):
    """File a response through the action: option positions (0-based) and the open answer."""
    first, second, third = questions_of(survey)
    answers = {first.pk: ([option_ids(first)[single]], ""),
               second.pk: ([option_ids(second)[i] for i in multiple], "")}
    if text:
        answers[third.pk] = ([], text)
    return actions.submit_response(survey, phone=phone, answers=answers)


def form_data(survey, *, phone="13912345678", single=0, multiple=(0, 1), text=""):
    """The answer sheet as the page posts it."""
    first, second, third = questions_of(survey)
    data = {"phone": phone, f"question_{third.pk}": text}
    if single is not None:
        data[f"question_{first.pk}"] = str(option_ids(first)[single])
    if multiple:
        data[f"question_{second.pk}"] = [str(option_ids(second)[i]) for i in multiple]
    return data
