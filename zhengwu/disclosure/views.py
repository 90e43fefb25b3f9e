"""Public search page (works without JavaScript: a GET form and links)."""

from urllib.parse import urlencode

from django.shortcuts import render

from zhengwu.portal.views import site_context
from zhengwu.search import sources

from .browse import FILTERS
from .search import search_catalog

FACET_LABELS = [("agency", "发布机构"), ("theme", "主题分类"), ("genre", "体裁分类"), ("year", "发布年份"),
                ("validity", "有效性")]


def search(request):
    params = request.GET
    keep = {key: params[key] for key in ("q", "agency", *FILTERS) if params.get(key)}
    outcome = search_catalog(keep.pop("q", ""), page=params.get("page") or 1, **keep)
    keep["q"] = outcome.query
    elsewhere = sources.find_all(outcome.query, outcome.filters.get("agency")) if not outcome.errors else []
    return render(request, "disclosure/search.html", {
        **site_context(request), "outcome": outcome, "params": keep, "facet_labels": FACET_LABELS,
        "elsewhere": elsewhere,
        "page_query": urlencode(keep),
    }, status=400 if outcome.errors else 200)
