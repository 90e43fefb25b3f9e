"""Demo service catalog: full 办事指南 for the departments of the four pilot counties and a few provincial
departments. Needs zhengwu.orgs.demo.load_agencies() first; topics come from migration 0003. Idempotent:
a matter whose code exists is left as it is (an editor may have changed it).

Codes follow the local format of cn-norms §4.1: 10-char 主体编码 (6-digit division code + "00" + two
department letters) - type code - 4-digit serial, e.g. 43012100MZ-QR-0001.
"""

from collections import Counter

from django.db import transaction

from zhengwu.orgs.demo import PILOT_COUNTY_CODES
from zhengwu.orgs.models import Agency
from zhengwu.services.models import MaterialRequirement as Mat
from zhengwu.services.models import Matter, SpecialProcedure, Topic

COUNTY_DEPARTMENT_LETTERS = {"xzspj": "SP", "scjgj": "SJ", "mzj": "MZ", "rsj": "RS", "gaj": "GA", "zrzyj": "ZR"}
PROVINCIAL_DEPARTMENT_LETTERS = {"amr": "SJ", "mzt": "MZ", "rst": "RS", "zrzyt": "ZR", "jtt": "JT", "wjw": "WJ"}
WINDOWS = {"xzspj": "市场准入和工程建设审批窗口", "scjgj": "市场监管综合窗口", "mzj": "社会事务窗口",
           "rsj": "人力资源和社会保障窗口", "gaj": "公安户政窗口", "zrzyj": "不动产登记和自然资源窗口"}
COUNTY_HOURS = "工作日上午8:30—12:00，下午14:30—17:30（10月1日至次年4月30日下午14:00—17:00），法定节假日除外"
PROVINCE_HOURS = "工作日上午9:00—12:00，下午13:30—17:00，法定节假日除外"

ORIG, C, E, B = Mat.Form.ORIGINAL, Mat.Form.COPY, Mat.Form.ELECTRONIC, Mat.Form.ORIGINAL_AND_COPY
XK, QR, JF, GG, BA, QT = "XK", "QR", "JF", "GG", "BA", "QT"

# Material lines: (name, form, copies, required, source, note).
ID_CARD = ("申请人居民身份证", B, 1, True, "公安机关核发", "现场核验原件；网上申请的上传电子证照或扫描件")
HOUSEHOLD = ("居民户口簿", ORIG, 1, True, "公安机关核发", "现场核验")
AGENT = ("授权委托书及受托人居民身份证", B, 1, False, "申请人自备", "委托他人代为办理的提交")
LICENSE = ("营业执照", C, 1, True, "市场监督管理部门核发", "", "可通过电子营业执照共享获取")
PARTIES_ID = ("申请人身份证明（自然人为居民身份证，法人为营业执照和法定代表人身份证明）", B, 1, True,
              "申请人自备", "")
AUTH = ("家庭经济状况核对授权书", ORIG, 1, True, "申请人及共同生活家庭成员签字", "")
FAMILY_IDS = ("共同生活家庭成员的居民身份证和户口簿", B, 1, True, "公安机关核发", "")

PUBLICITY = ("审核结果公示", 5, "《最低生活保障审核确认办法》：在申请家庭所在村（社区）公示七天", False, False)
EXPERT = ("专家评审", 10, "《中华人民共和国行政许可法》第四十五条", False, False)
BASIS_REALTY = "《中华人民共和国民法典》第二百零九条至第二百二十三条\n《不动产登记暂行条例》\n《不动产登记暂行条例实施细则》"
FEE_REALTY = ("住宅类：每件80元\n非住宅类：每件550元\n每增加一本不动产权属证书加收证书工本费10元",
              "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）\n"
              "《财政部 国家发展改革委关于不动产登记收费有关政策问题的通知》（财税〔2016〕79号）", 550)
ONLINE_PLACE = "湖南政务服务网（全程网办），或{hall}{window}"


def field(name, label, required=True, help=""):
    spec = {"name": name, "label": label, "required": required}
    if help:
        spec["help"] = help
    return spec


# One entry per matter each pilot county offers; "dept" is the county department's slug.
# stat/prom: 法定/承诺办结时限 (工作日); kind "i" 即办件, "p" 承诺件; fee: (标准, 依据, 上限) or None.
COUNTY_MATTERS = [
    dict(dept="xzspj", name="食品经营许可", type=XK, aud="company",
         topics=["shichangzhunru", "kaibanqiye", "jingyingzhunying"],
         basis="《中华人民共和国食品安全法》第三十五条\n《中华人民共和国行政许可法》\n"
               "《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）",
         cond="1. 具有与经营的食品品种、数量相适应的食品原料处理和食品加工、销售、贮存等场所，并与有毒、有害场所"
              "以及其他污染源保持规定的距离；\n2. 具有与经营的食品品种、数量相适应的经营设备或者设施；\n"
              "3. 有专职或者兼职的食品安全管理人员和保证食品安全的规章制度；\n"
              "4. 具有合理的设备布局和工艺流程，防止待加工食品与直接入口食品、原料与成品交叉污染；\n"
              "5. 法律、法规规定的其他条件。",
         process="申请：通过湖南政务服务网或窗口提交申请\n受理：材料齐全、符合法定形式的当场受理\n"
                 "审查：书面审查，需要现场核查的进行现场核查\n决定：作出准予或者不予许可的决定\n"
                 "发证：核发《食品经营许可证》（电子证书与纸质证书具有同等法律效力）",
         kind="p", stat=10, prom=5, iss=5, visits=0, depth=4, result="食品经营许可证",
         faq="问：仅销售预包装食品需要办理食品经营许可吗？\n答：不需要，在取得营业执照后办理食品经营备案即可。\n"
             "问：食品经营许可证的有效期是多久？\n答：有效期为5年，期满需要继续经营的，应在届满前90个工作日至"
             "15个工作日期间申请延续。",
         mats=[("食品经营许可申请书", ORIG, 1, True, "申请人填写", "可在线填写，窗口提供空白表格"), LICENSE,
               ("与食品经营相适应的主要设备设施、经营布局、操作流程等文件", ORIG, 1, True, "申请人自备", ""),
               ("食品安全管理制度目录及食品安全管理人员名单", ORIG, 1, True, "申请人自备", ""), AGENT],
         procs=[("现场核查", 5, "《食品经营许可和备案管理办法》", False, True)],
         form=[field("shop_name", "经营者名称（店招）"), field("address", "经营场所地址"),
               field("items", "经营项目", help="如：预包装食品销售、热食类食品制售、冷食类食品制售")]),
    dict(dept="xzspj", name="公司设立登记", type=XK, aud="company", topics=["shichangzhunru", "kaibanqiye"],
         basis="《中华人民共和国公司法》\n《中华人民共和国市场主体登记管理条例》\n"
               "《中华人民共和国市场主体登记管理条例实施细则》",
         cond="1. 公司名称经自主申报，符合《企业名称登记管理规定》；\n2. 有限责任公司全体股东认缴的出资额由股东按照"
              "公司章程的规定自公司成立之日起五年内缴足；\n3. 股东共同制定公司章程；\n4. 有公司住所；\n"
              "5. 有符合公司法规定的组织机构。",
         process="名称自主申报\n提交设立登记申请\n登记机关形式审查\n核准登记\n"
                 "发放营业执照（同步领取电子营业执照，可一并办理印章刻制、发票申领、社保登记）",
         kind="p", stat=3, prom=1, iss=1, visits=0, depth=4, result="营业执照",
         faq="问：注册资本需要一次缴足吗？\n答：不需要。有限责任公司全体股东认缴的出资额应当按照公司章程的规定"
             "自公司成立之日起五年内缴足。\n问：营业执照可以邮寄吗？\n答：可以，申请时选择免费邮寄即可。",
         mats=[("公司登记（备案）申请书", ORIG, 1, True, "申请人填写", "全体股东签署"),
               ("公司章程", ORIG, 1, True, "申请人自备", "全体股东签署"),
               ("股东的主体资格文件或者自然人身份证明", C, 1, True, "申请人自备", ""),
               ("法定代表人、董事、监事和高级管理人员的任职文件和身份证明", C, 1, True, "申请人自备", ""),
               ("住所（经营场所）使用证明", C, 1, True, "申请人自备", "不动产权证书或租赁合同"), AGENT],
         procs=[],
         form=[field("company_name", "公司名称"), field("registered_capital", "注册资本（万元）"),
               field("business_scope", "经营范围", help="按《经营范围规范表述目录》选择填写")]),
    dict(dept="xzspj", name="个体工商户设立登记", type=XK, aud="person", topics=["shichangzhunru", "kaibanqiye"],
         basis="《促进个体工商户发展条例》\n《中华人民共和国市场主体登记管理条例》",
         cond="1. 有经营能力的自然人或者家庭；\n2. 有固定的经营场所；\n3. 经营范围不属于法律、行政法规禁止"
              "经营的项目。",
         process="申请\n受理\n审查\n当场登记\n发放营业执照", kind="i", stat=3, prom=1, iss=1, visits=0, depth=4,
         result="营业执照",
         faq="问：个体工商户一定要起字号吗？\n答：不是必须的，可以不使用名称。\n问：可以转变为企业吗？\n"
             "答：可以，个体工商户可以直接变更经营者或者转型为企业，按规定办理变更登记。",
         mats=[("个体工商户登记（备案）申请书", ORIG, 1, True, "申请人填写", ""), ID_CARD,
               ("经营场所使用证明", C, 1, True, "申请人自备", "房屋产权证明或租赁协议")],
         procs=[],
         form=[field("trade_name", "个体工商户名称", required=False, help="可以不起字号名称"),
               field("address", "经营场所"), field("business_scope", "经营范围")]),
    dict(dept="xzspj", name="公共场所卫生许可", type=XK, aud="company",
         topics=["yiliaoweisheng", "jingyingzhunying"],
         basis="《公共场所卫生管理条例》\n《公共场所卫生管理条例实施细则》",
         cond="适用于宾馆、美容美发、沐浴、游泳场所等仍需卫生许可的公共场所：\n1. 选址、设计、装修符合国家相关"
              "标准和规范；\n2. 有卫生管理制度和专（兼）职卫生管理人员；\n3. 从业人员持有有效健康合格证明；\n"
              "4. 卫生检测或评价结果符合国家卫生标准和卫生要求。",
         process="申请\n受理\n现场审查\n决定\n发证", kind="p", stat=20, prom=5, visits=1, depth=3,
         result="公共场所卫生许可证",
         faq="问：饭馆、咖啡馆需要办理公共场所卫生许可吗？\n答：不需要，按照国务院取消下放行政许可事项的决定，"
             "饭馆、咖啡馆、酒吧、茶座等已不再办理公共场所卫生许可。",
         mats=[("公共场所卫生许可申请表", ORIG, 1, True, "申请人填写", ""), LICENSE,
               ("场所地址方位示意图、平面图和卫生设施平面布局图", ORIG, 1, True, "申请人自备", ""),
               ("公共场所卫生检测或者评价报告", ORIG, 1, True, "有资质的检测机构出具", ""),
               ("从业人员健康合格证明", C, 1, True, "医疗卫生机构出具", "")],
         procs=[("卫生检测", 10, "《中华人民共和国行政许可法》第四十五条", True, False)],
         form=[field("venue_name", "场所名称"), field("venue_type", "场所类别", help="宾馆、美容美发、沐浴、游泳场所等"),
               field("area", "营业面积（平方米）", required=False)]),
    dict(dept="scjgj", name="食品经营备案（仅销售预包装食品）", type=BA, aud="company",
         topics=["shichangzhunru", "jingyingzhunying"],
         basis="《中华人民共和国食品安全法》第三十五条\n《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）",
         cond="仅销售预包装食品的食品经营者，在取得营业执照后办理备案。", process="提交备案信息\n当场备案\n公开备案信息",
         kind="i", stat=1, prom=1, iss=1, visits=0, depth=4, result="食品经营备案编号",
         faq="问：备案后经营项目变化怎么办？\n答：增加散装食品、热食类等项目的，应当依法申请食品经营许可。",
         mats=[("仅销售预包装食品备案信息采集表", ORIG, 1, True, "申请人填写", ""), LICENSE],
         procs=[], form=[field("shop_name", "经营者名称"), field("address", "经营场所地址")]),
    dict(dept="scjgj", name="食品生产加工小作坊登记", type=QT, aud="both",
         topics=["shichangzhunru", "jingyingzhunying"],
         basis="《中华人民共和国食品安全法》第三十六条\n《湖南省食品生产加工小作坊小餐饮和食品摊贩管理条例》",
         cond="1. 有固定的生产加工场所，与有毒、有害场所保持规定距离；\n2. 有与生产加工食品相适应的设备设施；\n"
              "3. 从业人员持有有效健康证明；\n4. 不生产加工条例禁止小作坊生产的食品。",
         process="申请\n受理\n现场核查\n决定\n发证", kind="p", stat=15, prom=10, visits=1, depth=2,
         result="食品小作坊登记证", faq="问：登记证有效期多久？\n答：按照本省条例和登记证载明的有效期执行，期满前申请延续。",
         mats=[("食品小作坊登记申请书", ORIG, 1, True, "申请人填写", ""), LICENSE,
               ("生产加工场所平面图和工艺流程图", ORIG, 1, True, "申请人自备", ""),
               ("从业人员健康证明", C, 1, True, "医疗卫生机构出具", "")],
         procs=[("现场核查", 5, "《湖南省食品生产加工小作坊小餐饮和食品摊贩管理条例》", False, True)], form=[]),
    dict(dept="mzj", name="结婚登记", type=QR, aud="person", topics=["hunyin", "jiehun"],
         basis="《中华人民共和国民法典》第一千零四十六条至第一千零四十九条\n《婚姻登记条例》",
         cond="1. 男女双方完全自愿；\n2. 男方年满二十二周岁，女方年满二十周岁；\n3. 双方均无配偶；\n"
              "4. 双方不是直系血亲或者三代以内旁系血亲；\n5. 双方亲自到婚姻登记机关共同申请。",
         process="预约（湖南政务服务网或现场取号）\n双方共同到场提出申请\n查验证件，当事人签署声明\n"
                 "婚姻登记员询问、审查\n当场登记，颁发结婚证（可选择颁证仪式）",
         kind="i", stat=1, prom=1, iss=1, visits=1, depth=2, result="结婚证",
         place="{county}民政局婚姻登记处（{hall}）",
         faq="问：需要带户口簿吗？\n答：不需要。内地居民办理结婚登记提交本人的居民身份证和签字声明即可，"
             "可在全国范围内任一婚姻登记机关办理。\n问：可以委托他人代办吗？\n答：不可以，必须双方亲自到场。",
         mats=[("双方本人的居民身份证", ORIG, 1, True, "公安机关核发", ""),
               ("本人无配偶以及与对方没有直系血亲和三代以内旁系血亲关系的签字声明", ORIG, 1, True,
                "现场填写", "在婚姻登记员面前签署"),
               ("双方近期半身免冠合影照片", ORIG, 3, True, "申请人自备", "2寸，红色背景；现场可拍摄")],
         procs=[], form=[]),
    dict(dept="mzj", name="离婚登记", type=QR, aud="person", topics=["hunyin"],
         basis="《中华人民共和国民法典》第一千零七十六条至第一千零七十八条\n《婚姻登记条例》",
         cond="1. 男女双方自愿离婚；\n2. 双方签订书面离婚协议，对子女抚养、财产以及债务处理等事项协商一致；\n"
              "3. 双方均具有完全民事行为能力；\n4. 结婚登记在中国内地办理。",
         process="双方共同到场申请，提交离婚协议\n受理并出具《离婚登记申请受理回执单》\n离婚冷静期（三十日）\n"
                 "冷静期届满后三十日内双方亲自到场申请发给离婚证\n审查并当场登记，发给离婚证",
         kind="i", stat=1, prom=1, iss=1, visits=2, depth=2, result="离婚证",
         place="{county}民政局婚姻登记处（{hall}）",
         faq="问：冷静期内可以撤回申请吗？\n答：可以。自婚姻登记机关收到离婚登记申请之日起三十日内，任何一方不愿意"
             "离婚的，可以向婚姻登记机关撤回申请。",
         mats=[("双方本人的居民身份证", ORIG, 1, True, "公安机关核发", ""), ("双方本人的结婚证", ORIG, 1, True,
               "婚姻登记机关核发", ""), ("双方共同签署的离婚协议书", ORIG, 3, True, "申请人自备", "")],
         procs=[("离婚冷静期（自受理之日起三十日）", 22,
                 "《中华人民共和国民法典》第一千零七十七条", False, False)], form=[]),
    dict(dept="mzj", name="最低生活保障审核确认", type=JF, aud="person",
         topics=["minzhengjiuzhu", "shenghuokunnan"],
         basis="《社会救助暂行办法》第二章\n《最低生活保障审核确认办法》（民发〔2021〕57号）",
         cond="1. 持有当地常住户口；\n2. 共同生活的家庭成员人均收入低于当地最低生活保障标准；\n"
              "3. 家庭财产状况符合当地有关规定。",
         process="申请：向户籍所在地乡镇人民政府（街道办事处）提出，也可委托村（居）民委员会代为提出\n受理\n"
                 "家庭经济状况调查：入户调查、邻里访问、信息核对\n乡镇（街道）提出审核意见并在村（社区）公示\n"
                 "县级民政部门审核确认\n公布结果，自批准之月起发放最低生活保障金",
         kind="p", stat=30, prom=20, visits=1, depth=2, result="最低生活保障审核确认决定",
         place="户籍所在地乡镇人民政府（街道办事处）社会救助窗口，或{hall}{window}",
         faq="问：最低生活保障金从什么时候开始发放？\n答：自审核确认批准之月起发放。\n问：可以在居住地申请吗？\n"
             "答：共同生活的家庭成员户籍所在地不在同一省的，可以由其中一个户籍所在地与经常居住地一致的家庭成员"
             "向其户籍所在地提出申请。",
         mats=[("最低生活保障申请书", ORIG, 1, True, "申请人填写", "乡镇（街道）窗口提供空白表格"), FAMILY_IDS, AUTH,
               ("家庭收入和财产状况的有关证明材料", C, 1, True, "申请人自备", ""),
               ("残疾证、疾病诊断证明等", C, 1, False, "有关部门出具", "家庭成员有残疾、重病的提交")],
         procs=[("家庭经济状况信息核对", 5, "《社会救助暂行办法》", False, True), PUBLICITY], form=[]),
    dict(dept="mzj", name="特困人员认定", type=JF, aud="person", topics=["minzhengjiuzhu", "shenghuokunnan"],
         basis="《社会救助暂行办法》第三章\n《特困人员认定办法》（民发〔2021〕43号）",
         cond="同时具备以下条件的老年人、残疾人和未满十六周岁的未成年人：\n1. 无劳动能力；\n2. 无生活来源；\n"
              "3. 无法定赡养、抚养、扶养义务人，或者其法定义务人无履行义务能力。",
         process="申请\n乡镇（街道）受理、调查核实\n审核意见公示\n县级民政部门审核确认\n发放基本生活费和照料护理费",
         kind="p", stat=30, prom=20, visits=1, depth=2, result="特困人员救助供养证",
         place="户籍所在地乡镇人民政府（街道办事处）社会救助窗口，或{hall}{window}",
         faq="问：特困人员可以选择集中供养吗？\n答：可以，具备生活自理能力的可以选择在家分散供养或到敬老院集中供养。",
         mats=[("特困人员救助供养申请书", ORIG, 1, True, "申请人填写", "本人申请有困难的，可委托村（居）民委员会代为提出"),
               ID_CARD, HOUSEHOLD, ("残疾证或者医疗机构出具的诊断证明", C, 1, False, "有关部门出具", ""), AUTH],
         procs=[PUBLICITY], form=[]),
    dict(dept="mzj", name="临时救助", type=JF, aud="person", topics=["minzhengjiuzhu", "shenghuokunnan"],
         basis="《社会救助暂行办法》第十章\n《国务院关于全面建立临时救助制度的通知》（国发〔2014〕47号）",
         cond="因火灾、交通事故等意外事件，家庭成员突发重大疾病等原因，导致基本生活暂时出现严重困难的家庭或者个人；"
              "因生活必需支出突然增加超出家庭承受能力，导致基本生活暂时出现严重困难的最低生活保障家庭；"
              "遭遇其他特殊困难的家庭或者个人。",
         process="申请（情况紧急的可先行救助，事后补办手续）\n乡镇（街道）受理、调查核实\n公示（急难型救助可免于公示）\n"
                 "县级民政部门审批（小额救助可由乡镇审批）\n发放救助金或者实物",
         kind="p", stat=10, prom=5, visits=1, depth=2, result="临时救助金（或实物）",
         place="户籍所在地或经常居住地乡镇人民政府（街道办事处）社会救助窗口，或{hall}{window}",
         faq="问：不是本地户籍可以申请吗？\n答：可以。对非本地户籍的生活困难人员，由经常居住地或者急难发生地"
             "乡镇（街道）受理。",
         mats=[("临时救助申请书", ORIG, 1, True, "申请人填写", ""), ID_CARD,
               ("导致困难的相关证明", C, 1, True, "有关部门出具", "如医疗费用票据、事故证明、火灾证明等")],
         procs=[], form=[]),
    dict(dept="mzj", name="困难残疾人生活补贴和重度残疾人护理补贴", type=JF, aud="person",
         topics=["canjiren", "minzhengjiuzhu", "shenghuokunnan"],
         basis="《中华人民共和国残疾人保障法》\n"
               "《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》（国发〔2015〕52号）",
         cond="生活补贴：持有第二代《中华人民共和国残疾人证》的最低生活保障家庭中的残疾人；\n"
              "护理补贴：残疾等级被评定为一级、二级且需要长期照护的重度残疾人。",
         process="申请：网上或向户籍所在地乡镇（街道）提出\n乡镇（街道）受理、初审\n县残疾人联合会审核\n"
                 "县民政局审定\n按月发放补贴至社会保障卡",
         kind="p", stat=20, prom=15, visits=1, depth=3, result="补贴审定结果通知",
         place="户籍所在地乡镇人民政府（街道办事处）或{hall}{window}",
         faq="问：两项补贴可以同时申领吗？\n答：同时符合条件的残疾人可以同时申领生活补贴和护理补贴。\n"
             "问：可以跨省申请吗？\n答：可以通过全国一体化政务服务平台“跨省通办”提交申请。",
         mats=[("残疾人两项补贴申请审批表", ORIG, 1, True, "申请人填写", ""),
               ("第二代《中华人民共和国残疾人证》", B, 1, True, "残疾人联合会核发", ""), ID_CARD,
               ("社会保障卡或者银行账户信息", C, 1, True, "申请人自备", "用于发放补贴")],
         procs=[],
         form=[field("disability_cert_no", "残疾人证号"),
               field("subsidy_kind", "申请补贴类别", help="生活补贴、护理补贴，或两项都申请")]),
    dict(dept="rsj", name="失业保险金申领", type=JF, aud="person",
         topics=["shehuibaozhang", "jiuyechuangye", "jiuye"],
         basis="《中华人民共和国社会保险法》第四十五条至第五十一条\n《失业保险条例》\n《失业保险金申领发放办法》",
         cond="1. 失业前用人单位和本人已经缴纳失业保险费满一年；\n2. 非因本人意愿中断就业；\n"
              "3. 已经进行失业登记，并有求职要求。",
         process="网上申请（湖南政务服务网、湖南智慧人社）或窗口申请\n经办机构核实参保缴费和失业情况\n"
                 "核定待遇，按月发放失业保险金，并代缴失业期间基本医疗保险费",
         kind="p", stat=10, prom=3, visits=0, depth=4, result="失业保险待遇核定结果",
         faq="问：领取失业保险金期间找到工作了怎么办？\n答：重新就业的，停止领取失业保险金，应及时告知经办机构。",
         mats=[ID_CARD, ("社会保障卡", C, 1, False, "人力资源社会保障部门核发", "用于发放待遇"),
               ("解除或者终止劳动关系的证明", C, 1, False, "原用人单位出具", "系统可核验的，无需提交")],
         procs=[],
         form=[field("last_employer", "原工作单位"), field("separation_date", "解除（终止）劳动关系日期",
                                                          help="格式：2026-01-31"),
               field("reason", "失业原因", required=False)]),
    dict(dept="rsj", name="就业创业证申领", type=GG, aud="person", topics=["jiuyechuangye", "jiuye"],
         basis="《中华人民共和国就业促进法》\n《就业服务与就业管理规定》",
         cond="法定劳动年龄内、有劳动能力和就业要求的城乡劳动者，以及有需要的高校毕业生、农民工等。",
         process="申请\n审核\n发证（同步生成电子就业创业证）", kind="i", stat=1, prom=1, iss=1, visits=0, depth=4,
         result="就业创业证（电子证）",
         faq="问：就业创业证有什么用？\n答：用于记录就业失业状态，申请就业创业扶持政策时作为凭证。",
         mats=[ID_CARD, ("近期免冠照片", E, 1, False, "申请人自备", "白色背景电子照片")], procs=[],
         form=[field("employment_status", "就业状态", help="失业、灵活就业、自主创业等"),
               field("education", "最高学历", required=False)]),
    dict(dept="rsj", name="城乡居民基本养老保险参保登记", type=GG, aud="person", topics=["shehuibaozhang"],
         basis="《中华人民共和国社会保险法》第二十条至第二十二条\n"
               "《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）",
         cond="年满16周岁（不含在校学生），非国家机关和事业单位工作人员及不属于职工基本养老保险制度覆盖范围的"
              "城乡居民，可以在户籍地参加城乡居民基本养老保险。",
         process="申请\n核验身份和参保状态\n登记\n按年选择缴费档次缴费", kind="i", stat=1, prom=1, iss=1,
         visits=0, depth=4, result="参保登记信息",
         faq="问：缴费档次可以调整吗？\n答：可以，每年可以按本县公布的缴费档次重新选择一次。",
         mats=[("居民身份证或者居民户口簿", B, 1, True, "公安机关核发", ""),
               ("城乡居民基本养老保险参保登记表", ORIG, 1, True, "申请人填写", "网上申请的在线填写")], procs=[],
         form=[field("contribution_level", "缴费档次", help="按本县公布的年缴费档次选择"),
               field("hukou_address", "户籍地址")]),
    dict(dept="rsj", name="企业职工基本养老保险待遇申领", type=JF, aud="person",
         topics=["shehuibaozhang", "tuixiu"],
         basis="《中华人民共和国社会保险法》第十六条\n"
               "《全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定》",
         cond="1. 达到法定退休年龄；\n2. 累计缴费满最低缴费年限（自2030年起由15年逐步提高至20年）。",
         process="单位或者个人提出申请\n社会保险经办机构审核参保缴费记录和人事档案\n核定基本养老金\n"
                 "按月发放基本养老金",
         kind="p", stat=20, prom=10, visits=1, depth=3, result="基本养老金核定表",
         faq="问：缴费不满最低年限怎么办？\n答：可以按规定延长缴费至满最低缴费年限后按月领取基本养老金。",
         mats=[ID_CARD, ("社会保障卡", C, 1, True, "人力资源社会保障部门核发", ""),
               ("本人人事档案", ORIG, 1, True, "单位或者档案保管机构提供", "灵活就业人员由档案保管机构提供"),
               ("基本养老保险待遇申领表", ORIG, 1, True, "申请人填写", "")], procs=[],
         form=[field("employer", "最后参保单位"), field("retire_date", "申请退休日期", help="格式：2026-06-30")]),
    dict(dept="gaj", name="居民身份证申领、换领、补领", type=QR, aud="person", topics=["huji", "shangxue"],
         basis="《中华人民共和国居民身份证法》",
         cond="居住在中华人民共和国境内的中国公民；未满十六周岁的，由监护人代为申请，可以申请领取居民身份证。",
         process="申请：户籍所在地或者异地受理点提出申请\n采集人像和指纹信息\n受理并出具受理回执\n"
                 "制证\n领证（可选择邮寄送达）",
         kind="p", stat=40, prom=20, visits=1, depth=2, result="中华人民共和国居民身份证",
         fee=("首次申领、有效期满换领：每证20元\n丢失补领、损坏换领：每证40元\n临时居民身份证：每证10元\n"
              "城乡最低生活保障对象等按规定减免", "《国家发展改革委 财政部关于第二代居民身份证收费标准等有关"
              "问题的通知》（发改价格〔2003〕2322号）", 40),
         place="{county}公安局户政服务窗口（{hall}），或各派出所户籍窗口",
         faq="问：多长时间可以领证？\n答：《居民身份证法》规定自受理之日起六十日内发放；本县承诺20个工作日内办结。\n"
             "问：未满十六周岁可以办理吗？\n答：可以，由监护人陪同办理，有效期为5年。",
         mats=[HOUSEHOLD, ("原居民身份证", ORIG, 1, False, "公安机关核发", "换领时交回"),
               ("监护人居民身份证", ORIG, 1, False, "公安机关核发", "未满十六周岁的由监护人陪同并提交"),
               ("人像照片", E, 1, True, "现场采集", "符合居民身份证照片标准")], procs=[], form=[]),
    dict(dept="gaj", name="户口迁移（迁入）", type=XK, aud="person", topics=["huji", "qianju", "zhiye"],
         basis="《中华人民共和国户口登记条例》第十条\n《国务院关于进一步推进户籍制度改革的意见》（国发〔2014〕25号）",
         cond="在本县城镇有合法稳定住所（含租赁）或者合法稳定就业的人员，及其共同居住生活的配偶、子女、父母；"
              "投靠亲属等其他情形按本县户口迁移政策办理。",
         process="网上或者窗口提出迁入申请\n审核\n准予迁入\n迁出地与迁入地联网办理迁出、迁入（跨省通办）\n"
                 "户口登记，签发户口簿",
         kind="p", stat=20, prom=5, visits=1, depth=3, result="准予迁入证明及户口登记",
         place="{county}公安局户政服务窗口（{hall}），或拟迁入地派出所户籍窗口",
         faq="问：还需要回迁出地开具迁移证吗？\n答：省内迁移和实行“跨省通办”的，无需回迁出地，由迁入地一站办理。",
         mats=[HOUSEHOLD, ID_CARD,
               ("合法稳定住所或者就业证明", C, 1, True, "申请人自备", "不动产权证书、租赁合同或劳动合同等"),
               ("亲属关系证明", C, 1, False, "申请人自备", "投靠亲属的提交")], procs=[],
         form=[field("move_from", "原户籍地址"), field("move_to", "拟迁入地址"),
               field("reason", "迁移事由", help="购房、就业、投靠亲属、升学等")]),
    dict(dept="gaj", name="出生登记", type=QR, aud="person", topics=["huji", "chusheng"],
         basis="《中华人民共和国户口登记条例》第七条",
         cond="婴儿出生后一个月以内，由户主、亲属、抚养人或者邻居向婴儿常住地户口登记机关申报出生登记。",
         process="网上申请（“出生一件事”联办）或者窗口申请\n核验出生医学证明\n登记户口\n签发户口簿户口页",
         kind="i", stat=1, prom=1, iss=1, visits=1, depth=3, result="居民户口簿（新生儿户口页）",
         place="{county}公安局户政服务窗口（{hall}），或父（母）户籍所在地派出所",
         faq="问：超过一个月才申报怎么办？\n答：仍可申报，按规定补充说明情况后办理。",
         mats=[("出生医学证明", ORIG, 1, True, "助产医疗机构签发", ""),
               ("父母双方居民身份证", B, 1, True, "公安机关核发", ""), ("父（母）居民户口簿", ORIG, 1, True,
                                                                  "公安机关核发", "随父或者随母落户的户口簿"),
               ("父母结婚证", C, 1, False, "婚姻登记机关核发", "")], procs=[],
         form=[field("child_name", "新生儿姓名"), field("birth_date", "出生日期", help="格式：2026-03-01"),
               field("birth_cert_no", "出生医学证明编号")]),
    dict(dept="gaj", name="死亡人员户口注销", type=QR, aud="person", topics=["huji", "shenhoushi"],
         basis="《中华人民共和国户口登记条例》第八条",
         cond="公民死亡，城市在葬前，农村在一个月以内，由户主、亲属、抚养人或者邻居向户口登记机关申报死亡登记，"
              "注销户口。",
         process="申报\n核验死亡证明\n注销户口\n出具户口注销证明", kind="i", stat=1, prom=1, iss=1, visits=1, depth=2,
         result="户口注销证明", place="{county}公安局户政服务窗口（{hall}），或死者户籍所在地派出所",
         faq="问：注销户口后还需要办理哪些事？\n答：可在同一窗口了解社保待遇停发、丧葬补助金申领、不动产继承等"
             "“身后一件事”联办事项。",
         mats=[("居民死亡医学证明（推断）书或者公安机关出具的死亡证明", ORIG, 1, True, "医疗机构或公安机关出具", ""),
               ("死者居民户口簿", ORIG, 1, True, "公安机关核发", ""),
               ("死者居民身份证", ORIG, 1, False, "公安机关核发", "无法交回的说明原因"),
               ("申报人居民身份证", B, 1, True, "公安机关核发", "")], procs=[], form=[]),
    dict(dept="zrzyj", name="国有建设用地使用权及房屋所有权首次登记", type=QR, aud="both",
         topics=["budongchan", "zhiye"], basis=BASIS_REALTY,
         cond="依法取得国有建设用地使用权并建成房屋，房屋已经竣工验收。",
         process="申请\n受理\n审核（查验材料，必要时实地查看）\n公告（依法应当公告的）\n登簿\n缮证、发证",
         kind="p", stat=30, prom=5, visits=1, depth=3, result="不动产权证书", fee=FEE_REALTY,
         faq="问：不动产登记需要多长时间？\n答：法定时限为自受理之日起30个工作日，本县承诺5个工作日办结"
             "（公告期不计算在内）。",
         mats=[("不动产登记申请书", ORIG, 1, True, "申请人填写", ""), PARTIES_ID,
               ("土地权属来源证明", C, 1, True, "自然资源部门核发", ""),
               ("建设工程符合规划的材料及竣工验收材料", C, 1, True, "有关部门出具", ""),
               ("房地产调查或者测绘报告", ORIG, 1, True, "测绘单位出具", "")],
         procs=[("首次登记公告", 15, "《不动产登记暂行条例实施细则》第十七条", False, False)],
         form=[field("property_location", "不动产坐落"), field("unit_no", "不动产单元号", required=False)]),
    dict(dept="zrzyj", name="不动产转移登记（存量房买卖）", type=QR, aud="both", topics=["budongchan", "zhiye"],
         basis=BASIS_REALTY, cond="已经登记的不动产因买卖发生所有权转移，买卖双方共同申请。",
         process="网上申请或者“一窗受理”（登记、交易、税务同窗办理）\n受理\n审核\n登簿\n缮证、发证",
         kind="p", stat=30, prom=3, visits=1, depth=3, result="不动产权证书", fee=FEE_REALTY,
         faq="问：税费在哪里缴纳？\n答：在不动产登记“一窗受理”窗口一并缴纳，无需另跑税务窗口。",
         mats=[("不动产登记申请书", ORIG, 1, True, "申请人填写", "买卖双方共同签署"), PARTIES_ID,
               ("不动产权属证书", ORIG, 1, True, "不动产登记机构核发", ""),
               ("存量房买卖合同", ORIG, 1, True, "申请人自备", "可网签"),
               ("完税凭证", C, 1, True, "税务部门出具", "同一窗口办理，无需申请人另行提交")], procs=[],
         form=[field("property_location", "不动产坐落"), field("cert_no", "原不动产权证书号"),
               field("transfer_reason", "转移原因", help="买卖、赠与、继承等")]),
    dict(dept="zrzyj", name="不动产抵押登记", type=QR, aud="both", topics=["budongchan"], basis=BASIS_REALTY,
         cond="以已经登记的不动产设定抵押，抵押人和抵押权人共同申请。",
         process="银行网点或者网上提交申请（“不动产登记+金融服务”）\n受理\n审核\n登簿\n发放不动产登记证明（电子证明）",
         kind="p", stat=30, prom=3, visits=0, depth=4, result="不动产登记证明（抵押权）",
         fee=("住宅类：每件80元\n非住宅类：每件550元\n小微企业（含个体工商户）申请抵押登记的免收",
              FEE_REALTY[1], 550),
         faq="问：可以在银行直接办理吗？\n答：可以，已开通“不动产登记+金融服务”的银行网点可以直接提交申请。",
         mats=[("不动产登记申请书", ORIG, 1, True, "申请人填写", ""), PARTIES_ID,
               ("不动产权属证书", ORIG, 1, True, "不动产登记机构核发", ""),
               ("抵押合同和主债权合同", ORIG, 1, True, "申请人自备", "")], procs=[],
         form=[field("property_location", "不动产坐落"), field("cert_no", "不动产权证书号"),
               field("mortgagee", "抵押权人（银行名称）")]),
    dict(dept="zrzyj", name="建设工程规划许可证核发", type=XK, aud="company",
         topics=["guihuajianshe", "gongchengjianshe"],
         basis="《中华人民共和国城乡规划法》第四十条\n《湖南省实施〈中华人民共和国城乡规划法〉办法》",
         cond="1. 已取得建设用地规划许可证或者国有土地使用权证明；\n2. 建设工程设计方案符合控制性详细规划和"
              "规划条件；\n3. 法律、法规规定的其他条件。",
         process="申请\n受理\n审查设计方案\n批前公示\n决定\n核发建设工程规划许可证",
         kind="p", stat=20, prom=10, visits=1, depth=3, result="建设工程规划许可证",
         faq="问：设计方案需要专家评审吗？\n答：重大项目需要组织专家评审，评审时间不计算在办理时限内。",
         mats=[("建设工程规划许可申请表", ORIG, 1, True, "申请人填写", ""),
               ("使用土地的有关证明文件", C, 1, True, "自然资源部门核发", ""),
               ("建设工程设计方案（总平面图、各层平面图、立面图、剖面图）", ORIG, 2, True, "设计单位编制", ""), AGENT],
         procs=[EXPERT, ("批前公示", 7, "《湖南省实施〈中华人民共和国城乡规划法〉办法》", False, False)],
         form=[field("project_name", "项目名称"), field("project_location", "建设地点"),
               field("floor_area", "总建筑面积（平方米）")]),
    dict(dept="zrzyj", name="乡村建设规划许可证核发", type=XK, aud="person", topics=["guihuajianshe", "zhiye"],
         basis="《中华人民共和国城乡规划法》第四十一条\n《中华人民共和国土地管理法》第六十二条",
         cond="在乡、村庄规划区内进行农村村民住宅建设，符合乡规划、村庄规划，已取得宅基地批准文件。",
         process="向乡镇人民政府提出申请\n乡镇审查、现场踏勘\n报县自然资源局审批\n核发乡村建设规划许可证\n"
                 "放线、验线",
         kind="p", stat=20, prom=10, visits=1, depth=2, result="乡村建设规划许可证",
         place="建设地乡镇人民政府（街道办事处），或{hall}{window}",
         faq="问：农村建房需要先办哪个手续？\n答：先申请宅基地批准，再申请乡村建设规划许可，取得许可后方可开工。",
         mats=[("农村村民建房申请表", ORIG, 1, True, "申请人填写", ""), ID_CARD, HOUSEHOLD,
               ("宅基地批准文件", C, 1, True, "乡镇人民政府核发", ""),
               ("建房设计图或者选用的通用图", ORIG, 1, True, "申请人自备", "")],
         procs=[("现场踏勘（放线、验线）", 3, "《中华人民共和国城乡规划法》第四十一条", False, True)], form=[]),
]

# Provincial departments (slug under "hunan").
PROVINCIAL_MATTERS = [
    dict(dept="amr", name="特殊食品（保健食品）生产许可", type=XK, aud="company", topics=["shichangzhunru"],
         basis="《中华人民共和国食品安全法》第三十五条\n《食品生产许可管理办法》（国家市场监督管理总局令第24号）",
         cond="1. 具有与生产的食品品种、数量相适应的生产场所和设备设施；\n2. 有专职或者兼职的食品安全专业技术人员、"
              "食品安全管理人员和保证食品安全的规章制度；\n3. 保健食品生产工艺有原料提取、纯化等前处理工序的，"
              "具备与生产的品种、数量相适应的原料前处理设备或者设施。",
         process="申请\n受理\n材料审查\n现场核查\n决定\n发证", kind="p", stat=20, prom=15, iss=5, visits=1, depth=3,
         result="食品生产许可证",
         faq="问：现场核查多长时间完成？\n答：核查人员应当自接受现场核查任务之日起10个工作日内完成，计入办理时限。",
         mats=[("食品生产许可申请书", ORIG, 1, True, "申请人填写", ""), LICENSE,
               ("食品生产加工场所及其周围环境平面图、各功能区间布局平面图、工艺设备布局图和食品生产工艺流程图", ORIG, 1,
                True, "申请人自备", ""), ("食品生产主要设备、设施清单", ORIG, 1, True, "申请人自备", ""),
               ("保健食品注册证书或者备案凭证", C, 1, True, "国家或省级市场监管部门核发", "")],
         procs=[("现场核查", 10, "《食品生产许可管理办法》", False, True)],
         form=[field("producer_name", "生产者名称"), field("product_category", "食品类别"),
               field("production_address", "生产地址")]),
    dict(dept="amr", name="工业产品生产许可证核发（省级发证产品）", type=XK, aud="company",
         topics=["shichangzhunru", "zizhirenzheng"],
         basis="《中华人民共和国工业产品生产许可证管理条例》\n《工业产品生产许可证管理条例实施办法》",
         cond="1. 有营业执照；\n2. 有与所生产产品相适应的专业技术人员、生产条件和检验检疫手段；\n"
              "3. 有保证产品质量的管理制度和责任制度；\n4. 产品符合有关国家标准、行业标准以及保障人体健康和人身、"
              "财产安全的要求。",
         process="网上申请\n受理\n产品检验（企业自主选择检验机构）\n决定\n发证（电子证书）",
         kind="p", stat=20, prom=10, visits=0, depth=4, result="全国工业产品生产许可证",
         faq="问：可以先取得许可证后核查吗？\n答：省级发证产品实行“告知承诺”的，企业作出承诺后可当场取证，"
             "之后接受后置现场审查。",
         mats=[("工业产品生产许可证申请书", E, 1, True, "申请人在线填写", ""), LICENSE,
               ("产品检验报告", E, 1, True, "检验机构出具", "")],
         procs=[("产品检验", 15, "《中华人民共和国行政许可法》第四十五条", True, False)],
         form=[field("product_name", "产品名称"), field("production_address", "生产地址")]),
    dict(dept="mzt", name="内地居民与外国人、港澳台居民婚姻登记", type=QR, aud="person",
         topics=["hunyin", "jiehun"], basis="《中华人民共和国民法典》婚姻家庭编\n《婚姻登记条例》",
         cond="1. 男女双方完全自愿；\n2. 达到法定婚龄；\n3. 双方均无配偶；\n4. 双方不是直系血亲或者三代以内"
              "旁系血亲；\n5. 双方亲自到省民政厅确定的婚姻登记机关共同申请。",
         process="预约\n双方共同到场申请\n查验证件和证明材料\n询问、审查\n当场登记，颁发结婚证",
         kind="i", stat=1, prom=1, iss=1, visits=1, depth=2, result="结婚证",
         place="湖南省民政厅确定的涉外婚姻登记机关",
         faq="问：外国当事人的无配偶证明需要认证吗？\n答：需经中华人民共和国驻该国使（领）馆认证，或者按照"
             "《取消外国公文书认证要求的公约》办理附加证明书。",
         mats=[("内地居民的居民身份证", ORIG, 1, True, "公安机关核发", ""),
               ("外国当事人的护照或者其他国际旅行证件；港澳台居民的有效通行证件和身份证件", B, 1, True,
                "当事人自备", ""),
               ("外国当事人所在国出具的本人无配偶证明", ORIG, 1, True, "所在国公证机构或者有权机关出具",
                "经认证或者附加证明书"),
               ("双方近期半身免冠合影照片", ORIG, 3, True, "申请人自备", "2寸，红色背景")], procs=[], form=[]),
    dict(dept="rst", name="技工学校设立审批", type=XK, aud="company", topics=["jiaoyu"],
         basis="《中华人民共和国职业教育法》\n《中华人民共和国民办教育促进法》\n《中华人民共和国行政许可法》第四十二条",
         cond="有组织机构和章程，有合格的教师和管理人员，有与办学规模相适应的固定场地、设施设备和办学经费，"
              "符合技工学校设置标准。",
         process="申请\n受理\n材料审查\n专家评审（实地考察）\n决定\n印发批准文件", kind="p", stat=20, prom=15,
         visits=1, depth=2, result="准予设立技工学校的批准文件",
         faq="问：专家评审时间计入审批时限吗？\n答：不计入，依照《行政许可法》第四十五条，专家评审所需时间"
             "书面告知申请人。",
         mats=[("设立技工学校申请书", ORIG, 1, True, "举办者填写", ""), ("举办者资格证明文件", C, 1, True,
                                                                     "举办者自备", ""),
               ("学校章程和发展规划", ORIG, 1, True, "举办者自备", ""),
               ("办学场地、设施设备和资产来源证明", C, 1, True, "举办者自备", ""),
               ("拟任校长和教师情况", ORIG, 1, True, "举办者自备", "")],
         procs=[("专家评审（实地考察）", 15, "《中华人民共和国行政许可法》第四十五条", False, False)], form=[]),
    dict(dept="rst", name="企业年金方案备案", type=BA, aud="company", topics=["shehuibaozhang"],
         basis="《企业年金办法》（人力资源社会保障部 财政部令第36号）",
         cond="依法参加企业职工基本养老保险并履行缴费义务，企业年金方案经职工代表大会或者全体职工讨论通过。",
         process="网上提交备案材料\n审查\n出具备案函", kind="p", stat=10, prom=5, visits=0, depth=4,
         result="企业年金方案备案函",
         faq="问：方案变更需要重新备案吗？\n答：需要，方案重要条款变更的，应当报送变更后的方案备案。",
         mats=[("企业年金方案", E, 1, True, "企业自备", ""),
               ("职工代表大会或者全体职工讨论通过的决议", E, 1, True, "企业自备", ""),
               ("企业年金方案备案表", E, 1, True, "企业在线填写", "")], procs=[],
         form=[field("company_name", "企业名称"), field("plan_name", "企业年金方案名称"),
               field("members", "拟参加职工人数", required=False)]),
    dict(dept="zrzyt", name="测绘资质审批（乙级）", type=XK, aud="company", topics=["zizhirenzheng"],
         basis="《中华人民共和国测绘法》第二十七条\n《测绘资质管理办法》",
         cond="1. 具有法人资格；\n2. 有与从事的测绘活动相适应的专业技术人员；\n3. 有与从事的测绘活动相适应的技术装备"
              "和设施；\n4. 有健全的技术和质量保证体系、安全保障措施、信息安全保密管理制度以及测绘成果和资料档案"
              "管理制度。",
         process="网上申请\n受理\n审查（必要时专家评审）\n决定\n核发电子资质证书", kind="p", stat=20, prom=15,
         visits=0, depth=4, result="测绘资质证书（电子证照）",
         faq="问：资质证书有效期多久？\n答：有效期为5年。",
         mats=[("测绘资质申请表", E, 1, True, "申请人在线填写", ""), LICENSE,
               ("专业技术人员身份证明和职称证书", E, 1, True, "申请人自备", ""),
               ("仪器设备检定证书", E, 1, True, "检定机构出具", "")], procs=[EXPERT],
         form=[field("company_name", "单位名称"), field("specialty", "申请专业类别"),
               field("grade", "申请等级", help="乙级")]),
    dict(dept="jtt", name="超限运输车辆行驶公路许可（跨省）", type=XK, aud="both", topics=["jiaotongchuxing"],
         basis="《中华人民共和国公路法》第五十条\n《公路安全保护条例》第三十五条、第三十六条\n"
               "《超限运输车辆行驶公路管理规定》",
         cond="运载不可解体物品，车货总体的外廓尺寸、总质量超过国家规定标准，确需行驶公路的，应当依法申请。",
         process="通过全国互联网道路运输便民政务服务系统申请\n受理\n审查（需要技术评估的组织评估）\n决定\n"
                 "签发电子通行证",
         kind="p", stat=15, prom=2, visits=0, depth=4, result="超限运输车辆通行证",
         faq="问：通行证可以按行驶路线自行改变吗？\n答：不可以，应当按照许可的时间、路线、速度行驶。",
         mats=[("公路超限运输申请表", E, 1, True, "申请人在线填写", ""),
               ("车辆行驶证", C, 1, True, "公安机关交通管理部门核发", ""),
               ("车辆驾驶人驾驶证", C, 1, True, "公安机关交通管理部门核发", ""),
               ("货物照片", E, 1, True, "申请人自备", "")],
         procs=[("公路技术评估（加固、改造方案论证）", 10, "《超限运输车辆行驶公路管理规定》", False, False)],
         form=[field("vehicle_plate", "车牌号码"), field("cargo", "货物名称"), field("route", "通行路线")]),
    dict(dept="wjw", name="医师执业注册", type=XK, aud="person", topics=["yiliaoweisheng", "jiuye"],
         basis="《中华人民共和国医师法》\n《医师执业注册管理办法》",
         cond="取得医师资格，拟在医疗、预防、保健机构中执业，且无《医师法》规定不予注册的情形。",
         process="网上申请（电子化注册系统）\n受理\n审核\n准予注册\n发放电子证照", kind="p", stat=20, prom=3, visits=0,
         depth=4, result="医师执业证书（电子证照）",
         faq="问：变更执业地点需要重新注册吗？\n答：在同一省内变更执业机构的，办理变更注册即可。",
         mats=[("医师执业注册申请审核表", E, 1, True, "申请人在线填写", ""),
               ("近6个月内2寸白底免冠正面半身照片", E, 1, True, "申请人自备", ""),
               ("拟执业机构的聘用证明", E, 1, True, "医疗卫生机构出具", ""),
               ("近6个月内的健康体检证明", E, 1, True, "医疗机构出具", "")], procs=[],
         form=[field("institution", "拟执业机构"), field("category", "执业类别", help="临床、中医、口腔、公共卫生"),
               field("scope", "执业范围")]),
]


def _code(subject, matter_type, serials):
    serials[(subject, matter_type)] += 1
    return f"{subject}-{matter_type}-{serials[(subject, matter_type)]:04d}"


def _create(entry, agency, code, topics, *, place_name, hall, window, hours):
    """One matter with its materials and special procedures; an existing code is left untouched."""
    if Matter.objects.filter(code=code).exists():
        return False
    place = entry.get("place", "{hall}{window}").format(county=place_name, hall=hall, window=window)
    fee = entry.get("fee")
    matter = Matter.objects.create(
        agency=agency, code=code, name=entry["name"], matter_type=entry["type"], audience=entry["aud"],
        legal_basis=entry["basis"], conditions=entry["cond"], process=entry["process"],
        case_kind=Matter.CaseKind.IMMEDIATE if entry["kind"] == "i" else Matter.CaseKind.PROMISED,
        statutory_workdays=entry["stat"], promised_workdays=entry["prom"], acceptance_workdays=entry.get("acc", 5),
        issuance_workdays=entry.get("iss", 10), charged=fee is not None,
        fee_standard=fee[0] if fee else "", fee_basis=fee[1] if fee else "", fee_limit=fee[2] if fee else 0,
        place=place, hours=hours, visits=entry["visits"], online_depth=entry["depth"],
        consult_channel=f"{hall}咨询台；12345政务服务便民热线；湖南政务服务网本事项“我要咨询”",
        complaint_channel=f"12345政务服务便民热线；湖南政务服务网“好差评”；{hall}投诉受理窗口",
        result_name=entry["result"], faq=entry["faq"], form_fields=entry["form"])
    Mat.objects.bulk_create([
        Mat(matter=matter, name=name, form=form, copies=copies, required=required, source=source, note=note,
            exemption=exemption[0] if exemption else "", order=order)
        for order, (name, form, copies, required, source, note, *exemption) in enumerate(entry["mats"], start=1)])
    SpecialProcedure.objects.bulk_create([
        SpecialProcedure(matter=matter, name=name, workdays=days, basis=basis, charged=charged,
                         counts_toward_limit=counts)
        for name, days, basis, charged, counts in entry["procs"]])
    matter.topics.set([topics[slug] for slug in entry["topics"] if slug in topics])
    return True


@transaction.atomic
def load_catalog_demo(stdout=None):
    """Create the demo catalog; returns (created, existing). Missing agencies are reported and skipped."""
    def say(message):
        if stdout:
            stdout.write(message)

    topics = {topic.slug: topic for topic in Topic.objects.all()}
    serials = Counter()
    created = existing = 0
    for division_code in PILOT_COUNTY_CODES:
        county = Agency.objects.filter(kind=Agency.Kind.GOVERNMENT, division__code=division_code).first()
        if county is None:
            say(f"未找到区划 {division_code} 的县级人民政府，跳过（请先运行 zhengwu.orgs.demo.load_agencies）。")
            continue
        place_name = county.division.name
        departments = {agency.slug: agency for agency in county.get_children()}
        hall = f"{place_name}政务服务中心"
        for entry in COUNTY_MATTERS:
            agency = departments.get(entry["dept"])
            if agency is None:
                say(f"{place_name}没有 {entry['dept']} 部门，跳过“{entry['name']}”。")
                continue
            subject = f"{division_code}00{COUNTY_DEPARTMENT_LETTERS[entry['dept']]}"
            made = _create(entry, agency, _code(subject, entry["type"], serials), topics, place_name=place_name,
                           hall=hall, window=WINDOWS[entry["dept"]], hours=COUNTY_HOURS)
            created, existing = created + made, existing + (not made)
    province = Agency.get_root_nodes().filter(slug="hunan").first()
    departments = {agency.slug: agency for agency in province.get_children()} if province else {}
    for entry in PROVINCIAL_MATTERS:
        agency = departments.get(entry["dept"])
        if agency is None:
            say(f"没有省直部门 {entry['dept']}，跳过“{entry['name']}”。")
            continue
        subject = f"43000000{PROVINCIAL_DEPARTMENT_LETTERS[entry['dept']]}"
        made = _create(entry, agency, _code(subject, entry["type"], serials), topics, place_name="湖南省",
                       hall="湖南省政务服务中心", window=f"{agency.name.removeprefix('湖南省')}窗口",
                       hours=PROVINCE_HOURS)
        created, existing = created + made, existing + (not made)
    say(f"政务服务事项：新建 {created} 项，已存在 {existing} 项。")
    return created, existing
