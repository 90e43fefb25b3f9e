"""条例第三十一条: when a request counts as received, by channel, over the real working-day calendar."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from zhengwu.foi.receipt import Channel, received_on

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(y, m, d, hour=10):
    return datetime(y, m, d, hour, tzinfo=SHANGHAI)


@pytest.mark.django_db
def test_online_on_a_holiday_counts_from_the_next_working_day():
    # 2025-10-01..08 is the National Day holiday; 10-09 is the next working day.
    assert received_on(Channel.ONLINE, at(2025, 10, 3)) == date(2025, 10, 9)
    assert received_on(Channel.ONLINE, at(2025, 9, 30)) == date(2025, 9, 30)


@pytest.mark.django_db
def test_online_late_at_night_uses_beijing_time():
    utc_evening = datetime(2025, 9, 29, 17, 0, tzinfo=ZoneInfo("UTC"))  # 2025-09-30 01:00 in Beijing
    assert received_on(Channel.ONLINE, utc_evening) == date(2025, 9, 30)


@pytest.mark.django_db
def test_online_rule_is_configurable(settings):
    settings.NON_WORKDAY_ONLINE_NEXT_WORKDAY = False
    assert received_on(Channel.ONLINE, at(2025, 10, 3)) == date(2025, 10, 3)


def test_in_person_counts_the_day_it_is_handed_in():
    assert received_on(Channel.IN_PERSON, at(2025, 10, 11)) == date(2025, 10, 11)


def test_post_counts_from_signature_and_plain_letter_from_confirmation():
    assert received_on(Channel.POST, at(2025, 9, 1), signed_on=date(2025, 9, 3)) == date(2025, 9, 3)
    assert received_on(Channel.PLAIN_LETTER, at(2025, 9, 1), confirmed_on=date(2025, 9, 4)) == date(2025, 9, 4)
    with pytest.raises(ValidationError, match="签收日期"):
        received_on(Channel.POST, at(2025, 9, 1))
    with pytest.raises(ValidationError, match="确认的日期"):
        received_on(Channel.PLAIN_LETTER, at(2025, 9, 1))
