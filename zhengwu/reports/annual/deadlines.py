"""When each agency's yearly report is due and where it stands (条例第五十条): departments by 31 January,
governments (township governments included) by 31 March of the following year, both editable
(ReportDeadlines). Village committees are not administrative agencies and owe no report.

These are fixed calendar dates set by the regulation, not periods counted in working days, so they are
compared with the date directly rather than run on a clock. The status of a whole region is one query."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Min

from zhengwu.orgs.models import Agency
from zhengwu.reports.models import AnnualReport, AnnualReportPage, ReportDeadlines

GOVERNMENT_KINDS = (Agency.Kind.GOVERNMENT, Agency.Kind.TOWNSHIP)
EXEMPT_KINDS = (Agency.Kind.VILLAGE,)


class Status:
    PUBLISHED = "published"
    LATE = "published_late"
    UNDER_REVIEW = "under_review"
    DRAFTING = "drafting"
    NOT_STARTED = "not_started"
    OVERDUE = "overdue"
    EXEMPT = "exempt"

    LABELS = {PUBLISHED: "已按期发布", LATE: "逾期发布", UNDER_REVIEW: "审核中", DRAFTING: "编制中",
              NOT_STARTED: "未开始", OVERDUE: "逾期未发布", EXEMPT: "无需报送"}


def due_on(kind: str, year: int, deadlines: ReportDeadlines | None = None) -> date | None:
    """The day the report on `year` must be published by, or None for an agency that owes none."""
    if kind in EXEMPT_KINDS:
        return None
    deadlines = deadlines or ReportDeadlines.load()
    if kind in GOVERNMENT_KINDS:
        return date(year + 1, deadlines.government_month, deadlines.government_day)
    return date(year + 1, deadlines.department_month, deadlines.department_day)


@dataclass
class AgencyStatus:
    agency_id: int
    name: str
    kind: str
    depth: int
    due_on: date | None
    status: str
    published_on: date | None
    draft_id: int | None
    page_id: int | None
    days_overdue: int = 0

    @property
    def label(self) -> str:
        if self.status == Status.OVERDUE:
            return f"逾期未发布（已逾期 {self.days_overdue} 天）"
        return Status.LABELS[self.status]

    @property
    def overdue(self) -> bool:
        return self.status in (Status.OVERDUE, Status.LATE)


def status_of(due, today, published_on, in_review, drafted) -> tuple[str, int]:
    if due is None:
        return Status.EXEMPT, 0
    if published_on:
        return (Status.LATE if published_on > due else Status.PUBLISHED), 0
    if today > due:
        return Status.OVERDUE, (today - due).days
    if in_review:
        return Status.UNDER_REVIEW, 0
    return (Status.DRAFTING if drafted else Status.NOT_STARTED), 0


def region_status(agencies, year: int, today: date) -> list[AgencyStatus]:
    """Each agency of `agencies` (a queryset, in tree order) with its report's due date and state: three
    grouped queries whatever the region's size."""
    deadlines = ReportDeadlines.load()
    published = dict(AnnualReportPage.objects.live().filter(year=year, agency__in=agencies.values("pk"))
                     .values("agency_id").annotate(first=Min("published_on")).values_list("agency_id", "first"))
    pages = AnnualReportPage.objects.filter(year=year, agency__in=agencies.values("pk"))
    in_review = set(pages.filter(_workflow_states__status="in_progress").values_list("agency_id", flat=True))
    page_ids = dict(pages.values_list("agency_id", "pk"))
    drafts = dict(AnnualReport.objects.filter(year=year, agency__in=agencies.values("pk"))
                  .values_list("agency_id", "pk"))
    rows = []
    for pk, name, kind, depth in agencies.order_by("path").values_list("pk", "name", "kind", "depth"):
        due = due_on(kind, year, deadlines)
        status, days = status_of(due, today, published.get(pk), pk in in_review, pk in drafts)
        rows.append(AgencyStatus(pk, name, kind, depth, due, status, published.get(pk), drafts.get(pk),
                                 page_ids.get(pk), days))
    return rows


def agency_status(agency, year: int, today: date) -> AgencyStatus:
    return region_status(Agency.objects.filter(pk=agency.pk), year, today)[0]
