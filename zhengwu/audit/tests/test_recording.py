"""What the audit log records, through the real login pages, the admin, the FOI API and the download view:
logins (success, failure, lock-out, refusal during it), logouts, Wagtail's log entries, every case event, and
every viewing of full personal data or private document — with the actor and address, and no password or
personal data in clear."""

import json

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from zhengwu.audit.models import AuditEntry
from zhengwu.files.actions import store_document
from zhengwu.files.tests import samples
from zhengwu.foi.tests.test_submission import ID_NUMBER, application, post
from zhengwu.orgs.models import Role
from zhengwu.testing.tree import PASSWORD

ADDRESS = "203.0.113.7"


def entries_after(mark, **filters):
    return list(AuditEntry.objects.filter(sequence__gt=mark, **filters).order_by("sequence"))


def mark():
    return AuditEntry.objects.order_by("-sequence").values_list("sequence", flat=True).first() or 0


def as_text(entries):
    return json.dumps([[e.actor_username, e.description, e.detail] for e in entries], ensure_ascii=False)


def admin_login(client, username, password):
    return client.post("/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=ADDRESS)


def test_staff_login_failure_lockout_refusal_success_and_logout(client, hunan, settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 2
    hunan.user("czt_editor", hunan.czt, Role.PUBLISHER, is_staff=True)
    start = mark()
    admin_login(client, "czt_editor", "wrong-password-1")
    admin_login(client, "czt_editor", "wrong-password-2")
    admin_login(client, "czt_editor", PASSWORD)  # locked: refused even with the right password
    actions = [(e.action, e.actor_username, e.address) for e in entries_after(start)]
    assert actions == [("auth.login_failed", "czt_editor", ADDRESS), ("auth.lockout", "czt_editor", ADDRESS),
                       ("auth.login_failed", "czt_editor", ADDRESS), ("auth.login_refused", "czt_editor", ADDRESS)]
    assert "wrong-password" not in as_text(entries_after(start)) and PASSWORD not in as_text(entries_after(start))

    settings.LOGIN_FAILURES_PER_ACCOUNT = 5
    client.logout()
    from django.core.cache import cache

    cache.clear()
    start = mark()
    assert admin_login(client, "czt_editor", PASSWORD).status_code == 302
    client.post("/admin/logout/", REMOTE_ADDR=ADDRESS)
    login, logout = entries_after(start)
    user = get_user_model().objects.get(username="czt_editor")
    assert (login.action, login.actor_id, login.actor_username, login.address) == ("auth.login", user.pk, "czt_editor",
                                                                                  ADDRESS)
    assert login.description == "工作人员登录成功"
    assert (logout.action, logout.actor_id) == ("auth.logout", user.pk)


def test_citizen_sign_in_and_failure_on_the_public_login(client, hunan):
    get_user_model().objects.create_user(username="citizen1", password=PASSWORD)
    start = mark()
    client.post("/accounts/login/", {"username": "citizen1", "password": "nope-nope-nope"}, REMOTE_ADDR=ADDRESS)
    client.post("/accounts/login/", {"username": "citizen1", "password": PASSWORD}, REMOTE_ADDR=ADDRESS)
    failed, signed_in = entries_after(start)
    assert failed.action == "auth.login_failed" and failed.actor_username == "citizen1"
    assert signed_in.action == "auth.login" and signed_in.description == "公众用户登录成功"


def test_every_case_event_is_recorded_without_personal_data_in_clear(client, hunan):
    start = mark()
    response = post(client, application())
    assert response.status_code == 201
    events = entries_after(start, action__startswith="event.foi.")
    assert [e.object_type for e in events] == ["foi.informationrequest"] * len(events) and len(events) >= 2
    assert events[0].description.startswith("政府信息公开申请") or "#" in events[0].description
    text = as_text(entries_after(start))
    for personal in ("13812345678", ID_NUMBER, "zhangsan@example.com"):
        assert personal not in text


def test_wagtail_log_entries_are_recorded_with_the_editor(client, hunan):
    admin = get_user_model().objects.create_superuser("root_admin", "", PASSWORD)
    page = hunan.czt.home_page.specific
    start = mark()
    page.save_revision(user=admin).publish(user=admin)
    client.force_login(admin)
    client.post(f"/admin/pages/{page.pk}/unpublish/", REMOTE_ADDR=ADDRESS)
    found = [(e.action, e.actor_username, e.object_id) for e in entries_after(start) if e.action.startswith("wagtail.")]
    assert ("wagtail.publish", "root_admin", str(page.pk)) in found
    assert ("wagtail.unpublish", "root_admin", str(page.pk)) in found
    unpublished = next(e for e in entries_after(start) if e.action == "wagtail.unpublish")
    assert unpublished.address == ADDRESS and "湖南省财政厅" in unpublished.description


def test_viewing_personal_data_and_downloading_a_private_document_are_recorded(client, hunan):
    post(client, application())
    from zhengwu.foi.models import InformationRequest

    filed = InformationRequest.objects.get()
    handler = hunan.user("czt_foi", hunan.czt, Role.FOI_HANDLER)
    client.force_login(handler)
    start = mark()
    client.post(f"/admin/foi/requests/{filed.pk}/reveal/", {"reason": "电话联系申请人 13900001111"},
                REMOTE_ADDR=ADDRESS)
    revealed = entries_after(start, action="privacy.reveal")[0]
    assert (revealed.actor_username, revealed.address, revealed.object_id) == ("czt_foi", ADDRESS, str(filed.pk))
    assert revealed.detail["reason"] == "电话联系申请人 139****1111"

    private = store_document(hunan.czt, SimpleUploadedFile("身份证明.pdf", samples.pdf_bytes()), private=True)
    start = mark()
    assert client.get(private.url, REMOTE_ADDR=ADDRESS).status_code == 200
    download = entries_after(start, action="files.download")[0]
    assert (download.actor_username, download.object_id) == ("czt_foi", str(private.pk))
    client.logout()
    start = mark()
    assert client.get(private.url).status_code == 404  # refused: no download, no record of one
    assert not entries_after(start, action="files.download")
