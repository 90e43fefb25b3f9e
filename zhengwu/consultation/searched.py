"""Published consultations (征求意见) in the site search box (zhengwu.search.sources), through the one backend."""

from django.urls import reverse

from zhengwu.consultation.models import Consultation
from zhengwu.publishing.models import Publication
from zhengwu.search.sources import Hit, Source, in_subtree, register, search
from zhengwu.search.text import highlight


def find(q, agency, limit):
    consultations = Consultation.objects.filter(in_subtree(agency), publication=Publication.PUBLISHED)
    results = search(consultations.select_related("agency"), q)
    hits = [Hit(title=c.title, url=reverse("consultation-detail", args=[c.pk]), snippet=highlight(c.explanation, q),
                meta=f"{c.agency.name} · {c.opens_on:%Y-%m-%d} 至 {c.closes_on:%Y-%m-%d}")
            for c in results[:limit]]
    return results.count(), hits


register(Source("consultations", "意见征集", find, order=30))
