import json
from datetime import date

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from zhengwu.timelimits.actions import pause_clock, start_clock
from zhengwu.timelimits.models import CalendarDay
from zhengwu.timelimits.wagtail_hooks import calendar_day_viewset, calendar_year_viewset, clock_viewset

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.gov.cn", "x" * 12)
    client.force_login(user)
    return client


def test_calendar_day_index_lists_national_day(admin_client):
    response = admin_client.get(reverse(calendar_day_viewset.get_url_name("index")), {"q": "国庆"})
    assert response.status_code == 200
    assert "国庆节" in response.content.decode()


def test_calendar_day_filters_by_year_and_kind(admin_client):
    url = reverse(calendar_day_viewset.get_url_name("index"))
    html = admin_client.get(url, {"year": "2025", "kind": "workday"}).content.decode()
    assert "2025-10-11" in html or "2025年10月11日" in html
    assert "国庆节、中秋节" in html


def test_calendar_year_index(admin_client):
    response = admin_client.get(reverse(calendar_year_viewset.get_url_name("index")))
    assert response.status_code == 200
    assert "chinese-calendar" in response.content.decode()


def test_adding_a_day_in_the_admin_logs_it_and_moves_clocks(admin_client, django_capture_on_commit_callbacks):
    clock = start_clock("计时中", date(2025, 3, 3), 20)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse(calendar_day_viewset.get_url_name("add")),
            {"date": "2025-03-12", "kind": "holiday", "name": "临时假日", "source": "管理员录入"},
        )
    assert response.status_code == 302
    day = CalendarDay.objects.get(date=date(2025, 3, 12))
    assert ModelLogEntry.objects.filter(object_id=str(day.pk), action="wagtail.create").exists()
    clock.refresh_from_db()
    assert clock.due_on == date(2025, 4, 1)


def test_admin_rejects_a_weekday_makeup_day(admin_client):
    response = admin_client.post(
        reverse(calendar_day_viewset.get_url_name("add")),
        {"date": "2025-03-12", "kind": "workday", "name": "错误", "source": "管理员录入"},
    )
    assert response.status_code == 200
    assert "调休上班日应为周六或周日" in response.content.decode()
    assert not CalendarDay.objects.filter(date=date(2025, 3, 12)).exists()


def test_clocks_are_read_only_with_events(admin_client):
    clock = start_clock("依申请公开 2025-001", date(2025, 9, 28), 20)
    pause_clock(clock, date(2025, 9, 30), "征求第三方意见")
    index = admin_client.get(reverse(clock_viewset.get_url_name("index")))
    assert index.status_code == 200
    assert "依申请公开 2025-001" in index.content.decode()
    inspect = admin_client.get(reverse(clock_viewset.get_url_name("inspect"), args=[clock.pk]))
    assert inspect.status_code == 200
    html = inspect.content.decode()
    assert "征求第三方意见" in html
    assert "2025-09-30 暂停：已用 2 个工作日" in html
    assert admin_client.get(reverse(clock_viewset.get_url_name("add"))).status_code in {302, 403}
    assert admin_client.get(reverse(clock_viewset.get_url_name("edit"), args=[clock.pk])).status_code in {
        302,
        403,
    }
    assert admin_client.get(reverse(clock_viewset.get_url_name("delete"), args=[clock.pk])).status_code in {
        302,
        403,
    }


def test_admin_menu_has_the_calendar_group(admin_client):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    # The sidebar is JSON inside the page, so non-ASCII labels arrive \u-escaped.
    assert json.dumps("工作日历") in html
    assert json.dumps(clock_viewset.menu_url) in html
