"""The columns' articles (政务动态 …) in the site search box (zhengwu.search.sources), through the one backend."""

from zhengwu.search.sources import Hit, Source, in_subtree, register, search
from zhengwu.search.text import highlight

from .models import ArticlePage


def find(q, agency, limit):
    articles = ArticlePage.objects.live().public().filter(in_subtree(agency))
    results = search(articles.select_related("agency"), q)
    hits = [Hit(title=a.title, url=a.url, snippet=highlight(a.body, q), meta=f"{a.agency.name} · {a.date:%Y-%m-%d}")
            for a in results[:limit]]
    return results.count(), hits


register(Source("articles", "新闻动态", find, order=5))
