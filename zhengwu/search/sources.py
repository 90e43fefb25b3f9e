"""What the site search box finds beside the disclosure catalog: each app registers a `Source` (its powers,
its published decisions …) and the search page shows every source's best hits with a link to see them all.
The apps search their own records through the one backend (`Model.objects.filter(...).search(q)`); this module
only gathers them, so the search page imports no app."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    snippet: str = ""
    meta: str = ""


@dataclass(frozen=True)
class Source:
    key: str
    label: str
    # find(q, agency, limit) -> (how many match, the first `limit` hits); agency: an orgs.Agency or None
    find: Callable
    # more(q, agency) -> the URL of the source's own page listing every match (None: the source has none)
    more: Callable | None = None
    order: int = 100


@dataclass(frozen=True)
class Found:
    source: Source
    count: int
    hits: list
    more_url: str


_sources: dict[str, Source] = {}


def register(source: Source) -> Source:
    _sources[source.key] = source
    return source


def search(queryset, q, order_by_relevance=True):
    """`queryset` narrowed to what matches `q` through the one search backend (every word must match)."""
    from wagtail.search.backends import get_search_backend

    return get_search_backend().search(q, queryset, operator="and", order_by_relevance=order_by_relevance)


def in_subtree(agency, field="agency"):
    """A filter for records of the agency and those under it, in the form the search backend applies."""
    from django.db.models import Q

    from zhengwu.orgs.models import Agency

    if agency is None:
        return Q()
    return Q(**{f"{field}__in": Agency.objects.filter(path__startswith=agency.path).values("pk")})


def find_all(q: str, agency=None, limit: int = 5) -> list[Found]:
    """Each source's matches for `q` (sources without any are left out)."""
    q = (q or "").strip()
    if not q:
        return []
    found = []
    for source in sorted(_sources.values(), key=lambda s: s.order):
        count, hits = source.find(q, agency, limit)
        if count:
            found.append(Found(source, count, list(hits), source.more(q, agency) if source.more else ""))
    return found
