"""电子监察 as spreadsheets (openpyxl), in the style of the monthly reports (reports/monthly_xlsx.py): a title,
a line saying what was exported and when, then a bordered table, headers bold on grey, figures as numbers."""

import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from zhengwu.reports.monthly.xlsx import BOLD, BORDER, HEADER_FILL, WRAP, xlsx_response

from .models import CardLevel

MAX_ROWS = 20000  # an export past this says so; a province's whole history belongs in a report, not a sheet

__all__ = ["MAX_ROWS", "agency_workbook", "cards_workbook", "region_workbook", "violations_workbook",
           "xlsx_response"]


def _save(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet(workbook, title, heading, note, headers, rows, number_columns=(), widths=None):
    """Append one titled, bordered table as a sheet; `number_columns` are 1-based columns of figures."""
    sheet = workbook.create_sheet(title[:31])
    sheet.append([heading])
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    sheet.append([note])
    sheet.append([])
    sheet.append(headers)
    header_row = sheet.max_row
    for column in range(1, len(headers) + 1):
        cell = sheet.cell(header_row, column)
        cell.font, cell.fill, cell.border, cell.alignment = BOLD, HEADER_FILL, BORDER, WRAP
    count = 0
    for values in rows:
        if count == MAX_ROWS:
            sheet.append([f"仅导出前 {MAX_ROWS} 行，请缩小筛选范围后再导出其余部分。"])
            break
        sheet.append(list(values))
        count += 1
        for column in range(1, len(headers) + 1):
            cell = sheet.cell(sheet.max_row, column)
            cell.border = BORDER
            if column in number_columns:
                cell.number_format = "0"
            else:
                cell.alignment = WRAP
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    for index, width in enumerate(widths or [16] * len(headers), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    return sheet


def _workbook():
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def _now():
    return timezone.localtime().strftime("%Y-%m-%d %H:%M")


FIGURE_HEADERS = ["在办", "预警", "黄牌", "红牌", "本年违规"]


def region_workbook(region, type_label: str, rows, totals: dict, swept_at) -> bytes:
    """The overview table: the region's own row, each child agency's subtree, and the total."""
    from .dashboard import FIGURES

    workbook = _workbook()
    when = timezone.localtime(swept_at).strftime("%Y-%m-%d %H:%M") if swept_at else "尚未扫描"
    body = [[row.label, *(row.figures[name] for name in FIGURES)] for row in rows]
    body.append(["合计", *(totals[name] for name in FIGURES)])
    _sheet(workbook, "监察总览", f"{region.name} 电子监察总览（{type_label}）",
           f"统计时间 {when}；导出时间 {_now()}。各行含该单位及其所属单位。", ["单位", *FIGURE_HEADERS], body,
           number_columns=range(2, 7), widths=[36, 10, 10, 10, 10, 12])
    return _save(workbook)


def _clock_text(clock: dict) -> str:
    if clock["due_on"] is None:
        return f"{clock['label']}：{clock['state_label']}"
    card = f"，{clock['card']}" if clock["card"] else ""
    return f"{clock['label']}：{clock['due_on']:%Y-%m-%d}（{clock['left_text']}{card}）"


def agency_workbook(agency, sections) -> bytes:
    """An agency's open cases, one sheet per case type: `sections` is [(case type, [case rows as the agency
    page shows them])]."""
    workbook = _workbook()
    for case_type, rows in sections:
        body = [[row["number"], row["title"], row["state"], "；".join(_clock_text(c) for c in row["clocks"]),
                 row["card"] or "—"] for row in rows]
        _sheet(workbook, case_type.label, f"{agency.name} 在办{case_type.label}",
               f"导出时间 {_now()}；按到期日先后排列。", ["编号", "事项/标题", "状态", "时限（到期日，剩余工作日）", "亮牌"],
               body, widths=[26, 30, 16, 60, 10])
    if not sections:
        _sheet(workbook, "在办案件", f"{agency.name} 在办案件", f"导出时间 {_now()}。", ["编号"], [])
    return _save(workbook)


def cards_workbook(region, cards, filters: str) -> bytes:
    workbook = _workbook()
    body = ([card.issued_on, CardLevel(card.level).label, card.case_label, card.case_number, card.case_title,
             card.agency.name, card.due_on, card.clock.get_state_display()] for card in cards)
    _sheet(workbook, "亮牌", f"{region.name} 电子监察亮牌", f"{filters}；导出时间 {_now()}。",
           ["亮牌日期", "级别", "案件类型", "案件编号", "事项/标题", "责任单位", "到期日", "时限状态"], body,
           widths=[12, 8, 18, 26, 28, 30, 12, 10])
    return _save(workbook)


def violations_workbook(region, violations, filters: str) -> bytes:
    workbook = _workbook()
    body = ([v.found_on, v.get_kind_display(), v.case_label, v.case_number, v.agency.name, v.detail]
            for v in violations)
    _sheet(workbook, "违规", f"{region.name} 电子监察违规记录", f"{filters}；导出时间 {_now()}。",
           ["发现日期", "违规类型", "案件类型", "案件编号", "责任单位", "情况"], body,
           widths=[12, 14, 18, 26, 30, 50])
    return _save(workbook)
