"""Admin viewsets whose every view (list, edit, delete, inspect, history, usage) goes through the scope query,
and the permission policy that lets roles (not Django model permissions) open them."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from .models import StaffRole, scoped


class ScopedViewMixin:
    scope_roles = None
    scope_agency_field = "agency"

    def scope(self, queryset):
        return scoped(queryset, self.request.user, self.scope_roles, self.scope_agency_field)

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if not issubclass(queryset.model, self.model):
            return queryset  # a history view lists log entries: its object is checked by get_object below
        return self.scope(queryset)

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if obj is not None and not self.scope(type(obj)._default_manager.filter(pk=obj.pk)).exists():
            raise PermissionDenied("该记录不属于您有权管理的机构。")
        return obj


class ScopedModelViewSet(ModelViewSet):
    """A ModelViewSet limited to the records of agencies in the user's scope for `scope_roles`."""

    scope_roles = None
    scope_agency_field = "agency"

    def construct_view(self, view_class, **kwargs):
        scoped_class = type(f"Scoped{view_class.__name__}", (ScopedViewMixin, view_class), {})
        kwargs.setdefault("scope_roles", self.scope_roles)
        kwargs.setdefault("scope_agency_field", self.scope_agency_field)
        return super().construct_view(scoped_class, **kwargs)


class NotFoundOutsideScope:
    """A record of an agency outside the user's scope is answered as if it did not exist (404), on every
    view, rather than with the admin's redirect to the dashboard."""

    def setup(self, request, *args, **kwargs):
        try:
            super().setup(request, *args, **kwargs)
        except PermissionDenied:
            raise Http404("没有找到该记录，或它不属于您有权查看的机构。") from None


class RolePermissionPolicy(BasePermissionPolicy):
    """Who may work on a model: holders of `roles` (anywhere; the scope query then narrows the records to
    their agencies' subtrees) and superusers. Roles, not Django model permissions, decide here, so the
    catalog needs no extra group permissions."""

    def __init__(self, model, roles, agency_field="agency"):
        super().__init__(model)
        self.roles = list(roles)
        self.agency_field = agency_field

    def _holds_role(self, user):
        if user is None or not user.is_authenticated or not user.is_active:
            return False
        if user.is_superuser:
            return True
        cache = user.__dict__.setdefault("_catalog_role_cache", {})
        key = tuple(self.roles)
        if key not in cache:
            cache[key] = StaffRole.objects.filter(user=user, role__in=self.roles).exists()
        return cache[key]

    def user_has_permission(self, user, action):
        return self._holds_role(user)

    def users_with_any_permission(self, actions):
        return get_user_model().objects.filter(
            Q(is_superuser=True) | Q(staff_roles__role__in=self.roles), is_active=True).distinct()

    def user_has_permission_for_instance(self, user, action, instance):
        if not self._holds_role(user):
            return False
        if self.agency_field is None:
            return True
        return scoped(type(instance)._default_manager.filter(pk=instance.pk), user, self.roles,
                      self.agency_field).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if not self._holds_role(user):
            return self.model._default_manager.none()
        if self.agency_field is None:
            return self.model._default_manager.all()
        return scoped(self.model._default_manager.all(), user, self.roles, self.agency_field)
