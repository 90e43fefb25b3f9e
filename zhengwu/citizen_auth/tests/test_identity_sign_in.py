"""The province's unified identity (OpenID Connect) against a real provider running in the test: the walk from
/oidc/authenticate/ to the provider and back, PKCE, state and nonce; accounts matched by `sub`, never staff; a
tampered ID token, a foreign audience, a replayed state and a staff account refused with a Chinese message."""

from urllib.parse import parse_qs, urlparse

import pytest
import requests
from django.contrib.auth import get_user_model, user_logged_in, user_login_failed
from django.urls import reverse

from zhengwu.citizen_auth.models import CitizenProfile

REFUSED = "统一身份认证登录未成功"


def walk(client, next_url="/ysqgk/"):
    """Browser steps: our start page → the provider (which signs the person in) → our callback."""
    start = client.get("/oidc/authenticate/", {"next": next_url})
    assert start.status_code == 302
    at_provider = requests.get(start.url, allow_redirects=False, timeout=5)
    assert at_provider.status_code == 302
    back = urlparse(at_provider.headers["Location"])
    assert (back.netloc, back.path) == ("testserver", "/oidc/callback/")
    return start, client.get(back.path, parse_qs(back.query)) , back


def test_routes_answer_404_and_the_button_is_hidden_when_not_configured(client, hunan):
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/", {"code": "x", "state": "y"}).status_code == 404
    page = client.get(reverse("account-login")).content.decode()
    assert "手机验证码登录" in page and "统一身份认证" not in page


def test_sign_in_through_the_provider(client, hunan, provider):
    page = client.get(reverse("account-login")).content.decode()
    assert "使用湖南省统一身份认证平台登录" in page and "手机验证码登录" in page and "账号密码登录" in page

    heard = []
    user_logged_in.connect(receiver := lambda sender, user, **kw: heard.append(user.pk))
    try:
        start, done, _ = walk(client)
    finally:
        user_logged_in.disconnect(receiver)

    sent = parse_qs(urlparse(start.url).query)
    assert start.url.startswith(provider.base + "/authorize")
    assert sent["code_challenge_method"] == ["S256"] and sent["nonce"][0] and sent["state"][0]
    assert provider.token_requests[-1]["code_verifier"]  # PKCE: the provider checked it against the challenge
    assert done.status_code == 302 and done.url == "/ysqgk/"

    user = get_user_model().objects.get(citizen_profile__oidc_subject="hn-0001")
    assert heard == [user.pk] and int(client.session["_auth_user_id"]) == user.pk
    assert not user.is_staff and not user.is_superuser and "hn-0001" not in user.username
    assert user.citizen_profile.oidc_issuer == provider.issuer
    assert "您好，张三" in client.get(reverse("citizen-sms")).content.decode()

    # Next time the same `sub` is the same account, whatever else the provider says about the person.
    client.post(reverse("account-logout"))
    provider.person = {"sub": "hn-0001", "name": "张三丰", "email": "someone-else@example.com"}
    walk(client)
    assert int(client.session["_auth_user_id"]) == user.pk
    user.refresh_from_db()
    assert user.first_name == "张三丰" and get_user_model().objects.filter(citizen_profile__isnull=False).count() == 1


def test_an_account_with_the_same_email_is_not_taken_over(client, hunan, provider, django_user_model):
    victim = django_user_model.objects.create_user("victim01", email="victim@example.com", password="x-Long-Pass-9")
    provider.person = {"sub": "hn-0002", "name": "李四", "email": "victim@example.com"}
    walk(client)
    assert int(client.session["_auth_user_id"]) != victim.pk


def refused(client, done):
    assert done.status_code == 302 and done.url == reverse("account-login")
    assert "_auth_user_id" not in client.session
    return client.get(done.url).content.decode()


def test_a_tampered_signature_is_refused(client, hunan, provider):
    provider.tamper_signature = True
    failures = []
    user_login_failed.connect(receiver := lambda sender, credentials, **kw: failures.append(credentials))
    try:
        _, done, _ = walk(client)
    finally:
        user_login_failed.disconnect(receiver)
    assert REFUSED in refused(client, done)
    assert len(failures) == 1 and not CitizenProfile.objects.exists()


def test_a_token_for_another_client_is_refused(client, hunan, provider):
    provider.audience = "some-other-app"
    _, done, _ = walk(client)
    assert REFUSED in refused(client, done)


def test_a_state_cannot_be_replayed(client, hunan, provider):
    _, done, back = walk(client)
    assert done.status_code == 302
    client.post(reverse("account-logout"))
    again = client.get(back.path, parse_qs(back.query))
    assert REFUSED in refused(client, again)


def test_a_callback_this_browser_did_not_start_is_refused(client, hunan, provider):
    done = client.get("/oidc/callback/", {"code": "anything", "state": "forged"})
    assert REFUSED in refused(client, done)


@pytest.mark.parametrize("flag", ["is_staff", "is_superuser"])
def test_a_staff_account_cannot_be_signed_into(client, hunan, provider, django_user_model, flag):
    staff = django_user_model.objects.create_user("czt_staff_x", **{flag: True})
    CitizenProfile.objects.create(user=staff, oidc_issuer=provider.issuer, oidc_subject="hn-0001")
    _, done, _ = walk(client)
    assert REFUSED in refused(client, done)
