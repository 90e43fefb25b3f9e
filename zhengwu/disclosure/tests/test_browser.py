"""In headless Chromium: browse the catalog, search in Chinese, and pass an item through 保密审查."""

import datetime

import pytest
from playwright.sync_api import expect

from zhengwu.conftest import admin_login, needs_chromium, serious_violations
from zhengwu.disclosure.models import DisclosureItemPage
from zhengwu.disclosure.models.review import secrecy_workflow

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture
def items(catalog):
    czt = catalog.tree.czt
    catalog.item(czt, title="关于做好部门预算公开工作的通知", doc_number="湘财预〔2026〕3号")
    catalog.item(czt, title="全省统计公报", theme=_theme("zt0303"), category=None,
                 published_on=datetime.date(2024, 4, 1), body="<p>国民经济和社会发展统计信息。</p>")
    catalog.item(czt, title="已废止的收费办法", repealed_on=datetime.date(2025, 2, 1),
                 published_on=datetime.date(2024, 2, 1), written_on=datetime.date(2024, 1, 20),
                 formed_on=datetime.date(2024, 1, 20), body="<p>行政事业性收费标准。</p>")
    return catalog


def _theme(code):
    from zhengwu.disclosure.models import Theme

    return Theme.objects.get(code=code)


def test_citizen_browses_the_catalog_and_reads_an_item(browser_page, live_server, items):
    page = browser_page
    page.goto(live_server.url + "/czt/")
    page.get_by_role("navigation", name="栏目导航").get_by_role("link", name="政府信息公开").click()
    page.get_by_role("link", name="政府信息公开目录").first.click()
    assert "共 3 条" in page.locator("#results-heading").inner_text()
    assert "已于 2025-02-01 废止" in page.locator(".catalog-list").inner_text()
    page.get_by_role("navigation", name="分类导航").get_by_role("link", name="国民经济管理、国有资产监管").click()
    assert page.locator(".catalog-list li").count() == 1
    page.get_by_role("link", name="全省统计公报").click()
    metadata = page.locator("table.metadata").inner_text()
    assert "索引号" in metadata and "/2024-" in metadata and "湖南省财政厅" in metadata
    assert serious_violations(page) == []


def test_citizen_searches_in_traditional_characters_and_narrows_by_facet(browser_page, live_server, items):
    page = browser_page
    page.goto(live_server.url + "/search/")
    page.fill("#search-q", "預算公開")
    page.keyboard.press("Enter")
    assert "“預算公開”共找到" in page.locator("#results-heading").inner_text()
    first = page.locator(".search-results li").first
    assert first.get_by_role("link").inner_text() == "关于做好部门预算公开工作的通知"  # the title match ranks first
    assert first.locator("mark").count() >= 1
    page.goto(live_server.url + "/search/?q=公开")
    page.get_by_role("navigation", name="结果分类").get_by_role("link", name="已废止").click()
    page.wait_for_url("**validity=repealed**")
    assert "已废止的收费办法" in page.locator(".search-results").inner_text()
    assert "关于做好部门预算公开工作的通知" not in page.locator(".search-results").inner_text()
    assert serious_violations(page) == []


def test_reviewer_approves_an_item_with_an_opinion_from_the_dashboard(browser_page, live_server, catalog):
    tree = catalog.tree
    item = catalog.item(tree.czt, title="待审查的预算通知", publish=False, user=tree.editor)
    secrecy_workflow().start(item, tree.editor)
    page = browser_page
    admin_login(page, live_server, "czt_reviewer")
    row = page.locator("tr", has_text="待审查的预算通知")
    row.get_by_role("button", name="操作").click()
    page.get_by_role("button", name="审查通过").click()
    page.get_by_label("审查意见").fill("经审查不涉及国家秘密，同意公开。")
    page.locator(".modal form button[type=submit]").click()
    # The approval is a POST the page sends; wait until the dashboard no longer lists the item.
    expect(page.locator("tr", has_text="待审查的预算通知")).to_have_count(0)
    item = DisclosureItemPage.objects.get(pk=item.pk)
    assert item.live and item.index_number.startswith(tree.czt.credit_code)
    page.goto(live_server.url + f"/admin/pages/{item.pk}/history/")
    assert "经审查不涉及国家秘密，同意公开。" in page.locator("main").inner_text()
