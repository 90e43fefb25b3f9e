"""The published yearly report as a document: its six parts ready for the read-only HTML partial
`reports/document/_parts.html` (shared by the published page and the PDF), and the title and meta line
that every format prints. Everything is made from the report's stored content (annual.build()'s dict as
frozen when submitted), never from the records, so that each format shows what was approved."""

import datetime

from zhengwu.reports.annual.form import form_for
from zhengwu.reports.annual.layout import table_layout

DOCUMENT_TITLE = "{agency}{year}年政府信息公开工作年度报告"
EMPTY_TEXT = "（本部分无内容。）"
NOT_FILLED = "—"  # a manual figure the agency left empty: shown as a dash, stored as an empty cell in XLSX


def report_title(agency: str, year: int) -> str:
    return DOCUMENT_TITLE.format(agency=agency, year=year)


def paragraphs(text: str) -> list[str]:
    """Each line of a text part as one paragraph (the author's line breaks are the paragraphs); blank lines
    only separate them, and leading spaces go because every format indents paragraphs by two characters."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def section_tables(year: int) -> dict:
    """Section key → table key (s2 → t2 …) in the form of `year`."""
    return {section["key"]: section.get("table") for section in form_for(year)["sections"]}


def document_parts(content: dict) -> list[dict]:
    """The six parts of a stored report for `_parts.html`: text parts with their `paragraphs`, table parts
    with the read-only `layout` of their table as printed in the form (no inputs, marks or links). A page
    saved before its report was frozen into it has no parts, and shows none."""
    if not (content or {}).get("parts"):
        return []
    form = form_for(content["year"])
    tables = section_tables(content["year"])
    parts = []
    for part in content["parts"]:
        shown = {"key": part["key"], "title": part["title"], "kind": part["kind"]}
        if part["kind"] == "table":
            table = tables[part["key"]]
            shown.update(table=table, values=part["table"],
                         layout=table_layout(form["tables"][table], table, part["table"]))
        else:
            shown.update(text=part.get("text", ""), paragraphs=paragraphs(part.get("text", "")))
        parts.append(shown)
    return parts


def display_date(value) -> str:
    """发布日期 as the catalog prints it (2026-01-20); accepts a date or an ISO string."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value[:10])
    return f"{value:%Y-%m-%d}"


def document_context(content: dict, meta: dict | None = None) -> dict:
    """What every format prints above and in the six parts. `meta` may give `agency` (the name to print,
    default the stored one), `index_number` (索引号) and `published_on` (发布日期)."""
    meta = meta or {}
    agency = meta.get("agency") or content["agency"]
    return {
        "title": report_title(agency, content["year"]),
        "agency": agency,
        "year": content["year"],
        "index_number": meta.get("index_number") or "",
        "published_on": display_date(meta.get("published_on")),
        "parts": document_parts(content),
    }
