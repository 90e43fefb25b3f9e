"""In headless Chromium: a handler opens the queue, opens a request and asks for a correction by keyboard;
the timeline and the answer clock's explanation follow."""

import pytest
from playwright.sync_api import expect

from zhengwu.conftest import admin_login, needs_chromium, serious_violations
from zhengwu.foi.tests.test_queue import file

pytestmark = [pytest.mark.browser, needs_chromium]


def test_handler_requests_a_correction_from_the_request_page(browser_page, live_server, staff):
    request = file()
    page = browser_page
    admin_login(page, live_server, staff.handler.username)
    page.goto(live_server.url + "/admin/foi/requests/")
    expect(page.get_by_role("link", name="登记申请")).to_be_visible()
    page.get_by_role("link", name=request.number).click()
    expect(page.locator("#foi-due")).to_contain_text(f"{request.clock.due_on:%Y-%m-%d}")
    expect(page.locator("#foi-due")).to_contain_text("个工作日")  # the explanation under the due date
    assert serious_violations(page) == []

    summary = page.locator("summary", has_text="告知补正")
    summary.focus()
    page.keyboard.press("Enter")  # <details> opens by keyboard
    items = page.get_by_label("需要补正的事项")
    expect(items).to_be_visible()
    items.fill("请写明所需预算的年度和部门")
    expect(page.get_by_label("补正期限（工作日）")).to_have_value("15")
    page.get_by_role("button", name="告知补正").click()

    expect(page.get_by_text("已告知补正")).to_be_visible()
    expect(page.locator(".messages > ul")).to_have_css("opacity", "1")  # the message has faded in
    expect(page.locator("#foi-state")).to_have_text("待补正")
    expect(page.locator("#foi-due")).to_contain_text("暂停计算")
    expect(page.locator("#foi-due")).to_contain_text("告知补正，答复期限自收到补正之日起重新计算")
    expect(page.locator("#foi-timeline")).to_contain_text("请写明所需预算的年度和部门")
    expect(page.locator("summary", has_text="收到补正")).to_be_visible()
    assert serious_violations(page) == []

    page.locator("summary", has_text="内部备注").click()
    page.get_by_role("button", name="内部备注").click()  # empty: the Chinese message, the form stays open
    expect(page.get_by_text("请填写备注内容。")).to_be_visible()
    page.get_by_label("备注内容").fill("已电话提醒申请人")
    page.get_by_role("button", name="内部备注").click()
    expect(page.locator("#foi-timeline tr", has_text="已电话提醒申请人")).to_contain_text("内部")
