"""Demo 依申请公开: a year of information requests to 湖南省财政厅 (most), 自然资源厅, 长沙市, 长沙县 and 星沙街道,
in every state and with every outcome of the annual report's table 三, plus reviews, lawsuits and complaints.

Everything goes through `foi.actions`, acting on past dates (`on=`), so numbers come from the allocator,
due dates from the clock engine and every step is on the timeline, as if the staff had done it that day.
Applicants are invented; their ID numbers and credit codes are well-formed but fictitious, their email
addresses at example.com. Each request carries an internal note saying it is demo data, which is also
how a second run knows to do nothing."""

import random
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from zhengwu.demo.people import People
from zhengwu.foi import actions
from zhengwu.foi.actions.replies import review_body
from zhengwu.foi.demo_cases import ANSWERED, CLOSED, COMPLAINTS, HOW, OPEN
from zhengwu.foi.forms import RequestForm
from zhengwu.foi.models import ApplicantType, Complaint, InformationRequest, Remedy, RequestEvent
from zhengwu.foi.notices.wording import chinese_date
from zhengwu.notifications.models import Notification
from zhengwu.orgs.demo import by_slug_path
from zhengwu.orgs.models import Agency
from zhengwu.timelimits import calendar

DEMO_NOTE = "演示数据：由 loaddemo 生成的模拟申请，申请人信息均为虚构。"

# key → (agency slug path, handler, reviewer who signs off replies, head who approves extensions)
AGENCIES = {
    "czt": ("hunan/czt", "czt_foi", "czt_reviewer", "czt_head"),
    "zrzyt": ("hunan/zrzyt", "zrzyt_foi", "zrzyt_head", "zrzyt_head"),
    "changsha": ("hunan/changsha", "changsha_foi", "changsha_head", "changsha_head"),
    "csx": ("hunan/changsha/changshaxian", "csx_foi", "csx_head", "csx_head"),
    "xingsha": ("hunan/changsha/changshaxian/xingshajiedao", "csx_foi", "csx_head", "csx_head"),
}
COURT = "长沙铁路运输法院"  # 长沙地区行政案件集中管辖

# --- the loader ----------------------------------------------------------------------------------

class Demo:
    def __init__(self, seed, today):
        self.rng = random.Random(seed)
        self.people = People(self.rng)
        self.today = today
        self.cal = calendar.current()
        self.tz = timezone.get_current_timezone()
        users = get_user_model().objects.in_bulk(
            {name for _, *names in AGENCIES.values() for name in names}, field_name="username")
        self.staff = {}
        for key, (path, handler, reviewer, head) in AGENCIES.items():
            self.staff[key] = (by_slug_path(path), users[handler], users[reviewer], users[head])
        self.labels = {}
        self.reviews = 0

    # dates ---------------------------------------------------------------------------------------
    def workdays_ago(self, n):
        day = self.today
        while n > 0 or not self.cal.is_workday(day):
            day -= timedelta(days=1)
            if self.cal.is_workday(day):
                n -= 1
        return day

    def after(self, day, low, high=None):
        """A working day `low`–`high` working days after `day`, never after today."""
        return min(self.cal.add_workdays(day, self.rng.randint(low, high if high is not None else low)), self.today)

    def before(self, day, n):
        while n > 0:
            day -= timedelta(days=1)
            if self.cal.is_workday(day):
                n -= 1
        return day

    def at(self, day, hour_low=9, hour_high=17):
        moment = datetime.combine(day, time(self.rng.randint(hour_low, hour_high - 1), self.rng.randint(0, 59)))
        return timezone.make_aware(moment, self.tz)

    # applicants and filing -----------------------------------------------------------------------
    def applicant(self, case):
        if case.applicant.startswith("person"):
            key = case.applicant.partition(":")[2] or None
            return self.people.person(name="刘建军" if key == "liujianjun" else None, key=key)
        return self.people.organisation(case.applicant, case.org)

    def channel(self, case, applicant):
        if case.channel:
            return case.channel
        roll = self.rng.random()
        if applicant.type != ApplicantType.NATURAL_PERSON:
            return "online" if roll < 0.7 else ("post" if roll < 0.9 else "fax")
        return "online" if roll < 0.6 else ("in_person" if roll < 0.8 else ("post" if roll < 0.95 else "fax"))

    def file(self, case, received_target):
        agency, handler, *_ = self.staff[case.agency]
        applicant = self.applicant(case)
        channel = self.channel(case, applicant)
        if channel in ("online", "fax"):
            way = "online" if self.rng.random() < 0.3 else "email"
        else:
            way = "pickup" if channel == "in_person" else "post"
        data = {"agency": agency.name, "applicant_type": applicant.type, "name": applicant.name,
                "id_type": applicant.id_type, "id_number": applicant.id_number, "phone": applicant.phone,
                "contact_person": applicant.contact_person, "email": applicant.email if way == "email" else "",
                "address": applicant.address, "postcode": applicant.postcode, "info_title": case.title,
                "info_doc_number": case.doc, "description": case.description, "purpose_note": case.purpose,
                "delivery_form": "electronic" if way in ("email", "online") else "paper", "delivery_way": way}
        form = RequestForm(data=data)
        if not form.is_valid():
            raise ValueError(f"演示申请数据无效：{case.title} {form.errors.as_json()}")
        extra = {}
        if channel == "online":
            weekend = received_target - timedelta(days=1)
            if not self.cal.is_workday(weekend) and (case.label == "weekend" or self.rng.random() < 0.4):
                while not self.cal.is_workday(weekend - timedelta(days=1)):
                    weekend -= timedelta(days=1)
                submitted_at = self.at(weekend, 8, 23)  # filed at the weekend: received on the next working day
            else:
                submitted_at = self.at(received_target, 8, 23)
        elif channel == "fax":
            submitted_at = self.at(received_target)
        elif channel == "in_person":
            submitted_at = self.at(received_target, 9, 17)
        elif channel == "post":
            submitted_at, extra["signed_on"] = self.at(received_target, 9, 12), received_target
        else:  # plain letter: arrived the day before, confirmed with the applicant by phone
            submitted_at, extra["confirmed_on"] = self.at(self.before(received_target, 1)), received_target
        actor = None if channel == "online" else handler
        request = actions.submit_request(form.cleaned_data, channel, submitted_at=submitted_at, actor=actor, **extra)
        actions.add_note(request, actor=handler, text=DEMO_NOTE)
        if self.rng.random() < 0.85:
            actions.assign(request, actor=handler, assignee=handler)
        if case.label:
            self.labels[case.label] = request
        return request

    # steps ---------------------------------------------------------------------------------------
    def reviewer(self, case):
        _, _, reviewer, head = self.staff[case.agency]
        self.reviews += 1
        return head if self.reviews % 4 == 0 else reviewer

    def reply_fields(self, case, request):
        fields = {k: v for k, v in case.reply.items() if k != "outcome"}
        outcome = case.outcome or case.reply.get("outcome")
        if outcome in ("r1", "r2") and "how_to_obtain" not in fields:
            fields["how_to_obtain"] = HOW[request.delivery_way]
        if outcome == "r5_2":
            original = self.labels["liu_original"]
            fields["reasons"] = (f"您于{chinese_date(original.received_on)}提出的申请（编号{original.number}）本机关已于"
                                 f"{chinese_date(original.decided_on)}答复，本次申请的是相同的政府信息")
        return outcome, fields

    def correct(self, case, request, day):
        items, supplied = case.correction
        day = self.after(day, 1, 3)
        actions.request_correction(request, actor=self.staff[case.agency][1], items=items, on=day)
        if supplied:
            day = self.after(day, 2, 8)
            actions.receive_correction(request, actor=self.staff[case.agency][1], supplied=supplied, on=day)
        return day

    def consult(self, case, request, day):
        kind, party, question, opinion, reply = case.consult
        day = self.after(day, 1, 3)
        consultation = actions.consult(request, actor=self.staff[case.agency][1], party_kind=kind, party_name=party,
                                       question=question, on=day)
        if opinion:
            day = self.after(day, 4, 12)
            actions.close_consultation(consultation, actor=self.staff[case.agency][1], opinion=opinion, reply=reply,
                                       on=day)
        return day

    def fee(self, case, request, day, pay=True):
        handler = self.staff[case.agency][1]
        day = self.after(day, 1, 4)
        notice = actions.notify_fee(request, actor=handler, method="by_volume", pages=case.fee_pages, on=day)
        if pay:
            day = self.after(day, 2, 9)
            actions.record_payment(request, actor=handler, on=day,
                                   reference=f"湖南省非税收入一般缴款书 {self.rng.randrange(10 ** 9):09d}")
        return day, notice

    def extend(self, case, request, day, approve):
        _, handler, _, head = self.staff[case.agency]
        request.clock.refresh_from_db()
        # Within the answer period, as Art. 33 requires: proposed and decided a few days before it runs out.
        day = max(day, min(self.before(request.clock.due_on, self.rng.randint(1, 3)), self.today))
        extension = actions.propose_extension(
            request, actor=handler, workdays=15 if approve else 10,
            reason="所申请信息涉及多个处室和历年档案，需逐件检索、审查" if approve else "经办人员出差", on=day)
        note = "同意延长" if approve else "理由不充分，请在期限内答复"
        actions.decide_extension(extension, actor=head, approve=approve, note=note, on=day)
        return day

    def draft(self, case, request, sign_on=None):
        handler = self.staff[case.agency][1]
        outcome, fields = self.reply_fields(case, request)
        reply = actions.draft_reply(request, actor=handler, outcome=outcome, **fields)
        if case.returned or case.draft_only == "returned":
            note = case.returned or "请补充检索的范围和过程。"
            actions.review_reply(reply, actor=self.reviewer(case), approve=False, note=note)
            if case.draft_only == "returned":
                return reply
            reply = actions.draft_reply(request, actor=handler, outcome=outcome, **fields)
        if sign_on is not None:
            reply = actions.review_reply(reply, actor=self.reviewer(case), approve=True, on=sign_on)
        return reply

    def send(self, case, request, day):
        request.clock.refresh_from_db()
        due = request.clock.due_on
        if case.late:
            send_on = self.after(due, 2, 6)
        else:
            earliest = self.cal.add_workdays(day, 2)
            span = max(self.cal.workdays_between(earliest, due), 0)
            send_on = min(self.cal.add_workdays(earliest, self.rng.randint(0, span)), self.today)
        send_on = max(send_on, day)
        sign_on = max(day, self.before(send_on, self.rng.randint(0, 1)))
        reply = self.draft(case, request, sign_on=sign_on)
        detail = {"post": f"EMS {self.rng.randrange(10 ** 12, 10 ** 13)}", "pickup": "申请人持身份证件当场领取",
                  "email": "已发送至申请人预留的电子邮箱"}.get(request.delivery_way, "")
        actions.send_reply(reply, actor=self.staff[case.agency][1], detail=detail, on=send_on)
        request.refresh_from_db()
        return send_on

    def remedies(self, case, request):
        handler = self.staff[case.agency][1]
        day = request.decided_on
        for kind, result, note in case.remedies:
            filed = min(day + timedelta(days=self.rng.randint(15, 45)), self.today)
            year = filed.year
            if kind == "review":
                body = review_body(request.agency)
                prefix = {"湖南省人民政府": "湘政复", "长沙市人民政府": "长政复", "长沙县人民政府": "长县政复"}.get(body, "复")
                number = f"{prefix}〔{year}〕{self.rng.randint(20, 300)}号"
            else:
                body, number = COURT, f"（{year}）湘8601行初{self.rng.randint(10, 400)}号"
            remedy = actions.record_remedy(request, actor=handler, kind=kind, filed_on=filed, body=body,
                                           case_number=number)
            day = filed
            if result != Remedy.Result.PENDING:
                day = min(filed + timedelta(days=self.rng.randint(40, 70)), self.today)
                actions.conclude_remedy(remedy, actor=handler, result=result, concluded_on=day, note=note)

    # one case ------------------------------------------------------------------------------------
    def needed_age(self, case):
        age = 24 + (12 if case.correction else 0) + (15 if case.consult else 0) + (10 if case.fee_pages else 0)
        age += (18 if case.extension == "approved" else 0) + (8 if case.late else 0)
        return age + (75 * len(case.remedies))

    def run(self, case, received_target):
        request = self.file(case, received_target)
        day = request.received_on
        if case.flow == "lapse_correction":
            correction = actions.request_correction(request, actor=self.staff[case.agency][1],
                                                    items=case.correction[0], on=self.after(day, 1, 3))
            actions.close_lapsed(on=correction.clock.due_on + timedelta(days=1))
            return request
        if case.flow == "lapse_fee":
            day, notice = self.fee(case, request, day, pay=False)
            actions.close_lapsed(on=notice.clock.due_on + timedelta(days=1))
            return request
        if case.flow == "open":
            return self.run_open(case, request, day)
        if case.correction:
            day = self.correct(case, request, day)
        if case.consult:
            day = self.consult(case, request, day)
        if case.fee_pages:
            day, _ = self.fee(case, request, day)
        if case.extension:
            day = self.extend(case, request, day, case.extension == "approved")
        self.send(case, request, day)
        if case.remedies:
            self.remedies(case, request)
        return request

    def run_open(self, case, request, day):
        if case.state == "correction":
            self.correct(case, request, day)
        elif case.state == "consulting":
            self.consult(case, request, day)
        elif case.state == "fee":
            self.fee(case, request, day, pay=False)
        elif case.state == "extended" or case.extension:
            self.extend(case, request, day, case.state == "extended")
        if case.draft_only:
            sign_on = self.today if case.draft_only == "approved" else None
            self.draft(case, request, sign_on=sign_on)
        return request

    def complaint(self, agency_key, label, content, state, finding, answer):
        agency, handler, *_ = self.staff[agency_key]
        related = self.labels.get(label)
        person = self.people.person()
        if related is not None and related.decided_on:
            filed = min(related.decided_on + timedelta(days=self.rng.randint(3, 20)), self.today)
        elif state == "open":
            filed = self.workdays_ago(self.rng.randint(2, 8))
        else:
            filed = self.workdays_ago(self.rng.randint(60, 200))
        complaint = actions.file_complaint(agency=agency, name=person.name, phone=person.phone, content=content,
                                           related_request=related, submitted_at=self.at(filed))
        if state == "answered":
            actions.answer_complaint(complaint, actor=handler, finding=finding, answer=answer,
                                     on=self.after(complaint.received_on, 5, 15))
        return complaint


OPEN_AGES = {"due_soon": (14, 18), "overdue": (23, 40), "extended": (24, 30), "correction": (3, 6),
             "consulting": (5, 9), "fee": (6, 10), "new": (1, 2)}


def cases():
    return ANSWERED + CLOSED + OPEN


def demo_ready():
    """Whether the agencies and staff the demo acts as exist (they come from load_agencies/load_accounts)."""
    usernames = {name for _, *names in AGENCIES.values() for name in names}
    if get_user_model().objects.filter(username__in=usernames).count() != len(usernames):
        return False
    try:
        for path, *_ in AGENCIES.values():
            by_slug_path(path)
    except Agency.DoesNotExist:
        return False
    return True


def already_loaded():
    return RequestEvent.objects.filter(kind=RequestEvent.Kind.NOTE, message=DEMO_NOTE).exists()


def drop_demo_notifications(requests, complaints):
    """The actions queued the applicants' SMS and email as for real requests. The invented numbers and
    addresses may belong to real people, so the demo's own rows are dropped before the transaction commits:
    nothing is sent, and the notification log holds only what was really sent."""
    about = Q(pk__in=[])
    for model, objects in ((InformationRequest, requests), (Complaint, complaints)):
        about |= Q(content_type=ContentType.objects.get_for_model(model),
                   object_id__in=[str(obj.pk) for obj in objects])
    deleted, _ = Notification.objects.filter(about, status=Notification.Status.PENDING).delete()
    return deleted


@transaction.atomic
def load_requests(seed=2026):
    """Some 90 demo requests and 5 complaints over the past year; returns (requests, complaints) created,
    (0, 0) when they exist already or the demo agencies and accounts are missing."""
    if already_loaded() or not demo_ready():
        return 0, 0
    demo = Demo(seed, timezone.localdate())  # the actions act up to today, so the plan does too
    rng = demo.rng
    plan = []
    for case in cases():
        if case.label == "weekend":  # filed online at the last weekend, received the next working day
            received = demo.workdays_ago(1)
            while demo.cal.is_workday(received - timedelta(days=1)):
                received -= timedelta(days=1)
            plan.append((received, case))
            continue
        if case.age:
            age = case.age
        elif case.flow == "open":
            age = rng.randint(*OPEN_AGES[case.state])
        else:
            age = rng.randint(min(demo.needed_age(case), 200), 235)
        plan.append((demo.workdays_ago(age), case))
    plan.sort(key=lambda item: item[0])  # numbers follow the order of receipt, as they would
    requests = [demo.run(case, received) for received, case in plan]
    complaints = [demo.complaint(*spec) for spec in COMPLAINTS]
    drop_demo_notifications(requests, complaints)
    return len(requests), len(complaints)
