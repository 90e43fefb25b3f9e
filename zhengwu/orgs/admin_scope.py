"""Admin viewsets whose every view (list, edit, delete, inspect, history, usage) goes through the scope query."""

from django.core.exceptions import PermissionDenied
from wagtail.admin.viewsets.model import ModelViewSet

from .models import scoped


class ScopedViewMixin:
    scope_roles = None
    scope_agency_field = "agency"

    def scope(self, queryset):
        return scoped(queryset, self.request.user, self.scope_roles, self.scope_agency_field)

    def get_base_queryset(self):
        return self.scope(super().get_base_queryset())

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
