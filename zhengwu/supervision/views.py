"""Public pages of 效能投诉 (/dzjc/complaint/): anyone files a complaint about how an agency handled their
matter — slow, refused without reason, a step overdue — without an account, then follows it with its
number and 查询码. Plain forms and links, so everything works without JavaScript.

The agency is chosen first, by searching its name or by walking the tree (province → 市州 → 县市区 → 部门,
乡镇), with GET links: there are thousands of agencies, too many for one select. Filing is rate-limited like
the 依申请公开 forms (zhengwu.throttle; the same hourly numbers, counted separately); lookups go through the one
lookup guard of every case type (zhengwu.cases.tracking), so that number and code pairs cannot be guessed."""


from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from zhengwu.cases.tracking import LookupGuard, receipt_ticket  # the one 查询码 check and lookup limit
from zhengwu.orgs.models import Agency
from zhengwu.portal.views import site_context
from zhengwu.throttle import Gate, Limit

from .actions import file_complaint
from .forms import AgencySearchForm, LookupForm, PublicComplaintForm
from .models import EfficiencyComplaint

SESSION_KEY = "supervision_complaint_filed"
SEARCH_RESULTS = 50
# A separate counter, the 依申请公开 numbers (settings.FOI_SUBMISSIONS_*): a complaint is a submission of the
# same weight.
SUBMISSIONS = Limit("supervision-complaint", "FOI_SUBMISSIONS_PER_HOUR", "FOI_SUBMISSIONS_HARD_LIMIT_PER_HOUR")
WRONG_CODE = "投诉编号或查询码不正确，请核对短信中的编号和查询码。"


class ComplaintLookupGuard(LookupGuard):
    noun = "投诉编号"

    def records(self):
        return EfficiencyComplaint.objects.select_related("agency", "clock")


def _agency(value):
    return Agency.objects.filter(pk=int(value)).first() if str(value or "").isdigit() else None


def _with_parents(agencies):
    """Each agency with its parent's name, so that two 城关镇 in different counties can be told apart."""
    agencies = list(agencies)
    parent_paths = {a.path[:-Agency.steplen] for a in agencies if a.depth > 1}
    names = dict(Agency.objects.filter(path__in=parent_paths).values_list("path", "name"))
    for agency in agencies:
        agency.parent_name = names.get(agency.path[:-Agency.steplen], "")
    return agencies


def chooser_context(request):
    """The agency chooser: search results for ?q=, or the children of ?region= (the top of the tree first)."""
    search = AgencySearchForm(request.GET or None, auto_id="s_%s")
    query = search.cleaned_data.get("q", "").strip() if search.is_valid() else ""
    context = {"search": search, "query": query}
    if query:
        found = Agency.objects.filter(name__icontains=query).order_by("depth", "path")
        context["results"] = _with_parents(found[:SEARCH_RESULTS])
        context["more_results"] = found.count() > SEARCH_RESULTS
        return context
    region = _agency(request.GET.get("region"))
    if region is None:
        options = list(Agency.get_root_nodes())
        if len(options) == 1:
            region = options[0]
    if region is not None:
        options = [region, *region.get_children().order_by("path")]
        context["trail"] = [*region.get_ancestors(), region] if region.depth > 1 else [region]
    context.update(region=region, options=options)
    return context


@require_http_methods(["GET", "POST"])
def complain(request):
    gate = Gate.for_form(SUBMISSIONS, request)
    if request.method == "POST":
        form = PublicComplaintForm(request.POST, auto_id="id_%s")
        if gate.admit(form.is_valid()):
            data = form.cleaned_data
            complaint = file_complaint(agency=data["agency"], name=data["name"], phone=data["phone"],
                                       content=data["content"], case_number=data["case_number"])
            request.session[SESSION_KEY] = {"number": complaint.number, "code": complaint.tracking_code}
            return redirect("supervision-complaint-filed")
        agency = form.cleaned_data.get("agency") if hasattr(form, "cleaned_data") else None
    else:
        agency = _agency(request.GET.get("agency"))
        form = PublicComplaintForm(initial={"agency": agency.pk} if agency else None, auto_id="id_%s")
    context = {**site_context(request), "form": form, "agency": agency}
    if agency is not None:
        context["agency_parent"] = _with_parents([agency])[0].parent_name
    else:
        context.update(chooser_context(request))
    return gate.render_form("supervision/complaint.html", context)


def filed(request):
    """The receipt, shown after filing: number, 查询码 and the deadline (from the session, once filed)."""
    number, code = receipt_ticket(request.session, SESSION_KEY)
    complaint = EfficiencyComplaint.objects.select_related("agency", "clock").filter(number=number).first()
    if complaint is None:
        return redirect("supervision-complaint-file")
    return render(request, "supervision/complaint_filed.html", {**site_context(request), "complaint": complaint,
                                                                 "code": code})


@never_cache
@require_http_methods(["GET", "POST"])
def lookup(request):
    """Number and code → state, the public timeline, and the finding and outcome once closed. A wrong pair
    gets one message whichever half is wrong and counts; past the limits a question, then a refusal (429)."""
    form = LookupForm(request.POST or None, auto_id="id_%s")
    guard = ComplaintLookupGuard.for_form(request)
    context = {**site_context(request), "form": form}
    if request.method == "GET" or guard.refused or not form.is_valid() or not guard.admit():
        return guard.render("supervision/complaint_lookup.html", context, failed=request.method == "POST")
    found = guard.find(form.cleaned_data["number"], form.cleaned_data["code"])
    if found is None:
        if not guard.refused:  # refused: the code was not checked, so it is not called wrong
            form.add_error(None, WRONG_CODE)
        return guard.render("supervision/complaint_lookup.html", context, failed=True)
    context.update(found=found, timeline=found.events.filter(public=True).order_by("at", "pk"))
    return render(request, "supervision/complaint_lookup.html", context)
