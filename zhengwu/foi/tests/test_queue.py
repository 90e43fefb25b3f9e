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


def test_full_personal_data_only_for_the_handling_agency_and_every_view_is_logged(client, hunan):
    from zhengwu.privacy.models import PersonalDataAccess

    filed = file()
    hunan.user("czt_foi", hunan.czt, "foi_handler")
    client.login(username="czt_foi", password=PASSWORD)
    assert "显示完整信息" in client.get(f"/admin/foi/requests/inspect/{filed.pk}/").content.decode()
    refused = client.post(f"/admin/foi/requests/{filed.pk}/reveal/", {"reason": ""})
    assert refused.status_code == 400 and "请填写查看完整个人信息的原因" in refused.content.decode()
    assert not PersonalDataAccess.objects.exists()
    shown = client.post(f"/admin/foi/requests/{filed.pk}/reveal/", {"reason": "电话联系申请人补正"}).content.decode()
    assert "13812345678" in shown and ID_NUMBER in shown
    access = PersonalDataAccess.objects.get()
    assert access.user.username == "czt_foi" and access.reason == "电话联系申请人补正"
    client.logout()
    hunan.user("inspector1", hunan.province, "inspector")
    client.login(username="inspector1", password=PASSWORD)
    assert "显示完整信息" not in client.get(f"/admin/foi/requests/inspect/{filed.pk}/").content.decode()
    assert client.post(f"/admin/foi/requests/{filed.pk}/reveal/", {"reason": "看看"}).status_code in (302, 403)
    assert PersonalDataAccess.objects.count() == 1
