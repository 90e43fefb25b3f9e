"""The service hall's and supervision's figures in the monthly report are counted, not typed."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from zhengwu.reports.monthly import figures as monthly
from zhengwu.services import actions
from zhengwu.services.models import Rating
from zhengwu.services.tests.conftest import APPLICANT
from zhengwu.supervision.sweep import run_sweep

pytestmark = pytest.mark.django_db
NOVEMBER = (2026, 11)


def test_cases_ratings_and_cards_are_computed_for_the_month(hall):
    at = datetime(2026, 11, 2, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    done = actions.receive_application(hall.matter, dict(APPLICANT), {"shop_name": "店"}, submitted_at=at)
    done = actions.accept(done, hall.clerk, on=date(2026, 11, 3))
    done = actions.complete(actions.decide(done, hall.clerk, "approved", on=date(2026, 11, 5)), hall.clerk,
                            "许可证已送达", on=date(2026, 11, 6))
    rating = actions.rate(case=done, level=5)
    Rating.objects.filter(pk=rating.pk).update(rated_on=date(2026, 11, 6))  # rated in November, whenever this runs
    late = actions.receive_application(hall.matter, dict(APPLICANT), {"shop_name": "店二"}, submitted_at=at)
    run_sweep(today=date(2026, 11, 12))  # the second case's 受理 ran out on the 9th
    values = monthly.current_values(hall.scj, *NOVEMBER, {"service_cases": 999, "red_cards": 0})
    assert values["service_cases"] == (1, "computed")  # typed figures are ignored once computed
    assert values["ratings_total"] == (1, "computed") and values["ratings_satisfied"] == (1, "computed")
    assert values["satisfaction_rate"][0] == 100.0
    assert values["red_cards"] == (1, "computed")
    records = monthly.records_for("red_cards", hall.scj, *NOVEMBER)
    assert records.queryset.get().case_id == late.pk
