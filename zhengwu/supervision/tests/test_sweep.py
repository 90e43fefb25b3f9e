"""The supervision sweep: cards at the configured thresholds, once per clock and level, violations for
overdue clocks, tallies for the dashboard, and messages to the people responsible."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from zhengwu.notifications.models import Notification
from zhengwu.orgs.models import Role
from zhengwu.services import actions
from zhengwu.services.tests.conftest import APPLICANT
from zhengwu.supervision.models import Card, CardLevel, Tally, ThresholdRule, Violation, ViolationKind
from zhengwu.supervision.sweep import run_sweep

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def received(tree, day):
    """A case received on `day` (its 受理 clock: 5 working days)."""
    return actions.receive_application(tree.matter, dict(APPLICANT), {"shop_name": "店"},
                                       submitted_at=datetime(day.year, day.month, day.day, 10, tzinfo=SHANGHAI))


def levels(case):
    return sorted(Card.objects.filter(case_id=case.pk, case_type="services.case").values_list("level", flat=True))


def test_cards_follow_the_days_left_and_are_issued_once(hall):
    # Received Monday 2 November: 受理 due Monday 9 November.
    case = received(hall, date(2026, 11, 2))
    run_sweep(today=date(2026, 11, 2))  # 5 working days left: 预警
    assert levels(case) == [CardLevel.WARNING]
    run_sweep(today=date(2026, 11, 3))  # 4 left: nothing new
    assert levels(case) == [CardLevel.WARNING]
    run_sweep(today=date(2026, 11, 5))  # 2 left: 黄牌
    assert levels(case) == [CardLevel.WARNING, CardLevel.YELLOW]
    run_sweep(today=date(2026, 11, 9))  # due today: still yellow, not overdue
    assert not Violation.objects.exists()
    summary = run_sweep(today=date(2026, 11, 10))  # one working day past: 红牌 and 超时
    assert summary["red"] == 1 and summary["overdue"] == 1
    assert levels(case) == [CardLevel.WARNING, CardLevel.YELLOW, CardLevel.RED]
    assert Violation.objects.get().kind == ViolationKind.OVERDUE
    again = run_sweep(today=date(2026, 11, 11))
    assert (again["warnings"], again["yellow"], again["red"], again["overdue"]) == (0, 0, 0, 0)


def test_a_case_already_late_gets_only_the_red_card(hall):
    case = received(hall, date(2026, 11, 2))
    run_sweep(today=date(2026, 11, 16))
    assert levels(case) == [CardLevel.RED]


def test_thresholds_are_configured_per_matter_type(hall):
    ThresholdRule.objects.create(case_type="services.case", matter_type="XK", warn_days=1, yellow_days=0,
                                 red_days=2)
    case = received(hall, date(2026, 11, 2))
    run_sweep(today=date(2026, 11, 5))  # 2 left: no card under this rule
    assert levels(case) == []
    run_sweep(today=date(2026, 11, 10))  # 1 past: not yet red (red after 2 past), but overdue
    assert levels(case) == [CardLevel.YELLOW] and Violation.objects.count() == 1
    run_sweep(today=date(2026, 11, 13))  # 4 past
    assert levels(case) == [CardLevel.YELLOW, CardLevel.RED]


def test_paused_and_stopped_clocks_get_no_cards(hall):
    paused = actions.request_correction(received(hall, date(2026, 11, 2)), hall.clerk, "营业执照",
                                        on=date(2026, 11, 3))
    accepted = actions.accept(received(hall, date(2026, 11, 2)), hall.clerk, on=date(2026, 11, 3))
    run_sweep(today=date(2026, 11, 12))
    assert levels(paused) == []
    # The accepted case's 受理 clock stopped; its 办结 clock (10 days from the 3rd, due the 17th) warns.
    assert Card.objects.get(case_id=accepted.pk).clock == accepted.clock


def test_information_requests_are_swept_through_the_same_registry(hall):
    from zhengwu.foi.actions import submit_request

    request = submit_request(dict(
        agency=hall.czt, applicant_type="natural_person", name="李四", id_type="id_card",
        id_number="430121199001011234", phone="13800000002", description="2025年预算执行情况",
        delivery_form="electronic", delivery_way="online"),
        submitted_at=datetime(2026, 10, 9, 10, tzinfo=SHANGHAI))
    run_sweep(today=date(2026, 11, 27))
    card = Card.objects.get(case_type="foi.request")
    assert card.case_id == request.pk and card.level == CardLevel.RED and card.agency == hall.czt


def test_responsible_staff_and_supervisors_are_told_once(hall):
    inspector = hall.user("csx_inspector", hall.changshaxian, Role.INSPECTOR)
    outsider = hall.user("cs_other_inspector", hall.czt, Role.INSPECTOR)
    case = received(hall, date(2026, 11, 2))
    run_sweep(today=date(2026, 11, 10))
    for user in (hall.clerk, inspector):
        message = Notification.objects.get(recipient_user=user, channel="site")
        assert case.number in message.body and "红牌" in message.body
    assert not Notification.objects.filter(recipient_user=outsider).exists()
    run_sweep(today=date(2026, 11, 11))
    assert Notification.objects.filter(recipient_user=inspector).count() == 1
    assert not Card.objects.filter(notified_at__isnull=True).exists()


def test_tallies_count_open_cases_and_current_cards(hall):
    received(hall, date(2026, 11, 2))
    received(hall, date(2026, 11, 6))  # due the 13th: 3 working days left on the 10th
    run_sweep(today=date(2026, 11, 10))
    tally = Tally.objects.get(agency=hall.scj, case_type="services.case")
    assert (tally.open_cases, tally.red, tally.yellow, tally.warnings, tally.violations) == (2, 1, 0, 1, 1)


def test_the_command_prints_a_summary(hall, capsys):
    received(hall, date(2026, 11, 2))
    call_command("supervise", "--today", "2026-11-10")
    out = capsys.readouterr().out
    assert "红牌 1" in out and "超时 1" in out


def test_cards_from_a_silent_sweep_are_told_by_the_next(hall):
    case = received(hall, date(2026, 11, 2))
    run_sweep(today=date(2026, 11, 10), notify=False)
    assert not Notification.objects.filter(recipient_user=hall.clerk).exists()
    run_sweep(today=date(2026, 11, 10))
    message = Notification.objects.get(recipient_user=hall.clerk, channel="site")
    assert case.number in message.body and "红牌" in message.body


def test_a_failed_notice_takes_its_cards_back_for_the_next_sweep(hall, monkeypatch):
    from zhengwu.supervision import notices

    case = received(hall, date(2026, 11, 2))

    def broken(channel, messages):
        raise RuntimeError("站内信服务不可用")

    monkeypatch.setattr(notices, "notify_each", broken)
    with pytest.raises(RuntimeError):
        run_sweep(today=date(2026, 11, 10))
    assert not Card.objects.exists()
    monkeypatch.undo()
    run_sweep(today=date(2026, 11, 10))
    message = Notification.objects.get(recipient_user=hall.clerk, channel="site")
    assert case.number in message.body and Card.objects.filter(case_id=case.pk, level=CardLevel.RED).exists()
