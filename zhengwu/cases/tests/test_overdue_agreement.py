"""“Overdue” means one thing everywhere: past the due date by at least one working day (timelimits.bands).

One case of each type is due on Friday 3 April 2026, the last working day before the 清明 holiday (Saturday to
Monday off). On each of the next five days the admin lists, the public lookup pages, the supervision sweep and
the monthly report's figure agree: nothing is overdue over the weekend and the holiday, everything is on
Tuesday 7 April and after. (Counted in calendar days, all of them would have been “overdue” on Saturday.)"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from zhengwu.foi.actions import file_complaint as file_foi_complaint
from zhengwu.foi.actions import submit_request
from zhengwu.foi.actions.complaints import complaint_workdays as foi_complaint_workdays
from zhengwu.foi.actions.intake import answer_workdays
from zhengwu.foi.forms import RequestForm
from zhengwu.foi.monthly_sources import request_records
from zhengwu.interaction.actions import write_letter
from zhengwu.interaction.models import Mailbox
from zhengwu.orgs.models import Role
from zhengwu.services.actions import receive_application
from zhengwu.services.models import CaseChannel, Matter, MatterType
from zhengwu.supervision import actions as supervision
from zhengwu.supervision.models import Violation, ViolationKind
from zhengwu.supervision.sweep import run_sweep
from zhengwu.testing.tree import PASSWORD
from zhengwu.timelimits import calendar

SHANGHAI = ZoneInfo("Asia/Shanghai")
DUE = date(2026, 4, 3)  # a Friday; 4–6 April are days off (清明), 7 April is a working day
NEXT_FIVE_DAYS = [date(2026, 4, d) for d in (4, 5, 6, 7, 8)]
OVERDUE_FROM = date(2026, 4, 7)


@pytest.fixture
def on_day(monkeypatch):
    """Travel to a day (10:00 in China) for everything that asks timezone.now() or localdate()."""
    def travel(day):
        moment = datetime.combine(day, time(10), SHANGHAI)
        monkeypatch.setattr(timezone, "now", lambda: moment)
    return travel


def start_for(workdays):
    """The working day on which a clock of `workdays` working days must start to be due on DUE."""
    cal, day = calendar.current(), DUE
    while cal.add_workdays(day, workdays) != DUE or not cal.is_workday(day):
        day = date.fromordinal(day.toordinal() - 1)
    return day


@pytest.fixture
def cases(hunan, on_day):
    """One open case of each type, every clock due on DUE."""
    made = {}
    on_day(start_for(answer_workdays()))
    form = RequestForm(data={"agency": "湖南省财政厅", "applicant_type": "natural_person", "name": "张三",
                             "id_type": "resident_id", "id_number": "430121199001011237", "phone": "13812345678",
                             "description": "2025年省级部门预算中“三公”经费的明细", "delivery_form": "electronic",
                             "delivery_way": "email", "email": "zs@example.com"})
    assert form.is_valid(), form.errors
    made["foi.request"] = submit_request(form.cleaned_data)

    on_day(start_for(foi_complaint_workdays()))
    made["foi.complaint"] = file_foi_complaint(agency=hunan.czt, name="李四", phone="13900000002",
                                               content="申请逾期未答复。")

    matter = Matter.objects.create(
        agency=hunan.czt, code="430000CZT-XK-0001", name="某项行政许可", matter_type=MatterType.LICENSING,
        legal_basis="某法第十条", statutory_workdays=20, promised_workdays=10, charged=False,
        online_depth=Matter.OnlineDepth.FULL, form_fields=[])
    on_day(start_for(matter.acceptance_workdays))
    made["services.case"] = receive_application(
        matter, {"applicant_kind": "person", "name": "王五", "id_number": "430121199001011237",
                 "phone": "13800000003"}, {}, channel=CaseChannel.ONLINE)

    box = Mailbox.objects.create(agency=hunan.province, name="省长信箱", slug="szxx", kind=Mailbox.Kind.LEADER)
    on_day(start_for(box.limit_workdays))
    made["interaction.letter"] = write_letter(box, {
        "category": "consult", "subject": "咨询社保卡补办", "body": "请问社保卡丢失后如何补办？", "name": "赵六",
        "phone": "13900000004", "email": "", "address": "", "may_publish": False})

    on_day(start_for(supervision.complaint_workdays()))
    made["supervision.complaint"] = supervision.file_complaint(agency=hunan.czt, name="钱七", phone="13900000005",
                                                               content="窗口推诿。")
    for key, case in made.items():
        clock = case.step_clock if key == "services.case" else case.clock
        assert clock.due_on == DUE, key
    return made


ADMIN_LISTS = {"foi.request": "/admin/foi/requests/", "foi.complaint": "/admin/foi/complaints/",
               "services.case": "/admin/services/cases/", "interaction.letter": "/admin/interaction/letters/"}
PUBLIC_LOOKUPS = {"foi.request": "/ysqgk/track/", "foi.complaint": "/ysqgk/complaint/lookup/",
                  "services.case": "/zwfw/track/", "interaction.letter": "/hdjl/xx/track/",
                  "supervision.complaint": "/dzjc/complaint/lookup/"}


def test_lists_pages_sweep_and_monthly_report_agree_on_overdue_across_a_holiday(client, hunan, cases, on_day):
    hunan.user("admin", hunan.province, Role.SYSTEM_ADMIN)
    for day in NEXT_FIVE_DAYS:
        on_day(day)
        expected = day >= OVERDUE_FROM
        client.login(username="admin", password=PASSWORD)
        for key, url in ADMIN_LISTS.items():
            listed = client.get(url, {"due": "overdue"}).content.decode()
            assert (cases[key].number in listed) == expected, (day, key, "admin list")
            soon = client.get(url, {"due": "due_soon"}).content.decode()
            assert (cases[key].number in soon) == (not expected), (day, key, "due soon")
        client.logout()
        for key, url in PUBLIC_LOOKUPS.items():
            page = client.post(url, {"number": cases[key].number, "code": cases[key].tracking_code}).content.decode()
            assert cases[key].number in page, (day, key)
            assert ("已超过期限" in page) == expected, (day, key, "public page")
        run_sweep(today=day)
        swept = set(Violation.objects.filter(kind=ViolationKind.OVERDUE).values_list("case_type", flat=True))
        assert swept == (set(cases) if expected else set()), (day, "sweep")
        counted = request_records("requests_overdue", hunan.czt, date(2026, 4, 1), day).queryset
        assert counted.filter(pk=cases["foi.request"].pk).exists() == expected, (day, "monthly report")
