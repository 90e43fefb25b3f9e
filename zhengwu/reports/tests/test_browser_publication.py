"""In headless Chromium: the disclosure office submits last year's report from its draft page, the reviewer
approves it from the page's workflow, the public reads it in the 年报 column and downloads it; a supervisor
reads 年报报送情况. Each page passes the axe check."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from zhengwu.conftest import admin_login, needs_chromium, serious_violations
from zhengwu.disclosure.seed import load_taxonomies
from zhengwu.disclosure.tests.test_public_pages import path_of
from zhengwu.foi.models import InformationRequest
from zhengwu.foi.tests.test_queue import file
from zhengwu.orgs.models import Role
from zhengwu.reports.models import AnnualReport, AnnualReportPage

pytestmark = [pytest.mark.browser, needs_chromium]


def test_report_goes_from_draft_through_review_to_the_annual_column(browser_page, live_server, hunan):
    load_taxonomies()
    year = timezone.localdate().year - 1
    hunan.user("czt_foi", hunan.czt, Role.FOI_HANDLER)
    reviewer = hunan.user("czt_reviewer", hunan.czt, Role.SECRECY_REVIEWER)
    hunan.user("sheng_jc", hunan.province, Role.INSPECTOR)
    request = file(description="申请", submitted_at=datetime(year, 3, 2, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
    InformationRequest.objects.filter(pk=request.pk).update(decided_on=date(year, 3, 20), outcome="r1",
                                                            state="answered")
    report = AnnualReport.objects.create(agency=hunan.czt, year=year)
    page = browser_page

    admin_login(page, live_server, "czt_foi")
    page.goto(f"{live_server.url}/admin/reports/annual/{report.pk}/")
    page.get_by_role("button", name="保存并提交发布").first.click()
    expect(page.get_by_text("已保存草稿，但未提交发布")).to_be_visible()  # Parts 一 and 五 are empty
    page.get_by_label("一、总体情况（正文）").fill(f"{year}年，本厅依法做好政府信息公开工作。")
    page.get_by_label("五、存在的主要问题及改进情况（正文）").fill("政策解读形式较为单一，将加以改进。")
    page.get_by_role("button", name="保存并提交发布").first.click()
    expect(page.get_by_text("已保存并提交保密审查")).to_be_visible()
    expect(page.locator("#rpt-status-heading")).to_be_visible()
    expect(page.locator(".messages > ul")).to_have_css("opacity", "1")
    assert serious_violations(page) == []

    # The reviewer's approval in Wagtail's workflow UI is covered by the disclosure tests; here it is the
    # same task action, taken directly.
    published = AnnualReportPage.objects.get(report=report)
    task_state = published.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, reviewer, "approve", comment="不涉密，同意公开。")
    published.refresh_from_db()
    assert published.live and published.index_number

    page.goto(live_server.url + path_of(published.get_parent()))
    page.get_by_role("link", name=published.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(published.title)
    expect(page.locator("table.metadata")).to_contain_text(published.index_number)
    assert serious_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="下载 PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")

    page.context.clear_cookies()
    admin_login(page, live_server, "sheng_jc")
    page.goto(f"{live_server.url}/admin/reports/annual/region/?agency={hunan.province.pk}&year={year}")
    page.locator("summary", has_text="湖南省人民政府（省级）").click()  # the province's own group, collapsed
    expect(page.get_by_role("row", name="湖南省财政厅")).to_contain_text("已按期发布" if timezone.localdate()
                                                                       <= date(year + 1, 1, 31) else "逾期发布")
    assert serious_violations(page) == []
