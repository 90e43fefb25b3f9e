"""The admin inbox, the dashboard panel and the read-only notification log."""

import json

import pytest
from django.urls import reverse

from zhengwu.notifications.actions import notify
from zhengwu.notifications.models import Notification

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def test_inbox_lists_only_own_messages_newest_first_unread_bold(client, staff):
    alice, bob = staff("alice"), staff("bob")
    old = notify("site", to_user=alice, subject="第一条消息", body="正文一")
    new = notify("site", to_user=alice, subject="第二条消息", body="正文二\n第二行")
    notify("site", to_user=bob, subject="给别人的消息", body="")
    notify("email", to_user=alice, subject="邮件不在站内信箱", body="")
    Notification.objects.filter(pk=old.pk).update(read_at=old.created_at)

    login(client, alice)
    html = client.get(reverse("notifications_inbox")).content.decode()
    assert "给别人的消息" not in html and "邮件不在站内信箱" not in html
    assert html.index("第二条消息") < html.index("第一条消息")
    assert '<strong class="notification-subject">第二条消息</strong>' in html
    assert '<span class="notification-subject">第一条消息</span>' in html
    assert "正文二<br>第二行" in html
    assert f'action="{reverse("notifications_mark_read", args=[new.pk])}"' in html

    client.logout()
    login(client, bob)
    html = client.get(reverse("notifications_inbox")).content.decode()
    assert "第一条消息" not in html and "第二条消息" not in html and "给别人的消息" in html


def test_another_user_with_no_messages_gets_none(client, staff):
    alice, carol = staff("alice"), staff("carol")
    notify("site", to_user=alice, subject="只给 alice", body="")
    login(client, carol)
    html = client.get(reverse("notifications_inbox")).content.decode()
    assert "只给 alice" not in html and "暂无消息" in html


def test_mark_read_by_post_form(client, staff):
    alice, bob = staff("alice"), staff("bob")
    message = notify("site", to_user=alice, subject="待阅读", body="")
    url = reverse("notifications_mark_read", args=[message.pk])

    login(client, bob)
    assert client.post(url).status_code == 404  # not bob's: not even found
    client.logout()

    login(client, alice)
    assert client.get(url).status_code == 405
    response = client.post(url, {"next": reverse("notifications_inbox") + "?p=1"})
    assert response.status_code == 302 and response["Location"] == reverse("notifications_inbox") + "?p=1"
    message.refresh_from_db()
    assert message.read_at is not None
    html = client.get(reverse("notifications_inbox")).content.decode()
    assert '<span class="notification-subject">待阅读</span>' in html
    # an off-site "next" is ignored
    response = client.post(url, {"next": "https://evil.example.com/"})
    assert response["Location"] == reverse("notifications_inbox")


def test_mark_all_read(client, staff):
    alice, bob = staff("alice"), staff("bob")
    for i in range(3):
        notify("site", to_user=alice, subject=f"消息{i}", body="")
    notify("site", to_user=bob, subject="bob 的消息", body="")
    login(client, alice)
    assert client.post(reverse("notifications_mark_all_read")).status_code == 302
    assert not Notification.objects.unread(alice).exists()
    assert Notification.objects.unread(bob).count() == 1


def test_dashboard_panel_shows_unread_count_only_when_unread(client, staff):
    alice = staff("alice")
    notify("site", to_user=alice, subject="一", body="")
    notify("site", to_user=alice, subject="二", body="")
    notify("site", to_user=staff("bob"), subject="别人的", body="")
    login(client, alice)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "您有 <strong>2</strong> 条未读消息" in html
    assert f'href="{reverse("notifications_inbox")}"' in html

    Notification.objects.unread(alice).update(read_at=Notification.objects.first().created_at)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "条未读消息" not in html


def test_log_is_readable_with_view_permission_and_filterable(client, staff):
    auditor = staff("auditor", "notifications.view_notification")
    notify("sms", to_address="13812345678", subject="短信记录", body="")
    notify("email", to_address="a@example.com", subject="邮件记录", body="")
    login(client, auditor)
    index = reverse("notification_log:index")
    assert index == "/admin/notifications/log/"
    html = client.get(index).content.decode()
    assert "短信记录" in html and "邮件记录" in html and "通知记录" in html
    html = client.get(index, {"channel": "sms"}).content.decode()
    assert "短信记录" in html and "邮件记录" not in html
    html = client.get(index, {"status": "sent"}).content.decode()
    assert "短信记录" not in html
    row = Notification.objects.get(subject="短信记录")
    assert client.get(reverse("notification_log:inspect", args=[row.pk])).status_code == 200


def test_log_is_hidden_without_permission_and_read_only_for_everyone(client, staff, django_user_model):
    notification = notify("email", to_address="a@example.com", subject="邮件记录", body="")
    login(client, staff("clerk"))
    response = client.get(reverse("notification_log:index"))
    assert response.status_code in (302, 403) and "邮件记录" not in response.content.decode()
    client.logout()

    django_user_model.objects.create_superuser("root", password=PASSWORD)
    assert client.login(username="root", password=PASSWORD)
    assert client.get(reverse("notification_log:index")).status_code == 200
    for name, args in (("notification_log:add", []), ("notification_log:edit", [notification.pk]),
                       ("notification_log:delete", [notification.pk])):
        response = client.get(reverse(name, args=args))
        assert response.status_code in (302, 403), name
    response = client.post(reverse("notification_log:edit", args=[notification.pk]), {"subject": "篡改"})
    assert response.status_code in (302, 403)
    notification.refresh_from_db()
    assert notification.subject == "邮件记录"
    assert Notification.objects.filter(pk=notification.pk).exists()


def test_menu_shows_unread_count(client, staff):
    alice = staff("alice")
    notify("site", to_user=alice, subject="一", body="")
    login(client, alice)
    html = client.get(reverse("notifications_inbox")).content.decode()
    # the sidebar is rendered from JSON props, where non-ASCII text is \u-escaped
    assert json.dumps("我的消息（1 条未读）")[1:-1] in html or "我的消息（1 条未读）" in html
