"""The responses of a survey as CSV for staff: one row per response, one column per question (the options
picked, joined by “；”, or the text), with the mobile number only when the caller passes the numbers it was
given by actions.record_export (administrators, each viewing recorded). UTF-8 with a BOM, so spreadsheet
programs read the Chinese; a cell a spreadsheet would take for a formula is quoted with a leading apostrophe."""

import csv
import io

from django.db.models import Prefetch
from django.utils import timezone

from zhengwu.consultation.models import Answer, QuestionKind

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    text = str(value or "")
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(survey, phones=None):
    """The CSV text of every response of `survey`; `phones` ({response id: number}) adds the number column."""
    questions = list(survey.questions.all())
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(["答卷编号", "提交时间", *(["手机号码"] if phones is not None else []),
                     *(f"{q.number}. {q.text}" for q in questions)])
    answers = Answer.objects.select_related("question").prefetch_related("options")
    responses = survey.responses.order_by("pk").prefetch_related(Prefetch("answers", queryset=answers))
    for response in responses.iterator(chunk_size=500):
        by_question = {answer.question_id: answer for answer in response.answers.all()}
        cells = []
        for question in questions:
            answer = by_question.get(question.pk)
            if answer is None:
                cells.append("")
            elif question.kind == QuestionKind.TEXT:
                cells.append(safe_cell(answer.text))
            else:
                cells.append(safe_cell("；".join(o.text for o in sorted(answer.options.all(), key=lambda o: o.number))))
        submitted = f"{timezone.localtime(response.submitted_at):%Y-%m-%d %H:%M}"
        writer.writerow([response.pk, submitted, *([phones.get(response.pk, "")] if phones is not None else []),
                         *cells])
    return out.getvalue()
