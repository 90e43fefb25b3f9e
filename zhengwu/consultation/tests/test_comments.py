"""The public comments on a draft: while open only, invisible until approved, personal data masked wherever
the public reads them, the contact never shown; rate-limited with the text question past the soft limit."""

import pytest
from django.test import override_settings

from zhengwu.consultation import actions
from zhengwu.consultation.models import Comment, CommentState
from zhengwu.consultation.tests.conftest import close, comment, draft_consultation, published_consultation

pytestmark = pytest.mark.django_db


def page(client, consultation):
    response = client.get(f"/yjzj/consultations/{consultation.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def post(client, consultation, **data):
    values = {"article": "", "text": "建议将有效期改为两年。", "name": "李四", "contact": "13912345678", **data}
    return client.post(f"/yjzj/consultations/{consultation.pk}/", values)


def test_citizen_comments_on_an_article_and_sees_the_receipt(client, desk):
    consultation = published_consultation(desk)
    article = consultation.articles.get(number=4)
    html = page(client, consultation)
    assert "对第四条提意见" in html and "还剩 29 天" in html
    assert "征求意见期：" in html
    response = post(client, consultation, article=str(article.pk))
    assert response.status_code == 302
    filed = Comment.objects.get()
    assert filed.article == article and filed.state == CommentState.PENDING and filed.contact == "13912345678"
    html = client.get(response["Location"]).content.decode()
    assert f"您的意见已提交（编号 {filed.pk}）" in html
    assert "建议将有效期改为两年" not in html  # not shown before a moderator approves it
    assert filed.events.filter(kind="comment_received").exists()


def test_comments_show_only_once_approved_and_masked(client, desk):
    consultation = published_consultation(desk)
    pending = comment(consultation, text="请联系我 13812345678 或 zhangsan@example.com，座机 0731-84001234，"
                                           "身份证 430121199001011237。")
    rejected = comment(consultation, text="广告：专业代办政府采购入围。", name="王五")
    anonymous = comment(consultation, text="支持出台。", name="赵六", anonymous=True)
    html = page(client, consultation)
    assert "13812345678" not in html and "请联系我" not in html
    actions.approve_comment(pending, actor=desk.editor)
    actions.reject_comment(rejected, actor=desk.editor, reason="广告")
    actions.approve_comment(anonymous, actor=desk.editor)
    html = page(client, consultation)
    assert "请联系我 138****5678 或 z****@example.com，座机 0731-****1234，身份证 4301**********1237。" in html
    assert "张**" in html and "张三丰" not in html  # the name masked
    assert "匿名网友" in html and "赵六" not in html and "赵*" not in html
    assert "广告" not in html and "王五" not in html
    assert "<strong>3</strong>" in html and "<strong>2</strong>" in html  # received, shown


def test_text_is_escaped(client, desk):
    consultation = published_consultation(desk)
    actions.approve_comment(comment(consultation, text="<script>alert(1)</script>第三条"), actor=desk.editor)
    html = page(client, consultation)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;第三条" in html


def test_no_comment_after_close(client, desk):
    consultation = close(published_consultation(desk))
    html = page(client, consultation)
    assert "已截止" in html and 'id="id_text"' not in html and "不再接受意见" in html
    response = post(client, consultation)
    assert response.status_code == 400 and "不再接受意见" in response.content.decode()
    assert not Comment.objects.exists()
    with pytest.raises(actions.ActionRefused, match="征求意见已于.*截止，不再接受意见"):
        comment(consultation)


def test_drafts_are_not_public(client, desk):
    consultation = draft_consultation(desk)
    assert client.get(f"/yjzj/consultations/{consultation.pk}/").status_code == 404
    with pytest.raises(actions.ActionRefused, match="尚未公开征求意见"):
        comment(consultation)


def test_form_keeps_what_was_typed_and_says_what_is_wrong(client, desk):
    consultation = published_consultation(desk)
    response = post(client, consultation, contact="12345", text="")
    html = response.content.decode()
    assert response.status_code == 400
    assert "意见内容：请填写此项。" in html and "请填写手机号码（11位）" in html and 'value="李四"' in html
    assert not Comment.objects.exists()


@override_settings(CONSULTATION_COMMENTS_SOFT_LIMIT=1, CONSULTATION_COMMENTS_HARD_LIMIT=2)
def test_comments_are_throttled_with_the_question(client, desk):
    consultation = published_consultation(desk)
    assert post(client, consultation).status_code == 302
    asked = post(client, consultation)
    html = asked.content.decode()
    assert asked.status_code == 400 and "为防止恶意提交，请计算" in html and 'name="captcha_token"' in html
    assert Comment.objects.count() == 1
    refused = post(client, consultation)
    assert refused.status_code == 429 and refused["Retry-After"] and "提交过于频繁" in refused.content.decode()
    assert Comment.objects.count() == 1


def test_the_question_answered_lets_the_comment_through(client, desk):
    from zhengwu.throttle import Challenge, _digest, _signer

    consultation = published_consultation(desk)
    with override_settings(CONSULTATION_COMMENTS_SOFT_LIMIT=1, CONSULTATION_COMMENTS_HARD_LIMIT=10):
        assert post(client, consultation).status_code == 302
        challenge = Challenge.new("consultation-comment")
        payload = _signer("consultation-comment").unsign_object(challenge.token)
        answer = next(n for n in range(0, 21) if _digest("consultation-comment", payload["n"], n) == payload["d"])
        response = post(client, consultation, captcha_token=challenge.token, captcha_answer=str(answer))
        assert response.status_code == 302
    assert Comment.objects.count() == 2
