"""电子监察 in the admin: the base every supervision screen shares (scope check, breadcrumbs, paging), the
overview of a region (/admin/supervision/) and an agency's open cases (/admin/supervision/agency/<pk>/),
with their spreadsheet exports. Cards, violations, rules and complaints are in admin_lists, admin_rules and
admin_complaints.

Every screen starts from the scope query with the supervisor roles: a user holding none gets 403, an agency
outside the user's scope is answered 404. Filters are GET forms, so the pages work without JavaScript and
can be bookmarked."""

from dataclasses import dataclass

from django.http import Http404, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from zhengwu.timelimits import calendar
from zhengwu.timelimits.bands import days_left
from zhengwu.timelimits.display import left_text
from zhengwu.timelimits.engine import ClockState

from . import exports, registry
from .dashboard import (
    agency_cases,
    attach_cases,
    last_sweep,
    region_choices,
    region_rows,
    region_violations,
    supervised,
    sweep_interval_minutes,
    top_region,
    totals,
)
from .forms import LevelFilterForm, OverviewForm
from .models import CardLevel, Tally

PER_PAGE = 50
VIOLATIONS_PER_PAGE = 20


@dataclass
class Pager:
    """Page links for a list whose rows are fetched by offset; `param` names the page in the query string."""

    query: QueryDict
    count: int
    per_page: int = PER_PAGE
    param: str = "p"
    number: int = 1

    @classmethod
    def requested(cls, request, per_page=PER_PAGE, param="p") -> "Pager":
        try:
            number = max(1, int(request.GET.get(param, 1)))
        except ValueError:
            number = 1
        return cls(query=request.GET.copy(), count=0, per_page=per_page, param=param, number=number)

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.per_page

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // self.per_page))

    def settle(self, count: int) -> bool:
        """Record the count; True when the requested page was past the end and has been moved to the last."""
        self.count = count
        if self.number > self.num_pages:
            self.number = self.num_pages
            return True
        return False

    def url(self, number) -> str:
        query = self.query.copy()
        query[self.param] = str(number)
        return f"?{query.urlencode()}"

    @property
    def previous_url(self):
        return self.url(self.number - 1) if self.number > 1 else ""

    @property
    def next_url(self):
        return self.url(self.number + 1) if self.number < self.num_pages else ""

    @property
    def shown(self) -> bool:
        return self.count > self.per_page


def query_string(**values) -> str:
    query = QueryDict(mutable=True)
    for name, value in values.items():
        if value not in (None, ""):
            query[name] = str(value)
    return f"?{query.urlencode()}" if query else ""


class SupervisorView(WagtailAdminTemplateMixin, TemplateView):
    """A supervision screen: only for users who supervise some agency; agencies resolved through the scope."""

    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        self.scope = supervised(request.user)
        if not self.scope.exists():  # 404, not the admin's redirect to the dashboard
            raise Http404("电子监察仅对监察员和系统管理员开放。")
        self.prepare()
        return super().dispatch(request, *args, **kwargs)

    def prepare(self):
        """Load what the view is about, once the user is known to supervise something."""

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items, {"url": reverse("supervision_overview"), "label": "电子监察"}]
        return [*items, {"url": "", "label": self.get_header_title()}]

    def get_header_title(self):
        subtitle = self.get_page_subtitle()
        return f"{self.get_page_title()}：{subtitle}" if subtitle else self.get_page_title()

    def agency_or_404(self, value):
        try:
            pk = int(value)
        except (TypeError, ValueError):
            raise Http404("没有找到该单位。") from None
        agency = self.scope.filter(pk=pk).first()
        if agency is None:
            raise Http404("没有找到该单位，或它不在您的监察范围内。")
        return agency

    def region(self):
        """The region of a region-wide screen: ?region=<pk> (scope-checked), or the user's own region."""
        value = self.request.GET.get("region")
        return self.agency_or_404(value) if value else top_region(self.request.user)

    def region_path(self, region):
        """The region and its ancestors the user supervises, for links back up the tree."""
        ancestors = region.get_ancestors().filter(pk__in=self.scope.values("pk")) if region.depth > 1 else []
        return [*ancestors, region]


def case_type_or_default(key):
    try:
        return registry.get(key) if key else None
    except LookupError:
        raise Http404("没有该案件类型。") from None


class OverviewView(SupervisorView):
    template_name = "supervision/admin/overview.html"
    page_title = "监察总览"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": f"电子监察 · {self.get_header_title()}"}]

    def get_page_subtitle(self):
        return self.region_obj.name if getattr(self, "region_obj", None) else ""

    def prepare(self):
        self.region_obj = self.region()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        region = self.region_obj
        data = self.request.GET.copy()
        data.setdefault("region", str(region.pk))
        form = OverviewForm(data, regions=region_choices(self.request.user, region))
        case_type = case_type_or_default(form.value("type"))
        rows = region_rows(region, case_type.key if case_type else None)
        type_key = case_type.key if case_type else ""
        for row in rows:
            target = row.agency or region
            row.agency_url = reverse("supervision_agency", args=[target.pk]) + query_string(type=type_key)
            row.drill_url = (reverse("supervision_overview") + query_string(region=row.agency.pk, type=type_key)
                             if row.agency is not None and row.has_children else "")
        sweep = last_sweep()
        context.update(
            form=form, region=region, case_type=case_type, rows=rows, totals=totals(rows),
            sweep=sweep, interval=sweep_interval_minutes(),
            path=[(agency, reverse("supervision_overview") + query_string(region=agency.pk, type=type_key))
                  for agency in self.region_path(region)],
            xlsx_url=reverse("supervision_overview_xlsx") + query_string(region=region.pk, type=type_key))
        return context


class OverviewExportView(OverviewView):
    def get(self, request, *args, **kwargs):
        context = self.get_context_data()
        region, case_type = context["region"], context["case_type"]
        label = case_type.label if case_type else "全部案件类型"
        content = exports.region_workbook(region, label, context["rows"], context["totals"],
                                          context["sweep"].finished_at if context["sweep"] else None)
        return exports.xlsx_response(content, f"{region.name}电子监察总览{timezone.localdate():%Y%m%d}.xlsx")


def case_rows(rows, today, cal):
    """What the agency page and its export show of agency_cases() rows: each clock's due date, working days
    left and card, and the case's highest card."""
    result = []
    for row in rows:
        clocks = []
        for label, due_on, state, level in row.clocks:
            running = state == ClockState.RUNNING
            left = days_left(due_on, today, cal) if running else None
            clocks.append({"label": label, "due_on": due_on if running else None, "days_left": left,
                           "days_late": -left if left is not None and left < 0 else 0,
                           "left_text": left_text(due_on, left),
                           "state_label": ClockState(state).label if state else "—",
                           "card": CardLevel(level).label if level else "", "level": level or 0})
        top = max((c["level"] for c in clocks), default=0)
        result.append({"number": row.number, "title": row.title, "state": row.state, "url": row.url,
                       "clocks": clocks, "several": len(clocks) > 1, "card": CardLevel(top).label if top else "", "level": top})
    return result


class AgencyView(SupervisorView):
    template_name = "supervision/admin/agency.html"
    page_title = "单位监察"

    def get_page_subtitle(self):
        return self.agency.name

    def get_context_data(self, **kwargs):
        agency = self.agency = self.agency_or_404(self.kwargs["pk"])
        context = super().get_context_data(**kwargs)
        types = registry.case_types()
        case_type = case_type_or_default(self.request.GET.get("type")) or types[0]
        level_form = LevelFilterForm(self.request.GET, auto_id="lv_%s")
        level = level_form.cleaned_data.get("level") if level_form.is_valid() else None
        pager = Pager.requested(self.request)
        rows, count = agency_cases(agency, case_type, level=level, limit=PER_PAGE, offset=pager.offset)
        if pager.settle(count):
            rows, count = agency_cases(agency, case_type, level=level, limit=PER_PAGE, offset=pager.offset)
        tallies = {t.case_type: t for t in Tally.objects.filter(agency=agency)}
        tabs = [{"type": t, "current": t.key == case_type.key, "open": getattr(tallies.get(t.key), "open_cases", 0),
                 "url": query_string(type=t.key, level=level)} for t in types]
        violation_pager = Pager.requested(self.request, per_page=VIOLATIONS_PER_PAGE, param="vp")
        violations = region_violations(agency, agency=agency)
        violation_pager.settle(violations.count())
        page = violations[violation_pager.offset:violation_pager.offset + VIOLATIONS_PER_PAGE]
        parent = agency.get_parent() if agency.depth > 1 else None
        context.update(
            agency=agency, case_type=case_type, tabs=tabs, level_form=level_form, level=level,
            level_label=CardLevel(level).label if level else "", type_hidden=[("type", case_type.key)],
            rows=case_rows(rows, timezone.localdate(), calendar.current()), count=count, pager=pager,
            violations=attach_cases(page), violation_pager=violation_pager,
            overview_url=(reverse("supervision_overview") + query_string(region=agency.pk, type=case_type.key)
                          if agency.numchild else ""),
            parent_url=(reverse("supervision_overview") + query_string(region=parent.pk, type=case_type.key)
                        if parent is not None and self.scope.filter(pk=parent.pk).exists() else ""),
            xlsx_url=reverse("supervision_agency_xlsx", args=[agency.pk]) + query_string(level=level))
        return context


class AgencyExportView(SupervisorView):
    """The agency's open cases of every type, one sheet each (the level filter applies)."""

    def get(self, request, *args, **kwargs):
        agency = self.agency_or_404(kwargs["pk"])
        form = LevelFilterForm(request.GET)
        level = form.cleaned_data.get("level") if form.is_valid() else None
        today, cal = timezone.localdate(), calendar.current()
        sections = []
        for case_type in registry.case_types():
            rows, _ = agency_cases(agency, case_type, level=level, limit=exports.MAX_ROWS, offset=0)
            sections.append((case_type, case_rows(rows, today, cal)))
        content = exports.agency_workbook(agency, sections)
        return exports.xlsx_response(content, f"{agency.name}在办案件{today:%Y%m%d}.xlsx")
