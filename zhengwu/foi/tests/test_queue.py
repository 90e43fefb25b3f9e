"""The handler's queue in the admin: own agencies only, soonest due first, personal data masked."""

from datetime import datetime
from zoneinfo import ZoneInfo

from zhengwu.conftest import PASSWORD
from zhengwu.foi.actions import submit_request
from zhengwu.foi.forms import RequestForm
from zhengwu.foi.tests.test_submission import ID_NUMBER, application


def file(**extra):
    submitted_at = extra.pop("submitted_at", None)
    form = RequestForm(data=application(**extra))
    assert form.is_valid(), form.errors
    return submit_request(form.cleaned_data, submitted_at=submitted_at)


def test_handler_sees_own_agency_requests_soonest_due_first_and_masked(client, hunan):
    later = file(description="近期提交的申请")
    earlier = file(description="较早提交的申请", phone="13900001111",
                   submitted_at=datetime(2025, 9, 1, 9, tzinfo=ZoneInfo("Asia/Shanghai")))
    file(agency="湖南省自然资源厅", description="自然资源厅的申请")
    hunan.user("czt_foi", hunan.czt, "foi_handler")
    client.login(username="czt_foi", password=PASSWORD)
    html = client.get("/admin/foi/requests/").content.decode()
    assert earlier.number in html and later.number in html
    assert html.index(earlier.number) < html.index(later.number)
    assert "已超期" in html and "自然资源厅的申请" not in html
    assert "张*" in html and "张三" not in html
    detail = client.get(f"/admin/foi/requests/inspect/{later.pk}/").content.decode()
    assert "138****5678" in detail and "13812345678" not in detail and ID_NUMBER not in detail
    assert "收到申请" in detail


def test_other_agency_handler_and_publishers_are_refused(client, hunan):
    filed = file()
    hunan.user("zrzyt_foi", hunan.zrzyt, "foi_handler")
    client.login(username="zrzyt_foi", password=PASSWORD)
    assert filed.number not in client.get("/admin/foi/requests/").content.decode()
    assert client.get(f"/admin/foi/requests/inspect/{filed.pk}/").status_code in (302, 403, 404)
    client.logout()
    hunan.user("writer", hunan.czt, "publisher")
    client.login(username="writer", password=PASSWORD)
    assert client.get("/admin/foi/requests/").status_code in (302, 403)
