"""The yearly report as files: PDF, DOCX and XLSX, each made from the stored content of a report (the
published page's `content`, or a draft's build()) plus the meta the page holds (索引号, 发布日期).

    data, content_type, filename = report_file(page.content, "pdf", {"index_number": …, "published_on": …})
"""

from zhengwu.reports.annual.document import document_context

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
KINDS = tuple(CONTENT_TYPES)


class UnknownKind(ValueError):
    pass


def _renderer(kind: str):
    # imported on demand: each pulls in its own library (WeasyPrint loads Pango)
    if kind == "pdf":
        from zhengwu.reports.annual.exports.as_pdf import render_pdf
        return render_pdf
    if kind == "docx":
        from zhengwu.reports.annual.exports.as_docx import render_docx
        return render_docx
    from zhengwu.reports.annual.exports.as_xlsx import render_xlsx
    return render_xlsx


def report_file(content: dict, kind: str, meta: dict | None = None) -> tuple[bytes, str, str]:
    """(file bytes, content type, file name) of the report in `kind` (pdf, docx, xlsx). `meta` may give
    `agency` (the name to print; default the stored one), `index_number` and `published_on`; a draft
    has neither, and its files then carry no 索引号/发布日期 line."""
    if kind not in CONTENT_TYPES:
        raise UnknownKind(f"不支持的格式：{kind}（可选 {', '.join(KINDS)}）。")
    context = document_context(content, meta)
    return _renderer(kind)(context), CONTENT_TYPES[kind], f"{context['title']}.{kind}"
