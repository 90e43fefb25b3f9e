"""Create and edit views of publishable records that save through the app's actions (never form.save()):
the draft's form and its line formsets are validated together, then one action call stores them in one
transaction with its timeline event; a refusal is shown above the form with everything typed kept."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin.views.generic import CreateView, DeleteView, EditView

from zhengwu.cases.errors import ActionRefused
from zhengwu.orgs.admin_scope import NotFoundOutsideScope


class ActionSaveMixin:
    """Subclasses give `formset_specs` [(prefix, heading, formset class, initial(record) -> list)] and
    `save_through_action(form, formsets) -> record`."""

    template_name = "consultation/admin/form.html"
    formset_specs = []

    def get_formsets(self):
        if not hasattr(self, "_formsets"):
            record = getattr(self, "object", None)
            bound = self.request.method == "POST"
            self._formsets = [
                (prefix, heading, formset_class(self.request.POST if bound else None, prefix=prefix,
                                                initial=None if bound else initial(record)))
                for prefix, heading, formset_class, initial in self.formset_specs]
        return self._formsets

    def formsets(self):
        return {prefix: formset for prefix, _heading, formset in self.get_formsets()}

    def is_valid(self, form):
        valid = super().is_valid(form)
        formsets_valid = all([formset.is_valid() for _p, _h, formset in self.get_formsets()])
        if valid and not formsets_valid:
            self.produced_error_code = "validation_error"
            self.produced_error_message = "下方标出的内容有误，请修改后再保存。"
        return valid and formsets_valid

    def form_valid(self, form):
        self.form = form
        try:
            self.object = self.save_through_action(form, self.formsets())
        except ActionRefused as refusal:
            form.add_error(None, str(refusal))
            self.produced_error_code, self.produced_error_message = "validation_error", str(refusal)
            return self.form_invalid(form)
        return self.save_action()

    def record_url(self, record):
        """The record's page (the viewset's inspect view, named like its index)."""
        return reverse(self.index_url_name.rsplit(":", 1)[0] + ":inspect", args=[record.pk])

    def get_success_url(self):
        return self.record_url(self.object)

    def get_success_message(self, *args):
        return "已保存。确认无误后请在本页“提交审核”，经审核人审核后向社会公布。"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["formsets"] = self.get_formsets()
        for _prefix, _heading, formset in context["formsets"]:
            context["media"] += formset.media
        return context


class ActionCreateView(ActionSaveMixin, CreateView):
    pass


class LoadObject:
    """Reads the record during setup, so a record outside the scope is a 404 (NotFoundOutsideScope)."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = self.get_object()


class ActionEditView(ActionSaveMixin, NotFoundOutsideScope, LoadObject, EditView):
    """Only what the permission policy lets the user change (a draft, for most records) opens for editing;
    anything else goes back to its page with the reason."""

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission_for_instance(request.user, "change", self.object):
            messages.warning(request, f"该记录当前为“{self.object.get_publication_display()}”，不能修改。"
                                      "提交审核后如需修改，请审核人退回。")
            return redirect(self.record_url(self.object))
        return super().dispatch(request, *args, **kwargs)


class DraftDeleteView(NotFoundOutsideScope, DeleteView):
    """Deletes only what the permission policy allows: a draft that was never published."""

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission_for_instance(request.user, "delete", self.object):
            messages.warning(request, "只能删除从未发布的草稿；已提交审核或已发布的记录不能删除。")
            return redirect(reverse(self.index_url_name.rsplit(":", 1)[0] + ":inspect", args=[self.object.pk]))
        return super().dispatch(request, *args, **kwargs)
