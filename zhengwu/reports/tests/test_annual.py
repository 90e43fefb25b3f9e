"""Table 三 and 四 of the yearly report counted from requests across the year boundary, every cell, and
each official cross-check refusing a broken report."""

import copy
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from zhengwu.conftest import PASSWORD
from zhengwu.foi.models import InformationRequest, Remedy
from zhengwu.foi.tests.test_queue import file
from zhengwu.reports.annual.checks import check_four, check_three, check_two
from zhengwu.reports.annual.form import columns, form_for, rows
from zhengwu.reports.annual.report import build, figures

T3 = form_for(2025)["tables"]["t3"]
T4 = form_for(2025)["tables"]["t4"]


def filed(day, applicant_type="natural_person", decided=None, outcome="", agency="湖南省财政厅"):
    extra = {"contact_person": "王经理"} if applicant_type != "natural_person" else {}
    request = file(agency=agency, applicant_type=applicant_type, description=f"{day} {applicant_type} {outcome}",
                   submitted_at=datetime(*day, 10, tzinfo=ZoneInfo("Asia/Shanghai")), **extra)
    if decided:
        InformationRequest.objects.filter(pk=request.pk).update(decided_on=date(*decided), outcome=outcome,
                                                                state="answered")
    return request


@pytest.fixture
def year_of_requests(hunan):
    requests = {
        "A": filed((2024, 12, 20), decided=(2025, 1, 10), outcome="r1"),
        "B": filed((2024, 11, 1), "commercial", decided=(2024, 11, 20), outcome="r2"),
        "C": filed((2025, 3, 3), decided=(2025, 3, 20), outcome="r3_4"),
        "D": filed((2025, 12, 25), "research"),
        "E": filed((2025, 12, 29), "legal_services", decided=(2026, 1, 5), outcome="r4_1"),
        "F": filed((2025, 6, 4), decided=(2025, 6, 10), outcome="r6_2"),
        "G": filed((2025, 5, 6), agency="湖南省自然资源厅", decided=(2025, 5, 20), outcome="r1"),
        "H": filed((2024, 12, 30)),
    }
    c = requests["C"]
    Remedy.objects.create(request=c, kind="review", filed_on=date(2025, 4, 1), body="湖南省人民政府",
                          result="upheld", concluded_on=date(2025, 6, 1))
    Remedy.objects.create(request=c, kind="suit_direct", filed_on=date(2025, 11, 1), body="长沙铁路运输法院",
                          result="corrected", concluded_on=date(2026, 2, 1))
    Remedy.objects.create(request=c, kind="suit_after_review", filed_on=date(2024, 5, 1), body="长沙铁路运输法院",
                          result="other", concluded_on=date(2025, 3, 1))
    Remedy.objects.create(request=c, kind="review", filed_on=date(2024, 2, 1), body="湖南省人民政府",
                          result="upheld", concluded_on=date(2024, 6, 1))
    return requests


def expected_three(filled):
    cells = {row: {column: 0 for column in columns(T3)} for row in rows(T3)}
    for (row, column), n in filled.items():
        cells[row][column] = n
        cells[row]["total"] += n
    return cells


def test_every_cell_of_table_three_across_the_year_boundary(hunan, year_of_requests):
    got = figures(hunan.czt, 2025)["t3"]
    assert got == expected_three({
        ("new", "natural_person"): 2, ("new", "research"): 1, ("new", "legal_services"): 1,
        ("carried_in", "natural_person"): 2,
        ("r1", "natural_person"): 1, ("r3_4", "natural_person"): 1, ("r6_2", "natural_person"): 1,
        ("r7", "natural_person"): 3,
        ("carried_out", "natural_person"): 1, ("carried_out", "research"): 1, ("carried_out", "legal_services"): 1,
    })
    last_year = figures(hunan.czt, 2024)["t3"]
    assert last_year["carried_out"]["natural_person"] == 2 and last_year["r2"]["commercial"] == 1


def test_every_cell_of_table_four(hunan, year_of_requests):
    got = figures(hunan.czt, 2025)["t4"]
    blank = {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0}
    assert got == {"review": {**blank, "upheld": 1, "total": 1},
                   "suit_direct": {**blank, "pending": 1, "total": 1},  # concluded only in 2026
                   "suit_after_review": {**blank, "other": 1, "total": 1}}


def test_a_computed_report_passes_its_checks(client, hunan, year_of_requests):
    report = build(hunan.czt, 2025)
    assert [part["key"] for part in report["parts"]] == ["s1", "s2", "s3", "s4", "s5", "s6"]
    assert report["checks"]["passed"], report["checks"]["failures"]


def test_each_cross_check_rejects_a_broken_report(hunan, year_of_requests):
    good = figures(hunan.czt, 2025)
    last = figures(hunan.czt, 2024)
    assert check_three(good["t3"], T3, last["t3"]) == []

    unbalanced = copy.deepcopy(good["t3"])
    unbalanced["new"]["natural_person"] += 1
    unbalanced["new"]["total"] += 1
    rules = {(f.rule, f.cell) for f in check_three(unbalanced, T3, last["t3"])}
    assert ("balance", "r7/natural_person") in rules and ("balance", "r7/total") in rules

    wrong_total_row = copy.deepcopy(good["t3"])
    wrong_total_row["r7"]["research"] = 5
    failures = check_three(wrong_total_row, T3)
    assert any(f.rule == "row_sum" and f.cell == "r7/research" for f in failures)
    assert "应为各项之和 0" in " ".join(f.message for f in failures)

    wrong_total_column = copy.deepcopy(good["t3"])
    wrong_total_column["r1"]["total"] = 9
    assert any(f.rule == "column_sum" and f.cell == "r1/total" for f in check_three(wrong_total_column, T3))

    carried = copy.deepcopy(last["t3"])
    carried["carried_out"]["natural_person"] = 7
    failures = check_three(good["t3"], T3, carried)
    assert [f.cell for f in failures if f.rule == "carry"] == ["carried_in/natural_person"]
    assert "上一年度报告的结转下年度（7）" in failures[0].message

    four = copy.deepcopy(good["t4"])
    four["review"]["total"] = 3
    assert [f.cell for f in check_four(four, T4)] == ["review/total"]

    two_now = {"art20_1": {"rules": {"made": 2, "repealed": 1, "in_force": 10},
                           "normative_docs": {"made": 0, "repealed": 0, "in_force": 5}}}
    two_last = {"art20_1": {"rules": {"made": 0, "repealed": 0, "in_force": 8},
                            "normative_docs": {"made": 0, "repealed": 0, "in_force": 5}}}
    assert [f.cell for f in check_two(two_now, two_last)] == ["art20_1/rules/in_force"]  # 8 + 2 − 1 = 9


def test_api_gives_the_report_to_the_agencys_roles_only(client, hunan, year_of_requests):
    hunan.user("czt_foi", hunan.czt, "foi_handler")
    hunan.user("zrzyt_foi", hunan.zrzyt, "foi_handler")
    hunan.user("czt_publisher", hunan.czt, "publisher")
    url = "/api/v1/reports/annual"
    assert client.get(url, {"agency": "湖南省财政厅", "year": 2025}).status_code == 401
    for outsider in ("zrzyt_foi", "czt_publisher"):  # another agency; a role without report work
        client.login(username=outsider, password=PASSWORD)
        assert client.get(url, {"agency": "湖南省财政厅", "year": 2025}).status_code == 404
    client.login(username="czt_foi", password=PASSWORD)
    body = client.get(url, {"agency": hunan.czt.credit_code or "湖南省财政厅", "year": 2025}).json()
    table = next(part["table"] for part in body["parts"] if part["key"] == "s3")
    assert table["new"]["total"] == 4 and table["carried_out"]["total"] == 3
    assert body["checks"] == {"passed": True, "failures": []}
    old = client.get(url, {"agency": "湖南省财政厅", "year": 2019})
    assert old.status_code == 422 and "2021" in old.json()["detail"]


def test_region_sums_its_agencies_and_lists_them_side_by_side(client, hunan, year_of_requests,
                                                              django_assert_max_num_queries):
    from zhengwu.reports.annual.report import region

    with django_assert_max_num_queries(6):
        summary = region(hunan.province, 2025)
    assert summary["summary"]["t3"]["new"]["total"] == 5  # 财政厅 4 + 自然资源厅 1
    assert summary["summary"]["t3"]["r1"]["natural_person"] == 2
    assert summary["summary"]["t4"]["review"]["total"] == 1
    rows = {row["agency"]: row for row in summary["agencies"]}
    assert rows["湖南省财政厅"] == {"agency": "湖南省财政厅", "id": hunan.czt.pk, "new": 4, "carried_in": 2,
                                 "decided": 3, "carried_out": 3}
    assert rows["湖南省自然资源厅"]["decided"] == 1 and rows["长沙市人民政府"]["new"] == 0
    hunan.user("sheng_admin", hunan.province, "agency_admin")
    client.login(username="sheng_admin", password=PASSWORD)
    body = client.get("/api/v1/reports/annual/region", {"agency": "湖南省人民政府", "year": 2025}).json()
    assert body["summary"]["t3"]["new"]["total"] == 5
