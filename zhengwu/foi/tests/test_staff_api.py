"""The staff API as another provincial system uses it: a personal token acts as its owner, in their scope,
through the same actions as the admin."""

import base64
from datetime import timedelta

import pytest
from wagtail.models import APIToken

from zhengwu.foi.models import InformationRequest
from zhengwu.foi.tests.test_queue import file
from zhengwu.foi.tests.test_submission import application
from zhengwu.timelimits import calendar


def bearer(user):
    _row, token = APIToken.create_token(user=user, name="省一体化政务服务平台")
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def act(client, number, auth, **payload):
    return client.post(f"/api/v1/foi/requests/{number}/actions", payload, content_type="application/json", **auth)


@pytest.fixture
def tokens(staff):
    return {name: bearer(getattr(staff, name)) for name in ("handler", "head", "reviewer", "other")}


def test_whole_case_through_the_api(client, tokens, staff):
    request = file()
    body = act(client, request.number, tokens["handler"], action="request_correction", items="请写明年度").json()
    assert body["state"] == "correction" and body["due_on"] is None and body["correction"]["deadline"]
    body = act(client, request.number, tokens["handler"], action="receive_correction", supplied="2025年度").json()
    assert body["state"] == "processing" and any("重新计时" in line for line in body["due_explanation"])
    body = act(client, request.number, tokens["handler"], action="propose_extension", workdays=10,
               reason="需调取档案").json()
    extension = body["extensions"][0]["id"]
    refused = act(client, request.number, tokens["handler"], action="decide_extension", extension=extension,
                  approve=True)
    assert refused.status_code == 403 and "负责人" in refused.json()["detail"]
    body = act(client, request.number, tokens["head"], action="decide_extension", extension=extension,
               approve=True).json()
    assert body["extensions"][0]["state"] == "approved"
    act(client, request.number, tokens["handler"], action="note", text="已电话联系申请人")
    document = base64.b64encode(b"2025\xe5\xb9\xb4\xe9\xa2\x84\xe7\xae\x97").decode()
    body = act(client, request.number, tokens["handler"], action="attach", filename="预算.txt",
               content_base64=document, title="2025年预算").json()
    assert body["documents"][0]["title"] == "2025年预算"
    act(client, request.number, tokens["handler"], action="draft_reply", outcome="r1",
        how_to_obtain="以电子邮件发送")
    body = act(client, request.number, tokens["reviewer"], action="review_reply", approve=True).json()
    assert body["reply"]["state"] == "approved" and body["reply"]["letter_number"]
    body = act(client, request.number, tokens["handler"], action="send_reply").json()
    assert body["state"] == "answered" and body["outcome"] == "r1"
    internal = [e for e in body["timeline"] if not e["public"]]
    assert any("已电话联系申请人" in e["message"] for e in internal)
    assert "张*" == body["applicant"]["name"]  # masked, even for the handler's systems


def test_refusals_are_clear(client, tokens):
    request = file()
    other = act(client, request.number, tokens["other"], action="note", text="x")
    assert other.status_code == 404  # another agency's request does not exist for them
    unknown = act(client, request.number, tokens["handler"], action="delete")
    assert unknown.status_code == 422 and "未知的办理操作" in str(unknown.json())
    missing = act(client, request.number, tokens["handler"], action="consult", party_kind="neighbour")
    assert missing.status_code == 422
    errors = missing.json()["errors"]
    assert "party_name" in errors and "可选" in errors["party_kind"][0]
    state = act(client, request.number, tokens["handler"], action="receive_correction", supplied="x")
    assert state.status_code == 409 and "不能进行此操作" in state.json()["detail"]
    anonymous = client.post(f"/api/v1/foi/requests/{request.number}/actions", {"action": "note", "text": "x"},
                            content_type="application/json")
    assert anonymous.status_code == 401


def test_queue_and_paper_registration(client, tokens, hunan):
    first = file(description="较早的申请")
    file(agency="湖南省自然资源厅", description="别的机关")
    queue = client.get("/api/v1/foi/queue", **tokens["handler"]).json()
    assert [row["number"] for row in queue["results"]] == [first.number]
    payload = application(description="邮寄来的申请", channel="post", signed_on="2026-03-02")
    registered = client.post("/api/v1/foi/registrations", payload, content_type="application/json",
                             **tokens["handler"])
    assert registered.status_code == 201, registered.content
    assert registered.json()["received_on"] == "2026-03-02" and registered.json()["channel"] == "post"
    unsigned = client.post("/api/v1/foi/registrations", application(description="缺签收日期", channel="post"),
                           content_type="application/json", **tokens["handler"])
    assert unsigned.status_code == 422 and "签收日期" in str(unsigned.json())
    elsewhere = client.post("/api/v1/foi/registrations", application(agency="湖南省自然资源厅", channel="in_person"),
                            content_type="application/json", **tokens["handler"])
    assert elsewhere.status_code == 403
    assert InformationRequest.objects.filter(channel="post").count() == 1


def test_malformed_calls_get_422_not_500(client, tokens):
    request = file()
    assert act(client, request.number, tokens["handler"], action=["note"]).status_code == 422
    exe = base64.b64encode(b"MZ\x90\x00" + b"\x00" * 64).decode()
    refused = act(client, request.number, tokens["handler"], action="attach", filename="x.exe", content_base64=exe)
    assert refused.status_code == 422 and refused.json()["errors"]["filename"]
    assert client.get("/api/v1/foi/queue", {"page": "99999999999999999999"}, **tokens["handler"]).status_code == 422
    future = client.post("/api/v1/foi/registrations", application(description="未来签收", channel="post",
                                                                  signed_on="2099-03-02"),
                         content_type="application/json", **tokens["handler"])
    assert future.status_code == 422 and "不能晚于今天" in str(future.json())


def test_a_posted_notice_and_its_delivery_through_the_api(client, tokens):
    from zhengwu.foi.tests.test_procedure import workdays_ago

    request = file(submitted_at=workdays_ago(30))
    sent = request.received_on + timedelta(days=1)
    body = act(client, request.number, tokens["handler"], action="request_correction", items="请写明年度",
               on=sent.isoformat(), by_post=True).json()
    assert body["correction"]["deadline"] is None and body["correction"]["delivered_on"] is None
    delivered = sent + timedelta(days=4)
    body = act(client, request.number, tokens["handler"], action="record_delivery", notice="correction",
               on=delivered.isoformat()).json()
    assert body["correction"]["delivered_on"] == delivered.isoformat()
    assert body["correction"]["deadline"] == calendar.current().add_workdays(delivered, 15).isoformat()
    again = act(client, request.number, tokens["handler"], action="record_delivery", notice="fee")
    assert again.status_code == 409 and "没有该通知" in again.json()["detail"]


def test_an_open_request_without_a_clock_is_listed_and_shown_not_a_500(client, tokens):
    # The model allows an open request without its answer clock (e.g. a legacy import); the queue and the case
    # must still answer, saying no due date, instead of failing the whole list.
    request = file(description="迁移来的旧申请")
    InformationRequest.objects.filter(pk=request.pk).update(clock=None)
    queue = client.get("/api/v1/foi/queue", **tokens["handler"])
    assert queue.status_code == 200
    assert [(row["number"], row["due_on"]) for row in queue.json()["results"]] == [(request.number, None)]
    shown = client.get(f"/api/v1/foi/requests/{request.number}/case", **tokens["handler"])
    assert shown.status_code == 200 and shown.json()["due_on"] is None
