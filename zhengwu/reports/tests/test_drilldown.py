"""The drill-down of the yearly report: each figure of tables 二, 三 and 四 lists exactly the records behind
it (their count is the figure), on an admin page for the report's readers only, without the applicants'
personal data; the draft's tables link each computed figure to it."""

import re
from datetime import date, datetime
from html import unescape
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from playwright.sync_api import expect

from zhengwu.conftest import PASSWORD, SERIOUS, admin_login, needs_chromium, serious_violations
from zhengwu.disclosure.tests.conftest import catalog  # noqa: F401  (the fixture)
from zhengwu.foi.actions.common import HANDLING_ROLES
from zhengwu.foi.models import InformationRequest
from zhengwu.foi.tests.test_queue import file
from zhengwu.reports.annual import admin_drilldown, admin_views
from zhengwu.reports.annual.drilldown import records
from zhengwu.reports.annual.form import form_for
from zhengwu.reports.annual.layout import table_layout
from zhengwu.reports.annual.report import figures
from zhengwu.reports.models import AnnualReport
from zhengwu.reports.tests.test_annual import year_of_requests  # noqa: F401  (the fixture)
from zhengwu.reports.tests.test_proactive import province_catalog  # noqa: F401  (the fixture)

TABLES = form_for(2025)["tables"]
APPLICANT = ("张三", "王经理", "13812345678", "zhangsan@example.com")  # test_submission.application


def numbers(queryset):
    return set(queryset.values_list("number", flat=True))


def every_cell(values, prefix=""):
    """(cell key, figure) for every figure of a table as nested dicts."""
    for key, value in values.items():
        if isinstance(value, dict):
            yield from every_cell(value, f"{prefix}{key}/")
        else:
            yield f"{prefix}{key}", value


def serious_violations_in(page, selectors):
    """conftest.serious_violations, limited to some parts of the page (the draft's tables here)."""
    results = Axe().run(page, context={"include": [[selector] for selector in selectors]})
    return [(v["id"], v["impact"], v["help"]) for v in results.response["violations"] if v["impact"] in SERIOUS]


def records_page(report, table, cell):
    return reverse("reports_annual:records", args=[report.pk, table, cell])


def text_of(html):
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


# The records behind each figure ------------------------------------------------------------------

def test_each_request_figure_lists_exactly_its_requests(hunan, year_of_requests):  # noqa: F811
    r = {name: request.number for name, request in year_of_requests.items()}
    expected = {  # see test_annual.year_of_requests: who was received, decided and carried when
        "r3_4/natural_person": {r["C"]},
        "r1/natural_person": {r["A"]},  # received 2024, decided 2025
        "new/total": {r["C"], r["D"], r["E"], r["F"]},
        "carried_in/natural_person": {r["A"], r["H"]},
        "carried_out/total": {r["D"], r["E"], r["H"]},  # E decided only on 2026-01-05
        "r7/total": {r["A"], r["C"], r["F"]},
        "r2/commercial": set(),  # B was decided in 2024
    }
    t3 = figures(hunan.czt, 2025)["t3"]
    for cell, wanted in expected.items():
        heading, queryset = records(hunan.czt, 2025, "t3", cell)
        assert numbers(queryset) == wanted, cell
        row, column = cell.split("/")
        assert queryset.count() == t3[row][column] == len(wanted), cell
    for cell, figure in every_cell(t3):
        assert records(hunan.czt, 2025, "t3", cell)[1].count() == figure, cell
    assert records(hunan.czt, 2025, "t3", "r3_3/natural_person")[0] == \
        "表三 · 三、本年度办理结果 · （三）不予公开 · 3.危及“三安全一稳定” · 自然人"
    assert records(hunan.czt, 2025, "t3", "new/research")[0] == \
        "表三 · 一、本年新收政府信息公开申请数量 · 法人或其他组织 · 科研机构"


def test_each_remedy_figure_lists_the_remedies_as_they_stood_at_the_year_end(hunan, year_of_requests):  # noqa: F811
    t4 = figures(hunan.czt, 2025)["t4"]
    for cell, figure in every_cell(t4):
        assert records(hunan.czt, 2025, "t4", cell)[1].count() == figure, cell
    heading, pending = records(hunan.czt, 2025, "t4", "suit_direct/pending")
    assert heading == "表四 · 行政诉讼 · 未经复议直接起诉 · 尚未审结"
    assert [(remedy.result, remedy.counted_as) for remedy in pending] == [("corrected", "pending")]  # 2026
    reviews = records(hunan.czt, 2025, "t4", "review/total")[1]
    assert [remedy.filed_on for remedy in reviews] == [date(2025, 4, 1)]  # not the one of 2024


def test_each_catalog_figure_lists_exactly_its_items(province_catalog):  # noqa: F811
    province = province_catalog.tree.province
    heading, in_force = records(province, 2024, "t2", "art20_1/rules/in_force")
    assert heading == "表二 · 第二十条第（一）项 · 规章 · 现行有效件数"
    assert set(in_force.values_list("title", flat=True)) == {"规章一：本年制发、有效", "规章三：下年废止，本年末仍有效"}
    made = records(province, 2024, "t2", "art20_1/normative_docs/made")[1]
    assert set(made.values_list("title", flat=True)) == {
        "规范性文件一：无成文日期，按发布日期计", "规范性文件六：本年制发、本年废止", "规范性文件七：意见，本年生效"}
    t2 = figures(province, 2024, manual={})["t2"]
    for cell, figure in every_cell(t2["art20_1"], "art20_1/"):
        assert records(province, 2024, "t2", cell)[1].count() == figure, cell


@pytest.mark.parametrize("table, cell", [
    ("t3", "r99/natural_person"), ("t3", "new/nobody"), ("t3", "new"), ("t3", "new/total/x"),
    ("t4", "review/upheld/x"), ("t4", "appeal/upheld"), ("t9", "new/total"),
    ("t2", "art20_5/licensing/decisions"),  # manual: the agency's own figure, no records behind it
    ("t2", "art20_1/rules/nothing"),
])
def test_no_such_figure_is_404(hunan, table, cell):
    with pytest.raises(Http404):
        records(hunan.czt, 2025, table, cell)


def test_a_year_without_a_form_is_404(hunan):
    with pytest.raises(Http404):
        records(hunan.czt, 2019, "t3", "new/total")


# The records page --------------------------------------------------------------------------------

@pytest.fixture
def report(hunan, year_of_requests):  # noqa: F811
    return AnnualReport.objects.create(agency=hunan.czt, year=2025)


def test_handler_sees_the_requests_behind_a_figure_linked_to_their_case_pages(client, hunan, year_of_requests,  # noqa: F811
                                                                              report):
    c = year_of_requests["C"]
    handler = hunan.user("czt_foi", hunan.czt, "foi_handler")
    client.login(username=handler.username, password=PASSWORD)
    response = client.get(records_page(report, "t3", "r3_4/natural_person"))
    assert response.status_code == 200
    html = response.content.decode()
    text = text_of(html)
    assert "表三 · 三、本年度办理结果 · （三）不予公开 · 4.保护第三方合法权益 · 自然人" in text
    assert re.search(r"数字 1 件", text)
    assert f'<a href="/admin/foi/requests/inspect/{c.pk}/">{c.number}</a>' in html
    assert "2025-03-03" in text and "2025-03-20" in text and "不予公开：保护第三方合法权益" in text
    assert "答复（终止）日期在2025年内、办理结果属于本项的申请" in text  # how the figure is counted
    assert f'href="/admin/reports/annual/{report.pk}/#t3-r3_4-natural_person"' in html  # 返回报告, to the cell
    assert year_of_requests["A"].number not in html
    for personal in APPLICANT:
        assert personal not in html

    everything = client.get(records_page(report, "t3", "new/total")).content.decode()
    assert re.search(r"数字 4 件", text_of(everything))
    listed = re.findall(r"YSQ[\d-]+", everything)
    assert listed == [year_of_requests[name].number for name in "CFDE"]  # by date received
    for personal in APPLICANT:
        assert personal not in everything


def test_remedies_and_catalog_items_behind_a_figure(client, hunan, province_catalog):  # noqa: F811
    c = file(description="被复议的申请", submitted_at=datetime(2025, 3, 3, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
    c.remedies.create(kind="suit_direct", filed_on=date(2025, 11, 1), body="长沙铁路运输法院", result="corrected",
                      concluded_on=date(2026, 2, 1))
    czt = AnnualReport.objects.create(agency=hunan.czt, year=2025)
    province = AnnualReport.objects.create(agency=hunan.province, year=2024)
    admin = hunan.user("sheng_admin", hunan.province, "agency_admin")
    client.login(username=admin.username, password=PASSWORD)

    suits = text_of(client.get(records_page(czt, "t4", "suit_direct/pending")).content.decode())
    assert "数字 1 件" in suits and c.number in suits
    assert "尚未审结（2026-02-01结果纠正）" in suits  # concluded after the year's end: pending on 31 December

    html = client.get(records_page(province, "t2", "art20_1/rules/in_force")).content.decode()
    assert "数字 2 件" in text_of(html)
    rule = next(item for item in records(hunan.province, 2024, "t2", "art20_1/rules/in_force")[1]
                if item.title.startswith("规章一"))
    link = re.search(r'<a href="([^"]+)">规章一：本年制发、有效</a>', html)
    assert link and link.group(1) == urlsplit(rule.url).path and rule.index_number in html
    assert "规章一：本年制发、有效" in client.get(link.group(1)).content.decode()  # the item's public page
    assert "2025-02-01" in text_of(html)  # 规章三's 废止日期 (after the year: still in force)
    assert client.get(records_page(province, "t2", "art20_5/licensing/decisions")).status_code == 404


def test_only_the_reports_readers_see_it_and_unknown_figures_are_404(client, hunan, year_of_requests, report):  # noqa: F811
    hunan.user("zrzyt_foi", hunan.zrzyt, "foi_handler")
    hunan.user("czt_pub", hunan.czt, "publisher")
    url = records_page(report, "t3", "new/total")
    assert client.get(url).status_code == 302  # to the login page
    for outsider in ("zrzyt_foi", "czt_pub"):  # another agency; a role without report work
        client.login(username=outsider, password=PASSWORD)
        response = client.get(url)
        assert response.status_code == 404
        assert year_of_requests["C"].number not in response.content.decode()
    hunan.user("czt_head", hunan.czt, "disclosure_head")
    client.login(username="czt_head", password=PASSWORD)
    assert client.get(url).status_code == 200
    assert client.get(records_page(report, "t3", "r99/total")).status_code == 404
    assert client.get(records_page(report, "t5", "new/total")).status_code == 404
    assert client.get(reverse("reports_annual:records", args=[report.pk + 1, "t3", "new/total"])).status_code == 404


def test_an_inspector_sees_the_list_and_case_links_only_while_the_foi_admin_lets_them_open_cases(
        client, hunan, year_of_requests, report, monkeypatch):  # noqa: F811
    c = year_of_requests["C"]
    hunan.user("sheng_jc", hunan.province, "inspector")
    client.login(username="sheng_jc", password=PASSWORD)
    url = records_page(report, "t3", "r3_4/natural_person")
    # Today inspectors are among the foi admin's VIEWING_ROLES: the link leads to a page they may open.
    html = client.get(url).content.decode()
    assert f'href="/admin/foi/requests/inspect/{c.pk}/"' in html
    assert client.get(f"/admin/foi/requests/inspect/{c.pk}/").status_code == 200
    # Were case pages kept to the handlers, the figure's records stay listed but without the link.
    monkeypatch.setattr(admin_drilldown, "VIEWING_ROLES", HANDLING_ROLES)
    html = client.get(url).content.decode()
    assert c.number in html and "/admin/foi/requests/inspect/" not in html
    assert "申请编号不链接" in text_of(html)
    for personal in APPLICANT:
        assert personal not in html


def test_records_are_paged(client, hunan, monkeypatch):
    report = AnnualReport.objects.create(agency=hunan.czt, year=2025)
    assert admin_drilldown.PER_PAGE == 50
    monkeypatch.setattr(admin_drilldown, "PER_PAGE", 2)  # three requests make two pages
    for month in (2, 3, 4):
        file(description=f"{month}月", submitted_at=datetime(2025, month, 2, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
    expected = list(InformationRequest.objects.filter(agency=hunan.czt).order_by("received_on")
                    .values_list("number", flat=True))
    hunan.user("czt_foi", hunan.czt, "foi_handler")
    client.login(username="czt_foi", password=PASSWORD)
    url = records_page(report, "t3", "new/natural_person")
    first = text_of(client.get(url).content.decode())
    assert "第 1 页，共 2 页" in first and "第 1–2 件，共 3 件" in first
    assert [n for n in expected if n in first] == expected[:2]
    second = text_of(client.get(url, {"p": 2}).content.decode())
    assert [n for n in expected if n in second] == expected[2:] and "上一页" in second


# The links from the draft's tables ---------------------------------------------------------------

def test_computed_figures_link_to_their_records_with_the_cell_in_the_link_name(hunan, year_of_requests, report):  # noqa: F811
    values = figures(hunan.czt, 2025, manual={})

    def link(cell):
        return records_page(report, "t3", cell)

    layout = table_layout(TABLES["t3"], "t3", values["t3"], link=link)
    cell = next(c for row in layout["body"] for c in row["cells"] if c["id"] == "t3-r3_4-natural_person")
    assert cell["url"] == link("r3_4/natural_person")
    html = render_to_string("reports/admin/_table_three.html",
                            {"part": {"key": "s3", "title": "三", "layout": layout}})
    assert (f'<a class="rpt-drill" href="{link("r3_4/natural_person")}" aria-label="1，三、本年度办理结果 · '
            f'（三）不予公开 · 4.保护第三方合法权益 · 自然人：查看记录">1</a>') in html
    linked = {c["key"] for row in layout["body"] for c in row["cells"] if c.get("url")}
    assert linked == {key for key, figure in every_cell(values["t3"]) if figure}  # 总计 included; a 0 has no records
    assert "new/total" in linked and "r7/total" in linked and "r2/commercial" not in linked
    assert html.count('class="rpt-drill"') == len(linked)
    zero = re.search(r'<td id="t3-r2-commercial"[^>]*>(.*?)</td>', html, re.S).group(1)
    assert zero.strip() == "0"  # plain text, no link

    four = table_layout(TABLES["t4"], "t4", values["t4"], link=lambda cell: f"/records/{cell}/")
    assert {c["key"] for c in four["cells"] if c.get("url")} == {
        "review/upheld", "review/total", "suit_direct/pending", "suit_direct/total", "suit_after_review/other",
        "suit_after_review/total"}
    unlinked = table_layout(TABLES["t3"], "t3", values["t3"])  # the published page and the PDF
    assert not any("url" in c for row in unlinked["body"] for c in row["cells"])


def test_catalog_figures_link_to_their_records_but_manual_figures_do_not(province_catalog):  # noqa: F811
    province = province_catalog.tree.province
    values = figures(province, 2024, manual={"art20_5": {"licensing": {"decisions": 120}}})["t2"]
    two = table_layout(TABLES["t2"], "t2", values, link=lambda cell: f"/records/{cell}/")
    linked = {c["key"] for block in two["blocks"] for row in block["rows"] for c in row["cells"] if c.get("url")}
    assert linked == {f"art20_1/{row}/{column}" for row in ("rules", "normative_docs")
                      for column in ("made", "repealed", "in_force")}  # not 行政许可's 120, the agency's own figure
    html = render_to_string("reports/admin/_table_two.html", {"part": {"layout": two}, "manual_label": "人工填报"})
    assert 'href="/records/art20_1/rules/in_force/" aria-label="2，第二十条第（一）项 · 规章 · 现行有效件数：查看记录"' in html
    assert "/records/art20_5/" not in html and "120" in html


# In the browser ----------------------------------------------------------------------------------

@pytest.mark.browser
@needs_chromium
def test_from_a_figure_of_the_draft_to_its_records_and_back_by_keyboard(browser_page, live_server, hunan,
                                                                        year_of_requests, report, monkeypatch):  # noqa: F811
    def linked(spec, table, values, marks=None, form=None, link=None):
        # DraftView's `link` (the one-line change handed over with this module), until DraftView passes it.
        return table_layout(spec, table, values, marks, form,
                            link=link or (lambda cell: records_page(report, table, cell)))
    monkeypatch.setattr(admin_views, "table_layout", linked)
    handler = hunan.user("czt_foi", hunan.czt, "foi_handler")
    page = browser_page
    admin_login(page, live_server, handler.username)
    page.goto(live_server.url + f"/admin/reports/annual/{report.pk}/")
    figure = page.get_by_role("link", name="4，一、本年新收政府信息公开申请数量 · 总计：查看记录")
    expect(figure).to_have_text("4")
    assert serious_violations_in(page, ["#rpt-s2", "#rpt-s3", "#rpt-s4"]) == []  # the tables, figures as links
    figure.focus()
    expect(figure).to_have_css("outline-style", "solid")  # visible focus
    page.keyboard.press("Enter")
    expect(page.get_by_role("table")).to_contain_text(year_of_requests["C"].number)
    expect(page.locator(".rpt-facts__count")).to_have_text("4")
    assert serious_violations(page) == []
    page.get_by_role("link", name="返回报告").click()
    expect(page.get_by_role("heading", name="一、总体情况")).to_be_visible()
    assert page.url.endswith(f"/admin/reports/annual/{report.pk}/#t3-new-total")
