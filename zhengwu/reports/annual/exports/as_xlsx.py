"""The yearly report as XLSX (openpyxl): a first sheet 报告正文 with the title and the text parts, then
one sheet per table laid out like the form (grid.py): merged heading cells, label columns, borders,
figures stored as numbers (a figure not filled in as an empty cell), readable widths, frozen heads."""

import io
import math
import unicodedata

from zhengwu.reports.annual.document import EMPTY_TEXT
from zhengwu.reports.annual.exports.grid import BLOCK, FIGURE, LABEL, NOTE, grid_for, placed

TEXT_SHEET = "报告正文"
SHEET_NAMES = {"t2": "表二 主动公开", "t3": "表三 依申请公开", "t4": "表四 复议诉讼"}
FONT = "宋体"
TABLE_PT = 10.5
TEXT_WIDTH = 70  # column A of 报告正文 in Excel's character units: about 35 characters, fits A4 portrait
FIRST_TABLE_ROW = 2  # row 1 of a table sheet holds the part's title
BLOCK_SHADE = "E6E6E6"
LANDSCAPE_FROM = 11  # columns: table 四 (15) prints landscape, 三 (10) portrait as on the form


def _width_units(text: str) -> float:
    """Width in Excel's character units: a CJK (full-width) character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))


def _lines(text: str, width: float) -> int:
    return max(1, math.ceil(_width_units(text) / max(width - 1.5, 1)))


def _number(value):
    """A figure as a number for Excel; None (not filled in) stays an empty cell."""
    if value is None or isinstance(value, int | float):
        return value
    try:
        return int(value)
    except (TypeError, ValueError):
        try:
            return float(value)
        except (TypeError, ValueError):
            return str(value)


def _text_sheet(sheet, context, table_parts):
    from openpyxl.styles import Alignment, Font

    sheet.column_dimensions["A"].width = TEXT_WIDTH
    rows = [(context["title"], Font(name=FONT, size=16, bold=True), Alignment(horizontal="center"), None)]
    meta = [f"索引号：{context['index_number']}" if context["index_number"] else "",
            f"发布日期：{context['published_on']}" if context["published_on"] else ""]
    if any(meta):
        rows.append(("　　".join(text for text in meta if text), Font(name=FONT, size=11),
                     Alignment(horizontal="center"), None))
    rows.append(("", None, None, None))
    for part in context["parts"]:
        rows.append((part["title"], Font(name=FONT, size=12, bold=True), None, None))
        if part["kind"] == "table":
            sheet_name = table_parts[part["table"]]
            rows.append((f"见工作表“{sheet_name}”。", Font(name=FONT, size=11, color="0B5CAD", underline="single"),
                         None, f"#'{sheet_name}'!A1"))
            continue
        for text in part["paragraphs"] or [EMPTY_TEXT]:
            rows.append((text, Font(name=FONT, size=11),
                         Alignment(horizontal="left", vertical="top", wrap_text=True, indent=2 if part["paragraphs"] else 0), None))
    for number, (text, font, alignment, link) in enumerate(rows, 1):
        cell = sheet.cell(row=number, column=1, value=text or None)
        if font:
            cell.font = font
        if alignment:
            cell.alignment = alignment
        if link:
            cell.hyperlink = link
        if alignment is not None and alignment.wrap_text:
            sheet.row_dimensions[number].height = 16 * _lines(text, TEXT_WIDTH - 4)
    _print_on_a4(sheet)


def _table_sheet(sheet, part):
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    grid = grid_for(part)
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for index, width in enumerate(grid.widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    title = sheet.cell(row=1, column=1, value=part["title"])
    title.font = Font(name=FONT, size=12, bold=True)
    sheet.row_dimensions[1].height = 22

    heights = {}
    for r, c, item in placed(grid):
        row, column = FIRST_TABLE_ROW + r, 1 + c
        value = _number(item.value) if item.role == FIGURE else item.value
        cell = sheet.cell(row=row, column=column, value=value)
        cell.font = Font(name=FONT, size=TABLE_PT, bold=item.bold)
        left = item.role in (LABEL, NOTE) and not item.vertical
        cell.alignment = Alignment(horizontal="left" if left else "center", vertical="center", wrap_text=True,
                                   text_rotation=255 if item.vertical else 0)
        if item.role == BLOCK:
            cell.fill = PatternFill("solid", fgColor=BLOCK_SHADE)
        if item.rowspan > 1 or item.colspan > 1:
            sheet.merge_cells(start_row=row, start_column=column, end_row=row + item.rowspan - 1,
                              end_column=column + item.colspan - 1)
        for dr in range(item.rowspan):  # every cell of a merged range, or its border shows only in part
            for dc in range(item.colspan):
                sheet.cell(row=row + dr, column=column + dc).border = border
        if item.rowspan == 1 and item.role != FIGURE and not item.vertical:
            width = sum(grid.widths[c:c + item.colspan])
            heights[row] = max(heights.get(row, 1), _lines(item.value, width))
    for row, lines in heights.items():  # Excel does not grow rows for wrapped text that openpyxl writes
        sheet.row_dimensions[row].height = max(15, lines * TABLE_PT * 1.45)

    if grid.header_rows or grid.label_columns:
        sheet.freeze_panes = f"{get_column_letter(1 + grid.label_columns)}{FIRST_TABLE_ROW + grid.header_rows}"
    if grid.header_rows:
        sheet.print_title_rows = f"{FIRST_TABLE_ROW}:{FIRST_TABLE_ROW + grid.header_rows - 1}"
    _print_on_a4(sheet, landscape=grid.columns >= LANDSCAPE_FROM)


def _print_on_a4(sheet, landscape=False):
    """Printed one page wide, as many pages long as it takes."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def render_xlsx(context: dict) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    table_parts = {part["table"]: SHEET_NAMES.get(part["table"], part["title"][:31])
                   for part in context["parts"] if part["kind"] == "table"}
    text_sheet = workbook.active
    text_sheet.title = TEXT_SHEET
    _text_sheet(text_sheet, context, table_parts)
    for part in context["parts"]:
        if part["kind"] == "table":
            _table_sheet(workbook.create_sheet(table_parts[part["table"]]), part)
    workbook.properties.title = context["title"]
    workbook.properties.creator = context["agency"]
    workbook.properties.language = "zh-CN"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
