"""Issue 21, staff accounts: password rules as settings. A new password may not repeat recent ones (their hashes
are kept), and a staff password past its age sends its holder to change it before any admin page or staff API."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from zhengwu.orgs.models import Role
from zhengwu.staffauth.models import PasswordHistory
from zhengwu.testing.tree import PASSWORD

CHANGE = "/admin/security/password/"


def change(client, old, new):
    return client.post(CHANGE, {"old_password": old, "new_password1": new, "new_password2": new, "next": "/admin/"})


def test_the_rules_are_settings_with_the_required_defaults(settings):
    assert settings.PASSWORD_HISTORY_COUNT == 5 and settings.PASSWORD_MAX_AGE_DAYS == 90
    validators = {v["NAME"].rsplit(".", 1)[1]: v for v in settings.AUTH_PASSWORD_VALIDATORS}
    assert validators["MinimumLengthValidator"]["OPTIONS"]["min_length"] >= 8
    assert "PasswordHistoryValidator" in validators


def test_a_new_password_may_not_repeat_the_recent_ones(client, hunan, settings):
    settings.PASSWORD_HISTORY_COUNT = 2
    editor = hunan.user("czt_editor", hunan.czt, Role.PUBLISHER)
    client.force_login(editor)
    assert "不能与最近 2 次使用过的密码相同" in change(client, PASSWORD, PASSWORD).content.decode()
    assert change(client, PASSWORD, "Xiangjiang-Bridge-2027").status_code == 302
    reused = change(client, "Xiangjiang-Bridge-2027", PASSWORD)
    assert reused.status_code == 200 and "不能与最近 2 次使用过的密码相同" in reused.content.decode()
    assert change(client, "Xiangjiang-Bridge-2027", "Yuelu-Mountain-Maple-9").status_code == 302
    # Two changes later the first password has left the history; only hashes were ever kept.
    assert change(client, "Yuelu-Mountain-Maple-9", PASSWORD).status_code == 302
    kept = list(PasswordHistory.objects.filter(user=editor).values_list("password", flat=True))
    assert len(kept) == 2 and not any(PASSWORD in h or "Maple" in h for h in kept)
    assert client.get("/admin/").status_code == 200  # still signed in after changing the password


def test_an_expired_staff_password_is_changed_before_anything_else(client, hunan):
    clerk = hunan.user("csx_clerk", hunan.changshaxian, Role.WINDOW_CLERK)
    PasswordHistory.objects.filter(user=clerk).update(created_at=timezone.now() - timedelta(days=91))
    client.force_login(clerk)
    for path in ("/admin/", "/admin/account/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith(CHANGE), path
    refused = client.get(f"/api/v1/agencies/{hunan.changshaxian.pk}/staff")
    assert refused.status_code == 403 and "密码已过期" in refused.json()["detail"]
    page = client.get(f"{CHANGE}?next=/admin/account/")
    assert page.status_code == 200 and "密码已超过有效期" in page.content.decode()
    done = change(client, PASSWORD, "Changsha-County-Window-8")
    assert done.status_code == 302 and done["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_password_within_its_age_and_a_citizens_password_are_not_asked_to_change(client, hunan):
    clerk = hunan.user("csx_clerk", hunan.changshaxian, Role.WINDOW_CLERK)
    PasswordHistory.objects.filter(user=clerk).update(created_at=timezone.now() - timedelta(days=89))
    client.force_login(clerk)
    assert client.get("/admin/").status_code == 200
    citizen = get_user_model().objects.create_user("citizen01", password=PASSWORD)
    PasswordHistory.objects.filter(user=citizen).update(created_at=timezone.now() - timedelta(days=400))
    client.force_login(citizen)
    assert client.get("/ysqgk/mine/").status_code == 200


@pytest.mark.usefixtures("real_second_factor")
def test_the_second_factor_comes_before_the_password_change(client, hunan):
    clerk = hunan.user("csx_clerk", hunan.changshaxian, Role.WINDOW_CLERK)
    PasswordHistory.objects.filter(user=clerk).update(created_at=timezone.now() - timedelta(days=91))
    client.force_login(clerk)
    for path in ("/admin/", CHANGE):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/admin/security/otp/"), path
