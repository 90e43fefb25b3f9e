"""The staff API of service cases as another provincial system uses it: a personal token acts as its owner, in
their scope, through the same actions as the admin."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from wagtail.models import APIToken

from zhengwu.privacy import masking
from zhengwu.services import actions
from zhengwu.services.models import CaseChannel, Matter, MatterType, ServiceCase
from zhengwu.services.tests.conftest import APPLICANT

pytestmark = pytest.mark.django_db

ID_NUMBER = "430121199001011237"


def bearer(user):
    _row, token = APIToken.create_token(user=user, name="省一体化政务服务平台")
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def act(client, number, auth, **payload):
    return client.post(f"/api/v1/services/cases/{number}/actions", payload, content_type="application/json", **auth)


def apply(tree, when=None):
    return actions.receive_application(tree.matter, dict(APPLICANT, id_number=ID_NUMBER), {"shop_name": "星沙小吃店"},
                                       channel=CaseChannel.COUNTER, actor=tree.window, submitted_at=when)


@pytest.fixture
def tokens(hall):
    hall.other = hall.user("czt_clerk", hall.czt, "window_clerk")
    hall.inspector = hall.user("inspector1", hall.province, "inspector")
    return {name: bearer(getattr(hall, name)) for name in ("window", "clerk", "other", "inspector")}


def test_a_case_from_routing_to_completion_through_the_api(client, hall, tokens):
    case = apply(hall)
    body = act(client, case.number, tokens["window"], action="route", note="材料已初审").json()
    assert body["state"] == "routed" and body["step"] == "受理" and body["step_due_on"]
    body = act(client, case.number, tokens["clerk"], action="assign", assignee="scj_clerk").json()
    assert body["assignee"] == "scj_clerk"
    body = act(client, case.number, tokens["clerk"], action="accept").json()
    assert body["state"] == "accepted" and body["due_on"] and body["days_left"] == 10
    assert any("承诺办结时限 10 个工作日" in line for c in body["clocks"] for line in c["explanation"])
    body = act(client, case.number, tokens["clerk"], action="start_special", procedure=hall.inspection.pk).json()
    assert body["state"] == "special" and body["due_on"] is None and body["special_runs"][0]["name"] == "现场核查"
    body = act(client, case.number, tokens["clerk"], action="end_special", result="核查合格").json()
    assert body["state"] == "accepted" and body["special_runs"][0]["ended_on"]
    body = act(client, case.number, tokens["clerk"], action="decide", decision="approved").json()
    assert body["state"] == "decided" and body["step"] == "送达" and body["decision"] == "approved"
    body = act(client, case.number, tokens["clerk"], action="record_fee", amount="0").json()
    assert body["fee_charged"] == "0.00" and body["violations"] == []
    act(client, case.number, tokens["clerk"], action="note", text="申请人要求邮寄")
    body = act(client, case.number, tokens["clerk"], action="complete", result_text="许可证已送达").json()
    assert body["state"] == "completed" and body["result_text"] == "许可证已送达"
    assert [c["step"] for c in body["clocks"]] == ["受理", "办结", "送达"]
    internal = [e for e in body["timeline"] if not e["public"]]
    assert {e["kind"] for e in internal} == {"assigned", "note"}
    assert body["applicant"] == {"kind": "person", "name": "张*", "id_number": masking.mask_id_number(ID_NUMBER),
                                 "phone": masking.mask_phone("13800000001")}
    assert "张三" not in str(body) and ID_NUMBER not in str(body) and "13800000001" not in str(body)
    shown = client.get(f"/api/v1/services/cases/{case.number}/case", **tokens["inspector"]).json()
    assert shown["state"] == "completed" and len(shown["timeline"]) == len(body["timeline"])


def test_each_refusal_has_its_status_and_a_chinese_detail(client, hall, tokens):
    case = apply(hall)
    anonymous = client.post(f"/api/v1/services/cases/{case.number}/actions", {"action": "accept"},
                            content_type="application/json")
    assert anonymous.status_code == 401
    wrong = act(client, case.number, {"HTTP_AUTHORIZATION": "Bearer wagtail_nonsense"}, action="accept")
    assert wrong.status_code == 401
    other = act(client, case.number, tokens["other"], action="accept")
    assert other.status_code == 404 and other.json()["detail"] == "没有找到该办件，或您无权查看。"
    assert client.get(f"/api/v1/services/cases/{case.number}/case", **tokens["other"]).status_code == 404
    forbidden = act(client, case.number, tokens["inspector"], action="accept")
    assert forbidden.status_code == 403 and "没有办理" in forbidden.json()["detail"]
    state = act(client, case.number, tokens["clerk"], action="end_special")
    assert state.status_code == 409 and "不能进行此操作" in state.json()["detail"]
    unknown = act(client, case.number, tokens["clerk"], action="delete")
    assert unknown.status_code == 422 and "未知的办理操作" in unknown.json()["detail"]
    missing = act(client, case.number, tokens["clerk"], action="request_correction")
    assert missing.status_code == 422 and missing.json()["errors"] == {"items": ["必填。"]}
    bad = act(client, case.number, tokens["clerk"], action="decide", decision="maybe", on="明天")
    assert bad.status_code == 422 and "可选" in bad.json()["errors"]["decision"][0]
    assert "日期格式" in bad.json()["errors"]["on"][0]
    nobody = act(client, case.number, tokens["clerk"], action="assign", assignee="nobody")
    assert nobody.status_code == 422 and nobody.json()["errors"]["assignee"] == ["没有这个用户。"]
    outsider = act(client, case.number, tokens["clerk"], action="assign", assignee="czt_clerk")
    assert outsider.status_code == 409 and "不是长沙县市场监督管理局的办件工作人员" in outsider.json()["detail"]
    assert act(client, case.number, tokens["clerk"], action=["accept"]).status_code == 422
    case.refresh_from_db()
    assert case.state == "received" and case.events.count() == 1


def test_the_queue_is_soonest_due_first_in_scope_only(client, hall, tokens):
    tz = ZoneInfo("Asia/Shanghai")
    today = timezone.localdate()
    recent = apply(hall)
    old = apply(hall, when=datetime.combine(today - timedelta(days=14), datetime.min.time(), tz))
    paused = actions.request_correction(apply(hall), hall.clerk, "营业执照")
    actions.refuse(apply(hall), hall.clerk, "不属于本部门职权")
    queue = client.get("/api/v1/services/queue", **tokens["clerk"]).json()
    assert queue["count"] == 3 and [r["number"] for r in queue["results"]] == [old.number, recent.number,
                                                                              paused.number]
    assert queue["results"][0]["applicant"] == "张*" and queue["results"][2]["next_due_on"] is None
    assert client.get("/api/v1/services/queue", **tokens["other"]).json()["count"] == 0
    assert client.get("/api/v1/services/queue", {"page": "0"}, **tokens["clerk"]).status_code == 422


def test_the_window_registers_a_counter_application(client, hall, tokens):
    payload = {"matter": hall.matter.code, "applicant_kind": "person", "name": "李四", "id_number": ID_NUMBER,
               "phone": "13900001111", "form": {"shop_name": "李记粉店"}, "consent": True}
    registered = client.post("/api/v1/services/registrations", payload, content_type="application/json",
                             **tokens["window"])
    assert registered.status_code == 201, registered.content
    body = registered.json()
    case = ServiceCase.objects.get(number=body["number"])
    assert case.channel == "counter" and len(body["tracking_code"]) == 8 and body["state"] == "received"
    assert client.get(f"/api/v1/services/cases/{case.number}", {"code": body["tracking_code"]}).status_code == 200
    assert body["applicant"]["name"] == "李*" and body["form"] == [{"label": "店铺名称", "value": "李记粉店"}]
    assert case.events.get().actor == hall.window

    missing = client.post("/api/v1/services/registrations", {**payload, "form": {}, "phone": "123"},
                          content_type="application/json", **tokens["window"])
    assert missing.status_code == 422
    assert "请填写“店铺名称”" in str(missing.json()) and "手机号码格式不正确" in str(missing.json())
    unsigned = client.post("/api/v1/services/registrations", {**payload, "consent": False},
                           content_type="application/json", **tokens["window"])
    assert unsigned.status_code == 422 and "签字承诺" in str(unsigned.json())
    unknown = client.post("/api/v1/services/registrations", {**payload, "matter": "NO-SUCH-CODE"},
                          content_type="application/json", **tokens["window"])
    assert unknown.status_code == 422 and "没有这个在用的事项编码" in str(unknown.json())
    elsewhere = Matter.objects.create(
        agency=hall.czt, code="430000CZ-QT-0001", name="财政票据领购", matter_type=MatterType.OTHER_POWER,
        legal_basis="—", conditions="—", process="申请", statutory_workdays=5, promised_workdays=3, place="—",
        hours="—", consult_channel="—", complaint_channel="—")
    outside = client.post("/api/v1/services/registrations", {**payload, "matter": elsewhere.code},
                          content_type="application/json", **tokens["window"])
    assert outside.status_code == 403 and "受理范围" in outside.json()["detail"]
    assert ServiceCase.objects.count() == 1
