"""Demo data of online interviews, played through the real actions (announced by one person, approved by another,
hosted, transcribed and approved again) and then dated back: one coming interview with questions sent in
beforehand, one live now, and two past ones with their transcripts published. Every interview is is_demo."""

import datetime
import glob
import io

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone

from zhengwu.demo.staff import Desk, agency, ensure_staff
from zhengwu.interaction.actions import interviews as actions
from zhengwu.interaction.models import (
    Interview,
    InterviewEvent,
    InterviewMessage,
    Question,
    QuestionPhase,
    Transcript,
)

HOST = "省政府门户网站主持人 李文"

UPCOMING = {
    "place": ("hunan/rst", "hunan"), "days": 3, "hour": 10, "minutes": 90,
    "title": "稳就业 促增收——2027届高校毕业生就业服务政策解读",
    "summary": "2027届全省高校毕业生预计超过48万人。省人社厅负责同志将介绍今年促进高校毕业生就业的政策措施，"
               "包括一次性吸纳就业补贴、求职创业补贴、“三支一扶”招募和线上线下招聘活动安排，并回答网友关心的问题。",
    "guests": [("周建平", "湖南省人力资源和社会保障厅副厅长"), ("刘晓燕", "湖南省人力资源和社会保障厅就业促进处处长")],
    "questions": [
        ("湘江学子", "离校未就业的毕业生可以到哪里办理失业登记？需要带什么材料？", "", "selected"),
        ("", "今年的求职创业补贴标准是多少？申请的时候还在读大四可以吗？", "0731-84561234", "selected"),
        ("小陈", "企业招用应届毕业生的一次性吸纳就业补贴，是按人头发放还是按合同期限？", "", "pending"),
        ("求职达人", "代投简历、包进国企，联系微信 ABC12345。", "", "rejected"),
    ],
}

LIVE = {
    "place": ("hunan/changsha", "hunan"), "started_minutes_ago": 40, "minutes": 90,
    "title": "老旧小区改造：加装电梯、停车难和长效管理怎么办",
    "summary": "今年长沙市计划改造老旧小区300个以上。市住房城乡建设局和芙蓉区有关负责同志走进访谈间，"
               "介绍改造内容、加装电梯补贴、停车位挖潜和改造后的物业管理，欢迎网友在线提问。",
    "guests": [("陈立军", "长沙市住房和城乡建设局副局长"), ("王芳", "长沙市芙蓉区定王台街道党工委书记")],
    "script": [
        ("host", "各位网友大家好！欢迎收看本期在线访谈。今天我们邀请到市住房城乡建设局陈立军副局长和定王台街道王芳书记，"
                 "和大家聊聊老旧小区改造。"),
        ("question", ("住在五楼的老人", "我们小区是1995年建的，想加装电梯，但一楼住户不同意，怎么办？")),
        ("answer", (0, "加装电梯须经本单元房屋专有部分面积占比三分之二以上且人数占比三分之二以上的业主参与表决，"
                       "并经参与表决的四分之三以上同意。街道和社区会组织协商，对低层住户的采光、噪声影响给予合理补偿。")),
        ("picture", ("改造前后对比：小区新增停车位和电梯", "图为芙蓉区某小区改造后新增的停车位和加装电梯。")),
        ("question", ("", "改造以后停车位还是不够，有没有什么办法？")),
        ("answer", (1, "我们在改造中结合拆违和空间挖潜增加停车位，同时与周边单位签订错时共享停车协议，"
                       "夜间向居民开放。今年定王台街道已新增共享车位400余个。")),
    ],
    "waiting": [("长沙市民", "改造完成后由谁来管理？会不会收物业费？"),
                ("", "我家的小区在开福区，怎么申请纳入明年的改造计划？")],
}

PAST = [
    {
        "place": ("hunan/wjw", "hunan"), "days_ago": 20, "hour": 15,
        "title": "家门口看好病——县域医共体建设进展",
        "summary": "省卫生健康委负责同志介绍县域医共体建设、基层医疗机构能力提升和县域内就诊率等情况，回答网友关于"
                   "转诊、医保报销和家庭医生签约的问题。",
        "guests": [("黄志明", "湖南省卫生健康委员会副主任"), ("邓丽", "湖南省卫生健康委员会基层卫生健康处处长")],
        "script": [
            ("host", "网友们好！今天的访谈主题是县域医共体建设，欢迎两位嘉宾。"),
            ("question", ("乡村医生", "医共体建成后，乡镇卫生院的病人转到县医院还要重新排队挂号吗？")),
            ("answer", (0, "不需要。医共体内推行双向转诊绿色通道，乡镇卫生院通过信息系统直接预约县级医院号源和检查，"
                           "患者到县医院后优先就诊。")),
            ("picture", ("县域医共体远程会诊中心", "图为某县医共体远程会诊中心，乡镇卫生院可实时连线县医院专家。")),
            ("question", ("", "家庭医生签约要收费吗？签约后有什么服务？")),
            ("answer", (1, "基本公共卫生服务包免费，包括健康档案、慢病随访和健康指导。个性化服务包按物价部门核定的标准收费，"
                           "居民自愿选择。")),
            ("host", "感谢两位嘉宾的解答，也感谢网友们的参与。本期访谈到此结束。"),
        ],
        "transcript": "省卫生健康委负责同志介绍了全省县域医共体建设进展：县域内就诊率稳步提高，医共体内双向转诊"
                      "实现信息系统直接预约；家庭医生基本服务包免费。访谈共采用网友提问2个，均当场作答。",
    },
    {
        "place": ("hunan/changsha/changshaxian", "hunan/changsha"), "days_ago": 45, "hour": 9,
        "title": "2026年义务教育阶段招生入学政策解读",
        "summary": "县教育局负责同志解读今年义务教育阶段招生入学政策，包括划片范围、报名时间、所需材料和随迁子女入学办法。",
        "guests": [("李国庆", "长沙县教育局副局长")],
        "script": [
            ("host", "各位家长朋友好，欢迎收看本期访谈。"),
            ("question", ("一年级新生家长", "孩子户籍在长沙县，但我们租房住在星沙街道，可以在租住地上学吗？电话 13912345678。")),
            ("answer", (0, "可以。持有本县居住证或登记备案的租赁合同满一年的，可按租住地所在片区报名，具体以学校公布的划片范围为准。")),
            ("question", ("", "网上报名需要准备哪些材料？")),
            ("answer", (0, "户口簿、居住证明（房产证或备案的租赁合同）和预防接种证。报名时间为7月1日至7月10日，"
                           "详情可拨打招生咨询电话 0731-84000000。")),
        ],
        "transcript": "县教育局负责同志解读了今年义务教育招生政策：坚持免试就近入学，租房家庭可按租住地报名，"
                      "网上报名时间为7月1日至10日。访谈共回答网友提问2个。",
    },
]


def at(day, hour=9, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def demo_picture(caption, seed):
    """A small illustrative PNG drawn on the spot (buildings and parking bays; the caption in Noto CJK when installed)."""
    from PIL import Image, ImageDraw, ImageFont

    picture = Image.new("RGB", (800, 450), (232, 240, 248))
    draw = ImageDraw.Draw(picture)
    draw.rectangle([0, 330, 800, 450], fill=(120, 130, 140))
    for index in range(4):
        left = 40 + index * 190 + seed * 7
        draw.rectangle([left, 110 + 20 * (index % 2), left + 150, 330], fill=(196, 160, 122), outline=(90, 70, 50))
        for row in range(4):
            for column in range(3):
                x, y = left + 15 + column * 45, 130 + 20 * (index % 2) + row * 45
                draw.rectangle([x, y, x + 25, y + 25], fill=(250, 250, 235))
    for bay in range(10):
        draw.rectangle([20 + bay * 78, 360, 80 + bay * 78, 430], outline=(255, 255, 255), width=3)
    fonts = glob.glob("/usr/share/fonts/**/NotoSansCJK*.tt[cf]", recursive=True)
    if fonts:
        font = ImageFont.truetype(fonts[0], 30)
        draw.rectangle([0, 0, 800, 56], fill=(158, 27, 27))
        draw.text((20, 10), caption, fill=(255, 255, 255), font=font)
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    buffer.seek(0)
    return ImageFile(buffer, name=f"interview-demo-{seed}.png")


def publish(spec, desk, target, starts_at, minutes):
    interview = Interview(agency=target, title=spec["title"], summary=spec["summary"], host=HOST, starts_at=starts_at,
                          ends_at=starts_at + datetime.timedelta(minutes=minutes), is_demo=True)
    actions.save_interview(interview, actor=desk.drafter, guests=[{"name": n, "post": p} for n, p in spec["guests"]])
    actions.submit_interview(interview, actor=desk.drafter)
    return actions.approve_interview(interview, actor=desk.approver)


def play(interview, script, host):
    """Post the script's lines live: questions through the public form's action and the host's selection."""
    guests = list(interview.guests.all())
    last_question = None
    for kind, content in script:
        if kind == "host":
            actions.post_remark(interview, actor=host, text=content)
        elif kind == "question":
            nickname, text = content
            question = actions.submit_question(interview, nickname=nickname, text=text)
            actions.put_question(question, actor=host)
            last_question = question
        elif kind == "answer":
            guest_index, text = content
            actions.post_answer(interview, actor=host, guest=guests[guest_index], text=text, question=last_question)
        elif kind == "picture":
            title, caption = content
            image = actions.store_picture(demo_picture(title, interview.pk % 10), actor=host, title=title)
            actions.post_remark(interview, actor=host, text="", image=image, image_caption=caption)


def date_back(interview, starts_at, minutes, published_ago=datetime.timedelta(days=7)):
    """Put the interview on its day: published a week before, each line a few minutes after the last."""
    ends_at = starts_at + datetime.timedelta(minutes=minutes)
    published = starts_at - published_ago
    Interview.objects.filter(pk=interview.pk).update(starts_at=starts_at, ends_at=ends_at, submitted_at=published
                                                     - datetime.timedelta(days=1), published_at=published)
    lines = list(InterviewMessage.objects.filter(interview=interview).order_by("pk"))
    put_at = {}
    for index, line in enumerate(lines):
        posted = starts_at + datetime.timedelta(minutes=2 + 6 * index)
        InterviewMessage.objects.filter(pk=line.pk).update(posted_at=posted)
        if line.kind == "question":
            put_at[line.question_id] = posted
    live_from, live_to = starts_at, starts_at + datetime.timedelta(minutes=2 + 6 * len(lines))
    waiting_until = min(live_to, timezone.now())
    for index, question in enumerate(Question.objects.filter(interview=interview).order_by("pk")):
        if question.phase == QuestionPhase.BEFORE:
            when = published + datetime.timedelta(hours=5 + 7 * index)
            moderated = when + datetime.timedelta(hours=2)
        elif question.pk in put_at:  # asked during the interview, put to the guests a minute later
            when = moderated = put_at[question.pk] - datetime.timedelta(minutes=1)
        else:  # still waiting in the host's queue
            when, moderated = waiting_until - datetime.timedelta(minutes=3 + index), None
        Question.objects.filter(pk=question.pk).update(submitted_at=when,
                                                       moderated_at=moderated if question.moderated_at else None)
    Interview.objects.filter(pk=interview.pk, went_live_at__isnull=False).update(went_live_at=live_from)
    Interview.objects.filter(pk=interview.pk, ended_at__isnull=False).update(ended_at=live_to)
    Transcript.objects.filter(interview=interview).update(submitted_at=live_to + datetime.timedelta(days=1),
                                                          published_at=live_to + datetime.timedelta(days=2))
    kind = InterviewEvent.Kind
    times = {kind.SAVED: published - datetime.timedelta(days=2), kind.SUBMITTED: published - datetime.timedelta(days=1),
             kind.PUBLISHED: published, kind.WENT_LIVE: live_from, kind.ENDED: live_to,
             kind.TRANSCRIPT_SAVED: live_to + datetime.timedelta(hours=20),
             kind.TRANSCRIPT_SUBMITTED: live_to + datetime.timedelta(days=1),
             kind.TRANSCRIPT_PUBLISHED: live_to + datetime.timedelta(days=2)}
    moments = dict(Question.objects.filter(interview=interview).values_list("pk", "submitted_at"))
    for event in interview.events.all():
        when = moments.get(event.question_id) if event.question_id else times.get(event.kind, event.at)
        InterviewEvent.objects.filter(pk=event.pk).update(at=when or event.at)


def load_upcoming():
    spec = UPCOMING
    target = agency(*spec["place"])
    desk = Desk(target)
    day = timezone.localdate() + datetime.timedelta(days=spec["days"])
    interview = publish(spec, desk, target, at(day, spec["hour"]), spec["minutes"])
    for nickname, text, contact, state in spec["questions"]:
        question = actions.submit_question(interview, nickname=nickname, text=text, contact=contact)
        if state == "selected":
            actions.select_question(question, actor=desk.drafter)
        elif state == "rejected":
            actions.reject_question(question, actor=desk.drafter, reason="广告信息，与访谈主题无关。")
    date_back(interview, at(day, spec["hour"]), spec["minutes"], published_ago=datetime.timedelta(days=6))
    return interview


def load_live():
    spec = LIVE
    target = agency(*spec["place"])
    desk = Desk(target)
    starts_at = timezone.now() - datetime.timedelta(minutes=spec["started_minutes_ago"])
    interview = publish(spec, desk, target, timezone.now() + datetime.timedelta(minutes=1), spec["minutes"])
    actions.go_live(interview, actor=desk.drafter)
    play(interview, spec["script"], desk.drafter)
    for nickname, text in spec["waiting"]:
        actions.submit_question(interview, nickname=nickname, text=text)
    date_back(interview, starts_at, spec["minutes"], published_ago=datetime.timedelta(days=5))
    return interview


def load_past(spec):
    target = agency(*spec["place"])
    desk = Desk(target)
    interview = publish(spec, desk, target, timezone.now() + datetime.timedelta(minutes=1), 90)
    actions.go_live(interview, actor=desk.drafter)
    play(interview, spec["script"], desk.drafter)
    actions.end_interview(interview, actor=desk.drafter)
    transcript = actions.save_transcript(interview, actor=desk.drafter, summary=spec["transcript"])
    actions.submit_transcript(transcript, actor=desk.drafter)
    actions.approve_transcript(transcript, actor=desk.approver)
    day = timezone.localdate() - datetime.timedelta(days=spec["days_ago"])
    date_back(interview, at(day, spec["hour"]), 90)
    return interview


@transaction.atomic
def load_interview_demo(stdout):
    if Interview.objects.filter(is_demo=True).exists():
        stdout.write("在线访谈演示数据已存在，跳过。")
        return
    ensure_staff()
    made = [load_upcoming(), load_live(), *(load_past(spec) for spec in PAST)]
    lines = InterviewMessage.objects.filter(interview__in=made).count()
    stdout.write(f"在线访谈：{len(made)} 场（预告 1 场、直播中 1 场、往期 2 场已公布文字实录），直播内容 {lines} 条；"
                 f"公开页面 /hdjl/zxft/，直播控制台在后台“在线访谈”菜单。")
