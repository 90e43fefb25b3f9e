"""手机验证码登录 through the real pages: a phone number, a texted six-digit code, signed in (an account made on
first use); codes hashed, short-lived, single-use, five tries; sends limited; staff never signed in this way."""

import re

import pytest
from django.contrib.auth import get_user_model, user_logged_in, user_login_failed
from django.db import connection
from django.urls import reverse

from zhengwu.citizen_auth.models import CitizenProfile, PhoneSignInCode
from zhengwu.citizen_auth.phone_codes import issue_code
from zhengwu.notifications.models import Notification

PHONE = "13812345678"
GENERIC = "验证码不正确或已失效"


@pytest.fixture(autouse=True)
def no_resend_wait(settings):
    settings.SIGNIN_CODE_RESEND_SECONDS = 0


def ask_code(client, phone=PHONE, **extra):
    return client.post(reverse("citizen-sms"), {"phone": phone}, **extra)


def texted_code(texts):
    return re.search(r"验证码为(\d{6})", texts[-1][1]).group(1)


def test_sign_in_with_a_texted_code(client, hunan, texts):
    page = client.get(reverse("citizen-sms"))
    assert page.status_code == 200 and "手机验证码登录" in page.content.decode() and "获取验证码" in page.content.decode()

    sent = ask_code(client, phone="138 1234-5678")
    assert sent.status_code == 302 and sent.url == reverse("citizen-sms-code")
    assert texts[-1][0] == PHONE
    code = texted_code(texts)
    step_two = client.get(sent.url).content.decode()
    assert "138****5678" in step_two and PHONE not in step_two.replace(f'value="{PHONE}"', "")

    # Only a keyed hash of the code is stored, and the SMS record keeps no code.
    stored = PhoneSignInCode.objects.get()
    assert code not in stored.code_hash
    assert not any(code in n.body for n in Notification.objects.filter(channel="sms"))

    wrong_code = "000000" if code != "000000" else "111111"
    wrong = client.post(reverse("citizen-sms-code"), {"code": wrong_code})
    assert wrong.status_code == 400 and GENERIC in wrong.content.decode()
    assert f'value="{wrong_code}"' not in wrong.content.decode()

    signed_in = client.post(reverse("citizen-sms-code"), {"code": code})
    assert signed_in.status_code == 302 and signed_in.url == "/ysqgk/mine/"
    user = get_user_model().objects.get(citizen_profile__isnull=False)
    assert int(client.session["_auth_user_id"]) == user.pk and "signin_phone" not in client.session
    assert not user.is_staff and not user.is_superuser and not user.has_usable_password()
    assert PHONE not in user.username
    header = client.get(reverse("citizen-sms")).content.decode()
    assert "您好，138****5678" in header

    # The number is stored encrypted, found by its blind index.
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone, phone_index FROM citizen_auth_citizenprofile")
        raw_phone, raw_index = cursor.fetchone()
    assert PHONE not in raw_phone and PHONE not in raw_index
    assert CitizenProfile.objects.get(phone_index__matches=PHONE).user == user

    # The code is spent; the next sign-in finds the same account.
    client.post(reverse("account-logout"))
    assert client.post(reverse("citizen-sms-code"), {"code": code}).status_code == 302  # back to step one
    ask_code(client)
    assert client.post(reverse("citizen-sms-code"), {"code": code}).status_code == 400
    ask_code(client)
    client.post(reverse("citizen-sms-code"), {"code": texted_code(texts)})
    assert int(client.session["_auth_user_id"]) == user.pk
    assert get_user_model().objects.filter(citizen_profile__isnull=False).count() == 1


@pytest.mark.parametrize("phone", ["12345678901", "1381234567", "138123456789", "abc", ""])
def test_only_a_mainland_mobile_is_accepted(client, hunan, texts, phone):
    response = ask_code(client, phone=phone)
    assert response.status_code == 400
    assert "手机号码" in response.content.decode() and texts == []


def test_a_code_expires_after_five_minutes(client, hunan, texts, settings):
    assert settings.SIGNIN_CODE_TTL_SECONDS == 300
    ask_code(client)
    stored = PhoneSignInCode.objects.get()
    assert (stored.expires_at - stored.created_at).total_seconds() == 300
    PhoneSignInCode.objects.update(expires_at=stored.created_at)  # five minutes later
    response = client.post(reverse("citizen-sms-code"), {"code": texted_code(texts)})
    assert response.status_code == 400 and GENERIC in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_five_wrong_tries_spend_the_code(client, hunan, texts, settings):
    settings.ACCOUNT_ATTEMPTS_PER_HOUR = 0  # the network's question is another test's subject
    ask_code(client)
    code = texted_code(texts)
    wrong = f"{(int(code) + 1) % 1000000:06d}"
    for _ in range(5):
        assert client.post(reverse("citizen-sms-code"), {"code": wrong}).status_code == 400
    response = client.post(reverse("citizen-sms-code"), {"code": code})
    assert response.status_code == 400 and GENERIC in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_new_code_retires_the_old_one(client, hunan, texts):
    ask_code(client)
    first = texted_code(texts)
    ask_code(client)
    second = texted_code(texts)
    if first != second:
        assert client.post(reverse("citizen-sms-code"), {"code": first}).status_code == 400
    assert client.post(reverse("citizen-sms-code"), {"code": second}).status_code == 302


def test_sends_are_limited_per_phone_per_network_and_in_time(client, hunan, texts, settings):
    for number in range(5):  # from five networks: the number's own ceiling
        assert ask_code(client, REMOTE_ADDR=f"10.0.0.{number + 1}").status_code == 302
    refused = ask_code(client, REMOTE_ADDR="10.0.0.9")
    assert refused.status_code == 429 and "该号码获取验证码次数过多" in refused.content.decode()
    assert len(texts) == 5

    # One network asking for many numbers: a question past the soft limit, a refusal past the hard one.
    settings.SIGNIN_CODES_PER_ADDRESS_PER_HOUR, settings.SIGNIN_CODES_HARD_LIMIT_PER_ADDRESS_PER_HOUR = 2, 3
    for number in range(2):
        assert ask_code(client, phone=f"1390000000{number}", REMOTE_ADDR="10.1.1.1").status_code == 302
    asked = ask_code(client, phone="13900000009", REMOTE_ADDR="10.1.1.1")
    assert asked.status_code == 400 and "为防止恶意提交" in asked.content.decode()
    client.post(reverse("citizen-sms"), {"phone": "13900000009", "captcha_token": "x", "captcha_answer": "1"},
                REMOTE_ADDR="10.1.1.1")
    hard = ask_code(client, phone="13900000008", REMOTE_ADDR="10.1.1.1")
    assert hard.status_code == 429 and "提交过于频繁" in hard.content.decode()

    # The same number again at once: wait a minute.
    settings.SIGNIN_CODE_RESEND_SECONDS = 60
    assert ask_code(client, phone="13700000000", REMOTE_ADDR="10.2.2.2").status_code == 302
    again = ask_code(client, phone="13700000000", REMOTE_ADDR="10.2.2.2")
    assert again.status_code == 429 and "秒后再重新获取" in again.content.decode()


def test_a_staff_account_cannot_sign_in_by_phone_and_nothing_says_so(client, hunan, texts, django_user_model):
    staff = django_user_model.objects.create_user("staff_with_phone", is_staff=True)
    CitizenProfile.objects.create(user=staff, phone=PHONE)
    citizen_page = ask_code(client, phone="13912345678")
    staff_page = ask_code(client)
    assert citizen_page.status_code == staff_page.status_code == 302
    assert [to for to, _ in texts] == ["13912345678"]  # nothing goes to the staff member's phone
    assert "如该号码可以接收短信，验证码已发送" in client.get(reverse("citizen-sms-code")).content.decode()

    code = issue_code(PHONE, send=False)  # even the right code
    response = client.post(reverse("citizen-sms-code"), {"code": code})
    assert response.status_code == 400 and GENERIC in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_ins_and_failures_send_the_signals_the_audit_log_hears(client, hunan, texts):
    heard = []

    def on_success(sender, request, user, **kwargs):
        heard.append(("in", user.pk))

    def on_failure(sender, credentials, request=None, **kwargs):
        heard.append(("failed", credentials.get("one_time_password")))

    user_logged_in.connect(on_success)
    user_login_failed.connect(on_failure)
    try:
        ask_code(client)
        code = texted_code(texts)
        client.post(reverse("citizen-sms-code"), {"code": "000000" if code != "000000" else "111111"})
        client.post(reverse("citizen-sms-code"), {"code": code})
    finally:
        user_logged_in.disconnect(on_success)
        user_login_failed.disconnect(on_failure)
    user = get_user_model().objects.get(citizen_profile__isnull=False)
    assert heard[0][0] == "failed" and code not in str(heard[0][1])  # the code itself is masked
    assert heard[1] == ("in", user.pk)


def test_the_password_lock_out_does_not_count_phone_sign_ins(client, hunan, texts, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 1
    ask_code(client)
    client.post(reverse("citizen-sms-code"), {"code": texted_code(texts)})
    client.post(reverse("account-logout"))
    django_user = get_user_model().objects.create_user("citizen77", password="Xiang-Jiang-River-88")
    response = client.post(reverse("account-login"), {"username": "citizen77", "password": "Xiang-Jiang-River-88"})
    assert response.status_code == 302 and int(client.session["_auth_user_id"]) == django_user.pk
