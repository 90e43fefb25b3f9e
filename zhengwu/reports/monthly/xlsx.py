"""Monthly reports as spreadsheets (openpyxl): one agency's month, and a region's roll-up. Headers bold on
grey, every table cell bordered, figures written as numbers (not text) so that they can be summed."""

import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from zhengwu.reports.monthly.figures import INDICATORS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="E7E9EC")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="center")
RATE_FORMAT = "0.0"


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


def _save(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _title(sheet, text, width):
    sheet.append([text])
    sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=width)
    sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=14)


def _table(sheet, headers, rows, number_columns=(), rate_columns=()):
    """Append a bordered table; `number_columns`/`rate_columns` are 1-based columns holding figures."""
    sheet.append(headers)
    header_row = sheet.max_row
    for column in range(1, len(headers) + 1):
        cell = sheet.cell(header_row, column)
        cell.font, cell.fill, cell.border, cell.alignment = BOLD, HEADER_FILL, BORDER, WRAP
    for values in rows:
        sheet.append(values)
        for column in range(1, len(headers) + 1):
            cell = sheet.cell(sheet.max_row, column)
            cell.border = BORDER
            if column in rate_columns and cell.value is not None:
                cell.number_format = RATE_FORMAT
            elif column in number_columns and cell.value is not None:
                cell.number_format = "0"
            elif column not in number_columns and column not in rate_columns:
                cell.alignment = WRAP
    return header_row


def _when(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else "—"


def _who(user):
    return (user.get_full_name() or user.username) if user else "—"


def report_workbook(report, rows: list[dict], due) -> bytes:
    """One agency's month: who and when, then one row per indicator (类别, 指标, 数值, 来源, 说明)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"{report.year}年{report.month}月"
    _title(sheet, f"{report.agency.name} {report.period}月报", 5)
    frozen = "上报时的数字" if report.is_frozen else "当前数字（尚未上报）"
    for label, value in (("状态", report.get_state_display()), ("报送截止日期", due.isoformat()),
                         ("上报", f"{_when(report.submitted_at)} {_who(report.submitted_by)}"),
                         ("审核通过", f"{_when(report.approved_at)} {_who(report.approved_by)}"),
                         ("数字口径", frozen)):
        sheet.append([label, value])
        sheet.cell(sheet.max_row, 1).font = BOLD
    if report.state == report.State.RETURNED:
        sheet.append(["退回理由", report.returned_reason])
        sheet.cell(sheet.max_row, 1).font = BOLD
    sheet.append([])
    table = [[row["group"], row["title"], row["value"], row["label"], row["note"]] for row in rows]
    header_row = _table(sheet, ["类别", "指标", "数值", "来源", "说明"], table, number_columns={3})
    for offset, row in enumerate(rows, start=1):  # rates keep one decimal
        if row["rate"] and row["value"] is not None:
            sheet.cell(header_row + offset, 3).number_format = RATE_FORMAT
    for column, width in zip("ABCDE", (12, 26, 12, 26, 60), strict=True):
        sheet.column_dimensions[column].width = width
    return _save(workbook)


def region_workbook(agency, year: int, month: int, rows: list[dict], summary: dict) -> bytes:
    """A region's month: one row per agency (state, whether its figures are as submitted), the totals of
    the submitted and approved reports, and a second sheet listing the agencies that have not submitted."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "汇总"
    headers = ["机关", "状态", "逾期", "数字口径", *[indicator.title for indicator in INDICATORS]]
    first_figure = 5
    rate_columns = {first_figure + index for index, indicator in enumerate(INDICATORS) if indicator.rate_of}
    number_columns = set(range(first_figure, first_figure + len(INDICATORS))) - rate_columns
    _title(sheet, f"{agency.name} {year}年{month}月月报地区汇总", len(headers))
    sheet.append([f"报送截止日期：{summary['due_on'].isoformat()}。合计只计已上报、已通过的月报；"
                  "未上报机关一行为当前实时统计数，不计入合计。"])
    sheet.append([])
    table = []
    for row in rows:
        indent = "\u3000" * max(row["depth"] - agency.depth, 0)
        table.append([indent + row["agency"], row["state_label"], "逾期" if row["overdue"] else "",
                      "上报时" if row["frozen"] else "实时（不计入合计）",
                      *[row["values"][indicator.key][0] for indicator in INDICATORS]])
    totals = summary["totals"]
    table.append(["合计（已上报、已通过）", "", "", "", *[totals[indicator.key][0] for indicator in INDICATORS]])
    header_row = _table(sheet, headers, table, number_columns=number_columns, rate_columns=rate_columns)
    for column in range(1, len(headers) + 1):
        sheet.cell(sheet.max_row, column).font = BOLD
    sheet.freeze_panes = sheet.cell(header_row + 1, 2)
    sheet.column_dimensions["A"].width = 36
    for column in range(2, len(headers) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 12 if column < first_figure else 14
    missing = workbook.create_sheet("未上报")
    _title(missing, f"{year}年{month}月尚未上报月报的机关（共 {len(summary['not_submitted'])} 个）", 1)
    _table(missing, ["机关"], [[name] for name in summary["not_submitted"]])
    missing.column_dimensions["A"].width = 40
    return _save(workbook)

