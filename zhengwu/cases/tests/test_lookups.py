"""Every public lookup by number and 查询码 — each case type, each entrance (pages, JSON API, the actions a case
page posts, downloads) — goes through one limit (cases.tracking), counted in the shared cache: guessing one
number from one network locks that network out of that number but never its owner elsewhere; guessing across
numbers and case types locks the guessing network out; the code itself is kept only as a keyed hash."""

import json

import pytest
from cryptography.fernet import Fernet
from django.test import Client
from django.urls import reverse

from zhengwu.foi.actions import file_complaint as file_foi_complaint
from zhengwu.foi.actions import submit_request
from zhengwu.foi.forms import RequestForm
from zhengwu.interaction.actions import write_letter
from zhengwu.interaction.models import Mailbox
from zhengwu.services.actions import receive_application
from zhengwu.services.models import CaseChannel, Matter, MatterType
from zhengwu.supervision import actions as supervision
from zhengwu.testing.codes import solved

ATTACKER, OWNER = "203.0.113.7", "198.51.100.20"
GENERIC = ("申请编号或查询码不正确", "投诉编号或查询码不正确", "未找到该办件，或查询码不正确", "未找到该来信，或查询码不正确")


@pytest.fixture
def one_of_each(hunan):
    """One case of each type with a 查询码, each object still holding its clear code (`tracking_code`)."""
    form = RequestForm(data={"agency": "湖南省财政厅", "applicant_type": "natural_person", "name": "张三",
                             "id_type": "resident_id", "id_number": "430121199001011237", "phone": "13812345678",
                             "description": "2025年省级部门预算中“三公”经费的明细", "delivery_form": "electronic",
                             "delivery_way": "online"})
    assert form.is_valid(), form.errors
    matter = Matter.objects.create(
        agency=hunan.czt, code="430000CZT-XK-0001", name="某项行政许可", matter_type=MatterType.LICENSING,
        legal_basis="某法第十条", statutory_workdays=20, promised_workdays=10, charged=False,
        online_depth=Matter.OnlineDepth.FULL, form_fields=[])
    box = Mailbox.objects.create(agency=hunan.province, name="省长信箱", slug="szxx", kind=Mailbox.Kind.LEADER)
    return {
        "foi.request": submit_request(form.cleaned_data),
        "foi.complaint": file_foi_complaint(agency=hunan.czt, name="李四", phone="13900000002", content="逾期未答复。"),
        "services.case": receive_application(
            matter, {"applicant_kind": "person", "name": "王五", "id_number": "430121199001011237",
                     "phone": "13800000003"}, {}, channel=CaseChannel.ONLINE),
        "interaction.letter": write_letter(box, {
            "category": "consult", "subject": "咨询社保卡补办", "body": "请问社保卡丢失后如何补办？", "name": "赵六",
            "phone": "13900000004", "email": "", "address": "", "may_publish": False}),
        "supervision.complaint": supervision.file_complaint(agency=hunan.czt, name="钱七", phone="13900000005",
                                                            content="窗口推诿。"),
    }


def from_network(address):
    """A browser (its own cookies and session) on a network."""
    return Client(REMOTE_ADDR=address)


def _page(url):
    return lambda client, number, code: client.post(url, {"number": number, "code": code})


def _api_get(url):
    return lambda client, number, code: client.get(url.format(number=number), {"code": code})


def _letter_api(client, number, code):
    return client.post("/api/v1/mailbox/lookup", json.dumps({"number": number, "code": code}),
                       content_type="application/json")


ENTRANCES = {
    "ysqgk-track-page": ("foi.request", _page("/ysqgk/track/")),
    "ysqgk-api": ("foi.request", _api_get("/api/v1/foi/requests/{number}")),
    "ysqgk-complaint-page": ("foi.complaint", _page("/ysqgk/complaint/lookup/")),
    "zwfw-track-page": ("services.case", _page("/zwfw/track/")),
    "zwfw-api": ("services.case", _api_get("/api/v1/services/cases/{number}")),
    "zwfw-withdraw-action": ("services.case", lambda client, number, code: client.post(
        reverse("services-withdraw"), {"number": number, "code": code})),
    "hdjl-track-page": ("interaction.letter", _page("/hdjl/xx/track/")),
    "hdjl-api": ("interaction.letter", _letter_api),
    "dzjc-complaint-page": ("supervision.complaint", _page("/dzjc/complaint/lookup/")),
}


def text_of(response):
    """What the person or program reads: the page, or the JSON with its Chinese unescaped."""
    if response["Content-Type"].startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode()


@pytest.mark.parametrize("entrance", ENTRANCES)
def test_guessing_one_number_locks_the_guesser_out_of_it_but_never_its_owner(entrance, one_of_each, settings):
    settings.LOOKUP_FAILURES_PER_HOUR, settings.LOOKUP_FAILURES_HARD_LIMIT_PER_HOUR = 100, 200
    settings.LOOKUP_FAILURES_PER_NUMBER = 2
    key, look_up = ENTRANCES[entrance]
    case = one_of_each[key]
    attacker = from_network(ATTACKER)
    wrong = look_up(attacker, case.number, "AAAAAAAA")
    assert wrong.status_code in (400, 404) and any(message in text_of(wrong) for message in GENERIC)
    limit_reached = look_up(attacker, case.number, "BBBBBBBB")  # this failure reaches the limit: said at once
    assert limit_reached.status_code == 429 and "查询失败次数过多" in text_of(limit_reached)
    refused = look_up(attacker, case.number, case.tracking_code)  # even the right code: the code is not checked
    assert refused.status_code == 429 and "查询失败次数过多" in text_of(refused) and "再试" in text_of(refused)
    assert int(refused["Retry-After"]) > 0
    again = look_up(from_network(ATTACKER), case.number, case.tracking_code)  # a new session, the same network
    assert again.status_code == 429
    owner = look_up(from_network(OWNER), case.number, case.tracking_code.lower())
    assert owner.status_code == 200 and case.number in text_of(owner)


def test_guessing_across_numbers_and_case_types_locks_the_network_out(one_of_each, settings):
    settings.LOOKUP_FAILURES_PER_HOUR = settings.LOOKUP_FAILURES_HARD_LIMIT_PER_HOUR = 3  # no question: refusal
    settings.LOOKUP_FAILURES_PER_NUMBER = 5
    guesses = (("ysqgk-track-page", "YSQ-0001"), ("zwfw-api", "BJ2026-99999-000001"),
               ("hdjl-track-page", "XJ2026-99999-00001"))
    answers = [ENTRANCES[entrance][1](from_network(ATTACKER), number, "AAAAAAAA").status_code
               for entrance, number in guesses]
    assert answers == [400, 404, 429]  # the third failure reaches the network's limit
    complaint = one_of_each["supervision.complaint"]
    refused = from_network(ATTACKER).post("/dzjc/complaint/lookup/",
                                          {"number": complaint.number, "code": complaint.tracking_code})
    assert refused.status_code == 429 and "同一网络一小时内编号或查询码错误达3次" in text_of(refused)
    api = from_network(ATTACKER).get(f"/api/v1/foi/requests/{one_of_each['foi.request'].number}",
                                     {"code": one_of_each["foi.request"].tracking_code})
    assert api.status_code == 429 and api["Retry-After"] and "查询失败次数过多" in api.json()["detail"]
    elsewhere = from_network(OWNER).post("/dzjc/complaint/lookup/",
                                         {"number": complaint.number, "code": complaint.tracking_code})
    assert elsewhere.status_code == 200 and "窗口推诿" not in text_of(elsewhere) and complaint.number in text_of(
        elsewhere)


def test_past_the_soft_limit_the_right_code_passes_with_the_question_answered(one_of_each, settings):
    settings.LOOKUP_FAILURES_PER_HOUR, settings.LOOKUP_FAILURES_HARD_LIMIT_PER_HOUR = 1, 30
    request = one_of_each["foi.request"]
    browser = from_network(ATTACKER)
    wrong = text_of(browser.post("/ysqgk/track/", {"number": request.number, "code": "AAAAAAAA"}))
    assert "申请编号或查询码不正确" in wrong and "请计算" in wrong  # the failure brings the question on
    unanswered = browser.post("/ysqgk/track/", {"number": request.number, "code": request.tracking_code})
    assert unanswered.status_code == 400 and "请回答验证问题" in text_of(unanswered)
    answered = browser.post("/ysqgk/track/", {"number": request.number, "code": request.tracking_code,
                                              **solved(text_of(unanswered))})
    assert answered.status_code == 200 and "办理过程" in text_of(answered)


def test_the_code_is_kept_only_as_a_keyed_hash(one_of_each, settings):
    for key, case in one_of_each.items():
        row = type(case).objects.filter(pk=case.pk).values().get()
        assert not any(case.tracking_code in str(value) for value in row.values()), key
        assert len(case.tracking_digest) == 64 and "tracking_code" not in row, key
    # A key rotation (a new key first, the old one kept) leaves every issued code working.
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), *settings.FIELD_ENCRYPTION_KEYS]
    request = one_of_each["foi.request"]
    found = from_network(OWNER).get(f"/api/v1/foi/requests/{request.number}", {"code": request.tracking_code})
    assert found.status_code == 200 and found.json()["number"] == request.number
