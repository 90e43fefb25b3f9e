"""Admin viewsets whose every view (list, edit, delete, inspect, history, usage) goes through the scope query."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
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


class NotFoundOutsideScope:
    """A record of an agency outside the user's scope is answered as if it did not exist (404), on every
    view, rather than with the admin's redirect to the dashboard."""

    def setup(self, request, *args, **kwargs):
        try:
            super().setup(request, *args, **kwargs)
        except PermissionDenied:
            raise Http404("没有找到该记录，或它不属于您有权查看的机构。") from None
