"""Surveys through their actions: drafting rules, four-eyes publication, one response per mobile number (also
when the check is raced), the answer rules in Chinese, moderation of open answers, and the figures."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from zhengwu.consultation import actions
from zhengwu.consultation.models import Answer, Publication, Survey, SurveyEvent, SurveyResponse
from zhengwu.consultation.surveys.public import percent, tally
from zhengwu.consultation.tests.survey_helpers import (
    QUESTIONS,
    answer,
    close_survey,
    draft_survey,
    option_ids,
    published_survey,
    questions_of,
)

pytestmark = pytest.mark.django_db


def test_a_survey_is_drafted_with_questions_in_order_and_published_by_another(desk):
    survey = draft_survey(desk)
    assert [(q.number, q.kind, q.required) for q in survey.questions.all()] == [
        (1, "single", True), (2, "multiple", True), (3, "text", False)]
    single, multiple, _text = questions_of(survey)
    assert [o.text for o in single.options.all()] == ["满意", "基本满意", "不满意"]
    assert (multiple.min_choices, multiple.max_choices, multiple.rule_text) == (2, 3, "多选，选 2 至 3 项，必答")
    actions.submit_survey(survey, actor=desk.editor)
    with pytest.raises(actions.ActionForbidden):
        actions.approve_survey(survey, actor=desk.editor)  # the drafter holds no approving role
    survey = actions.approve_survey(survey, actor=desk.chief)
    assert survey.publication == Publication.PUBLISHED and survey.approved_by == desk.chief
    kinds = list(survey.events.values_list("kind", flat=True))
    assert kinds == [SurveyEvent.Kind.SAVED, SurveyEvent.Kind.SUBMITTED, SurveyEvent.Kind.PUBLISHED]


def test_an_administrator_does_not_approve_what_they_submitted(desk):
    survey = draft_survey(desk)
    actions.submit_survey(survey, actor=desk.chief)
    with pytest.raises(actions.ActionForbidden, match="不能审核发布自己经手的内容"):
        actions.approve_survey(survey, actor=desk.chief)
    assert actions.approve_survey(survey, actor=desk.deputy).is_published


@pytest.mark.parametrize(("questions", "message"), [
    ([], "至少要有一道题目"),
    ([{"kind": "single", "text": "只有一个选项", "options": ["是"]}], "第 1 题：选择题至少要有两个选项"),
    ([{"kind": "text", "text": "问答", "options": ["甲"]}], "问答题不设选项"),
    ([{"kind": "single", "text": "单选", "options": ["甲", "乙"], "max_choices": 1}], "只有多选题可以规定"),
    ([{"kind": "multiple", "text": "多选", "options": ["甲", "乙"], "min_choices": 3}], "“最少选几项”应在 1 至 2 之间"),
    ([{"kind": "multiple", "text": "多选", "options": ["甲", "乙", "丙"], "min_choices": 3, "max_choices": 2}],
     "不能大于"),
    ([{"kind": "single", "text": "重复", "options": ["甲", "甲"]}], "重复的选项"),
    ([QUESTIONS[0], {"kind": "", "text": "没有题型"}], "第 2 题：请选择题型"),
])
def test_drafting_refuses_broken_questions(desk, questions, message):
    with pytest.raises(actions.ActionRefused, match=message):
        draft_survey(desk, questions=questions)
    assert not Survey.objects.exists()


def test_only_a_draft_is_edited_and_answered_questions_stay(desk):
    survey = published_survey(desk)
    survey.title = "改了标题"
    with pytest.raises(actions.ActionRefused, match="已发布.*不能再修改"):
        actions.save_survey(survey, actor=desk.editor, questions=QUESTIONS)
    answer(survey)
    survey.refresh_from_db()
    Survey.objects.filter(pk=survey.pk).update(publication=Publication.DRAFT)  # even were it a draft again
    survey.refresh_from_db()
    with pytest.raises(actions.ActionRefused, match="已有答卷，题目不能再修改"):
        actions.save_survey(survey, actor=desk.editor, questions=QUESTIONS[:1])
    assert survey.questions.count() == 3


def test_one_response_per_mobile_number(desk):
    survey = published_survey(desk)
    first = answer(survey, "13812345678")
    assert first.phone == "13812345678" and first.phone_index
    for again in ("13812345678", "138 1234 5678", "１３８１２３４５６７８"):
        with pytest.raises(actions.AlreadyAnswered, match="该手机号码已经参与过本次调查"):
            answer(survey, again)
    other = published_survey(desk, title="另一项调查")
    assert answer(other, "13812345678").pk  # one per survey, not one in all
    assert SurveyResponse.objects.filter(survey=survey).count() == 1


def test_the_database_refuses_a_raced_second_response(desk):
    """Two submissions that both passed the check: the unique constraint lets only one land."""
    survey = published_survey(desk)
    SurveyResponse.objects.create(survey=survey, phone="13812345678")
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyResponse.objects.create(survey=survey, phone="13812345678")
    # and the action turns the constraint's refusal into the Chinese message, the check having been passed
    from unittest import mock

    with mock.patch("zhengwu.consultation.actions.surveys.SurveyResponse.objects.filter") as passed:
        passed.return_value.exists.return_value = False
        with pytest.raises(actions.AlreadyAnswered, match="每个手机号码只能提交一次"):
            answer(survey, "13812345678")
    assert SurveyResponse.objects.filter(survey=survey).count() == 1


def test_the_answer_rules_in_chinese(desk):
    survey = published_survey(desk)
    single, multiple, text = questions_of(survey)
    problem = actions.answer_problem
    assert problem(single, [], "") == "请选择一项。"
    assert problem(single, option_ids(single)[:2], "") == "本题只能选择一项。"
    assert problem(single, option_ids(multiple)[:1], "") == "所选选项不属于本题，请重新选择。"
    assert problem(multiple, [], "") == "请至少选择 2 项。"
    assert problem(multiple, option_ids(multiple)[:1], "") == "本题至少选择 2 项，您选择了 1 项。"
    assert problem(multiple, option_ids(multiple)[:4], "") == "本题最多选择 3 项，您选择了 4 项。"
    assert problem(multiple, option_ids(multiple)[:3], "") == ""
    assert problem(text, [], "") == ""  # optional
    assert problem(text, [], "好" * 1001) == "回答不能超过 1000 字（现有 1001 字）。"
    with pytest.raises(actions.ActionRefused, match="第 2 题：本题至少选择 2 项"):
        answer(survey, multiple=(0,))
    with pytest.raises(actions.ActionRefused, match="手机号码格式不正确"):
        answer(survey, "12345")
    assert not SurveyResponse.objects.exists()


def test_closed_and_unpublished_surveys_take_no_response(desk):
    draft = draft_survey(desk)
    with pytest.raises(actions.ActionRefused, match="该调查尚未发布"):
        answer(draft)
    survey = close_survey(published_survey(desk, title="已结束的调查"))
    with pytest.raises(actions.ActionRefused, match="调查已于.*结束，不再接受答卷"):
        answer(survey)
    assert not SurveyResponse.objects.exists()


def test_open_answers_wait_for_a_moderator(desk):
    survey = published_survey(desk)
    answer(survey, "13800000001", text="建议增加移动端。")
    answer(survey, "13800000002", text="代办入围，加微信。")
    kept, spam = Answer.objects.filter(question__kind="text").order_by("pk")
    assert kept.state == spam.state == "pending"
    actions.approve_answer(kept, actor=desk.editor)
    with pytest.raises(actions.ActionRefused, match="请写明不予公开的理由"):
        actions.reject_answer(spam, actor=desk.editor, reason=" ")
    actions.reject_answer(spam, actor=desk.editor, reason="广告")
    with pytest.raises(actions.ActionForbidden):
        actions.approve_answer(spam, actor=desk.outsider)  # another agency's staff
    choice = Answer.objects.filter(question__kind="single").first()
    with pytest.raises(actions.ActionRefused, match="只有问答题的回答需要审核"):
        actions.approve_answer(choice, actor=desk.editor)
    figure = tally(survey).questions[2]
    assert (figure.shown_count, figure.rejected_count, [a.text for a in figure.shown]) == (1, 1, ["建议增加移动端。"])


def test_the_figures(desk):
    survey = published_survey(desk)
    for index, (single, multiple) in enumerate([(0, (0, 1)), (0, (0, 2)), (1, (0, 1, 2)), (2, (3, 4))]):
        answer(survey, f"1380000000{index}", single=single, multiple=multiple)
    results = tally(survey)
    assert results.responses == 4
    first, second, third = results.questions
    assert first.answered == 4 and [(r.count, r.percent) for r in first.options] == [
        (2, Decimal("50.0")), (1, Decimal("25.0")), (1, Decimal("25.0"))]
    assert second.answered == 4 and [r.count for r in second.options] == [3, 2, 2, 1, 1]
    assert [r.percent for r in second.options][:2] == [Decimal("75.0"), Decimal("50.0")]  # over 100 in all
    assert third.answered == 0 and third.options == []
    assert percent(1, 3) == Decimal("33.3") and percent(2, 3) == Decimal("66.7") and percent(0, 0) == Decimal("0.0")


def test_results_are_public_after_the_close_or_while_open_when_the_survey_says_so(desk):
    survey = published_survey(desk)
    assert not survey.results_visible()
    assert published_survey(desk, title="期间公开", results_while_open=True).results_visible()
    assert close_survey(survey).results_visible()
    assert not draft_survey(desk, title="草稿").results_visible()


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_responses_from_one_number_on_postgresql(desk):
    """Two requests that both found no earlier response insert at once: PostgreSQL holds the second insert on
    the unique index until the first commits, then refuses it; exactly one response lands."""
    import threading
    from unittest import mock

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writer at a time; the raced insert is covered above.")
    survey = published_survey(desk)
    barrier, outcomes = threading.Barrier(2), []

    def submit():
        try:
            barrier.wait(timeout=10)
            answer(survey, "13812345678")
            outcomes.append("filed")
        except actions.AlreadyAnswered:
            outcomes.append("refused")
        finally:
            connections.close_all()

    with mock.patch("zhengwu.consultation.actions.surveys.SurveyResponse.objects.filter") as passed:
        passed.return_value.exists.return_value = False
        threads = [threading.Thread(target=submit) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    assert sorted(outcomes) == ["filed", "refused"]
    assert SurveyResponse.objects.filter(survey=survey).count() == 1
