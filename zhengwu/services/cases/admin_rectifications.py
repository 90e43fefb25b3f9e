"""差评整改 in the admin (the rectification desk, under “办件”): every 差评 opens a rectification on its own clock;
the department verifies, fixes or explains, calls the rater back (回访) and closes it through
services.actions.close_rectification. The outcome text is what the rater is shown.

Built by a ScopedModelViewSet: the list and pages show the rectifications of agencies in the user's scope only
(404 outside it); inspectors read, the department's case workers close."""

from functools import cached_property

import django_filters
from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView

from zhengwu.cases.forms import choice, text
from zhengwu.cases.queues import SoonestDueFirst
from zhengwu.orgs.admin_scope import NotFoundOutsideScope, ScopedModelViewSet
from zhengwu.orgs.models import holds, scoped
from zhengwu.services import actions
from zhengwu.services.actions import SERVICE_ROLES, VIEWING_ROLES
from zhengwu.services.cases.admin_views import clock_badge
from zhengwu.services.models import Rectification, ServiceCase
from zhengwu.timelimits.display import clock_facts

VIEWSET = "services_rectifications"


def due_cell(rectification):
    clock = rectification.clock
    if clock.due_on is None:
        return f"已办结（{rectification.closed_on:%Y-%m-%d}）" if rectification.closed_on else "—"
    return format_html("{} {}", f"{clock.due_on:%Y-%m-%d}", clock_badge(clock))


class CloseForm(forms.Form):
    outcome = choice("整改结果", Rectification.Outcome.choices, "请选择整改结果。")
    outcome_text = text("整改情况", "请填写整改情况，它将向评价人公开。", rows=4,
                        help_text="向评价人公开：核实了什么、改了什么，或作了什么解释说明。")
    callback_note = text("回访记录", rows=3, help_text="回访的时间、方式和评价人的意见。")

    def __init__(self, *args, rating=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["callback_note"]
        if rating is not None and rating.real_name:
            field.required = True
            field.error_messages["required"] = "实名差评须回访（实名差评回访整改率100%），请填写回访记录。"
            field.help_text = "实名差评须电话回访。" + field.help_text
        else:
            field.help_text = "匿名评价无法回访，可不填。" + field.help_text


class RectificationFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label="状态", choices=Rectification.State.choices, empty_label="全部")

    class Meta:
        model = Rectification
        fields = ["state"]


class RectificationQueueView(SoonestDueFirst, IndexView):
    """Open rectifications first, soonest due first; then closed ones, newest first."""

    open_states = (Rectification.State.OPEN,)
    newest_first = ("-pk",)

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("rating__matter", "rating__case", "agency", "clock")



class RectificationInspectView(NotFoundOutsideScope, InspectView):
    template_name = "services/admin/rectification.html"
    page_title = "差评整改"

    def get_page_subtitle(self):
        return self.object.rating.matter.name

    @cached_property
    def may_close(self):
        return holds(self.request.user, self.object.agency_id, SERVICE_ROLES)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        rectification = self.object
        rating = rectification.rating
        case = rating.case
        case_url = ""
        if case is not None and scoped(ServiceCase.objects.filter(pk=case.pk), self.request.user,
                                       VIEWING_ROLES).exists():
            case_url = reverse("services_cases:inspect", args=[case.pk])
        context.update(
            rectification=rectification, rating=rating, case=case, case_url=case_url,
            clock=clock_facts(rectification.clock, explain=True), badge=clock_badge(rectification.clock),
            is_open=rectification.state == Rectification.State.OPEN, may_close=self.may_close,
            form=form or CloseForm(rating=rating), close_url=reverse(f"{VIEWSET}:close", args=[rectification.pk]))
        return context


class RectificationCloseView(RectificationInspectView):
    def get(self, request, *args, **kwargs):
        return redirect(reverse(f"{VIEWSET}:inspect", args=[self.object.pk]))

    def post(self, request, *args, **kwargs):
        form = CloseForm(request.POST, rating=self.object.rating)
        status = 400
        if not self.may_close:
            form.full_clean()
            form.add_error(None, "您没有办理该部门差评整改的权限。")
            status = 403
        elif form.is_valid():
            try:
                actions.close_rectification(self.object, request.user, **form.cleaned_data)
            except actions.ActionRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(request, "差评整改已办结，整改情况将向评价人公开。")
                return redirect(reverse(f"{VIEWSET}:inspect", args=[self.object.pk]))
        context = self.get_context_data(form=form)
        context["may_close"] = True  # show the form again with its message
        return self.render_to_response(context, status=status)


def nowrap(text):
    return format_html('<span style="white-space:nowrap">{}</span>', text)


def _case_number(rectification):
    case = rectification.rating.case
    return nowrap(case.number) if case else "—（现场评价）"


class RectificationViewSet(ScopedModelViewSet):
    model = Rectification
    scope_roles = VIEWING_ROLES
    icon = "warning"
    menu_label = "差评整改"
    url_prefix = "services/rectifications"
    list_display = [
        TitleColumn("matter", label="事项", accessor="rating.matter.name",
                    get_url=lambda r: reverse(f"{VIEWSET}:inspect", args=[r.pk])),
        Column("level", label="评价", accessor=lambda r: nowrap(r.rating.get_level_display())),
        Column("comment", label="评价内容", accessor=lambda r: r.rating.comment[:40]),
        Column("case", label="办件编号", accessor=_case_number),
        Column("agency", label="整改部门"), "state",
        Column("due", label="整改期限", accessor=due_cell),
    ]
    filterset_class = RectificationFilterSet
    index_view_class = RectificationQueueView
    inspect_view_enabled = True
    inspect_view_class = RectificationInspectView
    inspect_view_fields = ["state"]
    copy_view_enabled = False
    form_fields = []  # closed through services.actions.close_rectification only

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().filter(codename="view_rectification")

    def get_urlpatterns(self):
        kwargs = self.get_inspect_view_kwargs()
        return [*super().get_urlpatterns(),
                path("inspect/<int:pk>/close/", self.construct_view(RectificationCloseView, **kwargs), name="close")]
