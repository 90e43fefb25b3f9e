"""The record page (inspect view) and its steps, for records an agency drafts and approves for publication
(决策公开's drafts, hearings, surveys and catalog items; online interviews), and their moderation queues.

A record page shows the record, its timeline and a button for each step the record's state and the user's
roles allow. A step without fields posts straight from its button; a step with fields (a note, a reason,
the feedback) has a form page of its own. Either way it calls one function of the app's actions; a
refusal shows the action's Chinese message (403 when it is about who is asking) and keeps what was typed.

Every view here is built by a ScopedModelViewSet, so a record outside the user's scope is answered 404."""

from django.urls import reverse
from wagtail.admin.views.generic import InspectView

from zhengwu.cases.steps import NoFields, Step, StepActionMixin
from zhengwu.orgs.admin_scope import NotFoundOutsideScope
from zhengwu.orgs.models import holds


def step(key, label, run, offered, roles, **kwargs):
    """A step taken by holders of `roles` over the record's agency, offered while `offered(record)` holds."""
    return Step(key, label, run=run, when=offered, roles=tuple(roles), **kwargs)


class RoleAccess:
    """What the user may do on one record: the steps whose roles they hold over its agency."""

    def __init__(self, user, agency):
        self.user, self.agency = user, agency

    def may(self, step):
        return holds(self.user, self.agency, step.roles)


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
        return step.allowed(RoleAccess(self.request.user, self.agency_of(record)))

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


class StepView(StepActionMixin, RecordView):
    """One step's page (cases.steps.StepActionMixin): GET shows its form (or, for a step without fields, what it
    will do); POST runs it and goes back to the record page with the message, or shows the refusal. A step not
    offered in the record's state is refused here."""

    template_name = "consultation/admin/step.html"
    offered_only = True

    @property
    def steps_by_key(self):
        return {step.key: step for step in self.steps}

    @property
    def access(self):
        return RoleAccess(self.request.user, self.agency_of(self.object))

    def action_url(self):
        return self.step_url(self.object, self.step)

    def step_context(self):
        return (self.request,)

    def get_page_subtitle(self):
        return str(self.object)

    def make_form(self, data=None):
        kwargs = {"record": self.object, "request": self.request} if self.step.form_class is not NoFields else {}
        return self.step.form_class(data, prefix=self.step.key, **kwargs)
