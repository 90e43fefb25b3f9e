"""The yearly report's deadlines (条例第五十条, editable): departments 31 January, governments 31 March; an
unpublished report past its day shows as overdue to its agency (dashboard, draft page) and to supervision
(年报报送情况), beside every agency of the region and the region's summed tables."""

from datetime import date

import pytest
from django.utils import timezone

from zhengwu.conftest import PASSWORD
from zhengwu.disclosure.seed import load_taxonomies
from zhengwu.orgs.models import Agency, Role
from zhengwu.reports.annual.deadlines import Status, due_on, region_status
from zhengwu.reports.annual.publication import submit_for_publication
from zhengwu.reports.models import AnnualReport, ReportDeadlines
from zhengwu.reports.tests.test_admin import filed
from zhengwu.reports.tests.test_publication import approve

REGION = "/admin/reports/annual/region/"


def test_due_dates_by_kind_and_editable(db):
    assert due_on(Agency.Kind.COMPONENT, 2025) == date(2026, 1, 31)
    assert due_on(Agency.Kind.GOVERNMENT, 2025) == date(2026, 3, 31)
    assert due_on(Agency.Kind.TOWNSHIP, 2025) == date(2026, 3, 31)
    assert due_on(Agency.Kind.VILLAGE, 2025) is None
    deadlines = ReportDeadlines.load()
    deadlines.department_month, deadlines.department_day = 2, 15
    deadlines.save()
    assert due_on(Agency.Kind.DIRECT, 2025) == date(2026, 2, 15)


def test_impossible_deadline_is_refused_in_chinese(db):
    deadlines = ReportDeadlines.load()
    deadlines.government_month, deadlines.government_day = 2, 30
    with pytest.raises(Exception, match="2 月没有 30 日"):
        deadlines.full_clean()


@pytest.fixture
def region(hunan):
    load_taxonomies()
    hunan.czt_foi = hunan.user("czt_foi", hunan.czt, Role.FOI_HANDLER)
    hunan.reviewer = hunan.user("czt_reviewer", hunan.czt, Role.SECRECY_REVIEWER)
    hunan.inspector = hunan.user("sheng_jc", hunan.province, Role.INSPECTOR)
    hunan.zrzyt_foi = hunan.user("zrzyt_foi", hunan.zrzyt, Role.FOI_HANDLER)
    filed((2025, 3, 3), decided=(2025, 3, 20), outcome="r1")
    filed((2025, 4, 3), agency="湖南省自然资源厅")
    return hunan


def publish(client, tree, on):
    report = AnnualReport.objects.create(agency=tree.czt, year=2025, overview="总体情况。", problems="问题。")
    page = submit_for_publication(report, tree.czt_foi).page
    approve(client, tree.reviewer, page)
    type(page).objects.filter(pk=page.pk).update(published_on=on)
    client.logout()
    return page


def test_status_published_late_overdue_and_pending(client, region, monkeypatch):
    publish(client, region, date(2026, 2, 3))
    rows = {row.name: row for row in region_status(Agency.objects.filter(pk__in=[
        region.czt.pk, region.zrzyt.pk, region.province.pk]), 2025, date(2026, 2, 10))}
    assert rows["湖南省财政厅"].status == Status.LATE and rows["湖南省财政厅"].label == "逾期发布"
    assert rows["湖南省自然资源厅"].status == Status.OVERDUE
    assert rows["湖南省自然资源厅"].label == "逾期未发布（已逾期 10 天）"
    assert rows["湖南省人民政府"].status == Status.NOT_STARTED  # governments have until 31 March


def test_supervisor_sees_the_region_side_by_side_with_overdue_marked(client, region, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a: date(2026, 2, 10))
    publish(client, region, date(2026, 1, 20))
    client.login(username="sheng_jc", password=PASSWORD)
    html = client.get(REGION, {"agency": region.province.pk, "year": 2025}).content.decode()
    assert "湖南省财政厅" in html and "已按期发布" in html
    assert "湖南省自然资源厅" in html and "逾期未发布（已逾期 10 天）" in html
    assert "表三合计" in html and "表四合计" in html
    only = client.get(REGION, {"agency": region.province.pk, "year": 2025, "overdue_only": "on"}).content.decode()
    assert "逾期未发布（已逾期 10 天）" in only and "已按期发布" not in only
    # the region's summed table 三: two requests received in 2025 across the two departments
    assert 'id="t3-new-total"' in html
    cell = html.split('id="t3-new-total"', 1)[1].split("</td>", 1)[0]
    assert ">2" in cell


def test_region_page_is_scoped(client, region):
    client.login(username="zrzyt_foi", password=PASSWORD)
    response = client.get(REGION, {"agency": region.province.pk, "year": 2025})
    html = response.content.decode()
    assert "请选择您有权查看的机关" in html and "湖南省财政厅" not in html


def test_dashboard_tells_the_agency_and_the_supervisor(client, region, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a: date(2026, 2, 10))
    client.login(username="zrzyt_foi", password=PASSWORD)
    html = client.get("/admin/").content.decode()
    assert "年度报告报送提醒" in html and "湖南省自然资源厅 2025 年度报告" in html and "逾期未发布" in html
    client.logout()
    client.login(username="sheng_jc", password=PASSWORD)
    html = client.get("/admin/").content.decode()
    assert "个机关的 2025 年度报告逾期未发布" in html


def test_draft_page_shows_the_deadline(client, region, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a: date(2026, 1, 5))
    report = AnnualReport.objects.create(agency=region.czt, year=2025)
    client.login(username="czt_foi", password=PASSWORD)
    html = client.get(f"/admin/reports/annual/{report.pk}/").content.decode()
    assert "截止日期：2026年1月31日" in html and "编制中" in html


def test_region_page_opens_on_the_users_own_region_for_last_year(client, region, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a: date(2026, 2, 10))
    client.login(username="sheng_jc", password=PASSWORD)
    html = client.get(REGION).content.decode()
    assert "湖南省人民政府（含所属机关）2025 年度报告报送情况" in html and "逾期未发布（已逾期 10 天）" in html


def test_the_region_is_grouped_by_government_with_overdue_groups_and_agencies_first(client, region, monkeypatch):
    import re

    monkeypatch.setattr(timezone, "localdate", lambda *a: date(2026, 2, 10))
    publish(client, region, date(2026, 1, 20))
    client.login(username="sheng_jc", password=PASSWORD)
    html = client.get(REGION, {"agency": region.province.pk, "year": 2025}).content.decode()
    summaries = [re.sub(r"<[^>]+>|\s+", "", s) for s in re.findall(r"<summary>(.*?)</summary>", html, re.S)]
    # One collapsed group per government; the province's (with 自然资源厅 overdue) comes first.
    assert summaries[0].startswith("湖南省人民政府（省级）") and "逾期未发布1" in summaries[0]
    assert any(s.startswith("长沙市人民政府（市州级）") for s in summaries)
    assert any(s.startswith("长沙县人民政府（县市区级）") for s in summaries)
    assert "<details class=\"rgn-group\" open" not in html
    province = html.split("<summary>", 2)[1]
    assert province.index("湖南省自然资源厅") < province.index("湖南省财政厅")  # overdue first in the group
    county = next(part for part in html.split("<summary>") if "长沙县人民政府</strong>（县市区级）" in part)
    assert "星沙街道办事处" in county  # a township sits with its county
