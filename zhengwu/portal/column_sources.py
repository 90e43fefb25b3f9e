"""Columns whose list is kept elsewhere (one source, no copy): a column's `source` names a list another app
registers — 通知公告 and 政策文件 are the disclosure catalog's items of those kinds — and the column, the home page
boxes and the site search all read that one list. The keys are fixed here (they are the column field's
choices); the lists are registered by the app that holds the records."""

from collections.abc import Callable

SOURCES = [
    ("", "本栏目的文章"),
    ("notices", "通知公告（政府信息公开目录中的公告、通告、通知）"),
    ("policies", "政策文件（政府信息公开目录中的规章、规范性文件和政策解读）"),
]

_providers: dict[str, Callable] = {}


def register(key: str, provider: Callable) -> None:
    """`provider(agency)`: the pages of the list for a site of `agency`, newest first."""
    if key not in dict(SOURCES):
        raise LookupError(f"未登记的栏目来源：{key}")
    _providers[key] = provider


def items(key: str, agency):
    provider = _providers.get(key)
    return provider(agency) if provider is not None and agency is not None else None
