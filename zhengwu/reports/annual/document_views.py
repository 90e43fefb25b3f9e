"""The published yearly report's downloads (PDF, DOCX, XLSX): `AnnualReportPage.download` routes
`<page>/pdf/`, `docx/` and `xlsx/` here. Wagtail has already checked that the page is live and that the
reader may see it. The files are made from the page's frozen `content` when the page goes live (a task after
the publication commits) and kept as files named by the live revision, so no reader waits for a PDF to be
typeset; a file that is missing (an older publication, a lost disk) is made on the first request and kept."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header

from zhengwu.reports.annual.document import report_title
from zhengwu.reports.annual.exports import CONTENT_TYPES, report_file


def files_storage():
    return FileSystemStorage(location=settings.ZHENGWU_DOCUMENTS_ROOT / "annual-reports")


def stored_name(page, kind: str) -> str:
    return f"{page.pk}/{page.live_revision_id}.{kind}"


def stored_file(page, kind: str) -> bytes:
    """The file of the live revision, made and kept the first time it is asked for."""
    storage, name = files_storage(), stored_name(page, kind)
    if storage.exists(name):
        with storage.open(name, "rb") as handle:
            return handle.read()
    data = report_file(page.content, kind, page_meta(page))[0]
    storage.save(name, ContentFile(data))  # (a concurrent first request saves a twin under another name)
    return data


def prepare_files(page) -> None:
    """Make every download of a page that just went live."""
    if page.live and (page.content or {}).get("parts"):
        for kind in CONTENT_TYPES:
            stored_file(page, kind)


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
    filename = f"{report_title(page_meta(page)['agency'], page.content['year'])}.{kind}"
    return file_response(stored_file(page, kind), CONTENT_TYPES[kind], filename,
                         fallback=f"annual-report-{page.year}.{kind}")
