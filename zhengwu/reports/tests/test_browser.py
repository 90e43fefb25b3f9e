"""In headless Chromium: the disclosure office opens last year's report from the list by keyboard, sees the
platform's figures and the check result, is refused a negative figure, fills in a manual figure and saves;
the starting-point text goes into Part 一 without JavaScript doing it."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from zhengwu.conftest import admin_login, needs_chromium, serious_violations
from zhengwu.foi.models import InformationRequest
from zhengwu.foi.tests.test_queue import file
from zhengwu.reports.models import AnnualReport

pytestmark = [pytest.mark.browser, needs_chromium]


def test_handler_opens_a_report_fills_a_manual_figure_and_saves(browser_page, live_server, hunan):
    year = timezone.localdate().year - 1
    handler = hunan.user("czt_foi", hunan.czt, "foi_handler")
    for month, outcome in ((3, "r1"), (5, "r2"), (7, None)):
        request = file(description=f"{year}年{month}月的申请",
                       submitted_at=datetime(year, month, 2, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
        if outcome:
            InformationRequest.objects.filter(pk=request.pk).update(
                decided_on=date(year, month, 20), outcome=outcome, state="answered")
    page = browser_page
    admin_login(page, live_server, handler.username)
    page.goto(live_server.url + "/admin/reports/annual/")
    opener = page.get_by_role("form", name="打开年度报告")
    expect(opener.get_by_label("机关")).to_have_value(str(hunan.czt.pk))  # the user's own agency
    expect(opener.get_by_label("年度")).to_have_value(str(year))  # last year
    assert serious_violations(page) == []
    opener.get_by_label("年度").focus()
    page.keyboard.press("Tab")
    expect(opener.get_by_role("button", name="打开")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="一、总体情况")).to_be_visible()
    report = AnnualReport.objects.get(agency=hunan.czt, year=year)
    assert page.url.endswith(f"/admin/reports/annual/{report.pk}/")

    expect(page.locator("#rpt-checks")).to_contain_text("校验通过")
    expect(page.locator("#t3-new-natural_person")).to_have_text("3")
    expect(page.locator("#t3-r7-total")).to_have_text("2")
    expect(page.locator("#t3-carried_out-total")).to_have_text("1")
    expect(page.locator(".messages > ul")).to_have_css("opacity", "1")  # “已新建…草稿” has faded in
    assert serious_violations(page) == []

    licensing = page.get_by_label("行政许可·本年处理决定数量")
    expect(page.locator("#t2-art20_5-licensing-decisions")).to_contain_text("人工填报（平台尚无数据来源）")
    licensing.fill("-5")
    licensing.press("Enter")  # the form's first button is 保存草稿, so Enter saves
    expect(page.get_by_role("alert")).to_contain_text("未保存")
    expect(page.locator("#t2-art20_5-licensing-decisions")).to_contain_text("不能为负数")
    expect(licensing).to_have_value("-5")
    expect(licensing).to_have_attribute("aria-invalid", "true")
    assert serious_violations(page) == []

    licensing.fill("120")
    page.get_by_label("六、其他需要报告的事项（正文）").fill("本年度无其他需要报告的事项。")
    page.get_by_role("button", name="保存草稿").first.click()
    expect(page.get_by_text("已保存")).to_be_visible()
    expect(licensing).to_have_value("120")
    report.refresh_from_db()
    assert report.manual_figures == {"art20_5": {"licensing": {"decisions": 120}}}
    assert report.other_matters == "本年度无其他需要报告的事项。"

    page.get_by_role("button", name=re.compile("填入平台数据.*一、总体情况")).click()
    overview = page.get_by_label("一、总体情况（正文）")
    expect(overview).to_be_focused()
    expect(overview).to_have_value(
        re.compile(r"作出行政许可处理决定 120 件.*本年度新收政府信息公开申请 3 件，上年结转 0 件；办结 2 件", re.S))
    page.get_by_role("button", name="保存草稿").first.click()
    expect(page.get_by_text("已保存")).to_be_visible()
    report.refresh_from_db()
    assert "结转下年度继续办理 1 件" in report.overview
