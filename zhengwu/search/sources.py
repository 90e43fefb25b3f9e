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
    # more(q, agency) -> the URL of the source's own page listing every match
    more: Callable


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


def find_all(q: str, agency=None, limit: int = 5) -> list[Found]:
    """Each source's matches for `q` (sources without any are left out)."""
    q = (q or "").strip()
    if not q:
        return []
    found = []
    for source in _sources.values():
        count, hits = source.find(q, agency, limit)
        if count:
            found.append(Found(source, count, list(hits), source.more(q, agency)))
    return found
