"""The yearly report as PDF: the same read-only parts as the published page (`_parts.html`) set by
WeasyPrint in the style of the agency's letters (report.css), with Noto CJK embedded. Tagged as PDF/UA-1
(headings, tables and their header cells, the document's title and language) for screen-reader users."""

from django.template.loader import render_to_string


def render_pdf(context: dict) -> bytes:
    from weasyprint import HTML  # imported here: it loads Pango, which only this needs
    from weasyprint.text.fonts import FontConfiguration

    html = render_to_string("reports/document/report.html", context)
    return HTML(string=html).write_pdf(font_config=FontConfiguration(), pdf_variant="pdf/ua-1")
