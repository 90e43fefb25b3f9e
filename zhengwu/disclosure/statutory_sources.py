"""Records kept outside the catalog that a 法定主动公开内容 category must list: an app registers, for a category
code (e.g. "a20-05", 条例第二十条第（五）项), what it holds for an agency, and the section page shows the count
with a link to the app's own list. Registered by the apps, so disclosure imports none of them."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class StatutorySource:
    categories: tuple[str, ...]   # StatutoryCategory codes
    label: str                    # 行政许可事项
    count: Callable               # count(agency) -> int
    url: Callable                 # url(agency) -> str


@dataclass(frozen=True)
class Listed:
    label: str
    count: int
    url: str


_sources: list[StatutorySource] = []


def register(source: StatutorySource) -> StatutorySource:
    _sources.append(source)
    return source


def listed(category_code: str, agency) -> list[Listed]:
    """What the registered apps hold for `agency` under the category (sources with nothing are left out)."""
    found = []
    for source in _sources:
        if category_code in source.categories:
            n = source.count(agency)
            if n:
                found.append(Listed(source.label, n, source.url(agency)))
    return found
