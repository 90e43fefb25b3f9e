"""The mailbox API: published letters and statistics for anyone, and the writer's endpoints (write, look up,
rate) with the same checks, limits and Chinese messages as the pages."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from zhengwu.interaction import actions
from zhengwu.interaction.models import Letter
from zhengwu.interaction.tests.conftest import WRITER

pytestmark = pytest.mark.django_db
LETTER = {"category": "suggest", "subject": "建议增加夜班公交", "body": "星沙城区晚上十点以后没有公交，建议开通夜班车。",
          "name": "李四", "phone": "13900000005", "may_publish": True, "pledge": True}


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()


def test_the_mailbox_api_lists_published_letters_and_statistics(client, mailbox):
    letter = actions.write_letter(mailbox.box, {**WRITER, "body": "我的电话13900000001，社保卡丢了怎么办？"})
    actions.draft_reply(letter, mailbox.office, "到社保经办机构补办。")
    actions.approve_reply(letter, mailbox.office2, publish=True)
    actions.write_letter(mailbox.box, {**WRITER, "phone": "13900000002", "may_publish": False})
    data = client.get("/api/v1/mailbox?mailbox=szxx").json()
    assert data["count"] == 1 and data["mailboxes"][0]["slug"] == "szxx"
    item = data["items"][0]
    assert item["number"] == letter.number and item["reply"] == "到社保经办机构补办。"
    assert "13900000001" not in item["body"] and item["reply_agency"] == mailbox.province.name
    assert set(item) >= {"received_on", "replied_on", "reply_agency", "subject", "body", "url"}
    total = data["statistics"][0]["total"]
    assert (total["received"], total["replied"], total["on_time"]) == (2, 1, 1)
    assert len(data["statistics"][0]["months"]) == 12
    assert client.get("/api/v1/mailbox?mailbox=nope").status_code == 404
    assert client.get(f"/api/v1/mailbox/letters/{letter.number}").json()["number"] == letter.number


def test_writing_through_the_api_then_looking_up_and_rating(client, mailbox):
    created = client.post("/api/v1/mailbox/szxx/letters", LETTER, content_type="application/json")
    assert created.status_code == 201
    number, code = created.json()["number"], created.json()["tracking_code"]
    again = client.post("/api/v1/mailbox/szxx/letters", LETTER, content_type="application/json")
    assert again.status_code == 409 and number in again.json()["detail"]
    wrong = client.post("/api/v1/mailbox/lookup", {"number": number, "code": "XXXXXXXX"},
                        content_type="application/json")
    assert wrong.status_code == 404 and "查询码不正确" in wrong.json()["detail"]
    status = client.post("/api/v1/mailbox/lookup", {"number": number, "code": code}, content_type="application/json")
    body = status.json()
    assert body["state"] == "received" and body["phone"] == "139****0005" and body["writer"] == "李*"
    letter = Letter.objects.get(number=number)
    actions.draft_reply(letter, mailbox.office, "已转交县交通运输局研究。")
    actions.approve_reply(letter, mailbox.office2)
    rated = client.post("/api/v1/mailbox/rating", {"number": number, "code": code, "rating": "satisfied"},
                        content_type="application/json")
    assert rated.status_code == 200 and rated.json()["rating"] == "satisfied" and not rated.json()["ratable"]
    twice = client.post("/api/v1/mailbox/rating", {"number": number, "code": code, "rating": "satisfied"},
                        content_type="application/json")
    assert twice.status_code == 409 and "已评价" in twice.json()["detail"]


def test_a_bad_letter_gets_every_problem_in_chinese_and_nothing_is_stored(client, mailbox):
    response = client.post("/api/v1/mailbox/szxx/letters", {**LETTER, "phone": "123", "category": "x", "pledge": False},
                           content_type="application/json")
    errors = response.json()["errors"]
    assert response.status_code == 422 and not Letter.objects.exists()
    assert "手机号码格式不正确" in errors["phone"][0] and "来信类别不正确" in errors["category"][0]
    assert "真实性承诺" in errors["pledge"][0] and response.json()["detail"].startswith("来信未提交")


@override_settings(INTERACTION_LETTERS_SOFT_LIMIT=1, INTERACTION_LETTERS_HARD_LIMIT=2)
def test_the_api_asks_the_question_past_the_soft_limit(client, mailbox):
    assert client.post("/api/v1/mailbox/szxx/letters", LETTER, content_type="application/json").status_code == 201
    asked = client.post("/api/v1/mailbox/szxx/letters", {**LETTER, "phone": "13900000006"},
                        content_type="application/json")
    assert asked.status_code == 429 and "等于几" in asked.json()["captcha"]["question"]
    assert Letter.objects.count() == 1
