"""A composed ``Notice`` as the files an applicant receives: PDF (WeasyPrint) and DOCX (python-docx).

Both follow GB/T 9704-2012 (党政机关公文格式) as far as a letter needs it: A4, 版心 156 × 225 mm, the
issuing agency in red over a red rule with the letter number between, a bold title, the addressee flush
left, body paragraphs indented two characters, the signature and date at the bottom right, the contact
line as 附注, page numbers "— 1 —". The PDF embeds Noto Serif CJK (Debian's ``fonts-noto-cjk``) for
every glyph; the DOCX names the fonts Word users have (仿宋 body, 宋体 title) and sets them as the
East-Asian font, so each reader's own CJK fonts are used.
"""

import io
import unicodedata

from django.template.loader import render_to_string

from zhengwu.foi.notices.wording import Notice, chinese_date
from zhengwu.official_docx import LINE_PT, RED, TITLE_FONT, add_run, indent_chars, new_document


def _width_em(text: str) -> float:
    """Approximate width in em: full-width and CJK characters 1, others ½."""
    return sum(1 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


# --- PDF ---------------------------------------------------------------------------------------


def _note(contact: str) -> str:
    contact = contact.strip()
    if not contact or contact.startswith(("（", "(")):
        return contact
    return f"（{contact}）"


def issuer_size_pt(agency_name: str) -> float:
    """The red 发文机关标志 at 30 pt, smaller for a long name so that it stays on one line of the
    156 mm (442 pt) text block, letter-spaced 0.08 em."""
    width = _width_em(agency_name) * 1.08 or 1
    return round(min(30.0, 436 / width), 1)


def render_pdf(letter: Notice) -> bytes:
    from weasyprint import HTML  # imported here: it loads Pango, which only this needs
    from weasyprint.text.fonts import FontConfiguration

    html = render_to_string("foi/letters/letter.html", {
        "letter": letter, "dated": chinese_date(letter.dated), "contact": _note(letter.contact),
        "issuer_pt": issuer_size_pt(letter.signature)})
    return HTML(string=html).write_pdf(font_config=FontConfiguration())


# --- DOCX --------------------------------------------------------------------------------------

def _bottom_rule(paragraph, color=RED, eighths_pt=12, space_pt=11):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", str(eighths_pt)), ("w:space", str(space_pt)),
                       ("w:color", color)):
        bottom.set(qn(key), value)
    borders.append(bottom)
    # CT_PPr's children have a fixed order (Word rejects others): pBdr comes before these.
    ppr.insert_element_before(borders, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku",
                              "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
                              "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing",
                              "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
                              "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                              "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def render_docx(letter: Notice) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = new_document(letter.title, letter.signature)

    def paragraph(text="", *, align=None, first_line=0, space_before_lines=0, **run_kwargs):
        p = document.add_paragraph()
        if align is not None:
            p.alignment = align
        if first_line:
            indent_chars(p, first_line=first_line)
        if space_before_lines:
            p.paragraph_format.space_before = Pt(LINE_PT * space_before_lines)
        if text:
            add_run(p, text, **run_kwargs)
        return p

    # 版头: the issuing agency in red, the letter number two lines below, the red rule 4 mm under it.
    issuer_pt = issuer_size_pt(letter.signature)
    issuer = paragraph(letter.signature, align=WD_ALIGN_PARAGRAPH.CENTER, font=TITLE_FONT, size=issuer_pt,
                       bold=True, color=RED)
    issuer.paragraph_format.line_spacing = Pt(issuer_pt * 1.4)
    number = paragraph(letter.number, align=WD_ALIGN_PARAGRAPH.CENTER, space_before_lines=0.5)
    _bottom_rule(number)

    title = paragraph(letter.title, align=WD_ALIGN_PARAGRAPH.CENTER, space_before_lines=2,
                      font=TITLE_FONT, size=22, bold=True)
    title.paragraph_format.line_spacing = Pt(32)
    paragraph(letter.addressee, space_before_lines=1)
    for text in [*letter.paragraphs, letter.basis, letter.remedies]:
        p = paragraph(text, first_line=2)
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    # 署名 右空二字; 成文日期 below, its first character two characters right of the signature's.
    date_text = chinese_date(letter.dated)
    sign_em, date_em = _width_em(letter.signature), _width_em(date_text)
    if sign_em >= date_em + 2:
        sign_right, date_right = 2, sign_em - date_em
    else:
        sign_right, date_right = 4 + date_em - sign_em, 2
    signature = paragraph(letter.signature, align=WD_ALIGN_PARAGRAPH.RIGHT, space_before_lines=1)
    signature.paragraph_format.keep_with_next = True
    indent_chars(signature, right=sign_right)
    date_p = paragraph(date_text, align=WD_ALIGN_PARAGRAPH.RIGHT)
    indent_chars(date_p, right=date_right)
    if letter.contact:
        paragraph(_note(letter.contact), first_line=2)

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
