"""Part 二 of the yearly report (主动公开政府信息情况, table t2 of the 2021 form), counted from the
disclosure catalog by database aggregation: two queries whatever the size of the catalog (one reads
the view restrictions for `.public()`, one counts all six figures of 第二十条第（一）项).

Which items are 规章 and which 行政规范性文件
--------------------------------------------
The catalog has no field that says so. Its 法定类别 "行政法规、规章和规范性文件" (code `a20-01`,
条例第二十条第（一）项) puts both in one class, together with policy interpretations filed under it,
and the seeded 体裁 are the 15 公文 types, none of them named 规章 or 规范性文件. The rule chosen,
from the data that does exist (seed.py and shared/data):

* In scope: the agency's own items (`agency`), live and public, whose 法定类别 is `a20-01`, that are
  not a policy interpretation (`interprets` empty).
* 规章: 体裁 命令（令） (code `tcfl01`), issued by a government that may make 规章 — a provincial
  government or that of a 设区的市/自治州 (立法法: province and prefecture level; a county government,
  a township or a department cannot). A 规章 is promulgated by the governor's or mayor's 令: e.g. the
  湖南省规范性文件管理办法 is 湖南省人民政府令第242号 (reference/cn-norms.md §4.6).
* 行政规范性文件: any other in-scope item whose 体裁 is one a normative document is issued as —
  决定, 公告, 通告, 通知 (which also carries 办法/规定/细则), 意见, and 命令（令） of an agency that
  cannot make 规章. Not 请示, 报告, 纪要 (internal or upward: 国办发〔2018〕37号 leaves 会议纪要、
  请示报告 out of 规范性文件 management [R]), nor 批复 and 函 (addressed to one party, not generally
  binding), nor 通报, 议案, 决议, 公报, nor an item without 体裁.
* A province that adds its own 体裁 named …规章… or …规范性文件… gets those counted as such too.
The codes are module data below (GENRES_*), not buried in the queries. Known limits: an item filed
under the wrong 法定类别 or 体裁 is miscounted; a 行政法规 reposted by an agency would count as a
规范性文件. The exact marker would be the 规范性文件统一登记号 (Hunan: HNPR-…) [R], which the catalog
does not hold yet; adding that field is the way to make this rule exact.

The three figures, for year Y
-----------------------------
* 本年制发件数 made: 成文日期 in Y, or 发布日期 in Y when there is no 成文日期.
* 本年废止件数 repealed: 废止日期 in Y.
* 现行有效件数 in_force: in force on 31 December Y, the same reading as `DisclosureItemPage.validity_on`:
  in effect by then (生效日期, else 成文日期, else 发布日期, on or before that day), 失效日期 not before
  it, 废止日期 empty or after it. An item repealed in Y+1 is still in force for Y. The stored `validity`
  field is today's value and is not used.

The other blocks (行政许可, 行政处罚, 行政强制 decisions, 行政事业性收费 amount) come from no module
yet: they are None, and the report keeps the agency's own figure for them (`SOURCES` says which)."""

from datetime import date

from django.db.models import Count, Q
from django.db.models.functions import Coalesce

from zhengwu.disclosure.models import DisclosureItemPage
from zhengwu.orgs.models import Agency, Division

CATEGORY_CODE = "a20-01"  # 条例第二十条第（一）项 行政法规、规章和规范性文件 (seed.ARTICLE_20)
GENRES_RULES = ("tcfl01",)  # 命令（令）
GENRES_NORMATIVE = ("tcfl02", "tcfl03", "tcfl04", "tcfl05", "tcfl11")  # 决定 公告 通告 通知 意见
NAME_RULES, NAME_NORMATIVE = "规章", "规范性文件"  # in the name of a 体裁 a province adds
RULE_MAKING_LEVELS = (Division.Level.PROVINCE, Division.Level.PREFECTURE)

COMPUTED, MANUAL = "computed", "manual"
_FROM_CATALOG = {
    "made": "由公开目录统计：成文日期（无成文日期的按发布日期）在本年度内的件数。",
    "repealed": "由公开目录统计：废止日期在本年度内的件数。",
    "in_force": "由公开目录统计：截至本年12月31日已生效、未失效、未废止的件数。",
}
_NO_MODULE = "手工填报：平台尚无记录该项数据的模块。"
SOURCES = {
    "art20_1": {row: {column: {"kind": COMPUTED, "note": note} for column, note in _FROM_CATALOG.items()}
                for row in ("rules", "normative_docs")},
    "art20_5": {"licensing": {"decisions": {"kind": MANUAL, "note": _NO_MODULE}}},
    "art20_6": {"penalty": {"decisions": {"kind": MANUAL, "note": _NO_MODULE}},
                "coercion": {"decisions": {"kind": MANUAL, "note": _NO_MODULE}}},
    "art20_8": {"fees": {"amount_10k_yuan": {"kind": MANUAL, "note": _NO_MODULE}}},
}


def _genre(codes, name):
    return Q(genre__code__in=codes) | Q(genre__name__contains=name)


# The conditions, each named once: the counts below and the drill-down (`drilldown.records`) filter
# `catalog_items(agency)` by the same Q.

def catalog_rows() -> dict[str, Q]:
    """The rows of 第二十条第（一）项: which in-scope items are 规章 and which 行政规范性文件."""
    rule_genre = _genre(GENRES_RULES, NAME_RULES)
    is_rule = rule_genre & Q(agency__kind=Agency.Kind.GOVERNMENT,
                             agency__division__level__in=RULE_MAKING_LEVELS)
    is_normative = (_genre(GENRES_NORMATIVE, NAME_NORMATIVE) | rule_genre) & ~is_rule
    return {"rules": is_rule, "normative_docs": is_normative}


def made_in(year: int) -> Q:
    """本年制发件数: 成文日期 (else 发布日期) in the year."""
    return Q(made_on__gte=date(year, 1, 1), made_on__lte=date(year, 12, 31))


def repealed_in(year: int) -> Q:
    """本年废止件数: 废止日期 in the year."""
    return Q(repealed_on__gte=date(year, 1, 1), repealed_on__lte=date(year, 12, 31))


def in_force_on(day) -> Q:
    """In force on `day` (the reading of `DisclosureItemPage.validity_on`)."""
    return (Q(in_effect_on__lte=day) & (Q(valid_until__isnull=True) | Q(valid_until__gte=day))
            & (Q(repealed_on__isnull=True) | Q(repealed_on__gt=day)))


def catalog_columns(year: int) -> dict[str, Q]:
    return {"made": made_in(year), "repealed": repealed_in(year), "in_force": in_force_on(date(year, 12, 31))}


def two_cell(block: str, row: str, column: str, year: int) -> Q:
    """The items behind one computed figure of table 二 (KeyError for a manual cell or no such cell)."""
    if SOURCES.get(block, {}).get(row, {}).get(column, {}).get("kind") != COMPUTED:
        raise KeyError(f"{block}/{row}/{column}")
    return catalog_rows()[row] & catalog_columns(year)[column]


def catalog_items(agency):
    """The catalog items Part 二 counts from, with the two dates the conditions read (`made_on`,
    `in_effect_on`)."""
    return (DisclosureItemPage.objects.live().public()
            .filter(agency=agency, category__code=CATEGORY_CODE, interprets__isnull=True)
            .annotate(made_on=Coalesce("written_on", "published_on"),
                      in_effect_on=Coalesce("effective_on", "written_on", "published_on")))


def in_force_movements(agency, year: int) -> dict:
    """What makes 现行有效件数 differ from last year's + made − repealed, per row: items that took effect
    without being made this year, minus those that lapsed (失效) without being repealed, minus those made
    but not in force at the year's end, plus those repealed that were not in force a year before. The
    continuity check allows exactly this; anything else means the figures were not counted alike."""
    made, repealed = made_in(year), repealed_in(year)
    now, before = in_force_on(date(year, 12, 31)), in_force_on(date(year - 1, 12, 31))
    terms = {"entered": now & ~before & ~made, "left": before & ~now & ~repealed,
             "made_out": made & ~now, "repealed_out": repealed & ~before}
    kinds = catalog_rows()
    counts = catalog_items(agency).aggregate(**{f"{row}_{term}": Count("pk", filter=kind & when)
                                               for row, kind in kinds.items() for term, when in terms.items()})
    return {row: counts[f"{row}_entered"] - counts[f"{row}_left"] - counts[f"{row}_made_out"]
            + counts[f"{row}_repealed_out"] for row in kinds}


def part_two(agency, year: int) -> dict:
    kinds, columns = catalog_rows(), catalog_columns(year)
    counts = catalog_items(agency).aggregate(**{f"{row}_{column}": Count("pk", filter=kind & when)
                                               for row, kind in kinds.items() for column, when in columns.items()})
    return {
        "art20_1": {row: {column: counts[f"{row}_{column}"] for column in columns} for row in kinds},
        "art20_5": {"licensing": {"decisions": None}},
        "art20_6": {"penalty": {"decisions": None}, "coercion": {"decisions": None}},
        "art20_8": {"fees": {"amount_10k_yuan": None}},
    }
