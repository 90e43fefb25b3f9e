from datetime import date

import chinese_calendar
import pytest
from django.core.management import call_command

from zhengwu.timelimits.models import CalendarDay, CalendarYear
from zhengwu.timelimits.seed import library_years, seed_from_chinese_calendar

pytestmark = pytest.mark.django_db


def test_migration_seeded_every_library_year_as_official():
    years = library_years()
    assert years[0] == 2004 and years[-1] >= 2026
    assert list(CalendarYear.objects.order_by("year").values_list("year", flat=True)) == years
    assert not CalendarYear.objects.filter(provisional=True).exists()
    assert CalendarYear.objects.get(year=2025).source == f"chinese-calendar {chinese_calendar.__version__}"
    assert CalendarDay.objects.filter(kind="holiday").count() == len(chinese_calendar.holidays)
    assert CalendarDay.objects.filter(kind="workday").count() == len(chinese_calendar.workdays)


def test_seeded_names_are_chinese():
    assert CalendarDay.objects.get(date=date(2025, 10, 1)).name == "国庆节"
    assert CalendarDay.objects.get(date=date(2025, 10, 6)).name == "中秋节"
    assert CalendarDay.objects.get(date=date(2025, 4, 4)).name == "清明节"
    assert CalendarDay.objects.get(date=date(2015, 9, 3)).name == "抗战胜利70周年纪念日"
    # A makeup day is named after the whole block it pays for.
    assert CalendarDay.objects.get(date=date(2025, 10, 11)).name == "国庆节、中秋节"
    assert CalendarDay.objects.get(date=date(2025, 1, 26)).name == "春节"
    assert set(CalendarDay.objects.values_list("name", flat=True)) <= {
        "元旦", "春节", "清明节", "劳动节", "端午节", "国庆节", "中秋节", "抗战胜利70周年纪念日",
        "国庆节、中秋节", "中秋节、国庆节",
    }  # fmt: skip


def test_seed_is_idempotent():
    report = seed_from_chinese_calendar(CalendarYear, CalendarDay)
    assert not report.changed


def test_seed_repairs_library_rows_keeps_admin_corrections_and_replaces_guesses():
    CalendarDay.objects.filter(date=date(2025, 10, 1)).delete()
    CalendarDay.objects.filter(date=date(2025, 10, 2)).update(name="错误名称")
    CalendarDay.objects.filter(date=date(2025, 10, 3)).update(name="管理员更正", source="管理员录入")
    CalendarDay.objects.create(date=date(2025, 3, 12), kind="holiday", name="猜测", provisional=True)
    CalendarDay.objects.create(date=date(2025, 3, 13), kind="holiday", name="地方假日", source="管理员录入")
    CalendarYear.objects.filter(year=2025).update(provisional=True)

    report = seed_from_chinese_calendar(CalendarYear, CalendarDay)

    assert report.years_updated == [2025]
    assert report.days_created == ["2025-10-01 国庆节（法定节假日）"]
    assert len(report.days_updated) == 1 and report.days_updated[0].startswith("2025-10-02 国庆节")
    assert report.days_deleted == ["2025-03-12 猜测"]
    assert CalendarDay.objects.get(date=date(2025, 10, 3)).name == "管理员更正"
    assert CalendarDay.objects.filter(date=date(2025, 3, 13)).exists()
    assert not CalendarYear.objects.get(year=2025).provisional


def test_seedcalendar_command_reports_changes(capsys):
    from io import StringIO

    CalendarDay.objects.filter(date=date(2024, 10, 1)).delete()
    out = StringIO()
    call_command("seedcalendar", stdout=out)
    text = out.getvalue()
    assert "新增日期：1 条" in text
    assert "2024-10-01 国庆节（法定节假日）" in text
    out = StringIO()
    call_command("seedcalendar", stdout=out)
    assert "日历无变化。" in out.getvalue()
