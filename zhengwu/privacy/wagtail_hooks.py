"""Admin: the personal-data access log (个人信息查看记录) and the erasure records (个人信息删除记录), list and
inspect only; the retention periods (个人信息保存期限), edited by whoever holds privacy.change_retentionrule.

Visible to users holding privacy.view_personaldataaccess (and superusers). Rows are written only by
access.reveal(); nobody adds, edits or deletes them here.
"""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Erasure, PersonalDataAccess, RetentionRule


class ViewOnlyPermissionPolicy(ModelPermissionPolicy):
    """The access log is append-only evidence: no add, change or delete, not even for superusers."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)


# Registered before any viewset asks the registry, or Wagtail creates the default policy.
register_permission_policy(PersonalDataAccess, ViewOnlyPermissionPolicy(PersonalDataAccess), exact_class=True)
register_permission_policy(Erasure, ViewOnlyPermissionPolicy(Erasure), exact_class=True)


class NoAddOrDeletePolicy(ModelPermissionPolicy):
    """One rule per record type, seeded: periods are edited, never added twice or deleted."""

    def user_has_permission(self, user, action):
        if action in {"add", "delete"}:
            return False
        return super().user_has_permission(user, action)


register_permission_policy(RetentionRule, NoAddOrDeletePolicy(RetentionRule), exact_class=True)


class PersonalDataAccessViewSet(ModelViewSet):
    model = PersonalDataAccess
    icon = "view"
    menu_label = "个人信息查看记录"
    menu_order = 950
    add_to_admin_menu = True
    url_prefix = "privacy/access-log"
    list_display = ["at", "username", "content_type", "object_id", "fields", "reason", "ip"]
    list_filter = ["content_type"]
    search_fields = ["username", "object_id", "fields", "reason"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_fields = ["at", "user", "username", "content_type", "object_id", "fields", "reason", "ip"]
    copy_view_enabled = False
    form_fields = []

    @property
    def edit_view(self):
        return self.inspect_view


class RetentionRuleViewSet(ModelViewSet):
    model = RetentionRule
    icon = "time"
    menu_label = "个人信息保存期限"
    menu_order = 951
    add_to_admin_menu = True
    url_prefix = "privacy/retention"
    list_display = ["record_type", "years", "active", "basis", "updated_at"]
    form_fields = ["years", "basis", "active"]
    copy_view_enabled = False


class ErasureViewSet(ModelViewSet):
    model = Erasure
    icon = "bin"
    menu_label = "个人信息删除记录"
    menu_order = 952
    add_to_admin_menu = True
    url_prefix = "privacy/erasures"
    list_display = ["erased_at", "record_type", "label", "fields", "files", "rule_years"]
    list_filter = ["record_type"]
    search_fields = ["label"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_fields = ["erased_at", "record_type", "content_type", "object_id", "label", "fields", "files",
                           "rule_years"]
    copy_view_enabled = False
    form_fields = []

    @property
    def edit_view(self):
        return self.inspect_view


@hooks.register("register_admin_viewset")
def register_privacy_viewsets():
    return [PersonalDataAccessViewSet("privacy_access_log"), RetentionRuleViewSet("privacy_retention"),
            ErasureViewSet("privacy_erasures")]
