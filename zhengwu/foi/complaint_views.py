"""Public pages for 举报投诉 about disclosure work: file one without an account, then follow it with its
number and code. Plain forms that work without JavaScript."""

from django import forms
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from zhengwu.cases.tracking import receipt_ticket
from zhengwu.foi.actions import file_complaint
from zhengwu.foi.forms import ComplaintForm
from zhengwu.foi.lookups import COMPLAINT_NOT_FOUND, ComplaintLookupGuard
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
    number, code = receipt_ticket(request.session, SESSION_KEY)
    complaint = Complaint.objects.select_related("agency", "clock").filter(number=number).first()
    if complaint is None:
        return redirect("foi-complaint")
    return render(request, "foi/complaint_filed.html", {**site_context(request), "complaint": complaint,
                                                         "code": code})


class LookupForm(forms.Form):
    number = forms.CharField(label="投诉编号", max_length=40)
    code = forms.CharField(label="查询码", max_length=12)


@never_cache
@require_http_methods(["GET", "POST"])
def lookup(request):
    """Number and code → the complaint, through the lookup limits; one message whichever half is wrong."""
    form = LookupForm(request.POST or None)
    guard = ComplaintLookupGuard.for_form(request)
    context = {**site_context(request), "form": form}
    if request.method == "GET" or guard.refused or not form.is_valid() or not guard.admit():
        return guard.render("foi/complaint_lookup.html", context, failed=request.method == "POST")
    found = guard.find(form.cleaned_data["number"], form.cleaned_data["code"])
    if found is None:
        if not guard.refused:  # refused: the code was not checked, so it is not called wrong
            form.add_error(None, COMPLAINT_NOT_FOUND)
        return guard.render("foi/complaint_lookup.html", context, failed=True)
    return render(request, "foi/complaint_lookup.html", {**context, "found": found})
