"""Enforcement decisions (双公示) as officers, the public and supervision meet them: recorded through the admin
form against the benchmark, published with personal data masked, late ones and benchmark departures shown to
supervision; flowcharts drawn from steps; the power list in the site search, the navigation and the 政府信息公开
section; the agency records."""

from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from zhengwu.disclosure.models import DisclosureSectionPage
from zhengwu.disclosure.seed import load_taxonomies
from zhengwu.orgs.models import Role
from zhengwu.powers.decisions.actions import publish_decision, record_decision
from zhengwu.powers.models import (
    ChangeKind,
    DecisionState,
    EnforcementBasis,
    EnforcementDecision,
    Flowchart,
    Grade,
    PartyKind,
    PowerType,
)
from zhengwu.supervision.models import Card, Violation, ViolationKind
from zhengwu.supervision.sweep import run_sweep
from zhengwu.testing.tree import PASSWORD
from zhengwu.timelimits.bands import workday_back

from .test_powers import make_power

ADD = "/admin/powers/decisions/new/"


@pytest.fixture
def land(hunan):
    """自然资源厅's penalty power with its benchmark, its licensing power, and its officer."""
    penalty = make_power(hunan.zrzyt, "ZR-CF-1", PowerType.PENALTY, "对非法占用土地的行政处罚",
                         [(ChangeKind.ADDED, date(2019, 6, 1), "湘政发〔2019〕12号")],
                         [("E", "首次违法且已自行恢复", Grade.EXEMPT, None, None),
                          ("A", "占用一般耕地不足一亩", Grade.ORDINARY, 1000, 30000),
                          ("B", "占用永久基本农田", Grade.GRAVE, 30000, 100000)])
    licensing = make_power(hunan.zrzyt, "ZR-XK-1", PowerType.LICENSING, "建设用地规划许可",
                           [(ChangeKind.ADDED, date(2019, 6, 1), "湘政发〔2019〕12号")])
    officer = hunan.user("zr_officer", hunan.zrzyt, Role.ENFORCEMENT_OFFICER)
    return penalty, licensing, officer


def penalty_form(power, **changes):
    today = timezone.localdate()
    data = {"power": power.pk, "document_number": "湘自然资罚〔2026〕8号", "party_kind": PartyKind.PERSON,
            "party_name": "王大山", "id_number": "430102199001011234", "decided_on": today.isoformat(),
            "content": "王大山未经批准占用一般耕地0.5亩建房，联系电话13812345678。罚款五万元。",
            "basis": "《中华人民共和国土地管理法》第七十七条", "facts": [f"{power.code}|A"], "fine": "50000"}
    data.update(changes)
    return data


def test_a_fine_outside_the_benchmark_without_reason_is_a_violation(client, land):
    penalty, _licensing, officer = land
    client.login(username=officer.username, password=PASSWORD)
    response = client.post(ADD, penalty_form(penalty))
    assert response.status_code == 302
    decision = EnforcementDecision.objects.get()
    assert decision.grade == "一般" and decision.benchmark_max == 30000 and decision.departs
    violation = Violation.objects.get(case_type="powers.decision", case_id=decision.pk)
    assert violation.kind == ViolationKind.BENCHMARK_DEPARTURE and "高于基准上限" in violation.detail
    # With a written reason the departure is on the record, and no violation.
    client.post(ADD, penalty_form(penalty, document_number="湘自然资罚〔2026〕9号", departure_reason="多次违法，从重处罚。"))
    second = EnforcementDecision.objects.get(document_number="湘自然资罚〔2026〕9号")
    assert second.departs and not Violation.objects.filter(case_id=second.pk).exists()
    page = client.get(f"/admin/powers/decisions/inspect/{second.pk}/")
    assert "多次违法，从重处罚" in page.content.decode() and "应于" in page.content.decode()


def test_bad_input_is_refused_in_chinese_and_nothing_is_saved(client, land, hunan):
    penalty, licensing, officer = land
    other = make_power(hunan.czt, "CZ-CF-1", PowerType.PENALTY, "财政处罚", [(ChangeKind.ADDED, date(2019, 6, 1), "x")],
                       [("A", "情形", Grade.ORDINARY, 1, 2)])
    client.login(username=officer.username, password=PASSWORD)
    foreign = client.post(ADD, penalty_form(penalty, facts=["CZ-CF-1|A"]))
    assert foreign.status_code == 200 and "Select a valid choice" not in foreign.content.decode()
    assert "有效的选项" in foreign.content.decode()  # another agency's facts are not even offered
    no_facts = client.post(ADD, penalty_form(penalty, facts=[]))
    assert "应选择认定的违法情形" in no_facts.content.decode()
    future = client.post(ADD, penalty_form(penalty, decided_on=(timezone.localdate() + timedelta(days=3)).isoformat()))
    assert "决定日期不能晚于今天" in future.content.decode()
    no_code = client.post(ADD, penalty_form(licensing, party_kind=PartyKind.ORGANISATION, facts=[]))
    assert "统一社会信用代码" in no_code.content.decode()
    outside = client.post(ADD, penalty_form(other, facts=["CZ-CF-1|A"]))  # another agency's power
    assert outside.status_code == 200
    assert EnforcementDecision.objects.count() == 0


def test_published_decisions_mask_a_person_and_stay_in_their_agency(client, land, hunan):
    penalty, _licensing, officer = land
    decision = record_decision(officer, **{k: v for k, v in penalty_form(penalty).items() if k not in ("power", "facts", "decided_on")},
                               power=penalty, facts=["A"], decided_on=timezone.localdate())
    stranger = hunan.user("cz_officer", hunan.czt, Role.ENFORCEMENT_OFFICER)
    client.login(username=stranger.username, password=PASSWORD)
    assert client.get(f"/admin/powers/decisions/inspect/{decision.pk}/").status_code == 404
    assert client.post(f"/admin/powers/decisions/inspect/{decision.pk}/act/publish/").status_code == 404
    assert client.get(f"/qlqd/sgs/{decision.number}/").status_code == 404  # not yet published
    client.login(username=officer.username, password=PASSWORD)
    assert client.post(f"/admin/powers/decisions/inspect/{decision.pk}/act/publish/").status_code == 302
    client.logout()
    page = client.get(f"/qlqd/sgs/{decision.number}/").content.decode()
    assert "王**" in page and "王大山" not in page and "13812345678" not in page and "138****5678" in page
    assert "430102199001011234" not in page
    listing = client.get("/qlqd/sgs/", {"agency": hunan.zrzyt.pk}).content.decode()
    assert decision.document_number in listing and "王大山" not in listing
    assert decision.document_number not in client.get("/qlqd/sgs/", {"agency": hunan.czt.pk}).content.decode()


def test_a_late_publication_and_an_unpublished_decision_reach_supervision(land):
    penalty, licensing, officer = land
    today = timezone.localdate()
    late = record_decision(officer, power=licensing, document_number="湘自然资许〔2026〕1号",
                           party_kind=PartyKind.ORGANISATION, party_name="湖南某某置业有限公司",
                           credit_code="91430100MA4L00000X", content="准予建设用地规划许可。", basis="城乡规划法第三十七条",
                           decided_on=workday_back(today, 12))
    waiting = record_decision(officer, power=licensing, document_number="湘自然资许〔2026〕2号",
                              party_kind=PartyKind.ORGANISATION, party_name="湖南某某物流有限公司",
                              credit_code="91430100MA4L00001X", content="准予建设用地规划许可。", basis="城乡规划法第三十七条",
                              decided_on=workday_back(today, 10))
    publish_decision(late, officer)
    late.refresh_from_db()
    assert late.published_late and late.state == DecisionState.PUBLISHED
    assert Violation.objects.filter(case_id=late.pk, kind=ViolationKind.OVERDUE).exists()
    run_sweep(today, notify=False)
    assert Card.objects.filter(case_type="powers.decision", case_id=waiting.pk, level=3).exists()
    assert Violation.objects.filter(case_id=waiting.pk, kind=ViolationKind.OVERDUE).count() == 1


def test_the_site_search_the_navigation_and_the_disclosure_section_show_the_list(client, land, hunan):
    penalty, licensing, officer = land
    decision = record_decision(officer, power=penalty, document_number="湘自然资罚〔2026〕3号", party_kind=PartyKind.PERSON,
                               party_name="李小花", content="李小花占用耕地建房。", basis="土地管理法第七十七条",
                               decided_on=timezone.localdate(), facts=["A"], fine="20000")
    publish_decision(decision, officer)
    found = client.get("/search/", {"q": "非法占用土地"}).content.decode()
    assert "对非法占用土地的行政处罚" in found and "/qlqd/ZR-CF-1/" in found
    assert "湘自然资罚〔2026〕3号" in client.get("/search/", {"q": "耕地"}).content.decode()
    assert "湘自然资罚〔2026〕3号" not in client.get("/search/", {"q": "李小花"}).content.decode()
    load_taxonomies()
    statutory = visit(client, section_of(hunan.zrzyt).url + "fdzdgknr/")
    assert "行政许可事项（权力清单）" in statutory and "行政处罚决定（双公示）" in statutory
    assert f'href="/qlqd/?agency={hunan.zrzyt.pk}"' in main_nav(visit(client, section_of(hunan.zrzyt).get_parent().url))
    assert "/qlqd/" not in main_nav(visit(client, section_of(hunan.czt).get_parent().url))  # 财政厅 has no powers here
    header = client.get("/qlqd/", {"agency": hunan.zrzyt.pk}).content.decode()
    assert hunan.zrzyt.name in header and "aria-current" in header


def main_nav(page):
    return page.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]


def section_of(agency):
    return DisclosureSectionPage.objects.live().filter(agency=agency).first()


def visit(client, url):
    """A page of a sub-site, asked on its own host."""
    parts = urlsplit(url)
    return client.get(parts.path, HTTP_HOST=parts.netloc).content.decode()


def test_a_flowchart_is_kept_as_steps_and_drawn_accessibly(client, land, hunan):
    _penalty, licensing, _officer = land
    admin = hunan.user("zr_admin", hunan.zrzyt, Role.AGENCY_ADMIN)
    client.login(username=admin.username, password=PASSWORD)
    rows = [("1", "受理", "窗口", "5个工作日", "材料齐全 → 2\n不予受理 → 结束"), ("2", "审查", "规划处", "", "准予 → 3\n需补正 → 1"),
            ("3", "决定", "分管领导", "2个工作日", "")]
    data = {"agency": hunan.zrzyt.pk, "power": licensing.pk, "title": "建设用地规划许可流程图", "published": "on",
            "steps-TOTAL_FORMS": "3", "steps-INITIAL_FORMS": "0", "steps-MIN_NUM_FORMS": "0", "steps-MAX_NUM_FORMS": "1000"}
    for n, (key, name, actor, limit, branches) in enumerate(rows):
        data.update({f"steps-{n}-key": key, f"steps-{n}-name": name, f"steps-{n}-actor": actor,
                     f"steps-{n}-time_limit": limit, f"steps-{n}-branches": branches})
    wrong = client.post("/admin/powers/flowcharts/new/", {**data, "steps-1-branches": "准予 → 9"})
    assert "没有这些环节编号：9" in wrong.content.decode() and not Flowchart.objects.exists()
    assert client.post("/admin/powers/flowcharts/new/", data).status_code == 302
    chart = Flowchart.objects.get()
    assert [s.branches for s in chart.steps.all()][0] == [{"label": "材料齐全", "to": "2"}, {"label": "不予受理", "to": "结束"}]
    page = client.get("/qlqd/ZR-XK-1/").content.decode()
    assert 'role="img"' in page and "<desc" in page and "不予受理" in page and "建设用地规划许可流程图，共3个环节" in page
    drawing = client.get("/qlqd/ZR-XK-1/flowchart.svg")
    assert drawing["Content-Type"].startswith("image/svg+xml") and b"<title" in drawing.content


def test_agency_records_are_filed_in_scope_and_bases_published(client, land, hunan):
    admin = hunan.user("zr_admin", hunan.zrzyt, Role.AGENCY_ADMIN)
    client.login(username=admin.username, password=PASSWORD)
    form = client.get("/admin/powers/bases/new/").content.decode()
    assert hunan.zrzyt.name in form and hunan.czt.name not in form
    refused = client.post("/admin/powers/bases/new/", {"agency": hunan.czt.pk, "title": "某法", "articles": "第一条",
                                                       "position": 0})
    assert refused.status_code == 200 and not EnforcementBasis.objects.exists()
    assert client.post("/admin/powers/bases/new/", {"agency": hunan.zrzyt.pk, "title": "中华人民共和国土地管理法",
                                                    "articles": "第七十七条", "position": 0}).status_code == 302
    assert EnforcementBasis.objects.get().filed_by == admin
    assert "第七十七条" in client.get("/qlqd/zfyj/").content.decode()
    assert client.get("/admin/powers/faults/").status_code == 200
    publisher = hunan.user("cz_editor", hunan.czt, Role.PUBLISHER)
    client.login(username=publisher.username, password=PASSWORD)
    assert client.get("/admin/powers/faults/").status_code in (302, 403)


def test_a_published_decision_is_withdrawn_with_a_reason_and_reform_changes_read_by_year(client, land):
    penalty, _licensing, officer = land
    decision = record_decision(officer, power=penalty, document_number="湘自然资罚〔2026〕5号",
                               party_kind=PartyKind.ORGANISATION, party_name="湖南某某矿业有限公司",
                               credit_code="91430100MA4L00002X", content="非法占用耕地。", basis="土地管理法第七十七条",
                               decided_on=timezone.localdate(), facts=["A"], fine="20000")
    publish_decision(decision, officer)
    client.login(username=officer.username, password=PASSWORD)
    url = f"/admin/powers/decisions/inspect/{decision.pk}/act/withdraw/"
    empty = client.post(url, {"withdraw-reason": ""})
    assert empty.status_code == 400 and "请填写此项" in empty.content.decode()
    assert client.post(url, {"withdraw-reason": "该决定已被复议机关撤销。"}).status_code == 302
    decision.refresh_from_db()
    assert decision.state == DecisionState.WITHDRAWN
    assert client.get(f"/qlqd/sgs/{decision.number}/").status_code == 404
    assert "复议机关撤销" in client.get(f"/admin/powers/decisions/inspect/{decision.pk}/").content.decode()
    reform = client.get("/qlqd/bg/", {"year": 2019}).content.decode()
    assert "新增（2 项）" in reform and "对非法占用土地的行政处罚" in reform


def test_published_decisions_are_exchanged_as_json_masked(client, land, hunan):
    penalty, _licensing, officer = land
    decision = record_decision(officer, power=penalty, document_number="湘自然资罚〔2026〕6号", party_kind=PartyKind.PERSON,
                               party_name="赵铁柱", id_number="430102199001011234", content="赵铁柱占用耕地。",
                               basis="土地管理法第七十七条", decided_on=timezone.localdate(), facts=["A"], fine="20000")
    assert client.get("/api/v1/powers/decisions").json()["count"] == 0  # not yet published
    publish_decision(decision, officer)
    body = client.get("/api/v1/powers/decisions", {"agency": hunan.zrzyt.pk, "kind": "penalty"}).json()
    assert body["count"] == 1 and body["results"][0]["party"] == "赵**" and "赵铁柱" not in str(body)
    assert "430102199001011234" not in str(body) and body["results"][0]["fine"] == "20000.00"
    assert client.get("/api/v1/powers/decisions", {"agency": hunan.czt.pk}).json()["count"] == 0
    assert client.get("/api/v1/powers/decisions", {"kind": "fine"}).status_code == 422
    assert client.get("/api/v1/powers/decisions", {"since": "2026-13-01"}).status_code == 422
