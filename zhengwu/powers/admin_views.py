"""权力清单 in the admin: the powers of the agencies in the user's scope (powers.view), and the XLSX upload
through the one importer (powers.edit over every row's agency; any error stores nothing)."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from zhengwu.files.extract import max_upload_size
from zhengwu.orgs import duties
from zhengwu.orgs.models import holds_any, scoped

from .importer import COLUMNS, ImportFailed, import_powers
from .models import Power, PowerChange, with_state


class UploadForm(forms.Form):
    sheet = forms.FileField(label="权力清单文件（XLSX）", error_messages={"required": "请选择要导入的 XLSX 文件。"},
                            help_text="每行一项权力的一次变更，列名：" + "、".join(COLUMNS) + "。",
                            widget=forms.ClearableFileInput({"accept": ".xlsx"}))

    def clean_sheet(self):
        sheet = self.cleaned_data["sheet"]
        if not sheet.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("请上传 .xlsx 格式的文件。")
        limit = max_upload_size()
        if limit and sheet.size > limit:
            raise forms.ValidationError("文件过大。")
        return sheet


class PowersAdminView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "list-ul"
    duty = "powers.view"

    def dispatch(self, request, *args, **kwargs):
        if not holds_any(request.user, duties.roles(self.duty)):
            raise Http404("权力清单仅对本机构的管理人员开放。")
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items, {"url": reverse("powers_admin"), "label": "权力清单"}]
        return items if self.page_title == "权力清单" else [*items, {"url": "", "label": self.page_title}]


class PowerListView(PowersAdminView):
    template_name = "powers/admin/list.html"
    page_title = "权力清单"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        powers = scoped(Power.objects.select_related("agency"), self.request.user, duties.roles("powers.view"))
        powers = list(with_state(timezone.localdate(), powers).filter(state_id__isnull=False))
        states = PowerChange.objects.in_bulk([p.state_id for p in powers])
        context.update(rows=[(p, states[p.state_id], states[p.state_id].in_force) for p in powers],
                       may_import=holds_any(self.request.user, duties.roles("powers.edit")))
        return context


class PowerImportView(PowersAdminView):
    template_name = "powers/admin/import.html"
    page_title = "导入权力清单"
    duty = "powers.edit"

    def get_context_data(self, form=None, errors=(), **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(form=form or UploadForm(), errors=errors)
        return context

    def post(self, request, *args, **kwargs):
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            count = import_powers(form.cleaned_data["sheet"], user=request.user)
        except ImportFailed as failed:
            return self.render_to_response(self.get_context_data(form=form, errors=failed.errors), status=400)
        messages.success(request, f"已导入 {count} 条权力事项记录。")
        return redirect(reverse("powers_admin"))
