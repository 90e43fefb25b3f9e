"""Who may read the audit log: superusers, and holders of the duty audit.view at a root agency (the
province): the log covers every agency, so a county's inspector does not read the province's logins.
Nobody may add, change or delete an entry through any admin."""

from django.contrib.auth import get_user_model
from wagtail.permission_policies.base import BasePermissionPolicy

from zhengwu.orgs.duties import roles
from zhengwu.orgs.models import Agency


def may_read_audit_log(user) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = user.__dict__.get("_may_read_audit_log")
    if cached is None:
        cached = Agency.objects.in_scope(user, roles("audit.view")).filter(depth=1).exists()
        user.__dict__["_may_read_audit_log"] = cached
    return cached


class AuditorPermissionPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        return action == "view" and may_read_audit_log(user)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if "view" not in actions:
            return users.none()
        return users.filter(is_superuser=True) | users.filter(
            staff_roles__role__in=roles("audit.view"), staff_roles__agency__depth=1).distinct()
