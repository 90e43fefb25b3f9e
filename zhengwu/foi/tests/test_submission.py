"""Filing a request without an account and following it with number and code (API), as an applicant would."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from zhengwu.foi.actions import submit_request
from zhengwu.foi.forms import RequestForm
from zhengwu.foi.models import InformationRequest
from zhengwu.notifications.models import Notification
from zhengwu.privacy.validators import resident_id_check_digit

ID17 = "43010219900101123"
ID_NUMBER = ID17 + resident_id_check_digit(ID17)


def application(**extra):
    data = {"agency": "湖南省财政厅", "applicant_type": "natural_person", "name": "张三", "id_type": "resident_id",
            "id_number": ID_NUMBER, "phone": "13812345678", "email": "zhangsan@example.com",
            "description": "2025年省级部门预算中“三公”经费的明细", "delivery_form": "electronic",
            "delivery_way": "email"}
    data.update(extra)
    return data


def post(client, data):
    return client.post("/api/v1/foi/requests", data, content_type="application/json")


def test_applicant_files_a_request_and_follows_it(client, hunan, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, application())
    assert response.status_code == 201
    body = response.json()
    assert re.fullmatch(rf"YSQ\d{{4}}-{hunan.czt.pk:05d}-00001", body["number"])
    assert len(body["tracking_code"]) == 8 and body["due_on"] > body["received_on"]
    assert body["number"] in mailoutbox[0].body and body["tracking_code"] in mailoutbox[0].body  # the applicant's
    for logged in Notification.objects.all():  # the notification log staff read: the code is never in it
        assert body["number"] in logged.body and body["tracking_code"] not in logged.body + logged.subject
    assert Notification.objects.filter(channel="email", status="sent").exists()
    status = client.get(f"/api/v1/foi/requests/{body['number']}", {"code": body["tracking_code"].lower()}).json()
    assert status["agency"] == "湖南省财政厅" and status["state_label"] == "办理中"
    assert status["due_on"] == body["due_on"]
    assert status["due_explanation"][0].endswith("自收到申请之日起20个工作日内答复") and status["outcome"] == ""
    assert [e["label"] for e in status["timeline"]] == ["提交申请", "收到申请"]
    assert "20个工作日" in status["timeline"][1]["message"]
    wrong = client.get(f"/api/v1/foi/requests/{body['number']}", {"code": "WRONG123"})
    assert wrong.status_code == 404


def test_numbers_are_per_agency_and_gap_free(client, hunan):
    numbers = [post(client, application(description=f"信息{n}")).json()["number"] for n in range(3)]
    assert [n[-5:] for n in numbers] == ["00001", "00002", "00003"]
    other = post(client, application(agency="湖南省自然资源厅", description="国土空间规划")).json()["number"]
    assert other.endswith(f"-{hunan.zrzyt.pk:05d}-00001")


def test_bad_fields_get_chinese_messages_field_by_field(client, hunan):
    response = post(client, application(id_number=ID17 + "X" if not ID_NUMBER.endswith("X") else ID17 + "0",
                                        phone="12345", description="", delivery_way="post", agency="不存在的厅"))
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) >= {"id_number", "phone", "address", "agency"}
    assert "校验" in errors["id_number"][0] or "身份证" in errors["id_number"][0]
    assert "找不到" in errors["agency"][0]
    assert response.json()["detail"].startswith("申请未提交，请修改：")
    assert not InformationRequest.objects.exists()


def test_malformed_body_is_a_chinese_422_not_a_500(client, hunan):
    response = client.post("/api/v1/foi/requests", "not json", content_type="application/json")
    assert response.status_code in (400, 422)
    assert "请求" in response.json()["detail"]


def test_the_same_application_twice_within_minutes_is_caught(client, hunan):
    first = post(client, application())
    again = post(client, application(name="张三 "))
    assert first.status_code == 201 and again.status_code == 409
    assert first.json()["number"] in again.json()["detail"]
    assert InformationRequest.objects.count() == 1


def test_personal_data_is_encrypted_at_rest(client, hunan):
    post(client, application())
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, phone, name FROM foi_informationrequest")
        stored = cursor.fetchone()
    assert ID_NUMBER not in stored[0] and "13812345678" not in stored[1] and "张三" not in stored[2]
    assert InformationRequest.objects.get().id_number == ID_NUMBER


@pytest.mark.django_db
def test_online_request_on_a_holiday_counts_from_the_next_working_day(hunan):
    form = RequestForm(data=application())
    assert form.is_valid(), form.errors
    filed = submit_request(form.cleaned_data, submitted_at=datetime(2025, 10, 3, 9, tzinfo=ZoneInfo("Asia/Shanghai")))
    assert str(filed.received_on) == "2025-10-09"
    assert filed.number.startswith("YSQ2025-")


def test_a_busy_database_answers_503_to_retry_not_500(client, hunan, monkeypatch):
    from django.db import OperationalError

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr("zhengwu.foi.api.submit_request", locked)
    response = post(client, application())
    assert response.status_code == 503 and response["Retry-After"]
    assert "未被保存" in response.json()["detail"]


def test_the_agency_may_be_chosen_from_a_list_or_named_in_part_and_the_phone_is_checked(client, hunan):
    """The apply form offers the agencies as one types (a <datalist>, without JavaScript); “财政厅” finds the
    one agency whose name holds it; a truncated mobile number is refused with the platform's message."""
    page = client.get("/ysqgk/").content.decode()
    assert 'list="agency-names"' in page and '<option value="湖南省财政厅">' in page
    # The help text is linked for screen readers: the widget's aria-describedby names the help's id.
    assert 'aria-describedby="id_agency_helptext"' in page and 'id="id_agency_helptext"' in page
    assert post(client, application(agency="财政厅")).json()["number"].split("-")[1] == f"{hunan.czt.pk:05d}"
    ambiguous = post(client, application(agency="人民政府", description="另一件"))
    assert ambiguous.status_code == 422 and "对应多个机关" in ambiguous.json()["errors"]["agency"][0]
    short = post(client, application(phone="1380000", description="第三件"))
    assert short.status_code == 422 and "手机号码格式不正确" in short.json()["errors"]["phone"][0]
    landline = post(client, application(phone="0731-88889999", description="第四件"))
    assert landline.status_code == 201


def test_a_description_has_a_length_limit(client, hunan):
    """Issue 21: 200,000 characters of description were accepted."""
    from zhengwu.foi.models import InformationRequest

    response = post(client, application(description="预算" * 100_000))
    assert response.status_code == 422 and "description" in response.json()["errors"]
    assert not InformationRequest.objects.exists()


def test_the_code_goes_in_a_json_body_and_the_query_string_lookup_is_deprecated(client, hunan, settings):
    settings.LOOKUP_FAILURES_PER_NUMBER = 2
    filed = post(client, application()).json()
    number, code = filed["number"], filed["tracking_code"]

    found = client.post("/api/v1/foi/requests/lookup", {"number": number, "code": code.lower()},
                        content_type="application/json")
    assert found.status_code == 200 and found.json()["agency"] == "湖南省财政厅"
    assert client.get(f"/api/v1/foi/requests/{number}", {"code": code}).status_code == 200  # still answers

    def wrong_code():  # the same guard: wrong codes sent in the body count against this number
        return client.post("/api/v1/foi/requests/lookup", {"number": number, "code": "WRONG123"},
                           content_type="application/json")

    wrong = wrong_code()
    assert wrong.status_code == 404 and wrong.json()["detail"] == "申请编号或查询码不正确。"
    assert wrong_code().status_code == 429  # the second one reaches this network's limit for the number
    assert client.post("/api/v1/foi/requests/lookup", {"number": number, "code": code},
                       content_type="application/json").status_code == 429
    assert client.get(f"/api/v1/foi/requests/{number}", {"code": code}).status_code == 429

    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert paths["/api/v1/foi/requests/{number}"]["get"]["deprecated"] is True
    lookup = paths["/api/v1/foi/requests/lookup"]["post"]
    assert not lookup.get("deprecated") and {"200", "404", "422", "429"} <= set(lookup["responses"])
