"""Admin: 安全审计 — the audit log for auditors, list (filter by date, kind of action, action code and user),
inspect and export only; and the record of every private document download."""

import django_filters
from django.db.models import Q
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from .log import record
from .models import AuditEntry
from .permissions import AuditorPermissionPolicy

# Registered before any viewset asks the registry, or Wagtail creates the default policy.
register_permission_policy(AuditEntry, AuditorPermissionPolicy(AuditEntry), exact_class=True)

CATEGORIES = [
    ("auth", "登录、退出与锁定", Q(action__startswith="auth.")),
    ("content", "内容与设置管理（网站后台操作）", ~Q(action__regex=r"^(auth|event|privacy|files|audit)\.")),
    ("event", "业务办理（申请、办件、来信等的每一步）", Q(action__startswith="event.")),
    ("personal", "个人信息查看与非公开文件下载", Q(action__startswith="privacy.") | Q(action__startswith="files.")),
    ("audit", "审计日志本身（清理）", Q(action__startswith="audit.")),
]


class AuditEntryFilterSet(WagtailFilterSet):
    at = django_filters.DateFromToRangeFilter(label="日期", widget=DateRangePickerWidget)
    category = django_filters.ChoiceFilter(label="类别", choices=[(key, label) for key, label, _ in CATEGORIES],
                                           method="filter_category", empty_label="全部")
    action = django_filters.CharFilter(label="操作代码（开头）", lookup_expr="startswith")
    actor_username = django_filters.CharFilter(label="用户名", lookup_expr="iexact")

    class Meta:
        model = AuditEntry
        fields = []

    def filter_category(self, queryset, name, value):
        condition = next((q for key, _, q in CATEGORIES if key == value), None)
        return queryset.filter(condition) if condition is not None else queryset


class AuditEntryViewSet(ModelViewSet):
    model = AuditEntry
    icon = "history"
    menu_label = "安全审计"
    menu_order = 960
    add_to_admin_menu = True
    url_prefix = "audit/log"
    list_display = ["sequence", "at", "actor_username", "address", "action", "description"]
    filterset_class = AuditEntryFilterSet
    search_fields = ["description", "actor_username", "object_id", "action"]
    search_backend_name = None
    list_export = ["sequence", "at", "actor_id", "actor_username", "address", "action", "object_type", "object_id",
                   "description", "detail", "previous_hash", "hash"]
    export_filename = "audit-log"
    inspect_view_enabled = True
    inspect_view_fields = ["sequence", "at", "actor_id", "actor_username", "address", "action", "object_type",
                           "object_id", "description", "detail", "previous_hash", "hash"]
    copy_view_enabled = False
    form_fields = []

    @property
    def edit_view(self):
        return self.inspect_view


@hooks.register("register_admin_viewset")
def register_audit_log():
    return AuditEntryViewSet("audit_log")


@hooks.register("before_serve_document", order=100)  # after files' hook, which refuses whoever may not
def record_private_download(document, request):
    if getattr(document, "private", False):
        record("files.download", f"下载非公开文件 #{document.pk}", request=request, obj=document,
               detail={"title": document.title, "collection": document.collection_id})
