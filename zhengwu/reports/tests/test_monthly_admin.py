"""The monthly report in the admin: opening a month, the month page (computed figures linking to their
records, manual fields validated without losing what was typed), submitting, the agency above approving or
sending back, the drill-down without personal data, the region's roll-up, the XLSX downloads, and who may
see what."""

import io
import re
from datetime import date
from html import unescape

import pytest
from openpyxl import load_workbook

from zhengwu.conftest import PASSWORD
from zhengwu.reports.monthly import figures as monthly
from zhengwu.reports.monthly.actions import approve, open_report, submit
from zhengwu.reports.monthly.models import MonthlyReport
from zhengwu.reports.tests.test_monthly import FULL, MARCH, march_requests, request_on  # noqa: F401

INDEX = "/admin/reports/monthly/"
OPEN = INDEX + "open/"
REGION = INDEX + "region/"


@pytest.fixture
def people(hunan):
    class People:
        handler = hunan.user("czt_foi", hunan.czt, "foi_handler")
        head = hunan.user("czt_head", hunan.czt, "disclosure_head")
        other = hunan.user("zrzyt_foi", hunan.zrzyt, "foi_handler")
        approver = hunan.user("sheng_head", hunan.province, "disclosure_head")
        inspector = hunan.user("sheng_jc", hunan.province, "inspector")
        publisher = hunan.user("czt_pub", hunan.czt, "publisher")
    return People


def login(client, user):
    client.logout()
    assert client.login(username=user.username, password=PASSWORD)


def text(html, element_id):
    match = re.search(rf'<(\w+)[^>]* id="{re.escape(element_id)}"[^>]*>(.*?)</\1>', html, re.S)
    assert match, f"no element {element_id}"
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", match.group(2)))).strip()


def open_march(client, agency):
    response = client.post(OPEN, {"agency": agency.pk, "period": "2025-03"})
    assert response.status_code == 302, response.content.decode()[:3000]
    return response["Location"]


def manual_post(**overrides):
    return {**{key: str(value) for key, value in FULL.items()}, **overrides}


def test_opening_a_month_creates_it_once_and_only_for_the_users_agencies(client, hunan, people, monkeypatch):
    monkeypatch.setattr(monthly, "today", lambda: date(2025, 4, 2))
    monkeypatch.setattr("zhengwu.reports.monthly.forms.today", lambda: date(2025, 4, 2))
    login(client, people.publisher)
    assert "/admin/reports/monthly/" not in client.get("/admin/").content.decode()  # no menu item
    assert client.get(INDEX).status_code == 404
    login(client, people.handler)
    assert "/admin/reports/monthly/" in client.get("/admin/").content.decode()  # 报告 → 月报
    page = client.get(INDEX).content.decode()
    assert re.search(rf'<option value="{hunan.czt.pk}" selected>', page)  # the user's own agency
    assert '<option value="2025-03" selected>2025年3月</option>' in page  # last month
    assert "湖南省自然资源厅" not in page
    first = open_march(client, hunan.czt)
    report = MonthlyReport.objects.get()
    assert first == f"{INDEX}{report.pk}/" and open_march(client, hunan.czt) == first
    assert MonthlyReport.objects.count() == 1
    refused = client.post(OPEN, {"agency": hunan.zrzyt.pk, "period": "2025-03"})
    assert refused.status_code == 400 and "请选择您有权填报月报的机关" in refused.content.decode()
    future = client.post(OPEN, {"agency": hunan.czt.pk, "period": "2025-05"})
    assert future.status_code == 400 and "请选择列出的月份" in future.content.decode()
    listing = client.get(INDEX).content.decode()
    assert "湖南省财政厅" in listing and "未上报" in listing and "逾期</span>" not in listing  # due on 5 April


def test_month_page_shows_computed_figures_with_links_and_manual_fields(client, hunan, people, march_requests):  # noqa: F811
    login(client, people.handler)
    url = open_march(client, hunan.czt)
    html = client.get(url).content.decode()
    assert text(html, "value-requests_received").startswith("4")
    records = f"{INDEX}records/{hunan.czt.pk}/2025/3/requests_received/"
    assert f'href="{records}"' in html
    assert text(html, "value-requests_overdue").startswith("4")
    assert "人工填报（平台尚无数据来源）" in text(html, "row-letters_received")
    assert "平台统计" in text(html, "row-requests_received")
    assert 'id="id_letters_received"' in html and '<label for="id_letters_received">信箱来信（件）</label>' in html
    assert "逾期" in text(html, "mr-status")  # the month is long past its due day
    assert "上报至湖南省人民政府" in html and "审核通过" not in html

    bad = client.post(url, manual_post(red_cards="-1", letters_received="abc", press_conferences="", save="1"))
    page = bad.content.decode()
    assert bad.status_code == 400
    assert "“红牌（张）”不能为负数。" in page and "“信箱来信（件）”请填写整数。" in page
    assert 'value="-1"' in page and 'value="abc"' in page and 'value="40"' in page  # nothing typed is lost
    assert 'aria-invalid="true"' in page
    assert MonthlyReport.objects.get().manual_figures == {}

    assert client.post(url, {"letters_received": "9", "save": "1"}).status_code == 302
    assert MonthlyReport.objects.get().manual_figures == {"letters_received": 9}

    missing = client.post(url, {"letters_received": "9", "submit": "1"})
    assert missing.status_code == 400
    assert "上报前请填写“新闻发布会（场）”，没有发生的请填 0。" in missing.content.decode()
    assert MonthlyReport.objects.get().state == "draft"

    too_many = client.post(url, manual_post(ratings_satisfied="250", submit="1"))
    assert too_many.status_code == 400 and "不能多于" in too_many.content.decode()

    done = client.post(url, manual_post(submit="1"), follow=True).content.decode()
    assert "已上报湖南省财政厅 2025年3月月报" in done and "上报时的数字" in done
    assert 'id="id_letters_received"' not in done  # frozen: no more fields
    assert MonthlyReport.objects.get().state == "submitted"


def test_the_agency_above_approves_or_returns_and_the_department_cannot(client, hunan, people, march_requests):  # noqa: F811
    report, _ = open_report(hunan.czt, *MARCH, actor=people.handler)
    submit(report, actor=people.handler, figures=FULL)
    url = f"{INDEX}{report.pk}/"

    login(client, people.head)  # the department's own head: no review forms, and a post is refused
    html = client.get(url).content.decode()
    assert "mr-review-heading" not in html
    refused = client.post(url, {"approve": "1"})
    assert refused.status_code == 403 and "上级机关（湖南省人民政府）" in refused.content.decode()

    login(client, people.approver)
    listing = client.get(INDEX).content.decode()
    assert "待我审核的月报（1 份）" in listing
    html = client.get(url).content.decode()
    assert "mr-review-heading" in html and '<label for="return_reason"' in html
    empty = client.post(url, {"return": "1", "reason": "  "})
    assert empty.status_code == 400 and "请填写退回理由" in empty.content.decode()
    returned = client.post(url, {"return": "1", "reason": "红牌数与电子监察通报不符。"}, follow=True).content.decode()
    assert "已退回" in returned and MonthlyReport.objects.get().state == "returned"

    login(client, people.handler)
    html = client.get(url).content.decode()
    assert "红牌数与电子监察通报不符。" in text(html, "mr-returned") and 'id="id_red_cards"' in html
    assert client.post(url, manual_post(red_cards="1", submit="1")).status_code == 302

    login(client, people.approver)
    assert client.post(url, {"approve": "1"}).status_code == 302
    again = client.post(url, {"approve": "1"})
    assert again.status_code == 400 and "已审核通过" in again.content.decode()
    assert MonthlyReport.objects.get().state == "approved"


def test_other_agencies_and_roles_without_report_work_get_404(client, hunan, people, march_requests):  # noqa: F811
    report, _ = open_report(hunan.czt, *MARCH, actor=people.handler)
    records = f"{INDEX}records/{hunan.czt.pk}/2025/3/requests_received/"
    for outsider in (people.other, people.publisher):
        login(client, outsider)
        assert client.get(f"{INDEX}{report.pk}/").status_code == 404
        assert client.get(f"{INDEX}{report.pk}/xlsx/").status_code == 404
        assert client.get(records).status_code == 404
    login(client, people.inspector)  # reads, does not fill in
    html = client.get(f"{INDEX}{report.pk}/").content.decode()
    assert "您可以查看本月报，但没有填报权限" in html and 'id="id_letters_received"' not in html
    assert client.post(f"{INDEX}{report.pk}/", manual_post(save="1")).status_code == 403


def test_drill_down_lists_the_requests_without_personal_data(client, hunan, people, march_requests):  # noqa: F811
    login(client, people.handler)
    html = client.get(f"{INDEX}records/{hunan.czt.pk}/2025/3/requests_overdue/").content.decode()
    for name in ("first_day_past_due", "answered_late_on_last_day", "late_at_month_end", "paused_past_limit"):
        assert march_requests[name].number in html
    assert march_requests["late_only_in_april"].number not in html
    assert "现有记录 4 条" in html and "2025-03-01" in html and "2025-03-28" in html
    assert "张三" not in html and "13812345678" not in html and "张*" not in html
    assert client.get(f"{INDEX}records/{hunan.czt.pk}/2025/3/letters_received/").status_code == 404
    assert client.get(f"{INDEX}records/{hunan.czt.pk}/2025/13/requests_received/").status_code == 404

    report, _ = open_report(hunan.czt, *MARCH, actor=people.handler)
    submit(report, actor=people.handler, figures=FULL)
    request_on(date(2025, 3, 25))
    html = client.get(f"{INDEX}records/{hunan.czt.pk}/2025/3/requests_received/").content.decode()
    assert "现有记录 5 条。月报上报时为 4，上报后记录有变化" in html


def test_region_page_and_spreadsheets(client, hunan, people, march_requests):  # noqa: F811
    report, _ = open_report(hunan.czt, *MARCH, actor=people.handler)
    approve(submit(report, actor=people.handler, figures=FULL), actor=people.approver)
    login(client, people.inspector)
    query = {"agency": hunan.province.pk, "period": "2025-03"}
    html = client.get(REGION, query).content.decode()
    assert "本地区应报 7 个机关：已上报（含已通过）1 个" in html
    totals = text(html, "mr-totals")
    assert totals.startswith("合计 已上报 1 个 0 1 40 12 4 3 4 300 200 195 97.5 9 0 1")
    assert "实时，不计入合计" in text(html, f"agency-{hunan.zrzyt.pk}")
    assert "逾期" in text(html, f"agency-{hunan.zrzyt.pk}") and "逾期" not in text(html, f"agency-{hunan.czt.pk}")
    assert f'href="{INDEX}{report.pk}/"' in html
    login(client, people.other)
    assert client.get(REGION, query).status_code == 400  # not an agency this user may read
    assert client.get(REGION + "xlsx/", query).status_code == 404

    login(client, people.inspector)
    response = client.get(REGION + "xlsx/", query)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["汇总"]
    rows = list(sheet.iter_rows(values_only=True))
    header = next(row for row in rows if row and row[0] == "机关")
    assert header[:5] == ("机关", "状态", "逾期", "数字口径", "主动公开信息（条）")
    czt = next(row for row in rows if row and str(row[0]).strip() == "湖南省财政厅")
    assert czt[1] == "已通过" and czt[3] == "上报时" and czt[header.index("收到申请（件）")] == 4
    total = rows[-1]
    assert total[0] == "合计（已上报、已通过）" and total[header.index("信箱来信（件）")] == 9
    assert isinstance(total[header.index("满意率（%）")], float)
    cell = sheet.cell(sheet.max_row, header.index("信箱来信（件）") + 1)
    assert cell.border.left.style == "thin" and cell.data_type == "n"
    assert "湖南省自然资源厅" in [row[0] for row in book["未上报"].iter_rows(values_only=True)]

    single = load_workbook(io.BytesIO(client.get(f"{INDEX}{report.pk}/xlsx/").content)).active
    values = {row[1]: row[2] for row in single.iter_rows(values_only=True) if row and len(row) > 2 and row[1]}
    assert values["收到申请（件）"] == 4 and values["信箱来信（件）"] == 9 and values["满意率（%）"] == 97.5
    assert single["A1"].value == "湖南省财政厅 2025年3月月报"
