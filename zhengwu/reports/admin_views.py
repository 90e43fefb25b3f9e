"""The yearly disclosure report in the admin: the list of drafts, opening one (agency + year, created on
first opening), and the draft page laid out as the official form (国办公开办函〔2021〕30号) with the
platform's figures, the agency's manual Part 二 figures, the three texts and the cross-check results,
each failure pointing at its cell.

Every view asks the scope query first: a report of an agency outside the user's scope is answered 404.
The agency's handlers, the head of its disclosure office and the administrators above it may edit;
inspectors may read. Works without JavaScript: the "填入平台数据" buttons fill a text server-side."""

from collections import defaultdict
from functools import cached_property

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from zhengwu.disclosure.models import DisclosureItemPage
from zhengwu.foi.models import FeeNotice
from zhengwu.orgs.models import Agency, scoped

from .admin_forms import MANUAL_LABEL, TEXT_FIELDS, DraftForm, OpenReportForm, field_name
from .annual import build
from .form import NoForm, form_for
from .models import AnnualReport
from .proactive import MANUAL, SOURCES
from .roles import EDIT_ROLES, VIEW_ROLES

VIEWSET = "reports_annual"
# Who drafts the report: the agency's disclosure office and the administrators above it; who reads it.
APPLICANTS_TITLE = "申请人情况"
BALANCE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
TOP_GROUP_MARKS = tuple("一二三四五六七八九十")


def may_edit(user, agency_id) -> bool:
    return Agency.objects.in_scope(user, EDIT_ROLES).filter(pk=agency_id).exists()


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

def cell_id(table: str, cell: str) -> str:
    return f"{table}-{cell.replace('/', '-')}"


def numbered(failures: list[dict]):
    """Failures with the anchors the page needs, and which failures each cell breaks."""
    marks = defaultdict(list)
    listed = []
    for n, failure in enumerate(failures, 1):
        anchor, target = f"check-{n}", cell_id(failure["table"], failure["cell"])
        marks[target].append(anchor)
        listed.append({**failure, "anchor": anchor, "target": target})
    return listed, marks


def _cell(table, key, value, marks, headers=()):
    cid = cell_id(table, key)
    return {"id": cid, "value": value, "failures": marks.get(cid, []), "headers": " ".join(headers)}


def table_two(spec, values, marks, form=None):
    """Part 二 as its four blocks; each cell says whether it is computed or the agency's own figure, and
    carries the input when the draft is being edited."""
    blocks, notes = [], {}
    for block in spec["blocks"]:
        rows = []
        for row in block["rows"]:
            cells = []
            for column in block["columns"]:
                source = SOURCES.get(block["key"], {}).get(row["key"], {}).get(column["key"], {})
                key = f"{block['key']}/{row['key']}/{column['key']}"
                cell = _cell("t2", key, values[block["key"]][row["key"]][column["key"]], marks)
                cell["manual"] = source.get("kind") == MANUAL
                cell["note_id"] = f"{cell['id']}-note"
                cell["note"] = source.get("note", "")
                if not cell["manual"] and cell["note"]:
                    notes.setdefault(column["title"], cell["note"])
                if cell["manual"] and form is not None:
                    bound = form[field_name(block["key"], row["key"], column["key"])]
                    described = [cell["note_id"], *([f"{bound.auto_id}-error"] if bound.errors else []),
                                 *cell["failures"]]
                    attrs = {"aria-describedby": " ".join(described)}
                    if bound.errors:
                        attrs["aria-invalid"] = "true"
                    cell.update(field=bound, widget=bound.as_widget(attrs=attrs),
                                label=f"{row['title']}·{column['title']}")
                cells.append(cell)
            rows.append({"title": row["title"], "cells": cells})
        blocks.append({"key": block["key"], "title": block["title"], "columns": block["columns"], "rows": rows})
    return {"blocks": blocks, "notes": notes}


def _row_paths(rows):
    """Each row's headings above its own title: none, [三、…] or [三、…, （三）…] (the form names only the
    nearest group; a （…） group sits inside the numbered group around it)."""
    paths, top = [], None
    for row in rows:
        group = row.get("group")
        if not group:
            top = None
            paths.append([])
        elif group.startswith(TOP_GROUP_MARKS):
            top = group
            paths.append([group])
        else:
            paths.append([top, group] if top else [group])
    return paths


def _run_length(paths, start, depth):
    prefix = paths[start][:depth + 1]
    n = 0
    for path in paths[start:]:
        if path[:depth + 1] != prefix:
            break
        n += 1
    return n


def table_three(spec, values, marks):
    """Part 三 as printed: three label columns (group, sub-group, row) and the seven applicant columns,
    with `headers` on each figure so that a screen reader names its row and column."""
    columns = spec["columns"]
    header = [[{"tag": "td", "text": BALANCE_NOTE, "rowspan": 3, "colspan": 3, "class": "rpt-corner"},
               {"tag": "th", "text": APPLICANTS_TITLE, "colspan": len(columns), "scope": "colgroup",
                "id": "t3-applicants"}], [], []]
    column_headers = {}
    group_ids = {}
    for column in columns:
        group = column.get("group")
        if group is None:
            header[1].append({"tag": "th", "text": column["title"], "rowspan": 2, "scope": "col",
                              "id": f"t3-col-{column['key']}"})
            column_headers[column["key"]] = ["t3-applicants", f"t3-col-{column['key']}"]
            continue
        if group not in group_ids:
            group_ids[group] = f"t3-colgroup-{len(group_ids) + 1}"
            header[1].append({"tag": "th", "text": group, "scope": "colgroup", "id": group_ids[group],
                              "colspan": sum(1 for c in columns if c.get("group") == group)})
        header[2].append({"tag": "th", "text": column["title"], "scope": "col", "id": f"t3-col-{column['key']}"})
        column_headers[column["key"]] = ["t3-applicants", group_ids[group], f"t3-col-{column['key']}"]

    rows = spec["rows"]
    paths = _row_paths(rows)
    label_ids, body = {}, []
    for i, (row, path) in enumerate(zip(rows, paths, strict=True)):
        labels, row_headers = [], []
        for depth, heading in enumerate(path):
            hid = label_ids.setdefault((depth, heading, tuple(path[:depth])), f"t3-group-{len(label_ids) + 1}")
            row_headers.append(hid)
            if i == 0 or paths[i - 1][:depth + 1] != path[:depth + 1]:
                labels.append({"text": heading, "rowspan": _run_length(paths, i, depth), "id": hid,
                               "scope": "rowgroup", "class": f"rpt-label rpt-label--{depth}"})
        row_id = f"t3-row-{row['key']}"
        row_headers.append(row_id)
        labels.append({"text": row["title"], "colspan": 3 - len(path), "id": row_id, "scope": "row",
                       "class": f"rpt-label rpt-label--row rpt-label--in{len(path)}"
                                + (" rpt-label--sum" if "sum_of" in row else "")})
        cells = [_cell("t3", f"{row['key']}/{column['key']}", values[row["key"]][column["key"]], marks,
                       [*row_headers, *column_headers[column["key"]]]) for column in columns]
        body.append({"key": row["key"], "labels": labels, "cells": cells, "sum": "sum_of" in row})
    return {"header": header, "body": body}


def table_four(spec, values, marks):
    """Part 四 as printed: 行政复议 and the two kinds of 行政诉讼, five results each (15 figures)."""
    groups, results = spec["column_groups"], spec["columns_per_group"]
    header, cells = [[], [], []], []
    titles = {}
    for index, group in enumerate(groups):
        title_id = titles.get(group["title"])
        if title_id is None:
            title_id = titles[group["title"]] = f"t4-title-{index + 1}"
            span = sum(len(results) for g in groups if g["title"] == group["title"])
            header[0].append({"tag": "th", "text": group["title"], "colspan": span, "scope": "colgroup",
                              "id": title_id})
        heads = [title_id]
        if group.get("subtitle"):
            sub_id = f"t4-sub-{group['key']}"
            header[1].append({"tag": "th", "text": group["subtitle"], "colspan": len(results),
                              "scope": "colgroup", "id": sub_id})
            heads.append(sub_id)
        for result in results:
            col_id = f"t4-col-{group['key']}-{result['key']}"
            header[2 if group.get("subtitle") else 1].append(
                {"tag": "th", "text": result["title"], "scope": "col", "id": col_id,
                 "rowspan": 1 if group.get("subtitle") else 2})
            cells.append(_cell("t4", f"{group['key']}/{result['key']}", values[group["key"]][result["key"]],
                               marks, [*heads, col_id]) | {"sum": "sum_of" in result})
    return {"header": header, "cells": cells}


# Starting-point texts ------------------------------------------------------------------------------

def _n(value):
    return "—" if value is None else value


def _amount(value):
    return f"{value:g}" if isinstance(value, float) else str(value)


def published_items(agency, year: int) -> int:
    return (DisclosureItemPage.objects.live().public()
            .filter(agency=agency, published_on__year=year).count())


def overview_text(report, built) -> str:
    """一、总体情况 from the figures the platform holds (and the manual ones already entered)."""
    form = form_for(report.year)
    tables = {part["key"]: part.get("table") for part in built["parts"]}
    t2, t3, t4 = tables["s2"], tables["s3"], tables["s4"]
    year = report.year
    made, in_force = t2["art20_1"]["rules"], t2["art20_1"]["normative_docs"]
    lines = [f"{year}年，{report.agency.name}依照《中华人民共和国政府信息公开条例》做好政府信息公开工作，"
             "现将本年度情况报告如下。"]
    proactive = (f"（一）主动公开。本年度通过政府信息公开目录主动公开政府信息 {published_items(report.agency, year)} 条。"
                 f"制发规章 {_n(made['made'])} 件、行政规范性文件 {_n(in_force['made'])} 件，"
                 f"废止规章 {_n(made['repealed'])} 件、行政规范性文件 {_n(in_force['repealed'])} 件，"
                 f"截至年底现行有效规章 {_n(made['in_force'])} 件、行政规范性文件 {_n(in_force['in_force'])} 件。")
    decisions = [(t2["art20_5"]["licensing"]["decisions"], "行政许可"),
                 (t2["art20_6"]["penalty"]["decisions"], "行政处罚"),
                 (t2["art20_6"]["coercion"]["decisions"], "行政强制")]
    known = [f"{label}处理决定 {value} 件" for value, label in decisions if value is not None]
    if known:
        proactive += "作出" + "、".join(known) + "。"
    fees = t2["art20_8"]["fees"]["amount_10k_yuan"]
    if fees is not None:
        proactive += f"收取行政事业性收费 {_amount(fees)} 万元。"
    lines.append(proactive)

    spec = form["tables"]["t3"]
    by_group = defaultdict(int)
    for row in spec["rows"]:
        if row.get("group", "").startswith("（") and "sum_of" not in row:
            by_group[row["group"]] += t3[row["key"]]["total"]
    titles = {row["key"]: row["title"] for row in spec["rows"]}
    results = [(t3["r1"]["total"], titles["r1"]), (t3["r2"]["total"], "（二）部分公开")]
    results += [(n, group) for group, n in by_group.items()]
    detail = "、".join(f"{title.split('）', 1)[-1]} {n} 件" for n, title in results if n)
    lines.append(f"（二）依申请公开。本年度新收政府信息公开申请 {t3['new']['total']} 件，"
                 f"上年结转 {t3['carried_in']['total']} 件；办结 {t3['r7']['total']} 件"
                 + (f"，其中{detail}" if detail else "")
                 + f"；结转下年度继续办理 {t3['carried_out']['total']} 件。")
    suits = sum(t4[group["key"]]["total"] for group in form["tables"]["t4"]["column_groups"]
                if group["key"] != "review")
    lines.append(f"（三）行政复议和行政诉讼。本年度因政府信息公开被申请行政复议 {t4['review']['total']} 件，"
                 f"被提起行政诉讼 {suits} 件。")
    return "\n".join(lines)


def other_matters_text(report, built) -> str:
    """六、其他需要报告的事项: the information processing fees collected (国办函〔2020〕109号)."""
    paid = FeeNotice.objects.filter(request__agency=report.agency, paid_on__year=report.year).aggregate(
        n=Count("pk"), total=Sum("amount"))
    if not paid["n"]:
        return "本年度未收取政府信息公开信息处理费。"
    return (f"本年度依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费 {paid['n']} 件，"
            f"共计 {paid['total']:.2f} 元。")


STARTING_TEXTS = {"overview": overview_text, "other_matters": other_matters_text}


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
        messages.success(request, "已保存。表中的数字和校验结果已按保存的内容重新计算。")
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
                       index_url=reverse(f"{VIEWSET}:index"), manual_label=MANUAL_LABEL, no_form=no_form)
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
                part["layout"] = {"t2": lambda s, v: table_two(s, v, marks, form),
                                  "t3": lambda s, v: table_three(s, v, marks),
                                  "t4": lambda s, v: table_four(s, v, marks)}[section["table"]](
                    spec["tables"][section["table"]], values)
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
