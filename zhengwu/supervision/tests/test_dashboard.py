"""The supervisors' screens: the region overview (from the sweep's tallies), an agency's open cases with
their clocks and cards, the region's cards and violations, the exports, and who may see any of it."""

import io
import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from zhengwu.orgs.demo import DemoAgencies
from zhengwu.orgs.models import Agency, Division, Role
from zhengwu.services import actions
from zhengwu.services.tests import conftest as services_conftest
from zhengwu.supervision.sweep import run_sweep
from zhengwu.timelimits import calendar
from zhengwu.timelimits.bands import days_left

pytestmark = pytest.mark.django_db
hall = services_conftest.hall  # the fixture: 长沙县市场监督管理局 with one matter and its clerks


def workdays_ago(n):
    """A day from which n working days have passed by today (n = 0: today)."""
    cal, today = calendar.current(), timezone.localdate()
    day = today
    while cal.workdays_between(day, today) < n:
        day -= timedelta(days=1)
    return day


def received(tree, workdays):
    """A case whose 受理 clock (5 working days) has run `workdays` days: 10 → 红牌, 4 → 黄牌, 0 → 预警."""
    day = workdays_ago(workdays)
    when = timezone.now() if workdays == 0 else timezone.make_aware(
        timezone.datetime(day.year, day.month, day.day, 10))
    return actions.receive_application(tree.matter, dict(services_conftest.APPLICANT), {"shop_name": "店"},
                                       submitted_at=when)


@pytest.fixture
def swept(hall):
    """Three open cases at 长沙县市场监督管理局, swept today, and a provincial inspector."""
    hall.cases = {"red": received(hall, 10), "yellow": received(hall, 4), "warning": received(hall, 0)}
    run_sweep(today=timezone.localdate(), notify=False)
    hall.inspector = hall.user("sheng_inspector", hall.province, Role.INSPECTOR)
    return hall


def rows_by_label(response):
    return {row.label: row for row in response.context["rows"]}


def test_the_overview_sums_a_subtree_into_the_child_row_and_links_down(client, swept):
    client.force_login(swept.inspector)
    response = client.get(reverse("supervision_overview"))  # the inspector's own region: the province
    assert response.status_code == 200 and response.context["region"] == swept.province
    changsha = rows_by_label(response)["长沙市人民政府"]
    assert (changsha.figures["open_cases"], changsha.figures["red"], changsha.figures["yellow"],
            changsha.figures["warnings"], changsha.figures["violations"]) == (3, 1, 1, 1, 1)
    assert rows_by_label(response)["湖南省财政厅"].figures["open_cases"] == 0
    assert response.context["totals"]["open_cases"] == 3
    html = response.content.decode()
    assert f'href="/admin/supervision/?region={swept.changsha.pk}' in html
    assert "统计时间" in html and "每 5 分钟更新" in html

    county = client.get(reverse("supervision_overview"), {"region": swept.changsha.pk, "type": "services.case"})
    row = rows_by_label(county)["长沙县人民政府"]
    assert row.figures["red"] == 1 and row.has_children
    down = client.get(reverse("supervision_overview"), {"region": swept.changshaxian.pk})
    scj = rows_by_label(down)["长沙县市场监督管理局"]
    assert scj.figures["open_cases"] == 3 and not scj.has_children
    assert f'href="/admin/supervision/agency/{swept.scj.pk}/' in down.content.decode()
    other_type = client.get(reverse("supervision_overview"), {"region": swept.province.pk, "type": "foi.request"})
    assert other_type.context["totals"]["open_cases"] == 0


def test_a_county_inspector_sees_only_the_county(client, swept):
    inspector = swept.user("csx_inspector", swept.changshaxian, Role.INSPECTOR)
    liuyang = DemoAgencies().ensure(swept.changsha, "浏阳市人民政府", "liuyang", Agency.Kind.GOVERNMENT,
                                    Division.objects.filter(code="430181").first())
    client.force_login(inspector)
    own = client.get(reverse("supervision_overview"))
    assert own.status_code == 200 and own.context["region"] == swept.changshaxian
    assert client.get(reverse("supervision_overview"), {"region": swept.province.pk}).status_code == 404
    assert client.get(reverse("supervision_agency", args=[liuyang.pk])).status_code == 404
    assert client.get(reverse("supervision_agency", args=[swept.czt.pk])).status_code == 404
    assert client.get(reverse("supervision_agency", args=[swept.scj.pk])).status_code == 200
    assert client.get(reverse("supervision_cards"), {"region": swept.changsha.pk}).status_code == 404
    assert client.get(reverse("supervision_overview_xlsx"), {"region": swept.province.pk}).status_code == 404
    regions = [label for _, label in own.context["form"].fields["region"].choices]
    assert [label.strip("\u3000") for label in regions] == ["长沙县人民政府"]


def menu_labels(html):
    return "监察总览" in html or json.dumps("监察总览")[1:-1] in html


def test_a_user_without_the_roles_gets_no_menu_and_no_pages(client, swept):
    client.force_login(swept.clerk)  # a window clerk: admin access, no supervision role
    assert not menu_labels(client.get("/admin/").content.decode())
    for name, args in (("supervision_overview", []), ("supervision_cards", []), ("supervision_violations", []),
                       ("supervision_rules", []), ("supervision_complaints", []),
                       ("supervision_agency", [swept.scj.pk]), ("supervision_agency_xlsx", [swept.scj.pk])):
        assert client.get(reverse(name, args=args)).status_code in (403, 404), name
    client.force_login(swept.inspector)
    assert menu_labels(client.get("/admin/").content.decode())


def test_the_agency_page_lists_open_cases_soonest_due_first_with_their_cards(client, swept):
    client.force_login(swept.inspector)
    response = client.get(reverse("supervision_agency", args=[swept.scj.pk]), {"type": "services.case"})
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row["number"] for row in rows] == [swept.cases[k].number for k in ("red", "yellow", "warning")]
    assert [row["card"] for row in rows] == ["红牌", "黄牌", "预警"]
    today = timezone.localdate()
    first_clock = rows[0]["clocks"][0]
    assert first_clock["days_left"] == days_left(swept.cases["red"].step_clock.due_on, today) < 0
    assert rows[1]["clocks"][0]["days_left"] == 1 and rows[2]["clocks"][0]["days_left"] == 5
    html = response.content.decode()
    positions = [html.index(swept.cases[k].number) for k in ("red", "yellow", "warning")]
    assert positions == sorted(positions)
    assert "sv-card--3\">红牌" in html and "超期" in html and "超时" in html  # the violation list too
    only_red = client.get(reverse("supervision_agency", args=[swept.scj.pk]), {"type": "services.case", "level": 3})
    assert [row["number"] for row in only_red.context["rows"]] == [swept.cases["red"].number]


def test_the_cards_and_violations_lists_filter_the_region(client, swept):
    client.force_login(swept.inspector)
    cards = client.get(reverse("supervision_cards"), {"region": swept.changsha.pk, "level": 2})
    assert [card.case_number for card in cards.context["items"]] == [swept.cases["yellow"].number]
    everything = client.get(reverse("supervision_cards"))
    assert everything.context["pager"].count == 3
    none = client.get(reverse("supervision_cards"), {"region": swept.czt.pk})
    assert none.context["pager"].count == 0 and "没有符合条件的亮牌" in none.content.decode()
    violations = client.get(reverse("supervision_violations"), {"kind": "overdue"})
    assert [v.case_number for v in violations.context["items"]] == [swept.cases["red"].number]
    later = client.get(reverse("supervision_violations"), {"since": timezone.localdate() + timedelta(days=1)})
    assert later.context["pager"].count == 0
    backwards = client.get(reverse("supervision_violations"), {"since": "2026-12-01", "until": "2026-01-01"})
    assert "截止日期不能早于起始日期" in backwards.content.decode()


def sheet_rows(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    return {sheet.title: [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
            for sheet in workbook.worksheets}


def test_the_exports_have_the_rows(client, swept):
    client.force_login(swept.inspector)
    overview = sheet_rows(client.get(reverse("supervision_overview_xlsx"), {"region": swept.changsha.pk}))
    table = overview["监察总览"]
    assert ["长沙县人民政府", 3, 1, 1, 1, 1] in table and ["合计", 3, 1, 1, 1, 1] in table
    agency = sheet_rows(client.get(reverse("supervision_agency_xlsx", args=[swept.scj.pk])))
    numbers = [row[0] for row in agency["政务服务办件"]]
    assert all(case.number in numbers for case in swept.cases.values())
    red_row = next(row for row in agency["政务服务办件"] if row[0] == swept.cases["red"].number)
    assert red_row[4] == "红牌" and "超期" in red_row[3]
    cards = sheet_rows(client.get(reverse("supervision_cards_xlsx"), {"level": 3}))["亮牌"]
    assert [row[3] for row in cards if row[1] == "红牌"] == [swept.cases["red"].number]
    violations = sheet_rows(client.get(reverse("supervision_violations_xlsx")))["违规"]
    assert any(row[3] == swept.cases["red"].number and row[1] == "超时" for row in violations)
