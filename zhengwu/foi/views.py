"""Public pages of 依申请公开: the application form and the progress lookup. Plain forms, so both work
without JavaScript; nothing the applicant typed is lost when a field is wrong."""

from django import forms
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from zhengwu.portal.views import site_context

from .actions import DuplicateSubmission, code_matches, public_timeline, submit_request
from .forms import RequestForm
from .models import InformationRequest

SESSION_KEY = "foi_submitted"


@require_http_methods(["GET", "POST"])
def apply(request):
    initial = {"agency": request.GET.get("agency", ""), "applicant_type": "natural_person", "id_type": "resident_id",
               "delivery_form": "electronic", "delivery_way": "online"}
    form = RequestForm(request.POST or None, initial=initial)
    duplicate = None
    if request.method == "POST" and form.is_valid():
        try:
            filed = submit_request(form.cleaned_data,
                                   applicant_user=request.user if request.user.is_authenticated else None)
        except DuplicateSubmission as error:
            duplicate = str(error)
        else:
            request.session[SESSION_KEY] = {"number": filed.number, "code": filed.tracking_code}
            return redirect("foi-submitted")
    return render(request, "foi/apply.html", {**site_context(request), "form": form, "duplicate": duplicate},
                  status=400 if request.method == "POST" else 200)


def submitted(request):
    """The acknowledgement, shown once after a successful submission (number and code from the session)."""
    ticket = request.session.get(SESSION_KEY)
    found = InformationRequest.objects.select_related("agency", "clock").filter(
        number=(ticket or {}).get("number")).first()
    if found is None:
        return redirect("foi-apply")
    return render(request, "foi/submitted.html", {**site_context(request), "filed": found, "code": ticket["code"]})


class TrackForm(forms.Form):
    number = forms.CharField(label="申请编号", max_length=40)
    code = forms.CharField(label="查询码", max_length=12)


@require_http_methods(["GET", "POST"])
def track(request):
    form = TrackForm(request.POST or None)
    found = None
    if request.method == "POST" and form.is_valid():
        found = InformationRequest.objects.select_related("agency", "clock").filter(
            number=form.cleaned_data["number"].strip()).first()
        if found is None or not code_matches(found, form.cleaned_data["code"]):
            found = None
            form.add_error(None, "申请编号或查询码不正确，请核对短信或邮件中的编号和查询码。")
    return render(request, "foi/track.html", {
        **site_context(request), "form": form, "found": found,
        "timeline": public_timeline(found) if found else [],
    })
