"""Who may do what with publishable records in the admin: roles (orgs.duties), not Django model permissions,
decide, and the scope query then narrows every list and page to the user's agencies. view: the drafting roles
and supervisors (read only); add/change: the drafting roles, and change only a draft (unless
`change_published`); delete: only a draft that was never published (what was public stays on the record)."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from zhengwu.orgs import duties
from zhengwu.orgs.models import holds_any, scoped
from zhengwu.publishing.models import Publication

ROLES_BY_ACTION = {"view": duties.roles("consultation.view"), "add": duties.roles("consultation.draft"),
                   "change": duties.roles("consultation.draft"), "delete": duties.roles("consultation.draft")}




class RolePolicy(BasePermissionPolicy):
    """Roles per action; `agency_field` leads from the model to its agency for the per-record checks.
    `changes` (False for comments): whether records are added and edited through forms at all."""

    def __init__(self, model, agency_field="agency", changes=True, change_published=False):
        super().__init__(model)
        self.agency_field, self.changes, self.change_published = agency_field, changes, change_published

    def roles(self, action):
        if not self.changes and action in {"add", "change", "delete"}:
            return []
        return ROLES_BY_ACTION.get(action, [])

    def user_has_permission(self, user, action):
        roles = self.roles(action)
        return bool(roles) and holds_any(user, roles)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        roles = {role for action in actions for role in self.roles(action)}
        return get_user_model().objects.filter(
            Q(is_superuser=True) | Q(staff_roles__role__in=roles), is_active=True).distinct()

    def _scoped(self, queryset, user, action):
        queryset = scoped(queryset, user, self.roles(action), self.agency_field)
        if action == "delete":  # a draft never published; what was public stays on the record
            queryset = queryset.filter(publication=Publication.DRAFT, published_at__isnull=True)
        elif action == "change" and not self.change_published:
            queryset = queryset.filter(publication=Publication.DRAFT)
        elif action == "change":
            queryset = queryset.exclude(publication=Publication.SUBMITTED)
        return queryset

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return self._scoped(self.model._default_manager.filter(pk=instance.pk), user, action).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        found = self.model._default_manager.none()
        for action in actions:
            if self.user_has_permission(user, action):
                found = found | self._scoped(self.model._default_manager.all(), user, action)
        return found
