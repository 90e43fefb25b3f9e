from django import forms
from django.contrib.auth import get_user_model
from wagtail.admin.forms import WagtailAdminModelForm

from . import actions
from .models import Agency, Role, StaffRole
from .permissions import ADMIN_ROLES


class AgencyForm(WagtailAdminModelForm):
    """New agencies are placed under a parent the user administers; existing ones keep their place."""

    parent = forms.ModelChoiceField(queryset=Agency.objects.none(), label="上级机构", required=True)

    class Meta:
        model = Agency
        fields = ["name", "short_name", "slug", "kind", "credit_code", "division", "functions", "internal_units",
                  "address", "office_hours", "phone", "head_name", "head_title"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["parent"].queryset = Agency.objects.in_scope(for_user, ADMIN_ROLES)
        if self.instance.pk:
            del self.fields["parent"]

    def save(self, commit=True):
        if self.instance.pk:
            return super().save(commit)
        parent = self.cleaned_data["parent"]
        return parent.add_child(instance=self.instance)


class StaffRoleForm(WagtailAdminModelForm):
    user = forms.ModelChoiceField(
        queryset=get_user_model().objects.filter(is_active=True).order_by("username"), label="用户"
    )

    class Meta:
        model = StaffRole
        fields = ["user", "agency", "role"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.for_user = for_user
        self.fields["agency"].queryset = Agency.objects.in_scope(for_user, ADMIN_ROLES)
        if not Agency.objects.in_scope(for_user, [Role.SYSTEM_ADMIN]).exists():
            self.fields["role"].choices = [c for c in self.fields["role"].choices if c[0] != Role.SYSTEM_ADMIN]

    def clean(self):
        cleaned = super().clean()
        user, agency, role = cleaned.get("user"), cleaned.get("agency"), cleaned.get("role")
        if user and agency and role and StaffRole.objects.filter(user=user, agency=agency, role=role).exists():
            raise forms.ValidationError("该用户在此机构已有该角色。")
        return cleaned

    def save(self, commit=True):
        data = self.cleaned_data
        self.instance = actions.grant_role(data["user"], data["agency"], data["role"], actor=self.for_user)
        return self.instance
