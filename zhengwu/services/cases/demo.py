"""Demo 办件: a few thousand cases on the demo catalog, played through the real actions so that every
clock, event, card and violation is what the system itself would have made — in every state, some late,
some rated (差评 with their rectifications), and a few efficiency complaints."""

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from zhengwu.demo.people import People
from zhengwu.notifications.models import Notification
from zhengwu.orgs.models import Agency, Role, StaffRole
from zhengwu.services import actions
from zhengwu.services.models import CaseChannel, Matter, Rating, RatingChannel, Rectification, ServiceCase
from zhengwu.supervision import actions as supervision_actions
from zhengwu.timelimits import calendar

SHANGHAI = ZoneInfo("Asia/Shanghai")
# Where a case ends up, and how often (weights).
STATES = [("completed", 55), ("refused", 3), ("withdrawn", 2), ("received", 4), ("routed", 5), ("correction", 4),
          ("accepted", 19), ("special", 3), ("decided", 5)]
PRAISE = ["窗口一次性告知了所有材料，办理很快。", "全程网上办理，不用跑腿。", "工作人员态度热情，讲解清楚。", ""]
COMPLAINTS = ["窗口让我来回跑了两次，材料没有一次性说清楚。", "等候时间太长，叫号系统混乱。",
              "网上申请提交后很久没有人联系。", "办事指南写的材料和窗口要求的不一致。"]
REFUSALS = ["申请事项不属于本机关职权范围，请向户籍所在地民政部门申请。", "申请人不具备申请资格（不符合受理条件第二项）。", ""]
CORRECTIONS = ["营业执照副本复印件；法定代表人身份证复印件", "经营场所产权证明或租赁合同；场所平面布局图",
               "户口簿原件及复印件；近期免冠照片 2 张"]


def _window_clerks():
    """The WINDOW_CLERK who acts for each government (the demo's 综合窗口), by agency id."""
    return {grant.agency_id: grant.user for grant in StaffRole.objects.filter(role=Role.WINDOW_CLERK)
            .select_related("user")}


def _actor(clerks, case):
    return clerks.get(case.agency_id) or clerks.get(case.window_agency_id)


def _days(cal, start, n, today):
    day = cal.add_workdays(start, n) if n else start
    return min(day, today)


def _play(case, target, rng, cal, today, clerks):
    """Take one received case to `target`, with realistic dates (some steps late)."""
    user = _actor(clerks, case)
    received = case.received_on
    if target == "received":
        return case
    case = actions.route(case, user)
    if target == "routed":
        return case
    if target == "correction" or (target not in ("withdrawn", "refused") and rng.random() < 0.12):
        on = _days(cal, received, rng.randint(0, 3), today)
        case = actions.request_correction(case, user, rng.choice(CORRECTIONS), on=on)
        if target == "correction":
            return case
        case = actions.receive_correction(case, user, "申请人到窗口补交", on=_days(cal, on, rng.randint(1, 4), today))
        if rng.random() < 0.05:  # now and then a second notice: supervision records 二次补正
            again = case.step_clock.counting_from
            case = actions.request_correction(case, user, "补充提交近三个月水电费缴费凭证", on=again)
            case = actions.receive_correction(case, user, on=_days(cal, again, 1, today))
    if target == "withdrawn":
        return actions.withdraw(case, user, "申请人申请撤回")
    start = case.step_clock.counting_from or case.received_on
    if target == "refused":
        return actions.refuse(case, user, rng.choice(REFUSALS), on=_days(cal, start, rng.randint(0, 3), today))
    accepted_on = _days(cal, start, rng.randint(0, 6 if rng.random() < 0.1 else 3), today)
    case = actions.accept(case, user, on=accepted_on)
    if target == "accepted":
        return case
    procedures = list(case.matter.special_procedures.all())
    if target == "special" or (procedures and rng.random() < 0.15):
        procedure = rng.choice(procedures) if procedures else None
        on = _days(cal, accepted_on, rng.randint(1, 3), today)
        case = actions.start_special(case, user, procedure=procedure, name="现场核查", on=on)
        if target == "special":
            return case
        case = actions.end_special(case, user, "核查合格", on=_days(cal, on, rng.randint(2, 6), today))
    limit = case.matter.promised_workdays
    late = rng.random() < 0.08
    decided_on = _days(cal, case.clock.counting_from or accepted_on,
                       rng.randint(limit + 1, limit + 5) if late else rng.randint(0, max(limit - 1, 0)), today)
    denied = rng.random() < 0.04
    case = actions.decide(case, user, "denied" if denied else "approved",
                          "经审查，申请材料反映的经营场所不符合要求。" if denied else "", on=decided_on)
    if case.matter.charged and rng.random() < 0.9:
        extra = 20 if rng.random() < 0.03 else 0  # the odd excess fee: supervision records 超范围收费
        case = actions.record_fee(case, user, case.matter.fee_limit + extra, on=decided_on)
    if target == "decided":
        return case
    done_on = _days(cal, decided_on, rng.randint(0, 3), today)
    result = f"{case.matter.result_name or case.matter.name + '办理结果'}已送达" if not denied else "不予许可决定书已送达"
    return actions.complete(case, user, result, on=done_on)


def _rate(case, rng, today, clerks):
    roll = rng.random()
    level = 5 if roll < 0.6 else 4 if roll < 0.85 else 3 if roll < 0.92 else 2 if roll < 0.96 else 1
    comment = rng.choice(COMPLAINTS) if level <= 2 else rng.choice(PRAISE)
    rating = actions.rate(case=case, level=level, channel=rng.choice([RatingChannel.ONLINE, RatingChannel.ONSITE]),
                          comment=comment, real_name=rng.random() < 0.9,
                          dimensions={"整体满意度": level, "办事效率": max(1, level - rng.randint(0, 1))})
    Rating.objects.filter(pk=rating.pk).update(rated_on=min(today, case.completed_on + timedelta(days=rng.randint(0, 2))))
    handler = _actor(clerks, case)
    if rating.is_bad and handler is not None and rng.random() < 0.7:  # where the demo has someone to do it
        actions.close_rectification(
            rating.rectification, handler, outcome=Rectification.Outcome.RECTIFIED,
            outcome_text="已约谈窗口负责人，对照办事指南逐项核对材料清单，实行一次性告知并公示。",
            callback_note="电话回访申请人，对整改情况表示满意。")


def _complaints(rng, today):
    inspector = StaffRole.objects.filter(role=Role.INSPECTOR).select_related("user").first()
    departments = list(Agency.objects.filter(service_matters__isnull=False).distinct()[:6])
    people = People(rng)
    texts = ["窗口工作人员上班时间玩手机，群众排队无人理会。", "同一材料被要求提交三次，每次说法都不一样。",
             "网上申请超过承诺时限仍未办结，电话无人接听。", "窗口要求另外缴纳材料费，办事指南上并无此项。"]
    for i, agency in enumerate(departments):
        person = people.person()
        complaint = supervision_actions.file_complaint(agency=agency, name=person.name, phone=person.phone,
                                                       content=texts[i % len(texts)])
        if inspector and i % 2 == 0:
            supervision_actions.close_complaint(
                complaint, inspector.user, finding="substantiated" if i % 4 == 0 else "unsubstantiated",
                outcome="经调查核实，已责成该单位整改并对相关人员批评教育。" if i % 4 == 0 else "经调查，未发现所反映的问题，已向投诉人说明。")


def load_service_cases_demo(count=2000, stdout=None, seed=2012):
    """Create `count` demo cases (once); returns how many were created."""
    if ServiceCase.objects.filter(is_demo=True).exists():
        return 0
    matters = list(Matter.objects.filter(is_active=True).select_related("agency")
                   .prefetch_related("special_procedures"))
    if not matters:
        return 0
    rng = random.Random(seed)
    cal = calendar.current()
    today = timezone.localdate()
    people = People(rng)
    clerks = _window_clerks()
    states = [s for s, _ in STATES]
    weights = [w for _, w in STATES]
    created = 0
    first_notification = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with transaction.atomic():  # one transaction: thousands of small commits would take minutes on SQLite
        for _ in range(count):
            matter = rng.choice(matters)
            target = rng.choices(states, weights)[0]
            if target in ("completed", "refused", "withdrawn"):
                back = rng.randint(5, 150)
            else:  # open cases are mostly recent; about one in eight has been left to run late
                back = rng.randint(25, 60) if rng.random() < 0.12 else rng.randint(1, 12)
            received = today - timedelta(days=back)
            person = people.person()
            form = {f["name"]: f"{f['label']}（示例）" for f in matter.form_fields or []}
            channel = CaseChannel.ONLINE if matter.applies_online and rng.random() < 0.6 else CaseChannel.COUNTER
            at = datetime(received.year, received.month, received.day, rng.randint(8, 17), rng.randint(0, 59),
                          tzinfo=SHANGHAI)
            case = actions.receive_application(
                matter, {"applicant_kind": "person", "name": person.name, "id_number": person.id_number,
                         "phone": person.phone}, form, channel=channel, submitted_at=at,
                actor=None if channel == CaseChannel.ONLINE else clerks.get(actions.window_of(matter.agency).pk))
            ServiceCase.objects.filter(pk=case.pk).update(is_demo=True)
            case = _play(case, target, rng, cal, today, clerks)
            if case.state == "completed" and rng.random() < 0.6:
                _rate(case, rng, today, clerks)
            created += 1
        _complaints(rng, today)
        # The actions queued SMS to the invented applicants as for real cases; those numbers may belong to real
        # people, so the demo's rows go before the transaction commits (as in foi.demo): nothing is sent.
        Notification.objects.filter(pk__gt=first_notification, status=Notification.Status.PENDING).delete()
    if stdout:
        stdout.write(f"已创建 {created} 件演示办件（含评价、差评整改与效能投诉）。")
    return created
