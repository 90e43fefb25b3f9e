"""The record page (inspect view) and its steps, shared by every 决策公开 viewset.

A record page shows the record, its timeline and a button for each step the record's state and the user's
roles allow. A step without fields posts straight from its button; a step with fields (a note, a reason,
the feedback) has a form page of its own. Either way it calls one function of consultation.actions; a
refusal shows the action's Chinese message (403 when it is about who is asking) and keeps what was typed.

Every view here is built by a ScopedModelViewSet, so a record outside the user's scope is answered 404."""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin.views.generic import InspectView

from zhengwu.consultation.actions import ActionForbidden, ActionRefused, holds_role
from zhengwu.orgs.admin_scope import NotFoundOutsideScope


class NoFields(forms.Form):
    """A step that needs nothing but the click."""


@dataclass(frozen=True)
class Step:
    """One action on a record: its form, who may take it, when it is offered, and what it does (one call of
    consultation.actions, returning the success message)."""

    key: str
    label: str
    run: Callable  # run(record, cleaned_data, user, request) -> message
    offered: Callable  # offered(record) -> bool
    roles: list
    form_class: type = NoFields
    primary: bool = False
    warn: bool = False
    intro: str = ""

    @property
    def has_fields(self):
        return bool(self.form_class.base_fields)


class StepsViewMixin:
    """Needs `steps` and `viewset_name` (set by the viewset) and `agency_of(record)`."""

    steps: list = []
    viewset_name = ""

    def agency_of(self, record):
        return record.agency

    def step_url(self, record, step):
        return reverse(f"{self.viewset_name}:act", args=[record.pk, step.key])

    def inspect_url(self, record=None):
        return reverse(f"{self.viewset_name}:inspect", args=[(record or self.object).pk])

    def allowed(self, record, step):
        return holds_role(self.request.user, self.agency_of(record).pk, step.roles)

    def offered_steps(self, record):
        return [(step, self.step_url(record, step)) for step in self.steps
                if step.offered(record) and self.allowed(record, step)]


class RecordView(StepsViewMixin, NotFoundOutsideScope, InspectView):
    """The record page: subclasses give the template and add their own context."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(record=self.object, offered=self.offered_steps(self.object),
                       timeline=list(self.timeline(self.object)), inspect_url=self.inspect_url(),
                       panel_hint=self.hint(self.object))
        return context

    def hint(self, record):
        """What comes next when no step is offered now (shown in the 办理 panel)."""
        return ""

    def timeline(self, record):
        return record.events.select_related("actor").order_by("at", "pk")


class StepView(RecordView):
    """One step's page: GET shows its form (or, for a step without fields, what it will do); POST runs it and
    goes back to the record page with the message, or shows the refusal."""

    template_name = "consultation/admin/step.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.step = next((step for step in self.steps if step.key == kwargs.get("step")), None)
        if self.step is None:
            raise Http404("没有这项操作。")

    def get_page_title(self):
        return self.step.label

    def get_page_subtitle(self):
        return str(self.object)

    def make_form(self, data=None):
        kwargs = {"record": self.object, "request": self.request} if self.step.form_class is not NoFields else {}
        return self.step.form_class(data, prefix=self.step.key, **kwargs)

    def refusal(self):
        if not self.allowed(self.object, self.step):
            return "您没有权限进行此操作。"
        if not self.step.offered(self.object):
            return f"当前状态下不能进行“{self.step.label}”。"
        return ""

    def get(self, request, *args, **kwargs):
        refused = self.refusal()
        return self.render_to_response(self.get_context_data(form=None if refused else self.make_form(),
                                                             refused=refused), status=403 if refused else 200)

    def post(self, request, *args, **kwargs):
        form, status = self.make_form(request.POST), 400
        refused = self.refusal()
        if refused:
            form.full_clean()
            form.add_error(None, refused)
            status = 403 if not self.allowed(self.object, self.step) else 400
        elif form.is_valid():
            try:
                message = self.step.run(self.object, form.cleaned_data, request.user, request)
            except ActionRefused as error:
                form.add_error(None, str(error))
                if isinstance(error, ActionForbidden):
                    status = 403
            else:
                messages.success(request, message)
                return redirect(self.inspect_url())
        return self.render_to_response(self.get_context_data(form=form), status=status)

    def get_context_data(self, form=None, refused="", **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(step=self.step, form=form, refused=refused,
                       action_url=self.step_url(self.object, self.step))
        return context
