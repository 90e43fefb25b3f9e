"""Nothing becomes public without a recorded approval by someone who neither drafted nor submitted it."""

import pytest

from zhengwu.consultation import actions
from zhengwu.consultation.models import ConsultationEvent, DecisionItem, Publication, Stage, StageStatus
from zhengwu.consultation.tests.conftest import draft_consultation, published_consultation, published_hearing
from zhengwu.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_draft_splits_into_articles_and_keeps_chapters(desk):
    consultation = draft_consultation(desk)
    articles = list(consultation.articles.all())
    assert [a.label for a in articles] == ["第一条", "第二条", "第三条", "第四条"]
    assert articles[0].chapter == "第一章 总则" and articles[2].chapter == "第二章 征集程序"
    assert articles[2].text == "征集人应当在省政府采购网发布征集公告。\n征集公告应当载明采购需求和入围条件。"


def test_articles_must_be_numbered_in_order(desk):
    with pytest.raises(actions.ActionRefused, match="第二条之后应为“第三条”"):
        draft_consultation(desk, text="第一条　甲。\n第二条　乙。\n第四条　丁。")
    with pytest.raises(actions.ActionRefused, match="未识别出条文"):
        draft_consultation(desk, text="一、总体要求")


def test_publishing_needs_a_second_person(desk):
    consultation = draft_consultation(desk)
    actions.submit_consultation(consultation, actor=desk.editor)
    with pytest.raises(actions.ActionForbidden, match="只有本单位或上级单位的单位管理员"):
        actions.approve_consultation(consultation, actor=desk.editor)
    consultation = actions.approve_consultation(consultation, actor=desk.chief)
    assert consultation.publication == Publication.PUBLISHED and consultation.approved_by == desk.chief
    kinds = list(consultation.events.values_list("kind", "actor__username"))
    assert kinds == [("saved", "czt_editor"), ("submitted", "czt_editor"), ("published", "czt_admin")]
    # the approvers were told it waits for them; the drafter that it is out
    assert Notification.objects.filter(channel="site", recipient_user=desk.chief, subject__startswith="待审核").exists()
    assert Notification.objects.filter(channel="site", recipient_user=desk.editor, subject__startswith="已发布").exists()


def test_an_administrator_cannot_approve_what_they_drafted_or_submitted(desk):
    consultation = draft_consultation(desk)
    actions.submit_consultation(consultation, actor=desk.chief)
    with pytest.raises(actions.ActionForbidden, match="起草或提交人不能审核发布"):
        actions.approve_consultation(consultation, actor=desk.chief)
    assert actions.approve_consultation(consultation, actor=desk.deputy).is_published


def test_another_agency_cannot_approve(desk):
    consultation = draft_consultation(desk)
    actions.submit_consultation(consultation, actor=desk.editor)
    with pytest.raises(actions.ActionForbidden):
        actions.approve_consultation(consultation, actor=desk.outsider_admin)


def test_returned_draft_goes_back_with_the_note_and_can_be_edited(desk):
    consultation = draft_consultation(desk)
    actions.submit_consultation(consultation, actor=desk.editor)
    with pytest.raises(actions.ActionRefused, match="当前为“待审核”，不能再修改"):
        actions.save_consultation(consultation, actor=desk.editor, draft_text="第一条　改。")
    with pytest.raises(actions.ActionRefused, match="须写明意见"):
        actions.return_consultation(consultation, actor=desk.chief, note=" ")
    consultation = actions.return_consultation(consultation, actor=desk.chief, note="第四条有效期表述不清。")
    assert consultation.publication == Publication.DRAFT and consultation.return_note == "第四条有效期表述不清。"
    actions.save_consultation(consultation, actor=desk.editor, draft_text="第一条　改。")
    assert consultation.articles.count() == 1
    assert ConsultationEvent.objects.filter(consultation=consultation, kind="returned").exists()


def test_a_short_period_needs_its_reason(desk):
    consultation = draft_consultation(desk, days=10)
    with pytest.raises(actions.ActionRefused, match="少于 30 日"):
        actions.submit_consultation(consultation, actor=desk.editor)
    consultation.short_period_reason = "上级要求年底前出台，时间紧迫。"
    actions.save_consultation(consultation, actor=desk.editor, draft_text="第一条　甲。")
    assert actions.submit_consultation(consultation, actor=desk.editor).publication == Publication.SUBMITTED


def test_a_published_consultation_cannot_be_edited(desk):
    consultation = published_consultation(desk)
    with pytest.raises(actions.ActionRefused, match="当前为“已发布”，不能再修改"):
        actions.save_consultation(consultation, actor=desk.editor, draft_text="第一条　改。")


def test_hearing_notice_and_catalog_item_need_a_second_person_too(desk):
    hearing = published_hearing(desk)
    assert hearing.approved_by == desk.chief
    item = DecisionItem(agency=desk.czt, year=2026, title="省级政府采购框架协议采购制度改革", legal_basis="《政府采购法》",
                        planned="2026年12月")
    with pytest.raises(actions.ActionRefused, match="请填写完成日期"):
        actions.save_decision(item, actor=desk.editor, stages={Stage.PARTICIPATION: {"status": StageStatus.DONE}})
    with pytest.raises(actions.ActionRefused, match="必经程序"):
        actions.save_decision(item, actor=desk.editor, stages={Stage.LEGALITY: {"status": StageStatus.NOT_REQUIRED}})
    actions.save_decision(item, actor=desk.editor, stages={Stage.RISK: {"status": StageStatus.NOT_REQUIRED}})
    actions.submit_decision(item, actor=desk.editor)
    with pytest.raises(actions.ActionForbidden):
        actions.approve_decision(item, actor=desk.editor)
    assert actions.approve_decision(item, actor=desk.chief).is_published
