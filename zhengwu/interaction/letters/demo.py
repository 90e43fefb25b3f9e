"""Demo mailboxes and letters: the 省长信箱, a 市长 and a 县长 mailbox and two department mailboxes, with letters
over the past year played through the real actions (so every clock, event, group and card is what the system
itself would have made): answered and published, answered late, rated, referred to the petition channel, some
still with the office or the agency, some overdue, and near-duplicates grouped."""

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from zhengwu.demo.people import People
from zhengwu.interaction import actions
from zhengwu.interaction.models import Letter, LetterRating, Mailbox
from zhengwu.notifications.models import Notification
from zhengwu.orgs.demo import DEMO_ACCOUNTS, by_slug_path, ensure_account
from zhengwu.orgs.models import Role
from zhengwu.timelimits import calendar

SHANGHAI = ZoneInfo("Asia/Shanghai")

MAILBOXES = [
    # slug, name, agency slug path, kind, order, intro
    ("szxx", "省长信箱", "hunan", Mailbox.Kind.LEADER, 1,
     "欢迎您给省长写信，就全省经济社会发展和政府工作提出意见建议，反映涉及公共利益的问题。来信由省长信箱办公室"
     "分办到省直有关部门或市州人民政府办理，一般在 15 个工作日内答复。\n"
     "不予受理：应当通过诉讼、仲裁、行政复议等法定途径解决的事项；信访事项请通过信访渠道反映。"),
    ("cssz", "长沙市长信箱", "hunan/changsha", Mailbox.Kind.LEADER, 2,
     "欢迎您给市长写信。来信由市长信箱办公室分办到市直部门和区县（市）人民政府办理，15 个工作日内答复。"),
    ("csxz", "长沙县长信箱", "hunan/changsha/changshaxian", Mailbox.Kind.LEADER, 3,
     "欢迎您给县长写信。来信由县政府办公室分办到县直部门和镇街办理，10 个工作日内答复。"),
    ("cztxx", "省财政厅信箱", "hunan/czt", Mailbox.Kind.DEPARTMENT, 10,
     "受理财政政策、预算公开、政府采购、非税收入等方面的咨询和建议。"),
    ("zrzytxx", "省自然资源厅信箱", "hunan/zrzyt", Mailbox.Kind.DEPARTMENT, 11,
     "受理国土空间规划、不动产登记、矿产资源管理等方面的咨询、建议和投诉。"),
]
LIMITS = {"csxz": 10}

# (category, subject, body, who answers: "local" (星沙街道) or a provincial department's slug path, the reply)
LOCAL = "hunan/changsha/changshaxian/xingshajiedao"
TOPICS = [
    ("suggest", "建议增加星沙城区公交线路夜班车", "星沙城区晚上十点以后公交基本停运，很多在经开区上夜班的工人回家不便，"
     "建议开通几条夜班公交线路，方便群众出行。", LOCAL,
     "您好！您反映的问题已收悉。经与县交通运输局、公交公司会商，拟于下月起试开通星沙夜 1 路、夜 2 路，"
     "运营时间 22:00 至次日 0:30，线路走向将在“长沙县发布”公布。感谢您的建议！"),
    ("complain", "小区旁工地夜间施工噪音扰民", "小区旁边的工地连续一个月晚上十一点以后还在施工，噪音很大，"
     "老人小孩都睡不好觉，打过几次电话没有效果，希望相关部门管一管。", LOCAL,
     "您好！接到来信后，街道会同县住建局、生态环境分局到现场核查，该工地确有夜间违规施工行为，已责令整改并依法"
     "立案查处，夜间施工已停止。后续将加强巡查，欢迎继续监督。"),
    ("complain", "老旧小区改造后路面又被挖开", "我们小区去年刚做完老旧小区改造，今年燃气管道又把路面挖开，"
     "重复施工浪费钱，希望统筹安排。", LOCAL,
     "您好！经核实，该处开挖为燃气管道安全隐患整治，属于紧急项目。街道已要求施工单位按原标准恢复路面，"
     "并将在今后改造项目中做好管线单位的统筹协调，避免重复开挖。"),
    ("consult", "老旧小区加装电梯有没有补贴", "我家住在 1995 年建成的六层老楼，邻居们想加装电梯，请问有没有政府补贴，"
     "需要多少户同意？", LOCAL,
     "您好！既有多层住宅加装电梯每台可申请财政补贴，须经本单元房屋专有部分面积占比三分之二以上且人数占比三分之二"
     "以上的业主同意。具体可咨询街道社区服务中心，电话 0731-84000000。"),
    ("other", "对政府网站适老化改造的意见", "政府网站字体太小，老年人看不清，希望能做大字版。", LOCAL,
     "您好！门户网站已提供“适老化模式”（大字版），点击页面顶部“适老化模式”即可切换，我们将继续改进。"),
    ("consult", "省直部门的部门预算在哪里查", "请问省直部门的部门预算和决算在哪里可以查到？往年的还能查吗？", "hunan/czt",
     "您好！省直部门预决算在省人民政府门户网站“财政预决算”专栏集中公开，也可在各部门网站“法定主动公开内容—"
     "财政预决算”栏目查阅，近五年的预决算均可查询。"),
    ("suggest", "政府采购应落实中小企业预留份额", "我们是一家小型软件企业，参加政府采购项目时发现不少项目没有给中小企业"
     "预留份额，建议加强监督。", "hunan/czt",
     "您好！根据《政府采购促进中小企业发展管理办法》，超过 200 万元的货物和服务采购项目中适宜由中小企业提供的，"
     "预留该部分采购项目预算总额的 30% 以上专门面向中小企业采购。我厅将在年度检查中重点核查预留份额落实情况。"),
    ("help", "惠民惠农补贴一卡通没有到账", "我是长沙县的农户，今年的耕地地力保护补贴到现在还没有打到一卡通上，"
     "请帮忙查一下。身份证430121196801011234。", "hunan/czt",
     "您好！经与县财政局核实，您的补贴已于本月发放，因一卡通账户信息变更曾被退回，现已重新发放到账。"
     "可通过湖南省惠民惠农财政补贴资金“一卡通”查询系统查询发放明细。"),
    ("consult", "非税收入电子票据如何查验真伪", "孩子学校收费给了一张电子票据，请问怎么查验是不是真的？", "hunan/czt",
     "您好！财政电子票据可登录全国财政电子票据查验平台（pjcy.mof.gov.cn）或湖南省财政厅网站“电子票据查验”"
     "栏目，输入票据代码、号码和校验码查验。"),
    ("suggest", "建议公开不动产登记办理进度", "办理不动产登记后只能打电话问进度，建议在网上公开办理进度，"
     "像快递一样可以查询。", "hunan/zrzyt",
     "您好！感谢您的建议。全省不动产登记“一网通办”平台已上线办件进度查询功能，凭受理编号即可查询各环节办理情况，"
     "我们将进一步优化短信提醒。"),
    ("consult", "农村宅基地确权登记怎么申请", "我家的老宅基地一直没有办证，请问农村宅基地和房屋确权登记需要什么材料？",
     "hunan/zrzyt",
     "您好！农村宅基地和集体建设用地房地一体确权登记由县级不动产登记机构办理，一般需提供申请书、身份证明、"
     "宅基地批准文件或村集体经济组织出具的证明、房屋现状材料等，可向所在乡镇自然资源所咨询。"),
    ("complain", "采石场扬尘严重影响村民生活", "村子附近的采石场每天粉尘很大，庄稼和房子上都是灰，请管一管。",
     "hunan/zrzyt",
     "您好！经会同市、县自然资源和生态环境部门现场检查，该矿山未落实抑尘措施，已责令停产整改，整改验收合格前"
     "不得恢复生产，并将纳入绿色矿山建设督导。"),
]
ANSWERS_BY_MAILBOX = {"szxx": None, "cssz": {LOCAL}, "csxz": {LOCAL}, "cztxx": {"hunan/czt"},
                      "zrzytxx": {"hunan/zrzyt"}}
PETITION = ("complain", "征地补偿款多年未到位", "我家承包地 2015 年被征收，补偿款至今没有全部到位，多次找村里"
            "和镇里都没有结果，请领导帮忙解决。")
WHERE = "所在县（市、区）信访局或湖南省网上信访信息系统（http://www.hnxf.gov.cn）"
WHY = "您反映的征地补偿问题属于信访事项，依照《信访工作条例》应当通过信访渠道向有权处理的机关提出。"


PLACES = ["我是星沙街道居民，", "我住在泉塘街道，", "我是长沙县的一名群众，", "我是岳麓区居民，", "我在开福区工作，",
          "我是株洲来长沙务工人员，", "我是退休职工，", "我是一名个体工商户，", ""]


def _users():
    """The demo's mailbox staff (orgs.demo.DEMO_ACCOUNTS) by agency: the first of an agency drafts, the last
    approves."""
    users = {}
    for username, full_name, slug_path, role in DEMO_ACCOUNTS:
        if role == Role.MAILBOX_HANDLER:
            users.setdefault(slug_path, []).append(ensure_account(username, full_name, slug_path, role)[0])
    return users


def _mailboxes():
    boxes = {}
    for slug, name, path, kind, order, intro in MAILBOXES:
        box, _ = Mailbox.objects.update_or_create(slug=slug, defaults={
            "name": name, "agency": by_slug_path(path), "kind": kind, "order": order, "intro": intro,
            "limit_workdays": LIMITS.get(slug, 15)})
        boxes[slug] = (box, path)
    return boxes


def _play(letter, office_path, answer_path, reply, target, rng, cal, today, users):
    """Take one letter to `target` through the actions, dating the reply realistically (some late)."""
    office = users[office_path][0]
    if target == "received":
        return letter
    if target == "referred":
        return actions.refer_petition(letter, office, WHERE, WHY,
                                      on=min(cal.add_workdays(letter.received_on, rng.randint(1, 4)), today))
    if answer_path != office_path:
        letter = actions.assign(letter, office, by_slug_path(answer_path), "请按时答复。",
                                on=min(cal.add_workdays(letter.received_on, rng.randint(0, 2)), today))
    if target == "assigned":
        return letter
    drafter, approver = users[answer_path][0], users[answer_path][-1]
    letter = actions.draft_reply(letter, drafter, reply)
    if target == "reviewing":
        return letter
    limit = letter.mailbox.limit_workdays
    days = rng.randint(limit + 1, limit + 8) if rng.random() < 0.1 else rng.randint(2, limit)
    on = min(cal.add_workdays(letter.received_on, days), today)
    letter = actions.approve_reply(letter, approver, publish=letter.may_publish and rng.random() < 0.9, on=on)
    if rng.random() < 0.7:
        rating = rng.choices(LetterRating.values, [70, 20, 10])[0]
        actions.rate_reply(letter, rating, "答复没有解决实际问题。" if rating == LetterRating.UNSATISFIED else "")
    return letter


def load_letter_demo(stdout=None, count=160, seed=20261206):
    """Idempotent: mailboxes are updated in place; letters are made once."""
    boxes = _mailboxes()
    users = _users()
    if Letter.objects.filter(is_demo=True).exists():
        return 0
    rng = random.Random(seed)
    people = People(rng)
    cal = calendar.current()
    today = timezone.localdate()
    first_notification = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    slugs = list(boxes)
    made = 0
    with transaction.atomic():
        plan = []
        for _ in range(count):
            back = rng.randint(1, 330)
            target = "replied"
            if back < 20:
                target = rng.choice(["received", "assigned", "reviewing", "replied", "replied"])
            elif rng.random() < 0.04:
                target = rng.choice(["received", "assigned"])  # left to run late: overdue now
            elif rng.random() < 0.03:
                target = "referred"
            plan.append((today - timedelta(days=back), target, rng.choices(slugs, [40, 25, 20, 8, 7])[0]))
        plan.sort()
        for received, target, slug in plan:
            wanted = ANSWERS_BY_MAILBOX[slug]
            topic = (*PETITION, "", "") if target == "referred" else rng.choice(
                [t for t in TOPICS if wanted is None or t[3] in wanted])
            made += _write_and_play(boxes[slug], people.person(), received, rng, cal, today, users, topic, target,
                                    rng.choice(PLACES))
        # The same writer twice within a week: the second letter joins the first's group; one reply serves both.
        writer = people.person()
        for day in (today - timedelta(days=6), today - timedelta(days=4)):
            made += _write_and_play(boxes["csxz"], writer, day, rng, cal, today, users, TOPICS[1], "received", "")
        # The demo's SMS went to invented numbers that may be real: removed before commit, nothing is sent.
        Notification.objects.filter(pk__gt=first_notification, status=Notification.Status.PENDING).delete()
    if stdout:
        stdout.write(f"已创建 {len(boxes)} 个信箱、{made} 封演示来信（含已答复公开、转信访、同组来信和超期未复）。")
    return made


def _write_and_play(mailbox, person, received, rng, cal, today, users, topic, target, place):
    box, office_path = mailbox
    category, subject, body, answer_path, reply = topic
    at = datetime(received.year, received.month, received.day, rng.randint(7, 22), rng.randint(0, 59),
                  tzinfo=SHANGHAI)
    letter = actions.write_letter(box, {
        "category": category, "subject": subject, "body": place + body, "name": person.name, "phone": person.phone,
        "email": "", "address": "", "may_publish": rng.random() < 0.8}, submitted_at=at)
    Letter.objects.filter(pk=letter.pk).update(is_demo=True)
    if letter.group_id is None:
        _play(letter, office_path, answer_path, reply, target, rng, cal, today, users)
    return 1
