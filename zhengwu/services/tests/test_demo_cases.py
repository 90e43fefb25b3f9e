"""The demo cases reach every state through the real actions, some late, some rated badly."""

import pytest

from zhengwu.notifications.models import Notification
from zhengwu.services.cases.demo import load_service_cases_demo
from zhengwu.services.models import CaseState, Rating, ServiceCase
from zhengwu.supervision.models import EfficiencyComplaint
from zhengwu.supervision.sweep import run_sweep

pytestmark = pytest.mark.django_db


def test_demo_cases_cover_every_state_and_load_once(hall):
    assert load_service_cases_demo(count=150) == 150
    states = set(ServiceCase.objects.values_list("state", flat=True))
    assert states == set(CaseState.values)
    assert Rating.objects.exists() and EfficiencyComplaint.objects.exists()
    assert not Notification.objects.filter(channel="sms").exists()  # invented applicants get no SMS
    summary = run_sweep()
    assert summary["red"] > 0  # some open cases are past their limits
    assert load_service_cases_demo(count=150) == 0
