"""Demo monthly reports for the past four months, made through the real actions so that the admin shows
every state: approved months behind, 财政厅's last month awaiting the province's approval, 自然资源厅's
sent back with a reason, 长沙县's last month a half-filled draft and 星沙街道's month before left
unsubmitted (both overdue once their due day has passed; 星沙街道's always has). The times of the steps
are moved back to plausible days around each month's deadline. A second run finds the reports and does
nothing."""

import random
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from zhengwu.notifications.models import Notification
from zhengwu.orgs.demo import by_slug_path
from zhengwu.orgs.models import Agency
from zhengwu.reports.monthly.actions import approve, open_report, return_report, save_manual, submit
from zhengwu.reports.monthly.figures import due_on, manual_indicators, today
from zhengwu.reports.monthly.models import MonthlyReport, MonthlyReportEvent

RETURN_REASON = ("“政务新媒体发布信息（条）”与本厅微信公众号后台的统计不符（后台为 86 条），"
                 "请核实后重新上报。")
# agency slug path → (reporter, approver, {months ago: what becomes of the report})
PLAN = [
    ("hunan/czt", "czt_foi", "admin", {4: "approved", 3: "approved", 2: "approved", 1: "submitted"}),
    ("hunan/zrzyt", "zrzyt_foi", "admin", {3: "approved", 2: "approved", 1: "returned"}),
    ("hunan/changsha", "changsha_foi", "admin", {3: "approved", 2: "approved", 1: "approved"}),
    ("hunan/changsha/changshaxian", "csx_foi", "changsha_head", {3: "approved", 2: "submitted", 1: "draft"}),
    ("hunan/changsha/changshaxian/xingshajiedao", "csx_foi", "csx_head", {3: "approved", 2: "draft"}),
]


def months_ago(count: int) -> tuple[int, int]:
    year, month = today().year, today().month - count
    while month < 1:
        year, month = year - 1, month + 12
    return year, month


def _figures(rng, agency, partial=False) -> dict:
    """Plausible manual figures: a government more than a department, a township least."""
    scale = {Agency.Kind.GOVERNMENT: 3, Agency.Kind.TOWNSHIP: 1}.get(agency.kind, 2)
    figures = {
        "press_conferences": rng.randint(0, 2) * scale // 2, "new_media_posts": rng.randint(20, 60) * scale,
        "reading_room_visits": rng.randint(5, 40) * scale, "service_cases": rng.randint(80, 400) * scale,
        "letters_received": rng.randint(3, 25) * scale, "red_cards": rng.choice([0, 0, 0, 1]),
        "yellow_cards": rng.choice([0, 0, 1, 2]),
    }
    figures["ratings_total"] = figures["service_cases"] // 2
    figures["ratings_satisfied"] = figures["ratings_total"] - rng.randint(0, 4)
    wanted = {indicator.key for indicator in manual_indicators()}
    figures = {key: value for key, value in figures.items() if key in wanted}
    if partial:  # the draft: the obvious ones filled in, the rest still to do
        figures = {key: value for key, value in list(figures.items())[:3]}
    return figures


def _backdate(report, due, state):
    """Move the steps' times back to around the month's due day (the actions stamped them now)."""
    zone = timezone.get_current_timezone()
    now = timezone.now()  # a month whose due day is still ahead: its steps stay at today's times
    submitted = min(datetime.combine(due - timedelta(days=2), time(10, 30), tzinfo=zone), now)
    reviewed = min(datetime.combine(due + timedelta(days=1), time(15, 10), tzinfo=zone), now)
    MonthlyReport.objects.filter(pk=report.pk).update(
        submitted_at=submitted if report.submitted_at else None,
        approved_at=reviewed if state == "approved" else None,
        returned_at=reviewed if state == "returned" else None)
    events = MonthlyReportEvent.objects.filter(report=report)
    events.filter(kind=MonthlyReportEvent.Kind.OPENED).update(at=submitted - timedelta(days=3))
    events.filter(kind=MonthlyReportEvent.Kind.SAVED).update(at=submitted - timedelta(days=1))
    events.filter(kind=MonthlyReportEvent.Kind.SUBMITTED).update(at=submitted)
    events.filter(kind__in=[MonthlyReportEvent.Kind.APPROVED, MonthlyReportEvent.Kind.RETURNED]).update(at=reviewed)


def _drop_demo_email(reports):
    """Keep the in-site messages the demo's steps left (an approver sees what awaits them), but send no
    email to the demo accounts' addresses."""
    Notification.objects.filter(
        content_type=ContentType.objects.get_for_model(MonthlyReport),
        object_id__in=[str(report.pk) for report in reports], channel=Notification.Channel.EMAIL,
        status=Notification.Status.PENDING).delete()


@transaction.atomic
def load_monthly_demo(seed: int = 2026) -> int:
    """Returns the number of monthly reports made (0 when they exist already or the demo agencies and
    accounts are missing)."""
    if MonthlyReport.objects.filter(agency__is_demo=True).exists():
        return 0
    users = get_user_model().objects.in_bulk(
        {name for _, reporter, approver, _ in PLAN for name in (reporter, approver)}, field_name="username")
    try:
        agencies = {path: by_slug_path(path) for path, *_ in PLAN}
    except Agency.DoesNotExist:
        return 0
    if len(users) != len({name for _, reporter, approver, _ in PLAN for name in (reporter, approver)}):
        return 0
    rng = random.Random(seed)
    made = []
    for path, reporter_name, approver_name, months in PLAN:
        agency, reporter, approver = agencies[path], users[reporter_name], users[approver_name]
        for ago, state in sorted(months.items(), reverse=True):
            year, month = months_ago(ago)
            report, _ = open_report(agency, year, month, actor=reporter)
            if state == "draft":
                save_manual(report, actor=reporter, figures=_figures(rng, agency, partial=ago == 1))
            else:
                report = submit(report, actor=reporter, figures=_figures(rng, agency))
                if state == "approved":
                    report = approve(report, actor=approver)
                elif state == "returned":
                    report = return_report(report, actor=approver, reason=RETURN_REASON)
            _backdate(report, due_on(year, month), state)
            made.append(report)
    _drop_demo_email(made)
    return len(made)
