"""听证会 in the admin: the notice (drafted and approved), the registrations with the selection of participants
(选定 / 未选定 with the reason), the announcement of the list by an administrator, and the record and result
(drafted and approved). Registrants' names and contacts are shown masked."""

import django_filters
from django.db.models import Count, Q
from django.urls import path, reverse
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView

from zhengwu.cases.record_views import RecordView, StepView, step
from zhengwu.consultation import actions
from zhengwu.consultation.actions import APPROVE_ROLES, DRAFT_ROLES, VIEW_ROLES
from zhengwu.consultation.actions.common import now
from zhengwu.consultation.actions.hearings import local
from zhengwu.consultation.admin_forms import NoteForm, ReportForm, ScopedAgencyForm, SelectForm
from zhengwu.consultation.models import Hearing, HearingReport, Publication, Selection
from zhengwu.orgs.admin_scope import ScopedModelViewSet
from zhengwu.orgs.models import Agency
from zhengwu.publishing.admin_views import ActionCreateView, ActionEditView, DraftDeleteView

VIEWSET = "consultation_hearings"


def report_of(hearing):
    return HearingReport.objects.filter(hearing=hearing).first()


def report_in(*states):
    def offered(hearing):
        report = report_of(hearing)
        return report is not None and report.publication in states
    return offered


def selecting(hearing):
    return hearing.is_published and now() >= hearing.registration_closes_at and not hearing.participants_announced_at


def run_submit(h, data, user, request):
    actions.submit_hearing(h, actor=user)
    return "听证会公告已提交审核。"


def run_approve(h, data, user, request):
    actions.approve_hearing(h, actor=user)
    return "听证会公告已审核发布，公众可以在线报名。"


def run_return(h, data, user, request):
    actions.return_hearing(h, actor=user, note=data["note"])
    return "听证会公告已退回修改。"


def run_select(h, data, user, request):
    registration = actions.select_participant(data["registration"], actor=user, selected=data["decision"],
                                              reason=data["reason"])
    return f"报名（编号 {registration.pk}）：{registration.get_selection_display()}。"


def run_announce(h, data, user, request):
    actions.announce_participants(h, actor=user)
    return "参加人名单已公布（姓名部分隐藏），已通知全部报名人遴选结果。"


def run_report(h, data, user, request):
    actions.save_report(h, actor=user, record_text=data["record_text"], result=data["result"])
    return "已保存听证笔录和结果。确认无误后请提交审核。"


def run_report_submit(h, data, user, request):
    actions.submit_report(report_of(h), actor=user)
    return "听证笔录和结果已提交审核。"


def run_report_approve(h, data, user, request):
    actions.approve_report(report_of(h), actor=user)
    return "听证笔录和结果已审核发布。"


def run_report_return(h, data, user, request):
    actions.return_report(report_of(h), actor=user, note=data["note"])
    return "听证笔录和结果已退回修改。"


STEPS = [
    step("submit", "提交审核", run_submit, lambda h: h.publication == Publication.DRAFT, DRAFT_ROLES, primary=True),
    step("approve", "审核发布", run_approve, lambda h: h.publication == Publication.SUBMITTED, APPROVE_ROLES,
         primary=True, intro="审核通过后公告即向社会公布，报名截止前公众可以在线报名。"),
    step("return", "退回修改", run_return, lambda h: h.publication == Publication.SUBMITTED, APPROVE_ROLES,
         form_class=NoteForm, warn=True),
    step("select", "遴选参加人", run_select, selecting, DRAFT_ROLES, form_class=SelectForm,
         intro="按公告的遴选方式逐个确定。选定人数不超过拟遴选人数；未选定的须写明理由。名单公布前可以更改。"),
    step("announce", "公布参加人名单", run_announce, selecting, APPROVE_ROLES, primary=True,
         intro="公布后，选定的参加人（姓名部分隐藏）在听证会页面公开，全部报名人收到遴选结果；遴选结果不能再改变。"),
    step("report", "编写听证笔录和结果", run_report,
         lambda h: h.is_published and now() >= h.held_at and (report_of(h) is None or report_in(Publication.DRAFT)(h)),
         DRAFT_ROLES, form_class=ReportForm, primary=True),
    step("report-submit", "笔录和结果提交审核", run_report_submit, report_in(Publication.DRAFT), DRAFT_ROLES),
    step("report-approve", "笔录和结果审核发布", run_report_approve, report_in(Publication.SUBMITTED), APPROVE_ROLES,
         primary=True),
    step("report-return", "笔录和结果退回修改", run_report_return, report_in(Publication.SUBMITTED), APPROVE_ROLES,
         form_class=NoteForm, warn=True),
]


class HearingView(RecordView):
    template_name = "consultation/admin/hearing.html"
    steps = STEPS
    viewset_name = VIEWSET

    def hint(self, h):
        if not h.is_published:
            return ""
        if now() < h.registration_closes_at:
            return f"报名截止（{local(h.registration_closes_at)}）后，可在此遴选参加人并公布名单。"
        if now() < h.held_at and h.participants_announced_at:
            return "听证会举行后，可在此编写并公布听证笔录和结果。"
        return ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        hearing = self.object
        registrations = list(hearing.registrations.order_by("pk"))
        context.update(
            hearing=hearing, registrations=registrations, report=report_of(hearing),
            selected=sum(r.selection == Selection.SELECTED for r in registrations),
            may_select=selecting(hearing) and self.allowed(hearing, STEPS[3]),
            select_url=reverse(f"{VIEWSET}:act", args=[hearing.pk, "select"]),
            public_url=reverse("consultation-hearing", args=[hearing.pk]) if hearing.is_published else "")
        return context


class HearingStepView(StepView):
    steps = STEPS
    viewset_name = VIEWSET


class SaveHearing:
    def save_through_action(self, form, formsets):
        return actions.save_hearing(form.instance, actor=self.request.user)


class HearingCreateView(SaveHearing, ActionCreateView):
    pass


class HearingEditView(SaveHearing, ActionEditView):
    pass


class HearingFilterSet(WagtailFilterSet):
    agency = django_filters.ModelChoiceFilter(
        label="组织单位", empty_label="全部",
        queryset=lambda request: Agency.objects.in_scope(request.user if request else None, VIEW_ROLES)
        .filter(pk__in=Hearing.objects.values("agency_id")))
    publication = django_filters.ChoiceFilter(label="发布状态", choices=Publication.choices, empty_label="全部")

    class Meta:
        model = Hearing
        fields = ["agency", "publication"]


class HearingIndexView(IndexView):
    default_ordering = "-held_at"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("agency").annotate(
            registered=Count("registrations", distinct=True),
            chosen=Count("registrations", filter=Q(registrations__selection=Selection.SELECTED), distinct=True))


class RegistrationsColumn(Column):
    def get_value(self, h):
        return f"报名 {h.registered} 人，选定 {h.chosen} / {h.seats} 人"


class HearingViewSet(ScopedModelViewSet):
    model = Hearing
    scope_roles = VIEW_ROLES
    icon = "group"
    menu_label = "听证会"
    url_prefix = "consultation/hearings"
    list_display = [
        TitleColumn("subject", label="听证事项", get_url=lambda h: reverse(f"{VIEWSET}:inspect", args=[h.pk])),
        Column("agency", label="组织单位"), Column("held_at", label="举行时间", sort_key="held_at"), "publication",
        RegistrationsColumn("registrations", label="报名与遴选")]
    filterset_class = HearingFilterSet
    search_fields = ["subject"]
    search_backend_name = None
    index_view_class = HearingIndexView
    inspect_view_enabled = True
    inspect_view_class = HearingView
    add_view_class = HearingCreateView
    edit_view_class = HearingEditView
    delete_view_class = DraftDeleteView
    copy_view_enabled = False
    edit_handler = ObjectList([
        MultiFieldPanel([FieldPanel("agency"), FieldPanel("subject"), FieldPanel("description")], heading="听证事项"),
        MultiFieldPanel([FieldPanel("held_at"), FieldPanel("place"), FieldPanel("contact_info")],
                        heading="时间和地点"),
        MultiFieldPanel([FieldPanel("seats"), FieldPanel("registration_closes_at"), FieldPanel("selection_method"),
                         FieldPanel("selection_note")], heading="报名和遴选"),
    ], base_form_class=ScopedAgencyForm)

    def get_urlpatterns(self):
        kwargs = self.get_inspect_view_kwargs()
        kwargs.pop("template_name", None)
        return [*super().get_urlpatterns(),
                path("inspect/<int:pk>/act/<slug:step>/", self.construct_view(HearingStepView, **kwargs),
                     name="act")]

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().none()
