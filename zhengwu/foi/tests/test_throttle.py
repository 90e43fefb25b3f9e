"""Rate limits and the text question on anonymous submissions, as a citizen (or a script) meets them."""

import re
import time
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core import signing
from django.test import RequestFactory, override_settings
from django.urls import reverse
from playwright.sync_api import expect

from zhengwu import throttle
from zhengwu.conftest import needs_chromium, serious_violations
from zhengwu.foi.models import InformationRequest
from zhengwu.foi.tests.test_submission import ID_NUMBER, application, post
from zhengwu.throttle import FOI_SUBMISSIONS, chinese_numeral, client_ip, client_key, parse_number

ONE_FREE = override_settings(FOI_SUBMISSIONS_PER_HOUR=1, FOI_SUBMISSIONS_HARD_LIMIT_PER_HOUR=30)


def solve(question):
    """What a person does: read the sum in Chinese numerals and work it out."""
    a, operation, b = re.search(r"计算：(.+?)([加减])(.+?)等于几", question).groups()
    return parse_number(a) + parse_number(b) if operation == "加" else parse_number(a) - parse_number(b)


def question_on(html):
    return re.search(r'<label for="id_captcha_answer">([^<]+)<', html).group(1)


def token_on(html):
    return re.search(r'name="captcha_token" value="([^"]+)"', html).group(1)


def answered(html, **extra):
    """The application again (something else asked for), with the page's question answered."""
    return application(description=extra.pop("description", "2024年决算公开中的一般公共预算支出"),
                       captcha_token=token_on(html), captcha_answer=str(solve(question_on(html))), **extra)


def test_under_the_limit_there_is_no_question(client, hunan):
    with override_settings(FOI_SUBMISSIONS_PER_HOUR=2):
        assert "安全验证" not in client.get(reverse("foi-apply")).content.decode()
        assert client.post(reverse("foi-apply"), application()).status_code == 302
        assert "安全验证" not in client.get(reverse("foi-apply")).content.decode()


@ONE_FREE
def test_over_the_soft_limit_the_form_asks_and_files_only_with_the_right_answer(client, hunan):
    assert client.post(reverse("foi-apply"), application()).status_code == 302
    page = client.get(reverse("foi-apply"))
    html = page.content.decode()
    assert page.status_code == 200 and "安全验证" in html
    assert re.search(r"请计算：[零一二三四五六七八九十]+[加减][零一二三四五六七八九十]+等于几？（请填写阿拉伯数字）",
                     question_on(html))
    fieldset = re.search(r'<fieldset class="challenge">.*?</fieldset>', html, re.S).group(0)
    assert 'inputmode="numeric"' in fieldset and "<img" not in fieldset

    typed = application(description="2024年决算公开中的一般公共预算支出", captcha_token=token_on(html))
    unanswered = client.post(reverse("foi-apply"), typed)
    html = unanswered.content.decode()
    assert unanswered.status_code == 400 and "申请尚未提交" in html and "请填写验证问题的答案" in html
    assert "2024年决算公开中的一般公共预算支出" in html and 'value="张三"' in html

    wrong = client.post(reverse("foi-apply"), {**answered(html), "captcha_answer": str(solve(question_on(html)) + 1)})
    again = wrong.content.decode()
    assert wrong.status_code == 400 and "答案不正确，请回答新的验证问题" in again
    assert 'aria-invalid="true"' in again and "2024年决算公开中的一般公共预算支出" in again
    assert token_on(again) != token_on(html)  # a new question: a wrong answer cannot simply be retried
    assert InformationRequest.objects.count() == 1

    assert client.post(reverse("foi-apply"), answered(again)).status_code == 302
    assert InformationRequest.objects.count() == 2


@ONE_FREE
def test_a_form_sent_back_without_the_question_shows_it(client, hunan):
    """The form was opened before the limit was reached (another tab): the question is asked, nothing lost."""
    client.post(reverse("foi-apply"), application())
    response = client.post(reverse("foi-apply"), application(description="2024年决算公开中的一般公共预算支出"))
    html = response.content.decode()
    assert response.status_code == 400 and "请回答验证问题后再提交" in html and "安全验证" in html
    assert "2024年决算公开中的一般公共预算支出" in html
    assert InformationRequest.objects.count() == 1


@ONE_FREE
def test_a_wrong_field_does_not_spend_the_answer(client, hunan):
    client.post(reverse("foi-apply"), application())
    html = client.get(reverse("foi-apply")).content.decode()
    first = answered(html, phone="123")
    response = client.post(reverse("foi-apply"), first)
    kept = response.content.decode()
    assert response.status_code == 400 and "手机号码格式不正确" in kept
    assert token_on(kept) == first["captcha_token"] and f'value="{first["captcha_answer"]}"' in kept
    assert client.post(reverse("foi-apply"), {**first, "phone": "13812345678"}).status_code == 302


@ONE_FREE
def test_a_solved_question_cannot_be_used_twice(client, hunan):
    client.post(reverse("foi-apply"), application())
    solved = answered(client.get(reverse("foi-apply")).content.decode())
    assert client.post(reverse("foi-apply"), solved).status_code == 302
    replay = client.post(reverse("foi-apply"), {**solved, "description": "2023年政府采购合同清单"})
    assert replay.status_code == 400 and "该验证问题已经使用过" in replay.content.decode()
    assert InformationRequest.objects.count() == 2


@ONE_FREE
def test_an_expired_question_is_refused_with_a_new_one(client, hunan, monkeypatch):
    client.post(reverse("foi-apply"), application())
    html = client.get(reverse("foi-apply")).content.decode()
    later = time.time() + throttle.CHALLENGE_MAX_AGE + 1
    monkeypatch.setattr(signing, "time", SimpleNamespace(time=lambda: later))
    response = client.post(reverse("foi-apply"), answered(html))
    page = response.content.decode()
    assert response.status_code == 400 and "验证问题已超过10分钟有效期" in page
    assert "2024年决算公开中的一般公共预算支出" in page and token_on(page) != token_on(html)
    assert InformationRequest.objects.count() == 1


@override_settings(FOI_SUBMISSIONS_PER_HOUR=1, FOI_SUBMISSIONS_HARD_LIMIT_PER_HOUR=2)
def test_past_the_hard_limit_even_a_right_answer_waits(client, hunan):
    client.post(reverse("foi-apply"), application())
    assert client.post(reverse("foi-apply"), answered(client.get(reverse("foi-apply")).content.decode())).status_code \
        == 302
    page = client.get(reverse("foi-apply")).content.decode()
    assert "提交过于频繁" in page and "安全验证" not in page
    response = client.post(reverse("foi-apply"), application(description="2023年政府采购合同清单"))
    html = response.content.decode()
    assert response.status_code == 429 and 0 < int(response["Retry-After"]) <= 3600
    assert re.search(r"请于\d\d:\d\d后（约\d+分钟后）再试", html) and "2023年政府采购合同清单" in html

    api = post(client, application(description="2023年政府采购合同清单"))
    assert api.status_code == 429 and 0 < int(api["Retry-After"]) <= 3600
    body = api.json()
    assert "提交过于频繁" in body["detail"] and "captcha" not in body and body["retry_after"] > 0
    assert InformationRequest.objects.count() == 2


@ONE_FREE
def test_api_answers_429_with_the_question_and_files_on_the_retry(client, hunan):
    assert post(client, application()).status_code == 201
    refused = post(client, application(description="2024年决算公开中的一般公共预算支出"))
    body = refused.json()
    assert refused.status_code == 429 and "Retry-After" not in refused
    assert "captcha_token" in body["detail"] and "captcha_answer" in body["detail"]
    assert set(body["captcha"]) == {"token", "question"} and "等于几" in body["captcha"]["question"]

    wrong = post(client, application(description="2024年决算公开中的一般公共预算支出",
                                     captcha_token=body["captcha"]["token"],
                                     captcha_answer=solve(body["captcha"]["question"]) + 1)).json()
    assert wrong["detail"].startswith("答案不正确") and wrong["captcha"]["token"] != body["captcha"]["token"]

    retry = post(client, application(description="2024年决算公开中的一般公共预算支出",
                                     captcha_token=wrong["captcha"]["token"],
                                     captcha_answer=solve(wrong["captcha"]["question"])))
    assert retry.status_code == 201 and InformationRequest.objects.count() == 2

    fetched = client.get("/api/v1/foi/captcha").json()
    assert post(client, application(description="2023年政府采购合同清单", captcha_token=fetched["token"],
                                     captcha_answer=str(solve(fetched["question"])))).status_code == 201


@override_settings(FOI_SUBMISSIONS_PER_HOUR=0, FOI_SUBMISSIONS_HARD_LIMIT_PER_HOUR=1)
def test_zero_turns_the_limit_off(client, hunan):
    for n in range(4):
        assert client.post(reverse("foi-apply"), application(description=f"信息{n}")).status_code == 302
        assert "安全验证" not in client.get(reverse("foi-apply")).content.decode()
    assert post(client, application(description="信息4")).status_code == 201


@ONE_FREE
def test_limits_are_per_network(client, hunan):
    assert client.post(reverse("foi-apply"), application(), REMOTE_ADDR="203.0.113.5").status_code == 302
    assert "安全验证" in client.get(reverse("foi-apply"), REMOTE_ADDR="203.0.113.5").content.decode()
    assert "安全验证" not in client.get(reverse("foi-apply"), REMOTE_ADDR="203.0.113.6").content.decode()
    assert client.post(reverse("foi-apply"), application(description="另一项信息"),
                       REMOTE_ADDR="203.0.113.6").status_code == 302


@ONE_FREE
def test_staff_are_not_limited(client, hunan):
    client.force_login(get_user_model().objects.create_user("clerk", is_staff=True))
    for n in range(3):
        assert client.post(reverse("foi-apply"), application(description=f"信息{n}")).status_code == 302


def test_forwarded_for_is_believed_only_behind_trusted_proxies():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    assert client_ip(request) == "10.0.0.2"
    with override_settings(TRUSTED_PROXY_COUNT=1):
        assert client_ip(request) == "198.51.100.7"  # what the proxy saw; "1.2.3.4" was written by the client
    with override_settings(TRUSTED_PROXY_COUNT=2):
        assert client_ip(request) == "1.2.3.4"
    ipv6 = RequestFactory().get("/", REMOTE_ADDR="2001:db8:1:2:3:4:5:6")
    assert client_key(ipv6) == "2001:db8:1:2::/64"


@override_settings(FOI_SUBMISSIONS_PER_HOUR=1, FOI_SUBMISSIONS_HARD_LIMIT_PER_HOUR=2)
def test_the_hour_rolls_on(monkeypatch):
    now = [1_800_000_000.0]  # on a ten-minute boundary
    monkeypatch.setattr(throttle, "_clock", lambda: now[0])
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
    FOI_SUBMISSIONS.record(request)
    now[0] += 1200
    FOI_SUBMISSIONS.record(request)
    usage = FOI_SUBMISSIONS.usage(request)
    assert usage.refused and usage.retry_after == 3600 - 1200  # when the first one leaves the hour
    now[0] += 2400
    assert FOI_SUBMISSIONS.usage(request).needs_challenge
    now[0] += 1200
    assert FOI_SUBMISSIONS.usage(request).count == 0


def test_numbers_in_words_and_figures():
    assert [chinese_numeral(n) for n in (0, 7, 10, 12, 20, 35)] == ["零", "七", "十", "十二", "二十", "三十五"]
    assert all(parse_number(chinese_numeral(n)) == n for n in range(100))
    assert parse_number("１２") == 12 and parse_number(" 7 ") == 7 and parse_number("两") == 2
    assert parse_number("七十十") is None and parse_number("abc") is None and parse_number("") is None


@pytest.mark.browser
@needs_chromium
@ONE_FREE
def test_the_question_in_a_browser(browser_page, live_server, hunan):
    FOI_SUBMISSIONS.record(RequestFactory().post("/", REMOTE_ADDR="127.0.0.1"))
    page = browser_page
    page.goto(live_server.url + "/ysqgk/?agency=湖南省财政厅")
    page.get_by_label("姓名/名称").fill("张三")
    page.get_by_label("证件号码").fill(ID_NUMBER)
    page.get_by_label("联系电话").fill("13812345678")
    page.get_by_label("所需信息的特征描述").fill("2025年省级部门预算中“三公”经费的明细")
    question = page.locator("label[for=id_captcha_answer]").inner_text()
    page.get_by_label(question.rstrip("*")).fill(str(solve(question) + 1))
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator("#id_captcha_answer-error")).to_have_text("答案不正确，请回答新的验证问题。")
    assert page.get_by_label("所需信息的特征描述").input_value() == "2025年省级部门预算中“三公”经费的明细"
    assert serious_violations(page) == []
    question = page.locator("label[for=id_captcha_answer]").inner_text()
    page.locator("#id_captcha_answer").fill(str(solve(question)))
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator("h1")).to_have_text("申请已提交")
