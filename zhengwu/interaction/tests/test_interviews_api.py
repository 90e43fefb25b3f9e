"""The JSON API of online interviews: list and detail shapes, live polling (only what is new and public), and the
question endpoint with its Chinese errors, 409 after the end and 429 with the text question."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zhengwu.interaction.actions import interviews as actions
from zhengwu.interaction.models import Question
from zhengwu.interaction.tests import test_interviews as base
from zhengwu.interaction.tests.test_interviews import (
    ask,
    draft_interview,
    live_interview,
    png_bytes,
    published_interview,
)

# The shared fixtures (defined in test_interviews.py).
media_root = base.media_root
studio = base.studio

API = "/api/v1/interviews"


def post(client, path, body):
    return client.post(path, json.dumps(body), content_type="application/json")


def test_list_shape_and_filters(client, studio):
    coming = published_interview(studio)
    draft_interview(studio, title="草稿访谈")
    body = client.get(API).json()
    assert body["count"] == 1 and body["page"] == 1 and body["page_size"] == 20
    item = body["results"][0]
    assert set(item) == {"id", "title", "summary", "agency_id", "agency", "host", "guests", "starts_at", "ends_at",
                         "went_live_at", "ended_at", "status", "status_label", "accepting_questions", "url",
                         "transcript_url"}
    assert item["id"] == coming.pk and item["status"] == "announced" and item["status_label"] == "预告"
    assert item["guests"][0] == {"name": "张明", "post": "湖南省财政厅副厅长", "photo_url": None}
    assert item["url"].endswith(f"/hdjl/zxft/{coming.pk}/") and item["transcript_url"] is None
    assert client.get(f"{API}?status=live").json()["count"] == 0
    assert client.get(f"{API}?status=soon").json() == {"detail": "status 只能是 announced、live、ended 或 all。"}


def test_detail_gives_selected_questions_and_the_published_transcript(client, studio):
    interview = live_interview(studio)
    question = ask(interview, text="电话13812345678打不通怎么办？", contact="wang@example.com")
    ask(interview, text="还没审核的问题")
    actions.put_question(question, actor=studio.editor)
    actions.post_answer(interview, actor=studio.editor, guest=interview.guests.first(), text="请拨打12345。",
                        question=question)
    body = client.get(f"{API}/{interview.pk}").json()
    assert body["status"] == "live" and body["transcript"] is None
    assert body["selected_questions"] == [{"id": question.pk, "nickname": "星沙小王", "text": "电话138****5678打不通怎么办？",
                                           "submitted_at": body["selected_questions"][0]["submitted_at"]}]
    assert "wang@" not in json.dumps(body, ensure_ascii=False) and "还没审核" not in json.dumps(body, ensure_ascii=False)
    actions.end_interview(interview, actor=studio.editor)
    transcript = actions.save_transcript(interview, actor=studio.editor, summary="综述。")
    actions.submit_transcript(transcript, actor=studio.editor)
    actions.approve_transcript(transcript, actor=studio.chief)
    body = client.get(f"{API}/{interview.pk}").json()
    assert body["transcript_url"].endswith(f"/hdjl/zxft/{interview.pk}/transcript/")
    assert body["transcript"]["summary"] == "综述。"
    assert [(m["kind"], m["speaker"]) for m in body["transcript"]["messages"]] == [
        ("question", "网友“星沙小王”"), ("answer", "湖南省财政厅副厅长 张明")]
    assert client.get(f"{API}/{draft_interview(studio).pk}").json() == {"detail": "未找到该访谈，或它尚未发布。"}


def test_polling_returns_only_new_public_lines_in_order(client, studio):
    interview = live_interview(studio)
    first = actions.post_remark(interview, actor=studio.editor, text="欢迎")
    pending = ask(interview, text="待审核的问题 13900001111")
    rejected = ask(interview, text="广告")
    actions.reject_question(rejected, actor=studio.editor, reason="广告")
    other = live_interview(studio, title="另一场")
    actions.post_remark(other, actor=studio.editor, text="另一场的内容")
    response = client.get(f"{API}/{interview.pk}/messages?after=0")
    body = response.json()
    assert response["Cache-Control"] == "no-store"
    assert body["status"] == "live" and body["last_id"] == first.pk and body["more"] is False
    assert [m["text"] for m in body["messages"]] == ["欢迎"]
    put = actions.put_question(pending, actor=studio.editor)
    image = actions.store_picture(SimpleUploadedFile("a.png", png_bytes()), actor=studio.editor, title="现场")
    picture = actions.post_remark(interview, actor=studio.editor, text="", image=image, image_caption="访谈现场")
    body = client.get(f"{API}/{interview.pk}/messages?after={first.pk}").json()
    assert [m["id"] for m in body["messages"]] == [put.pk, picture.pk] and body["last_id"] == picture.pk
    assert body["messages"][0]["text"] == "待审核的问题 139****1111" and body["messages"][0]["kind_label"] == "网友提问"
    shown = body["messages"][1]["picture"]
    assert shown["alt"] == "访谈现场" and shown["width"] == 120 and shown["url"].startswith("http://testserver/media/")
    assert client.get(f"{API}/{interview.pk}/messages?after={picture.pk}").json()["messages"] == []
    actions.end_interview(interview, actor=studio.editor)
    assert client.get(f"{API}/{interview.pk}/messages?after={picture.pk}").json()["status"] == "ended"
    assert client.get(f"{API}/{interview.pk}/messages?after=-1").status_code == 400


def test_polling_a_draft_or_an_announced_interview(client, studio):
    assert client.get(f"{API}/{draft_interview(studio).pk}/messages").status_code == 404
    body = client.get(f"{API}/{published_interview(studio).pk}/messages").json()
    assert body == {"status": "announced", "status_label": "预告", "last_id": 0, "more": False, "messages": []}


def test_question_endpoint(client, studio, settings):
    settings.INTERVIEW_QUESTIONS_SOFT_LIMIT, settings.INTERVIEW_QUESTIONS_HARD_LIMIT = 1, 10
    interview = published_interview(studio)
    response = post(client, f"{API}/{interview.pk}/questions", {"text": "补贴多久到账？", "contact": "13812345678"})
    assert response.status_code == 201
    filed = response.json()
    assert filed["state"] == "pending" and filed["state_label"] == "待审核" and "经审核采用后" in filed["message"]
    assert Question.objects.get().contact == "13812345678"
    response = post(client, f"{API}/{interview.pk}/questions", {"text": "", "contact": "abc"})
    assert response.status_code == 422
    body = response.json()
    assert body["errors"] == {"text": ["请填写问题内容。"],
                              "contact": ["请填写手机号码（11位）、固定电话（如 0731-84000000）或电子邮箱。"]}
    assert body["detail"].startswith("提问未提交，请修改")
    response = post(client, f"{API}/{interview.pk}/questions", {"text": "第三个问题"})
    assert response.status_code == 429 and set(response.json()["captcha"]) == {"token", "question"}
    assert "captcha_token" in response.json()["detail"]
    assert post(client, f"{API}/999999/questions", {"text": "？"}).status_code == 404


def test_no_questions_after_the_end(client, studio):
    interview = live_interview(studio)
    actions.end_interview(interview, actor=studio.editor)
    response = post(client, f"{API}/{interview.pk}/questions", {"text": "还能问吗？"})
    assert response.status_code == 409 and response.json() == {"detail": "访谈已结束，不再接受提问。感谢您的关注。"}


@pytest.mark.parametrize("status", ["announced", "live", "ended", "all"])
def test_every_status_filter_answers(client, studio, status):
    live_interview(studio)
    assert client.get(f"{API}?status={status}").status_code == 200


def test_the_endpoints_are_documented(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/interviews", "/api/v1/interviews/{interview_id}", "/api/v1/interviews/{interview_id}/messages",
                 "/api/v1/interviews/{interview_id}/questions", "/api/v1/interviews/questions/captcha"):
        assert path in paths, path
