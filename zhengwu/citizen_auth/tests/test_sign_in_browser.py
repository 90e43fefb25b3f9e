"""In headless Chromium on a 360 px phone, without JavaScript: the login page offers the three ways and fits the
screen; a citizen signs in by SMS code, and through the unified identity with the browser itself following the
provider's redirects."""

import re

import pytest

from zhengwu.conftest import needs_chromium, serious_violations

pytestmark = [pytest.mark.browser, needs_chromium]


def phone_page(browser_context):
    return browser_context(viewport={"width": 360, "height": 800}, java_script_enabled=False,
                           locale="zh-CN").new_page()


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def test_sign_in_by_sms_code_on_a_phone(browser_context, live_server, hunan, texts, settings):
    settings.SIGNIN_CODE_RESEND_SECONDS = 0
    page = phone_page(browser_context)
    page.goto(live_server.url + "/accounts/login/")
    ways = page.get_by_role("navigation", name="登录方式")
    assert ways.get_by_role("link").all_inner_texts() == ["账号密码登录", "手机验证码登录"]  # no provider configured
    assert fits(page)
    checked = browser_context(viewport={"width": 360, "height": 800}).new_page()  # axe itself needs JavaScript
    for path in ("/accounts/login/", "/accounts/sms/"):
        checked.goto(live_server.url + path)
        assert serious_violations(checked) == [], path

    ways.get_by_role("link", name="手机验证码登录").click()
    page.get_by_label("手机号码").fill("139 0731 0000")
    page.get_by_role("button", name="获取验证码").click()
    assert "139****0000" in page.locator("main").inner_text() and fits(page)
    code = re.search(r"验证码为(\d{6})", texts[-1][1]).group(1)
    page.get_by_label("短信验证码").fill(code)
    page.get_by_role("button", name="登录", exact=True).click()
    assert page.url.endswith("/ysqgk/mine/")
    assert "您好，139****0000" in page.locator("header").inner_text()


def test_sign_in_through_the_unified_identity_on_a_phone(browser_context, live_server, hunan, provider):
    page = phone_page(browser_context)
    page.goto(live_server.url + "/accounts/login/")
    assert fits(page)
    page.get_by_role("link", name="使用湖南省统一身份认证平台登录").click()  # → provider → callback
    assert page.url.endswith("/ysqgk/mine/")
    assert "您好，张三" in page.locator("header").inner_text()
