"""Service guides in the site search box (zhengwu.search.sources), through the one search backend."""

from urllib.parse import urlencode

from django.urls import reverse

from zhengwu.search.sources import Hit, Source, in_subtree, register, search
from zhengwu.search.text import highlight
from zhengwu.services.models import Matter


def find(q, agency, limit):
    matters = Matter.objects.filter(in_subtree(agency), is_active=True).select_related("agency")
    results = search(matters, q)
    hits = [Hit(title=m.name, url=reverse("services-matter", args=[m.code]),
                snippet=highlight(f"{m.conditions} {m.legal_basis}", q), meta=f"{m.get_matter_type_display()} · {m.agency.name}")
            for m in results[:limit]]
    return results.count(), hits


register(Source("matters", "办事指南", find, lambda q, agency: f"{reverse('services-catalog')}?{urlencode({'q': q})}",
                order=10))
