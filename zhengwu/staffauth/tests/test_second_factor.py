"""Issue 21, staff accounts: a password alone no longer opens the admin or the staff API for a role that can
publish, decide or read personal data. Driven through Wagtail's real login form and the admin's pages."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.signals import user_login_failed
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from zhengwu.orgs.duties import DUTIES
from zhengwu.orgs.models import Role
from zhengwu.portal.login_guard import lockout_started
from zhengwu.staffauth.policy import PUBLIC_READ_DUTIES, otp_roles
from zhengwu.staffauth.testing import current_code, mark_verified
from zhengwu.testing.tree import PASSWORD

pytestmark = pytest.mark.usefixtures("real_second_factor")

VERIFY = "/admin/security/otp/"
ENROL = "/admin/security/otp/setup/"


def sign_in(client, username, address="203.0.113.7"):
    response = client.post("/admin/login/", {"username": username, "password": PASSWORD, "next": "/admin/"},
                           REMOTE_ADDR=address)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    return response


def code_for(device):
    device.refresh_from_db()
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def wrong(code):
    return f"{(int(code) + 500_000) % 1_000_000:06d}"


def test_every_role_that_publishes_decides_or_reads_personal_data_needs_the_second_factor():
    # Derived from the duty registry: today every role holds such a duty.
    assert otp_roles() == frozenset(Role.values)
    assert PUBLIC_READ_DUTIES <= set(DUTIES)


def test_first_sign_in_enrols_an_authenticator_by_qr_code_or_secret(client, hunan):
    hunan.user("czt_foi", hunan.czt, Role.FOI_HANDLER)
    sign_in(client, "czt_foi")
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 302 and dashboard["Location"].startswith(VERIFY)
    to_enrol = client.get(dashboard["Location"])
    assert to_enrol.status_code == 302 and to_enrol["Location"].startswith(ENROL)
    page = client.get(to_enrol["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and "绑定身份验证器" in html and "<svg" in html
    assert "otpauth://totp/" in html and "no-store" in page["Cache-Control"]
    device = TOTPDevice.objects.get(user__username="czt_foi", confirmed=False)
    secret = re.search(r'staffauth-secret">([A-Z2-7 ]+)<', html).group(1)
    assert secret.replace(" ", "") in html.replace("&amp;", "&")  # the URI carries the same secret
    assert client.get(to_enrol["Location"]).content.decode().count(secret) == 1  # a reload keeps the secret

    refused = client.post(to_enrol["Location"], {"code": wrong(code_for(device)), "next": "/admin/"})
    assert refused.status_code == 200 and "动态验证码不正确" in refused.content.decode()
    assert client.get("/admin/").status_code == 302
    done = client.post(to_enrol["Location"], {"code": code_for(device), "next": "/admin/"})
    assert done.status_code == 302 and done["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert TOTPDevice.objects.filter(user__username="czt_foi", confirmed=True).count() == 1
    # Enrolled: the next sign-in asks for a code, and there is no second enrolment.
    client.post("/admin/logout/")
    sign_in(client, "czt_foi")
    assert client.get(ENROL)["Location"].startswith(VERIFY)


def test_an_enrolled_user_types_the_code_before_any_admin_page_or_staff_api_answers(client, hunan):
    admin = hunan.user("czt_admin", hunan.czt, Role.AGENCY_ADMIN)
    code = current_code(admin)
    sign_in(client, "czt_admin")
    staff_api = f"/api/v1/agencies/{hunan.czt.pk}/staff"
    for path in ("/admin/", "/admin/account/", "/admin/api/main/documents/", "/admin/users/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith(VERIFY), path
    refused = client.get(staff_api)
    assert refused.status_code == 403 and "双因素认证" in refused.json()["detail"]

    page = client.get(f"{VERIFY}?next=/admin/account/")
    assert page.status_code == 200 and "动态验证码" in page.content.decode()
    assert 'autocomplete="one-time-code"' in page.content.decode()
    verified = client.post(VERIFY, {"code": code, "next": "/admin/account/"})
    assert verified.status_code == 302 and verified["Location"] == "/admin/account/"
    assert client.get("/admin/account/").status_code == 200
    assert [row["username"] for row in client.get(staff_api).json()] == ["czt_admin"]
    # The same code cannot be used twice (someone who saw it typed).
    client.post("/admin/logout/")
    sign_in(client, "czt_admin")
    assert client.post(VERIFY, {"code": code, "next": "/admin/"}).status_code == 200


def test_wrong_codes_lock_the_second_factor_like_wrong_passwords(client, hunan, settings):
    settings.OTP_FAILURES_PER_ACCOUNT = 3
    clerk = hunan.user("csx_clerk", hunan.changshaxian, Role.WINDOW_CLERK)
    right = current_code(clerk)
    failures, lockouts = [], []

    def failed(sender, credentials, **kwargs):
        failures.append(credentials)

    def locked_out(sender, username, scope, **kwargs):
        lockouts.append((username, scope))

    user_login_failed.connect(failed)
    lockout_started.connect(locked_out)
    try:
        sign_in(client, "csx_clerk")
        for _ in range(2):
            assert client.post(VERIFY, {"code": wrong(right)}).status_code == 200
        locked = client.post(VERIFY, {"code": wrong(right)})
    finally:
        user_login_failed.disconnect(failed)
        lockout_started.disconnect(locked_out)
    assert locked.status_code == 302 and locked["Location"] == "/admin/login/"
    assert "_auth_user_id" not in client.session  # signed out
    assert [f["username"] for f in failures] == ["csx_clerk"] * 3 and lockouts == [("csx_clerk", "account")]
    # The password still works, the code does not: a correct password does not buy more guesses.
    sign_in(client, "csx_clerk")
    assert client.post(VERIFY, {"code": right})["Location"] == "/admin/login/"
    assert client.get("/admin/login/").status_code == 200
    # Another clerk is not affected.
    other = hunan.user("zr_clerk", hunan.zrzyt, Role.WINDOW_CLERK)
    sign_in(client, "zr_clerk", address="198.51.100.9")
    assert client.post(VERIFY, {"code": current_code(other)}, REMOTE_ADDR="198.51.100.9").status_code == 302
    assert client.get("/admin/", REMOTE_ADDR="198.51.100.9").status_code == 200


def test_an_administrator_with_user_rights_resets_someone_elses_authenticator(client, hunan):
    sysadmin = hunan.user("sysadmin", hunan.province, Role.SYSTEM_ADMIN)
    editor = hunan.user("czt_editor", hunan.czt, Role.PUBLISHER)
    current_code(editor)
    client.force_login(sysadmin)
    mark_verified(client, sysadmin)
    edit = client.get(f"/admin/users/edit/{editor.pk}/")
    html = edit.content.decode()
    assert edit.status_code == 200 and "已绑定身份验证器" in html and "重置双因素认证" in html
    assert "重置双因素认证" not in client.get(f"/admin/users/edit/{sysadmin.pk}/").content.decode()  # not one's own
    reset = client.post(f"/admin/security/otp/reset/{editor.pk}/")
    assert reset.status_code == 302 and not TOTPDevice.objects.filter(user=editor).exists()
    assert "下次登录时须重新绑定" in client.get(reset["Location"]).content.decode()
    assert client.post(f"/admin/security/otp/reset/{sysadmin.pk}/").status_code in (302, 403)
    assert TOTPDevice.objects.filter(user=sysadmin).exists()
    # The editor signs in and is asked to enrol again; an editor has no right to reset anyone.
    client.post("/admin/logout/")
    sign_in(client, "czt_editor")
    assert client.get(VERIFY)["Location"].startswith(ENROL)
    current_code(editor)
    mark_verified(client, editor)
    assert client.post(f"/admin/security/otp/reset/{sysadmin.pk}/").status_code in (302, 403)
    assert TOTPDevice.objects.filter(user=sysadmin).exists()


def test_a_user_without_a_role_and_a_development_switch_skip_the_second_factor(client, hunan, settings):
    from django.contrib.auth import get_user_model

    citizen = get_user_model().objects.create_user("citizen01", password=PASSWORD)
    client.force_login(citizen)
    assert client.get("/ysqgk/mine/").status_code == 200
    client.logout()
    settings.STAFF_OTP_REQUIRED = False
    hunan.user("czt_foi", hunan.czt, Role.FOI_HANDLER)
    sign_in(client, "czt_foi")
    assert client.get("/admin/").status_code == 200


def test_anonymous_public_pages_cost_no_extra_query(hunan, settings):
    def queries(path):
        client = Client()  # a new client loads the middleware as now set
        client.get(path)  # warm caches (site root, page tree)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    with_gate = {path: queries(path) for path in ("/", "/ysqgk/")}
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE
                           if m not in ("django_otp.middleware.OTPMiddleware",
                                        "zhengwu.staffauth.middleware.StaffAuthMiddleware")]
    assert {path: queries(path) for path in with_gate} == with_gate


STRONG_KEY = "q7Vw2mZ-8kLr4tXbN1sYcHe9GdPfUa3J6oWiRzT5"
FERNET = "a2V5LW9uZS1wYWRkZWQtdG8tMzItYnl0ZXMtLS0tLS0="


def _production_settings(**env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "STAFF_OTP_REQUIRED", "REDIS_URL"}}
    clean.update(DEBUG="0", SECRET_KEY=STRONG_KEY, FIELD_ENCRYPTION_KEYS=FERNET, ALLOW_LOCAL_CACHE="1", **env)
    return subprocess.run([sys.executable, "-c", "import zhengwu.settings as s; print(s.STAFF_OTP_REQUIRED)"],
                          cwd=django_settings.BASE_DIR, env=clean, capture_output=True, text=True)


def test_production_cannot_turn_the_second_factor_off():
    assert _production_settings().stdout.strip() == "True"
    refused = _production_settings(STAFF_OTP_REQUIRED="0")
    assert refused.returncode != 0 and "不得关闭工作人员双因素认证" in refused.stderr
