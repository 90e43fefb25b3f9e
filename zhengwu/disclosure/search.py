"""Searching the catalog: the one query behind the public search page and the JSON API.

Matching and ranking are the Chinese search backend's (zhengwu.search); this adds the catalog's
filters, facets and highlighted excerpts."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.html import strip_tags

from zhengwu.orgs.models import Agency
from zhengwu.search.text import highlight

from .browse import filter_items
from .models import DisclosureItemPage, Genre, Theme, Validity

PER_PAGE = 20
FACET_FIELDS = ("agency_id", "theme_id", "genre_id", "published_year", "validity")  # attnames, as the backend keys them


def find_agency(value):
    """An agency by id, 统一社会信用代码 or full Chinese name; None if nothing matches."""
    value = (value or "").strip()
    if not value:
        return None
    lookup = Q(credit_code=value.upper()) | Q(name=value)
    if value.isdigit():
        lookup |= Q(pk=int(value))
    return Agency.objects.filter(lookup).first()


@dataclass
class SearchOutcome:
    query: str
    count: int = 0
    page: object = None
    facets: dict = field(default_factory=dict)
    filters: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)


def search_catalog(q, agency=None, page=1, per_page=PER_PAGE, with_facets=True, **filters):
    """Search the live catalog for `q`, narrowed by `agency` and the catalog filters (theme, genre,
    year, category, validity)."""
    from .actions import ensure_validity_fresh

    ensure_validity_fresh()
    q = (q or "").strip()[:100]
    outcome = SearchOutcome(query=q)
    items = DisclosureItemPage.objects.live().public()
    if agency:
        found = find_agency(agency)
        if found is None:
            outcome.errors.append(f"找不到机构“{agency}”。")
            return outcome
        items = items.filter(agency=found)
        outcome.filters["agency"] = found
    items, selected, errors = filter_items(items, filters)
    outcome.filters.update(selected)
    outcome.errors.extend(errors)
    if errors:
        return outcome
    if not q:
        return outcome
    results = items.search(q, operator="and")
    paginator = Paginator(results, per_page)
    outcome.count = paginator.count
    outcome.page = paginator.get_page(page)  # a page number that is not one ("abc", 0) gives the nearest page
    hits = [hit.specific for hit in outcome.page.object_list]
    for hit in hits:
        hit.title_highlight = highlight(hit.title, q, length=200)
        hit.highlight = highlight(f"{hit.description} {strip_tags(hit.body)}", q) or hit.title_highlight
    outcome.page.object_list = hits
    if with_facets and outcome.count:
        outcome.facets = _facets(results)
    return outcome


def _facets(results):
    raw = {name: results.facet(name) for name in FACET_FIELDS}
    agencies = dict(Agency.objects.filter(pk__in=raw["agency_id"]).values_list("pk", "name"))
    themes = {t.pk: t for t in Theme.objects.filter(pk__in=raw["theme_id"]).select_related("parent")}
    by_top = {}
    for pk, n in raw["theme_id"].items():
        theme = themes.get(pk)
        if theme:
            top = theme.parent or theme
            by_top.setdefault(top.code, [top.name, 0])[1] += n
    genres = {pk: (code, name) for pk, code, name in
              Genre.objects.filter(pk__in=raw["genre_id"]).values_list("pk", "code", "name")}
    return {
        "agency": sorted(((pk, agencies.get(pk, pk), n) for pk, n in raw["agency_id"].items()), key=lambda f: -f[2]),
        "theme": sorted(((code, name, n) for code, (name, n) in by_top.items()), key=lambda f: -f[2]),
        "genre": sorted(((*genres[pk], n) for pk, n in raw["genre_id"].items() if pk in genres),
                        key=lambda f: -f[2]),
        "year": sorted(((y, str(y), n) for y, n in raw["published_year"].items() if y), reverse=True),
        "validity": [(v, Validity(v).label, n) for v, n in raw["validity"].items() if v in Validity.values],
    }
