"""Public search page (works without JavaScript: a GET form and links)."""

from urllib.parse import urlencode

from django.shortcuts import render
from wagtail.models import Page, Site

from .browse import FILTERS
from .search import search_catalog

FACET_LABELS = [("agency", "发布机构"), ("theme", "主题分类"), ("genre", "体裁分类"), ("year", "发布年份"),
                ("validity", "有效性")]


def site_context(request):
    """Header and footer of the site the request came to, for views that are not pages."""
    site = Site.find_for_request(request)
    root = site.root_page.specific if site else Page.get_first_root_node()
    if not hasattr(root, "site_ancestors"):
        return {}
    section, identity = root.site_ancestors()
    return {"section": section, "identity": identity,
            "columns": section.menu_columns()}


def search(request):
    params = request.GET
    keep = {key: params[key] for key in ("q", "agency", *FILTERS) if params.get(key)}
    outcome = search_catalog(keep.pop("q", ""), page=params.get("page") or 1, **keep)
    keep["q"] = outcome.query
    return render(request, "disclosure/search.html", {
        **site_context(request), "outcome": outcome, "params": keep, "facet_labels": FACET_LABELS,
        "page_query": urlencode(keep),
    }, status=400 if outcome.errors else 200)
