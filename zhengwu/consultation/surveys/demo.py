"""Demo surveys (征集调查), played through the real actions — drafted by one person, approved by another, answered
one response per mobile number, open answers moderated — then dated back: the provincial government-service
satisfaction survey open now (its interim figures public), and two closed ones with their results (长沙市 public
transport, 长沙县 home care for the elderly). Responses are generated from a fixed seed, so every load gives the
same figures; everything is marked is_demo. Loads once."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from zhengwu.consultation import actions
from zhengwu.consultation.demo import at
from zhengwu.consultation.models import (
    Answer,
    CommentState,
    QuestionKind,
    Survey,
    SurveyEvent,
    SurveyResponse,
)
from zhengwu.demo.staff import Desk, agency, ensure_staff
from zhengwu.orgs.demo import by_slug_path

S, M, T = QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.TEXT

# Each question: (kind, text, required, min, max, [(option, weight)]) — weights shape the generated answers.
SERVICE = {
    "title": "湖南省政务服务满意度调查",
    "intro": "为深入推进“一件事一次办”改革，持续优化政务服务，省人民政府办公厅开展政务服务满意度调查。"
             "本次调查面向近一年在我省办理过政务服务事项的企业和群众，约需 3 分钟。\n"
             "调查结果将用于改进政务服务工作，统计结果在本页实时公布。",
    "results_while_open": True,
    "questions": [
        (S, "您最近一年办理政务服务事项主要通过哪种渠道？", True, None, None,
         [("政务服务大厅窗口", 30), ("湖南政务服务网（网上办）", 22), ("“湘易办”App或小程序", 28),
          ("乡镇（街道）便民服务中心", 14), ("村（社区）便民服务站", 6)]),
        (S, "您对办理过程的总体评价是？", True, None, None,
         [("非常满意", 34), ("满意", 38), ("基本满意", 18), ("不满意", 7), ("非常不满意", 3)]),
        (M, "您认为目前办事中最突出的问题是？", True, 1, 3,
         [("申请材料多、重复提交", 30), ("办理时间长", 22), ("需要跑动的次数多", 18), ("网上办事系统不好用", 20),
          ("办事指南不清楚", 14), ("窗口人员服务态度", 6), ("没有明显问题", 12)]),
        (M, "您希望优先推进哪些“一件事一次办”事项？", False, None, 3,
         [("新生儿出生", 18), ("企业开办", 16), ("退休", 20), ("不动产登记", 22), ("水电气网联动过户", 14),
          ("身后事", 10)]),
        (T, "您对改进政务服务还有哪些意见和建议？", False, None, None, []),
    ],
    "texts": [
        "希望“湘易办”上能查到办件进度，不用反复打电话问。",
        "窗口取号后等了一个多小时，建议高峰期多开几个窗口。",
        "社保卡补办如果能在乡镇办就好了，去县里一趟要半天。",
        "网上办要上传的材料和窗口要的不一样，建议统一。",
        "工作人员很耐心，给点赞！",
        "不动产登记和水电气过户一次办完，比以前方便多了。",
        "建议办事指南写得再通俗一些，配上示例表格。",
        "老年人不会用手机，希望保留线下窗口和帮办代办服务。",
        "营业执照网上办三天就拿到了，效率很高。",
    ],
    "responses": 36,
}

TRANSPORT = {
    "title": "长沙市城市公共交通出行意见调查",
    "intro": "为优化公交线网和地铁公交接驳，提升公共交通出行体验，市交通运输局开展本次调查，"
             "了解市民日常出行方式、通勤时间和对公共交通的意见建议。调查结果作为线网优化方案的参考。",
    "results_while_open": False,
    "questions": [
        (S, "您日常出行最主要的交通方式是？", True, None, None,
         [("地铁", 34), ("公交车", 24), ("私家车", 20), ("电动自行车", 12), ("步行或共享单车", 6), ("网约车或出租车", 4)]),
        (S, "您每天通勤单程大约需要多长时间？", True, None, None,
         [("30分钟以内", 28), ("30分钟至1小时", 44), ("1小时至1.5小时", 20), ("1.5小时以上", 8)]),
        (M, "您选择公共交通时最看重哪些方面？", True, 1, 3,
         [("准点", 30), ("换乘方便", 26), ("候车时间短", 28), ("票价", 16), ("车内舒适", 10), ("站点离家近", 22)]),
        (S, "您对地铁与公交接驳的满意度如何？", True, None, None,
         [("非常满意", 14), ("满意", 36), ("一般", 34), ("不满意", 16)]),
        (M, "您认为最需要增开或优化线路的区域是？", False, None, None,
         [("梅溪湖、洋湖片区", 20), ("星沙、黄花机场方向", 24), ("高铁南站片区", 16), ("岳麓山大学城", 18),
          ("望城、雨花城郊结合部", 14)]),
        (T, "您对城市公共交通还有哪些意见建议？", False, None, None, []),
    ],
    "texts": [
        "建议延长地铁4号线末班车时间，晚上加班回家很不方便。",
        "星沙到黄花机场的公交班次太少，等车要四十分钟。",
        "地铁站出口到公交站距离太远，下雨天很不方便，建议加装风雨连廊。",
        "希望公交站台的电子站牌能显示到站时间，有问题可以打我电话 13907311234 交流。",
        "梅溪湖片区早高峰公交太挤，建议开通大站快线。",
        "代办各类证件，价格优惠，加微信详聊。",
        "大学城到五一广场的夜班公交可以再多几趟。",
        "建议地铁和公交换乘在一小时内再优惠一些。",
        "部分公交司机开车太急，老人站不稳，希望加强培训。",
        "高铁南站出站后找公交站要绕很远，指示牌不清楚。",
        "共享单车在地铁口乱停放，影响通行，建议划定停放区。",
        "希望雨花区城郊的社区巴士能覆盖到菜市场和医院。",
    ],
    "responses": 160,
    "closed_days_ago": 12,
}

ELDERLY = {
    "title": "长沙县社区居家养老服务需求调查",
    "intro": "为科学规划社区居家养老服务设施和服务项目，县民政局面向全县60周岁以上老年人及其家属开展需求调查。"
             "家属可代为填写。调查结果将用于确定明年优先建设的服务项目。",
    "results_while_open": False,
    "questions": [
        (S, "老人的年龄段", True, None, None,
         [("60岁至69岁", 38), ("70岁至79岁", 36), ("80岁及以上", 26)]),
        (S, "老人目前的居住情况", True, None, None,
         [("与子女同住", 40), ("与老伴同住", 38), ("独居", 18), ("其他", 4)]),
        (M, "老人最需要哪些居家养老服务？", True, 1, 3,
         [("助餐", 34), ("助洁", 16), ("助浴", 12), ("助医（陪诊、上门巡诊）", 32), ("日间照料", 18), ("精神慰藉", 10),
          ("紧急呼叫", 20)]),
        (S, "能接受的每月服务费用", True, None, None,
         [("200元以下", 36), ("200元至500元", 40), ("500元至1000元", 18), ("1000元以上", 6)]),
        (T, "您对社区居家养老服务有什么建议？", False, None, None, []),
    ],
    "texts": [
        "希望社区食堂能送餐上门，老人腿脚不便。",
        "建议定期安排医生上门量血压、测血糖。",
        "独居老人家里应该装紧急呼叫设备，我父亲就一个人住。",
        "日间照料中心离我们村太远了，希望在村里也设一个点。",
        "费用能不能按老人的收入分档，困难老人减免。",
        "希望培训一些懂护理的服务人员，现在请人很难。",
        "社区可以多组织些老年人活动，唱歌、下棋都好。",
    ],
    "responses": 80,
    "closed_days_ago": 40,
}


def draft(target, spec, desk):
    today = timezone.localdate()
    survey = Survey(agency=target, title=spec["title"], intro=spec["intro"], opens_on=today,
                    closes_on=today + datetime.timedelta(days=29), show_results_while_open=spec["results_while_open"],
                    is_demo=True)
    questions = [{"kind": kind, "text": text, "required": required, "min_choices": low, "max_choices": high,
                  "options": [option for option, _weight in options]}
                 for kind, text, required, low, high, options in spec["questions"]]
    actions.save_survey(survey, actor=desk.drafter, questions=questions)
    actions.submit_survey(survey, actor=desk.drafter)
    return actions.approve_survey(survey, actor=desk.approver)


def pick(rng, weighted, count):
    """`count` distinct options drawn by weight."""
    pool, chosen = list(weighted), []
    while pool and len(chosen) < count:
        option = rng.choices(pool, weights=[weight for _option, weight in pool])[0]
        pool.remove(option)
        chosen.append(option[0])
    return chosen


def generated_answers(rng, survey, spec, texts):
    answers = {}
    for question, (_kind, _text, required, low, high, weighted) in zip(survey.questions.prefetch_related("options"),
                                                                        spec["questions"], strict=True):
        if not required and rng.random() < (0.7 if question.kind == T else 0.25):
            continue  # optional questions are often skipped, open ones most often
        if question.kind == T:
            if texts:  # each sentence once: a few people write, and not the same thing
                answers[question.pk] = ([], texts.pop())
            continue
        ids = {option.text: option.pk for option in question.options.all()}
        count = 1 if question.kind == S else rng.randint(low or 1, high or min(3, len(weighted)))
        answers[question.pk] = ([ids[text] for text in pick(rng, weighted, count)], "")
    return answers


def answer_all(survey, spec, rng):
    phones, texts = set(), rng.sample(spec["texts"], len(spec["texts"]))
    while len(phones) < spec["responses"]:
        phones.add(f"1{rng.choice('35789')}{rng.randrange(10 ** 9):09d}")
    for phone in sorted(phones):
        actions.submit_response(survey, phone=phone, answers=generated_answers(rng, survey, spec, texts))
    SurveyResponse.objects.filter(survey=survey).update(is_demo=True)


def moderate(survey, desk):
    """Keep the advertisements back, approve the other open answers but the newest two (left waiting)."""
    answers = list(Answer.objects.filter(response__survey=survey, question__kind=T).order_by("pk"))
    for index, answer in enumerate(answers):
        if "加微信" in answer.text:
            actions.reject_answer(answer, actor=desk.drafter, reason="广告")
        elif index < len(answers) - 2:
            actions.approve_answer(answer, actor=desk.drafter)


def date_survey(survey, opens_on, closes_on):
    """Put the survey on its days: published the day it opened, responses across the period (moderated the
    day after each), the timeline following."""
    Survey.objects.filter(pk=survey.pk).update(opens_on=opens_on, closes_on=closes_on, published_at=at(opens_on, 9),
                                               submitted_at=at(opens_on - datetime.timedelta(days=2), 10))
    last = min(closes_on, timezone.localdate())
    span = max((last - opens_on).days, 1)
    responses = list(survey.responses.order_by("pk").values_list("pk", flat=True))
    moments = {}
    for index, pk in enumerate(responses):
        moments[pk] = at(opens_on + datetime.timedelta(days=index * span // len(responses)), 8 + index % 13,
                         (index * 7) % 60)
        SurveyResponse.objects.filter(pk=pk).update(submitted_at=moments[pk])
    for answer in Answer.objects.filter(response__survey=survey, moderated_at__isnull=False):
        when = min(moments[answer.response_id] + datetime.timedelta(days=1), timezone.now())
        Answer.objects.filter(pk=answer.pk).update(moderated_at=when)
        SurveyEvent.objects.filter(answer=answer).update(at=when)
    times = {SurveyEvent.Kind.SAVED: at(opens_on - datetime.timedelta(days=3), 15),
             SurveyEvent.Kind.SUBMITTED: at(opens_on - datetime.timedelta(days=2), 10),
             SurveyEvent.Kind.PUBLISHED: at(opens_on, 9)}
    for kind, when in times.items():
        SurveyEvent.objects.filter(survey=survey, kind=kind).update(at=when)


@transaction.atomic
def load_survey_demo(stdout):
    if Survey.objects.filter(is_demo=True).exists():
        stdout.write("征集调查演示数据已存在，跳过。")
        return
    ensure_staff()
    today, days = timezone.localdate(), datetime.timedelta
    rng = random.Random(20260731)
    made = []
    for spec, target, opened_ago in (
            (SERVICE, agency("hunan/bgt", "hunan"), 9),
            (TRANSPORT, by_slug_path("hunan/changsha"), 29 + TRANSPORT["closed_days_ago"]),
            (ELDERLY, by_slug_path("hunan/changsha/changshaxian"), 29 + ELDERLY["closed_days_ago"])):
        desk = Desk(target)
        survey = draft(target, spec, desk)
        answer_all(survey, spec, rng)
        moderate(survey, desk)
        date_survey(survey, today - days(opened_ago), today - days(opened_ago) + days(29))
        made.append(survey)
    responses = SurveyResponse.objects.filter(survey__in=made).count()
    shown = Answer.objects.filter(response__survey__in=made, state=CommentState.APPROVED).count()
    stdout.write(f"征集调查：3 项（进行中 1 项、已结束并公布结果 2 项），答卷 {responses} 份，公开的问答题回答 {shown} 条。")
