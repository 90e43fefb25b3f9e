"""信息处理费 by the 109号 schedule as shipped in shared/data: progressive bands, by count and by volume."""

from decimal import Decimal

import pytest
from django.conf import settings

from zhengwu.foi.fees import FeeSchedule


@pytest.fixture(scope="module")
def schedule():
    return FeeSchedule.load(settings.SHARED_DATA_DIR / "foi_fee_schedule_2020.json")


@pytest.mark.parametrize(("n", "fee"), [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200),
                                         (41, 300), (50, 300), (51, 400)])
def test_each_request_of_the_month_is_priced_by_its_band(schedule, n, fee):
    assert schedule.fee_for_nth_request(n) == Decimal(fee)


def test_cumulative_requests_in_one_month(schedule):
    assert schedule.fee_by_count(earlier_this_month=0, new_requests=10) == 0
    assert schedule.fee_by_count(earlier_this_month=9, new_requests=3) == 200  # 10th free, 11th and 12th
    assert schedule.fee_by_count(earlier_this_month=28, new_requests=4) == 100 + 100 + 200 + 200


@pytest.mark.parametrize(("pages", "fee"), [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700),
                                             (250, 4700)])
def test_pages_are_priced_progressively(schedule, pages, fee):
    assert schedule.fee_by_volume(pages) == Decimal(fee)


def test_payment_period_comes_from_the_schedule(schedule):
    assert schedule.payment_workdays == 20
