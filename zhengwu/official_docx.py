"""Word documents in the GB/T 9704-2012 党政机关公文格式, shared by every DOCX the platform writes (告知书,
yearly reports): A4 with the standard 版心 (156 × 225 mm), 仿宋 3号 body on 22 lines, East-Asian fonts set
on every run (Word users' own CJK fonts are used), and "— 1 —" page numbers, odd pages right and even pages
left, one character in. python-docx is imported inside the functions: only document writers need it."""

BODY_FONT = "仿宋"       # GB/T 9704 body face; Word's FangSong
TITLE_FONT = "宋体"      # stands in for 小标宋, which few machines have
LATIN_FONT = "Times New Roman"
RED = "CC0000"
BODY_PT = 16
LINE_PT = 28.95          # 225 mm / 22 lines


def set_fonts(rpr, east_asian: str):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr, name in (("w:ascii", LATIN_FONT), ("w:hAnsi", LATIN_FONT), ("w:cs", LATIN_FONT),
                       ("w:eastAsia", east_asian)):
        fonts.set(qn(attr), name)
    fonts.set(qn("w:hint"), "eastAsia")


def add_run(paragraph, text: str, *, font=BODY_FONT, size=BODY_PT, bold=False, color=None):
    from docx.shared import Pt, RGBColor

    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = LATIN_FONT
    if color:
        run.font.color.rgb = RGBColor.from_string(color)
    set_fonts(run._element.get_or_add_rPr(), font)
    return run


def indent_chars(paragraph, *, first_line=0, right=0):
    """w:ind in characters (hundredths), as Word's own 首行缩进 2 字符 does, with twips as fallback."""
    from docx.oxml.ns import qn

    ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
    if first_line:
        ind.set(qn("w:firstLineChars"), str(int(first_line * 100)))
        ind.set(qn("w:firstLine"), str(int(first_line * BODY_PT * 20)))
    if right:
        ind.set(qn("w:rightChars"), str(int(right * 100)))
        ind.set(qn("w:right"), str(int(right * BODY_PT * 20)))


def page_number(paragraph):
    """"— PAGE —" as a field, so Word and LibreOffice number every page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    add_run(paragraph, "— ", font=TITLE_FONT, size=14)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = add_run(paragraph, "", font=TITLE_FONT, size=14)
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._element.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._element.append(instr)
        else:
            run.text = text
    add_run(paragraph, " —", font=TITLE_FONT, size=14)



def new_document(title: str, author: str):
    """An empty document with the page, the Normal style, page numbers and the core properties set."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28)  # puts the page number about 7 mm under the text block

    normal = document.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = Pt(BODY_PT)
    rpr = normal.element.get_or_add_rPr()
    set_fonts(rpr, BODY_FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    rpr.append(lang)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PT)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = True

    document.settings.odd_and_even_pages_header_footer = True
    odd = section.footer.paragraphs[0]
    odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    indent_chars(odd, right=1)
    page_number(odd)
    even = section.even_page_footer.paragraphs[0]
    even.alignment = WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = Pt(14)
    page_number(even)

    document.core_properties.title = title
    document.core_properties.author = author
    document.core_properties.language = "zh-CN"
    return document
