"""The monthly report: figures computed for a month with records on its boundaries, the manual indicators and
how a module plugs in a source, the submit / approve / return journey with its refusals, who may do what,
the region's totals, the reminders (once per agency and month), and the API."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from zhengwu.conftest import PASSWORD
from zhengwu.disclosure.actions import withdraw_item
from zhengwu.disclosure.tests.conftest import catalog  # noqa: F401  (the fixture)
from zhengwu.foi.models import InformationRequest
from zhengwu.foi.tests.test_queue import file
from zhengwu.notifications.models import Notification
from zhengwu.reports.monthly import figures as monthly
from zhengwu.reports.monthly.actions import (
    ActionForbidden,
    ActionRefused,
    approve,
    open_report,
    return_report,
    save_manual,
    send_reminders,
    submit,
)
from zhengwu.reports.monthly.models import MonthlyReminder, MonthlyReport, MonthlyReportEvent
from zhengwu.timelimits.models import Clock

MARCH = (2025, 3)
FULL = {"press_conferences": 1, "new_media_posts": 40, "reading_room_visits": 12, "service_cases": 300,
        "ratings_total": 200, "ratings_satisfied": 195, "letters_received": 9, "red_cards": 0, "yellow_cards": 1}


def request_on(received, *, decided=None, clock=None, agency="湖南省财政厅", state=None):
    """A request received on `received`, decided on `decided`, its answer clock's stored figures `clock`."""
    request = file(agency=agency, description=f"{received} 收到、{decided} 办结的申请",
                   submitted_at=datetime(2024, 12, 2, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
    InformationRequest.objects.filter(pk=request.pk).update(
        received_on=received, decided_on=decided, outcome="r1" if decided else "",
        state=state or ("answered" if decided else "processing"))
    if clock:
        Clock.objects.filter(pk=request.clock_id).update(**clock)
    return request


def stopped(on, used, limit=20):
    return {"state": "stopped", "stopped_on": on, "due_on": None, "counting_from": None, "days_used": used,
            "limit_workdays": limit}


@pytest.fixture
def march_requests(hunan):
    """财政厅's requests around March 2025 (weekends only: the test calendar has no holidays)."""
    d = date
    return {
        "decided_in_time": request_on(d(2025, 2, 28), decided=d(2025, 3, 3), clock=stopped(d(2025, 3, 3), 20)),
        "first_day_past_due": request_on(d(2025, 3, 1), clock={"state": "running", "due_on": d(2025, 3, 28)}),
        "last_day": request_on(d(2025, 3, 31), clock={"state": "running", "due_on": d(2025, 4, 29)}),
        "after": request_on(d(2025, 4, 1), clock={"state": "running", "due_on": d(2025, 4, 29)}),
        "answered_late_on_last_day": request_on(d(2025, 2, 10), decided=d(2025, 3, 31),
                                                clock=stopped(d(2025, 3, 31), 25)),
        # answered on 1 April after 30 working days: 29 of them by 31 March, already past 20 then
        "late_at_month_end": request_on(d(2025, 1, 20), decided=d(2025, 4, 1), clock=stopped(d(2025, 4, 1), 30)),
        # 21 working days by 3 April, only 18 by 31 March: late, but not yet at the month's end
        "late_only_in_april": request_on(d(2025, 3, 5), decided=d(2025, 4, 3), clock=stopped(d(2025, 4, 3), 21)),
        "before": request_on(d(2025, 2, 1), decided=d(2025, 2, 28), clock=stopped(d(2025, 2, 28), 19)),
        "paused_past_limit": request_on(d(2025, 2, 3), state="correction",
                                        clock={"state": "paused", "due_on": None, "days_used": 22}),
        "decided_in_month": request_on(d(2025, 3, 2), decided=d(2025, 3, 20), clock=stopped(d(2025, 3, 20), 10)),
        "other_agency": request_on(d(2025, 3, 10), agency="湖南省自然资源厅",
                                   clock={"state": "running", "due_on": d(2025, 3, 12)}),
    }


def figures(agency, year=2025, month=3):
    return {key: value for key, (value, _) in monthly.current_values(agency, year, month, {}).items()}


def test_request_figures_count_the_month_and_its_boundaries(hunan, march_requests, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        counted = figures(hunan.czt)
    assert counted["requests_received"] == 4  # 1 March, 2 March, 5 March, 31 March
    assert counted["requests_decided"] == 3  # 3 March, 20 March, 31 March
    assert counted["requests_overdue"] == 4
    records = monthly.records_for("requests_overdue", hunan.czt, *MARCH).queryset
    expected = {"first_day_past_due", "answered_late_on_last_day", "late_at_month_end", "paused_past_limit"}
    assert {r.number for r in records} == {march_requests[name].number for name in expected}
    assert figures(hunan.zrzyt)["requests_overdue"] == 1
    april = figures(hunan.czt, 2025, 4)
    assert april["requests_received"] == 1 and april["requests_decided"] == 2  # 1 and 3 April
    # April: two answered late (1 and 3 April); four still unanswered at its end and past due then (the one
    # overdue since March, both due 29 April, the paused one): an unanswered request counts every month
    assert april["requests_overdue"] == 6


def test_catalog_items_count_by_first_publication_in_the_month(catalog):  # noqa: F811
    tree = catalog.tree
    first = catalog.item(tree.czt, "三月一日发布", published_on=date(2025, 3, 1))
    catalog.item(tree.czt, "三月三十一日发布", published_on=date(2025, 3, 31))
    catalog.item(tree.czt, "二月末发布", published_on=date(2025, 2, 28))
    catalog.item(tree.czt, "四月一日发布", published_on=date(2025, 4, 1))
    catalog.item(tree.czt, "草稿", publish=False)
    catalog.item(tree.zrzyt, "自然资源厅三月发布", published_on=date(2025, 3, 15))
    withdrawn = catalog.item(tree.czt, "三月发布后撤回", published_on=date(2025, 3, 10))
    assert figures(tree.czt)["disclosure_items"] == 3
    withdraw_item(withdrawn, catalog.tree.reviewer, reason="内容有误")
    assert figures(tree.czt)["disclosure_items"] == 2
    rows = [catalog_row for catalog_row in monthly.records_for("disclosure_items", tree.czt, *MARCH).queryset]
    assert [item.title for item in rows] == ["三月一日发布", "三月三十一日发布"]
    shown = monthly.records_for("disclosure_items", tree.czt, *MARCH).row(rows[0])
    assert shown[0] == first.index_number and shown[1][0] == "三月一日发布" and shown[2] == date(2025, 3, 1)


def test_indicators_without_a_source_are_manual_until_a_module_registers_one(hunan, catalog):  # noqa: F811
    rows = {row["key"]: row for row in monthly.indicator_rows(monthly.current_values(hunan.czt, *MARCH, {}))}
    assert rows["letters_received"]["source"] == "manual"
    assert rows["letters_received"]["label"] == "人工填报（平台尚无数据来源）"
    assert rows["press_conferences"]["label"] == "人工填报"
    assert rows["requests_received"]["label"] == "平台统计" and rows["requests_received"]["drillable"]
    assert "letters_received" in {indicator.key for indicator in monthly.manual_indicators()}

    @monthly.register_source("letters_received")
    def count_letters(agencies, first, last):
        return {hunan.czt.pk: {"letters_received": 17}}

    try:
        values = monthly.current_values(hunan.czt, *MARCH, {"letters_received": 3})
        assert values["letters_received"] == (17, "computed")  # the typed 3 is ignored, not used
        assert "letters_received" not in {indicator.key for indicator in monthly.manual_indicators()}
        assert monthly.current_values(hunan.zrzyt, *MARCH, {})["letters_received"] == (0, "computed")
    finally:
        monthly.unregister_source("letters_received")
    with pytest.raises(Exception, match="没有可登记数据来源的指标"):
        monthly.register_source("satisfaction_rate")(count_letters)


def test_satisfaction_rate_is_derived_from_the_two_counts(hunan):
    values = monthly.current_values(hunan.czt, *MARCH, {"ratings_total": 200, "ratings_satisfied": 195})
    assert values["satisfaction_rate"] == (97.5, "manual")
    assert monthly.current_values(hunan.czt, *MARCH, {"ratings_total": 0})["satisfaction_rate"][0] is None


@pytest.fixture
def people(hunan):
    class People:
        czt_foi = hunan.user("czt_foi", hunan.czt, "foi_handler")
        czt_head = hunan.user("czt_head", hunan.czt, "disclosure_head", email="czt_head@example.com")
        zrzyt_foi = hunan.user("zrzyt_foi", hunan.zrzyt, "foi_handler")
        province_head = hunan.user("sheng_head", hunan.province, "disclosure_head")
        province_admin = hunan.user("sheng_admin", hunan.province, "agency_admin")
        inspector = hunan.user("sheng_jc", hunan.province, "inspector")
    return People


def refused(match, action, *args, **kwargs):
    with pytest.raises(ActionRefused, match=match):
        action(*args, **kwargs)


def test_submit_approve_and_return_journey(hunan, people, march_requests, django_capture_on_commit_callbacks):
    report, created = open_report(hunan.czt, *MARCH, actor=people.czt_foi)
    assert created and report.state == "draft"
    assert open_report(hunan.czt, *MARCH, actor=people.czt_head) == (report, False)

    refused("还有人工填报项目未填写：新闻发布会（场）", submit, report, actor=people.czt_foi, figures={"red_cards": 0})
    refused("不能多于", save_manual, report, actor=people.czt_foi, figures={**FULL, "ratings_satisfied": 201})
    refused("须填写不小于 0 的整数", save_manual, report, actor=people.czt_foi, figures={"red_cards": -1})
    refused("由平台统计，不能人工填报", save_manual, report, actor=people.czt_foi,
            figures={"requests_received": 99})
    report.refresh_from_db()
    assert report.manual_figures == {}  # a refused step changes nothing
    refused("审核", approve, report, actor=people.province_head)  # a draft

    with django_capture_on_commit_callbacks(execute=True):
        report = submit(report, actor=people.czt_foi, figures=FULL)
    assert report.state == "submitted" and report.submitted_by == people.czt_foi
    frozen = {f.key: (f.value, f.source) for f in report.figures.all()}
    assert frozen["requests_received"] == (4, "computed") and frozen["letters_received"] == (9, "manual")
    waiting = Notification.objects.filter(recipient_user=people.province_head, channel="site")
    assert waiting.count() == 1 and "待审核" in waiting.get().subject
    assert Notification.objects.filter(recipient_user=people.province_admin, channel="site").count() == 1

    request_on(date(2025, 3, 20))  # a request registered late changes today's figures, not the submitted ones
    assert figures(hunan.czt)["requests_received"] == 5
    values = monthly.values_of(MonthlyReport.objects.get(pk=report.pk), hunan.czt, *MARCH)
    assert values["requests_received"] == (4, "computed")

    refused("已上报，正在等待上级机关审核，不能修改或重复上报", submit, report, actor=people.czt_foi, figures=FULL)
    refused("已上报", save_manual, report, actor=people.czt_foi, figures={"red_cards": 1})
    with pytest.raises(ActionForbidden, match="上级机关（湖南省人民政府）"):
        approve(report, actor=people.czt_head)  # the department cannot approve its own report
    with pytest.raises(ActionForbidden):
        approve(report, actor=people.inspector)  # reads reports, does not approve them
    refused("请填写退回理由", return_report, report, actor=people.province_head, reason="  ")

    with django_capture_on_commit_callbacks(execute=True):
        report = return_report(report, actor=people.province_head, reason="信箱来信数与信箱系统不符，请核实。")
    assert report.state == "returned" and report.returned_reason == "信箱来信数与信箱系统不符，请核实。"
    told = Notification.objects.get(recipient_user=people.czt_foi, channel="site")
    assert "被退回" in told.subject and "信箱来信数与信箱系统不符" in told.body
    assert monthly.values_of(report, hunan.czt, *MARCH)["requests_received"] == (5, "computed")  # live again
    refused("已退回，须由填报机关修改后重新上报", approve, report, actor=people.province_admin)

    save_manual(report, actor=people.czt_head, figures={"letters_received": 11})
    report = submit(report, actor=people.czt_head)
    assert {f.key: f.value for f in report.figures.all()}["letters_received"] == 11
    assert {f.key: f.value for f in report.figures.all()}["requests_received"] == 5
    report = approve(report, actor=people.province_admin)
    assert report.state == "approved" and report.approved_by == people.province_admin
    refused("已审核通过", approve, report, actor=people.province_head)
    refused("已审核通过，不能修改或重复上报", submit, report, actor=people.czt_head)

    kinds = list(MonthlyReportEvent.objects.filter(report=report).values_list("kind", "actor__username", "reason"))
    assert kinds == [("opened", "czt_foi", ""), ("submitted", "czt_foi", ""),
                     ("returned", "sheng_head", "信箱来信数与信箱系统不符，请核实。"), ("saved", "czt_head", ""),
                     ("submitted", "czt_head", ""), ("approved", "sheng_admin", "")]


def test_nobody_approves_what_they_submitted_and_others_are_refused(hunan, people):
    report, _ = open_report(hunan.czt, *MARCH, actor=people.province_head)  # the province may fill it in too
    report = submit(report, actor=people.province_head, figures=FULL)
    with pytest.raises(ActionForbidden, match="不能审核自己上报的月报"):
        approve(report, actor=people.province_head)
    with pytest.raises(ActionForbidden, match="不能审核自己上报的月报"):
        return_report(report, actor=people.province_head, reason="自己退回")
    with pytest.raises(ActionForbidden, match="没有填报湖南省财政厅月报的权限"):
        open_report(hunan.czt, 2025, 4, actor=people.zrzyt_foi)
    with pytest.raises(ActionForbidden):
        open_report(hunan.czt, 2025, 4, actor=people.inspector)
    refused("尚未开始", open_report, hunan.czt, 2099, 1, actor=people.czt_foi)
    assert approve(report, actor=people.province_admin).state == "approved"


def test_the_province_is_approved_by_its_own_head_and_a_month_not_over_cannot_be_submitted(hunan, people,
                                                                                           monkeypatch):
    report, _ = open_report(hunan.province, *MARCH, actor=people.province_admin)
    report = submit(report, actor=people.province_admin, figures=FULL)
    with pytest.raises(ActionForbidden):
        approve(report, actor=people.czt_head)
    assert approve(report, actor=people.province_head).state == "approved"
    monkeypatch.setattr(monthly, "today", lambda: date(2025, 3, 31))
    monkeypatch.setattr("zhengwu.reports.monthly.actions.today", lambda: date(2025, 3, 31))
    march, _ = open_report(hunan.czt, *MARCH, actor=people.czt_foi)
    refused("2025年3月尚未结束", submit, march, actor=people.czt_foi, figures=FULL)


def test_due_date_and_overdue(hunan):
    assert monthly.due_on(2025, 3) == date(2025, 4, 5)
    assert monthly.due_on(2025, 12) == date(2026, 1, 5)
    assert not monthly.is_overdue("draft", date(2025, 4, 5), on=date(2025, 4, 5))
    assert monthly.is_overdue("draft", date(2025, 4, 5), on=date(2025, 4, 6))
    assert monthly.is_overdue("returned", date(2025, 4, 5), on=date(2025, 4, 6))
    assert monthly.is_overdue(None, date(2025, 4, 5), on=date(2025, 4, 6))  # never opened
    assert not monthly.is_overdue("submitted", date(2025, 4, 5), on=date(2025, 5, 1))


def test_region_sums_submitted_reports_and_names_the_rest(hunan, people, march_requests,
                                                          django_assert_max_num_queries):
    zrzyt, _ = open_report(hunan.zrzyt, *MARCH, actor=people.zrzyt_foi)
    submit(zrzyt, actor=people.zrzyt_foi, figures={**FULL, "letters_received": 1})
    czt, _ = open_report(hunan.czt, *MARCH, actor=people.czt_foi)
    approve(submit(czt, actor=people.czt_foi, figures=FULL), actor=people.province_head)
    draft, _ = open_report(hunan.changsha, *MARCH, actor=people.province_admin)
    save_manual(draft, actor=people.province_admin, figures={"letters_received": 500})

    with django_assert_max_num_queries(14):
        region = monthly.region_json(hunan.province, *MARCH)
    assert region["totals"]["letters_received"] == 10  # 9 + 1; the draft's 500 is not counted
    assert region["totals"]["requests_received"] == 5  # 财政厅 4 + 自然资源厅 1
    assert region["totals"]["satisfaction_rate"] == 97.5  # 390 of 400
    assert region["submitted"] == 2
    assert region["not_submitted"] == ["湖南省人民政府", "长沙市人民政府", "长沙县人民政府", "星沙街道办事处",
                                       "泉塘街道办事处"]
    rows = {row["agency"]: row for row in region["agencies"]}
    assert rows["湖南省财政厅"]["state"] == "approved" and rows["湖南省财政厅"]["submitted"]
    assert rows["长沙市人民政府"]["values"]["letters_received"] == 500 and not rows["长沙市人民政府"]["submitted"]
    assert rows["长沙市人民政府"]["overdue"] and not rows["湖南省自然资源厅"]["overdue"]
    city = monthly.region_json(hunan.changsha, *MARCH)
    assert [row["agency"] for row in city["agencies"]] == ["长沙市人民政府", "长沙县人民政府", "星沙街道办事处",
                                                           "泉塘街道办事处"]
    assert city["totals"]["letters_received"] == 0 and city["submitted"] == 0


def test_reminders_go_once_to_the_reporters_of_agencies_that_have_not_submitted(hunan, people):
    csx = hunan.user("csx_foi", hunan.changshaxian, "foi_handler")
    done, _ = open_report(hunan.zrzyt, *MARCH, actor=people.zrzyt_foi)
    submit(done, actor=people.zrzyt_foi, figures=FULL)

    assert send_reminders(date(2025, 4, 1)) == []  # five days before the 5th: too early
    summaries = send_reminders(date(2025, 4, 2))  # three days before
    assert [(s["year"], s["month"], s["reminded"]) for s in summaries] == [(2025, 3, 3)]  # 财政厅, 省政府, 长沙县
    reminded = Notification.objects.filter(channel="site", subject__startswith="请于04月05日前上报")
    assert set(reminded.values_list("recipient_user__username", flat=True)) == {
        "czt_foi", "czt_head", "sheng_head", "sheng_admin", "csx_foi"}
    assert not reminded.filter(recipient_user=people.zrzyt_foi).exists()  # submitted already
    assert Notification.objects.filter(channel="email", recipient_user=people.czt_head).count() == 1
    assert summaries[0]["no_reporter"] == 3  # 长沙市, 星沙, 泉塘: nobody holds a reporting role there
    assert csx is not None

    again = send_reminders(date(2025, 4, 3))
    assert again[0]["reminded"] == 0 and again[0]["already"] == 3
    assert reminded.count() == 5
    hunan.user("changsha_foi", hunan.changsha, "foi_handler")  # someone to remind at last
    assert send_reminders(date(2025, 4, 5))[0]["reminded"] == 1
    assert send_reminders(date(2025, 4, 6)) == []  # past the due day: overdue, no more reminders
    assert MonthlyReminder.objects.count() == 4


def test_a_second_worker_claims_nothing_already_claimed(hunan, people):
    """Two runs at once: the unique row decides; the loser's insert is ignored and it notifies no one."""
    MonthlyReminder.objects.create(agency=hunan.czt, year=2025, month=3, claim="other-worker", recipients=2)
    summary = send_reminders(date(2025, 4, 4))[0]
    assert not Notification.objects.filter(recipient_user=people.czt_foi).exists()
    assert summary["already"] == 1 and summary["reminded"] == 2  # the province and 自然资源厅


def test_reminder_command_prints_a_summary(hunan, people, capsys):
    call_command("remind_monthly_reports", "--today", "2025-04-03")
    out = capsys.readouterr().out
    assert "2025年3月月报（2025-04-05 截止）：本次提醒 3 个机关 5 人；已上报 0 个" in out  # 省政府, 财政厅, 自然资源厅
    call_command("remind_monthly_reports", "--today", "2025-04-03")
    assert "本次提醒 0 个机关 0 人" in capsys.readouterr().out
    call_command("remind_monthly_reports", "--today", "2025-04-20")
    assert "不在任何月份月报的提醒期内" in capsys.readouterr().out


def test_api_gives_the_month_to_the_agencys_roles_only(client, hunan, people, march_requests):
    url = "/api/v1/reports/monthly"
    query = {"agency": "湖南省财政厅", "year": 2025, "month": 3}
    assert client.get(url, query).status_code == 401
    client.login(username="zrzyt_foi", password=PASSWORD)
    assert client.get(url, query).status_code == 404
    assert client.get(url + "/region", query).status_code == 404
    client.login(username="czt_foi", password=PASSWORD)
    body = client.get(url, query).json()
    assert body["state"] == "draft" and body["due_on"] == "2025-04-05" and body["overdue"] is True
    assert body["submitted_at"] is None and body["returned_reason"] == ""
    indicators = {item["key"]: item for item in body["indicators"]}
    assert indicators["requests_received"] == {"key": "requests_received", "title": "收到申请（件）", "value": 4,
                                               "source": "computed"}
    assert indicators["letters_received"]["source"] == "manual" and indicators["letters_received"]["value"] is None
    assert not MonthlyReport.objects.exists()  # reading does not open a report

    report, _ = open_report(hunan.czt, *MARCH, actor=people.czt_foi)
    return_report(submit(report, actor=people.czt_foi, figures=FULL), actor=people.province_head, reason="请核实")
    body = client.get(url, query).json()
    assert body["state"] == "returned" and body["returned_reason"] == "请核实" and body["submitted_at"]
    assert client.get(url, {**query, "month": 13}).status_code == 422

    client.login(username="sheng_jc", password=PASSWORD)
    region = client.get(url + "/region", {"agency": "湖南省人民政府", "year": 2025, "month": 3}).json()
    assert region["submitted"] == 0 and "湖南省财政厅" in region["not_submitted"]
    assert {row["agency"]: row["values"]["requests_received"] for row in region["agencies"]}["湖南省财政厅"] == 4


def test_demo_reports_show_every_state_through_the_actions_once(hunan):
    from zhengwu.reports.monthly.demo import load_monthly_demo, months_ago

    for username, agency, role in (("admin", hunan.province, "system_admin"), ("czt_foi", hunan.czt, "foi_handler"),
                                   ("zrzyt_foi", hunan.zrzyt, "foi_handler"),
                                   ("changsha_foi", hunan.changsha, "foi_handler"),
                                   ("changsha_head", hunan.changsha, "disclosure_head"),
                                   ("csx_foi", hunan.changshaxian, "foi_handler"),
                                   ("csx_head", hunan.changshaxian, "disclosure_head")):
        hunan.user(username, agency, role, email=f"{username}@example.com")
    assert load_monthly_demo() == 15
    assert load_monthly_demo() == 0
    states = {(r.agency.slug, (r.year, r.month)): r.state for r in MonthlyReport.objects.select_related("agency")}
    assert states[("czt", months_ago(1))] == "submitted" and states[("czt", months_ago(4))] == "approved"
    returned = MonthlyReport.objects.get(agency=hunan.zrzyt, state="returned")
    assert "微信公众号" in returned.returned_reason and returned.returned_at < returned.updated_at
    assert set(states.values()) == {"approved", "submitted", "returned", "draft"}
    overdue = MonthlyReport.objects.get(agency=hunan.xingsha, state="draft")
    assert monthly.is_overdue(overdue.state, monthly.due_on(overdue.year, overdue.month))
    approved = MonthlyReport.objects.filter(state="approved")
    assert all(report.approved_by_id != report.submitted_by_id for report in approved)
    assert all(report.submitted_at.date() < monthly.today() or (report.year, report.month) == months_ago(1)
               for report in MonthlyReport.objects.exclude(submitted_at=None))
    assert not Notification.objects.filter(channel="email", status="pending").exists()  # nothing mailed out
    assert Notification.objects.filter(channel="site", recipient_user__username="admin",
                                       subject__contains="待审核").exists()
