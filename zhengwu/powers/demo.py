"""Demo power lists of three provincial departments (市场监管局, 生态环境厅, 交通运输厅): licensing and penalty
powers with their legal basis and responsibilities, reform changes over the years (one power cancelled, one
delegated to the cities), and the discretion benchmarks of the penalty powers. A second run does nothing."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from zhengwu.orgs.demo import by_slug_path
from zhengwu.orgs.models import Agency

from .models import Adjustment, ChangeKind, Circumstance, Effect, Grade, Power, PowerChange, PowerType

RESPONSIBILITIES = ("1.受理责任：公示依法应当提交的材料，一次性告知补正材料，依法受理或不予受理。\n"
                    "2.审查责任：对申请材料进行审查，提出意见。\n3.决定责任：作出决定，法定告知。\n"
                    "4.送达责任：制作并送达文书，信息公开。\n5.事后监管责任：加强监督检查。")
PENALTY_RESPONSIBILITIES = ("1.立案责任：发现违法行为，予以审查，决定是否立案。\n2.调查责任：全面、客观、公正调查取证。\n"
                            "3.审查责任：审查案件事实、证据、依据、程序。\n4.告知责任：告知当事人陈述、申辩和听证的权利。\n"
                            "5.决定责任：依法作出处罚决定。\n6.送达责任：依法送达。\n7.执行责任：依法执行。")
ACCOUNTABILITY = ("因不履行或不正确履行行政职责，有下列情形的，依法追究相应责任：对符合条件的不予办理或者不在法定期限内"
                  "作出决定的；对不符合条件的违法办理的；违反法定程序的；办理过程中滥用职权、玩忽职守、徇私舞弊的；"
                  "其他违反法律法规规章规定的行为。")

# (department slug, code, type, name, legal basis, [(kind, decided_on, document, note)], circumstances)
POWERS = [
    ("amr", "430000-XK-0101", PowerType.LICENSING, "食品生产许可",
     "《中华人民共和国食品安全法》第三十五条第一款：国家对食品生产经营实行许可制度。从事食品生产、食品销售、餐饮服务，应当依法取得许可。",
     [(ChangeKind.ADDED, date(2019, 6, 1), "湘政发〔2019〕12号", ""),
      (ChangeKind.ADJUSTED, date(2024, 3, 1), "湘政发〔2024〕5号", "审批时限由20个工作日压减为10个工作日。")], []),
    ("amr", "430000-XK-0102", PowerType.LICENSING, "重要工业产品生产许可（部分产品）",
     "《中华人民共和国工业产品生产许可证管理条例》第二条。",
     [(ChangeKind.ADDED, date(2019, 6, 1), "湘政发〔2019〕12号", ""),
      (ChangeKind.CANCELLED, date(2024, 7, 1), "湘政发〔2024〕18号", "取消审批，改为强制性产品认证管理。")], []),
    ("amr", "430000-CF-0201", PowerType.PENALTY, "对未取得食品生产经营许可从事食品生产经营活动的行政处罚",
     "《中华人民共和国食品安全法》第一百二十二条第一款：违反本法规定，未取得食品生产经营许可从事食品生产经营活动，……"
     "没收违法所得和违法生产经营的食品以及用于违法生产经营的工具、设备、原料等物品；违法生产经营的食品货值金额不足一万元的，"
     "并处五万元以上十万元以下罚款；货值金额一万元以上的，并处货值金额十倍以上二十倍以下罚款。",
     [(ChangeKind.ADDED, date(2019, 6, 1), "湘政发〔2019〕12号", "")],
     [("F1", "首次违法，货值金额不足一千元，及时改正", Grade.MINOR, "没收违法所得和违法食品，并处五万元以上六万五千元以下罚款", 50000, 65000),
      ("F2", "货值金额一千元以上不足一万元", Grade.ORDINARY, "没收违法所得和违法食品，并处六万五千元以上八万五千元以下罚款", 65000, 85000),
      ("F3", "一年内因同类违法行为受过处罚，或拒不配合调查", Grade.SERIOUS, "没收违法所得和违法食品，并处八万五千元以上十万元以下罚款", 85000, 100000),
      ("F4", "货值金额一万元以上", Grade.GRAVE, "没收违法所得和违法食品，并处货值金额十倍以上二十倍以下罚款", None, None)]),
    ("sthjt", "430000-XK-0301", PowerType.LICENSING, "排污许可证核发（省级）",
     "《排污许可管理条例》第二条、第六条。",
     [(ChangeKind.ADDED, date(2021, 3, 1), "湘政发〔2021〕4号", "")], []),
    ("sthjt", "430000-CF-0401", PowerType.PENALTY, "对超过大气污染物排放标准排放大气污染物的行政处罚",
     "《中华人民共和国大气污染防治法》第九十九条：违反本法规定，有下列行为之一的，由县级以上人民政府生态环境主管部门"
     "责令改正或者限制生产、停产整治，并处十万元以上一百万元以下的罚款；……（二）超过大气污染物排放标准或者超过重点"
     "大气污染物排放总量控制指标排放大气污染物的。",
     [(ChangeKind.ADDED, date(2019, 6, 1), "湘政发〔2019〕12号", "")],
     [("E1", "首次超标，超标倍数不足0.1倍，当日改正且未造成危害后果", Grade.EXEMPT, "不予行政处罚，责令改正并予以教育", None, None),
      ("G1", "超标倍数不足0.1倍", Grade.ORDINARY, "责令改正，并处十万元以上三十万元以下罚款", 100000, 300000),
      ("G2", "超标倍数0.1倍以上不足1倍", Grade.SERIOUS, "责令改正或者限制生产，并处三十万元以上六十万元以下罚款", 300000, 600000),
      ("G3", "超标倍数1倍以上，或在重污染天气预警期间超标排放", Grade.GRAVE, "责令停产整治，并处六十万元以上一百万元以下罚款", 600000, 1000000)]),
    ("jtt", "430000-XK-0501", PowerType.LICENSING, "道路旅客运输经营许可（省际）",
     "《中华人民共和国道路运输条例》第十条。",
     [(ChangeKind.ADDED, date(2019, 6, 1), "湘政发〔2019〕12号", ""),
      (ChangeKind.DELEGATED, date(2025, 1, 1), "湘政发〔2024〕30号", "下放至市州交通运输主管部门实施。")], []),
    ("jtt", "430000-CF-0601", PowerType.PENALTY, "对未取得道路运输经营许可擅自从事道路运输经营的行政处罚",
     "《中华人民共和国道路运输条例》第六十三条：违反本条例的规定，未取得道路运输经营许可，擅自从事道路运输经营的，"
     "由县级以上地方人民政府交通运输主管部门责令停止经营；有违法所得的，没收违法所得，处违法所得2倍以上10倍以下的罚款；"
     "没有违法所得或者违法所得不足2万元的，处3万元以上10万元以下的罚款。",
     [(ChangeKind.ADDED, date(2019, 6, 1), "湘政发〔2019〕12号", ""),
      (ChangeKind.KEPT, date(2024, 3, 1), "湘政发〔2024〕5号", "清单清理后保留。")],
     [("T1", "没有违法所得，首次被查处", Grade.MINOR, "责令停止经营，处三万元以上五万元以下罚款", 30000, 50000),
      ("T2", "违法所得不足2万元", Grade.ORDINARY, "责令停止经营，没收违法所得，处五万元以上八万元以下罚款", 50000, 80000),
      ("T3", "拒不停止经营或逃避检查", Grade.SERIOUS, "责令停止经营，没收违法所得，处八万元以上十万元以下罚款", 80000, 100000),
      ("T4", "违法所得2万元以上", Grade.GRAVE, "责令停止经营，没收违法所得，处违法所得2倍以上10倍以下罚款", None, None)]),
]


PUNISHMENT_LAW = "《中华人民共和国行政处罚法》"
# (power code, [(code, label, effect, share, clause)]): the benchmark's 从轻/减轻/从重/不予处罚 conditions.
ADJUSTMENTS = {
    "430000-CF-0201": [
        ("L1", "主动消除或者减轻违法行为危害后果", Effect.LIGHTER, 30, f"{PUNISHMENT_LAW}第三十二条第（一）项：应当从轻处罚"),
        ("M1", "受他人胁迫或者诱骗实施违法行为", Effect.MITIGATED, 30, f"{PUNISHMENT_LAW}第三十二条第（二）项：应当减轻处罚"),
        ("H1", "违法生产经营的食品以婴幼儿、学生等特定人群为主要消费对象", Effect.HEAVIER, 30,
         "《湖南省市场监管行政处罚裁量权基准》总则：从重处罚，在幅度上限以下30%内裁量"),
    ],
    "430000-CF-0401": [
        ("L1", "配合生态环境主管部门查处违法行为有立功表现", Effect.LIGHTER, 30, f"{PUNISHMENT_LAW}第三十二条第（四）项：应当从轻处罚"),
        ("H1", "重污染天气预警期间超标排放", Effect.HEAVIER, 30, "《湖南省生态环境行政处罚裁量基准》：从重处罚"),
    ],
    "430000-CF-0601": [
        ("N1", "初次违法且危害后果轻微并及时改正", Effect.EXEMPT, 0, f"{PUNISHMENT_LAW}第三十三条第一款：可以不予行政处罚"),
    ],
}


@transaction.atomic
def load_powers_demo() -> int:
    """The demo power lists; returns how many powers were made (0 when they exist already)."""
    if Power.objects.exists():
        return 0
    made = 0
    for slug, code, power_type, name, basis, changes, circumstances in POWERS:
        try:
            agency = by_slug_path(f"hunan/{slug}")
        except Agency.DoesNotExist:
            continue
        power = Power.objects.create(code=code, agency=agency, power_type=power_type)
        body = f"{agency.name}（内设处室具体承办）"
        for kind, decided_on, document, note in changes:
            PowerChange.objects.create(
                power=power, kind=kind, decided_on=decided_on, document=document, note=note, name=name,
                legal_basis=basis, implementing_body=body, accountability=ACCOUNTABILITY,
                responsibilities=PENALTY_RESPONSIBILITIES if power_type == PowerType.PENALTY else RESPONSIBILITIES)
        for position, (fact, label, grade, range_text, low, high) in enumerate(circumstances):
            Circumstance.objects.create(
                power=power, code=fact, label=label, grade=grade, range_text=range_text, position=position,
                fine_min=None if low is None else Decimal(low), fine_max=None if high is None else Decimal(high),
                rule=f"《{agency.name}行政处罚裁量权基准》{code} 第{position + 1}项：{label}的，{range_text}。")
        for position, (fact, label, effect, share, rule) in enumerate(ADJUSTMENTS.get(code, [])):
            Adjustment.objects.create(power=power, code=fact, label=label, effect=effect, share=share, rule=rule,
                                      position=position)
        made += 1
    return made
