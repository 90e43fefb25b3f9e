"""After the period the agency answers the comments (采纳情况) and, after approval, the public reads it with the
figures; those whose comments were shown are told."""

import pytest

from zhengwu.conftest import PASSWORD
from zhengwu.consultation import actions
from zhengwu.consultation.models import Outcome
from zhengwu.consultation.tests.conftest import close, comment, published_consultation
from zhengwu.notifications.models import Notification

pytestmark = pytest.mark.django_db


def answered(consultation, desk):
    first, second, third = (comment(consultation, text=t) for t in ("建议延长有效期。", "有效期宜为两年。", "无关广告。"))
    actions.approve_comment(first, actor=desk.editor)
    actions.approve_comment(second, actor=desk.editor)
    actions.reject_comment(third, actor=desk.editor, reason="广告")
    return first, second, third


def test_feedback_only_after_close_and_for_every_shown_comment(client, desk):
    consultation = published_consultation(desk)
    first, second, third = answered(consultation, desk)
    article = consultation.articles.get(number=4)
    items = [{"opinion": "关于有效期的意见（归并 2 条）", "article": article.pk, "outcome": Outcome.PARTLY,
              "reason": "有效期上限由国家规定为 2 年，已调整为“一般不超过 1 年，最长不超过 2 年”。",
              "comments": [first.pk, second.pk]}]
    with pytest.raises(actions.ActionRefused, match="征求意见截止后才能编写"):
        actions.save_feedback(consultation, actor=desk.editor, summary="共收到意见 3 条。", items=items)
    consultation = close(consultation)
    with pytest.raises(actions.ActionRefused, match="不是本草案已公开的意见"):
        actions.save_feedback(consultation, actor=desk.editor, summary="s", items=[{**items[0], "comments": [third.pk]}])
    with pytest.raises(actions.ActionRefused, match="须说明理由"):
        actions.save_feedback(consultation, actor=desk.editor, summary="s", items=[{**items[0], "reason": ""}])
    feedback = actions.save_feedback(consultation, actor=desk.editor, summary="共收到意见 3 条。",
                                     items=[{**items[0], "comments": [first.pk]}])
    with pytest.raises(actions.ActionRefused, match="还有 1 条已公开的意见没有答复"):
        actions.submit_feedback(feedback, actor=desk.editor)
    feedback = actions.save_feedback(consultation, actor=desk.editor, summary="共收到意见 3 条，公开 2 条。", items=items)
    actions.submit_feedback(feedback, actor=desk.editor)
    html = client.get(f"/yjzj/consultations/{consultation.pk}/").content.decode()
    assert "意见采纳情况" not in html.split('id="draft"')[0].split("yj-toc")[1]  # not public before approval
    with pytest.raises(actions.ActionForbidden):
        actions.approve_feedback(feedback, actor=desk.editor)
    actions.approve_feedback(feedback, actor=desk.chief)
    html = client.get(f"/yjzj/consultations/{consultation.pk}/").content.decode()
    assert "有效期上限由国家规定为 2 年" in html and "部分采纳" in html
    assert "部分采纳 <strong>2</strong>" in html and "采纳 <strong>0</strong>" in html
    assert f'href="#comment-{first.pk}"' in html
    # each shown comment says how it was answered
    assert html.count("处理结果：") == 2 and "见采纳情况第 1 项" in html
    # the two shown commenters are told (by SMS, their contact being a mobile number); the rejected one is not
    told = Notification.objects.filter(channel="sms", subject="意见采纳情况已公布")
    assert told.count() == 2


def test_pending_comments_hold_the_feedback_back(desk):
    consultation = published_consultation(desk)
    first = comment(consultation)
    actions.approve_comment(first, actor=desk.editor)
    comment(consultation, text="还在审核中的意见")
    consultation = close(consultation)
    feedback = actions.save_feedback(consultation, actor=desk.editor, summary="s", items=[
        {"opinion": "o", "outcome": Outcome.ADOPTED, "reason": "", "comments": [first.pk]}])
    with pytest.raises(actions.ActionRefused, match="还有 1 条意见待审核"):
        actions.submit_feedback(feedback, actor=desk.editor)


def test_feedback_through_the_admin_form(client, desk):
    consultation = published_consultation(desk)
    first, second, _ = answered(consultation, desk)
    consultation = close(consultation)
    assert client.login(username="czt_editor", password=PASSWORD)
    url = f"/admin/consultation/drafts/inspect/{consultation.pk}/act/feedback/"
    page = client.get(url).content.decode()
    assert "建议延长有效期。" in page and "有效期宜为两年。" in page  # one line offered per shown comment
    data = {"feedback-summary": "共收到意见 3 条，公开 2 条，采纳 1 条，未采纳 1 条。",
            "feedback-items-TOTAL_FORMS": "2", "feedback-items-INITIAL_FORMS": "2",
            "feedback-items-MIN_NUM_FORMS": "0", "feedback-items-MAX_NUM_FORMS": "1000",
            "feedback-items-0-opinion": "建议延长有效期。", "feedback-items-0-comments": [str(first.pk)],
            "feedback-items-0-outcome": "adopted", "feedback-items-0-reason": "",
            "feedback-items-1-opinion": "有效期宜为两年。", "feedback-items-1-comments": [str(second.pk)],
            "feedback-items-1-outcome": "not_adopted", "feedback-items-1-reason": ""}
    refused = client.post(url, data)
    assert refused.status_code == 400 and "未采纳的意见须说明理由" in refused.content.decode()
    data["feedback-items-1-reason"] = "国家规定最长不超过 2 年，不宜在省级放宽。"
    assert client.post(url, data).status_code == 302
    feedback = consultation.feedback
    assert [i.outcome for i in feedback.items.all()] == ["adopted", "not_adopted"]
    assert client.post(f"/admin/consultation/drafts/inspect/{consultation.pk}/act/feedback-submit/").status_code == 302
