"""The decision as handler, reviewer and applicant meet it: one outcome, a letter signed off by someone
else, sent the chosen way; reviews and lawsuits recorded after; complaints on their own clock."""

from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from zhengwu.foi import actions
from zhengwu.foi.actions import ActionRefused
from zhengwu.foi.models import Complaint, Remedy, Reply, RequestState
from zhengwu.foi.tests.test_procedure import workdays_ago
from zhengwu.foi.tests.test_queue import file
from zhengwu.notifications.models import Notification
from zhengwu.timelimits.engine import ClockState


def partial(request, actor, **extra):
    fields = {"outcome": "r2", "how_to_obtain": "以电子邮件发送可公开部分", "withheld": "供应商报价明细",
              "withheld_reason": "涉及商业秘密，第三方不同意公开"}
    fields.update(extra)
    return actions.draft_reply(request, actor=actor, **fields)


def test_partial_disclosure_needs_what_was_withheld_and_why(staff):
    request = file()
    with pytest.raises(ActionRefused, match="不予公开"):
        partial(request, staff.handler, withheld="", withheld_reason="")
    with pytest.raises(ActionRefused, match="办理结果"):
        actions.draft_reply(request, actor=staff.handler, outcome="r9")


def test_reply_is_signed_off_by_someone_else_then_sent(staff, client, django_capture_on_commit_callbacks):
    request = file()
    reply = partial(request, staff.handler)
    with pytest.raises(ActionRefused, match="审签通过后"):
        actions.send_reply(reply, actor=staff.handler)
    with pytest.raises(ActionRefused, match="负责人或保密审查员"):
        actions.review_reply(reply, actor=staff.handler, approve=True)
    with pytest.raises(ActionRefused, match="写明意见"):
        actions.review_reply(reply, actor=staff.reviewer, approve=False)
    actions.review_reply(reply, actor=staff.reviewer, approve=False, note="理由写得更具体些")
    reply = partial(request, staff.handler, withheld_reason="涉及商业秘密，第三方书面不同意公开（条例第十五条）")
    assert reply.state == Reply.State.PENDING_REVIEW
    reply = actions.review_reply(reply, actor=staff.reviewer, approve=True)
    assert reply.letter_number.endswith(f"〔{timezone.localdate().year}〕1号")
    pdf = PdfReader(reply.letter_pdf.file.open("rb"))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert request.number in text and "供应商报价明细" in text and "行政复议" in text
    assert reply.letter_pdf.private and reply.letter_docx.private

    with django_capture_on_commit_callbacks(execute=True):
        actions.send_reply(reply, actor=staff.handler)
    request.refresh_from_db()
    assert request.state == RequestState.ANSWERED and request.outcome == "r2"
    assert request.clock.state == ClockState.STOPPED and request.decided_on is not None
    email = Notification.objects.filter(channel="email").order_by("-pk").first()
    assert reply.letter_number in email.body and "部分公开" in email.body
    status = client.get(f"/api/v1/foi/requests/{request.number}", {"code": request.tracking_code}).json()
    assert status["state_label"] == "已答复"
    assert "理由写得更具体些" not in str(status)  # the review stays internal
    with pytest.raises(ActionRefused):
        partial(request, staff.handler)


def test_postal_delivery_needs_the_mail_number(staff):
    request = file(delivery_form="paper", delivery_way="post", address="长沙市天心区城南路1号", postcode="410000")
    reply = actions.draft_reply(request, actor=staff.handler, outcome="r4_1", reasons="经检索，本机关未制作或获取该信息",
                                right_agency="长沙市财政局")
    actions.review_reply(reply, actor=staff.reviewer, approve=True)
    with pytest.raises(ActionRefused, match="邮件号码"):
        actions.send_reply(reply, actor=staff.handler)
    actions.send_reply(reply, actor=staff.handler, detail="XA123456789CN")
    reply.refresh_from_db()
    assert reply.delivery_way == "post" and reply.delivery_detail == "XA123456789CN"


def test_reviews_and_lawsuits_are_recorded_with_their_result(staff):
    request = file(submitted_at=workdays_ago(3))
    with pytest.raises(ActionRefused, match="复议机关或人民法院"):
        actions.record_remedy(request, actor=staff.handler, kind="review", filed_on=timezone.localdate(), body="")
    remedy = actions.record_remedy(request, actor=staff.handler, kind="review", filed_on=timezone.localdate(),
                                   body="湖南省人民政府", case_number="湘政复〔2026〕88号")
    assert remedy.result == Remedy.Result.PENDING
    actions.conclude_remedy(remedy, actor=staff.handler, result="corrected", note="责令重新答复")
    remedy.refresh_from_db()
    assert remedy.get_result_display() == "结果纠正" and remedy.concluded_on is not None
    with pytest.raises(ActionRefused):
        actions.record_remedy(request, actor=staff.other, kind="suit_direct", filed_on=timezone.localdate(),
                              body="长沙铁路运输法院")


def test_complaint_is_answered_on_its_own_clock(hunan, staff):
    complaint = actions.file_complaint(agency=hunan.czt, name="李四", phone="13700001111",
                                       content="申请超过期限未答复")
    assert complaint.number.startswith("TS") and complaint.clock.due_on > complaint.received_on
    province_handler = hunan.user("sheng_foi", hunan.province, "foi_handler")
    with pytest.raises(ActionRefused, match="权限"):
        actions.answer_complaint(complaint, actor=staff.other, finding="unfounded", answer="不属实")
    with pytest.raises(ActionRefused, match="答复内容"):
        actions.answer_complaint(complaint, actor=province_handler, finding="substantiated", answer=" ")
    actions.answer_complaint(complaint, actor=province_handler, finding="substantiated",
                             answer="经核查属实，已责令财政厅限期答复")
    complaint.refresh_from_db()
    assert complaint.state == Complaint.State.ANSWERED and complaint.clock.state == ClockState.STOPPED
    assert complaint.answered_on == max(timezone.localdate(), complaint.received_on)


def test_a_reply_cannot_be_dated_before_its_letter_nor_signed_once_the_request_is_closed(staff):
    request = file()
    reply = partial(request, staff.handler)
    with pytest.raises(ActionRefused, match="已拟定答复"):
        actions.request_correction(request, actor=staff.handler, items="请写明年度")
    reply = actions.review_reply(reply, actor=staff.reviewer, approve=True)
    with pytest.raises(ActionRefused, match="早于收到申请之日"):
        actions.send_reply(reply, actor=staff.handler, on=request.received_on - timedelta(days=1))
    if reply.letter_dated > request.received_on:
        with pytest.raises(ActionRefused, match="不能早于告知书日期"):
            actions.send_reply(reply, actor=staff.handler, on=request.received_on)

    closed = file(description="另一项申请")
    draft = partial(closed, staff.handler)
    actions.review_reply(draft, actor=staff.reviewer, approve=False, note="补充理由")
    correction = actions.request_correction(closed, actor=staff.handler, items="请写明年度")
    actions.close_lapsed(on=correction.clock.due_on + timedelta(days=1))
    with pytest.raises(ActionRefused, match="已终止"):
        actions.draft_reply(closed, actor=staff.handler, outcome="r1", how_to_obtain="网上获取")
