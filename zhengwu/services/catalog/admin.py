"""Admin for the service catalog (事项与办事指南): matters with their material lists and special procedures
edited on the same page, and the catalog's topics.

Matters are plain Django models (materials and procedures hang off a ForeignKey, not a ParentalKey), so
Wagtail's InlinePanel does not apply; the matter's create and edit views carry two Django inline formsets
instead, saved in the same transaction as the matter. Every list and view goes through the scope query
(ScopedModelViewSet), and the agency a matter may be filed under is limited to the editor's own agencies.

Menu: the "政务服务" group is registered here. Other services modules join it either by appending a viewset
to SERVICES_MENU_ITEMS before the admin URLs are built, or by registering a viewset (or a MenuItem hook)
with `menu_hook = SERVICES_MENU_HOOK`.
"""

import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.forms import inlineformset_factory
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.documents import get_document_model
from wagtail.documents.widgets import AdminDocumentChooser
from wagtail.permissions import register_permission_policy

from zhengwu.orgs import duties
from zhengwu.orgs.admin_scope import RolePermissionPolicy, ScopedModelViewSet
from zhengwu.orgs.models import Agency
from zhengwu.services.models import MaterialRequirement, Matter, MatterType, SpecialProcedure, Topic

EDIT_ROLES = duties.roles("services.edit_catalog")
TOPIC_ROLES = duties.roles("services.edit_topics")  # province-wide reference data
SERVICES_MENU_HOOK = "register_services_menu_item"
FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


# Registered at import (services.wagtail_hooks imports this module), before any viewset asks the registry.
register_permission_policy(Matter, RolePermissionPolicy(Matter, EDIT_ROLES), exact_class=True)
register_permission_policy(Topic, RolePermissionPolicy(Topic, TOPIC_ROLES, agency_field=None), exact_class=True)


# --- forms ---------------------------------------------------------------------------------------------------


class MatterForm(WagtailAdminModelForm):
    """The matter itself; its agency can only be one of the editor's own agencies."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "agency" in self.fields:
            self.fields["agency"].queryset = Agency.objects.in_scope(self.for_user, EDIT_ROLES)
        if "topics" in self.fields:
            self.fields["topics"].widget = forms.CheckboxSelectMultiple()
            self.fields["topics"].queryset = Topic.objects.order_by("-kind", "order", "id")  # themes first
            self.fields["topics"].label_from_instance = lambda topic: f"{topic.get_kind_display()}：{topic.name}"

    def clean_form_fields(self):
        value = self.cleaned_data.get("form_fields") or []
        if not isinstance(value, list):
            raise ValidationError("申请表字段应为列表，如 [{\"name\": \"shop_name\", \"label\": \"店铺名称\", "
                                  "\"required\": true}]。")
        names = set()
        for number, spec in enumerate(value, start=1):
            if not isinstance(spec, dict) or not spec.get("label") or not FIELD_NAME.match(str(spec.get("name", ""))):
                raise ValidationError(f"第 {number} 个字段须有 name（小写英文字母开头，仅含小写字母、数字、下划线）"
                                      f"和 label（显示名称）。")
            if spec["name"] in names:
                raise ValidationError(f"字段名 {spec['name']} 重复。")
            names.add(spec["name"])
            extra = set(spec) - {"name", "label", "required", "help"}
            if extra:
                raise ValidationError(f"第 {number} 个字段有不支持的属性：{'、'.join(sorted(extra))}。")
        return value

    def clean(self):
        cleaned = super().clean()
        statutory, promised = cleaned.get("statutory_workdays"), cleaned.get("promised_workdays")
        if statutory is not None and promised is not None and promised > statutory:
            self.add_error("promised_workdays", "承诺办结时限不得长于法定办结时限。")
        if cleaned.get("charged") and not (cleaned.get("fee_standard") or "").strip():
            self.add_error("fee_standard", "收费的事项须填写收费标准。")
        if cleaned.get("charged") is False and cleaned.get("fee_limit"):
            self.add_error("fee_limit", "不收费的事项，收费上限应为 0。")
        return cleaned


def _document_widgets():
    """Wagtail's document chooser picks the configured document model (files.AgencyDocument); use it only
    when the material's document fields point at that model, or a chosen id would name another row."""
    related = MaterialRequirement._meta.get_field("blank_form").related_model
    if related is get_document_model():
        return {"blank_form": AdminDocumentChooser, "sample": AdminDocumentChooser}
    return {}


MaterialFormSet = inlineformset_factory(
    Matter, MaterialRequirement, extra=2, can_delete=True,
    fields=["name", "form", "copies", "required", "exemption", "source", "blank_form", "sample", "note", "order"],
    widgets={**_document_widgets(), "order": forms.NumberInput(attrs={"style": "width: 5em"}),
             "copies": forms.NumberInput(attrs={"style": "width: 5em"})})
SpecialProcedureFormSet = inlineformset_factory(
    Matter, SpecialProcedure, extra=1, can_delete=True,
    fields=["name", "workdays", "basis", "charged", "counts_toward_limit"],
    widgets={"workdays": forms.NumberInput(attrs={"style": "width: 6em"})})
FORMSETS = [("materials", "申请材料", MaterialFormSet), ("procedures", "特别程序", SpecialProcedureFormSet)]


class MatterFormsetsMixin:
    """Adds the material list and special procedures to the matter's create and edit views."""

    template_name = "services/catalog/admin/matter_form.html"

    def get_formsets(self):
        if not hasattr(self, "_formsets"):
            instance = getattr(self, "object", None) or Matter()
            bound = self.request.method == "POST"
            self._formsets = [
                (prefix, label, formset_class(self.request.POST if bound else None,
                                              self.request.FILES if bound else None,
                                              instance=instance, prefix=prefix))
                for prefix, label, formset_class in FORMSETS]
        return self._formsets

    def is_valid(self, form):
        valid = super().is_valid(form)
        formsets_valid = all([formset.is_valid() for _p, _l, formset in self.get_formsets()])
        if valid and not formsets_valid:
            self.produced_error_code = "validation_error"
            self.produced_error_message = "申请材料或特别程序有误，请查看下方标出的内容。"
        return valid and formsets_valid

    def save_instance(self):
        instance = super().save_instance()
        for _prefix, _label, formset in self.get_formsets():
            formset.instance = instance
            formset.save()
        return instance

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["formsets"] = self.get_formsets()
        for _prefix, _label, formset in context["formsets"]:
            context["media"] += formset.media
        return context


class MatterCreateView(MatterFormsetsMixin, CreateView):
    pass


class MatterEditView(MatterFormsetsMixin, EditView):
    pass


# --- viewsets ------------------------------------------------------------------------------------------------


class MatterFilterSet(WagtailFilterSet):
    agency = django_filters.ModelChoiceFilter(
        label="实施主体", empty_label="全部",
        queryset=lambda request: Agency.objects.in_scope(request.user, EDIT_ROLES) if request else Agency.objects.none())
    matter_type = django_filters.ChoiceFilter(label="事项类型", choices=MatterType.choices, empty_label="全部")

    class Meta:
        model = Matter
        fields = ["agency", "matter_type", "audience", "online_depth", "is_active"]


class MaterialCountColumn(Column):
    def get_value(self, instance):
        return instance.material_count


class MatterIndexView(IndexView):
    default_ordering = "code"  # the 主体编码 prefix groups a county's departments together

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("agency").annotate(material_count=Count("materials"))


class MatterViewSet(ScopedModelViewSet):
    model = Matter
    scope_roles = EDIT_ROLES
    icon = "list-ul"
    menu_label = "事项与办事指南"
    url_prefix = "services/matters"
    list_display = ["name", "code", "agency", "matter_type", "promised_workdays", "online_depth",
                    MaterialCountColumn("materials", label="申请材料（项）"), BooleanColumn("is_active", label="在用"),
                    "updated_at"]
    filterset_class = MatterFilterSet
    search_fields = ["name", "code"]
    search_backend_name = None
    copy_view_enabled = False  # a copy would lose the material list; create the matter anew instead
    add_view_class = MatterCreateView
    edit_view_class = MatterEditView
    index_view_class = MatterIndexView
    edit_handler = ObjectList([
        MultiFieldPanel([FieldPanel("agency"), FieldPanel("code"), FieldPanel("name"), FieldPanel("matter_type"),
                         FieldPanel("audience"), FieldPanel("topics"), FieldPanel("is_active")], heading="基本信息"),
        MultiFieldPanel([FieldPanel("legal_basis"), FieldPanel("conditions"), FieldPanel("process")],
                        heading="设定依据、受理条件和办理流程"),
        MultiFieldPanel([FieldPanel("case_kind"), FieldPanel("statutory_workdays"), FieldPanel("promised_workdays"),
                         FieldPanel("acceptance_workdays"), FieldPanel("issuance_workdays")], heading="办理时限"),
        MultiFieldPanel([FieldPanel("charged"), FieldPanel("fee_standard"), FieldPanel("fee_basis"),
                         FieldPanel("fee_limit")], heading="收费"),
        MultiFieldPanel([FieldPanel("place"), FieldPanel("hours"), FieldPanel("visits"),
                         FieldPanel("consult_channel"), FieldPanel("complaint_channel")],
                        heading="办理地点、时间和咨询投诉"),
        MultiFieldPanel([FieldPanel("online_depth"), FieldPanel("form_fields"), FieldPanel("result_name"),
                         FieldPanel("faq")], heading="网上办理、办理结果和常见问题"),
    ], base_form_class=MatterForm)


class TopicViewSet(ModelViewSet):
    model = Topic
    icon = "tag"
    menu_label = "主题与人生事件"
    url_prefix = "services/topics"
    list_display = ["name", "kind", "slug", "audience", "order"]
    list_filter = ["kind", "audience"]
    form_fields = ["kind", "name", "slug", "audience", "order"]
    copy_view_enabled = False


# Others append viewsets (or their classes) here before the admin URLs are built, or use SERVICES_MENU_HOOK.
SERVICES_MENU_ITEMS = [MatterViewSet("services_matters"), TopicViewSet("services_topics")]


class ServicesGroup(ViewSetGroup):
    menu_label = "政务服务"
    menu_icon = "form"
    menu_order = 230
    submenu_hook = SERVICES_MENU_HOOK

    def __init__(self):
        self.items = tuple(SERVICES_MENU_ITEMS)  # read at registration, so later additions are included
        super().__init__()


@hooks.register("register_admin_viewset")
def register_services_group():
    return ServicesGroup()
