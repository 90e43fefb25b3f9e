"""The second factor in a real browser: enrolment by the secret typed from the page with scripts off, and the
enrolment and verification pages at 360 px without sideways scrolling or serious accessibility faults."""

import base64
import os
from pathlib import Path

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from zhengwu.conftest import needs_chromium, serious_violations
from zhengwu.orgs.models import Role
from zhengwu.testing.tree import PASSWORD

pytestmark = [pytest.mark.browser, needs_chromium]
SHOTS = Path(os.environ.get("SCREENSHOT_DIR", "/tmp/zhengwu-shots")) / "staffauth"


def sign_in(page, live_server, username):
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")


def code_from_secret(secret):
    return f"{totp(base64.b32decode(secret.replace(' ', ''))):06d}"


def test_a_new_staff_member_enrols_without_scripts_on_a_phone(browser_context, live_server, hunan):
    hunan.user("czt_foi", hunan.czt, Role.FOI_HANDLER)
    page = browser_context(java_script_enabled=False, viewport={"width": 360, "height": 740},
                           locale="zh-CN").new_page()
    sign_in(page, live_server, "czt_foi")
    page.wait_for_url("**/admin/security/otp/setup/**")
    assert page.locator(".staffauth-qr svg").is_visible()
    secret = page.locator(".staffauth-secret").inner_text()
    page.fill("#id_code", code_from_secret(secret))
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/admin/")
    assert "身份验证器已绑定" in page.content()


def test_the_sign_in_steps_fit_360_px(browser_context, live_server, hunan):
    SHOTS.mkdir(parents=True, exist_ok=True)
    hunan.user("zr_editor", hunan.zrzyt, Role.PUBLISHER)
    page = browser_context(viewport={"width": 360, "height": 740}, locale="zh-CN").new_page()
    sign_in(page, live_server, "zr_editor")
    page.wait_for_url("**/admin/security/otp/setup/**")
    page.screenshot(path=str(SHOTS / "enrol-360.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert serious_violations(page) == []
    secret = page.locator(".staffauth-secret").inner_text()
    page.fill("#id_code", "000000" if code_from_secret(secret) != "000000" else "111111")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("动态验证码不正确")
    page.fill("#id_code", code_from_secret(secret))
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/admin/")
    page.locator("form[action='/admin/logout/'] button, #wagtail-sidebar").first.wait_for(state="attached")
    page.context.clear_cookies()
    sign_in(page, live_server, "zr_editor")
    page.wait_for_url("**/admin/security/otp/?next=**")
    page.screenshot(path=str(SHOTS / "verify-360.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert serious_violations(page) == []
