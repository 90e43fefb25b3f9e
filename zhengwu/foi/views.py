"""Public pages of 依申请公开: the application form, the progress lookup, the signed-in applicant's own
requests and the download of what was released. Plain forms, so all work without JavaScript; nothing the
applicant typed is lost when a field is wrong."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from zhengwu.cases.tracking import receipt_ticket
from zhengwu.foi.actions import DuplicateSubmission, public_timeline, submit_request
from zhengwu.foi.forms import RequestForm
from zhengwu.foi.lookups import NOT_FOUND, RequestLookupGuard
from zhengwu.foi.models import InformationRequest, Reply
from zhengwu.portal.accounts import LOGIN_URL
from zhengwu.portal.views import site_context
from zhengwu.throttle import FOI_SUBMISSIONS, Gate

SESSION_KEY = "foi_submitted"


@require_http_methods(["GET", "POST"])
def apply(request):
    """The form. Past the hourly soft limit for the client's network it carries a text question that must
    be answered; past the hard limit it is refused (429) with the time to try again."""
    initial = {"agency": request.GET.get("agency", ""), "applicant_type": "natural_person", "id_type": "resident_id",
               "delivery_form": "electronic", "delivery_way": "online"}
    form = RequestForm(request.POST or None, initial=initial)
    gate = Gate.for_form(FOI_SUBMISSIONS, request)
    duplicate = None
    if request.method == "POST" and gate.admit(form.is_valid()):
        try:
            filed = submit_request(form.cleaned_data,
                                   applicant_user=request.user if request.user.is_authenticated else None)
        except DuplicateSubmission as error:
            duplicate = str(error)
        else:
            request.session[SESSION_KEY] = {"number": filed.number, "code": filed.tracking_code}
            return redirect("foi-submitted")
    return gate.render_form("foi/apply.html", {**site_context(request), "form": form, "duplicate": duplicate})


def submitted(request):
    """The acknowledgement, shown once after a successful submission (number and code from the session)."""
    number, code = receipt_ticket(request.session, SESSION_KEY)
    found = InformationRequest.objects.select_related("agency", "clock").filter(number=number).first()
    if found is None:
        return redirect("foi-apply")
    return render(request, "foi/submitted.html", {**site_context(request), "filed": found, "code": code})


class TrackForm(forms.Form):
    number = forms.CharField(label="申请编号", max_length=40)
    code = forms.CharField(label="查询码", max_length=12)


@never_cache
@require_http_methods(["GET", "POST"])
def track(request):
    """Number and code → the request. An unknown number and a wrong code get the same message and both count
    against the lookup limits (the question, then 429 with the time to retry)."""
    form = TrackForm(request.POST or None)
    guard = RequestLookupGuard.for_form(request)
    context = {**site_context(request), "form": form}
    if request.method == "GET" or guard.refused or not form.is_valid() or not guard.admit():
        return guard.render("foi/track.html", context, failed=request.method == "POST")
    found = guard.find(form.cleaned_data["number"], form.cleaned_data["code"])
    if found is None:
        if not guard.refused:  # refused: the code was not checked, so it is not called wrong
            form.add_error(None, NOT_FOUND)
        return guard.render("foi/track.html", context, failed=True)
    return render(request, "foi/track.html", {
        **context, "found": found, "timeline": public_timeline(found),
        "explanation": found.clock.explain() if found.clock else [], "documents": released_documents(found),
    })


def released_documents(found):
    """What the applicant may download once the reply is sent: the letter and the released documents."""
    reply = getattr(found, "reply", None)
    if reply is None or reply.state != Reply.State.SENT:
        return []
    return [d for d in (reply.letter_pdf, reply.letter_docx, *found.release_documents.all()) if d is not None]


def _signed_in_applicant(request, number):
    if not request.user.is_authenticated:
        return None
    return InformationRequest.objects.filter(number=number, applicant_user=request.user).first()


@never_cache
@require_http_methods(["GET", "POST"])
def document(request, number, pk):
    """Download of the letter or a released document, for the applicant only, after the reply is sent: GET
    for the signed-in account that filed it, POST with the 查询码 (so the code never sits in a URL, a log or
    the browser's history) through the lookup limits. The files stay private in storage; this view is the
    only way to them from outside the admin."""
    found = _signed_in_applicant(request, number)
    if found is None and request.method == "POST":
        guard = RequestLookupGuard.for_form(request, ask=False)
        if not guard.refused:
            found = guard.find(number, request.POST.get("code"))
        if guard.refused:
            form = TrackForm(initial={"number": number})
            return guard.render("foi/track.html", {**site_context(request), "form": form})
    if found is None:
        raise Http404("申请编号或查询码不正确。")
    match = next((d for d in released_documents(found) if d.pk == pk), None)
    if match is None:
        raise Http404("没有该文件，或答复尚未送达。")
    return FileResponse(match.file.open("rb"), as_attachment=True, filename=match.filename)


@login_required(login_url=LOGIN_URL)
def mine(request):
    """Everything the signed-in applicant filed, newest first."""
    filed = InformationRequest.objects.filter(applicant_user=request.user).select_related("agency", "clock")
    return render(request, "foi/mine.html", {**site_context(request), "requests": filed})


@login_required(login_url=LOGIN_URL)
def mine_detail(request, number):
    found = get_object_or_404(InformationRequest.objects.select_related("agency", "clock"), number=number,
                              applicant_user=request.user)
    return render(request, "foi/mine_detail.html", {
        **site_context(request), "found": found, "timeline": public_timeline(found),
        "explanation": found.clock.explain() if found.clock else [], "documents": released_documents(found)})
