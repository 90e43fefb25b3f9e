"""The yearly report as DOCX (python-docx), set like the agency's letters (zhengwu.official_docx: A4, GB/T
9704 margins, 仿宋 body on 22 lines, "— 1 —" page numbers) with real Word tables merged as the form
merges them (grid.py). Fonts are named as Word users have them (仿宋, 宋体, 黑体) and set as the
East-Asian font, so each reader's own CJK fonts are used."""

import io

from zhengwu.official_docx import BODY_PT, LINE_PT, TITLE_FONT, add_run, indent_chars, new_document, set_fonts
from zhengwu.reports.annual.document import EMPTY_TEXT, NOT_FILLED
from zhengwu.reports.annual.exports.grid import BLOCK, FIGURE, HEAD, grid_for, placed

HEADING_FONT = "黑体"
TABLE_FONT = "宋体"
TABLE_PT = {"t2": 10.5, "t3": 10, "t4": 9}  # 五号; table 三 and 四 a little smaller to fit the 版心
TEXT_WIDTH_MM = 156
BLOCK_SHADE = "E6E6E6"
# Table 三 fills most of a page: it starts one, so that it is never split (LibreOffice ignores the
# keep-with-next that holds a table together in Word).
NEW_PAGE_TABLES = {"t3"}
CENTRED = (BLOCK, HEAD, FIGURE)


def _figure(value) -> str:
    return NOT_FILLED if value is None else str(value)


def _shade(cell, fill: str):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)):
        shading.set(qn(key), value)
    # CT_TcPr's children have a fixed order: shd comes before these.
    cell._tc.get_or_add_tcPr().insert_element_before(
        shading, "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
        "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")


def _repeat_as_header(row):
    """Word repeats the row on each page and reads it as the table's header row (accessibility)."""
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _caption(table, text: str):
    """The table's title for screen readers (Word's 可选文字 of a table)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    caption = OxmlElement("w:tblCaption")
    caption.set(qn("w:val"), text)
    table._tbl.tblPr.append(caption)


def _fill(cell, item, size):
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.line_spacing = 1.0  # the body's exact 28.95 pt lines would be far too tall
    centred = item.role in CENTRED or item.vertical
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT
    text = _figure(item.value) if item.role == FIGURE else str(item.value)
    add_run(paragraph, text, font=TABLE_FONT, size=size, bold=item.bold)
    if item.role == BLOCK:
        _shade(cell, BLOCK_SHADE)


def add_table(document, part: dict):
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml.ns import qn
    from docx.shared import Mm
    from docx.text.paragraph import Paragraph

    grid = grid_for(part)
    size = TABLE_PT[grid.table]
    table = document.add_table(rows=len(grid.rows), cols=grid.columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    total = sum(grid.widths)
    widths = [Mm(TEXT_WIDTH_MM * width / total) for width in grid.widths]
    # Every cell once, before merging (table.cell() walks the whole table on each call); a merged cell
    # sums the widths of its columns.
    cells = table._cells
    for index, column in enumerate(table.columns):
        column.width = widths[index]
    for index, cell in enumerate(cells):
        cell.width = widths[index % grid.columns]
    for r in range(grid.header_rows):
        _repeat_as_header(table.rows[r])
    for r, c, item in placed(grid):
        cell = cells[r * grid.columns + c]
        if item.rowspan > 1 or item.colspan > 1:
            corner = cells[(r + item.rowspan - 1) * grid.columns + c + item.colspan - 1]
            cell = cell.merge(corner)
        _fill(cell, item, size)
    # Keep the table on one page with its heading where it fits (Word's "与下段同页" on all rows but the last).
    for tr in table._tbl.tr_lst[:-1]:
        for p in tr.iter(qn("w:p")):
            Paragraph(p, table).paragraph_format.keep_with_next = True
    _caption(table, part["title"])
    return table


def _heading_style(document):
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    # The parts are Word headings (navigation pane, screen readers), set as GB/T 9704 first-level
    # headings: 黑体 3号, black, not bold; the template's theme fonts would override the named ones.
    heading = document.styles["Heading 1"]
    heading.font.size = Pt(BODY_PT)
    heading.font.bold = False
    heading.font.color.rgb = RGBColor(0, 0, 0)
    fonts = heading.element.get_or_add_rPr().find(qn("w:rFonts"))
    if fonts is not None:
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
    set_fonts(heading.element.get_or_add_rPr(), HEADING_FONT)
    heading.paragraph_format.space_before = Pt(LINE_PT / 2)
    heading.paragraph_format.space_after = Pt(0)
    heading.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    heading.paragraph_format.line_spacing = Pt(LINE_PT)
    heading.paragraph_format.keep_with_next = True


def render_docx(context: dict) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = new_document(context["title"], context["agency"])
    _heading_style(document)

    for line in (context["agency"], f"{context['year']}年政府信息公开工作年度报告"):
        title = document.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.paragraph_format.line_spacing = Pt(32)
        add_run(title, line, font=TITLE_FONT, size=22, bold=True)
    meta = [f"索引号：{context['index_number']}" if context["index_number"] else "",
            f"发布日期：{context['published_on']}" if context["published_on"] else ""]
    if any(meta):
        line = document.add_paragraph()
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        line.paragraph_format.space_before = Pt(8)
        add_run(line, "　　".join(text for text in meta if text), size=12)
    document.add_paragraph()

    for part in context["parts"]:
        heading = document.add_paragraph(style="Heading 1")
        heading.paragraph_format.page_break_before = part.get("table") in NEW_PAGE_TABLES
        add_run(heading, part["title"], font=HEADING_FONT)
        if part["kind"] == "table":
            add_table(document, part)
            continue
        for text in part["paragraphs"] or [EMPTY_TEXT]:
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            if part["paragraphs"]:
                indent_chars(paragraph, first_line=2)
            add_run(paragraph, text)

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
