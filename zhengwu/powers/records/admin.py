"""The agency records in the admin (menu 权力运行): each a plain list and form over the agency's own records
(the scope query on every view), the agency limited to the user's, the filer recorded."""

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.generic import CreateView
from wagtail.permissions import register_permission_policy

from zhengwu.orgs import duties
from zhengwu.orgs.admin_scope import RolePermissionPolicy, ScopedModelViewSet
from zhengwu.orgs.models import Agency

from ..models import (
    CaseFileReview,
    ConflictOfInterest,
    EnforcementBasis,
    FaultAccountability,
    IntegrityAssessment,
)

ROLES = duties.roles("powers.records")


class RecordForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.in_scope(self.for_user, ROLES)


class FileRecordView(CreateView):
    def save_instance(self):
        self.form.instance.filed_by = self.request.user
        return super().save_instance()


def viewset(model, name, label, icon, list_display, list_filter=()):
    register_permission_policy(model, RolePermissionPolicy(model, ROLES), exact_class=True)
    fields = [f.name for f in model._meta.concrete_fields
              if f.editable and not f.primary_key and f.name != "filed_by"]

    class RecordViewSet(ScopedModelViewSet):
        scope_roles = ROLES
        menu_label = label
        url_prefix = f"powers/{name}"
        copy_view_enabled = False
        add_view_class = FileRecordView
        edit_handler = ObjectList([FieldPanel(field) for field in fields], base_form_class=RecordForm)

        def get_permissions_to_register(self):
            return super().get_permissions_to_register().none()

    RecordViewSet.model, RecordViewSet.icon = model, icon
    RecordViewSet.list_display, RecordViewSet.list_filter = list_display, list(list_filter)
    return RecordViewSet(f"powers_{name}")


VIEWSETS = [
    viewset(EnforcementBasis, "bases", "执法依据", "doc-full", ["title", "agency", "issuer", "effective_on"]),
    viewset(CaseFileReview, "reviews", "案卷评查", "tasks", ["agency", "year", "score", "files_reviewed", "reviewer"],
            ["year"]),
    viewset(FaultAccountability, "faults", "执法过错责任追究", "warning",
            ["case_reference", "agency", "responsible", "decided_on"]),
    viewset(ConflictOfInterest, "conflicts", "防止利益冲突", "user", ["official", "matter", "agency", "declared_on"]),
    viewset(IntegrityAssessment, "integrity", "制度廉洁性评估", "clipboard-list",
            ["document", "agency", "conclusion", "assessed_on"], ["conclusion"]),
]
