"""The handler's work in the admin, through the pages and forms a handler, the office head and a reviewer
would use: what each sees offered, what each may do, and what the page then shows."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from zhengwu.conftest import PASSWORD
from zhengwu.foi import actions
from zhengwu.foi.fees import SCHEDULE_FILE, current_schedule
from zhengwu.foi.models import Complaint, Extension, FeeNotice, InformationRequest, Reply, RequestState
from zhengwu.foi.tests.test_procedure import workdays_ago
from zhengwu.foi.tests.test_queue import file
from zhengwu.foi.tests.test_submission import ID_NUMBER, application
from zhengwu.timelimits import calendar

STEP_KEYS = ["review", "decide-extension", "correction", "corrected", "consult", "fee", "payment", "extend",
             "draft", "send", "remedy", "assign", "attach", "note"]
ITEM_STEP_KEYS = ["close-consultation", "decide-extension", "conclude-remedy"]


def page_url(request):
    return f"/admin/foi/requests/inspect/{request.pk}/"


def act(client, request, step, item=None, **data):
    """Submit one step's form as the browser would (its fields carry the step's prefix)."""
    prefix = f"{step}-{item.pk}" if item is not None else step
    url = f"{page_url(request)}act/{step}/" + (f"{item.pk}/" if item is not None else "")
    files = {f"{prefix}-{k}": v for k, v in data.items() if hasattr(v, "read")}
    fields = {(k if k == "preview" else f"{prefix}-{k}"): v for k, v in data.items() if not hasattr(v, "read")}
    return client.post(url, {**fields, **files})


def page(client, request):
    response = client.get(page_url(request))
    assert response.status_code == 200
    return response.content.decode()


def offered(html):
    """The steps the 办理 panel offers (each a <details> whose summary names it)."""
    return re.findall(r'<details class="foi-step"[^>]*>\s*<summary>(.*?)</summary>', html)


def buttons(html):
    return re.findall(r'<button type="submit"[^>]*>(.*?)</button>', html)


def done(client, response):
    """A step that succeeded redirects to the request page, which shows the success message."""
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"]).content.decode()


def login(client, user):
    client.logout()
    assert client.login(username=user.username, password=PASSWORD)


def test_handler_head_and_reviewer_take_a_request_from_correction_to_delivery(client, staff):
    request = file(submitted_at=workdays_ago(2))
    login(client, staff.handler)
    html = page(client, request)
    for line in request.clock.explain():
        assert line in html  # the due date explains itself under it
    assert "告知补正" in offered(html) and "同意延期" not in buttons(html) and "审签通过" not in buttons(html)

    html = done(client, act(client, request, "correction", items="请写明所需预算的年度", workdays=10))
    assert "已告知补正" in html and "待补正" in html and "请写明所需预算的年度" in html
    assert "补正期限" in html and "收到补正" in html  # the correction's own deadline, and the next step
    html = done(client, act(client, request, "corrected", supplied="2025年度"))
    request.refresh_from_db()
    assert "已登记收到补正" in html and request.state == RequestState.PROCESSING
    assert f"{request.clock.due_on:%Y-%m-%d}" in html and "告知补正" not in offered(html)

    html = done(client, act(client, request, "consult", party_kind="third_party", party_name="某建设公司",
                            question="是否同意公开报价部分"))
    assert "已征求“某建设公司”意见" in html and "征求意见中" in html and "暂停计算" in html
    consultation = request.consultations.get()
    html = done(client, act(client, request, "close-consultation", consultation, opinion="agree", reply="同意"))
    assert "征求“某建设公司”意见已结束：同意公开" in html

    html = done(client, act(client, request, "extend", workdays=15, reason="涉及多个处室的档案"))
    assert "待政府信息公开工作机构负责人批准" in html and "同意延期" not in buttons(html)
    extension = request.extensions.get()
    refused = act(client, request, "decide-extension", extension, decision="approve")
    assert refused.status_code == 403 and "您没有批准权限" in refused.content.decode()
    extension.refresh_from_db()
    assert extension.state == Extension.State.PENDING

    login(client, staff.head)
    html = page(client, request)
    assert "同意延期" in buttons(html) and offered(html) == ["批准延期：15 个工作日（czt_foi 申请）"]
    html = done(client, act(client, request, "decide-extension", extension, decision="approve", note="同意"))
    request.refresh_from_db()
    assert request.clock.limit_workdays == 35 and "已同意延期 15 个工作日" in html

    login(client, staff.handler)
    html = done(client, act(client, request, "draft", outcome="r2", how_to_obtain="以电子邮件发送可公开部分",
                            withheld="供应商报价明细", withheld_reason="涉及商业秘密，第三方不同意公开"))
    assert "送审签" in html and "审签通过" not in buttons(html) and "预览告知书" in html
    preview = client.get(f"{page_url(request)}letter-preview/")
    assert preview["Content-Type"] == "application/pdf" and preview.content.startswith(b"%PDF")
    reply = Reply.objects.get(request=request)
    refused = act(client, request, "review", decision="approve")
    assert refused.status_code == 403 and "保密审查员" in refused.content.decode()

    login(client, staff.reviewer)
    html = page(client, request)
    assert buttons(html)[-2:] == ["审签通过", "退回修改"] and "预览告知书" in html
    unexplained = act(client, request, "review", decision="return")
    assert unexplained.status_code == 400 and "退回修改须写明意见" in unexplained.content.decode()
    html = done(client, act(client, request, "review", decision="return", note="理由写得更具体些"))
    assert "答复已退回修改" in html and "理由写得更具体些" in html

    login(client, staff.handler)
    html = page(client, request)
    assert "修改答复" in offered(html) and "供应商报价明细</textarea>" in html  # the draft, to revise
    done(client, act(client, request, "draft", outcome="r2", how_to_obtain="以电子邮件发送可公开部分",
                     withheld="供应商报价明细", withheld_reason="涉及商业秘密，第三方书面不同意公开（条例第十五条）"))

    login(client, staff.reviewer)
    html = done(client, act(client, request, "review", decision="approve", note="同意"))
    reply.refresh_from_db()
    assert reply.state == Reply.State.APPROVED and f"告知书文号 {reply.letter_number}" in html

    login(client, staff.handler)
    html = page(client, request)
    assert reply.letter_pdf.url in html and reply.letter_docx.url in html
    pdf = client.get(reply.letter_pdf.url)
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    html = done(client, act(client, request, "send", detail="已发送至申请人邮箱"))
    request.refresh_from_db()
    assert "答复已送达" in html and request.state == RequestState.ANSWERED and "已答复" in html

    html = done(client, act(client, request, "remedy", kind="review", filed_on=f"{timezone.localdate():%Y-%m-%d}",
                            body="湖南省人民政府", case_number="湘政复〔2026〕8号"))
    remedy = request.remedies.get()
    html = done(client, act(client, request, "conclude-remedy", remedy, result="upheld"))
    assert "已更新行政复议结果：结果维持" in html and "湘政复〔2026〕8号" in html
    client.logout()
    assert client.get(reply.letter_pdf.url).status_code == 404  # the letter stays private


def test_notes_documents_and_assignment_show_on_the_page_marked_internal(client, hunan, staff):
    request = file()
    colleague = hunan.user("czt_foi2", hunan.czt, "foi_handler", first_name="李四")
    hunan.user("czt_writer", hunan.czt, "publisher")
    login(client, staff.handler)
    html = page(client, request)
    options = re.search(r'name="assign-assignee".*?</select>', html, re.S).group(0)
    assert "李四" in options and "czt_foi" in options and "czt_writer" not in options
    html = done(client, act(client, request, "assign", assignee=colleague.pk))
    assert "已分派给 李四" in html
    html = done(client, act(client, request, "note", text="已电话联系申请人核实年度"))
    row = re.search(r"<tr class=\"foi-internal\">(?:(?!</tr>).)*已电话联系申请人核实年度.*?</tr>", html, re.S).group(0)
    assert "内部" in row
    upload = SimpleUploadedFile("预算明细.txt", "2025年三公经费明细".encode())
    html = done(client, act(client, request, "attach", file=upload, title="三公经费明细"))
    document = request.release_documents.get()
    assert f'<a href="{document.url}">三公经费明细</a>' in html
    assert client.get(document.url).status_code == 200
    login(client, staff.other)
    assert client.get(document.url).status_code == 404


def test_errors_show_the_chinese_message_and_keep_what_was_typed(client, staff):
    request = file()
    login(client, staff.handler)
    response = act(client, request, "correction", items="", workdays=30)
    html = response.content.decode()
    assert response.status_code == 400 and "请一次性列明需要补正的全部内容" in html
    assert 'name="correction-workdays" value="30"' in html and '<details class="foi-step" open' in html

    response = act(client, request, "extend", workdays=25, reason="档案在外地")
    html = response.content.decode()
    assert response.status_code == 400 and "请填写 1 至 20 之间的工作日数" in html and "档案在外地" in html

    consultation = actions.consult(request, actor=staff.handler, party_kind="third_party", party_name="某公司",
                                   question="是否同意公开")
    response = act(client, request, "close-consultation", consultation, opinion="no_reply", reply="电话未接通")
    html = response.content.decode()
    assert response.status_code == 400 and "尚未逾期" in html and "电话未接通" in html  # the action's refusal
    assert not InformationRequest.objects.get(pk=request.pk).consultations.filter(closed_on__isnull=False).exists()


def test_fee_is_shown_before_it_is_sent_then_paid(client, staff):
    request = file()
    login(client, staff.handler)
    assert "本月在本机关的第 1 件，按标准应收 0.00 元" in page(client, request)  # by count: the first of the month is free
    response = act(client, request, "fee", method="by_volume", pages=120, preview="1")
    html = response.content.decode()
    assert response.status_code == 200 and "按标准应收 1100.00 元" in html and not FeeNotice.objects.exists()
    assert 'name="fee-pages" value="120"' in html
    html = done(client, act(client, request, "fee", method="by_volume", pages=120, amount="80",
                            reduction_reason="申请人为低保户"))
    fee = FeeNotice.objects.get()
    assert fee.amount == 80 and "已发出收费通知：80.00 元" in html and "待缴费" in html
    html = done(client, act(client, request, "payment", reference="PJ2026001"))
    assert "已登记缴费 80.00 元" in html and "PJ2026001" in html


def test_another_agencys_handler_reaches_no_step_of_the_request(client, staff):
    request = file()
    consultation = actions.consult(request, actor=staff.handler, party_kind="third_party", party_name="某公司",
                                   question="是否同意公开")
    login(client, staff.other)
    assert client.get(page_url(request)).status_code in (403, 404)
    assert client.get(f"{page_url(request)}letter-preview/").status_code in (403, 404)
    for step in STEP_KEYS:
        assert act(client, request, step, text="看看", items="补正").status_code in (403, 404), step
    for step in ITEM_STEP_KEYS:
        assert act(client, request, step, consultation, opinion="agree").status_code in (403, 404), step
    assert list(request.events.values_list("kind", flat=True)) == ["submitted", "received", "consultation_sent"]


def test_an_inspector_reads_the_request_but_is_offered_no_step(client, hunan, staff):
    request = file()
    inspector = hunan.user("inspector1", hunan.province, "inspector")
    login(client, inspector)
    html = page(client, request)
    assert request.number in html and "您可以查看本申请，但没有办理权限" in html and "<form" not in html.split(
        'id="handling"')[1]
    response = act(client, request, "note", text="监察意见")
    assert response.status_code == 403 and "权限" in response.content.decode()
    assert not request.events.filter(kind="note").exists()


def test_queue_shows_the_assignee_and_filters_mine(client, hunan, staff):
    mine = file(description="分给我的申请")
    unassigned = file(description="还没分派的申请", phone="13900002222")
    actions.assign(mine, actor=staff.handler, assignee=staff.handler)
    login(client, staff.handler)
    html = client.get("/admin/foi/requests/").content.decode()
    assert "经办人" in html and "未分派" in html and "登记申请" in html
    only_mine = client.get("/admin/foi/requests/", {"assignee": "mine"}).content.decode()
    assert mine.number in only_mine and unassigned.number not in only_mine
    corrections = client.get("/admin/foi/requests/", {"state": "correction"}).content.decode()
    assert mine.number not in corrections


def test_paper_requests_are_registered_with_the_receipt_rule_of_their_channel(client, hunan, staff):
    login(client, staff.handler)
    assert "登记申请" in client.get("/admin/foi/requests/register/").content.decode()
    signed = timezone.localdate() - timedelta(days=3)
    data = {**application(agency=hunan.czt.pk, delivery_form="paper", delivery_way="post",
                          address="长沙市天心区城南路1号", postcode="410000"), "channel": "post"}
    response = client.post("/admin/foi/requests/register/", data)
    html = response.content.decode()
    assert response.status_code == 400 and "邮寄的申请须填写签收日期" in html and ID_NUMBER in html
    outside = client.post("/admin/foi/requests/register/", {**data, "agency": hunan.zrzyt.pk,
                                                             "signed_on": f"{signed:%Y-%m-%d}"})
    assert outside.status_code == 400 and "只能为您有权办理的机关登记申请" in outside.content.decode()
    html = done(client, client.post("/admin/foi/requests/register/", {**data, "signed_on": f"{signed:%Y-%m-%d}"}))
    filed = InformationRequest.objects.get()
    assert filed.channel == "post" and filed.received_on == signed
    assert filed.clock.due_on == calendar.current().add_workdays(signed, 20)
    assert f"收到申请之日为 {signed:%Y-%m-%d}" in html and "签收之日" in html
    assert filed.events.first().kind == "registered" and filed.events.first().actor == staff.handler


def test_complaints_are_listed_masked_soonest_due_first_and_answered(client, hunan, staff):
    complaint = actions.file_complaint(agency=hunan.czt, name="李四", phone="13700001111", content="申请超过期限未答复")
    actions.file_complaint(agency=hunan.zrzyt, name="王五", phone="13700002222", content="自然资源厅的投诉")
    login(client, staff.handler)
    html = client.get("/admin/foi/complaints/").content.decode()
    assert complaint.number in html and "李*" in html and "137****1111" in html
    assert "李四" not in html and "自然资源厅的投诉" not in html and "剩 " in html
    url = f"/admin/foi/complaints/inspect/{complaint.pk}/"
    html = client.get(url).content.decode()
    assert complaint.clock.explain()[0] in html and "核查结论" in html
    response = client.post(f"{url}answer/", {"finding": "substantiated", "answer": " "})
    html = response.content.decode()
    assert response.status_code == 400 and "请填写答复内容" in html
    assert re.search(r'value="substantiated"[^>]*checked', html)
    html = done(client, client.post(f"{url}answer/", {"finding": "substantiated", "answer": "经核查属实，已限期答复"}))
    complaint.refresh_from_db()
    assert complaint.state == Complaint.State.ANSWERED and "已答复" in html and "经核查属实" in html
    login(client, staff.other)
    assert client.get(url).status_code in (403, 404)
    assert client.post(f"{url}answer/", {"finding": "unfounded", "answer": "不属实"}).status_code in (403, 404)


@pytest.mark.parametrize("role, allowed", [("system_admin", True), ("foi_handler", False)])
def test_the_fee_schedule_is_data_kept_by_system_administrators(client, hunan, role, allowed):
    user = hunan.user("someone", hunan.province, role)
    login(client, user)
    response = client.get("/admin/foi/fee-schedules/new/")
    assert (response.status_code == 200) is allowed
    if not allowed:
        return
    broken = client.post("/admin/foi/fee-schedules/new/", {"effective_from": "2026-01-01", "basis": "新标准",
                                                           "data": '{"by_count": {}}'})
    assert "收费标准格式不正确" in broken.content.decode()
    seed = (settings.SHARED_DATA_DIR / SCHEDULE_FILE).read_text(encoding="utf-8")
    created = client.post("/admin/foi/fee-schedules/new/", {"effective_from": "2026-01-01", "basis": "新标准",
                                                            "data": seed})
    assert created.status_code == 302
    assert current_schedule().fee_by_volume(120) == 1100


def test_the_timeline_gives_each_step_its_own_day_and_says_when_it_was_entered(client, staff):
    request = file(submitted_at=workdays_ago(12))
    login(client, staff.handler)
    html = page(client, request)
    submitted = timezone.localtime(request.submitted_at)
    assert f"{submitted:%Y-%m-%d}<br><small>（{timezone.localtime():%Y-%m-%d}" in html  # filed then, entered today
