"""行政执法决定 in the admin (menu 权力运行 → 行政执法决定): officers record a decision through
actions.record_decision (never form.save()); the decision's page shows the benchmark's answer, the 双公示 clock
and the timeline, with the steps 公示 and 撤下公示. Every list and page goes through the scope query; a decision
is never edited or deleted (what was decided stays on the record)."""

import django_filters
from django import forms
from django.urls import path, reverse
from django.utils import timezone
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.permissions import register_permission_policy

from zhengwu.cases.record_views import RecordView, StepView, step
from zhengwu.orgs import duties
from zhengwu.orgs.admin_scope import RolePermissionPolicy, ScopedModelViewSet
from zhengwu.orgs.models import Agency, holds_any
from zhengwu.publishing.admin_views import ActionCreateView
from zhengwu.publishing.forms import RecordForm
from zhengwu.timelimits.display import clock_facts, time_left_badge

from ..models import (
    Adjustment,
    Circumstance,
    DecisionKind,
    DecisionState,
    EnforcementDecision,
    Power,
    PowerType,
    list_on,
)
from . import actions

VIEWSET = "powers_decisions"
VIEW_ROLES = duties.roles("powers.view_decisions")
ENFORCE_ROLES = duties.roles("powers.enforce")
PUBLISH_ROLES = duties.roles("powers.publish_decisions")


class DecisionPolicy(RolePermissionPolicy):
    """Read by the viewing roles, added by officers; never changed or deleted through the admin."""

    def user_has_permission(self, user, action):
        if action in ("change", "delete"):
            return False
        if action == "add":
            return bool(user and user.is_authenticated) and (user.is_superuser or holds_any(user, ENFORCE_ROLES))
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return action not in ("change", "delete") and super().user_has_permission_for_instance(user, action, instance)


register_permission_policy(EnforcementDecision, DecisionPolicy(EnforcementDecision, VIEW_ROLES), exact_class=True)


class DecisionForm(WagtailAdminModelForm):
    facts = forms.MultipleChoiceField(label="认定的违法情形（行政处罚）", required=False,
                                      widget=forms.CheckboxSelectMultiple,
                                      help_text="只选所选处罚事项的情形；系统据裁量基准给出处罚幅度。")

    class Meta:
        model = EnforcementDecision
        fields = ["power", "document_number", "party_kind", "party_name", "credit_code", "representative",
                  "id_number", "content", "basis", "decided_on", "valid_from", "valid_until", "facts", "fine",
                  "confiscated", "departure_reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.in_scope(self.for_user, ENFORCE_ROLES)
        in_force = list_on(timezone.localdate()).values("pk")
        powers = (Power.objects.filter(agency__in=agencies, pk__in=in_force,
                                       power_type__in=[PowerType.LICENSING, PowerType.PENALTY])
                  .select_related("agency"))
        self.fields["power"].queryset = powers
        self.fields["power"].label_from_instance = lambda p: f"{p} （{p.get_power_type_display()}）"
        groups = {}
        for c in Circumstance.objects.filter(power__in=powers).select_related("power"):
            groups.setdefault(c.power.code, []).append((f"{c.power.code}|{c.code}",
                                                        f"{c.code} {c.label}（{c.get_grade_display()}）"))
        for a in Adjustment.objects.filter(power__in=powers).select_related("power"):
            groups.setdefault(a.power.code, []).append((f"{a.power.code}|{a.code}",
                                                        f"{a.code} 情节：{a.label}（{a.get_effect_display()}）"))
        self.fields["facts"].choices = list(groups.items())
        for name in ("content", "basis", "departure_reason"):
            self.fields[name].widget = forms.Textarea(attrs={"rows": 3})
        self.fields["departure_reason"].help_text = "罚款不在裁量基准幅度内时必须说明理由，否则记为监察违规。"

    def clean_facts(self):
        power = self.cleaned_data.get("power")
        chosen = self.cleaned_data.get("facts") or []
        if power is None:
            return []
        foreign = [value for value in chosen if value.split("|", 1)[0] != power.code]
        if foreign:
            raise forms.ValidationError("所选违法情形不属于所选的处罚事项。")
        return [value.split("|", 1)[1] for value in chosen]

    def save(self, commit=True):
        raise RuntimeError("行政执法决定只能通过 actions.record_decision 保存")


class DecisionCreateView(ActionCreateView):
    def save_through_action(self, form, formsets):
        data = dict(form.cleaned_data)
        return actions.record_decision(self.request.user, **data)

    def get_success_message(self, *args):
        return (f"已录入 {self.object.document_number}，请于 {self.object.publicity_clock.due_on:%Y-%m-%d}"
                f"（含当日）前公示。")


class WithdrawForm(RecordForm):
    reason = forms.CharField(label="撤下理由", widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "请填写此项。"},
                             help_text="如：该决定已被复议机关撤销。理由记入办理记录。")


def run_publish(decision, data, user, request):
    actions.publish_decision(decision, user)
    return f"{decision.document_number} 已公示。"


def run_withdraw(decision, data, user, request):
    actions.withdraw_decision(decision, user, data["reason"])
    return f"{decision.document_number} 已撤下公示。"


STEPS = [
    step("publish", "公示", run_publish, lambda d: d.state == DecisionState.DECIDED, PUBLISH_ROLES, primary=True,
         intro="公示后决定即在“行政许可和行政处罚决定公示”栏目公开，自然人姓名和证件号码自动隐藏。"),
    step("withdraw", "撤下公示", run_withdraw, lambda d: d.state == DecisionState.PUBLISHED, PUBLISH_ROLES,
         form_class=WithdrawForm, warn=True),
]


class DecisionView(RecordView):
    template_name = "powers/admin/decision.html"
    steps = STEPS
    viewset_name = VIEWSET

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        decision = self.object
        context.update(decision=decision, clock=clock_facts(decision.publicity_clock),
                       badge=time_left_badge(decision.publicity_clock, actions.CASE_TYPE),
                       public_url=reverse("powers-decision", args=[decision.number])
                       if decision.state == DecisionState.PUBLISHED else "")
        return context


class DecisionStepView(StepView):
    steps = STEPS
    viewset_name = VIEWSET


class DecisionFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label="决定类型", choices=DecisionKind.choices, empty_label="全部")
    state = django_filters.ChoiceFilter(label="状态", choices=DecisionState.choices, empty_label="全部")
    departs = django_filters.BooleanFilter(label="偏离裁量基准")

    class Meta:
        model = EnforcementDecision
        fields = ["kind", "state", "departs"]


class DecisionIndexView(IndexView):
    default_ordering = "-decided_on"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("agency", "publicity_clock")


class DueColumn(Column):
    def get_value(self, decision):
        return time_left_badge(decision.publicity_clock, actions.CASE_TYPE)


class DecisionViewSet(ScopedModelViewSet):
    model = EnforcementDecision
    scope_roles = VIEW_ROLES
    icon = "doc-full"
    menu_label = "行政执法决定"
    url_prefix = "powers/decisions"
    add_to_admin_menu = False
    list_display = [
        TitleColumn("document_number", label="决定书文号", get_url=lambda d: reverse(f"{VIEWSET}:inspect", args=[d.pk])),
        "kind", Column("public_party", label="当事人"), "agency", "decided_on", "state",
        DueColumn("due", label="公示期限")]
    filterset_class = DecisionFilterSet
    search_fields = ["document_number", "number"]
    search_backend_name = None
    index_view_class = DecisionIndexView
    inspect_view_enabled = True
    inspect_view_class = DecisionView
    add_view_class = DecisionCreateView
    copy_view_enabled = False
    edit_handler = ObjectList([
        MultiFieldPanel([FieldPanel("power"), FieldPanel("document_number"), FieldPanel("decided_on")], heading="决定"),
        MultiFieldPanel([FieldPanel("party_kind"), FieldPanel("party_name"),
                         FieldRowPanel([FieldPanel("credit_code"), FieldPanel("representative")]),
                         FieldPanel("id_number")], heading="行政相对人"),
        MultiFieldPanel([FieldPanel("content"), FieldPanel("basis"),
                         FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")])],
                        heading="决定内容（行政许可填写有效期）"),
        MultiFieldPanel([FieldPanel("facts"), FieldRowPanel([FieldPanel("fine"), FieldPanel("confiscated")]),
                         FieldPanel("departure_reason")], heading="行政处罚：违法情形和处罚（对照裁量基准）"),
    ], base_form_class=DecisionForm)

    def get_urlpatterns(self):
        kwargs = self.get_inspect_view_kwargs()
        kwargs.pop("template_name", None)
        return [*super().get_urlpatterns(),
                path("inspect/<int:pk>/act/<slug:step>/", self.construct_view(DecisionStepView, **kwargs), name="act")]

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().none()
