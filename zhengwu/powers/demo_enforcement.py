"""The demo's power operation beside the lists: flowcharts of two powers and one internal chart, enforcement
bases, 市场监管局's decisions recorded and published by its officer through the actions (one still inside its
双公示 period, one fine below the benchmark with its reason), and a 案卷评查 score. A second run does nothing."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from zhengwu.orgs.demo import DEMO_ACCOUNTS, ensure_account
from zhengwu.timelimits import calendar
from zhengwu.timelimits.bands import workday_back

from .decisions.actions import publish_decision, record_decision
from .flowcharts.actions import save_flowchart
from .models import CaseFileReview, EnforcementBasis, Flowchart, PartyKind, Power

END = "结束"
LICENSING_STEPS = [
    ("1", "申请", "申请人（网上或窗口提交）", "", []),
    ("2", "受理", "政务服务窗口", "5个工作日", [("材料齐全、符合法定形式", "3"), ("材料不全，一次性告知补正", "1"),
                                          ("不属于许可范围", END)]),
    ("3", "审查", "食品生产监管处", "5个工作日", [("需要现场核查", "4"), ("书面审查通过", "5")]),
    ("4", "现场核查", "核查组（2名以上执法人员）", "5个工作日", []),
    ("5", "决定", "分管局领导", "2个工作日", [("准予许可", "6"), ("不予许可，说明理由并告知救济途径", END)]),
    ("6", "送达和公示", "政务服务窗口", "10个工作日（送达）；7个工作日（双公示）", []),
]
PENALTY_STEPS = [
    ("1", "立案", "执法机构负责人", "发现线索之日起15个工作日", [("符合立案条件", "2"), ("不予立案", END)]),
    ("2", "调查取证", "两名以上执法人员", "", []),
    ("3", "审查", "法制审核机构", "", [("事实清楚、证据确凿", "4"), ("需要补充调查", "2")]),
    ("4", "告知", "执法机构", "陈述申辩3日；申请听证5日", [("当事人申请听证", "5"), ("未申请听证", "6")]),
    ("5", "听证", "听证主持人", "", []),
    ("6", "决定", "机关负责人（重大案件集体讨论）", "立案之日起90日", [("作出处罚决定", "7"), ("不予处罚", END)]),
    ("7", "送达", "执法机构", "7日", []),
    ("8", "执行和公示", "执法机构", "双公示7个工作日", []),
]
INTERNAL_STEPS = [
    ("1", "经办人填报", "业务处室经办人", "", []),
    ("2", "处室负责人审核", "处室负责人", "2个工作日", [("5万元以下", "4"), ("5万元以上", "3")]),
    ("3", "分管领导审批", "分管局领导", "3个工作日", []),
    ("4", "财务审核", "财务处", "2个工作日", [("符合规定", "5"), ("不符合规定，退回", "1")]),
    ("5", "支付", "财务处出纳", "", []),
]
BASES = [
    ("amr", "中华人民共和国食品安全法", "全国人民代表大会常务委员会", "2021-04-29",
     "第三十五条（食品生产经营许可）、第一百二十二条（未取得许可从事食品生产经营的法律责任）。"),
    ("amr", "中华人民共和国行政处罚法", "全国人民代表大会常务委员会", "2021-07-15",
     "第三十二条（从轻、减轻处罚）、第三十三条（不予处罚）、第四十八条（行政处罚决定信息公开）。"),
    ("sthjt", "中华人民共和国大气污染防治法", "全国人民代表大会常务委员会", "2018-10-26",
     "第九十九条（超标排放大气污染物的法律责任）。"),
]


def _chart(agency, title, rows, power=None, actor=None):
    chart = Flowchart(agency=agency, power=power, title=title)
    steps = [{"key": key, "name": name, "actor": who, "time_limit": limit,
              "branches": [{"label": label, "to": to} for label, to in branches]}
             for key, name, who, limit, branches in rows]
    return save_flowchart(chart, actor, steps)


@transaction.atomic
def load_enforcement_demo() -> int:
    """Returns how many decisions were recorded (0 when the demo's enforcement data exists already)."""
    food = Power.objects.filter(code="430000-XK-0101").select_related("agency").first()
    penalty = Power.objects.filter(code="430000-CF-0201").select_related("agency").first()
    if food is None or penalty is None or Flowchart.objects.exists():
        return 0
    officer, amr = ensure_account(*next(row for row in DEMO_ACCOUNTS if row[0] == "amr_enforcer"))
    admin, _ = ensure_account(*next(row for row in DEMO_ACCOUNTS if row[0] == "amr_admin"))
    _chart(amr, "食品生产许可办理流程图", LICENSING_STEPS, food, admin)
    _chart(amr, "行政处罚（一般程序）流程图", PENALTY_STEPS, penalty, admin)
    _chart(amr, "财务支出审批流程图", INTERNAL_STEPS, None, admin)
    for position, (slug, title, issuer, effective, articles) in enumerate(BASES):
        agency = Power.objects.filter(agency__slug=slug).values_list("agency", flat=True).first()
        if agency:
            EnforcementBasis.objects.create(agency_id=agency, title=title, issuer=issuer, effective_on=effective,
                                            articles=articles, position=position, filed_by=admin)
    CaseFileReview.objects.create(agency=amr, year=timezone.localdate().year - 1, reviewer="湖南省司法厅",
                                  files_reviewed=30, excellent=9, failed=1, score="91.50",
                                  findings="个别案卷证据目录不完整；1件案卷未载明裁量理由。",
                                  reviewed_on=timezone.localdate() - timedelta(days=200), filed_by=admin)
    today, cal = timezone.localdate(), calendar.current()
    day = lambda n: workday_back(today, n, cal)  # noqa: E731
    made = [
        (record_decision(officer, power=food, document_number="湘食生许〔2026〕118号", party_kind=PartyKind.ORGANISATION,
                         party_name="湖南湘味食品有限公司", credit_code="91430100MA4L000001", representative="李建国",
                         content="准予食品生产许可：糕点（热加工糕点）、速冻食品。许可证编号 SC11143010000118。",
                         basis="《中华人民共和国食品安全法》第三十五条", decided_on=day(12),
                         valid_from=day(12), valid_until=day(12).replace(year=day(12).year + 5)), day(9)),
        (record_decision(officer, power=penalty, document_number="湘市监罚〔2026〕21号", party_kind=PartyKind.ORGANISATION,
                         party_name="长沙某某餐饮管理有限公司", credit_code="91430100MA4L000002", representative="王五",
                         content="未取得食品经营许可从事餐饮服务，货值金额3200元。没收违法所得1800元，罚款七万元。",
                         basis="《中华人民共和国食品安全法》第一百二十二条第一款", decided_on=day(10), facts=["F2"],
                         fine="70000", confiscated="1800"), day(6)),
        (record_decision(officer, power=penalty, document_number="湘市监罚〔2026〕25号", party_kind=PartyKind.PERSON,
                         party_name="张小明", id_number="430102199001011234",
                         content="张小明未取得许可在长沙市芙蓉区从事食品生产，货值金额600元，首次违法且及时改正；"
                                 "联系电话13812345678。罚款五万元。",
                         basis="《中华人民共和国食品安全法》第一百二十二条第一款", decided_on=day(8), facts=["F1"],
                         fine="50000"), day(4)),
        (record_decision(officer, power=penalty, document_number="湘市监罚〔2026〕27号", party_kind=PartyKind.SOLE_TRADER,
                         party_name="长沙市开福区某某食品作坊", credit_code="92430105MA4L000003",
                         content="未取得许可从事食品生产，货值金额4000元；当事人主动消除危害后果。罚款五万元。",
                         basis="《中华人民共和国食品安全法》第一百二十二条第一款；《中华人民共和国行政处罚法》第三十二条",
                         decided_on=day(5), facts=["F2"], fine="50000",
                         departure_reason="当事人主动消除违法行为危害后果，依行政处罚法第三十二条从轻处罚。"), None),
    ]
    for decision, published_on in made:
        if published_on is not None:
            publish_decision(decision, officer, on=published_on)
    return len(made)
