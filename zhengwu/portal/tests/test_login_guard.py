"""Issue 21, finding 1: the staff login could be guessed without limit (40 wrong passwords, then the right one
logged in). Now an account locks after a few failures, an address after more, and sessions end when idle."""

from django.conf import settings

from zhengwu.orgs.models import Role
from zhengwu.testing.tree import PASSWORD


def attempt(client, username, password, address="203.0.113.7"):
    return client.post("/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_an_account_locks_after_repeated_failures_even_for_the_right_password(client, hunan, settings):
    hunan.user("czt_editor", hunan.czt, Role.PUBLISHER)
    for _ in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
        assert attempt(client, "czt_editor", "wrong-password").status_code == 200
    refused = attempt(client, "czt_editor", PASSWORD)
    assert refused.status_code == 200 and "_auth_user_id" not in client.session
    # Another account from another address is not punished for it.
    hunan.user("zrzyt_editor", hunan.zrzyt, Role.PUBLISHER)
    assert attempt(client, "zrzyt_editor", PASSWORD, address="198.51.100.9").status_code == 302


def test_an_address_guessing_many_accounts_is_locked_out(client, hunan, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 6
    hunan.user("czt_admin", hunan.czt, Role.AGENCY_ADMIN)
    for n in range(6):
        attempt(client, f"nobody{n}", "wrong-password")
    assert attempt(client, "czt_admin", PASSWORD).status_code == 200  # locked: this address guessed too much
    assert attempt(client, "czt_admin", PASSWORD, address="198.51.100.9").status_code == 302


def test_a_success_clears_the_accounts_count_and_sessions_end_when_idle(client, hunan):
    hunan.user("czt_foi", hunan.czt, Role.FOI_HANDLER)
    for _ in range(settings.LOGIN_FAILURES_PER_ACCOUNT - 1):
        attempt(client, "czt_foi", "wrong-password")
    assert attempt(client, "czt_foi", PASSWORD).status_code == 302
    client.logout()
    attempt(client, "czt_foi", "wrong-password")
    assert attempt(client, "czt_foi", PASSWORD).status_code == 302  # the count started again
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_SAVE_EVERY_REQUEST


def test_pages_and_the_api_carry_the_security_headers(client, hunan):
    page = client.get("/")
    assert "script-src 'self'" in page["Content-Security-Policy"] and "frame-ancestors" in page["Content-Security-Policy"]
    assert "camera=()" in page["Permissions-Policy"] and page["X-Content-Type-Options"] == "nosniff"
    api = client.get("/api/v1/calendar/due", {"start": "2026-12-07", "days": 5})
    assert api["Cache-Control"] == "no-store"
    assert "no-store" not in page.get("Cache-Control", "")  # an anonymous public page may be cached


def test_the_admin_has_a_policy_and_pages_drawn_for_a_signed_in_person_are_never_stored(client, hunan):
    from django.contrib.auth import get_user_model

    citizen = get_user_model().objects.create_user("citizen_li", password=PASSWORD, first_name="李四")
    client.force_login(citizen)
    home = client.get("/")
    assert "李四" in home.content.decode()  # the header greets them: the page is theirs alone
    assert "no-store" in home["Cache-Control"] and "private" in home["Cache-Control"]
    hunan.user("czt_admin", hunan.czt, Role.AGENCY_ADMIN)
    client.login(username="czt_admin", password=PASSWORD)
    admin = client.get("/admin/")
    assert admin.status_code == 200 and "no-store" in admin["Cache-Control"]
    policy = admin["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy and "object-src 'none'" in policy and "form-action 'self'" in policy
    assert "http" not in policy and "gravatar" not in admin.content.decode()  # nothing loaded from elsewhere
