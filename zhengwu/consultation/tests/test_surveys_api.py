"""The survey API: the shapes a client reads (results only when public, open answers masked, numbers never),
and the response endpoint — 201, 422 with a Chinese message per question, 409 closed or answered before, 429
with the question."""

import pytest
from django.test import override_settings

from zhengwu.consultation import actions
from zhengwu.consultation.models import Answer, SurveyResponse
from zhengwu.consultation.tests.survey_helpers import (
    answer,
    close_survey,
    draft_survey,
    option_ids,
    published_survey,
    questions_of,
)

pytestmark = pytest.mark.django_db


def payload(survey, phone="13912345678", *, single=0, multiple=(0, 1), text=""):
    first, second, third = questions_of(survey)
    answers = [{"question_id": first.pk, "option_ids": [option_ids(first)[single]]},
               {"question_id": second.pk, "option_ids": [option_ids(second)[i] for i in multiple]}]
    if text:
        answers.append({"question_id": third.pk, "text": text})
    return {"phone": phone, "answers": answers}


def post(client, survey, body):
    return client.post(f"/api/v1/surveys/{survey.pk}/responses", body, content_type="application/json")


def test_list_and_detail_shapes(client, desk):
    survey = published_survey(desk)
    draft_survey(desk, title="草稿")
    body = client.get("/api/v1/surveys").json()
    assert body["count"] == 1 and body["page"] == 1 and body["page_size"] == 20
    found = body["results"][0]
    assert set(found) == {"id", "title", "agency_id", "agency", "intro", "opens_on", "closes_on", "status",
                          "status_label", "days_left", "accepting_responses", "show_results_while_open",
                          "results_visible", "published_at", "url"}
    assert found["status"] == "open" and found["accepting_responses"] and found["results_visible"] is False
    assert found["url"].endswith(f"/yjzj/surveys/{survey.pk}/")
    detail = client.get(f"/api/v1/surveys/{survey.pk}").json()
    assert detail["results"] is None
    single, multiple, text = detail["questions"]
    assert (single["kind"], single["required"], [o["text"] for o in single["options"]]) == (
        "single", True, ["满意", "基本满意", "不满意"])
    assert (multiple["min_choices"], multiple["max_choices"], multiple["rule"]) == (2, 3, "多选，选 2 至 3 项，必答")
    assert text["options"] == [] and text["required"] is False
    assert client.get("/api/v1/surveys?status=closed").json()["count"] == 0
    assert client.get("/api/v1/surveys?status=soon").status_code == 400
    assert client.get("/api/v1/surveys?page_size=500").json()["page_size"] == 100


def test_results_once_public_masked_and_without_numbers(client, desk):
    survey = published_survey(desk)
    answer(survey, "13800000001", single=0, text="请联系 13812345678")
    answer(survey, "13800000002", single=2)
    actions.approve_answer(Answer.objects.get(question__kind="text"), actor=desk.editor)
    close_survey(survey)
    detail = client.get(f"/api/v1/surveys/{survey.pk}").json()
    results = detail["results"]
    assert results["responses"] == 2
    first, second, third = results["questions"]
    assert first["answered"] == 2 and [(o["count"], o["percent"]) for o in first["options"]] == [
        (1, 50.0), (0, 0.0), (1, 50.0)]
    assert third["shown_count"] == 1 and third["shown_answers"][0]["text"] == "请联系 138****5678"
    text = str(detail)
    assert "13800000001" not in text and "13812345678" not in text and "phone" not in text


def test_post_a_response(client, desk):
    survey = published_survey(desk)
    response = post(client, survey, payload(survey, text="希望增加移动端。"))
    assert response.status_code == 201
    filed = SurveyResponse.objects.get()
    assert response.json() == {"id": filed.pk, "message": f"答卷已提交（编号 {filed.pk}），感谢您的参与。"}
    assert filed.answers.count() == 3 and filed.answers.get(question__kind="text").state == "pending"


def test_post_errors_in_chinese_per_question(client, desk):
    survey = published_survey(desk)
    single, multiple, text = questions_of(survey)
    body = {"phone": "110", "answers": [
        {"question_id": single.pk, "option_ids": option_ids(single)[:2]},
        {"question_id": multiple.pk, "option_ids": option_ids(multiple)[:1]},
        {"question_id": text.pk, "option_ids": option_ids(single)[:1]},
        {"question_id": 999999, "text": "不存在的题"}]}
    response = post(client, survey, body)
    assert response.status_code == 422
    result = response.json()
    assert result["detail"].startswith("答卷未提交，请修改：")
    assert result["errors"][f"question_{single.pk}"] == ["本题只能选择一项。"]
    assert result["errors"][f"question_{multiple.pk}"] == ["本题至少选择 2 项，您选择了 1 项。"]
    assert result["errors"][f"question_{text.pk}"] == ["本题为问答题，请填写文字回答。"]
    assert result["errors"]["question_999999"] == ["该题目不属于本调查。"]
    assert "手机号码格式不正确" in result["errors"]["phone"][0]
    missing = post(client, survey, {"phone": "13912345678", "answers": []}).json()
    assert missing["errors"][f"question_{single.pk}"] == ["请选择一项。"]
    assert missing["errors"][f"question_{multiple.pk}"] == ["请至少选择 2 项。"]
    assert not SurveyResponse.objects.exists()


def test_409_when_closed_or_answered_before(client, desk):
    survey = published_survey(desk)
    assert post(client, survey, payload(survey)).status_code == 201
    again = post(client, survey, payload(survey, "139 1234 5678", single=1))
    assert again.status_code == 409 and "该手机号码已经参与过本次调查" in again.json()["detail"]
    close_survey(survey)
    closed = post(client, survey, payload(survey, "13700000000"))
    assert closed.status_code == 409 and "不再接受答卷" in closed.json()["detail"]
    assert client.post("/api/v1/surveys/999999/responses", payload(survey),
                       content_type="application/json").status_code == 404
    assert SurveyResponse.objects.count() == 1


@override_settings(SURVEY_RESPONSES_SOFT_LIMIT=1, SURVEY_RESPONSES_HARD_LIMIT=2)
def test_429_with_the_question_then_refused(client, desk):
    survey = published_survey(desk)
    assert post(client, survey, payload(survey, "13800000001")).status_code == 201
    asked = post(client, survey, payload(survey, "13800000002"))
    assert asked.status_code == 429
    body = asked.json()
    assert body["captcha"]["question"].startswith("为防止恶意提交") and "captcha_token" in body["detail"]
    refused = post(client, survey, payload(survey, "13800000003"))
    assert refused.status_code == 429 and refused["Retry-After"] and "提交过于频繁" in refused.json()["detail"]
    assert client.get("/api/v1/surveys/responses/captcha").json()["question"].startswith("为防止恶意提交")
    assert SurveyResponse.objects.count() == 1


def test_the_openapi_schema_describes_the_endpoints(client, desk):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/surveys", "/api/v1/surveys/{survey_id}", "/api/v1/surveys/{survey_id}/responses",
                 "/api/v1/surveys/responses/captcha"):
        assert path in paths, path
