"""Public accounts: optional, but a signed-in applicant finds everything they filed in one place."""

from django.contrib.auth import get_user_model
from django.urls import reverse


def test_register_sign_in_and_out(client, hunan):
    bad = client.post(reverse("account-register"), {"username": "ab", "password1": "x", "password2": "y"})
    assert bad.status_code == 400 and "用户名只能包含" in bad.content.decode()
    response = client.post(reverse("account-register"), {
        "username": "zhangsan2026", "first_name": "张三", "email": "", "password1": "Xiang-Jiang-River-88",
        "password2": "Xiang-Jiang-River-88"})
    assert response.status_code == 302 and response.url == "/ysqgk/mine/"
    user = get_user_model().objects.get(username="zhangsan2026")
    assert not user.is_staff and not user.has_perm("wagtailadmin.access_admin")
    again = client.post(reverse("account-register"), {
        "username": "ZhangSan2026", "password1": "Xiang-Jiang-River-88", "password2": "Xiang-Jiang-River-88"})
    assert "已被注册" in again.content.decode()
    client.post(reverse("account-logout"))
    wrong = client.post(reverse("account-login"), {"username": "zhangsan2026", "password": "nope"})
    assert "用户名或密码不正确" in wrong.content.decode()
    right = client.post(reverse("account-login"), {"username": "zhangsan2026", "password": "Xiang-Jiang-River-88",
                                                   "next": "https://evil.example/"})
    assert right.status_code == 302 and right.url == "/ysqgk/mine/"


def test_password_guessing_meets_a_question_then_a_refusal(client, hunan, settings):
    settings.ACCOUNT_ATTEMPTS_PER_HOUR, settings.ACCOUNT_ATTEMPTS_HARD_LIMIT_PER_HOUR = 2, 4
    get_user_model().objects.create_user("citizen02", password="Xiang-Jiang-River-88")
    for _ in range(2):
        wrong = client.post(reverse("account-login"), {"username": "citizen02", "password": "guess"})
        assert "用户名或密码不正确" in wrong.content.decode()
    asked = client.post(reverse("account-login"), {"username": "citizen02", "password": "Xiang-Jiang-River-88"})
    assert asked.status_code == 400 and "为防止恶意提交" in asked.content.decode()  # even the right password waits
    token = asked.context["challenge"].token
    for _ in range(2):
        client.post(reverse("account-login"), {"username": "citizen02", "password": "guess",
                                               "captcha_token": token, "captcha_answer": "999"})
    refused = client.post(reverse("account-login"), {"username": "citizen02", "password": "Xiang-Jiang-River-88"})
    assert refused.status_code == 429 and refused["Retry-After"] and "再试" in refused.content.decode()
