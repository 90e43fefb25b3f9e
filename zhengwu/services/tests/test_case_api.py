"""The public JSON API of service cases: look a case up by number and code, apply online."""

import base64
import io

import pytest
from django.test import override_settings
from pypdf import PdfWriter

from zhengwu.services import actions
from zhengwu.services.models import CaseMaterial, MaterialRequirement, Rectification, ServiceCase
from zhengwu.services.tests.conftest import APPLICANT

pytestmark = pytest.mark.django_db

ID_NUMBER = "430121199001011237"
NOT_FOUND = {"detail": "未找到该办件，或查询码不正确。"}


def pdf_base64():
    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=200, height=200)
    writer.write(out)
    return base64.b64encode(out.getvalue()).decode()


def lookup(client, case, code=None, number=None):
    return client.get(f"/api/v1/services/cases/{number or case.number}", {"code": code or case.tracking_code})


def application(tree, **changes):
    payload = {"matter": tree.matter.code, "applicant_kind": "person", "name": "李四", "id_number": ID_NUMBER,
               "phone": "13900000002", "form_data": {"shop_name": "星沙小吃店"}, "consent": True,
               "materials": [{"material": "营业执照", "filename": "营业执照.pdf", "content_base64": pdf_base64()}]}
    payload.update(changes)
    return payload


def post(client, payload):
    return client.post("/api/v1/services/cases", payload, content_type="application/json")


@pytest.fixture
def licence(hall):
    MaterialRequirement.objects.create(matter=hall.matter, name="营业执照", required=True)
    return hall


def test_lookup_returns_the_case_with_its_clocks_timeline_result_and_rating(client, hall):
    case = actions.receive_application(hall.matter, dict(APPLICANT), {"shop_name": "星沙小吃店"})
    body = lookup(client, case, code=case.tracking_code.lower()).json()
    assert set(body) == {"number", "matter", "matter_code", "agency", "state", "state_label", "received_on", "due",
                         "timeline", "result", "rating"}
    assert body["state"] == "received" and body["state_label"] == "窗口已收件" and body["rating"] is None
    assert body["matter"] == "食品经营许可" and body["agency"] == "长沙县市场监督管理局"
    assert body["due"] == [{"label": "受理时限", "due_on": f"{case.step_clock.due_on:%Y-%m-%d}", "state": "running",
                            "state_label": "计时中"}]
    assert [(e["kind"], e["label"]) for e in body["timeline"]] == [("submitted", "网上申请")]
    assert set(body["timeline"][0]) == {"on", "kind", "label", "message"}
    assert "张三" not in str(body) and "13800000001" not in str(body)
    code = case.tracking_code  # the clear code lives only on the object that issued it
    case = actions.accept(case, hall.clerk)
    case = actions.complete(actions.decide(case, hall.clerk, "approved"), hall.clerk, "许可证已送达")
    rating = actions.rate(case=case, level=1, comment="让我跑了两次")
    body = lookup(client, case, code=code).json()
    assert body["result"] == "许可证已送达" and body["state_label"] == "已办结"
    assert [d["label"] for d in body["due"]] == ["办结时限", "送达时限"]
    fix = body["rating"]["rectification"]
    assert body["rating"]["level_label"] == "非常不满意" and body["rating"]["is_bad"]
    assert fix["state"] == "open" and fix["due_on"] == f"{Rectification.objects.get(rating=rating).clock.due_on}"


def test_a_wrong_number_or_code_is_the_same_404(client, hall):
    case = actions.receive_application(hall.matter, dict(APPLICANT), {"shop_name": "星沙小吃店"})
    wrong_code = lookup(client, case, code="AAAAAAAA")
    wrong_number = lookup(client, case, number="BJ2026-99999-000009")
    no_code = client.get(f"/api/v1/services/cases/{case.number}")
    for response in (wrong_code, wrong_number, no_code):
        assert response.status_code == 404 and response.json() == NOT_FOUND


def test_lookups_are_throttled(client, hall):
    case = actions.receive_application(hall.matter, dict(APPLICANT), {"shop_name": "星沙小吃店"})
    with override_settings(LOOKUP_FAILURES_PER_HOUR=1, LOOKUP_FAILURES_HARD_LIMIT_PER_HOUR=30):
        assert lookup(client, case, code="AAAAAAAA").status_code == 404
        asked = lookup(client, case)  # the right code, but past the soft limit: the question first
        assert asked.status_code == 429 and "question" in asked.json()["captcha"]
    with override_settings(LOOKUP_FAILURES_PER_HOUR=2, LOOKUP_FAILURES_HARD_LIMIT_PER_HOUR=2):
        assert lookup(client, case, code="BBBBBBBB").status_code == 429  # this failure reached the limit
        refused = lookup(client, case)
        assert refused.status_code == 429 and refused["Retry-After"] and "查询失败次数过多" in refused.json()["detail"]


def test_apply_with_json_and_base64_material(client, licence):
    response = post(client, application(licence))
    assert response.status_code == 201, response.content
    body = response.json()
    case = ServiceCase.objects.get()
    assert body == {"number": case.number, "tracking_code": body["tracking_code"],
                    "received_on": f"{case.received_on}", "acceptance_due_on": f"{case.step_clock.due_on}"}
    assert lookup(client, case, code=body["tracking_code"]).status_code == 200  # the code, shown this once
    assert case.form_data == {"shop_name": "星沙小吃店"} and case.name == "李四"
    assert CaseMaterial.objects.get(case=case).requirement.name == "营业执照"
    assert len(case.tracking_digest) == 64 and body["tracking_code"] not in case.tracking_digest


def test_apply_422_names_every_field_in_chinese(client, licence):
    response = post(client, application(licence, id_number="430121199001011235", phone="110", form_data={},
                                        consent=False, materials=[]))
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["id_number"] == ["身份证号码校验位不正确，请核对后重新输入。"]
    assert "手机号码格式不正确" in errors["phone"][0]
    assert errors["form_data.shop_name"] == ["请填写“店铺名称”。"]
    assert errors["materials.营业执照"] == ["请上传“营业执照”。"]
    assert errors["consent"] == ["请阅读并勾选承诺后再提交。"]
    assert response.json()["detail"].startswith("申请未提交")
    bad_file = post(client, application(licence, materials=[
        {"material": "营业执照", "filename": "营业执照.pdf", "content_base64": base64.b64encode(b"MZ\x90\x00").decode()}]))
    assert bad_file.status_code == 422 and "文件内容与扩展名不符" in bad_file.json()["errors"]["materials.营业执照"][0]
    unknown = post(client, application(licence, materials=[
        {"material": "户口本", "filename": "a.pdf", "content_base64": pdf_base64()}]))
    assert unknown.status_code == 422 and "没有“户口本”" in str(unknown.json()["errors"])
    assert post(client, application(licence, matter="NO-SUCH")).status_code == 404
    assert not ServiceCase.objects.exists()


@override_settings(SERVICES_APPLICATIONS_PER_HOUR=1, SERVICES_APPLICATIONS_HARD_LIMIT_PER_HOUR=30)
def test_apply_past_the_soft_limit_asks_the_question(client, licence):
    assert post(client, application(licence)).status_code == 201
    asked = post(client, application(licence))
    assert asked.status_code == 429 and asked.json()["captcha"]["token"]
    assert ServiceCase.objects.count() == 1


def test_the_code_goes_in_a_json_body_and_the_query_string_lookup_is_deprecated(client, hall, settings):
    settings.LOOKUP_FAILURES_PER_NUMBER = 2
    case = actions.receive_application(hall.matter, dict(APPLICANT), {"shop_name": "星沙小吃店"})

    def lookup_by_post(code):
        return client.post("/api/v1/services/cases/lookup", {"number": case.number, "code": code},
                           content_type="application/json")

    found = lookup_by_post(case.tracking_code.lower())
    assert found.status_code == 200 and found.json()["matter"] == "食品经营许可"
    assert lookup(client, case).status_code == 200  # the query-string way still answers

    wrong = lookup_by_post("WRONG123")  # the same guard: wrong codes sent in the body count against this number
    assert wrong.status_code == 404 and wrong.json() == NOT_FOUND
    assert lookup_by_post("WRONG456").status_code == 429  # the second one reaches this network's limit for it
    assert lookup_by_post(case.tracking_code).status_code == 429
    assert lookup(client, case).status_code == 429

    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert paths["/api/v1/services/cases/{number}"]["get"]["deprecated"] is True
    operation = paths["/api/v1/services/cases/lookup"]["post"]
    assert not operation.get("deprecated") and {"200", "404", "422", "429"} <= set(operation["responses"])
