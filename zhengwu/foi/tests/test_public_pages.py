"""The application form and the progress lookup as a citizen uses them, without JavaScript."""

from django.urls import reverse

from zhengwu.foi.models import InformationRequest
from zhengwu.foi.tests.test_submission import application
from zhengwu.testing.codes import issued_code


def test_section_links_to_the_form_with_the_agency_filled_in(client, hunan):
    from zhengwu.disclosure.models import DisclosureSectionPage

    section = DisclosureSectionPage.objects.get(agency=hunan.czt)
    html = client.get(section.url_path.replace("/hunan", "", 1)).content.decode()
    assert "/ysqgk/?agency=" in html
    form = client.get(reverse("foi-apply"), {"agency": "湖南省财政厅"}).content.decode()
    assert 'value="湖南省财政厅"' in form and "所需信息的特征描述" in form


def test_wrong_fields_keep_everything_typed_and_say_what_to_fix(client, hunan):
    response = client.post(reverse("foi-apply"), application(phone="123", description="我要查预算执行情况"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "申请尚未提交" in html and "手机号码格式不正确" in html
    assert "我要查预算执行情况" in html and 'value="张三"' in html
    assert not InformationRequest.objects.exists()


def test_submit_then_track_with_number_and_code(client, hunan):
    response = client.post(reverse("foi-apply"), application())
    assert response.status_code == 302
    receipt = client.get(response.url).content.decode()
    filed = InformationRequest.objects.get()
    code = issued_code(receipt)
    assert filed.number in receipt
    assert f"{filed.clock.due_on:%Y-%m-%d}" in receipt
    wrong = client.post(reverse("foi-track"), {"number": filed.number, "code": "AAAAAAAA"}).content.decode()
    assert "申请编号或查询码不正确" in wrong and "收到申请" not in wrong
    right = client.post(reverse("foi-track"), {"number": filed.number, "code": code}).content.decode()
    assert "办理中" in right and "收到申请" in right and "20个工作日" in right


def test_a_second_identical_submission_is_refused_politely(client, hunan):
    client.post(reverse("foi-apply"), application())
    again = client.post(reverse("foi-apply"), application())
    assert "请勿重复提交" in again.content.decode()
    assert InformationRequest.objects.count() == 1


def test_a_due_date_in_a_year_without_official_data_is_marked_provisional_everywhere(
        client, hunan, django_capture_on_commit_callbacks):
    """The acknowledgement, the 收到申请 timeline entry and the status give a provisional date as provisional."""
    from django.utils import timezone

    from zhengwu.foi.tests.test_queue import file
    from zhengwu.notifications.models import Notification
    from zhengwu.timelimits import calendar
    from zhengwu.timelimits.models import CalendarYear

    this_year = timezone.localdate().year
    for year in (this_year, this_year + 1):  # as if neither year's 国务院办公厅 notice were out yet
        CalendarYear.objects.update_or_create(year=year, defaults={"provisional": True})
    calendar.invalidate()
    with django_capture_on_commit_callbacks(execute=True):
        filed = file()
    assert filed.clock.provisional
    mark = "（临时，节假日安排公布后可能调整）"
    sms = Notification.objects.filter(channel="sms", template="foi_acknowledgement").latest("pk")
    assert f"答复期限：{filed.clock.due_on:%Y-%m-%d}{mark}" in sms.body
    received = filed.events.get(kind="received")
    assert f"答复期限至 {filed.clock.due_on:%Y-%m-%d}{mark}" in received.message
    page = client.post(reverse("foi-track"), {"number": filed.number, "code": filed.tracking_code}).content.decode()
    assert f"{filed.clock.due_on:%Y-%m-%d}</strong>{mark}" in page
