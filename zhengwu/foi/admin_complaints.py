"""投诉举报 (条例第五十一条) in the admin: the complaint page (complainant masked, its clock explained) and the
answer form, which calls foi.actions.answer_complaint. Built by the complaint viewset, so the scope query
answers first (404 outside the user's agencies)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from wagtail.admin.views.generic import InspectView

from zhengwu.foi import actions
from zhengwu.foi.actions.common import HANDLING_ROLES
from zhengwu.foi.admin_forms import ComplaintAnswerForm
from zhengwu.foi.models import Complaint
from zhengwu.orgs.admin_scope import NotFoundOutsideScope
from zhengwu.orgs.models import holds
from zhengwu.timelimits.display import clock_facts, time_left_badge


class ComplaintInspectView(NotFoundOutsideScope, InspectView):
    """A complaint: masked complainant, its clock with how it is counted, and the answer form."""

    template_name = "foi/admin/complaint.html"
    page_title = "投诉举报"
    masked_labels = {"masked_name": "投诉人（部分隐藏）", "masked_phone": "联系电话（部分隐藏）"}

    def get_field_label(self, field_name, field):
        return self.masked_labels.get(field_name) or super().get_field_label(field_name, field)

    def get_related_request_display_value(self):
        related = self.object.related_request
        if related is None:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("foi_requests:inspect", args=[related.pk]), related.number)

    def may_answer(self):
        return holds(self.request.user, self.object.agency_id, HANDLING_ROLES)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        complaint = self.object
        context.update(
            clock=clock_facts(complaint.clock, explain=True), time_left=time_left_badge(complaint.clock, "foi.complaint"),
            may_answer=complaint.state == Complaint.State.OPEN and self.may_answer(),
            form=form or ComplaintAnswerForm(),
            answer_url=reverse("foi_complaints:answer", args=[complaint.pk]),
            timeline=complaint.events.select_related("actor"))
        return context


class ComplaintAnswerView(ComplaintInspectView):
    def get(self, request, *args, **kwargs):
        return redirect(reverse("foi_complaints:inspect", args=[self.object.pk]))

    def post(self, request, *args, **kwargs):
        form = ComplaintAnswerForm(request.POST)
        status = 400
        if not self.may_answer():
            form.full_clean()
            form.add_error(None, "您没有答复该投诉举报的权限。")
            status = 403
        elif form.is_valid():
            try:
                complaint = actions.answer_complaint(self.object, actor=request.user, **form.cleaned_data)
            except actions.ActionRefused as refusal:
                form.add_error(None, str(refusal))
                if isinstance(refusal, actions.ActionForbidden):
                    status = 403
            else:
                messages.success(request, f"投诉举报 {complaint.number} 已答复。")
                return redirect(reverse("foi_complaints:inspect", args=[complaint.pk]))
        context = self.get_context_data(form=form)
        context["may_answer"] = True  # show the form again with its message
        return self.render_to_response(context, status=status)
