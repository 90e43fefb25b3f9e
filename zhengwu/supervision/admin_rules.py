"""电子监察 → 亮牌规则 (/admin/supervision/rules/): when cards are issued, per case type and (for service
cases) matter type. Supervisors read the rules; only a provincial system administrator (or a superuser)
adds, changes or deletes one, because a rule applies to the whole province. Where a case type has no rule of
its own, the page shows the defaults the sweep uses (cn-norms §4.3: 预警 ≤5, 黄牌 ≤2, 红牌 once overdue).
Every change is logged (Wagtail's log entries)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.log_actions import log

from zhengwu.orgs.models import Agency, Role

from . import registry
from .admin_views import SupervisorView, query_string
from .forms import CaseTypeStepForm, ThresholdRuleForm
from .models import ThresholdRule
from .sweep import DEFAULT_RULE


def may_edit_rules(user) -> bool:
    """Rules apply province-wide: a system administrator of a root agency, or a superuser."""
    return user.is_superuser or Agency.objects.in_scope(user, [Role.SYSTEM_ADMIN]).filter(depth=1).exists()


def red_text(days: int) -> str:
    return "超过期限即亮" if days == 0 else f"超期 {days} 个工作日以上"


def rule_row(rule, matter_label, *, stored: bool):
    return {"rule": rule, "matter": matter_label, "stored": stored, "red": red_text(rule.red_days),
            "edit_url": reverse("supervision_rule_edit", args=[rule.pk]) if stored else "",
            "delete_url": reverse("supervision_rule_delete", args=[rule.pk]) if stored else ""}


class RulesIndexView(SupervisorView):
    template_name = "supervision/admin/rules.html"
    page_title = "亮牌规则"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        stored = {}
        for rule in ThresholdRule.objects.all():
            stored.setdefault(rule.case_type, []).append(rule)
        sections = []
        for case_type in registry.case_types():
            rules = {rule.matter_type: rule for rule in stored.pop(case_type.key, [])}
            labels = dict(case_type.rule_choices)
            default = rules.pop("", None)
            rows = [rule_row(default, "默认", stored=True) if default
                    else rule_row(DEFAULT_RULE, "默认（系统默认值）", stored=False)]
            rows += [rule_row(rule, labels.get(value, value), stored=True) for value, rule in sorted(rules.items())]
            sections.append({"type": case_type, "rows": rows, "has_default": default is not None,
                             "add_url": reverse("supervision_rule_add") + query_string(case_type=case_type.key)})
        orphans = [rule for rules in stored.values() for rule in rules]  # rules of case types no longer registered
        context.update(sections=sections, orphans=orphans, may_edit=may_edit_rules(self.request.user),
                       defaults=DEFAULT_RULE, default_red=red_text(DEFAULT_RULE.red_days))
        return context


class RuleEditorView(SupervisorView):
    """Add (?case_type=… first, so the matter types offered are that type's) or change one rule."""

    template_name = "supervision/admin/rule_form.html"

    def prepare(self):
        self.rule = get_object_or_404(ThresholdRule, pk=self.kwargs["pk"]) if "pk" in self.kwargs else None

    def get_page_title(self):
        return "修改亮牌规则" if self.rule else "添加亮牌规则"

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items, {"url": reverse("supervision_overview"), "label": "电子监察"},
                 {"url": reverse("supervision_rules"), "label": "亮牌规则"}]
        return [*items, {"url": "", "label": self.get_page_title()}]

    def case_type(self):
        key = self.rule.case_type if self.rule else (self.request.POST.get("case_type")
                                                     or self.request.GET.get("case_type"))
        if not key:
            return None
        try:
            return registry.get(key)
        except LookupError:
            raise Http404("没有该案件类型。") from None

    def forbidden(self):
        """403 with the reason, inside the admin (Wagtail would turn PermissionDenied into a redirect)."""
        if may_edit_rules(self.request.user):
            return None
        return TemplateResponse(self.request, "supervision/admin/forbidden.html", {
            **super().get_context_data(), "reason": "只有省级系统管理员可以添加、修改或删除亮牌规则；您可以查看规则。",
            "back_url": reverse("supervision_rules")}, status=403)

    def get(self, request, *args, **kwargs):
        if refused := self.forbidden():
            return refused
        case_type = self.case_type()
        if case_type is None:
            return self.render_to_response(self.get_context_data(step=CaseTypeStepForm(auto_id="rs_%s")))
        return self.render_to_response(self.get_context_data(form=self.form(case_type)))

    def post(self, request, *args, **kwargs):
        if refused := self.forbidden():
            return refused
        case_type = self.case_type()
        if case_type is None:
            step = CaseTypeStepForm(request.POST, auto_id="rs_%s")
            step.is_valid()
            return self.render_to_response(self.get_context_data(step=step), status=400)
        form = self.form(case_type, request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        created = self.rule is None
        rule = form.save()
        log(rule, "wagtail.create" if created else "wagtail.edit", user=request.user)
        matter = dict(case_type.rule_choices).get(rule.matter_type, "默认")
        messages.success(request, f"已{'添加' if created else '保存'}亮牌规则：{case_type.label} · {matter}。"
                                  "下一次监察扫描起按新规则亮牌。")
        return redirect("supervision_rules")

    def form(self, case_type, data=None):
        if self.rule is None and data is None:
            initial = {"warn_days": DEFAULT_RULE.warn_days, "yellow_days": DEFAULT_RULE.yellow_days,
                       "red_days": DEFAULT_RULE.red_days, "matter_type": self.request.GET.get("matter_type", "")}
            return ThresholdRuleForm(initial=initial, case_type=case_type, auto_id="rule_%s")
        return ThresholdRuleForm(data, instance=self.rule, case_type=case_type, auto_id="rule_%s")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(rule=self.rule, cancel_url=reverse("supervision_rules"),
                       action=self.request.path + (query_string(case_type=self.request.GET.get("case_type"))
                                                   if self.rule is None else ""))
        return context


class RuleDeleteView(RuleEditorView):
    template_name = "supervision/admin/rule_delete.html"

    def get_page_title(self):
        return "删除亮牌规则"

    def get(self, request, *args, **kwargs):
        if refused := self.forbidden():
            return refused
        return self.render_to_response(self.get_context_data(describe=self.describe()))

    def describe(self):
        try:
            case_type = registry.get(self.rule.case_type)
        except LookupError:
            return f"{self.rule.case_type} · {self.rule.matter_type or '默认'}"
        return f"{case_type.label} · {dict(case_type.rule_choices).get(self.rule.matter_type, '默认')}"

    def post(self, request, *args, **kwargs):
        if refused := self.forbidden():
            return refused
        text = self.describe()
        log(self.rule, "wagtail.delete", user=request.user)
        self.rule.delete()
        messages.success(request, f"已删除亮牌规则：{text}。此后按默认规则亮牌。")
        return redirect("supervision_rules")
