import pytest

from zhengwu.reports.monthly import figures as monthly

# tests exercise the manual path with them (typed, checked, summed), so they run with those modules "switched
# off"; zhengwu/services/tests/test_monthly_sources.py and interaction/tests/test_letters.py test them computed.
PLUGGED_IN = ("service_cases", "ratings_total", "ratings_satisfied", "red_cards", "yellow_cards", "letters_received")


@pytest.fixture(autouse=True)
def manual_service_figures():
    saved = dict(monthly._SOURCES)
    monthly.unregister_source(*PLUGGED_IN)
    yield
    monthly._SOURCES.clear()
    monthly._SOURCES.update(saved)
