"""In headless Chromium: a citizen writes to the 省长信箱 (and first gets a field wrong), the office forwards the
letter, 财政厅 drafts, a second person approves and publishes; the citizen follows the letter by number and
code, reads the reply, rates it, and finds it on the mailbox page without personal details."""

import pytest
from playwright.sync_api import expect

from zhengwu.conftest import admin_login, needs_chromium, serious_violations
from zhengwu.interaction.models import Letter
from zhengwu.testing.codes import issued_code

pytestmark = [pytest.mark.browser, needs_chromium]


def test_writing_a_letter_and_the_reply_journey(browser_page, live_server, mailbox):
    page = browser_page
    page.goto(f"{live_server.url}/hdjl/")
    page.get_by_role("link", name="省长信箱").first.click()
    expect(page.locator("h1")).to_have_text("省长信箱")
    page.get_by_role("link", name="我要写信").first.click()
    assert serious_violations(page) == []
    page.get_by_role("radio", name="建议").check()
    page.get_by_role("textbox", name="标题").fill("建议星沙开通夜班公交")
    page.get_by_role("textbox", name="来信内容").fill("我叫赵敏，电话13912345678。星沙城区晚上十点以后没有公交，建议开通夜班车。")
    page.get_by_role("textbox", name="姓名").fill("赵敏")
    page.get_by_role("textbox", name="手机号码").fill("1391234")
    page.get_by_label("同意在网站公开").check()
    page.get_by_label("我承诺所反映的情况真实").check()
    page.get_by_role("button", name="提交来信").click()
    expect(page.locator(".error-summary")).to_contain_text("手机号码格式不正确")
    expect(page.get_by_role("textbox", name="标题")).to_have_value("建议星沙开通夜班公交")
    page.get_by_role("textbox", name="手机号码").fill("13912345678")
    page.get_by_role("button", name="提交来信").click()
    expect(page.locator(".receipt")).to_contain_text("信件编号")
    letter = Letter.objects.get()
    code = issued_code(page.locator(".receipt").inner_text())

    admin_login(page, live_server, mailbox.office.username)
    page.goto(f"{live_server.url}/admin/interaction/letters/")
    page.get_by_role("link", name=letter.number).click()
    page.get_by_role("link", name="交办").click()
    page.get_by_label("交办单位").select_option(str(mailbox.czt.pk))
    page.get_by_role("button", name="交办").click()
    expect(page.locator("#xj-state")).to_have_text("办理中")

    page.context.clear_cookies()
    admin_login(page, live_server, mailbox.czt_handler.username)
    page.goto(f"{live_server.url}/admin/interaction/letters/inspect/{letter.pk}/")
    page.get_by_role("link", name="拟写答复").click()
    page.get_by_label("答复内容").fill("您好！经研究，拟于下月试开通星沙夜1路。感谢您的建议！")
    page.get_by_role("button", name="拟写答复").click()
    expect(page.locator("#xj-state")).to_have_text("答复待审核")

    page.context.clear_cookies()
    admin_login(page, live_server, mailbox.czt_reviewer.username)
    page.goto(f"{live_server.url}/admin/interaction/letters/inspect/{letter.pk}/act/approve/")
    expect(page.locator("#xj-draft")).to_contain_text("星沙夜1路")
    page.get_by_role("button", name="审核发出").click()
    expect(page.locator("#xj-state")).to_have_text("已答复")

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/hdjl/xx/track/")
    page.get_by_label("信件编号").fill(letter.number)
    page.get_by_label("查询码").fill(code.lower())
    page.get_by_role("button", name="查询").click()
    expect(page.locator(".reply-box")).to_contain_text("星沙夜1路")
    expect(page.locator("#letter-status")).to_contain_text("139****5678")
    assert serious_violations(page) == []
    page.get_by_role("radio", name="满意", exact=True).check()
    page.get_by_role("button", name="提交评价").click()
    expect(page.locator(".notice-ok")).to_contain_text("感谢您的评价")

    page.goto(f"{live_server.url}/hdjl/xx/szxx/")
    page.get_by_role("link", name="建议星沙开通夜班公交").click()
    expect(page.locator(".reply-box")).to_contain_text("星沙夜1路")
    body = page.locator("article").inner_text()
    assert "13912345678" not in body and "赵敏" not in body and "我叫赵*" in body
    assert serious_violations(page) == []
