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
