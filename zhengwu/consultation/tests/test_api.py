"""The public API of 决策公开: what a client gets (only published records, approved comments masked, never a
contact) and the comment endpoint behind the public form (same checks, limits and Chinese messages)."""

import pytest
from django.test import override_settings

from zhengwu.consultation import actions
from zhengwu.consultation.models import Comment, Outcome
from zhengwu.consultation.tests.conftest import close, comment, draft_consultation, published_consultation

pytestmark = pytest.mark.django_db


def post(client, consultation, **data):
    values = {"text": "建议明确起算日。", "name": "李四", "contact": "lisi@example.com", **data}
    return client.post(f"/api/v1/consultations/{consultation.pk}/comments", values, content_type="application/json")


def test_list_and_detail_shapes(client, desk):
    consultation = published_consultation(desk)
    draft_consultation(desk, title="还是草稿")
    shown = comment(consultation, text="请打 13812345678 联系我。", article=consultation.articles.get(number=2))
    actions.approve_comment(shown, actor=desk.editor)
    comment(consultation, text="待审核的意见")
    body = client.get("/api/v1/consultations?status=open").json()
    assert body["count"] == 1 and body["page"] == 1 and body["page_size"] == 20
    found = body["results"][0]
    assert set(found) == {
        "id", "title", "kind", "kind_label", "agency_id", "agency", "explanation", "opens_on", "closes_on",
        "period_days", "short_period_reason", "status", "status_label", "days_left", "accepting_comments",
        "other_channels", "published_at", "articles", "attachments", "comment_counts", "feedback", "url"}
    assert found["status"] == "open" and found["days_left"] == 29 and found["accepting_comments"] is True
    assert [a["label"] for a in found["articles"]] == ["第一条", "第二条", "第三条", "第四条"]
    assert found["comment_counts"] == {"received": 2, "shown": 1, "adopted": None, "partly_adopted": None,
                                       "not_adopted": None}
    assert found["feedback"] is None and found["url"].endswith(f"/yjzj/consultations/{consultation.pk}/")
    detail = client.get(f"/api/v1/consultations/{consultation.pk}").json()
    assert detail["comments"] == [{"id": shown.pk, "article_id": shown.article_id, "target": "第二条", "name": "张**",
                                   "text": "请打 138****5678 联系我。",
                                   "submitted_on": f"{shown.submitted_at.date()}"}]
    assert "contact" not in str(detail) and "13812345678" not in str(detail) and "张三丰" not in str(detail)
    assert client.get("/api/v1/consultations?status=closed").json()["count"] == 0
    assert client.get("/api/v1/consultations?status=soon").status_code == 400


def test_the_openapi_schema_describes_the_endpoints(client, desk):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/consultations", "/api/v1/consultations/{consultation_id}",
                 "/api/v1/consultations/{consultation_id}/comments", "/api/v1/decisions", "/api/v1/hearings",
                 "/api/v1/hearings/{hearing_id}/registrations"):
        assert path in paths, path


def test_drafts_are_not_found(client, desk):
    consultation = draft_consultation(desk)
    response = client.get(f"/api/v1/consultations/{consultation.pk}")
    assert response.status_code == 404 and response.json()["detail"] == "未找到该征求意见，或它尚未发布。"


def test_post_a_comment_on_an_article(client, desk):
    consultation = published_consultation(desk)
    article = consultation.articles.get(number=3)
    response = post(client, consultation, article_id=article.pk, anonymous=True)
    assert response.status_code == 201
    filed = Comment.objects.get()
    assert response.json() == {"id": filed.pk, "state": "pending", "state_label": "待审核",
                               "message": f"意见已提交（编号 {filed.pk}），经审核后公开。"}
    assert filed.article == article and filed.anonymous and filed.contact == "lisi@example.com"


def test_post_errors_in_chinese(client, desk):
    consultation = published_consultation(desk)
    other = published_consultation(desk, title="另一件")
    response = post(client, consultation, contact="110", text="", article_id=other.articles.first().pk)
    assert response.status_code == 422
    body = response.json()
    assert body["detail"].startswith("意见未提交，请修改：")
    assert body["errors"]["text"] == ["请填写此项。"] and body["errors"]["article_id"] == ["所选条文不属于该草案。"]
    assert "请填写手机号码" in body["errors"]["contact"][0]
    closed = close(other)
    refused = post(client, closed)
    assert refused.status_code == 409 and "不再接受意见" in refused.json()["detail"]
    assert not Comment.objects.exists()


@override_settings(CONSULTATION_COMMENTS_SOFT_LIMIT=1, CONSULTATION_COMMENTS_HARD_LIMIT=30)
def test_post_past_the_soft_limit_asks_the_question(client, desk):
    consultation = published_consultation(desk)
    assert post(client, consultation).status_code == 201
    asked = post(client, consultation)
    assert asked.status_code == 429
    assert asked.json()["captcha"]["token"] and "captcha_token" in asked.json()["detail"]
    wrong = post(client, consultation, captcha_token=asked.json()["captcha"]["token"], captcha_answer="999")
    assert wrong.status_code == 429 and wrong.json()["detail"] == "答案不正确，请回答新的验证问题。"
    assert Comment.objects.count() == 1
    assert client.get("/api/v1/consultations/comments/captcha").json()["question"].startswith("为防止恶意提交")


def test_feedback_and_figures_after_publication(client, desk):
    consultation = published_consultation(desk)
    shown = comment(consultation)
    actions.approve_comment(shown, actor=desk.editor)
    consultation = close(consultation)
    feedback = actions.save_feedback(consultation, actor=desk.editor, summary="共收到意见 1 条，已采纳。", items=[
        {"opinion": "明确有效期起算日", "outcome": Outcome.ADOPTED, "reason": "已在第四条增加“自签订之日起”。",
         "comments": [shown.pk], "article": consultation.articles.get(number=4).pk}])
    actions.submit_feedback(feedback, actor=desk.editor)
    assert client.get(f"/api/v1/consultations/{consultation.pk}").json()["feedback"] is None
    actions.approve_feedback(feedback, actor=desk.chief)
    body = client.get(f"/api/v1/consultations/{consultation.pk}").json()
    assert body["status"] == "closed" and body["days_left"] is None and body["accepting_comments"] is False
    assert body["comment_counts"] == {"received": 1, "shown": 1, "adopted": 1, "partly_adopted": 0, "not_adopted": 0}
    assert body["feedback"]["summary"] == "共收到意见 1 条，已采纳。"
    assert body["feedback"]["items"] == [{"opinion": "明确有效期起算日", "article_id": body["articles"][3]["id"],
                                          "target": "第四条", "outcome": "adopted", "outcome_label": "采纳",
                                          "reason": "已在第四条增加“自签订之日起”。", "comment_ids": [shown.pk]}]


def test_hearings_list(client, desk):
    from zhengwu.consultation.tests.conftest import published_hearing

    hearing = published_hearing(desk)
    body = client.get("/api/v1/hearings?status=registration").json()
    assert body["count"] == 1
    found = body["results"][0]
    assert found["id"] == hearing.pk and found["registration_open"] is True and found["participants"] == []
    assert found["selection_method_label"] == "综合考虑代表性遴选" and found["report"] is None
    assert client.get("/api/v1/hearings?status=held").json()["count"] == 0
    response = client.post(f"/api/v1/hearings/{hearing.pk}/registrations", {
        "name": "周杰", "contact": "13955556666", "interest": "nobody", "position": "support", "statement": ""},
        content_type="application/json")
    assert response.status_code == 422 and response.json()["detail"].startswith("报名未提交，请修改：")
    assert set(response.json()["errors"]) == {"interest", "statement"}
