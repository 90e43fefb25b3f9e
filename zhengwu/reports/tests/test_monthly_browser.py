"""In headless Chromium: the reporter opens last month's report and submits it with JavaScript switched off
(every step is a plain form post), is refused a negative figure without losing what was typed, and the
month page, its error state and the region's roll-up have no serious accessibility violations (axe)."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from zhengwu.conftest import admin_login, needs_chromium, serious_violations
from zhengwu.foi.models import InformationRequest
from zhengwu.foi.tests.test_queue import file
from zhengwu.reports.monthly import figures as monthly
from zhengwu.reports.monthly.models import MonthlyReport
from zhengwu.reports.tests.test_monthly import FULL

pytestmark = [pytest.mark.browser, needs_chromium]


def test_reporter_fills_in_and_submits_last_month_without_javascript(browser_page, browser_context, live_server,
                                                                    hunan):
    handler = hunan.user("czt_foi", hunan.czt, "foi_handler")
    hunan.user("sheng_head", hunan.province, "disclosure_head")
    year, month = monthly.previous_month(monthly.today())
    first, _ = monthly.month_bounds(year, month)
    request = file(description="上月收到的申请", submitted_at=datetime(year, month, 1, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
    InformationRequest.objects.filter(pk=request.pk).update(received_on=first)

    plain = browser_context(java_script_enabled=False).new_page()
    admin_login(plain, live_server, handler.username)
    plain.goto(live_server.url + "/admin/reports/monthly/")
    opener = plain.get_by_role("form", name="打开月报")
    expect(opener.get_by_label("机关")).to_have_value(str(hunan.czt.pk))
    expect(opener.get_by_label("月份")).to_have_value(f"{year}-{month:02d}")  # last month
    opener.get_by_role("button", name="打开").click()
    expect(plain.get_by_role("link", name=re.compile(r"^1\s*（查看收到申请（件）的明细记录）$"))).to_be_visible()
    report = MonthlyReport.objects.get(agency=hunan.czt, year=year, month=month)

    letters = plain.get_by_label("信箱来信（件）")
    expect(plain.locator("#row-letters_received")).to_contain_text("人工填报（平台尚无数据来源）")
    plain.get_by_label("新闻发布会（场）").fill("2")
    letters.fill("-3")
    letters.press("Enter")  # the first button is 保存: Enter never submits by accident
    expect(plain.get_by_role("alert")).to_contain_text("未保存，也未上报")
    expect(plain.locator("#row-letters_received")).to_contain_text("“信箱来信（件）”不能为负数。")
    expect(letters).to_have_value("-3")
    expect(plain.get_by_label("新闻发布会（场）")).to_have_value("2")  # nothing typed is lost

    for key, value in FULL.items():
        plain.locator(f"#id_{key}").fill(str(value))
    plain.get_by_role("button", name="上报至湖南省人民政府").click()
    expect(plain.get_by_text("等待上级机关审核").first).to_be_visible()
    expect(plain.locator("#mr-status")).to_contain_text("已上报")
    report.refresh_from_db()
    assert report.state == "submitted" and report.manual_figures["letters_received"] == FULL["letters_received"]

    page = browser_page  # with JavaScript, for axe
    admin_login(page, live_server, handler.username)
    report_url = f"{live_server.url}/admin/reports/monthly/{report.pk}/"
    page.goto(report_url)
    expect(page.locator("#mr-figures")).to_be_visible()
    assert serious_violations(page) == []
    MonthlyReport.objects.filter(pk=report.pk).update(state="draft")  # back to a draft, to check its form
    page.goto(report_url)
    page.get_by_label("红牌（张）").fill("-1")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("alert")).to_contain_text("未保存")
    assert serious_violations(page) == []
    page.goto(f"{live_server.url}/admin/reports/monthly/region/?agency={hunan.czt.pk}&period={year}-{month:02d}")
    expect(page.locator("#mr-totals")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_role("link", name="湖南省财政厅").click()  # the region's row leads to the report
    page.get_by_role("link", name=re.compile("查看收到申请（件）的明细记录")).click()
    expect(page.get_by_role("link", name=request.number)).to_be_visible()  # to the case, by its number only
    assert serious_violations(page) == []
    page.goto(f"{live_server.url}/admin/reports/monthly/")
    expect(page.get_by_role("form", name="打开月报")).to_be_visible()
    assert serious_violations(page) == []
