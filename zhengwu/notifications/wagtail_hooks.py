from django.contrib.auth import get_user_model
from django.urls import path, reverse
from laces.components import Component
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import actions, views
from .models import Notification


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """The notification log is a record: it may be viewed (notifications.view_notification), never edited."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(["view"])


register_permission_policy(Notification, ReadOnlyPermissionPolicy(Notification))


class NotificationViewSet(ModelViewSet):
    model = Notification
    icon = "mail"
    menu_label = "通知记录"
    menu_order = 9000
    add_to_admin_menu = True
    url_prefix = "notifications/log"
    list_display = ["subject", "channel", "recipient_user", "recipient_address", "status", "attempts",
                    "created_at", "sent_at"]
    list_filter = ["channel", "status"]
    search_fields = ["subject", "recipient_user__username"]  # the address is ciphertext: the database cannot search it
    inspect_view_enabled = True
    inspect_view_fields = ["channel", "recipient_user", "recipient_address", "subject", "body", "template",
                           "content_type", "object_id", "status", "attempts", "error", "created_at", "sent_at",
                           "read_at"]
    copy_view_enabled = False
    form_fields = ["subject"]  # never editable (policy above); a form class is still required by the viewset


@hooks.register("register_admin_viewset")
def register_notification_viewset():
    return NotificationViewSet("notification_log")


@hooks.register("register_admin_urls")
def register_inbox_urls():
    return [
        path("notifications/inbox/", views.inbox_view, name="notifications_inbox"),
        path("notifications/inbox/<int:pk>/read/", views.mark_read_view, name="notifications_mark_read"),
        path("notifications/inbox/read-all/", views.mark_all_read_view, name="notifications_mark_all_read"),
    ]


class InboxMenuItem(MenuItem):
    """“我的消息”, with the unread count in the label when there is any."""

    def render_component(self, request):
        count = actions.unread_count(request.user)
        label = f"{self.label}（{count} 条未读）" if count else self.label
        return LinkMenuItemComponent(self.name, label, self.url, icon_name=self.icon_name,
                                     classname=self.classname, attrs=self.attrs)


@hooks.register("register_admin_menu_item")
def register_inbox_menu_item():
    return InboxMenuItem("我的消息", reverse("notifications_inbox"), icon_name="mail", order=50)


class UnreadNotificationsPanel(Component):
    """Dashboard: how many unread in-site messages, with a link to the inbox (only when there are some)."""

    name = "notifications_unread"
    template_name = "notifications/admin/unread_panel.html"
    order = 50

    def __init__(self, count):
        self.count = count

    def get_context_data(self, parent_context):
        return {"unread_count": self.count, "inbox_url": reverse("notifications_inbox")}


@hooks.register("construct_homepage_panels")
def add_unread_panel(request, panels):
    count = actions.unread_count(request.user)
    if count:
        panels.append(UnreadNotificationsPanel(count))
