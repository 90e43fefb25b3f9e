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
