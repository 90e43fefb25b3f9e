"""Public JSON API of the catalog: search, and one item by its 索引号."""

import datetime

from django.http import Http404
from ninja import Router, Schema
from ninja.errors import HttpError

from .models import DisclosureItemPage
from .search import search_catalog

router = Router(tags=["政府信息公开"])


class SearchHit(Schema):
    title: str
    index_number: str
    agency: str
    published_on: datetime.date | None
    url: str
    highlight: str


class FacetValue(Schema):
    value: str
    label: str
    count: int


class SearchOut(Schema):
    count: int
    page: int
    num_pages: int
    results: list[SearchHit]
    facets: dict[str, list[FacetValue]]


class ItemOut(Schema):
    index_number: str
    title: str
    agency: str
    agency_credit_code: str | None
    written_on: datetime.date | None
    published_on: datetime.date | None
    doc_number: str
    theme: str
    genre: str | None
    keywords: list[str]
    description: str
    validity: str
    validity_label: str
    validity_note: str
    category: str | None
    body_html: str
    attachments: list[dict]
    interprets: str | None
    interpretations: list[str]
    url: str


@router.get("/search", response=SearchOut, summary="检索政府信息公开目录")
def search(request, q: str, agency: str = None, theme: str = None, genre: str = None, year: str = None,
           category: str = None, validity: str = None, page: int = 1):
    if not q.strip():
        raise HttpError(400, "请输入检索词。")
    outcome = search_catalog(q, agency=agency, theme=theme, genre=genre, year=year, category=category,
                             validity=validity, page=max(page, 1))
    if outcome.errors:
        raise HttpError(400, "；".join(outcome.errors))
    hits = outcome.page.object_list if outcome.page else []
    return {
        "count": outcome.count,
        "page": outcome.page.number if outcome.page else 1,
        "num_pages": outcome.page.paginator.num_pages if outcome.page else 0,
        "results": [{
            "title": hit.title, "index_number": hit.index_number, "agency": hit.agency.name,
            "published_on": hit.published_on, "url": hit.get_full_url(request=request), "highlight": hit.highlight,
        } for hit in hits],
        "facets": {name: [{"value": str(value), "label": str(label), "count": n} for value, label, n in values]
                   for name, values in outcome.facets.items()},
    }


@router.get("/items/{path:index_number}", response=ItemOut, summary="按索引号查看一条公开信息")
def item(request, index_number: str):
    found = (DisclosureItemPage.objects.live().public().select_related("agency", "theme__parent", "genre", "category")
             .filter(index_number=index_number).first())
    if found is None:
        raise Http404("没有该索引号的公开信息。")
    return {
        "index_number": found.index_number, "title": found.title, "agency": found.agency.name,
        "agency_credit_code": found.agency.credit_code, "written_on": found.written_on,
        "published_on": found.published_on, "doc_number": found.doc_number, "theme": str(found.theme),
        "genre": found.genre.name if found.genre_id else None, "keywords": found.keyword_list(),
        "description": found.description, "validity": found.validity, "validity_label": found.get_validity_display(),
        "validity_note": found.validity_note, "category": found.category.name if found.category_id else None,
        "body_html": found.body,
        "attachments": [{"title": a.document.title, "url": request.build_absolute_uri(a.document.url)}
                        for a in found.attachments.select_related("document")],
        "interprets": found.interprets.index_number if found.interprets_id and found.interprets.live else None,
        "interpretations": [i.index_number for i in found.interpretations.live().public()],
        "url": found.get_full_url(request=request),
    }
