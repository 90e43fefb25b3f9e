"""电子监察 → 效能投诉 (/admin/supervision/complaints/): the supervisors' desk. The complaints whose handling body
(`supervisor`) is in the user's scope, open ones soonest due first; a complaint's page (content, complainant masked, its
timeline, how its deadline is counted) with the close and note forms, which call supervision.actions. A
complaint outside the scope is answered 404, like an agency."""

from django.contrib import messages
from django.db.models import Case, F, IntegerField, Value, When
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from zhengwu.privacy.masking import mask_phone
from zhengwu.timelimits.bands import Band, days_left
from zhengwu.timelimits.display import left_text
from zhengwu.timelimits.engine import ClockState

from . import actions
from .admin_views import PER_PAGE, Pager, SupervisorView
from .forms import CloseComplaintForm, ComplaintDeskFilterForm, NoteForm
from .models import EfficiencyComplaint


def clock_text(clock, today=None) -> str:
    """A complaint's clock in a few words: due date and working days left, or why there is none."""
    if clock.state == ClockState.RUNNING and clock.due_on:
        left = days_left(clock.due_on, today or timezone.localdate())
        return f"{clock.due_on:%Y-%m-%d}（{left_text(clock.due_on, left)}）"
    return clock.status_text()


def overdue(clock, today=None) -> bool:
    """Past the limit by at least one working day (timelimits.bands)."""
    return clock.band(today) == Band.OVERDUE


class ComplaintDeskView(SupervisorView):
    template_name = "supervision/admin/complaints.html"
    page_title = "效能投诉"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = ComplaintDeskFilterForm(self.request.GET, auto_id="cf_%s")
        form.is_valid()
        complaints = EfficiencyComplaint.objects.filter(supervisor__in=self.scope.values("pk")).select_related(
            "agency", "clock")
        state, number = form.cleaned_data.get("state"), (form.cleaned_data.get("number") or "").strip()
        if state:
            complaints = complaints.filter(state=state)
        if number:
            complaints = complaints.filter(number__icontains=number)
        finished = Case(When(state=EfficiencyComplaint.State.OPEN, then=Value(0)), default=Value(1),
                        output_field=IntegerField())
        complaints = complaints.order_by(finished, F("clock__due_on").asc(nulls_last=True), "-submitted_at", "-pk")
        pager = Pager.requested(self.request)
        pager.settle(complaints.count())
        today = timezone.localdate()
        page = list(complaints[pager.offset:pager.offset + PER_PAGE])
        for complaint in page:
            complaint.clock_text = clock_text(complaint.clock, today)
            complaint.overdue = overdue(complaint.clock, today)
            complaint.url = reverse("supervision_complaint", args=[complaint.pk])
        open_count = EfficiencyComplaint.objects.filter(supervisor__in=self.scope.values("pk"),
                                                        state=EfficiencyComplaint.State.OPEN).count()
        context.update(form=form, complaints=page, pager=pager, open_count=open_count,
                       public_url=reverse("supervision-complaint-file"))
        return context


class ComplaintView(SupervisorView):
    template_name = "supervision/admin/complaint.html"
    page_title = "效能投诉"

    def prepare(self):
        self.complaint = (EfficiencyComplaint.objects.filter(supervisor__in=self.scope.values("pk"), pk=self.kwargs["pk"])
                          .select_related("agency", "clock", "handled_by").first())
        if self.complaint is None:
            raise Http404("没有找到该投诉，或被投诉单位不在您的监察范围内。")

    def get_page_subtitle(self):
        return self.complaint.number

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items, {"url": reverse("supervision_overview"), "label": "电子监察"},
                 {"url": reverse("supervision_complaints"), "label": "效能投诉"}]
        return [*items, {"url": "", "label": self.get_header_title()}]

    def get_context_data(self, close_form=None, note_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        complaint = self.complaint
        is_open = complaint.state == EfficiencyComplaint.State.OPEN
        context.update(
            complaint=complaint, masked_phone=mask_phone(complaint.phone),
            clock_text=clock_text(complaint.clock), overdue=overdue(complaint.clock),
            explanation=complaint.clock.explain(),
            events=complaint.events.select_related("actor").order_by("at", "pk"),
            may_handle=actions.may_handle(self.request.user, complaint), is_open=is_open,
            close_form=close_form or CloseComplaintForm(auto_id="close_%s"),
            note_form=note_form or NoteForm(auto_id="note_%s"),
            close_url=reverse("supervision_complaint_close", args=[complaint.pk]),
            note_url=reverse("supervision_complaint_note", args=[complaint.pk]),
            agency_url=reverse("supervision_agency", args=[complaint.agency_id]),
            desk_url=reverse("supervision_complaints"))
        return context


class CloseComplaintView(ComplaintView):
    def get(self, request, *args, **kwargs):
        return redirect("supervision_complaint", self.complaint.pk)

    def post(self, request, *args, **kwargs):
        form = CloseComplaintForm(request.POST, auto_id="close_%s")
        if form.is_valid():
            try:
                closed = actions.close_complaint(self.complaint, request.user, **form.cleaned_data)
            except actions.ActionRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(request, f"效能投诉 {closed.number} 已办结，结果已通过短信告知投诉人。")
                return redirect("supervision_complaint", closed.pk)
        return self.render_to_response(self.get_context_data(close_form=form), status=400)


class NoteComplaintView(ComplaintView):
    def get(self, request, *args, **kwargs):
        return redirect("supervision_complaint", self.complaint.pk)

    def post(self, request, *args, **kwargs):
        form = NoteForm(request.POST, auto_id="note_%s")
        if form.is_valid():
            try:
                actions.add_complaint_note(self.complaint, request.user, form.cleaned_data["text"])
            except actions.ActionRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(request, "已添加内部备注。")
                return redirect("supervision_complaint", self.complaint.pk)
        return self.render_to_response(self.get_context_data(note_form=form), status=400)
