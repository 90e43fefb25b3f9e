from datetime import date

import pytest

from zhengwu.disclosure.actions import withdraw_item
from zhengwu.disclosure.models import Genre, StatutoryCategory
from zhengwu.disclosure.tests.conftest import catalog  # noqa: F401  (the fixture)
from zhengwu.orgs.models import Role
from zhengwu.reports.annual.checks import check_two
from zhengwu.reports.annual.proactive import COMPUTED, MANUAL, SOURCES, in_force_movements, part_two

MANUAL_BLOCKS = {
    "art20_5": {"licensing": {"decisions": None}},
    "art20_6": {"penalty": {"decisions": None}, "coercion": {"decisions": None}},
    "art20_8": {"fees": {"amount_10k_yuan": None}},
}


def _item(catalog, agency, title, written_on, *, genre="tcfl05", category="a20-01", publish=True,  # noqa: F811
          **fields):
    published_on = fields.pop("published_on", written_on)
    return catalog.item(
        agency, title, publish=publish,
        genre=Genre.objects.get(code=genre) if isinstance(genre, str) else genre,
        category=StatutoryCategory.objects.get(code=category),
        written_on=written_on, formed_on=written_on or published_on,
        published_on=published_on if publish else None, **fields)


def _table(rules, normative_docs):
    cells = ("made", "repealed", "in_force")
    return {"art20_1": {"rules": dict(zip(cells, rules, strict=True)),
                        "normative_docs": dict(zip(cells, normative_docs, strict=True))},
            **MANUAL_BLOCKS}


@pytest.fixture
def province_catalog(catalog):  # noqa: F811
    """The provincial government's 第二十条第（一）项 items around the 2024 year boundary, and items that must
    not count: drafts, withdrawn, other agencies, other categories, other 体裁, interpretations."""
    tree = catalog.tree
    province = tree.province
    d = date
    # 规章 (省政府令)
    r1 = _item(catalog, province, "规章一：本年制发、有效", d(2024, 3, 1), genre="tcfl01",
               published_on=d(2024, 3, 5))
    _item(catalog, province, "规章二：上年制发、本年废止", d(2023, 6, 1), genre="tcfl01", repealed_on=d(2024, 7, 1))
    _item(catalog, province, "规章三：下年废止，本年末仍有效", d(2022, 5, 1), genre="tcfl01",
          repealed_on=d(2025, 2, 1))
    _item(catalog, province, "规章四：本年成文、下年生效", d(2024, 12, 20), genre="tcfl01",
          effective_on=d(2025, 1, 1))
    _item(catalog, province, "规章五：下年制发", d(2025, 1, 10), genre="tcfl01")
    # 行政规范性文件
    _item(catalog, province, "规范性文件一：无成文日期，按发布日期计", None, published_on=d(2024, 2, 1))
    _item(catalog, province, "规范性文件二：上年末成文、本年发布", d(2023, 12, 31), published_on=d(2024, 1, 5))
    _item(catalog, province, "规范性文件三：12月31日失效，当日仍有效", d(2020, 1, 1), valid_until=d(2024, 12, 31))
    _item(catalog, province, "规范性文件四：年中失效", d(2020, 1, 1), valid_until=d(2024, 6, 30))
    _item(catalog, province, "规范性文件五：12月31日废止", d(2021, 1, 1), repealed_on=d(2024, 12, 31))
    _item(catalog, province, "规范性文件六：本年制发、本年废止", d(2024, 5, 1), repealed_on=d(2024, 10, 1))
    _item(catalog, province, "规范性文件七：意见，本年生效", d(2024, 8, 1), genre="tcfl11", effective_on=d(2024, 9, 1))
    # not counted
    _item(catalog, province, "草稿：未发布", d(2024, 4, 1), publish=False)
    _item(catalog, province, "草稿：未发布的规章", d(2024, 4, 1), genre="tcfl01", publish=False)
    withdrawn = _item(catalog, province, "已撤回", d(2024, 4, 2))
    withdraw_item(withdrawn, tree.user("hunan_editor", province, Role.PUBLISHER), "测试撤回")
    _item(catalog, tree.changsha, "长沙市政府令：另一机关", d(2024, 4, 3), genre="tcfl01")
    _item(catalog, tree.changsha, "长沙市规范性文件：另一机关", d(2024, 4, 3))
    _item(catalog, tree.czt, "财政厅规范性文件：另一机关", d(2024, 4, 3))
    _item(catalog, province, "预算公开：另一法定类别", d(2024, 4, 4), category="a20-07")
    _item(catalog, province, "复函：函不是规范性文件", d(2024, 4, 5), genre="tcfl12")
    _item(catalog, province, "会议纪要", d(2024, 4, 5), genre="tcfl13")
    _item(catalog, province, "无体裁", d(2024, 4, 6), genre=None)
    _item(catalog, province, "政策解读", d(2024, 4, 7), interprets=r1)
    return catalog


def test_year_counts_every_cell(province_catalog, django_assert_max_num_queries):
    province = province_catalog.tree.province
    with django_assert_max_num_queries(2):
        figures = part_two(province, 2024)
    assert figures == _table(rules=(2, 1, 2), normative_docs=(3, 2, 4))


def test_year_boundary_either_side(province_catalog):
    province = province_catalog.tree.province
    # 2023: 规章二 made; 规章二 and 三 in force; 规范性文件二 made 12-31; 二 to 五 in force.
    assert part_two(province, 2023) == _table(rules=(1, 0, 2), normative_docs=(1, 0, 4))
    # 2025: 规章五 made, 规章三 repealed; 规章一/四/五 in force; 规范性文件三 expired on 2024-12-31's next day.
    assert part_two(province, 2025) == _table(rules=(1, 1, 3), normative_docs=(0, 0, 3))


def test_other_agency_sees_only_its_own(province_catalog):
    tree = province_catalog.tree
    assert part_two(tree.changsha, 2024) == _table(rules=(1, 0, 1), normative_docs=(1, 0, 1))
    assert part_two(tree.zrzyt, 2024) == _table(rules=(0, 0, 0), normative_docs=(0, 0, 0))


def test_order_of_an_agency_that_cannot_make_rules_is_a_normative_document(catalog):  # noqa: F811
    tree = catalog.tree
    added = Genre.objects.create(code="hn01", name="行政规范性文件")
    _item(catalog, tree.czt, "财政厅令", date(2024, 3, 1), genre="tcfl01")
    _item(catalog, tree.czt, "省里新增的体裁", date(2024, 3, 2), genre=added)
    _item(catalog, tree.changshaxian, "县政府令", date(2024, 3, 3), genre="tcfl01")
    assert part_two(tree.czt, 2024) == _table(rules=(0, 0, 0), normative_docs=(2, 0, 2))
    assert part_two(tree.changshaxian, 2024) == _table(rules=(0, 0, 0), normative_docs=(1, 0, 1))


def test_a_province_genre_named_rules_counts_as_rules(catalog):  # noqa: F811
    tree = catalog.tree
    added = Genre.objects.create(code="hn02", name="政府规章")
    _item(catalog, tree.changsha, "长沙市某某管理办法", date(2024, 3, 1), genre=added)
    assert part_two(tree.changsha, 2024) == _table(rules=(1, 0, 1), normative_docs=(0, 0, 0))


def test_sources_describe_every_cell(catalog):  # noqa: F811
    figures = part_two(catalog.tree.province, 2024)
    assert {block: {row: set(cells) for row, cells in rows.items()} for block, rows in SOURCES.items()} == \
        {block: {row: set(cells) for row, cells in rows.items()} for block, rows in figures.items()}
    for block, rows in figures.items():
        for row, cells in rows.items():
            for column, value in cells.items():
                source = SOURCES[block][row][column]
                assert source["kind"] == (MANUAL if value is None else COMPUTED)
                assert source["note"]


def test_in_force_continues_last_year_give_or_take_dated_effect_and_expiry(province_catalog):
    province = province_catalog.tree.province
    for year in (2024, 2025):
        now, before = part_two(province, year), part_two(province, year - 1)
        moved = in_force_movements(province, year)
        assert check_two(now, before, moved) == [], year
    # 2024 规章: 2 in force at the end of 2023, made 2, repealed 1, but 规章四 takes effect only in 2025: 2 − 1 … = 2
    assert in_force_movements(province, 2024)["rules"] == -1
    broken = part_two(province, 2024)
    broken["art20_1"]["rules"]["in_force"] = 5
    failures = check_two(broken, part_two(province, 2023), in_force_movements(province, 2024))
    assert [f.cell for f in failures] == ["art20_1/rules/in_force"] and "因生效或失效日期变动" in failures[0].message
