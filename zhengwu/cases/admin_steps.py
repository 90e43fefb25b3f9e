"""The step page of a case in the admin (a 办件's 受理, a letter's 交办 …): one form that calls one action.

GET shows the blank form (403 with the reason when the user may not take the step); POST runs the action:
success goes back to the case page with a message, a refusal re-renders the form with the action's Chinese
message and everything typed (403 when it was about who is asking)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect


class StepActionMixin:
    """Mix into the case's inspect view. The view sets `steps_by_key` (key → a step with `label`, `form_class`,
    `run(case, data, user)`, `allowed(access)`, `offered(case)`, `refused`), `refusal`/`forbidden` (the app's
    ActionRefused and ActionForbidden), `case_noun` (“办件”), and provides `access`, `inspect_url()`,
    `action_url()` and `make_form(data)`."""

    steps_by_key: dict = {}
    refusal = Exception
    forbidden = Exception
    case_noun = ""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.step = self.steps_by_key.get(kwargs.get("step"))
        if self.step is None:
            raise Http404("没有这项操作。")

    def get_page_title(self):
        return self.step.label

    def get(self, request, *args, **kwargs):
        allowed = self.step.allowed(self.access)
        return self.render_to_response(self.get_context_data(form=self.make_form() if allowed else None),
                                       status=200 if allowed else 403)

    def post(self, request, *args, **kwargs):
        form, status = self.make_form(request.POST), 400
        if not self.step.allowed(self.access):
            form.full_clean()
            form.add_error(None, self.step.refused)
            status = 403
        elif form.is_valid():
            try:
                message = self.step.run(self.object, form.cleaned_data, request.user)
            except self.refusal as refusal:
                form.add_error(None, str(refusal))
                if isinstance(refusal, self.forbidden):
                    status = 403
            else:
                messages.success(request, message)
                return redirect(self.inspect_url())
        return self.render_to_response(self.get_context_data(form=form), status=status)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        step, case = self.step, self.object
        context.update(step=step, form=form, action_url=self.action_url(),
                       not_now="" if step.offered(case) else
                       f"{self.case_noun}当前状态为“{case.get_state_display()}”，不能进行“{step.label}”。",
                       refused=step.refused if not step.allowed(self.access) else "")
        return context
