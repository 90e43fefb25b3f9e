"""The published yearly report's downloads (PDF, DOCX, XLSX): `AnnualReportPage.download` routes
`<page>/pdf/`, `docx/` and `xlsx/` here. Wagtail has already checked that the page is live and that the
reader may see it. The files are made from the page's frozen `content`, so each is cached by the live
revision: a spike of readers on publication day makes each file once."""

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header

from .exports import CONTENT_TYPES, report_file

CACHE_SECONDS = 24 * 3600


def page_meta(page) -> dict:
    """What the files print besides the content: the agency's name as approved (the stored one; the
    agency's current name only if none was stored), the page's 索引号 and 发布日期."""
    stored = (page.content or {}).get("agency")
    return {"agency": stored or (page.agency.name if page.agency_id else ""),
            "index_number": page.index_number or "", "published_on": page.published_on}


def file_response(data: bytes, content_type: str, filename: str, fallback: str = "") -> HttpResponse:
    """The file as a download whose name keeps its Chinese characters (RFC 6266/5987 filename*), with an
    ASCII `fallback` name first for the few clients that ignore filename*."""
    response = HttpResponse(data, content_type=content_type)
    disposition = content_disposition_header(as_attachment=True, filename=filename)
    if fallback and "filename*=" in disposition:
        disposition = disposition.replace("attachment; ", f'attachment; filename="{fallback}"; ', 1)
    response["Content-Disposition"] = disposition
    response["Content-Length"] = str(len(data))
    return response


def download(request, page, kind: str) -> HttpResponse:
    if kind not in CONTENT_TYPES or not (page.content or {}).get("parts"):
        raise Http404("没有这种格式的年度报告文件。")
    key = f"reports:annual-file:{page.pk}:{page.live_revision_id}:{kind}"
    made = cache.get(key)
    if made is None:
        made = report_file(page.content, kind, page_meta(page))
        cache.set(key, made, CACHE_SECONDS)
    return file_response(*made, fallback=f"annual-report-{page.year}.{kind}")
