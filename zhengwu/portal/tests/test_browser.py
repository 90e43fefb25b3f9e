"""In headless Chromium, as a visitor and an editor would: navigate, 适老化 mode, keyboard, admin login, axe."""

import re

import pytest
from playwright.sync_api import expect

from zhengwu.conftest import admin_login, needs_chromium, serious_violations
from zhengwu.orgs.models import Role

pytestmark = [pytest.mark.browser, needs_chromium]


def test_visitor_navigates_the_site_cluster_in_chinese(browser_page, live_server, hunan):
    page = browser_page
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"  # Chinese first, whatever the browser says
    assert page.locator("h1").inner_text() == "湖南省人民政府门户网站"
    page.get_by_role("link", name="湖南省财政厅").click()
    assert page.locator("h1").inner_text() == "湖南省财政厅"
    assert "网站标识码" in page.locator("footer").inner_text()

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="长沙市人民政府").click()
    page.get_by_role("link", name="长沙县人民政府").click()
    page.get_by_role("link", name="星沙街道").click()
    assert page.locator("h1").inner_text() == "星沙街道"
    assert "长沙县人民政府" in page.locator("footer").inner_text()  # a township section shows its county's identifiers
    page.get_by_role("navigation", name="栏目导航").get_by_role("link", name="信息公开").click()
    assert page.locator("h1").inner_text() == "信息公开"


def test_elder_mode_enlarges_text_and_persists_across_pages(browser_page, live_server, hunan):
    page = browser_page
    page.goto(live_server.url + "/czt/")
    normal = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    page.get_by_role("link", name="适老化模式").click()
    assert page.url.endswith("/czt/")
    size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    line = page.evaluate("parseFloat(getComputedStyle(document.body).lineHeight)")
    assert size >= normal * 1.25 and line >= size * 1.5
    page.goto(live_server.url + "/changsha/changshaxian/")
    assert "elder" in page.locator("html").get_attribute("class")
    assert serious_violations(page) == []
    page.get_by_role("link", name="退出适老化模式").click()
    assert "elder" not in (page.locator("html").get_attribute("class") or "")


def test_every_page_works_by_keyboard(browser_page, live_server, hunan):
    page = browser_page
    page.goto(live_server.url + "/changsha/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到主要内容"
    assert page.evaluate("document.activeElement.getBoundingClientRect().top") >= 0  # the skip link shows on focus
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    # Tab through the header: the elder-mode link is reachable and works with Enter.
    page.goto(live_server.url + "/changsha/")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "适老化模式":
            break
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_class(re.compile("elder"))
    outline = page.evaluate("""() => { const a = document.querySelector('.main-nav a'); a.focus();
        const s = getComputedStyle(a); return s.outlineStyle + ' ' + s.outlineWidth; }""")
    assert not outline.startswith("none")


@pytest.mark.parametrize("path", ["/", "/czt/", "/changsha/changshaxian/xingshajiedao/", "/zwdt/"])
def test_pages_have_no_serious_accessibility_violations(browser_page, live_server, hunan, path):
    browser_page.goto(live_server.url + path)
    assert serious_violations(browser_page) == []


def test_narrow_screen_has_no_horizontal_scroll(browser_page, live_server, hunan):
    browser_page.set_viewport_size({"width": 360, "height": 800})
    browser_page.goto(live_server.url + "/")
    assert browser_page.evaluate("document.documentElement.scrollWidth") <= 360


def test_department_editor_logs_in_to_chinese_admin_and_sees_only_own_site(browser_page, live_server, hunan):
    hunan.user("czt_editor", hunan.czt, Role.PUBLISHER)
    page = browser_page
    admin_login(page, live_server, "czt_editor")
    assert page.locator("html").get_attribute("lang").lower().startswith("zh")
    page.goto(live_server.url + f"/admin/pages/{hunan.czt.home_page_id}/")
    body = page.locator("main").inner_text()
    assert "工作动态" in body
    page.goto(live_server.url + f"/admin/pages/{hunan.zrzyt.home_page_id}/edit/")
    assert "湖南省自然资源厅" not in page.locator("main").inner_text() or "权限" in page.content()
