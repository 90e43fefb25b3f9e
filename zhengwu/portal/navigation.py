"""Main-navigation entries of apps whose public pages are views, not pages (权力清单 …): an app registers an
entry, and every site's header shows it after the site's own columns when the site's agency has something there.
The entry links to the app's list narrowed to the site's agency."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    key: str
    label: str
    path: Callable    # path(agency) -> the URL path of the app's page ("/qlqd/")
    query: Callable   # query(agency) -> its query string for the site's agency ("agency=12"), or ""
    shown: Callable   # shown(agency) -> bool
    order: int = 100


@dataclass(frozen=True)
class Link:
    label: str
    path: str
    url: str


_entries: dict[str, Entry] = {}


def register(entry: Entry) -> Entry:
    _entries[entry.key] = entry
    return entry


def links_for(agency) -> list[Link]:
    links = []
    for entry in sorted(_entries.values(), key=lambda e: e.order):
        if agency is not None and entry.shown(agency):
            path, query = entry.path(agency), entry.query(agency)
            links.append(Link(entry.label, path, f"{path}?{query}" if query else path))
    return links
