"""The one shape of a step in the admin (a 办件's 受理, a letter's 交办, a request's 答复, a draft's 审核发布): a
form that calls one action, offered in some states, taken by whoever the case type's access says may.

`Step` describes it; `take` runs a posted step the same way on every page (the role is checked, the form is
validated, the action is called, a refusal becomes the form's Chinese error with everything typed kept, 403 when
it was about who is asking); `StepActionMixin` is the page of one step; the staff API runs the same actions
through `cases.api.dispatch`."""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect

from .errors import ActionForbidden, ActionRefused


class NoFields(forms.Form):
    """A step that needs nothing but the click."""


@dataclass(frozen=True)
class Step:
    """One step: `run(case, cleaned_data, user, *context)` calls the app's action and returns the success
    message (`context`: what the page adds, e.g. the part of a request the step acts on, or the request).
    It is offered in `states` (None: in every state) when `when(case)` holds, and allowed when the case type's
    access object says so (`access.may(step)`: by `who`, the side of the case, or by `roles` over the agency);
    otherwise the user is told `refused`."""

    key: str
    label: str
    form_class: type = NoFields
    run: Callable = None
    states: tuple | None = None
    when: Callable = lambda case: True
    who: str = ""
    roles: tuple = ()
    refused: str = "您没有权限进行此操作。"
    primary: bool = False
    warn: bool = False
    intro: str = ""
    # Steps on a part of a case (an FOI consultation, an extension, a remedy): the parts offered now, any part
    # by its pk (the action then decides), and how a part is named.
    items: Callable | None = None
    lookup: Callable | None = None
    item_label: Callable = str
    multipart: bool = False
    note: Callable = lambda case: ""

    def offered(self, case) -> bool:
        return (self.states is None or case.state in self.states) and self.when(case)

    def allowed(self, access) -> bool:
        return access.may(self)

    @property
    def has_fields(self):
        return bool(self.form_class.base_fields)

    @property
    def per_item(self):
        return self.items is not None

    def prefix(self, item=None):
        return f"{self.key}-{item.pk}" if item is not None else self.key


def take(step, case, form, user, *context, allowed=True, refused=None):
    """Run a posted step. Returns (message, None) when it was taken, or (None, status) with the reason on the
    form: 403 when the user may not take it (`allowed`) or the action refused them, 400 otherwise."""
    if not allowed:
        form.full_clean()
        form.add_error(None, refused or step.refused)
        return None, 403
    if not form.is_valid():
        return None, 400
    try:
        return step.run(case, form.cleaned_data, user, *context), None
    except ActionRefused as refusal:
        form.add_error(None, str(refusal))
        return None, 403 if isinstance(refusal, ActionForbidden) else 400
    except ValidationError as invalid:  # a file refused by the one upload path (type, size)
        form.add_error(None, invalid.messages)
        return None, 400


class StepActionMixin:
    """The page of one step: mix into the case's inspect view. The view sets `steps_by_key` and `case_noun`
    (“办件”), and provides `access`, `inspect_url()`, `action_url()` and `make_form(data)`.

    GET shows the blank form (403 with the reason when the user may not take the step); POST takes it: success
    goes back to the case page with a message, a refusal re-renders the form."""

    steps_by_key: dict = {}
    case_noun = ""
    offered_only = False  # True: a step not offered now is refused on its page, not left to the action

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.step = self.steps_by_key.get(kwargs.get("step"))
        if self.step is None:
            raise Http404("没有这项操作。")

    def get_page_title(self):
        return self.step.label

    def step_context(self):
        """What the page adds to `run(case, data, user, *context)` (决策公开's steps take the request)."""
        return ()

    def refusal(self):
        """Why the user may not take the step now ("" when they may)."""
        if not self.step.allowed(self.access):
            return self.step.refused
        if self.offered_only and not self.step.offered(self.object):
            return f"当前状态下不能进行“{self.step.label}”。"
        return ""

    def get(self, request, *args, **kwargs):
        refused = self.refusal()
        return self.render_to_response(self.get_context_data(form=None if refused else self.make_form()),
                                       status=403 if refused else 200)

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        refused = self.refusal()
        message, status = take(self.step, self.object, form, request.user, *self.step_context(),
                               allowed=not refused, refused=refused)
        if status is None:
            messages.success(request, message)
            return redirect(self.inspect_url())
        if refused and self.step.allowed(self.access):
            status = 400  # offered no more (the state moved on): not about who is asking
        return self.render_to_response(self.get_context_data(form=form), status=status)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        step, case = self.step, self.object
        not_now = ""
        if not self.offered_only and not step.offered(case):
            not_now = f"{self.case_noun}当前状态为“{case.get_state_display()}”，不能进行“{step.label}”。"
        context.update(step=step, form=form, action_url=self.action_url(), not_now=not_now, refused=self.refusal())
        return context
