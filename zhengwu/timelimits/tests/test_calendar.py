from datetime import date, timedelta

import pytest

from zhengwu.timelimits import calendar
from zhengwu.timelimits.calendar import WorkCalendar
from zhengwu.timelimits.models import CalendarDay, CalendarYear

pytestmark = pytest.mark.django_db


def test_national_day_2025_skips_golden_week_and_counts_makeup_day():
    # 09-28 is itself a makeup workday but the start day never counts.
    assert calendar.add_workdays(date(2025, 9, 28), 20) == date(2025, 10, 31)


def test_spring_festival_2025_counts_both_weekend_makeup_days():
    # 01-21..24 (4), Sun 01-26 makeup (5), 01-27 (6), 01-28..02-04 holiday, 02-05..07 (9), Sat 02-08 makeup (10).
    assert calendar.add_workdays(date(2025, 1, 20), 10) == date(2025, 2, 8)
    assert calendar.add_workdays(date(2025, 1, 20), 6) == date(2025, 1, 27)
    assert calendar.add_workdays(date(2025, 1, 20), 7) == date(2025, 2, 5)


def test_zero_and_one_workday():
    assert calendar.add_workdays(date(2025, 9, 30), 0) == date(2025, 9, 30)
    assert calendar.add_workdays(date(2025, 9, 30), 1) == date(2025, 10, 9)
    # Friday + 1 is Monday.
    assert calendar.add_workdays(date(2025, 3, 7), 1) == date(2025, 3, 10)
    with pytest.raises(ValueError):
        calendar.add_workdays(date(2025, 3, 7), -1)


def test_is_workday_and_reasons():
    assert calendar.is_workday(date(2025, 10, 11))
    assert calendar.day_info(date(2025, 10, 11)) == "调休上班日（国庆节、中秋节）"
    assert not calendar.is_workday(date(2025, 10, 1))
    assert calendar.day_info(date(2025, 10, 1)) == "国庆节（法定节假日）"
    assert calendar.day_info(date(2025, 10, 6)) == "中秋节（法定节假日）"
    assert not calendar.is_workday(date(2025, 3, 8))
    assert calendar.day_info(date(2025, 3, 8)) == "周六"
    assert calendar.day_info(date(2025, 3, 9)) == "周日"
    assert calendar.is_workday(date(2025, 3, 10))
    assert calendar.day_info(date(2025, 3, 10)) == "工作日"


def test_workdays_between_is_half_open():
    assert calendar.workdays_between(date(2025, 9, 28), date(2025, 10, 31)) == 20
    assert calendar.workdays_between(date(2025, 9, 28), date(2025, 9, 28)) == 0
    assert calendar.workdays_between(date(2025, 10, 31), date(2025, 9, 28)) == 0
    assert calendar.workdays_between(date(2025, 1, 20), date(2025, 2, 8)) == 10


def test_workdays_between_agrees_with_add_workdays_over_years():
    cal = calendar.current()
    for start in [
        date(2004, 1, 1),
        date(2015, 8, 30),
        date(2019, 12, 25),
        date(2026, 12, 1),
        date(1998, 5, 5),
    ]:
        for n in [1, 2, 5, 13, 37, 250, 600]:
            due = cal.add_workdays(start, n)
            assert cal.workdays_between(start, due) == n
            assert cal.is_workday(due)


def test_years_without_data_count_the_statutory_holidays_and_stay_provisional():
    # 12-21..25 (5), 12-28..31 (9), 2027-01-01 元旦 is a holiday the law fixes in advance, 01-04..08 (14),
    # 01-11..15 (19), 01-18 (20). Only the 调休 makeup days are unknown.
    explanation = calendar.explain(date(2026, 12, 20), 20)
    assert explanation.due == date(2027, 1, 18)
    assert explanation.provisional
    assert explanation.provisional_years == [2027]
    assert ("注意：2027 年无官方节假日安排，按周末和《全国年节及纪念日放假办法》规定的法定节假日推算，调休上班日未知（临时）"
            in explanation.notes)
    assert not calendar.is_workday(date(2027, 1, 1))
    assert calendar.day_info(date(2027, 1, 1)) == "元旦（法定节假日）"
    assert calendar.is_provisional(date(2027, 1, 1))
    assert not calendar.is_provisional(date(2026, 1, 1))
    # The case: received 2026-12-07, due 2027-01-05, not 01-04.
    assert calendar.current().add_workdays(date(2026, 12, 7), 20) == date(2027, 1, 5)


def test_statutory_holidays_of_a_year_without_data_follow_the_lunar_and_solar_calendars():
    off = {day for day in (date(2027, 1, 1) + timedelta(days=i) for i in range(365))
           if day.weekday() < 5 and not calendar.is_workday(day)}
    names = {day: calendar.day_info(day) for day in off}
    # 除夕 2027-02-05 to 初三 02-08 (weekdays among them), 清明 04-05, 劳动节 05-03 (05-01/02 is a weekend),
    # 端午 06-09, 中秋 09-15, 国庆 10-01 (Friday).
    assert off == {date(2027, 1, 1), date(2027, 2, 5), date(2027, 2, 8), date(2027, 4, 5), date(2027, 6, 9),
                   date(2027, 9, 15), date(2027, 10, 1)}
    assert names[date(2027, 2, 5)] == "春节（法定节假日）" and names[date(2027, 9, 15)] == "中秋节（法定节假日）"


def test_entered_days_win_over_the_statutory_rule():
    CalendarYear.objects.create(year=2027, provisional=True, source="管理员录入")
    CalendarDay.objects.create(date=date(2027, 1, 1), kind="workday", name="元旦调休（假设）", provisional=True)
    calendar.invalidate()
    assert calendar.is_workday(date(2027, 1, 1))


@pytest.mark.parametrize("year", [1999, 2027, 2099, 1, 9998])
def test_any_year_works(year):
    start = date(year, 6, 1)
    due = calendar.add_workdays(start, 60)
    assert due > start
    assert calendar.explain(start, 60).provisional
    assert calendar.day_info(date(year, 10, 1)) in {
        "周一",
        "周二",
        "周三",
        "周四",
        "周五",
        "周六",
        "周日",
        "工作日",
        "国庆节（法定节假日）",  # the years just ahead count the holidays the law fixes in advance
    }


def test_beyond_year_9999_is_a_clear_error():
    with pytest.raises(ValueError, match="日期超出可计算范围"):
        calendar.add_workdays(date(9999, 12, 20), 30)


def test_explain_national_day():
    explanation = calendar.explain(date(2025, 9, 28), 20)
    assert explanation.due == date(2025, 10, 31)
    assert [(s.first, s.last, s.names) for s in explanation.skipped] == [
        (date(2025, 10, 1), date(2025, 10, 8), ["国庆节", "中秋节"])
    ]
    assert [d for d, _ in explanation.makeup_days] == [date(2025, 10, 11)]
    assert not explanation.provisional
    assert explanation.summary == (
        "自 2025-09-28 起算 20 个工作日（起算日不计入），跳过 2025-10-01…2025-10-08（国庆节、中秋节），"
        "计入调休上班日 2025-10-11，到期日 2025-10-31"
    )


def test_explain_ignores_plain_weekends():
    explanation = calendar.explain(date(2025, 3, 3), 10)
    assert explanation.due == date(2025, 3, 17)
    assert explanation.skipped == []
    assert explanation.summary == "自 2025-03-03 起算 10 个工作日（起算日不计入），到期日 2025-03-17"


def test_provisional_year_row_and_provisional_days():
    CalendarYear.objects.create(year=2027, provisional=True, source="管理员录入")
    CalendarDay.objects.create(date=date(2027, 1, 1), kind="holiday", name="元旦", provisional=True)
    calendar.invalidate()
    explanation = calendar.explain(date(2026, 12, 20), 20)
    # The entered provisional 元旦 (the statutory rule gives the same day) moves the due date and is flagged.
    assert explanation.due == date(2027, 1, 18)
    assert explanation.provisional
    assert "注意：2027 年节假日安排为临时数据，尚未正式公布（临时）" in explanation.notes


def test_snapshot_follows_committed_calendar_edits(django_capture_on_commit_callbacks):
    assert calendar.is_workday(date(2025, 3, 10))
    with django_capture_on_commit_callbacks(execute=True):
        CalendarDay.objects.create(date=date(2025, 3, 10), kind="holiday", name="测试假日")
    assert not calendar.is_workday(date(2025, 3, 10))
    assert calendar.day_info(date(2025, 3, 10)) == "测试假日（法定节假日）"


def test_snapshot_reloads_when_another_process_bumps_the_version():
    from django.core.cache import cache

    snapshot = calendar.current()
    assert calendar.current() is snapshot
    cache.set(calendar.VERSION_KEY, "bumped-elsewhere")
    assert calendar.current() is not snapshot


def test_pure_snapshot_without_database():
    cal = WorkCalendar(
        holidays={date(2030, 1, 1): "元旦"}, makeups={date(2030, 1, 5): "元旦"}, years={2030: False}
    )
    assert not cal.is_workday(date(2030, 1, 1))
    assert cal.is_workday(date(2030, 1, 5))
    assert cal.add_workdays(date(2029, 12, 31), 1) == date(2030, 1, 2)
    assert cal.workdays_between(date(2029, 12, 31), date(2030, 1, 7)) == 5
    assert not cal.is_provisional(date(2030, 6, 1))


def test_workdays_between_matches_day_by_day_count():
    import random

    cal = calendar.current()
    rng = random.Random(20251001)
    for _ in range(200):
        a = date.fromordinal(rng.randint(date(2003, 6, 1).toordinal(), date(2027, 12, 31).toordinal()))
        b = date.fromordinal(a.toordinal() + rng.randint(0, 120))
        brute = sum(cal.is_workday(date.fromordinal(o)) for o in range(a.toordinal() + 1, b.toordinal() + 1))
        assert cal.workdays_between(a, b) == brute


def test_days_entered_for_a_year_without_a_row_are_explained_as_entered_provisional_data():
    CalendarDay.objects.create(date=date(2027, 1, 4), kind="holiday", name="元旦（假设的补休）", provisional=True)
    CalendarDay.objects.create(date=date(2027, 1, 5), kind="holiday", name="元旦（假设的补休）", provisional=True)
    calendar.invalidate()
    explanation = calendar.explain(date(2026, 12, 20), 20)
    assert "注意：2027 年节假日安排为临时数据，尚未正式公布（临时）" in explanation.notes
    assert not any("无官方节假日安排" in note for note in explanation.notes)
