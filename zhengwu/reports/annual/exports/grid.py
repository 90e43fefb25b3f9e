"""The three tables of a yearly report as plain grids (rows of cells with their spans), made from the
printed layout (`layout.table_layout`) so that DOCX and XLSX merge exactly the cells the form merges.

Part 二 becomes one four-column table as the form prints it: each block a shaded heading row across the
table, its own column-head row, then its rows; a block with one figure column spans it over three."""

from collections.abc import Iterator
from dataclasses import dataclass

BLOCK, HEAD, NOTE, LABEL, FIGURE = "block", "head", "note", "label", "figure"
T2_COLUMNS = 4  # 信息内容 + at most three figure columns (第二十条第（一）项)
T3_LABEL_COLUMNS = 3  # group, sub-group, row title


@dataclass(frozen=True)
class GridCell:
    value: object  # the text of a heading or label; a figure (int, float or None) in a FIGURE cell
    role: str
    rowspan: int = 1
    colspan: int = 1
    bold: bool = False
    vertical: bool = False  # the narrow group column of table 三, written top to bottom as on the form


@dataclass(frozen=True)
class Grid:
    table: str
    rows: list
    columns: int
    header_rows: int  # repeated on each page (DOCX) and frozen (XLSX)
    label_columns: int
    widths: tuple  # relative column widths, in Excel's character units


def _head(item, role=HEAD) -> GridCell:
    return GridCell(item["text"], role, item.get("rowspan", 1), item.get("colspan", 1),
                    bold=role == HEAD)


def _spans(n: int) -> list[int]:
    """How many of the three figure columns each of a block's `n` columns covers (the last takes the rest)."""
    base = (T2_COLUMNS - 1) // n
    return [base] * (n - 1) + [T2_COLUMNS - 1 - base * (n - 1)]


def table_two(layout: dict) -> Grid:
    rows = []
    for block in layout["blocks"]:
        spans = _spans(len(block["columns"]))
        rows.append([GridCell(block["title"], BLOCK, colspan=T2_COLUMNS, bold=True)])
        rows.append([GridCell("信息内容", HEAD, bold=True),
                     *(GridCell(column["title"], HEAD, colspan=span, bold=True)
                       for column, span in zip(block["columns"], spans, strict=True))])
        for row in block["rows"]:
            rows.append([GridCell(row["title"], LABEL),
                         *(GridCell(cell["value"], FIGURE, colspan=span)
                           for cell, span in zip(row["cells"], spans, strict=True))])
    return Grid("t2", rows, T2_COLUMNS, header_rows=0, label_columns=1, widths=(30, 20, 20, 20))


def table_three(layout: dict) -> Grid:
    rows = [[_head(item, NOTE if item["tag"] == "td" else HEAD) for item in header_row]
            for header_row in layout["header"]]
    for row in layout["body"]:
        labels = [GridCell(label["text"], LABEL, label.get("rowspan", 1), label.get("colspan", 1),
                           bold=row["sum"] or "--in0" in label["class"], vertical="--0" in label["class"])
                  for label in row["labels"]]
        rows.append([*labels, *(GridCell(cell["value"], FIGURE, bold=row["sum"]) for cell in row["cells"])])
    figures = len(layout["body"][0]["cells"])
    return Grid("t3", rows, T3_LABEL_COLUMNS + figures, header_rows=len(layout["header"]),
                label_columns=T3_LABEL_COLUMNS, widths=(5, 13, 44, *([9] * figures)))


def table_four(layout: dict) -> Grid:
    rows = [[_head(item) for item in header_row] for header_row in layout["header"] if header_row]
    rows.append([GridCell(cell["value"], FIGURE, bold=cell["sum"]) for cell in layout["cells"]])
    return Grid("t4", rows, len(layout["cells"]), header_rows=len(rows) - 1, label_columns=0,
                widths=tuple([9] * len(layout["cells"])))


GRIDS = {"t2": table_two, "t3": table_three, "t4": table_four}


def grid_for(part: dict) -> Grid:
    """The grid of a table part from `document.document_parts`."""
    return GRIDS[part["table"]](part["layout"])


def placed(grid: Grid) -> Iterator[tuple[int, int, GridCell]]:
    """(row, column, cell) of every cell, columns counted as the HTML table model does: a cell starts at
    the first column of its row not covered by a rowspan from above."""
    taken = set()
    for r, row in enumerate(grid.rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            yield r, c, cell
            taken.update((r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan))
            c += cell.colspan
