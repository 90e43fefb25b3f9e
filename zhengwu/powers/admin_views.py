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
from zhengwu.orgs.models import Agency, holds_any, scoped

from .importer import COLUMNS, ImportFailed, Row, check, import_powers, store
from .models import ChangeKind, Power, PowerChange, PowerType, with_state


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


class ChangeForm(forms.Form):
    """One change of one power (or a new power), the same facts as a row of the XLSX list."""

    code = forms.CharField(label="权力编码", max_length=40)
    name = forms.CharField(label="权力名称", max_length=200)
    power_type = forms.ChoiceField(label="权力类型", choices=PowerType.choices)
    agency = forms.ChoiceField(label="实施机关")
    legal_basis = forms.CharField(label="设定依据", widget=forms.Textarea({"rows": 3}),
                                  help_text="法律、法规、规章名称及条款，含条文内容。")
    implementing_body = forms.CharField(label="实施主体", max_length=200)
    responsibilities = forms.CharField(label="责任事项", required=False, widget=forms.Textarea({"rows": 4}))
    accountability = forms.CharField(label="追责情形", required=False, widget=forms.Textarea({"rows": 3}))
    kind = forms.ChoiceField(label="变更类型", choices=ChangeKind.choices)
    decided_on = forms.DateField(label="生效日期", widget=forms.DateInput({"type": "date"}))
    document = forms.CharField(label="决定文件", max_length=200, help_text="如：湘政发〔2025〕3号")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        names = Agency.objects.in_scope(user, duties.roles("powers.edit")).values_list("name", flat=True)
        self.fields["agency"].choices = [(name, name) for name in names]

    def row(self) -> Row:
        """The form as a row of the list, so the importer's one check applies."""
        data = self.cleaned_data
        labels = dict(PowerType.choices) | dict(ChangeKind.choices)
        values = {"权力编码": data["code"].strip(), "权力名称": data["name"], "权力类型": labels[data["power_type"]],
                  "实施机关": data["agency"], "设定依据": data["legal_basis"], "实施主体": data["implementing_body"],
                  "责任事项": data["responsibilities"], "追责情形": data["accountability"],
                  "变更类型": labels[data["kind"]], "生效日期": data["decided_on"].isoformat(),
                  "决定文件": data["document"]}
        return Row(1, values)


class PowerChangeView(PowersAdminView):
    """登记变更: a new power, or a change of one (取消, 下放, 调整 …) with the facts it has from that day."""

    template_name = "powers/admin/change.html"
    page_title = "登记权力事项变更"
    duty = "powers.edit"

    def initial(self):
        code = self.request.GET.get("code", "")
        power = scoped(Power.objects.select_related("agency"), self.request.user,
                       duties.roles("powers.edit")).filter(code=code).first()
        state = power.state_on() if power else None
        if state is None:
            return {"kind": ChangeKind.ADDED, "decided_on": timezone.localdate()}
        return {"code": power.code, "name": state.name, "power_type": power.power_type, "agency": power.agency.name,
                "legal_basis": state.legal_basis, "implementing_body": state.implementing_body,
                "responsibilities": state.responsibilities, "accountability": state.accountability,
                "kind": ChangeKind.ADJUSTED, "decided_on": timezone.localdate()}

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = form or ChangeForm(initial=self.initial(), user=self.request.user)
        return context

    def post(self, request, *args, **kwargs):
        form = ChangeForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                store(check([form.row()], request.user))
            except ImportFailed as failed:
                for error in failed.errors:
                    form.add_error(None, error.removeprefix("第 1 行，"))
            else:
                data = form.cleaned_data
                messages.success(request, f"已登记 {data['code']} 的{dict(ChangeKind.choices)[data['kind']]}"
                                          f"（{data['decided_on']:%Y-%m-%d} 起）。")
                return redirect(reverse("powers_admin"))
        return self.render_to_response(self.get_context_data(form=form), status=400)
