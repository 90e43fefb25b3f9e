"""The citizen's side of service cases in the online hall: apply online, follow the case by number and code,
withdraw it, rate the service (好差评) and see how a bad rating was rectified; and the public rating figures.

Plain forms and links, so everything works without JavaScript. Nothing typed is lost when a field is wrong
(files must be chosen again: browsers do not keep them). The case pages are answers to POSTs that carry the
number and code; the code is never put in a URL. Personal data is shown masked.
"""

from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zhengwu.cases.tracking import receipt_ticket
from zhengwu.orgs.models import Agency
from zhengwu.portal.views import site_context
from zhengwu.services.actions import ActionRefused, public_timeline, rate, receive_application, withdraw
from zhengwu.services.actions.ratings import RATABLE_STATES
from zhengwu.services.cases import rating_stats
from zhengwu.services.cases.forms import (
    APPLICATIONS,
    NOT_FOUND,
    ApplicationForm,
    CaseLookupGuard,
    RatingForm,
    TrackForm,
    WithdrawForm,
    normalize_number,
)
from zhengwu.services.models import CaseChannel, CaseState, Decision, Matter, Rating, ServiceCase
from zhengwu.throttle import Gate

TICKET_KEY = "services_applied"  # the receipt, for the page after the redirect
FLASH_KEY = "services_track_flash"  # after a withdrawal or rating: which case to show again, and what happened
NOT_FOUND_PAGE = NOT_FOUND + "请核对申请回执或短信中的办件编号和查询码（查询码不区分大小写）。"
BUSY = "系统繁忙，本次提交未被保存，请稍后重试。"


# -- what the applicant may see of a case (shared with case_api) -------------------------------------------

CLOCK_LABELS = {"受理": "受理时限", "送达": "送达时限", "办结": "办结时限"}


def due_dates(case):
    """The step clock (受理 or 送达) and the 办结 clock: label, due date and state."""
    rows = []
    for clock in (case.step_clock, case.clock):
        if clock is None:
            continue
        step = clock.label.split(" ", 1)[0]
        rows.append({"label": CLOCK_LABELS.get(step, step), "due_on": clock.due_on, "state": clock.state,
                     "state_label": clock.get_state_display(), "limit_workdays": clock.limit_workdays,
                     "days_used": clock.days_used, "clock": clock})
    rows.sort(key=lambda row: row["label"] != "办结时限")  # the promised period first
    return rows


def result_of(case):
    if case.state == CaseState.REFUSED:
        return f"不予受理。理由：{case.refusal_reason or '未说明'}"
    if case.state == CaseState.COMPLETED:
        return case.result_text
    if case.decision:
        reason = f"理由：{case.decision_reason}" if case.decision == Decision.DENIED and case.decision_reason else ""
        return f"{case.get_decision_display()}。{reason}".strip()
    return ""


def rating_of(case):
    return Rating.objects.select_related("rectification", "rectification__clock").filter(case=case).first()


def is_ratable(case, rating):
    return rating is None and case.state in RATABLE_STATES


def status_context(case):
    rating = rating_of(case)
    return {"case": case, "timeline": public_timeline(case), "due": due_dates(case), "result": result_of(case),
            "materials": case.materials.select_related("requirement", "document"),
            "rating": rating, "rectification": getattr(rating, "rectification", None) if rating else None,
            "ratable": is_ratable(case, rating)}


# -- applying ---------------------------------------------------------------------------------------------


def _busy(error):
    return "locked" in str(error) or "busy" in str(error)


@require_http_methods(["GET", "POST"])
def apply(request, code):
    """The application form of one matter. Past the hourly soft limit of the client's network it asks a text
    question; past the hard limit it is refused (429) with the time to try again."""
    matter = get_object_or_404(Matter.objects.select_related("agency").prefetch_related("materials"),
                               code=code, is_active=True)
    context = {**site_context(request), "matter": matter}
    if not matter.applies_online:
        return render(request, "services/cases/offline.html", context)
    user = request.user if request.user.is_authenticated else None
    initial = {"name": user.get_full_name() or user.first_name} if user and not user.is_staff else {}
    form = ApplicationForm(matter, request.POST or None, request.FILES or None, initial=initial)
    gate = Gate.for_form(APPLICATIONS, request)
    if request.method == "POST" and gate.admit(form.is_valid()):
        try:
            case = receive_application(matter, form.applicant(), form.form_data(), form.uploads(),
                                       channel=CaseChannel.ONLINE, applicant_user=user)
        except ValidationError as error:
            form.take_errors(error)
        except OperationalError as error:
            if not _busy(error):
                raise
            form.add_error(None, BUSY)
        else:
            request.session[TICKET_KEY] = {"number": case.number, "code": case.tracking_code}
            return redirect("services-applied")
    chosen = [field.html_name for field in form.material_fields() if request.FILES.get(field.html_name)]
    return gate.render_form("services/cases/apply.html", {**context, "form": form, "files_chosen": chosen})


@never_cache
@require_GET
def applied(request):
    """The receipt after the redirect: number, code, the 受理 due date. Not cached anywhere."""
    number, code = receipt_ticket(request.session, TICKET_KEY)
    case = (ServiceCase.objects.select_related("matter", "agency", "window_agency", "step_clock")
            .filter(number=number).first())
    if case is None:
        return redirect("services-track")
    return render(request, "services/cases/applied.html", {**site_context(request), "case": case, "code": code})


# -- following, withdrawing, rating ------------------------------------------------------------------------


def _refused(request, guard, context):
    response = render(request, "services/cases/track.html",
                      {**context, "form": TrackForm(), "refusal": guard.refusal()}, status=429)
    response["Retry-After"] = str(guard.usage.retry_after)
    return response


def _case_page(request, case, code, status=200, **extra):
    return render(request, "services/cases/track.html", {
        **site_context(request), "form": TrackForm(initial={"number": case.number}), "code": code,
        **status_context(case), "rating_form": extra.pop("rating_form", None) or RatingForm(), **extra},
        status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def track(request):
    """Number and code → the case. Unknown number and wrong code get the same message and both count."""
    context = site_context(request)
    if request.method == "GET":
        flash = request.session.pop(FLASH_KEY, None)
        case = flash and ServiceCase.objects.filter(number=flash["number"]).first()
        if case:
            return _case_page(request, case, flash["code"], flash=flash["message"])
        guard = CaseLookupGuard(request)
        if guard.refused:
            return _refused(request, guard, context)
        return render(request, "services/cases/track.html", {**context, "form": TrackForm(),
                                                             "challenge": guard.challenge})
    form = TrackForm(request.POST)
    guard = CaseLookupGuard.for_form(request)
    if guard.refused:
        return _refused(request, guard, context)
    if form.is_valid() and guard.admit():
        case = guard.find(form.cleaned_data["number"], form.cleaned_data["code"])
        if case is not None:
            return _case_page(request, case, form.cleaned_data["code"].strip().upper())
        form.add_error(None, NOT_FOUND_PAGE)
        if guard.refused:  # the failure may have brought the refusal (or the question) on
            return _refused(request, guard, context)
    return render(request, "services/cases/track.html", {**context, "form": form, "challenge": guard.challenge},
                  status=400)


def _verified(request):
    """The case an action POST names, by its number and code (hidden fields of the case page); None answers
    with the lookup form and the generic message."""
    guard = CaseLookupGuard.for_form(request, ask=False)
    if guard.refused:
        return None, _refused(request, guard, site_context(request))
    case = guard.find(request.POST.get("number"), request.POST.get("code"))
    if case is None and guard.refused:
        return None, _refused(request, guard, site_context(request))
    if case is None:
        form = TrackForm(initial={"number": normalize_number(request.POST.get("number"))})
        return None, render(request, "services/cases/track.html", {
            **site_context(request), "form": form, "problem": NOT_FOUND_PAGE}, status=400)
    return case, None


def _done(request, case, code, message):
    request.session[FLASH_KEY] = {"number": case.number, "code": code, "message": message}
    return redirect("services-track")


@never_cache
@require_POST
def withdraw_case(request):
    """Withdraw in two steps: the case page's button asks to confirm; the confirmation withdraws."""
    case, answer = _verified(request)
    if answer:
        return answer
    code = request.POST["code"].strip().upper()
    if not case.is_open:
        return _case_page(request, case, code, status=400,
                          problem=f"办件当前状态为“{case.get_state_display()}”，不能撤回。")
    form = WithdrawForm(request.POST if request.POST.get("confirm") else None)
    if form.is_valid():
        try:
            withdraw(case, reason=form.cleaned_data["reason"])
        except ActionRefused as refusal:
            return _case_page(request, case, code, status=400, problem=str(refusal))
        return _done(request, case, code, "已撤回申请。办理部门将不再办理该办件；如需办理，请重新申请。")
    return render(request, "services/cases/withdraw.html", {**site_context(request), "case": case, "code": code,
                                                            "form": form}, status=400 if form.is_bound else 200)


@never_cache
@require_POST
def rate_case(request):
    """一事一评: once the case is completed or refused, one rating; a 差评 needs its reason."""
    case, answer = _verified(request)
    if answer:
        return answer
    code = request.POST["code"].strip().upper()
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            rating = rate(level=form.cleaned_data["level"], case=case, dimensions=form.dimensions(),
                          comment=form.cleaned_data["comment"], real_name=form.cleaned_data["real_name"])
        except ActionRefused as refusal:  # rated meanwhile, or no longer ratable: said above the case
            return _case_page(request, case, code, status=400, problem=str(refusal), rating_form=form)
        else:
            message = "感谢您的评价。"
            if rating.is_bad:
                message += "办理部门将核实整改，整改情况会显示在本页，实名评价的还将电话回访。"
            return _done(request, case, code, message)
    return _case_page(request, case, code, status=400, rating_form=form)


# -- public rating figures --------------------------------------------------------------------------------


@require_GET
def ratings(request):
    """好差评 by agency, for a period and a region (an agency and its subtree)."""
    period = rating_stats.Period.from_params(request.GET)
    region = rating_stats.region_from(request.GET.get("region"))
    rows = rating_stats.by_agency(period=period, region=region)
    return render(request, "services/cases/ratings.html", {
        **site_context(request), "period": period, "region": region, "rows": rows,
        "total": rating_stats.total(period=period, region=region), "regions": rating_stats.region_options(),
        "years": rating_stats.years(), "months": range(1, 13), "query": period.query(region)})


@require_GET
def agency_ratings(request, pk):
    """One agency's 好差评, matter by matter."""
    agency = get_object_or_404(Agency, pk=pk)
    period = rating_stats.Period.from_params(request.GET)
    region = rating_stats.region_from(request.GET.get("region"))
    if region is not None and not agency.path.startswith(region.path):
        raise Http404("该部门不在所选地区内。")
    return render(request, "services/cases/agency_ratings.html", {
        **site_context(request), "agency": agency, "period": period, "region": region,
        "rows": rating_stats.by_matter(agency, period=period),
        "total": rating_stats.total(period=period, agency=agency), "years": rating_stats.years(),
        "months": range(1, 13), "query": period.query(region),
        "back_url": reverse("services-ratings") + (f"?{period.query(region)}" if period.query(region) else "")})
