"""The writer's and the reader's side of the mailboxes under /hdjl/xx/: the mailboxes, each mailbox's published
letters and monthly figures, writing a letter, following it by number and code, rating the reply.

Plain forms and links, so everything works without JavaScript. Nothing typed is lost when a field is wrong
(files must be chosen again: browsers do not keep them). The letter page is the answer to a POST carrying the
number and code; the code is never put in a URL. The writer's personal data is shown masked, even to the
writer."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import OperationalError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zhengwu.cases.tracking import receipt_ticket
from zhengwu.interaction.actions import ActionRefused, DuplicateLetter, rate_reply, write_letter
from zhengwu.interaction.letters import stats as letter_stats
from zhengwu.interaction.letters.forms import (
    LETTERS,
    NOT_FOUND,
    LetterForm,
    LetterLookupGuard,
    RatingForm,
    TrackForm,
)
from zhengwu.interaction.models import Letter, LetterState, Mailbox
from zhengwu.portal.views import site_context
from zhengwu.throttle import Gate

PAGE_SIZE = 20
TICKET_KEY = "interaction_letter_written"  # the receipt, for the page after the redirect
FLASH_KEY = "interaction_letter_flash"  # after rating: which letter to show again, and what happened
BUSY = "系统繁忙，本次提交未被保存，请稍后重试。"


def published_letters(mailbox=None):
    letters = Letter.objects.filter(published=True, state=LetterState.REPLIED).select_related(
        "mailbox", "reply_agency")
    if mailbox is not None:
        letters = letters.filter(mailbox=mailbox)
    return letters.order_by("-replied_on", "-pk")


def active_mailbox(slug):
    return get_object_or_404(Mailbox.objects.select_related("agency"), slug=slug)


@require_GET
def mailboxes(request):
    """Every mailbox, leaders' first, with how many letters it received and answered this year."""
    year = timezone.localdate().year
    boxes = Mailbox.objects.select_related("agency").annotate(
        received=Count("letters", filter=Q(letters__received_on__year=year)),
        replied=Count("letters", filter=Q(letters__replied_on__year=year, letters__state=LetterState.REPLIED)),
        shown=Count("letters", filter=Q(letters__published=True, letters__state=LetterState.REPLIED)))
    leaders = [box for box in boxes if box.kind == Mailbox.Kind.LEADER]
    departments = [box for box in boxes if box.kind == Mailbox.Kind.DEPARTMENT]
    return render(request, "interaction/letters/mailboxes.html", {
        **site_context(request), "leaders": leaders, "departments": departments, "year": year,
        "latest": published_letters()[:8]})


@require_GET
def mailbox(request, slug):
    """One mailbox: what it takes, the write and lookup links, and its published letters (searchable)."""
    box = active_mailbox(slug)
    query = request.GET.get("q", "").strip()[:50]
    letters = published_letters(box)
    if query:
        letters = letters.filter(Q(public_subject__icontains=query) | Q(public_body__icontains=query))
    page = Paginator(letters, PAGE_SIZE).get_page(request.GET.get("page"))
    year = timezone.localdate().year
    _, total = letter_stats.monthly(box, year)
    return render(request, "interaction/letters/mailbox.html", {
        **site_context(request), "mailbox": box, "page_obj": page, "q": query, "year": year, "total": total})


@require_GET
def letter_detail(request, number):
    """A published letter and its reply, personal details removed."""
    letter = get_object_or_404(published_letters(), number=number)
    return render(request, "interaction/letters/letter.html", {**site_context(request), "letter": letter,
                                                               "mailbox": letter.mailbox})


@require_GET
def stats(request, slug):
    """The monthly figures of one mailbox for one year."""
    box = active_mailbox(slug)
    years = letter_stats.years(box) or [timezone.localdate().year]
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else years[0]
    if year not in years:
        year = years[0]
    months, total = letter_stats.monthly(box, year)
    return render(request, "interaction/letters/stats.html", {
        **site_context(request), "mailbox": box, "year": year, "years": years, "months": months, "total": total})


# -- writing ------------------------------------------------------------------------------------------------


def _busy(error):
    return "locked" in str(error) or "busy" in str(error)


@require_http_methods(["GET", "POST"])
def write(request, slug):
    """The letter form. Past the hourly soft limit of the client's network it asks a text question; past the
    hard limit it is refused (429) with the time to try again."""
    box = active_mailbox(slug)
    context = {**site_context(request), "mailbox": box}
    if not box.is_active:
        return render(request, "interaction/letters/write.html", {**context, "closed": True}, status=410)
    form = LetterForm(request.POST or None, request.FILES or None)
    gate = Gate.for_form(LETTERS, request)
    if request.method == "POST" and gate.admit(form.is_valid()):
        writer = request.user if request.user.is_authenticated and not request.user.is_staff else None
        try:
            letter = write_letter(box, form.submission(), form.cleaned_data["files"], writer=writer)
        except DuplicateLetter as duplicate:
            form.add_error(None, str(duplicate))
        except ValidationError as error:
            form.add_error(None, error.messages)
        except OperationalError as error:
            if not _busy(error):
                raise
            form.add_error(None, BUSY)
        else:
            request.session[TICKET_KEY] = {"number": letter.number, "code": letter.tracking_code}
            return redirect("interaction-written")
    chosen = ["files"] if request.FILES.getlist("files") else []
    return gate.render_form("interaction/letters/write.html", {**context, "form": form, "files_chosen": chosen})


@never_cache
@require_GET
def written(request):
    """The receipt after the redirect: number, code, the reply due date. Not cached anywhere."""
    number, code = receipt_ticket(request.session, TICKET_KEY)
    letter = Letter.objects.select_related("mailbox", "clock").filter(number=number).first()
    if letter is None:
        return redirect("interaction-track")
    return render(request, "interaction/letters/written.html", {**site_context(request), "letter": letter,
                                                                "code": code})


# -- following and rating -----------------------------------------------------------------------------------


def letter_status(letter):
    """What the writer may see of their letter."""
    return {"letter": letter, "timeline": letter.events.filter(public=True).order_by("on", "at", "pk"),
            "ratable": letter.state == LetterState.REPLIED and not letter.rating}


def _refused(request, guard):
    response = render(request, "interaction/letters/track.html",
                      {**site_context(request), "form": TrackForm(), "refusal": guard.refusal()}, status=429)
    response["Retry-After"] = str(guard.usage.retry_after)
    return response


def _letter_page(request, letter, code, status=200, **extra):
    return render(request, "interaction/letters/track.html", {
        **site_context(request), "form": TrackForm(initial={"number": letter.number}), "code": code,
        **letter_status(letter), "rating_form": extra.pop("rating_form", None) or RatingForm(), **extra},
        status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def track(request):
    """Number and code → the letter. An unknown number and a wrong code get the same message and both count."""
    if request.method == "GET":
        flash = request.session.pop(FLASH_KEY, None)
        letter = flash and Letter.objects.filter(number=flash["number"]).first()
        if letter:
            return _letter_page(request, letter, flash["code"], flash=flash["message"])
        guard = LetterLookupGuard(request)
        if guard.refused:
            return _refused(request, guard)
        return render(request, "interaction/letters/track.html", {
            **site_context(request), "form": TrackForm(), "challenge": guard.challenge})
    form = TrackForm(request.POST)
    guard = LetterLookupGuard.for_form(request)
    if guard.refused:
        return _refused(request, guard)
    if form.is_valid() and guard.admit():
        letter = guard.find(form.cleaned_data["number"], form.cleaned_data["code"])
        if letter is not None:
            return _letter_page(request, letter, form.cleaned_data["code"].strip().upper())
        form.add_error(None, NOT_FOUND)
        if guard.refused:  # the failure may have brought the refusal (or the question) on
            return _refused(request, guard)
    return render(request, "interaction/letters/track.html", {
        **site_context(request), "form": form, "challenge": guard.challenge}, status=400)


@never_cache
@require_POST
def rate(request):
    """满意 / 基本满意 / 不满意, once, after the reply; 不满意 needs its reason."""
    guard = LetterLookupGuard.for_form(request, ask=False)
    if guard.refused:
        return _refused(request, guard)
    letter = guard.find(request.POST.get("number"), request.POST.get("code"))
    if letter is None and guard.refused:
        return _refused(request, guard)
    if letter is None:
        return render(request, "interaction/letters/track.html", {
            **site_context(request), "form": TrackForm(initial={"number": request.POST.get("number", "")[:40]}),
            "problem": NOT_FOUND}, status=400)
    code = request.POST["code"].strip().upper()
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            rate_reply(letter, form.cleaned_data["rating"], form.cleaned_data["comment"])
        except ActionRefused as refusal:
            return _letter_page(request, letter, code, status=400, problem=str(refusal), rating_form=form)
        request.session[FLASH_KEY] = {"number": letter.number, "code": code, "message": "感谢您的评价。"}
        return redirect(reverse("interaction-track") + "#letter-status")
    return _letter_page(request, letter, code, status=400, rating_form=form)
