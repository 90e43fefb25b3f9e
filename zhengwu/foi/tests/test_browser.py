"""In headless Chromium: a citizen applies without an account and follows the request."""

import pytest
from playwright.sync_api import expect

from zhengwu.conftest import needs_chromium, serious_violations
from zhengwu.foi.models import InformationRequest
from zhengwu.foi.tests.test_submission import ID_NUMBER

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
    assert filed.number in receipt and filed.tracking_code in receipt
    page.get_by_role("link", name="查询办理进度").click()
    page.get_by_label("申请编号").fill(filed.number)
    page.get_by_label("查询码").fill(filed.tracking_code)
    page.get_by_role("button", name="查询").click()
    expect(page.locator("#status-heading")).to_contain_text("办理中")
    assert serious_violations(page) == []
