"""The yearly disclosure report in the admin: the list of drafts, opening one (agency + year, created on
first opening), and the draft page laid out as the official form (国办公开办函〔2021〕30号) with the
platform's figures, the agency's manual Part 二 figures, the three texts and the cross-check results,
each failure pointing at its cell.

Every view asks the scope query first: a report of an agency outside the user's scope is answered 404.
The agency's handlers, the head of its disclosure office and the administrators above it may edit;
inspectors may read. Works without JavaScript: the "填入平台数据" buttons fill a text server-side."""

from functools import cached_property

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from zhengwu.orgs.models import Agency, scoped
from zhengwu.reports.annual.admin_forms import MANUAL_LABEL, TEXT_FIELDS, DraftForm, OpenReportForm
from zhengwu.reports.annual.deadlines import agency_status
from zhengwu.reports.annual.document_views import file_response
from zhengwu.reports.annual.exports import CONTENT_TYPES, report_file
from zhengwu.reports.annual.form import NoForm, form_for
from zhengwu.reports.annual.layout import numbered, table_layout
from zhengwu.reports.annual.publication import PublicationRefused, publication_of, submit_for_publication
from zhengwu.reports.annual.report import build
from zhengwu.reports.annual.starting_texts import STARTING_TEXTS
from zhengwu.reports.models import AnnualReport
from zhengwu.reports.roles import EDIT_ROLES, VIEW_ROLES, may_edit

VIEWSET = "reports_annual"




def draft_url(report) -> str:
    return reverse(f"{VIEWSET}:edit", args=[report.pk])


# The list ----------------------------------------------------------------------------------------

class AnnualReportIndexView(IndexView):
    """The drafts in the user's scope (no check status here: that needs the whole report computed), and
    the form that opens one."""

    page_title = "年度报告"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("agency", "updated_by")

    def get_edit_url(self, instance):
        return draft_url(instance)  # inspectors read the same page, without its save button

    def get_list_more_buttons(self, instance):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if Agency.objects.in_scope(self.request.user, EDIT_ROLES).exists():
            context["open_form"] = OpenReportForm(user=self.request.user, roles=EDIT_ROLES, auto_id="open_%s")
            context["open_url"] = reverse(f"{VIEWSET}:open")
        return context


# Opening a report --------------------------------------------------------------------------------

class OpenReportView(WagtailAdminTemplateMixin, FormView):
    """Choose an agency and a year; the report's row is created on first opening, reused after."""

    template_name = "reports/admin/open.html"
    page_title = "打开年度报告"
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not Agency.objects.in_scope(request.user, EDIT_ROLES).exists():
            raise Http404("您没有编制年度报告的权限。")
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": reverse(f"{VIEWSET}:index"), "label": "年度报告"},
                {"url": "", "label": self.page_title}]

    def get_form(self, form_class=None):
        return OpenReportForm(**self.get_form_kwargs(), user=self.request.user, roles=EDIT_ROLES, auto_id="open_%s")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        agency, year = form.cleaned_data["agency"], form.cleaned_data["year"]
        report, created = AnnualReport.objects.get_or_create(agency=agency, year=year,
                                                             defaults={"updated_by": self.request.user})
        if created:
            log(report, "wagtail.create", user=self.request.user)
            messages.success(self.request, f"已新建{report}草稿。")
        return redirect(draft_url(report))


# The draft page ----------------------------------------------------------------------------------

class DraftView(WagtailAdminTemplateMixin, TemplateView):
    """One report: the check results, then the six parts in the form's order. POST `save` stores the
    texts and the manual figures; POST `fill` puts a starting-point text into a part (nothing stored)."""

    template_name = "reports/admin/draft.html"
    header_icon = "doc-full"

    @cached_property
    def report(self):
        found = scoped(AnnualReport.objects.select_related("agency", "updated_by"), self.request.user,
                       VIEW_ROLES).filter(pk=self.kwargs["pk"]).first()
        if found is None:
            raise Http404("没有找到该年度报告，或它不属于您有权查看的机构。")
        return found

    @cached_property
    def editable(self):
        return may_edit(self.request.user, self.report.agency_id)

    def get_page_title(self):
        return f"{self.report.agency.name} {self.report.year} 年度政府信息公开工作年度报告"

    def get_page_subtitle(self):
        return "草稿"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": reverse(f"{VIEWSET}:index"), "label": "年度报告"},
                {"url": "", "label": f"{self.report.agency.name} {self.report.year} 年度报告（草稿）"}]

    def dispatch(self, request, *args, **kwargs):
        self.report  # noqa: B018 — the scope check, before anything else
        return super().dispatch(request, *args, **kwargs)

    def draft_form(self, **kwargs):
        return DraftForm(form=form_for(self.report.year), report=self.report, **kwargs)

    def get(self, request, *args, **kwargs):
        try:
            form = self.draft_form() if self.editable else None
        except NoForm as missing:
            return self.render_to_response(self.get_context_data(no_form=str(missing)))
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        if not self.editable:
            raise PermissionDenied("您可以查看本报告，但没有编辑权限。")
        try:
            form_for(self.report.year)
        except NoForm as missing:
            return self.render_to_response(self.get_context_data(no_form=str(missing)), status=400)
        fill = request.POST.get("fill")
        if fill in STARTING_TEXTS:
            return self.fill(fill)
        form = self.draft_form(data=request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        report = form.save(request.user)
        log(report, "wagtail.edit", user=request.user)
        if "publish" not in request.POST:
            messages.success(request, "已保存。表中的数字和校验结果已按保存的内容重新计算。")
            return redirect(draft_url(report))
        try:  # what was typed is saved above either way: a refusal loses nothing
            submitted = submit_for_publication(report, request.user)
        except PublicationRefused as refused:
            messages.error(request, f"已保存草稿，但未提交发布：{refused}")
            return redirect(draft_url(report))
        messages.success(request, "已保存并提交保密审查。审查通过后报告将发布在本机关“政府信息公开年报”栏目，并分配索引号。"
                         if submitted.first_time else "已保存并重新提交保密审查（更正）。审查通过后发布页面将更新，索引号不变。")
        return redirect(draft_url(report))

    def fill(self, attribute):
        """Re-show what was typed, with the starting-point text put into one part (after any text there)."""
        initial = {name: self.request.POST.get(name, "") for name in self.draft_form().fields}
        built = build(self.report.agency, self.report.year)
        text = STARTING_TEXTS[attribute](self.report, built)
        current = initial.get(attribute, "").strip()
        initial[attribute] = f"{current}\n\n{text}" if current else text
        form = self.draft_form(initial=initial)
        label = form.fields[attribute].label
        messages.info(self.request, f"已将平台数据填入“{label}”，请核对修改后保存。")
        return self.render_to_response(self.get_context_data(form=form, built=built, filled=attribute))

    def get_context_data(self, form=None, built=None, filled="", no_form="", **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.report
        context.update(report=report, editable=self.editable and form is not None, form=form, filled=filled,
                       index_url=reverse(f"{VIEWSET}:index"), manual_label=MANUAL_LABEL, no_form=no_form,
                       deadline=agency_status(report.agency, report.year, timezone.localdate()),
                       publication=publication_of(report))
        if no_form:
            return context
        built = built or build(report.agency, report.year)
        spec = form_for(report.year)
        failures, marks = numbered(built["checks"]["failures"])
        tables = {part["key"]: part.get("table") for part in built["parts"]}
        text_parts = {key: (form[attribute] if form is not None else None, getattr(report, attribute), attribute)
                      for key, attribute in TEXT_FIELDS.items()}
        parts = []
        for section in spec["sections"]:
            part = {"key": section["key"], "title": section["title"], "kind": section["kind"]}
            if section["kind"] == "table":
                values = tables[section["key"]]
                part["table"] = section["table"]
                part["layout"] = table_layout(
                    spec["tables"][section["table"]], section["table"], values, marks, form,
                    link=lambda cell, table=section["table"]: reverse(f"{VIEWSET}:records",
                                                                      args=[report.pk, table, cell]))
            else:
                field, text, attribute = text_parts.get(section["key"], (None, "", ""))
                part.update(field=field, text=text, attribute=attribute, fillable=attribute in STARTING_TEXTS)
                if field is not None:
                    attrs = {"autofocus": True} if attribute == filled else {}
                    if field.errors:
                        attrs.update({"aria-invalid": "true", "aria-describedby": f"{field.auto_id}-error"})
                    part["widget"] = field.as_widget(attrs=attrs)
            parts.append(part)
        context.update(built=built, parts=parts, failures=failures, passed=built["checks"]["passed"],
                       basis=spec["basis"].split(" (")[0].split(";")[0], form_name=built["form"])
        return context


class DraftDownloadView(DraftView):
    """The draft as PDF, DOCX or XLSX with today's figures, for checking it on paper before submitting;
    the file name says 草稿. Same scope as the draft page."""

    def get(self, request, *args, **kwargs):
        kind = kwargs["kind"]
        if kind not in CONTENT_TYPES:
            raise Http404("没有这种格式的年度报告文件。")
        try:
            built = build(self.report.agency, self.report.year)
        except NoForm as missing:
            raise Http404(str(missing)) from None
        data, content_type, filename = report_file(built, kind)
        return file_response(data, content_type, f"草稿-{filename}",
                             fallback=f"annual-report-{self.report.year}-draft.{kind}")

    def post(self, request, *args, **kwargs):
        raise PermissionDenied
