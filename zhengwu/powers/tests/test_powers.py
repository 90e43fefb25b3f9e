"""The power list as it stood on a day, one power with its history and benchmark, and the discretion calculator,
through the JSON API and the public pages (plain GET forms, no JavaScript)."""

from datetime import date
from decimal import Decimal

import pytest

from zhengwu.powers.models import ChangeKind, Circumstance, Grade, Power, PowerChange, PowerType


def make_power(agency, code, power_type, name, changes, circumstances=()):
    power = Power.objects.create(code=code, agency=agency, power_type=power_type)
    for kind, day, document in changes:
        PowerChange.objects.create(power=power, kind=kind, decided_on=day, document=document, name=name,
                                   legal_basis=f"《某法》第十条（{name}）", implementing_body=agency.name,
                                   responsibilities="受理、审查、决定、送达", accountability="依法追责")
    for position, (code_, label, grade, low, high) in enumerate(circumstances):
        Circumstance.objects.create(power=power, code=code_, label=label, grade=grade, position=position,
                                    range_text=f"{label}的幅度", rule=f"基准第{position + 1}项",
                                    fine_min=None if low is None else Decimal(low),
                                    fine_max=None if high is None else Decimal(high))
    return power


@pytest.fixture
def powers(hunan):
    licensing = make_power(hunan.czt, "CZT-XK-1", PowerType.LICENSING, "政府采购代理机构资格认定",
                           [(ChangeKind.ADDED, date(2019, 6, 1), "湘政发〔2019〕12号"),
                            (ChangeKind.CANCELLED, date(2024, 7, 1), "湘政发〔2024〕18号")])
    penalty = make_power(hunan.zrzyt, "ZR-CF-1", PowerType.PENALTY, "对非法占用土地的行政处罚",
                         [(ChangeKind.ADDED, date(2019, 6, 1), "湘政发〔2019〕12号"),
                          (ChangeKind.ADJUSTED, date(2025, 3, 1), "湘政发〔2025〕3号")],
                         [("E", "首次违法且已自行恢复", Grade.EXEMPT, None, None),
                          ("A", "占用一般耕地不足一亩", Grade.ORDINARY, 1000, 30000),
                          ("B", "占用永久基本农田", Grade.GRAVE, None, None)])
    return licensing, penalty


def test_the_list_as_it_stood_on_a_day(client, powers):
    before = client.get("/api/v1/powers", {"on": "2024-06-30"}).json()
    after = client.get("/api/v1/powers", {"on": "2024-07-01"}).json()
    assert {p["code"] for p in before["results"]} == {"CZT-XK-1", "ZR-CF-1"}
    assert [p["code"] for p in after["results"]] == ["ZR-CF-1"]
    assert before["results"][0]["change"]["document"] in {"湘政发〔2019〕12号"}
    penalties = client.get("/api/v1/powers", {"type": "penalty", "q": "占用土地"}).json()
    assert penalties["count"] == 1 and penalties["results"][0]["change"]["kind_label"] == "调整"
    assert client.get("/api/v1/powers", {"on": "2018-01-01"}).json()["count"] == 0
    wrong = client.get("/api/v1/powers", {"type": "fine"})
    assert wrong.status_code == 422 and "未知的权力类型" in wrong.json()["detail"]
    assert client.get("/api/v1/powers", {"on": "2024-13-01"}).status_code == 422


def test_one_power_with_its_history_and_facts(client, powers):
    body = client.get("/api/v1/powers/ZR-CF-1").json()
    assert [h["kind_label"] for h in body["history"]] == ["新增", "调整"]
    assert body["facts"] == [{"code": "E", "label": "首次违法且已自行恢复", "grade": "不予处罚"},
                             {"code": "A", "label": "占用一般耕地不足一亩", "grade": "一般"},
                             {"code": "B", "label": "占用永久基本农田", "grade": "严重"}]
    cancelled = client.get("/api/v1/powers/CZT-XK-1").json()
    assert cancelled["in_force"] is False and "facts" not in cancelled
    missing = client.get("/api/v1/powers/NO-SUCH")
    assert missing.status_code == 404 and "没有编码为" in missing.json()["detail"]


def test_the_discretion_calculator_gives_the_range_and_its_rule(client, powers):
    url = "/api/v1/powers/discretion"
    ordinary = client.get(url, {"power": "ZR-CF-1", "facts": "A"}).json()
    assert ordinary == {"power": "ZR-CF-1", "grade": "一般", "range": "占用一般耕地不足一亩的幅度", "fine_min": 1000,
                        "fine_max": 30000, "rule": "基准第2项"}
    assert client.get(url, {"power": "ZR-CF-1", "facts": "A,B"}).json()["grade"] == "严重"  # the gravest decides
    assert client.get(url, {"power": "ZR-CF-1", "facts": "E"}).json()["grade"] == "不予处罚"
    assert client.get(url, {"power": "ZR-CF-1", "facts": "E,A"}).json()["grade"] == "一般"
    unknown_fact = client.get(url, {"power": "ZR-CF-1", "facts": "A,Z"})
    assert unknown_fact.status_code == 422 and "Z" in unknown_fact.json()["detail"]
    assert client.get(url, {"power": "NOPE", "facts": "A"}).status_code == 404
    not_penalty = client.get(url, {"power": "CZT-XK-1", "facts": "A"})
    assert not_penalty.status_code == 422 and "不是行政处罚事项" in not_penalty.json()["detail"]
    assert client.get(url, {"power": "ZR-CF-1"}).status_code == 422


def test_public_pages_list_filter_and_calculate_without_javascript(client, powers):
    page = client.get("/qlqd/").content.decode()
    assert "对非法占用土地的行政处罚" in page and "政府采购代理机构资格认定" not in page  # cancelled since 2024
    old = client.get("/qlqd/", {"on": "2024-01-01"}).content.decode()
    assert "政府采购代理机构资格认定" in old
    bad = client.get("/qlqd/", {"on": "someday"}).content.decode()
    assert "日期格式不正确" in bad
    detail = client.get("/qlqd/ZR-CF-1/", {"facts": ["A", "B"]}).content.decode()
    assert "行政裁量权基准" in detail and "裁量阶次：严重" in detail and "基准第3项" in detail
    assert 'value="B" checked' in detail
    cancelled = client.get("/qlqd/CZT-XK-1/").content.decode()
    assert "本事项已于2024年7月1日取消（湘政发〔2024〕18号）" in cancelled
    assert client.get("/qlqd/NO-SUCH/").status_code == 404


def sheet(tmp_path, rows):
    from openpyxl import Workbook

    from zhengwu.powers.importer import COLUMNS
    book = Workbook()
    book.active.append(COLUMNS)
    for row in rows:
        book.active.append(row)
    path = tmp_path / "powers.xlsx"
    book.save(path)
    return path


def test_an_xlsx_list_imports_whole_or_not_at_all(hunan, tmp_path):
    from django.core.management import CommandError, call_command

    good = ["CZT-CF-9", "对违反政府采购规定的行政处罚", "行政处罚", "湖南省财政厅", "《政府采购法》第七十一条",
            "湖南省财政厅", "立案、调查、决定", "依法追责", "新增", "2025-01-01", "湘政发〔2025〕1号"]
    bad = ["CZT-CF-10", "对某事项的行政处罚", "行政罚款", "湖南省不存在厅", "《某法》", "某处", "", "", "新增",
           "2025-02-30", "湘政发〔2025〕1号"]
    with pytest.raises(CommandError) as failed:
        call_command("import_powers", str(sheet(tmp_path, [good, bad])))
    message = str(failed.value)
    assert "第 3 行，列 权力类型：“行政罚款”不是权力类型" in message
    assert "第 3 行，列 实施机关：找不到名称为“湖南省不存在厅”的机构" in message
    assert "第 3 行，列 生效日期：“2025-02-30”格式应为 YYYY-MM-DD" in message
    assert not Power.objects.exists()  # the good row was not stored either
    call_command("import_powers", str(sheet(tmp_path, [good, good[:8] + ["取消", "2026-01-01", "湘政发〔2026〕2号"]])))
    power = Power.objects.get(code="CZT-CF-9")
    assert [c.kind for c in power.changes.order_by("decided_on")] == ["added", "cancelled"]
    assert power.state_on(date(2025, 6, 1)).in_force and not power.state_on(date(2026, 1, 1)).in_force


def test_an_uploaded_list_passes_the_uploads_checks_before_it_is_parsed(hunan, tmp_path, settings):
    from zhengwu.powers.importer import ImportFailed, import_powers

    disguised = tmp_path / "powers.xlsx"
    disguised.write_bytes(b"<html><script>alert(1)</script></html>")
    with pytest.raises(ImportFailed) as refused:
        import_powers(disguised)
    assert "HTML/XML 标记" in refused.value.errors[0]
    # A sheet that unpacks beyond the archive limit is refused from its directory, before openpyxl inflates it.
    settings.ZHENGWU_FILES_ARCHIVE_MAX_TOTAL_SIZE = 1024
    with pytest.raises(ImportFailed) as refused:
        import_powers(sheet(tmp_path, [["CZT-CF-9"] + ["很长的内容" * 400] * 10]))
    assert "解压后" in refused.value.errors[0] and not Power.objects.exists()


def test_staff_see_their_agencies_list_and_import_only_for_them(client, hunan, powers, tmp_path):
    from zhengwu.orgs.models import Role
    from zhengwu.testing.tree import PASSWORD

    hunan.user("czt_admin", hunan.czt, Role.AGENCY_ADMIN)
    hunan.user("inspector", hunan.province, Role.INSPECTOR)
    hunan.user("clerk", hunan.czt, Role.WINDOW_CLERK)
    client.login(username="clerk", password=PASSWORD)
    assert client.get("/admin/powers/").status_code == 404  # not a duty of window clerks
    client.login(username="inspector", password=PASSWORD)
    listed = client.get("/admin/powers/").content.decode()
    assert "对非法占用土地的行政处罚" in listed and "政府采购代理机构资格认定</a>（取消）" in listed
    assert client.get("/admin/powers/import/").status_code == 404  # inspectors read, they do not import
    client.login(username="czt_admin", password=PASSWORD)
    mine = client.get("/admin/powers/").content.decode()
    assert "政府采购代理机构资格认定" in mine and "对非法占用土地的行政处罚" not in mine  # 自然资源厅's
    ours = ["CZT-CF-20", "对违反会计法的行政处罚", "行政处罚", "湖南省财政厅", "《会计法》第四十二条", "湖南省财政厅",
            "", "", "新增", "2025-05-01", "湘政发〔2025〕9号"]
    theirs = ["ZR-CF-20", "对某自然资源事项的行政处罚", "行政处罚", "湖南省自然资源厅", "《土地管理法》", "湖南省自然资源厅",
              "", "", "新增", "2025-05-01", "湘政发〔2025〕9号"]
    with open(sheet(tmp_path, [ours, theirs]), "rb") as upload:
        refused = client.post("/admin/powers/import/", {"sheet": upload})
    assert refused.status_code == 400
    assert "第 3 行，列 实施机关：您无权维护湖南省自然资源厅的权力清单" in refused.content.decode()
    assert not Power.objects.filter(code="CZT-CF-20").exists()
    with open(sheet(tmp_path, [ours]), "rb") as upload:
        done = client.post("/admin/powers/import/", {"sheet": upload}, follow=True)
    assert "已导入 1 条权力事项记录" in done.content.decode()
    assert Power.objects.get(code="CZT-CF-20").state_on().name == "对违反会计法的行政处罚"


def test_the_benchmark_conditions_move_the_range_and_name_their_clause(client, powers):
    from zhengwu.powers.models import Adjustment, Effect

    _licensing, penalty = powers
    for code, label, effect in (("L", "主动消除危害后果", Effect.LIGHTER), ("H", "造成严重后果", Effect.HEAVIER),
                                ("M", "受他人胁迫", Effect.MITIGATED), ("N", "初次违法且及时改正", Effect.EXEMPT)):
        Adjustment.objects.create(power=penalty, code=code, label=label, effect=effect, share=30, rule=f"情节{code}条款")
    url = "/api/v1/powers/discretion"

    def ask(facts):
        return client.get(url, {"power": "ZR-CF-1", "facts": facts}).json()

    lighter = ask("A,L")
    assert (lighter["grade"], lighter["fine_min"], lighter["fine_max"]) == ("一般", 1000, 9700)
    assert lighter["rule"] == "基准第2项；情节L条款" and "从轻处罚" in lighter["range"]
    heavier = ask("A,H")
    assert (heavier["fine_min"], heavier["fine_max"]) == (21300, 30000)
    both = ask("A,L,H")
    assert (both["fine_min"], both["fine_max"]) == (1000, 30000) and "综合裁量" in both["range"]
    mitigated = ask("A,M")
    assert (mitigated["fine_min"], mitigated["fine_max"]) == (None, 1000) and "减轻处罚" in mitigated["range"]
    exempt = ask("A,N")
    assert exempt["grade"] == "不予处罚" and exempt["rule"] == "情节N条款" and exempt["fine_max"] is None
    alone = client.get(url, {"power": "ZR-CF-1", "facts": "L"})
    assert alone.status_code == 422 and "须与至少一项违法情形一并选择" in alone.json()["detail"]
    facts = client.get("/api/v1/powers/ZR-CF-1").json()["facts"]
    assert {"code": "L", "label": "主动消除危害后果", "effect": "从轻处罚"} in facts
    page = client.get("/qlqd/ZR-CF-1/", {"facts": ["A", "H"]}).content.decode()
    assert "从重处罚：罚款21300元以上30000元以下" in page and "裁量情节" in page


def test_one_change_is_recorded_in_the_admin_through_the_importers_check(client, hunan, powers):
    from zhengwu.orgs.models import Role
    from zhengwu.testing.tree import PASSWORD

    admin = hunan.user("zr_admin", hunan.zrzyt, Role.AGENCY_ADMIN)
    client.login(username=admin.username, password=PASSWORD)
    form = client.get("/admin/powers/change/", {"code": "ZR-CF-1"}).content.decode()
    assert 'value="对非法占用土地的行政处罚"' in form and 'value="ZR-CF-1"' in form
    data = {"code": "ZR-CF-1", "name": "对非法占用土地的行政处罚", "power_type": "penalty", "agency": hunan.zrzyt.name,
            "legal_basis": "《土地管理法》第七十七条", "implementing_body": hunan.zrzyt.name, "responsibilities": "",
            "accountability": "", "kind": "delegated", "decided_on": "2026-01-01", "document": "湘政发〔2026〕1号"}
    wrong = client.post("/admin/powers/change/", {**data, "power_type": "licensing"})
    assert wrong.status_code == 400 and "列 权力类型：编码 ZR-CF-1 已登记为行政处罚" in wrong.content.decode()
    assert client.post("/admin/powers/change/", data).status_code == 302
    assert client.get("/api/v1/powers", {"on": "2026-01-02"}).json()["count"] == 0  # 下放: off this list
    assert client.get("/api/v1/powers", {"on": "2025-12-31"}).json()["count"] == 1
    outside = client.post("/admin/powers/change/", {**data, "code": "CZ-NEW", "agency": hunan.czt.name})
    assert outside.status_code == 400 and PowerChange.objects.filter(power__code="CZ-NEW").count() == 0
