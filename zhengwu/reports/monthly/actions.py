"""State changes of a monthly report, one function each: one transaction (the report row locked first),
one event row, and the other side told after commit (`notify`: the in-site message is written in the
transaction, email goes out once it commits).

    draft ──submit──▶ submitted ──approve──▶ approved
      ▲                  │
      └──── returned ◀──return (with a reason)

Who: the agency's reporters (EDIT_ROLES anywhere above or at the agency: the scope query) open, fill in
and submit. The agency above approves or returns: someone holding EDIT_ROLES in an ancestor of the
agency — the agency's parent lies in their scope — and never the person who submitted it. The province
(an agency with no parent) has nobody above it: its head of the disclosure office or an administrator
of the province approves, again never the submitter."""

import uuid
from collections import defaultdict
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils import timezone

from zhengwu.cases.errors import ActionForbidden, ActionRefused  # noqa: F401  (the shared refusals, re-exported)
from zhengwu.notifications.actions import notify_many
from zhengwu.orgs import duties
from zhengwu.orgs.models import Agency, StaffRole
from zhengwu.reports.models import ReportDeadlines
from zhengwu.reports.monthly.figures import (
    BY_KEY,
    EXEMPT_KINDS,
    MANUAL,
    MAX_FIGURE,
    current_values,
    due_on,
    manual_indicators,
    month_bounds,
    month_has_ended,
    previous_month,
    rate_errors,
    report_url,
    today,
)
from zhengwu.reports.monthly.models import MonthlyFigure, MonthlyReminder, MonthlyReport, MonthlyReportEvent
from zhengwu.reports.roles import EDIT_ROLES, may_edit

State = MonthlyReport.State
Kind = MonthlyReportEvent.Kind
# Who approves the report of an agency with no agency above it (the province): its own office head or admin.
TOP_APPROVER_ROLES = duties.roles("reports.approve_monthly")


# Who may do what ---------------------------------------------------------------------------------



def approvable_agencies(user):
    """The agencies whose reports `user` may approve: those whose parent lies in the user's scope for
    EDIT_ROLES (the scope query reaches subtrees, so: any ancestor), and a top agency whose head or
    administrator the user is. One queryset, usable as a subquery."""
    parent_path = Substr("path", 1, (F("depth") - 1) * Agency.steplen)
    above = Agency.objects.in_scope(user, EDIT_ROLES).values("path")
    top = Agency.objects.in_scope(user, TOP_APPROVER_ROLES).filter(depth=1).values("pk")
    return (Agency.objects.annotate(parent_path=parent_path)
            .filter(Q(depth__gt=1, parent_path__in=above) | Q(depth=1, pk__in=top)))


def may_approve(user, report) -> bool:
    """May approve or return this report now (its state aside): above it, and not its submitter."""
    return (report.submitted_by_id != user.pk
            and approvable_agencies(user).filter(pk=report.agency_id).exists())


def reporters(agency):
    """Who fills in the agency's report: EDIT_ROLES held in the agency itself."""
    return get_user_model().objects.filter(
        is_active=True, staff_roles__agency=agency, staff_roles__role__in=EDIT_ROLES).distinct()


def approvers(agency, *, besides=None):
    """Who is told a report awaits approval: EDIT_ROLES holders of the nearest agency above that has any
    (the province's own office head and administrators for the province)."""
    if agency.depth == 1:
        holders = StaffRole.objects.filter(agency=agency, role__in=TOP_APPROVER_ROLES)
    else:
        above = StaffRole.objects.filter(agency__in=agency.get_ancestors(), role__in=EDIT_ROLES,
                                         user__is_active=True)
        deepest = above.order_by("-agency__depth").values_list("agency__depth", flat=True).first()
        holders = above.filter(agency__depth=deepest)
    users = get_user_model().objects.filter(is_active=True, pk__in=holders.values("user_id"))
    return users.exclude(pk=besides.pk) if besides is not None else users


def _require_edit(actor, report):
    if not may_edit(actor, report.agency_id):
        raise ActionForbidden(f"您没有填报{report.agency.name}月报的权限。")


def _require_approver(actor, report):
    if report.submitted_by_id is not None and report.submitted_by_id == actor.pk:
        raise ActionForbidden("不能审核自己上报的月报，请由上级机关的其他审核人员审核。")
    if not approvable_agencies(actor).filter(pk=report.agency_id).exists():
        parent = report.agency.get_parent()
        who = f"上级机关（{parent.name}）" if parent else "本机关政府信息公开工作机构负责人或单位管理员"
        raise ActionForbidden(f"月报由{who}审核，您没有审核{report.agency.name}月报的权限。")


def _require_submitted(report):
    if report.state == State.SUBMITTED:
        return
    raise ActionRefused({
        State.DRAFT: "该月报尚未上报，不能审核。",
        State.RETURNED: "该月报已退回，须由填报机关修改后重新上报，才能审核。",
        State.APPROVED: "该月报已审核通过，不能再审核或退回。",
    }[report.state])


def _require_editable(report):
    if report.state == State.SUBMITTED:
        raise ActionRefused("该月报已上报，正在等待上级机关审核，不能修改或重复上报；如需修改，请上级机关退回。")
    if report.state == State.APPROVED:
        raise ActionRefused("该月报已审核通过，不能修改或重复上报。")


# Helpers -----------------------------------------------------------------------------------------

def _lock(report) -> MonthlyReport:
    """Re-read the report under a row lock: two people never act on the same state at once."""
    return (MonthlyReport.objects.select_for_update(of=("self",)).select_related("agency")
            .get(pk=report.pk))


def _record(report, kind, actor, reason="", data=None):
    return MonthlyReportEvent.objects.create(report=report, kind=kind, actor=actor, reason=reason,
                                             data=data or {})


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user else "—"


def _tell(users, subject, body, report):
    users = list(users)
    notify_many("site", to_users=users, subject=subject, body=body, about=report)
    with_email = [user for user in users if user.email]
    if with_email:
        notify_many("email", to_users=with_email, subject=subject, body=body, about=report)


def clean_manual(figures: dict) -> dict:
    """The manual figures as non-negative integers (None: not filled); refuses anything else, in Chinese."""
    allowed = {indicator.key for indicator in manual_indicators()}
    cleaned = {}
    for key, value in (figures or {}).items():
        if key not in allowed:
            title = BY_KEY[key].title if key in BY_KEY else key
            raise ActionRefused(f"“{title}”由平台统计，不能人工填报。")
        if value is None or value == "":
            cleaned[key] = None
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_FIGURE:
            raise ActionRefused(f"“{BY_KEY[key].title}”须填写不小于 0 的整数。")
        cleaned[key] = value
    return cleaned


def _merge(report, figures) -> dict:
    merged = dict(report.manual_figures or {})
    for key, value in clean_manual(figures).items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    errors = rate_errors(merged)
    if errors:
        raise ActionRefused("".join(errors.values()))
    return merged


# The state changes -------------------------------------------------------------------------------

@transaction.atomic
def open_report(agency, year: int, month: int, *, actor) -> tuple[MonthlyReport, bool]:
    """The agency's report on the month, created (as a draft) the first time it is opened."""
    if not may_edit(actor, agency.pk):
        raise ActionForbidden(f"您没有填报{agency.name}月报的权限。")
    if not 1 <= month <= 12 or month_bounds(year, month)[0] > today():
        raise ActionRefused("不能打开尚未开始的月份的月报。")
    report, created = MonthlyReport.objects.get_or_create(agency=agency, year=year, month=month)
    if created:
        _record(report, Kind.OPENED, actor)
    return report, created


@transaction.atomic
def save_manual(report, *, actor, figures: dict) -> MonthlyReport:
    """Store what the agency typed in (blank removes a figure); the computed figures are not stored."""
    report = _lock(report)
    _require_edit(actor, report)
    _require_editable(report)
    merged = _merge(report, figures)
    changed = {key: merged.get(key) for key in set(merged) | set(report.manual_figures or {})
               if merged.get(key) != (report.manual_figures or {}).get(key)}
    report.manual_figures = merged
    report.save(update_fields=["manual_figures", "updated_at"])
    if changed:
        _record(report, Kind.SAVED, actor, data={"changed": changed})
    return report


@transaction.atomic
def submit(report, *, actor, figures: dict | None = None) -> MonthlyReport:
    """上报: store the manual figures given, then freeze every figure as it stands now into the report,
    so that the agency above approves what was submitted, whatever records change afterwards."""
    report = _lock(report)
    _require_edit(actor, report)
    _require_editable(report)
    if not month_has_ended(report.year, report.month):
        raise ActionRefused(f"{report.period}尚未结束，月末之后才能上报。")
    merged = _merge(report, figures or {})
    missing = [indicator.title for indicator in manual_indicators() if merged.get(indicator.key) is None]
    if missing:
        raise ActionRefused(f"还有人工填报项目未填写：{'、'.join(missing)}。没有发生的请填 0。")
    values = current_values(report.agency, report.year, report.month, merged)
    report.manual_figures = merged
    report.state = State.SUBMITTED
    report.submitted_at, report.submitted_by = timezone.now(), actor
    report.approved_at = report.approved_by = None
    report.save()
    report.figures.all().delete()
    MonthlyFigure.objects.bulk_create([
        MonthlyFigure(report=report, key=key, value=value, source=source)
        for key, (value, source) in values.items() if not BY_KEY[key].rate_of and value is not None])
    _record(report, Kind.SUBMITTED, actor,
            data={"figures": {key: value for key, (value, _) in values.items()},
                  "manual": [key for key, (_, source) in values.items() if source == MANUAL]})
    parent = report.agency.get_parent()
    _tell(approvers(report.agency, besides=actor), f"{report}待审核",
          f"{report.agency.name}已上报{report.period}月报（上报人：{_name(actor)}），请{parent.name if parent else ''}"
          f"审核：通过，或填写理由退回。\n{report_url(report)}", report)
    return report


@transaction.atomic
def approve(report, *, actor) -> MonthlyReport:
    report = _lock(report)
    _require_approver(actor, report)
    _require_submitted(report)
    report.state = State.APPROVED
    report.approved_at, report.approved_by = timezone.now(), actor
    report.save(update_fields=["state", "approved_at", "approved_by", "updated_at"])
    _record(report, Kind.APPROVED, actor)
    if report.submitted_by_id:
        _tell([report.submitted_by], f"{report}已审核通过",
              f"您上报的{report}已由{_name(actor)}审核通过。\n{report_url(report)}", report)
    return report


@transaction.atomic
def return_report(report, *, actor, reason: str) -> MonthlyReport:
    """退回: back to the agency with the reason, for correction and a new submission."""
    reason = (reason or "").strip()
    if not reason:
        raise ActionRefused("请填写退回理由，说明需要修改的内容。")
    report = _lock(report)
    _require_approver(actor, report)
    _require_submitted(report)
    report.state = State.RETURNED
    report.returned_at, report.returned_by, report.returned_reason = timezone.now(), actor, reason
    report.save(update_fields=["state", "returned_at", "returned_by", "returned_reason", "updated_at"])
    _record(report, Kind.RETURNED, actor, reason=reason)
    if report.submitted_by_id:
        _tell([report.submitted_by], f"{report}被退回",
              f"您上报的{report}已被{_name(actor)}退回，理由：{reason}\n请修改后重新上报。\n{report_url(report)}",
              report)
    return report


# Reminders ---------------------------------------------------------------------------------------

def reminder_months(on, deadlines) -> list[tuple[int, int, object]]:
    """The months whose reminder window holds `on`: from `monthly_reminder_days` before the due day up to
    the due day itself (a day the scheduler missed is made up the next day, never after the deadline)."""
    months = []
    for year, month in (previous_month(on), (on.year, on.month)):
        due = due_on(year, month, deadlines)
        if due - timedelta(days=deadlines.monthly_reminder_days) <= on <= due:
            months.append((year, month, due))
    return months


def send_reminders(on=None) -> list[dict]:
    """Remind the reporters of every agency that has not submitted a month in its reminder window, once
    per agency and month whatever the number of runs or workers: a MonthlyReminder row is inserted for
    each agency to remind (a conflicting insert is ignored), and only the rows this run inserted — found
    by their claim token — are notified, in the same transaction. An agency with no reporter gets no row,
    so it is reminded once someone is given the role. Returns one summary per month."""
    on = on or today()
    deadlines = ReportDeadlines.load()
    summaries = []
    for year, month, due in reminder_months(on, deadlines):
        with transaction.atomic():
            summaries.append(_remind_month(year, month, due))
    return summaries


def _remind_month(year, month, due) -> dict:
    agencies = Agency.objects.exclude(kind__in=EXEMPT_KINDS)
    submitted = MonthlyReport.objects.filter(year=year, month=month, state__in=MonthlyReport.SUBMITTED_STATES)
    earlier = MonthlyReminder.objects.filter(year=year, month=month)
    targets = agencies.exclude(pk__in=submitted.values("agency_id")).exclude(pk__in=earlier.values("agency_id"))
    holders = defaultdict(set)
    for agency_id, user_id in (StaffRole.objects.filter(agency__in=targets, role__in=EDIT_ROLES, user__is_active=True)
                               .values_list("agency_id", "user_id")):
        holders[agency_id].add(user_id)
    claim = uuid.uuid4().hex
    MonthlyReminder.objects.bulk_create(
        [MonthlyReminder(agency_id=agency_id, year=year, month=month, recipients=len(users), claim=claim)
         for agency_id, users in holders.items()], ignore_conflicts=True)
    claimed = list(MonthlyReminder.objects.filter(year=year, month=month, claim=claim)
                   .values_list("agency_id", flat=True))
    users = get_user_model().objects.in_bulk({user for agency_id in claimed for user in holders[agency_id]})
    named = Agency.objects.in_bulk(claimed)
    period = f"{year}年{month}月"
    for agency_id in claimed:
        agency = named[agency_id]
        _tell([users[pk] for pk in sorted(holders[agency_id])], f"请于{due:%m月%d日}前上报{agency.name}{period}月报",
              f"{agency.name}{period}月报尚未上报，报送截止日期为 {due:%Y-%m-%d}。请核对平台统计的数字，填写人工填报项目后上报。"
              f"\n{reverse('reports_monthly:index')}", agency)
    return {"year": year, "month": month, "due_on": due, "reminded": len(claimed),
            "people": sum(len(holders[agency_id]) for agency_id in claimed),
            "submitted": submitted.count(), "already": earlier.exclude(claim=claim).count(),
            "no_reporter": targets.exclude(pk__in=list(holders)).count()}
