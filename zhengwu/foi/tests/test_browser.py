"""In headless Chromium: a citizen applies without an account and follows the request."""

import pytest
from playwright.sync_api import expect

from zhengwu.conftest import needs_chromium, serious_violations
from zhengwu.foi.models import InformationRequest
from zhengwu.foi.tests.test_submission import ID_NUMBER
from zhengwu.testing.codes import issued_code

pytestmark = [pytest.mark.browser, needs_chromium]


def test_citizen_applies_and_tracks_the_request(browser_page, live_server, hunan):
    page = browser_page
    page.goto(live_server.url + "/ysqgk/?agency=湖南省财政厅")
    assert serious_violations(page) == []
    page.get_by_label("姓名/名称").fill("张三")
    page.get_by_label("证件号码").fill(ID_NUMBER)
    page.get_by_label("联系电话").fill("13812345678")
    page.get_by_label("所需信息的特征描述").fill("2025年省级部门预算中“三公”经费的明细")
    page.get_by_label("提供形式").select_option("electronic")
    page.get_by_label("获取方式").select_option("online")
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator("h1")).to_have_text("申请已提交")
    filed = InformationRequest.objects.get()
    receipt = page.locator(".receipt").inner_text()
    code = issued_code(receipt)
    assert filed.number in receipt
    page.get_by_role("link", name="查询办理进度").click()
    page.get_by_label("申请编号").fill(filed.number)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    expect(page.locator("#status-heading")).to_contain_text("办理中")
    assert serious_violations(page) == []


def test_signed_in_applicant_finds_the_reply_and_downloads_the_letter(browser_page, live_server, staff):
    from zhengwu.foi import actions

    page = browser_page
    page.goto(live_server.url + "/accounts/register/?next=/ysqgk/?agency=湖南省财政厅")
    page.get_by_label("用户名").fill("zhangsan2026")
    page.locator("#id_password1").fill("Xiang-Jiang-River-88")
    page.get_by_label("确认密码").fill("Xiang-Jiang-River-88")
    page.get_by_role("button", name="注册并登录").click()
    expect(page.locator("h1")).to_have_text("政府信息公开申请")
    page.get_by_label("姓名/名称").fill("张三")
    page.get_by_label("证件号码").fill(ID_NUMBER)
    page.get_by_label("联系电话").fill("13812345678")
    page.get_by_label("所需信息的特征描述").fill("2025年省级部门预算公开表")
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator("h1")).to_have_text("申请已提交")

    filed = InformationRequest.objects.get()
    reply = actions.draft_reply(filed, actor=staff.handler, outcome="r1", how_to_obtain="网上获取，即日起可下载")
    actions.review_reply(reply, actor=staff.reviewer, approve=True)
    actions.send_reply(reply, actor=staff.handler)

    page.get_by_role("link", name="我的申请").click()
    page.get_by_role("link", name=filed.number).click()
    expect(page.locator("#status-heading")).to_contain_text("已答复")
    expect(page.get_by_text("办理结果：予以公开")).to_be_visible()
    assert serious_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="答复告知书（PDF）").click()
    with open(download.value.path(), "rb") as letter:
        assert letter.read(4) == b"%PDF"
