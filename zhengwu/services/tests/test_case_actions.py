"""A case from application to completion and rating, as the applicant, the window and the department see it."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from zhengwu.services import actions
from zhengwu.services.models import CaseState, Rating, Rectification
from zhengwu.services.tests.conftest import APPLICANT
from zhengwu.supervision.models import Violation, ViolationKind
from zhengwu.timelimits.engine import ClockState

pytestmark = pytest.mark.django_db


def apply(tree, **extra):
    return actions.receive_application(tree.matter, dict(APPLICANT), {"shop_name": "星沙小吃店"}, **extra)


def test_the_whole_path_runs_on_the_clocks(hall):
    case = apply(hall, submitted_at=datetime(2026, 11, 2, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
    assert case.number.startswith("BJ2026-") and case.window_agency == hall.changshaxian
    assert case.step_clock.due_on == date(2026, 11, 9)  # 受理: 5 working days from Monday 2 November
    actions.route(case, hall.window)
    case = actions.accept(case, hall.clerk, on=date(2026, 11, 3))
    assert case.step_clock.state == ClockState.STOPPED
    assert case.clock.due_on == date(2026, 11, 17)  # promised: 10 working days from the 3rd
    case = actions.start_special(case, hall.clerk, procedure=hall.inspection, on=date(2026, 11, 5))
    assert case.clock.state == ClockState.PAUSED
    case = actions.end_special(case, hall.clerk, result="核查合格", on=date(2026, 11, 12))
    assert case.clock.due_on == date(2026, 11, 24)  # the five paused working days do not count
    case = actions.decide(case, hall.clerk, "approved", on=date(2026, 11, 20))
    assert case.step_clock.label.startswith("送达") and case.step_clock.state == ClockState.RUNNING
    case = actions.complete(case, hall.clerk, "食品经营许可证已送达", on=date(2026, 11, 23))
    assert case.state == CaseState.COMPLETED and case.step_clock.state == ClockState.STOPPED
    public = [e.get_kind_display() for e in actions.public_timeline(case)]
    assert public[0] == "网上申请" and "受理" in public and public[-1] == "办结送达"


def test_a_missing_required_field_is_refused_and_nothing_is_stored(hall):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        actions.receive_application(hall.matter, dict(APPLICANT), {})
    assert "店铺名称" in str(refused.value)
    assert not hall.matter.cases.exists()


def test_a_second_correction_notice_is_a_violation(hall):
    case = apply(hall)
    case = actions.request_correction(case, hall.clerk, "营业执照复印件")
    assert case.step_clock.state == ClockState.PAUSED
    case = actions.receive_correction(case, hall.window, "已补交")
    assert not Violation.objects.exists()
    actions.request_correction(case, hall.clerk, "法定代表人身份证")
    violation = Violation.objects.get()
    assert violation.kind == ViolationKind.SECOND_CORRECTION and violation.agency == hall.scj


def test_refusal_without_reason_and_excess_fee_are_violations(hall):
    refused = actions.refuse(apply(hall), hall.clerk, "")
    assert refused.state == CaseState.REFUSED
    case = actions.accept(apply(hall), hall.clerk)
    actions.record_fee(case, hall.clerk, "50")  # the matter is free of charge
    kinds = set(Violation.objects.values_list("kind", flat=True))
    assert kinds == {ViolationKind.REFUSAL_WITHOUT_REASON, ViolationKind.EXCESS_FEE}


def test_a_denial_needs_its_reasons(hall):
    case = actions.accept(apply(hall), hall.clerk)
    with pytest.raises(actions.ActionRefused, match="说明理由"):
        actions.decide(case, hall.clerk, "denied", "")


def test_another_department_cannot_act_on_the_case(hall):
    other = hall.user("czt_clerk", hall.czt, "window_clerk")
    with pytest.raises(actions.ActionForbidden):
        actions.accept(apply(hall), other)


def test_a_bad_rating_opens_a_rectification_shown_to_the_rater(hall):
    case = actions.accept(apply(hall), hall.clerk)
    with pytest.raises(actions.ActionRefused, match="办结后"):
        actions.rate(case=case, level=1, comment="太慢")
    case = actions.complete(actions.decide(case, hall.clerk, "approved"), hall.clerk, "许可证已送达")
    with pytest.raises(actions.ActionRefused, match="原因"):
        actions.rate(case=case, level=2)
    rating = actions.rate(case=case, level=2, comment="窗口让我跑了两次")
    rectification = Rectification.objects.get(rating=rating)
    assert rectification.clock.limit_workdays == 15 and rectification.state == Rectification.State.OPEN
    with pytest.raises(actions.ActionRefused, match="回访"):
        actions.close_rectification(rectification, hall.clerk, outcome="rectified", outcome_text="已改进",
                                    callback_note="")
    actions.close_rectification(rectification, hall.clerk, outcome="rectified", outcome_text="已实行一次性告知",
                                callback_note="电话回访，申请人表示认可")
    rectification.refresh_from_db()
    assert rectification.state == Rectification.State.CLOSED and rectification.clock.state == ClockState.STOPPED
    with pytest.raises(actions.ActionRefused, match="只能评价一次"):
        actions.rate(case=case, level=5)
    assert Rating.objects.count() == 1
