"""Admin for service centres and coverage targets (menu 政务服务场所).

Centres: 单位管理员 and 系统管理员 manage the centres whose 主管机构 is in their scope (Agency.objects.in_scope);
a system administrator of the whole province (a root agency) and superusers see every centre, also those
without a 主管机构. Coverage targets are province-wide data: only those province-wide administrators edit them.
"""

import django_filters
from django import forms
from django.db.models import Q
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from zhengwu.orgs import duties
from zhengwu.orgs.admin_scope import ScopedModelViewSet, ScopedViewMixin
from zhengwu.orgs.models import Agency, Division, Role, StaffRole
from zhengwu.services.centres.coverage import PREFIX_LENGTH, region_prefix
from zhengwu.services.models import CentreLevel, CoverageTarget, Matter, ServiceCentre

CENTRE_ROLES = duties.roles("services.edit_centres")
EDIT_ACTIONS = {"add", "change", "delete", "view"}
# Which division levels a centre of each level may sit in.
CENTRE_DIVISION_LEVELS = {
    CentreLevel.GOVERNMENT: [Division.Level.PROVINCE, Division.Level.PREFECTURE, Division.Level.COUNTY,
                             Division.Level.STAT_ONLY_ZONE],
    CentreLevel.TOWNSHIP: [Division.Level.TOWNSHIP],
    CentreLevel.VILLAGE: [Division.Level.VILLAGE],
}


def _active(user):
    return user is not None and user.is_authenticated and user.is_active


def province_admin(user):
    """Superusers and system administrators whose role reaches a root agency (the whole province)."""
    if not _active(user):
        return False
    return user.is_superuser or Agency.objects.in_scope(user, [Role.SYSTEM_ADMIN]).filter(depth=1).exists()


def manages_centres(user):
    if not _active(user):
        return False
    return user.is_superuser or StaffRole.objects.filter(user=user, role__in=CENTRE_ROLES).exists()


class CentrePermissionPolicy(ModelPermissionPolicy):
    """Model permissions, plus every centre action for holders of an administrator role (the list is scoped)."""

    def user_has_permission(self, user, action):
        if super().user_has_permission(user, action):
            return True
        return action in EDIT_ACTIONS and manages_centres(user)


class TargetPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if super().user_has_permission(user, action):
            return True
        return action in EDIT_ACTIONS and province_admin(user)


# Registered before any viewset asks the registry, or Wagtail creates the default policy.
register_permission_policy(ServiceCentre, CentrePermissionPolicy(ServiceCentre), exact_class=True)
register_permission_policy(CoverageTarget, TargetPermissionPolicy(CoverageTarget), exact_class=True)


class CentreScopeMixin(ScopedViewMixin):
    def scope(self, queryset):
        if province_admin(self.request.user):
            return queryset
        return super().scope(queryset)


class CentreIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("division", "agency")


class CentreFilterSet(WagtailFilterSet):
    region = django_filters.CharFilter(label="区划代码（含下级）", method="filter_region")

    class Meta:
        model = ServiceCentre
        fields = ["level", "is_active", "is_demo"]

    def filter_region(self, queryset, name, value):
        value = value.strip()
        if not value.isdigit():
            return queryset.none()
        division = Division.objects.filter(code=value).first()
        prefix = region_prefix(division) if division else value
        return queryset.filter(Q(division__code__startswith=prefix))


class ServiceCentreForm(WagtailAdminModelForm):
    division = forms.ModelChoiceField(
        queryset=Division.objects.filter(is_active=True), to_field_name="code", label="所在行政区划代码",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 12}),
        help_text="填写区划代码：县级以上 6 位，乡镇（街道）9 位，村（社区）12 位。",
        error_messages={"invalid_choice": "没有这个现行有效的区划代码。"},
    )

    class Meta:
        model = ServiceCentre
        fields = ["level", "name", "division", "agency", "address", "hours", "phone", "windows", "matters",
                  "opened_on", "is_active"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.province_wide = province_admin(for_user)
        agencies = Agency.objects.all() if self.province_wide else Agency.objects.in_scope(for_user, CENTRE_ROLES)
        self.fields["agency"].queryset = agencies
        self.fields["agency"].required = not self.province_wide
        self.fields["matters"].queryset = Matter.objects.filter(is_active=True, agency__in=agencies.values("pk"))
        self.fields["matters"].help_text = "本场所窗口可受理的政务服务事项（按住 Ctrl 多选）。"
        if self.instance.pk and self.instance.division_id:
            self.initial["division"] = self.instance.division.code

    def clean(self):
        cleaned = super().clean()
        level, division, agency = cleaned.get("level"), cleaned.get("division"), cleaned.get("agency")
        if level and division and division.level not in CENTRE_DIVISION_LEVELS[level]:
            allowed = "、".join(Division.Level(v).label for v in CENTRE_DIVISION_LEVELS[level])
            self.add_error("division", f"{CentreLevel(level).label}应设在{allowed}一级的区划。")
        if division and agency is not None and not self.province_wide:
            if agency.division is None:
                self.add_error("agency", "该机构未设所在行政区划，请联系系统管理员。")
            elif agency.division.level in PREFIX_LENGTH and not division.code.startswith(
                    region_prefix(agency.division)):
                self.add_error("division", f"所在区划应在主管机构所在的{agency.division.name}范围内。")
        return cleaned


class ServiceCentreViewSet(ScopedModelViewSet):
    model = ServiceCentre
    form_class = ServiceCentreForm
    scope_roles = CENTRE_ROLES
    icon = "home"
    menu_label = "服务中心（站）"
    url_prefix = "services/centres"
    index_view_class = CentreIndexView
    list_display = ["name", "level", "division", "agency", "windows", "is_active"]
    filterset_class = CentreFilterSet
    search_fields = ["name", "address"]
    search_backend_name = None
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return ServiceCentreForm

    def construct_view(self, view_class, **kwargs):
        # Province-wide administrators see all centres (also those without a 主管机构); others their scope.
        scoped_class = type(f"CentreScoped{view_class.__name__}", (CentreScopeMixin, view_class), {})
        kwargs.setdefault("scope_roles", self.scope_roles)
        kwargs.setdefault("scope_agency_field", self.scope_agency_field)
        return ModelViewSet.construct_view(self, scoped_class, **kwargs)


class CoverageTargetViewSet(ModelViewSet):
    model = CoverageTarget
    icon = "pick"
    menu_label = "覆盖率目标"
    url_prefix = "services/coverage-targets"
    list_display = ["level", "percent", "basis"]
    form_fields = ["level", "percent", "basis"]
    copy_view_enabled = False


class CentresViewSetGroup(ViewSetGroup):
    items = (ServiceCentreViewSet("service_centres"), CoverageTargetViewSet("coverage_targets"))
    menu_label = "政务服务场所"
    menu_icon = "home"
    add_to_admin_menu = True
    menu_order = 420


@hooks.register("register_admin_viewset")
def register_centres_viewsets():
    return CentresViewSetGroup()
