from django.core.exceptions import PermissionDenied
from django.db.models import Q
from wagtail import hooks
from wagtail.admin.views.generic import DeleteView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from . import actions
from .admin_scope import ScopedModelViewSet
from .forms import AgencyForm, StaffRoleForm
from .models import Agency, Division, StaffRole
from .permissions import ADMIN_ROLES


class AgencyViewSet(ScopedModelViewSet):
    model = Agency
    form_class = AgencyForm
    scope_roles = ADMIN_ROLES
    scope_agency_field = ""
    icon = "group"
    menu_label = "机构"
    list_display = ["name", "kind", "division", "credit_code"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "credit_code"]
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return AgencyForm


class StaffRoleDeleteView(DeleteView):
    def delete_action(self):
        actions.revoke_role(self.object, actor=self.request.user)


class StaffRoleViewSet(ScopedModelViewSet):
    model = StaffRole
    scope_roles = ADMIN_ROLES
    icon = "user"
    menu_label = "人员角色"
    delete_view_class = StaffRoleDeleteView
    list_display = ["user", "agency", "role", "granted_by", "granted_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__first_name", "agency__name"]
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return StaffRoleForm

    @property
    def edit_view(self):
        # A role is granted or revoked, never edited in place: both go through orgs.actions.
        return self.inspect_view


class DivisionViewSet(ModelViewSet):
    model = Division
    icon = "site"
    menu_label = "行政区划"
    list_display = ["code", "name", "level", "parent", "is_active"]
    list_filter = ["level", "is_active"]
    search_fields = ["code", "name"]
    form_fields = ["code", "name", "level", "parent", "is_active", "replaced_by"]
    inspect_view_enabled = True
    copy_view_enabled = False


class OrgsViewSetGroup(ViewSetGroup):
    items = (AgencyViewSet("agencies"), StaffRoleViewSet("staff_roles"), DivisionViewSet("divisions"))
    menu_label = "机构与人员"
    menu_icon = "group"
    add_to_admin_menu = True
    menu_order = 800


@hooks.register("register_admin_viewset")
def register_orgs_viewsets():
    return OrgsViewSetGroup()


@hooks.register("before_move_page")
def refuse_moving_pages_one_may_not_move(request, page, destination):
    """Wagtail's move confirmation page checks nothing on GET, so any staff member could read the title of any
    page (another agency's draft included) by its id; only the POST was refused. Refuse both alike."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


@hooks.register("construct_reports_menu")
def page_types_report_only_for_superusers(request, menu_items):
    if not request.user.is_superuser:  # the view refuses them too (orgs/narrowed_admin_views.py)
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]


@hooks.register("construct_page_chooser_queryset")
def choose_only_public_or_own_pages(pages, request):
    """The link chooser lists and searches live pages, and drafts only of the agencies the user works in: another
    agency's unpublished page titles are theirs until published."""
    return choosable_pages(pages, request.user)


def choosable_pages(pages, user):
    """Live pages, and drafts only under the home pages of the agencies `user` works in."""
    if user.is_superuser:
        return pages
    own = Agency.objects.in_scope(user).exclude(home_page=None).values_list("home_page__path", flat=True)
    drafts_allowed = Q()
    for path in own:
        drafts_allowed |= Q(path__startswith=path)
    return pages.filter(Q(live=True) | drafts_allowed) if own else pages.filter(live=True)
