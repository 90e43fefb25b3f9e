import pytest

from zhengwu.timelimits import calendar


@pytest.fixture(autouse=True)
def fresh_calendar():
    # Each test's database changes are rolled back, but the in-process snapshot would outlive them.
    calendar.invalidate()
    yield
    calendar.invalidate()
