"""The public survey pages: the list, the answer sheet (no JavaScript needed, a Chinese message at each question,
everything typed kept), one response per number, the closed survey, the rate limit with its question, and the
published figures — open answers only approved, masked and escaped; mobile numbers never."""

import re

import pytest
from django.test import override_settings

from zhengwu.consultation import actions
from zhengwu.consultation.models import Answer, SurveyResponse
from zhengwu.consultation.tests.survey_helpers import (
    answer,
    close_survey,
    draft_survey,
    form_data,
    published_survey,
    questions_of,
)

pytestmark = pytest.mark.django_db


def url(survey):
    return f"/yjzj/surveys/{survey.pk}/"


def post(client, survey, **kwargs):
    return client.post(url(survey), form_data(survey, **kwargs))


def test_the_list_and_the_entry_page(client, desk):
    open_survey = published_survey(desk)
    closed = close_survey(published_survey(desk, title="湖南省政府采购网改版意见调查"))
    draft_survey(desk, title="尚未发布的调查")
    html = client.get("/yjzj/surveys/").content.decode()
    assert open_survey.title in html and closed.title in html and "尚未发布的调查" not in html
    assert "查看调查结果" in html and "还剩 29 天" in html
    html = client.get("/yjzj/surveys/?status=closed").content.decode()
    assert closed.title in html and open_survey.title not in html
    html = client.get("/yjzj/").content.decode()
    assert "征集调查" in html and open_survey.title in html and closed.title not in html
    assert client.get(url(draft_survey(desk, title="草稿"))).status_code == 404


def test_a_citizen_answers_and_sees_the_receipt(client, desk):
    survey = published_survey(desk)
    html = client.get(url(survey)).content.decode()
    assert 'type="radio"' in html and 'type="checkbox"' in html and "<textarea" in html
    assert "多选，选 2 至 3 项，必答" in html and "调查结束后公布统计结果" in html
    response = post(client, survey, text="建议增加移动端。")
    assert response.status_code == 302 and response["Location"].endswith("#response-filed")
    filed = SurveyResponse.objects.get()
    assert filed.phone == "13912345678" and filed.answers.count() == 3
    html = client.get(response["Location"]).content.decode()
    assert f"您的答卷已提交（编号 {filed.pk}）" in html and 'name="phone"' not in html


def test_bad_input_gets_a_message_at_each_question_and_keeps_what_was_typed(client, desk):
    survey = published_survey(desk)
    single, multiple, text = questions_of(survey)
    response = post(client, survey, phone="1391234", single=None, multiple=(0,), text="我的建议：多公开采购意向。")
    html = response.content.decode()
    assert response.status_code == 400
    assert "答卷尚未提交，请按提示修改" in html
    assert "第 1 题：请选择一项。" in html and "第 2 题：本题至少选择 2 项，您选择了 1 项。" in html
    assert "手机号码：手机号码格式不正确" in html
    assert "手机号码格式不正确" in html
    assert 'value="1391234"' in html and "我的建议：多公开采购意向。</textarea>" in html
    assert re.search(rf'<input[^>]*value="{multiple.options.first().pk}"[^>]*checked', html)  # the box ticked stays
    response = post(client, survey, multiple=(0, 1, 2, 3))
    assert "本题最多选择 3 项，您选择了 4 项。" in response.content.decode()
    response = client.post(url(survey), {**form_data(survey), f"question_{single.pk}": "999999"})
    assert "所选选项不属于本题，请重新选择。" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_second_response_from_the_same_number_is_refused(client, desk):
    survey = published_survey(desk)
    assert post(client, survey).status_code == 302
    response = post(client, survey, phone="139-1234-5678", single=1)
    html = response.content.decode()
    assert response.status_code == 400 and "该手机号码已经参与过本次调查" in html
    assert SurveyResponse.objects.count() == 1


def test_a_closed_survey_shows_its_results_and_refuses_answers(client, desk):
    survey = published_survey(desk)
    answer(survey, "13800000001", single=0)
    answer(survey, "13800000002", single=0)
    answer(survey, "13800000003", single=1)
    html = client.get(url(survey)).content.decode()
    assert 'id="results"' not in html  # not while open (the survey does not say so)
    close_survey(survey)
    html = client.get(url(survey)).content.decode()
    assert 'id="results"' in html and 'name="phone"' not in html and "共收到答卷 3 份" in html
    assert "<td class=\"num\">2</td><td class=\"num\">66.7%</td>" in html and 'style="width: 66.7%"' in html
    response = post(client, survey)
    assert response.status_code == 400 and "不再接受答卷" in response.content.decode()
    assert SurveyResponse.objects.count() == 3


def test_results_while_open_when_the_survey_says_so(client, desk):
    survey = published_survey(desk, results_while_open=True)
    answer(survey)
    html = client.get(url(survey)).content.decode()
    assert 'id="results"' in html and "调查仍在进行" in html and 'name="phone"' in html


def test_open_answers_show_only_approved_masked_and_escaped_and_numbers_never(client, desk):
    survey = published_survey(desk, results_while_open=True)
    answer(survey, "13800000001", text="<script>alert(1)</script>请打 13812345678 或写信 li@example.com")
    answer(survey, "13800000002", text="还没审核的回答")
    answer(survey, "13800000003", text="不予公开的广告")
    shown, pending, rejected = Answer.objects.filter(question__kind="text").order_by("pk")
    actions.approve_answer(shown, actor=desk.editor)
    actions.reject_answer(rejected, actor=desk.editor, reason="广告")
    html = client.get(url(survey)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;请打 138****5678 或写信 l****@example.com" in html
    assert "<script>alert(1)" not in html and "还没审核的回答" not in html and "不予公开的广告" not in html
    for phone in ("13800000001", "13800000002", "13800000003", "138****0001"):
        assert phone not in html


@override_settings(SURVEY_RESPONSES_SOFT_LIMIT=1, SURVEY_RESPONSES_HARD_LIMIT=2)
def test_responses_are_throttled_with_the_question(client, desk):
    survey = published_survey(desk)
    assert post(client, survey, phone="13800000001").status_code == 302
    asked = post(client, survey, phone="13800000002")
    html = asked.content.decode()
    assert asked.status_code == 400 and "为防止恶意提交，请计算" in html and 'name="captcha_token"' in html
    assert 'value="13800000002"' in html
    refused = post(client, survey, phone="13800000003")
    assert refused.status_code == 429 and refused["Retry-After"] and "提交过于频繁" in refused.content.decode()
    assert SurveyResponse.objects.count() == 1


def test_the_question_answered_lets_the_response_through(client, desk):
    from zhengwu.throttle import Challenge, _digest, _signer

    survey = published_survey(desk)
    with override_settings(SURVEY_RESPONSES_SOFT_LIMIT=1, SURVEY_RESPONSES_HARD_LIMIT=10):
        assert post(client, survey, phone="13800000001").status_code == 302
        challenge = Challenge.new("survey-response")
        payload = _signer("survey-response").unsign_object(challenge.token)
        solution = next(n for n in range(0, 21) if _digest("survey-response", payload["n"], n) == payload["d"])
        response = client.post(url(survey), {**form_data(survey, phone="13800000002"),
                                              "captcha_token": challenge.token, "captcha_answer": str(solution)})
        assert response.status_code == 302
    assert SurveyResponse.objects.count() == 2
