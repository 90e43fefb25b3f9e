"""电子监察 → 亮牌 and 违规 (/admin/supervision/cards/, /admin/supervision/violations/): every card and
violation in a region's subtree, filtered by level or kind, case type and date range, paged, exportable.
The region comes from the scope query (404 outside it), like every supervision screen."""

from django.urls import reverse
from django.utils import timezone

from . import exports
from .admin_views import PER_PAGE, Pager, SupervisorView, query_string
from .dashboard import attach_cases, region_cards, region_choices, region_violations
from .forms import CardFilterForm, ViolationFilterForm
from .models import CardLevel, ViolationKind

CHUNK = 2000  # rows of an export whose cases are looked up together


def chunked(queryset, limit=exports.MAX_ROWS + 1):
    """The first `limit` rows in chunks, each with its cases attached (one query per case type per chunk)."""
    for start in range(0, limit, CHUNK):
        chunk = attach_cases(queryset[start:min(start + CHUNK, limit)])
        yield from chunk
        if len(chunk) < CHUNK:
            return


class RegionListView(SupervisorView):
    """A filtered, paged list over the region; subclasses name the form, the query and the export."""

    form_class = None
    export_url_name = ""

    def filters(self):
        region = self.region()
        data = self.request.GET.copy()
        data.setdefault("region", str(region.pk))
        form = self.form_class(data, regions=region_choices(self.request.user, region))
        return region, form

    def describe(self, form) -> str:
        """The filters in words, for the export's heading line."""
        if not form.is_valid():
            return "全部"
        parts = []
        for name, field in form.fields.items():
            value = form.cleaned_data.get(name)
            if name == "region" or value in (None, "", False):
                continue
            shown = dict(field.choices).get(value, value) if hasattr(field, "choices") else value
            parts.append(f"{field.label}：{'是' if value is True else shown}")
        return "；".join(parts) or "全部"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        region, form = self.filters()
        items = self.items(region, form)
        pager = Pager.requested(self.request)
        pager.settle(items.count())
        query = self.request.GET.copy()
        query.pop("p", None)
        query["region"] = str(region.pk)
        context.update(form=form, region=region, pager=pager,
                       items=attach_cases(items[pager.offset:pager.offset + PER_PAGE]),
                       xlsx_url=f"{reverse(self.export_url_name)}?{query.urlencode()}")
        return context


class CardListView(RegionListView):
    template_name = "supervision/admin/cards.html"
    page_title = "亮牌"
    form_class = CardFilterForm
    export_url_name = "supervision_cards_xlsx"

    def items(self, region, form):
        return region_cards(region, level=form.value("level"), case_type=form.value("type"),
                            since=form.value("since"), until=form.value("until"),
                            open_only=bool(form.value("open_only")))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for card in context["items"]:
            card.level_label = CardLevel(card.level).label
            card.agency_url = reverse("supervision_agency", args=[card.agency_id]) + query_string(type=card.case_type)
        return context


class CardExportView(CardListView):
    def get(self, request, *args, **kwargs):
        region, form = self.filters()
        content = exports.cards_workbook(region, chunked(self.items(region, form)), self.describe(form))
        return exports.xlsx_response(content, f"{region.name}电子监察亮牌{timezone.localdate():%Y%m%d}.xlsx")


class ViolationListView(RegionListView):
    template_name = "supervision/admin/violations.html"
    page_title = "违规记录"
    form_class = ViolationFilterForm
    export_url_name = "supervision_violations_xlsx"

    def items(self, region, form):
        return region_violations(region, kind=form.value("kind"), case_type=form.value("type"),
                                 since=form.value("since"), until=form.value("until"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kinds"] = dict(ViolationKind.choices)
        for violation in context["items"]:
            violation.agency_url = (reverse("supervision_agency", args=[violation.agency_id])
                                    + query_string(type=violation.case_type))
        return context


class ViolationExportView(ViolationListView):
    def get(self, request, *args, **kwargs):
        region, form = self.filters()
        content = exports.violations_workbook(region, chunked(self.items(region, form)), self.describe(form))
        return exports.xlsx_response(content, f"{region.name}电子监察违规{timezone.localdate():%Y%m%d}.xlsx")
