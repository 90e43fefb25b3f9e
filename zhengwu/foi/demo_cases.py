"""The demo's script: the requests, outcomes and complaints of a year at the demo agencies, as data that
`foi.demo` plays through the real actions (the cast is zhengwu.demo.people)."""

from dataclasses import dataclass, field

# --- cases ---------------------------------------------------------------------------------------

@dataclass
class Case:
    agency: str
    title: str
    description: str
    outcome: str = ""           # table 三 row of an answered or closed request
    flow: str = "answer"        # answer | lapse_correction | lapse_fee | open
    state: str = ""             # for open requests: due_soon | overdue | extended | correction | consulting | fee | new
    doc: str = ""
    purpose: str = ""
    applicant: str = "person"   # person | a key of ORGANISATIONS | "person:<key>" for a repeat applicant
    org: int = 0
    channel: str = ""           # online | in_person | post | plain_letter | fax (chosen when empty)
    age: int = 0                # working days from receipt to today (chosen when 0)
    reply: dict = field(default_factory=dict)
    correction: tuple = ()      # (items, supplied or "" for none)
    consult: tuple = ()         # (party kind, party, question, opinion, reply)
    fee_pages: int = 0
    extension: str = ""         # approved | refused
    returned: str = ""          # a reviewer's note sending the first draft back
    late: bool = False
    draft_only: str = ""        # open requests: pending | returned | approved
    remedies: list = field(default_factory=list)  # [(kind, result, note)]
    label: str = ""             # to refer to this request from a complaint or a repeat


def c(agency, title, description, outcome="", **extra):
    if extra.get("state"):
        extra.setdefault("flow", "open")
    return Case(agency, title, description, outcome, **extra)


HOW = {
    "email": "本机关于本告知书送达之日通过电子邮件将所申请的政府信息电子版发送至您预留的电子邮箱",
    "online": "您可凭申请编号和查询码登录本机关门户网站“依申请公开”栏目下载所申请的政府信息电子版",
    "post": "本机关将所申请政府信息的纸质复印件随本告知书一并邮寄至您填写的通信地址",
    "pickup": "请您于收到本告知书之日起10个工作日内，持有效身份证件到本机关政务公开办公室领取所申请政府信息的纸质复印件",
}

ANSWERED = [
    # 湖南省财政厅 ------------------------------------------------------------------------------
    c("czt", "2026年省级部门“三公”经费预算", "省级部门2026年“三公”经费预算总额及因公出国（境）费、公务用车购置及运行费、"
      "公务接待费分项数据", "r1", purpose="了解省级财政支出情况"),
    c("czt", "湖南省财政厅2025年度部门决算", "省财政厅本级2025年度部门决算报表及说明，包括“三公”经费决算情况", "r1",
      channel="in_person"),
    c("czt", "关于下达2026年中央财政衔接推进乡村振兴补助资金预算的通知", "该文件正文及分市县资金分配表",
      "r1", doc="湘财预〔2026〕8号", applicant="research", fee_pages=86, purpose="课题研究"),
    c("czt", "2025年省级制造业高质量发展专项资金项目名单", "第一批、第二批入选项目名单及各项目补助金额", "r1",
      applicant="commercial", org=1, extension="approved"),
    c("czt", "2025年新增地方政府专项债券安排情况", "2025年新增专项债券分地区、分项目的额度和资金投向", "r1",
      applicant="research", org=0),
    c("czt", "全省财政电子票据管理系统升级改造项目政府采购合同", "该项目的政府采购合同文本，含合同金额、履约期限和验收要求",
      "r1", applicant="commercial", org=3, late=True, label="late"),
    c("czt", "2025年省级预算绩效评价报告（乡村振兴专项）", "省财政厅委托第三方开展的乡村振兴专项资金绩效评价报告全文",
      "r1", applicant="research", channel="post", returned="请写明提供的具体文件名称和页数。"),
    c("czt", "2025年省级财政对长沙县一般性转移支付明细", "2025年省级财政下达长沙县的一般性转移支付分项目金额", "r1",
      applicant="person:liujianjun", age=215, label="liu_original"),
    c("czt", "2025年省级政府采购项目中标结果汇总", "2025年省本级政府采购公开招标项目的中标供应商及中标金额汇总", "r1",
      applicant="commercial", org=2, extension="refused"),
    c("czt", "2025年省级就业补助资金分配表", "2025年省级就业补助资金分市县分配表", "r1", channel="in_person",
      correction=("请写明所需资金的年度及具体资金名称（如就业补助资金、职业技能提升行动资金）",
                  "2025年度省级就业补助资金分市县分配表")),
    c("czt", "省直机关政府采购代理机构选择项目投标文件", "某采购代理机构选择项目中各投标人的投标文件及评标报告",
      "r2", applicant="commercial", org=0,
      consult=("third_party", "湖南某招标代理有限公司", "是否同意公开贵公司投标文件中的报价明细和人员资料",
               "object", "报价明细和项目人员资料涉及商业秘密，不同意公开"),
      reply={"withheld": "投标人的报价明细和项目人员身份信息",
             "withheld_reason": "涉及商业秘密和个人隐私，第三方书面不同意公开，不公开不会对公共利益造成重大影响（条例第十五条）"}),
    c("czt", "省财政厅机关2025年公务接待费明细", "2025年公务接待批次、人次、金额及接待清单", "r2",
      reply={"withheld": "接待清单中被接待人员的姓名和职务",
             "withheld_reason": "属于个人信息，公开会对第三方合法权益造成损害（条例第十五条）"}),
    c("czt", "2026年省级就业创业补助资金发放明细", "省级就业创业补助资金个人补助对象名单、补助金额", "r2",
      applicant="public_interest", org=1,
      reply={"withheld": "个人补助对象的身份证号码和银行账号",
             "withheld_reason": "属于个人隐私，公开会对第三方合法权益造成损害（条例第十五条）",
             "reasons": "补助对象姓名（脱敏）、所在市县和补助金额予以公开"}),
    c("czt", "省级财政支持国防科技工业项目资金安排文件", "2025年省级财政对省内国防科技工业配套项目的资金安排文件",
      "r3_1", reply={"reasons": "该文件经定密责任人依法确定为国家秘密，依据《中华人民共和国保守国家秘密法》和条例第十四条不予公开"}),
    c("czt", "某房地产开发公司土地增值税清算及缴纳明细", "长沙某房地产开发有限公司2025年土地增值税清算结论及缴纳明细",
      "r3_2", applicant="legal_services", org=0,
      reply={"reasons": "所申请信息为纳税人的涉税信息，依据《中华人民共和国税收征收管理法》第八条第二款应当依法保密，"
             "属于法律、行政法规禁止公开的政府信息"}),
    c("czt", "省级救灾物资储备库点分布及库存明细", "全省省级救灾物资储备库的具体位置、库存品种和数量", "r3_3",
      reply={"reasons": "储备库点具体位置和实时库存数量公开后可能被不法利用，危及公共安全和应急物资安全"}),
    c("czt", "省级财政专项资金审计服务项目投标文件", "某会计师事务所在省级财政专项资金审计服务项目中的投标文件全文",
      "r3_4", applicant="commercial", org=2,
      consult=("third_party", "湖南某会计师事务所", "是否同意公开贵所在该项目中的投标文件",
               "object", "投标文件含报价、技术方案和人员资料，属于商业秘密，不同意公开"),
      reply={"reasons": "投标文件涉及第三方的商业秘密，经书面征求意见，第三方不同意公开，且不公开不会对公共利益造成重大影响"},
      remedies=[("review", "upheld", "复议机关维持原答复"), ("suit_after_review", "pending", "申请人不服复议决定提起诉讼")]),
    c("czt", "省财政厅2025年机关干部年度考核结果及处室编制分配", "2025年度机关干部考核等次名单及各处室编制分配方案",
      "r3_5", reply={"reasons": "所申请信息属于本机关人事管理方面的内部事务信息（条例第十六条第一款）"}),
    c("czt", "省财政厅党组会议关于2026年省级专项资金分配的讨论记录", "2026年1月党组会议讨论省级专项资金分配时的会议记录",
      "r3_6", applicant="person:liujianjun",
      reply={"reasons": "所申请信息属于本机关在履行行政管理职能过程中形成的讨论记录，属于过程性信息（条例第十六条第二款），"
             "专项资金分配结果已在本机关门户网站主动公开"},
      remedies=[("review", "upheld", "湖南省人民政府复议维持")]),
    c("czt", "对某会计师事务所行政处罚的全部案卷材料", "本机关对某会计师事务所作出行政处罚的案卷，含询问笔录、证据材料",
      "r3_7", applicant="legal_services", org=1,
      reply={"reasons": "所申请信息属于行政执法案卷信息（条例第十六条第二款）；行政处罚决定书已依法公开，可在本机关门户网站查阅"}),
    c("czt", "某县乡镇卫生院2025年医务人员绩效工资发放明细", "该县各乡镇卫生院医务人员绩效工资发放名册及金额", "r4_1",
      reply={"reasons": "经检索，本机关未制作、获取该信息；乡镇卫生院绩效工资由县级卫生健康部门核定",
             "right_agency": "该县卫生健康局"},
      remedies=[("review", "corrected", "复议机关认为检索说明不充分，责令重新答复；本机关已重新答复")]),
    c("czt", "长沙市2025年城市维护建设资金使用明细", "长沙市本级2025年城市维护建设资金各项目使用明细", "r4_1",
      applicant="public_interest", org=0,
      reply={"reasons": "经检索，该资金由长沙市本级安排使用，本机关未制作、获取项目使用明细", "right_agency": "长沙市财政局"}),
    c("czt", "某高速公路项目征地拆迁补偿款发放名册", "某高速公路建设项目征地拆迁补偿款的发放名册及标准", "r4_1",
      channel="plain_letter",
      reply={"reasons": "经检索，征地拆迁补偿款由项目所在地县级人民政府组织发放，本机关未制作、获取该名册",
             "right_agency": "项目所在地县级人民政府"}),
    c("czt", "省财政厅2019年办公楼维修工程结算审计报告", "2019年机关办公楼维修工程的结算审计报告", "r4_1",
      applicant="person:liujianjun",
      reply={"reasons": "经在本机关档案室和相关处室检索，未找到该项工程的结算审计报告，本机关未掌握该信息"}),
    c("czt", "近十年省级财政对各县市区转移支付统计分析表", "2016年以来省级财政对各县市区转移支付按年度、按县汇总的统计分析表",
      "r4_2", applicant="research", org=1,
      reply={"reasons": "本机关没有现成的该统计分析表，提供需要对现有信息进行加工、分析（条例第三十八条）；"
             "各年度转移支付决算已在本机关门户网站“预决算公开”栏目公开"}),
    c("czt", "2016年以来省级部门“三公”经费变化趋势分析报告", "对省级部门“三公”经费历年变化的分析报告", "r4_2",
      reply={"reasons": "本机关未制作该分析报告，提供需要另行加工、分析；历年“三公”经费预决算数据已主动公开"}),
    c("czt", "关于我所在单位补助资金的所有文件", "我单位这几年拿到的补助资金的全部文件", "r4_3",
      correction=("请写明所在单位名称、补助资金的名称及年度", "就是我们单位前几年的那笔补助"),
      reply={"reasons": "补正后申请内容仍未写明单位名称和资金名称、年度，本机关无法确定所申请的政府信息"}),
    c("czt", "要求查处某县挪用扶贫资金问题并书面答复", "请省财政厅查处某县挪用扶贫资金问题，并书面告知处理结果", "r5_1",
      channel="plain_letter",
      reply={"reasons": "您反映的是举报事项，本机关已转本机关监督评价部门按举报程序办理，您也可向纪检监察机关反映"}),
    c("czt", "2025年省级财政对长沙县一般性转移支付明细", "2025年省级财政下达长沙县的一般性转移支付分项目金额",
      "r5_2", applicant="person:liujianjun", age=70, label="liu_repeat"),
    c("czt", "《湖南财政年鉴（2025）》全文", "《湖南财政年鉴（2025）》电子版全文", "r5_3",
      reply={"reasons": "《湖南财政年鉴》为公开出版物",
             "how_to_obtain": "您可到湖南图书馆查阅，或通过新华书店购买"}),
    c("czt", "2010年以来省财政厅全部发文的文号、标题及正文", "请逐件提供2010年至2025年省财政厅全部发文的文号、标题及正文",
      "r5_4", applicant="person:liujianjun",
      reply={"reasons": "您自2026年以来向本机关提出政府信息公开申请40余件，本机关书面要求您说明理由，您未能说明，"
             "申请数量、频次明显超过合理范围（条例第三十五条）"}),
    c("czt", "要求对《专项资金补助通知》复印件加盖公章", "请对本人已取得的《专项资金补助通知》复印件加盖公章予以确认",
      "r5_5", channel="in_person",
      reply={"reasons": "您要求本机关对已取得的信息进行确认，不属于政府信息公开申请的处理范围（条例第三十九条第二款）"}),
    c("czt", "2026年省级教育专项资金分配", "2026年省级教育发展专项资金分市县分配表", "r6_3",
      reply={"reasons": "您于答复期限内书面申请撤回本申请，本机关终止办理"}),

    # 湖南省自然资源厅 ---------------------------------------------------------------------------
    c("zrzyt", "长沙县2025年度第5批次城镇建设用地批复", "省人民政府关于该批次用地的批复及征收土地方案，涉及星沙街道某社区",
      "r1", doc="湘政地〔2025〕312号", channel="post", purpose="了解本户所在地块的征地补偿依据"),
    c("zrzyt", "浏阳市某矿区采矿权出让收益评估结果", "该矿区采矿权出让收益评估报告及评估结果", "r1",
      applicant="commercial", org=2),
    c("zrzyt", "湖南省国土空间生态修复规划（2021—2035年）编制说明及附图", "规划文本、编制说明及全部附图", "r1",
      applicant="public_interest", org=0, extension="approved", fee_pages=64),
    c("zrzyt", "长沙县某村征收土地方案及补偿登记材料", "征收土地方案、征地补偿安置方案及补偿登记材料", "r2",
      applicant="other_org", org=0,
      consult=("other_agency", "长沙县人民政府", "该征地补偿登记材料由贵府与本机关共同形成，是否同意公开",
               "agree", "同意公开，但被征收人个人信息应作处理"),
      reply={"withheld": "被征收人的身份证号码和银行账号",
             "withheld_reason": "属于个人隐私，公开会对第三方合法权益造成损害（条例第十五条）"}),
    c("zrzyt", "长沙市岳麓区某房屋的不动产登记资料", "该房屋的权利人、面积及抵押登记情况", "r3_8", applicant="legal_services",
      reply={"reasons": "不动产登记资料的查询，《不动产登记暂行条例》和《不动产登记资料查询暂行办法》有专门规定，"
             "请向不动产所在地不动产登记机构申请查询"},
      remedies=[("suit_direct", "upheld", "一审判决驳回原告诉讼请求")]),
    c("zrzyt", "某矿山企业违法采矿行政处罚案卷", "对某矿山企业违法采矿作出行政处罚的全部案卷材料", "r3_7",
      reply={"reasons": "所申请信息属于行政执法案卷信息（条例第十六条第二款）；行政处罚决定书已在本机关门户网站公开"}),
    c("zrzyt", "某楼盘建设工程规划许可证及总平面图", "长沙市某楼盘的建设工程规划许可证及附图、总平面图", "r4_1",
      reply={"reasons": "经检索，建设工程规划许可由设区的市自然资源和规划主管部门核发，本机关未制作、获取该信息",
             "right_agency": "长沙市自然资源和规划局"}),
    c("zrzyt", "某垃圾填埋场扩建项目环境影响评价报告书及批复", "环评报告书全本及环评批复文件", "r4_1",
      applicant="public_interest", org=1,
      reply={"reasons": "经检索，建设项目环境影响评价文件由生态环境主管部门审批，本机关未制作、获取该信息",
             "right_agency": "湖南省生态环境厅"}),
    c("zrzyt", "投诉某村干部在征地中虚报补偿面积", "要求调查某村干部在征地中虚报补偿面积的问题并答复", "r5_1",
      reply={"reasons": "您反映的是投诉举报事项，请通过信访渠道或向纪检监察机关反映"}),
    c("zrzyt", "全省2025年度土地卫片执法检查结果", "2025年度卫片执法检查发现的违法用地图斑清单", "r6_3",
      applicant="research", org=0,
      reply={"reasons": "在答复期限内您已通过本机关门户网站获取所需信息并书面撤回申请，本机关终止办理"}),

    # 长沙市人民政府 -----------------------------------------------------------------------------
    c("changsha", "某片区城市更新项目国有土地上房屋征收决定及补偿方案", "房屋征收决定、征收补偿方案及社会稳定风险评估结论",
      "r1", doc="长政征〔2026〕5号", channel="in_person", purpose="了解本户的拆迁补偿标准"),
    c("changsha", "长沙市2026年重点建设项目计划", "2026年市级重点建设项目计划全文", "r1", doc="长政发〔2026〕3号",
      applicant="commercial", org=0),
    c("changsha", "长沙市2025年政府采购合同汇编（市本级）", "市本级2025年全部政府采购合同文本", "r1",
      applicant="legal_services", org=1, fee_pages=140),
    c("changsha", "某片区征收项目被征收人补偿明细", "该项目全部被征收人的补偿金额明细", "r2",
      reply={"withheld": "其他被征收人的姓名、房屋面积及补偿金额", "reasons": "您本户的补偿明细予以公开",
             "withheld_reason": "属于其他被征收人的个人信息，公开会对第三方合法权益造成损害（条例第十五条）"}),
    c("changsha", "长沙市人民政府常务会议关于某片区改造的会议纪要", "2026年市政府常务会议研究某片区改造事项的会议纪要", "r3_6",
      applicant="legal_services", org=0,
      reply={"reasons": "会议纪要属于行政机关在履行行政管理职能过程中形成的过程性信息（条例第十六条第二款）"},
      remedies=[("review", "upheld", "湖南省人民政府复议维持"),
                ("suit_after_review", "corrected", "法院判决撤销原答复，责令重新答复")]),
    c("changsha", "某垃圾焚烧发电项目环境影响评价报告书及批复", "环评报告书全本、环评批复及公众参与说明", "r4_1",
      applicant="public_interest", org=0,
      reply={"reasons": "经检索，该项目环评文件由生态环境主管部门审批，本机关未制作、获取该信息",
             "right_agency": "长沙市生态环境局"}),
    c("changsha", "要求责令开发商支付拖欠的拆迁安置过渡费", "请市政府责令开发商支付拖欠的拆迁安置过渡费并答复", "r5_1",
      reply={"reasons": "您提出的是投诉请求，已转市住房和城乡建设局按信访程序办理"},
      remedies=[("suit_direct", "pending", "")]),
    c("changsha", "近五年各区县拆迁安置房建设投入对比分析", "2021年以来各区县拆迁安置房建设投入对比分析报告", "r4_2",
      applicant="research", org=1,
      reply={"reasons": "本机关没有现成的对比分析报告，提供需要对现有信息进行加工、分析"}),

    # 长沙县人民政府 -----------------------------------------------------------------------------
    c("csx", "长沙县某镇某村集体土地征收补偿安置方案", "征收补偿安置方案及补偿标准", "r1", channel="post",
      purpose="了解本户征地补偿标准"),
    c("csx", "某安置区安置房分配方案及摇号结果", "安置房分配方案及摇号结果名单", "r2",
      reply={"withheld": "安置对象的身份证号码和联系电话",
             "withheld_reason": "属于个人隐私，公开会对第三方合法权益造成损害（条例第十五条）"},
      remedies=[("review", "other", "申请人撤回复议申请，复议终止")]),
    c("csx", "某公司工商登记档案", "长沙县某公司的股东、注册资本变更登记档案", "r3_8", applicant="commercial", org=1,
      reply={"reasons": "企业登记档案的查询，有关法律、行政法规有专门规定，请向市场监督管理部门申请查询"}),
    c("csx", "某小区建设工程规划许可证", "星沙某小区的建设工程规划许可证及附图", "r4_1",
      reply={"reasons": "经检索，该许可证由规划主管部门核发，本机关未制作、获取该信息",
             "right_agency": "长沙市自然资源和规划局长沙县分局"}, label="csx_r4_1"),
    c("csx", "要求对征收补偿协议复印件加盖公章", "请对本人已取得的征收补偿协议复印件加盖公章予以确认", "r5_5",
      channel="in_person",
      reply={"reasons": "您要求本机关对已获取的信息进行确认，不属于政府信息公开申请的处理范围"}),
    c("csx", "长沙县2026年政府投资项目计划", "2026年县本级政府投资项目计划全文", "r1", applicant="commercial", org=2,
      late=True),
    c("csx", "关于我家房子的所有拆迁文件", "我家房子拆迁的所有文件", "r4_3",
      correction=("请写明房屋所在位置（乡镇、村组或小区）、拆迁项目名称及时间", "就是星沙那边的房子"),
      reply={"reasons": "补正后申请内容仍未写明房屋位置和项目名称，本机关无法确定所申请的政府信息"}),

    # 星沙街道办事处 -----------------------------------------------------------------------------
    c("xingsha", "星沙街道2025年度部门决算及“三公”经费", "街道2025年度部门决算及“三公”经费支出情况", "r1"),
    c("xingsha", "某社区老旧小区改造工程施工合同", "该工程施工合同及资金使用情况", "r1", channel="in_person"),
    c("xingsha", "某小区房屋征收补偿方案", "某小区房屋征收决定及补偿方案", "r4_1",
      reply={"reasons": "经检索，房屋征收决定由县级人民政府作出，本机关未制作、获取该信息", "right_agency": "长沙县人民政府"},
      remedies=[("review", "pending", "")]),
    c("xingsha", "某社区低保对象家庭收入核查材料", "某社区全部低保对象的家庭收入核查材料", "r3_4",
      consult=("third_party", "相关低保对象", "是否同意公开您家庭的收入核查材料", "object", "涉及家庭隐私，不同意公开"),
      reply={"reasons": "家庭收入核查材料涉及第三方个人隐私，经征求意见第三方不同意公开；低保对象名单已按规定公示"}),
]

CLOSED = [
    c("czt", "2026年省级文化产业专项资金项目评审材料", "评审专家意见及评分表", "r6_1", flow="lapse_correction",
      correction=("请写明所需评审材料所属的项目名称和批次", "")),
    c("zrzyt", "某地块土地出让相关材料", "某地块的土地出让相关材料", "r6_1", flow="lapse_correction",
      correction=("请写明地块所在县市区、地块编号或宗地位置", "")),
    c("csx", "征地相关文件", "征地相关的全部文件", "r6_1", flow="lapse_correction", channel="plain_letter",
      correction=("请写明征地项目名称、所在乡镇村组及时间", "")),
    c("czt", "2020年至2025年省级政府采购合同全部文本", "省本级历年全部政府采购合同文本", "r6_2", flow="lapse_fee",
      applicant="commercial", org=3, fee_pages=180),
    c("changsha", "长沙市历年房屋征收决定汇编", "2018年以来长沙市全部房屋征收决定及附件", "r6_2", flow="lapse_fee",
      fee_pages=120),
]

OPEN = [
    c("czt", "2026年省级部门预算公开情况汇总", "各省级部门2026年预算公开的时间、网址及公开内容汇总", state="due_soon",
      draft_only="pending", reply={"outcome": "r1"}),
    c("czt", "2026年省级财政衔接资金分配结果", "2026年第二批衔接推进乡村振兴补助资金分市县分配结果", state="due_soon",
      applicant="research", org=0, draft_only="pending", reply={"outcome": "r1"}),
    c("czt", "省级国有资本经营预算收入明细", "2025年省属国有企业国有资本收益上缴明细", state="due_soon",
      draft_only="returned", reply={"outcome": "r4_1", "reasons": "经检索，本机关未掌握该信息"}),
    c("czt", "2026年省级政府购买服务指导性目录", "2026年省级政府购买服务指导性目录全文", state="due_soon",
      draft_only="approved", reply={"outcome": "r1"}),
    c("zrzyt", "某县2026年度土地征收成片开发方案", "成片开发方案全文及省政府批复", state="due_soon", applicant="other_org",
      org=1),
    c("changsha", "某片区棚户区改造项目安置房建设进度", "安置房建设进度及交付计划", state="due_soon"),
    c("csx", "长沙县某镇2025年征地补偿款发放情况", "征地补偿款拨付及发放情况", state="due_soon", channel="post"),
    c("czt", "2025年省级财政专项资金清理整合情况", "专项资金清理整合方案及整合后资金目录", state="overdue", age=31),
    c("czt", "省本级2025年政府采购意向公开汇总", "2025年省本级各部门政府采购意向汇总", state="overdue", age=27,
      applicant="commercial", org=1, extension="refused"),
    c("changsha", "长沙市2026年城市更新项目库", "2026年入库城市更新项目清单及投资额", state="overdue", age=36,
      label="overdue_changsha"),
    c("xingsha", "某社区2025年惠民资金使用情况", "社区惠民资金项目、金额及使用情况", state="overdue", age=24),
    c("czt", "2025年省级预算执行审计整改情况", "审计发现问题的整改情况及整改资金明细", state="extended", age=27,
      applicant="public_interest", org=1),
    c("zrzyt", "全省2025年度耕地占补平衡指标交易情况", "指标交易的数量、价格及交易双方", state="extended", age=25,
      applicant="research", org=1),
    c("czt", "关于某项资金的文件", "某项资金的文件", state="correction", age=4,
      correction=("请写明所需文件的资金名称、年度和发文机关", "")),
    c("czt", "省财政厅有关补贴的规定", "有关补贴的规定", state="correction", age=6, channel="plain_letter",
      correction=("请写明补贴的具体名称或文号", "")),
    c("csx", "我们村的征地文件", "我们村征地的文件", state="correction", age=3,
      correction=("请写明所在乡镇、村组及征地项目名称", "")),
    c("czt", "省级政府采购框架协议供应商入围评审报告", "入围评审报告及各供应商得分", state="consulting", age=8,
      applicant="commercial", org=0,
      consult=("third_party", "湖南某科技有限公司", "是否同意公开贵公司在框架协议采购中的评审得分和报价", "", "")),
    c("zrzyt", "湘江某段河道采砂规划及许可情况", "采砂规划及采砂许可发放情况", state="consulting", age=6,
      applicant="public_interest", org=0,
      consult=("other_agency", "湖南省水利厅", "该采砂规划由贵厅与本机关共同制作，是否同意公开", "", "")),
    c("czt", "2021年至2025年省级财政专项资金管理办法汇编", "历年省级财政专项资金管理办法全文", state="fee", age=9,
      applicant="legal_services", org=1, fee_pages=96),
    c("changsha", "长沙市2025年全部国有土地使用权出让合同", "2025年市本级国有土地使用权出让合同文本", state="fee", age=7,
      applicant="commercial", org=3, fee_pages=210),
    c("czt", "2026年省级财政预算调整方案", "2026年省级预算调整方案及说明", state="new", age=1, channel="online"),
    c("czt", "2025年省级部门整体支出绩效自评报告", "各省级部门整体支出绩效自评报告", state="new",
      channel="online", label="weekend"),
    c("xingsha", "星沙街道2026年社区服务经费安排", "各社区服务经费安排情况", state="new", age=2, channel="in_person"),
]

COMPLAINTS = [
    # (agency, related label, content, state, finding, answer)
    ("czt", "late", "本人向省财政厅申请公开政府采购合同，超过法定期限才收到答复，请求核查。", "answered", "substantiated",
     "经核查，该申请确因经办处室交接延误超期答复，已责令整改并对相关人员批评教育，今后严格按期答复。"),
    ("csx", "csx_r4_1", "长沙县政府答复称未掌握规划许可证，属于推诿，请求核查。", "answered", "unfounded",
     "经核查，建设工程规划许可证由长沙市自然资源和规划局长沙县分局核发，长沙县人民政府已告知申请人向该机关申请，答复符合规定。"),
    ("xingsha", "", "星沙街道门户网站长期未更新财政收支信息，请求督促公开。", "answered", "partly",
     "经核查，街道2025年度决算已公开，但2026年一季度财政收支情况未及时更新，已责令于10个工作日内补充公开。"),
    ("changsha", "overdue_changsha", "本人申请公开长沙市城市更新项目库，已超过法定答复期限仍未收到答复。", "open", "", ""),
    ("czt", "", "本人当面提交的政府信息公开申请未给出书面回执，请求核查。", "open", "", ""),
]


