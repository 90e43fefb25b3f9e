"""Demo data of 决策公开, played through the real actions (drafted by one person, approved by another) and then
dated back to plausible days: three drafts open for comment, one just closed with comments still to moderate,
two closed with their adoption feedback published, the major-decision catalog, two hearings (one taking
registrations, one held, with its participants, record and result), and the surveys (survey_demo)."""

import datetime

from django.db import transaction
from django.utils import timezone

from zhengwu.consultation import actions
from zhengwu.consultation import demo_texts as texts
from zhengwu.consultation.models import (
    Comment,
    Consultation,
    ConsultationEvent,
    DecisionEvent,
    DecisionItem,
    Feedback,
    Hearing,
    HearingEvent,
    HearingReport,
    Registration,
    Stage,
    StageStatus,
)
from zhengwu.demo.staff import Desk, agency, ensure_staff  # noqa: F401  (the shared desk)
from zhengwu.orgs.demo import by_slug_path


def ago(days):
    """The day `days` before today: the demo is dated relative to the day it is loaded."""
    return timezone.localdate() - datetime.timedelta(days=days)


def at(day, hour=9, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))




# -- consultations -------------------------------------------------------------------------------------------------

def publish_consultation(target, spec, desk):
    today = timezone.localdate()
    consultation = Consultation(agency=target, title=spec["title"], kind=spec["kind"], explanation=spec["explanation"],
                                other_channels=spec["other_channels"], opens_on=today,
                                closes_on=today + datetime.timedelta(days=29))
    actions.save_consultation(consultation, actor=desk.drafter, draft_text=spec["text"])
    actions.submit_consultation(consultation, actor=desk.drafter)
    return actions.approve_consultation(consultation, actor=desk.approver)


def file_comments(consultation, rows, desk):
    filed = []
    for name, contact, anonymous, number, text, state, *reason in rows:
        article = consultation.articles.get(number=number) if number else None
        comment = actions.submit_comment(consultation, name=name, contact=contact, text=text, article=article,
                                         anonymous=anonymous)
        if state == "approved":
            comment = actions.approve_comment(comment, actor=desk.drafter)
        elif state == "rejected":
            comment = actions.reject_comment(comment, actor=desk.drafter, reason=reason[0])
        filed.append(comment)
    return filed


def publish_feedback(consultation, spec, comments, desk):
    items = [{"opinion": opinion, "article": consultation.articles.get(number=number).pk if number else None,
              "outcome": outcome, "reason": reason, "comments": [comments[i].pk for i in answered]}
             for opinion, number, outcome, reason, answered in spec["items"]]
    feedback = actions.save_feedback(consultation, actor=desk.drafter, summary=spec["summary"], items=items)
    actions.submit_feedback(feedback, actor=desk.drafter)
    actions.approve_feedback(feedback, actor=desk.approver)


def date_consultation(consultation, opens_on, closes_on):
    """Put the consultation on its days: published on the first, comments across the period (moderated the day
    after), feedback a week after the close; the timeline follows."""
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_on=opens_on, closes_on=closes_on, submitted_at=at(opens_on - datetime.timedelta(days=2), 10),
        published_at=at(opens_on, 9))
    last = min(closes_on, timezone.localdate())
    span = max((last - opens_on).days, 1)
    comments = list(consultation.comments.order_by("pk"))
    for index, comment in enumerate(comments):
        submitted = at(opens_on + datetime.timedelta(days=(index + 1) * span // (len(comments) + 1)), 9 + index % 9, 17)
        moderated = submitted + datetime.timedelta(hours=20) if comment.moderated_at else None
        Comment.objects.filter(pk=comment.pk).update(submitted_at=submitted, moderated_at=moderated)
    Feedback.objects.filter(consultation=consultation).update(
        submitted_at=at(closes_on + datetime.timedelta(days=6), 10), published_at=at(closes_on + datetime.timedelta(days=8), 15))
    times = {ConsultationEvent.Kind.SAVED: at(opens_on - datetime.timedelta(days=3), 15),
             ConsultationEvent.Kind.SUBMITTED: at(opens_on - datetime.timedelta(days=2), 10),
             ConsultationEvent.Kind.PUBLISHED: at(opens_on, 9),
             ConsultationEvent.Kind.FEEDBACK_SAVED: at(closes_on + datetime.timedelta(days=5), 16),
             ConsultationEvent.Kind.FEEDBACK_SUBMITTED: at(closes_on + datetime.timedelta(days=6), 10),
             ConsultationEvent.Kind.FEEDBACK_PUBLISHED: at(closes_on + datetime.timedelta(days=8), 15)}
    moments = {c.pk: (c.submitted_at, c.moderated_at) for c in Comment.objects.filter(consultation=consultation)}
    for event in consultation.events.all():
        if event.comment_id:
            received, moderated = moments[event.comment_id]
            when = received if event.kind == ConsultationEvent.Kind.COMMENT_RECEIVED else moderated or received
        else:
            when = times.get(event.kind, event.at)
        ConsultationEvent.objects.filter(pk=event.pk).update(at=when)


def load_consultations(places):
    today = timezone.localdate()
    days = datetime.timedelta
    made = {}
    for key, spec, place, opened_ago in (("procurement", texts.PROCUREMENT, "czt", 10),
                                         ("waste", texts.WASTE, "changsha", 5),
                                         ("subsistence", texts.SUBSISTENCE, "mzj", 20)):
        desk = Desk(places[place])
        consultation = publish_consultation(places[place], spec, desk)
        file_comments(consultation, [(*row, "") for row in texts.OPEN_COMMENTS[key]], desk)
        date_consultation(consultation, today - days(opened_ago), today - days(opened_ago) + days(29))
        made[key] = consultation
    # Closed three days ago: comments still waiting for the moderator, no feedback yet.
    desk = Desk(places["zrzyt"])
    spatial = publish_consultation(places["zrzyt"], texts.SPATIAL, desk)
    file_comments(spatial, [(*row, "") for row in texts.OPEN_COMMENTS["spatial"]], desk)
    date_consultation(spatial, today - days(32), today - days(3))
    made["spatial"] = spatial
    # Closed, answered and the feedback published.
    for key, spec, comments, feedback, place, opens_on in (
            ("business", texts.BUSINESS, texts.BUSINESS_COMMENTS, texts.BUSINESS_FEEDBACK, "province", ago(96)),
            ("housing", texts.HOUSING, texts.HOUSING_COMMENTS, texts.HOUSING_FEEDBACK, "zrzyj", ago(52))):
        desk = Desk(places[place])
        consultation = publish_consultation(places[place], spec, desk)
        filed = file_comments(consultation, comments, desk)
        closes_on = opens_on + days(29)
        Consultation.objects.filter(pk=consultation.pk).update(opens_on=opens_on, closes_on=closes_on)
        consultation.refresh_from_db()
        publish_feedback(consultation, feedback, [c for c in filed if c.state == "approved"], desk)
        date_consultation(consultation, opens_on, closes_on)
        made[key] = consultation
    return made


# -- hearings ------------------------------------------------------------------------------------------------------

def publish_hearing(target, spec, desk, closes_at, held_at):
    hearing = Hearing(agency=target, subject=spec["subject"], description=spec["description"], place=spec["place"],
                      seats=spec["seats"], selection_method=spec["method"], selection_note=spec["note"],
                      contact_info=spec["contact"], held_at=held_at, registration_closes_at=closes_at)
    actions.save_hearing(hearing, actor=desk.drafter)
    actions.submit_hearing(hearing, actor=desk.drafter)
    return actions.approve_hearing(hearing, actor=desk.approver)


def date_hearing(hearing, published):
    Hearing.objects.filter(pk=hearing.pk).update(submitted_at=published - datetime.timedelta(days=1),
                                                 published_at=published)
    registrations = list(hearing.registrations.order_by("pk"))
    for index, registration in enumerate(registrations):
        Registration.objects.filter(pk=registration.pk).update(
            submitted_at=published + datetime.timedelta(days=1 + index, hours=index))
    moments = {r.pk: published + datetime.timedelta(days=1 + i, hours=i) for i, r in enumerate(registrations)}
    closes, held = hearing.registration_closes_at, hearing.held_at
    times = {HearingEvent.Kind.SAVED: published - datetime.timedelta(days=2),
             HearingEvent.Kind.SUBMITTED: published - datetime.timedelta(days=1), HearingEvent.Kind.PUBLISHED: published,
             HearingEvent.Kind.SELECTED: closes + datetime.timedelta(days=1),
             HearingEvent.Kind.ANNOUNCED: closes + datetime.timedelta(days=2),
             HearingEvent.Kind.REPORT_SAVED: held + datetime.timedelta(days=2),
             HearingEvent.Kind.REPORT_SUBMITTED: held + datetime.timedelta(days=3),
             HearingEvent.Kind.REPORT_PUBLISHED: held + datetime.timedelta(days=4)}
    for event in hearing.events.all():
        when = moments[event.registration_id] if event.kind == HearingEvent.Kind.REGISTERED else times[event.kind]
        HearingEvent.objects.filter(pk=event.pk).update(at=when)
    kind = HearingEvent.Kind
    Registration.objects.filter(hearing=hearing, decided_at__isnull=False).update(decided_at=times[kind.SELECTED])
    if hearing.participants_announced_at:
        Hearing.objects.filter(pk=hearing.pk).update(participants_announced_at=times[kind.ANNOUNCED])
    HearingReport.objects.filter(hearing=hearing).update(submitted_at=times[kind.REPORT_SUBMITTED],
                                                         published_at=times[kind.REPORT_PUBLISHED])


def load_hearings(places):
    today = timezone.localdate()
    soon = publish_hearing(places["changsha"], texts.FARES_HEARING, Desk(places["changsha"]),
                           at(today + datetime.timedelta(days=8), 17), at(today + datetime.timedelta(days=15), 9, 30))
    for name, contact, interest, position, statement in texts.FARES_PEOPLE:
        actions.register(soon, name=name, contact=contact, interest=interest, position=position, statement=statement)
    date_hearing(soon, at(today - datetime.timedelta(days=6), 10))

    desk = Desk(places["changshaxian"])
    now = timezone.now()
    held = publish_hearing(places["changshaxian"], texts.PARKING_HEARING, desk, now + datetime.timedelta(hours=1),
                           now + datetime.timedelta(hours=2))
    people = [actions.register(held, name=name, contact=contact, interest=interest, position=position,
                               statement=statement) for name, contact, interest, position, statement, *_ in
              texts.PARKING_PEOPLE]
    Hearing.objects.filter(pk=held.pk).update(registration_closes_at=at(ago(33), 17), held_at=at(ago(26), 9, 30))
    held.refresh_from_db()
    for registration, (*_, selected, reason) in zip(people, texts.PARKING_PEOPLE, strict=True):
        actions.select_participant(registration, actor=desk.drafter, selected=selected, reason=reason)
    actions.announce_participants(held, actor=desk.approver)
    record_text = texts.PARKING_HEARING["record"].format(held=f"{ago(26).month}月{ago(26).day}日")
    report = actions.save_report(held, actor=desk.drafter, record_text=record_text,
                                 result=texts.PARKING_HEARING["result"])
    actions.submit_report(report, actor=desk.drafter)
    actions.approve_report(report, actor=desk.approver)
    held.refresh_from_db()
    date_hearing(held, at(ago(47), 10))
    return soon, held


# -- the decision catalog ------------------------------------------------------------------------------------------

DONE, PENDING, SKIP = StageStatus.DONE, StageStatus.PENDING, StageStatus.NOT_REQUIRED


def stages(*rows):
    """Five (status, done day or None, note) rows in the order of Stage."""
    return {stage: {"status": status, "done_on": day, "note": note}
            for stage, (status, day, note) in zip(Stage, rows, strict=True)}


def load_catalog(places, made, soon, held):
    year = timezone.localdate().year
    d = ago
    business, housing = made["business"], made["housing"]
    items = [
        ("province", 1, "湖南省进一步优化营商环境若干措施", "《优化营商环境条例》《湖南省优化营商环境规定》", f"{year}年11月",
         business, None, stages((DONE, d(67), "网上征求意见30日"), (DONE, d(52), "召开专家论证会"),
                                (DONE, d(47), "社会稳定风险评估为低风险"), (DONE, d(31), "省司法厅审查"),
                                (DONE, d(16), "省政府常务会议审议通过"))),
        ("czt", 1, "湖南省省级政府采购框架协议采购管理实施细则", "《政府采购法》《政府采购框架协议采购方式管理暂行办法》",
         f"{year + 1}年2月", made["procurement"], None,
         stages((PENDING, None, "正在网上征求意见"), (DONE, d(39), "书面征求5名专家意见"), (SKIP, None, "不涉及"),
                (PENDING, None, ""), (PENDING, None, ""))),
        ("czt", 2, "湖南省省级预算绩效管理办法（修订）", "《预算法》《预算法实施条例》", f"{year}年12月", None, None,
         stages((DONE, d(159), "征求省直部门和社会公众意见"), (DONE, d(139), ""), (DONE, d(134), ""),
                (DONE, d(87), ""), (PENDING, None, "拟提请厅党组会议审议"))),
        ("zrzyt", 1, "湖南省国土空间规划“一张图”实施监督管理办法", "《土地管理法实施条例》", f"{year + 1}年3月",
         made["spatial"], None, stages((DONE, d(3), "网上征求意见30日"), (PENDING, None, ""), (SKIP, None, "不涉及"),
                                       (PENDING, None, ""), (PENDING, None, ""))),
        ("changsha", 1, "长沙市生活垃圾分类管理办法", "《固体废物污染环境防治法》", f"{year + 1}年4月", made["waste"], None,
         stages((PENDING, None, "正在网上征求意见"), (DONE, d(37), ""), (PENDING, None, ""), (PENDING, None, ""),
                (PENDING, None, ""))),
        ("changsha", 2, "长沙市城市公共交通票价调整方案", "《价格法》《政府制定价格听证办法》", f"{year + 1}年3月", None, soon,
         stages((PENDING, None, "听证会报名中"), (DONE, d(26), "成本监审已完成"), (DONE, d(16), ""),
                (PENDING, None, ""), (PENDING, None, ""))),
        ("changshaxian", 1, "长沙县农村村民住宅建设管理办法", "《土地管理法》", f"{year}年12月", housing, None,
         stages((DONE, d(23), "网上征求意见30日"), (SKIP, None, "不涉及专业技术问题"), (DONE, d(18), ""),
                (DONE, d(10), "县司法局审查"), (PENDING, None, "拟提请县政府常务会议审议"))),
        ("changshaxian", 2, "长沙县城区机动车停放服务收费标准调整", "《价格法》《湖南省定价目录》", f"{year}年12月", None, held,
         stages((DONE, d(26), "举行听证会"), (DONE, d(57), ""), (DONE, d(49), ""), (DONE, d(16), ""),
                (DONE, d(8), "县政府常务会议审议通过"))),
        ("mzj", 1, "长沙县城乡居民最低生活保障审核确认实施细则", "《社会救助暂行办法》《湖南省最低生活保障审核确认办法》",
         f"{year + 1}年1月", made["subsistence"], None,
         stages((PENDING, None, "正在网上征求意见"), (SKIP, None, "不涉及"), (SKIP, None, "不涉及"), (PENDING, None, ""),
                (PENDING, None, ""))),
    ]
    for place, number, title, basis, planned, consultation, hearing, progress in items:
        desk = Desk(places[place])
        item = DecisionItem(agency=places[place], year=year, number=number, title=title, legal_basis=basis,
                            planned=planned, consultation=consultation, hearing=hearing)
        actions.save_decision(item, actor=desk.drafter, stages=progress)
        actions.submit_decision(item, actor=desk.drafter)
        actions.approve_decision(item, actor=desk.approver)
    published = at(min(datetime.date(year, 1, 21), timezone.localdate()), 10)
    DecisionItem.objects.filter(year=year).update(published_at=published, submitted_at=published)
    DecisionEvent.objects.filter(item__year=year).update(at=published)
    return len(items)


@transaction.atomic
def load_consultation_demo(stdout):
    from zhengwu.consultation.surveys.demo import load_survey_demo  # it builds on this module's Desk

    if Consultation.objects.filter(title=texts.PROCUREMENT["title"]).exists():
        stdout.write("决策公开演示数据已存在，跳过。")
        load_survey_demo(stdout)  # an older demo database gains the surveys
        return
    ensure_staff()
    places = {"province": by_slug_path("hunan"), "czt": by_slug_path("hunan/czt"),
              "zrzyt": by_slug_path("hunan/zrzyt"), "changsha": by_slug_path("hunan/changsha"),
              "changshaxian": by_slug_path("hunan/changsha/changshaxian"),
              "mzj": agency("hunan/changsha/changshaxian/mzj", "hunan/changsha/changshaxian"),
              "zrzyj": agency("hunan/changsha/changshaxian/zrzyj", "hunan/changsha/changshaxian")}
    made = load_consultations(places)
    soon, held = load_hearings(places)
    count = load_catalog(places, made, soon, held)
    comments = Comment.objects.filter(consultation__in=made.values()).count()
    stdout.write(f"决策公开：征求意见 {len(made)} 件（正在征求 3 件、已截止 3 件，其中 2 件已公布采纳情况），公众意见 "
                 f"{comments} 条，重大行政决策事项 {count} 项，听证会 2 场；审核账号 changsha_admin、hunan_admin"
                 f"（信息发布员 changsha_editor），密码同上。")
    load_survey_demo(stdout)
