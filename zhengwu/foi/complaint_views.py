"""Public pages for 举报投诉 about disclosure work: file one without an account, then follow it with its
number and code. Plain forms that work without JavaScript."""

from django import forms
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from zhengwu.cases.tracking import code_matches
from zhengwu.foi.actions import file_complaint
from zhengwu.foi.forms import ComplaintForm
from zhengwu.foi.models import Complaint
from zhengwu.portal.views import site_context
from zhengwu.throttle import FOI_SUBMISSIONS, Gate

SESSION_KEY = "foi_complaint_filed"


@require_http_methods(["GET", "POST"])
def complain(request):
    form = ComplaintForm(request.POST or None, initial={"agency": request.GET.get("agency", "")})
    gate = Gate.for_form(FOI_SUBMISSIONS, request)
    if request.method == "POST" and gate.admit(form.is_valid()):
        data = form.cleaned_data
        complaint = file_complaint(agency=data["agency"], name=data["name"], phone=data["phone"],
                                   email=data["email"], content=data["content"],
                                   related_request=data["related_number"])
        request.session[SESSION_KEY] = {"number": complaint.number, "code": complaint.tracking_code}
        return redirect("foi-complaint-filed")
    return gate.render_form("foi/complaint.html", {**site_context(request), "form": form})


def filed(request):
    ticket = request.session.get(SESSION_KEY) or {}
    complaint = Complaint.objects.select_related("agency", "clock").filter(number=ticket.get("number")).first()
    if complaint is None:
        return redirect("foi-complaint")
    return render(request, "foi/complaint_filed.html", {**site_context(request), "complaint": complaint,
                                                         "code": ticket["code"]})


class LookupForm(forms.Form):
    number = forms.CharField(label="投诉编号", max_length=40)
    code = forms.CharField(label="查询码", max_length=12)


@require_http_methods(["GET", "POST"])
def lookup(request):
    form = LookupForm(request.POST or None)
    found = None
    if request.method == "POST" and form.is_valid():
        found = Complaint.objects.select_related("agency", "clock").filter(
            number=form.cleaned_data["number"].strip()).first()
        if found is None or not code_matches(found, form.cleaned_data["code"]):
            found = None
            form.add_error(None, "投诉编号或查询码不正确，请核对短信中的编号和查询码。")
    return render(request, "foi/complaint_lookup.html", {**site_context(request), "form": form, "found": found})
