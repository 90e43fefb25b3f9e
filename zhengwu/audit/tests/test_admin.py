"""安全审计 in the admin: superusers and holders of audit.view at the province read the log (filter by date,
kind, action and user); a county's inspector or a publisher does not; nobody can change or delete an entry."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from zhengwu.audit.log import record
from zhengwu.audit.models import AuditEntry
from zhengwu.consultation.tests.test_admin import menu
from zhengwu.orgs.models import Role

LIST = "/admin/audit/log/"


def entries():
    record("auth.login_failed", "登录失败（用户名或密码不正确）", actor_username="guesser")
    record("event.foi.received", "政府信息公开申请 #1：收到申请", actor_username="czt_foi")
    return AuditEntry.objects.order_by("-sequence").first()


def test_an_auditor_at_the_province_reads_and_filters_the_log_in_chinese(client, hunan):
    latest = entries()
    client.force_login(hunan.user("prov_inspector", hunan.province, Role.INSPECTOR, is_staff=True))
    assert "安全审计" in menu(client)
    page = client.get(LIST).content.decode()
    assert "审计日志" in page and "guesser" in page and "收到申请" in page
    only_logins = client.get(LIST, {"category": "auth"}).content.decode()
    assert "guesser" in only_logins and "收到申请" not in only_logins
    by_user = client.get(LIST, {"actor_username": "czt_foi"}).content.decode()
    assert "收到申请" in by_user and "guesser" not in by_user
    by_action = client.get(LIST, {"action": "event."}).content.decode()
    assert "收到申请" in by_action and "guesser" not in by_action
    today = timezone.localdate().isoformat()
    assert "guesser" in client.get(LIST, {"at_from": today, "at_to": today}).content.decode()
    assert "guesser" not in client.get(LIST, {"at_from": "2020-01-01", "at_to": "2020-01-31"}).content.decode()
    detail = client.get(f"{LIST}inspect/{latest.pk}/").content.decode()
    assert latest.hash in detail


def test_a_county_inspector_and_a_publisher_may_not_read_it(client, hunan):
    entries()
    for user in (hunan.user("cs_inspector", hunan.changsha, Role.INSPECTOR, is_staff=True),
                 hunan.user("prov_editor", hunan.province, Role.PUBLISHER, is_staff=True)):
        client.force_login(user)
        assert client.get(LIST).status_code in (302, 403)
        assert "安全审计" not in menu(client)


def test_nobody_changes_or_deletes_an_entry_through_the_admin(client, hunan):
    latest = entries()
    client.force_login(get_user_model().objects.create_superuser("root_admin", "", "x-password-2026"))
    assert client.get(LIST).status_code == 200
    client.post(f"{LIST}edit/{latest.pk}/", {"description": "改过"})
    client.post(f"{LIST}delete/{latest.pk}/")
    client.post(f"{LIST}new/", {"description": "伪造", "sequence": 10**9})
    stored = AuditEntry.objects.get(pk=latest.pk)
    assert stored.description == latest.description and stored.hash == latest.hash
    assert not AuditEntry.objects.filter(description="伪造").exists()
