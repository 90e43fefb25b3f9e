"""The yearly report's tables laid out as printed in the official form (国办公开办函〔2021〕30号): header
rows with their spans, label columns, and each figure with the `headers` a screen reader needs. One
layout for every place a report is shown: the admin draft (with inputs and failing cells marked), the
published page and the PDF. In the admin draft each computed figure can also link to the records behind
it (`link`, see `table_layout`); the published page and the PDF are laid out without links."""

from collections import defaultdict

from zhengwu.reports.annual.admin_forms import field_name
from zhengwu.reports.annual.proactive import MANUAL, SOURCES

APPLICANTS_TITLE = "申请人情况"
BALANCE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
TOP_GROUP_MARKS = tuple("一二三四五六七八九十")
TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}


def cell_id(table: str, cell: str) -> str:
    return f"{table}-{cell.replace('/', '-')}"


def numbered(failures: list[dict]):
    """Failures with the anchors the page needs, and which failures each cell breaks."""
    marks = defaultdict(list)
    listed = []
    for n, failure in enumerate(failures, 1):
        anchor, target = f"check-{n}", cell_id(failure["table"], failure["cell"])
        marks[target].append(anchor)
        listed.append({**failure, "anchor": anchor, "target": target})
    return listed, marks


def _cell(table, key, value, marks, headers=()):
    cid = cell_id(table, key)
    return {"id": cid, "value": value, "failures": marks.get(cid, []), "headers": " ".join(headers), "key": key}


def figure_words(spec: dict, table: str) -> dict[str, list[str]]:
    """Every figure of a table named in words, from the table's headings down to the figure, by cell key:
    t3 "r3_3/natural_person" → ["三、本年度办理结果", "（三）不予公开", "3.危及“三安全一稳定”", "自然人"]."""
    if table == "t2":
        return {f"{block['key']}/{row['key']}/{column['key']}": [block["title"], row["title"], column["title"]]
                for block in spec["blocks"] for row in block["rows"] for column in block["columns"]}
    if table == "t3":
        column_words = {column["key"]: [*([column["group"]] if column.get("group") else []), column["title"]]
                        for column in spec["columns"]}
        return {f"{row['key']}/{column}": [*(heading for heading in path if heading), row["title"], *words]
                for row, path in zip(spec["rows"], _row_paths(spec["rows"]), strict=True)
                for column, words in column_words.items()}
    if table == "t4":
        return {f"{group['key']}/{result['key']}": [group["title"], *([group["subtitle"]] if group.get("subtitle")
                                                                       else []), result["title"]]
                for group in spec["column_groups"] for result in spec["columns_per_group"]}
    raise KeyError(table)


def _linked(cells, spec, table, link):
    """Give each computed figure above 0 the url of its records and words for the link's accessible name.
    A 0 has no records, and table 三 alone has some 150 of them: as links they would only be tab stops."""
    if link is None:
        return
    words = figure_words(spec, table)
    for cell in cells:
        if cell.get("manual") or not cell["value"]:
            continue
        url = link(cell["key"])
        if url:
            cell.update(url=url, link_label=f"{cell['value']}，{' · '.join(words[cell['key']])}：查看记录")


def table_two(spec, values, marks, form=None):
    """Part 二 as its four blocks; each cell says whether it is computed or the agency's own figure, and
    carries the input when the draft is being edited."""
    blocks, notes = [], {}
    for block in spec["blocks"]:
        rows = []
        for row in block["rows"]:
            cells = []
            for column in block["columns"]:
                source = SOURCES.get(block["key"], {}).get(row["key"], {}).get(column["key"], {})
                key = f"{block['key']}/{row['key']}/{column['key']}"
                cell = _cell("t2", key, values[block["key"]][row["key"]][column["key"]], marks)
                cell["manual"] = source.get("kind") == MANUAL
                cell["note_id"] = f"{cell['id']}-note"
                cell["note"] = source.get("note", "")
                if not cell["manual"] and cell["note"]:
                    notes.setdefault(column["title"], cell["note"])
                if cell["manual"] and form is not None:
                    bound = form[field_name(block["key"], row["key"], column["key"])]
                    described = [cell["note_id"], *([f"{bound.auto_id}-error"] if bound.errors else []),
                                 *cell["failures"]]
                    attrs = {"aria-describedby": " ".join(described)}
                    if bound.errors:
                        attrs["aria-invalid"] = "true"
                    cell.update(field=bound, widget=bound.as_widget(attrs=attrs),
                                label=f"{row['title']}·{column['title']}")
                cells.append(cell)
            rows.append({"title": row["title"], "cells": cells})
        blocks.append({"key": block["key"], "title": block["title"], "columns": block["columns"], "rows": rows})
    return {"blocks": blocks, "notes": notes}


def _row_paths(rows):
    """Each row's headings above its own title: none, [三、…] or [三、…, （三）…] (the form names only the
    nearest group; a （…） group sits inside the numbered group around it)."""
    paths, top = [], None
    for row in rows:
        group = row.get("group")
        if not group:
            top = None
            paths.append([])
        elif group.startswith(TOP_GROUP_MARKS):
            top = group
            paths.append([group])
        else:
            paths.append([top, group] if top else [group])
    return paths


def _run_length(paths, start, depth):
    prefix = paths[start][:depth + 1]
    n = 0
    for path in paths[start:]:
        if path[:depth + 1] != prefix:
            break
        n += 1
    return n


def table_three(spec, values, marks):
    """Part 三 as printed: three label columns (group, sub-group, row) and the seven applicant columns,
    with `headers` on each figure so that a screen reader names its row and column."""
    columns = spec["columns"]
    header = [[{"tag": "td", "text": BALANCE_NOTE, "rowspan": 3, "colspan": 3, "class": "rpt-corner"},
               {"tag": "th", "text": APPLICANTS_TITLE, "colspan": len(columns), "scope": "colgroup",
                "id": "t3-applicants"}], [], []]
    column_headers = {}
    group_ids = {}
    for column in columns:
        group = column.get("group")
        if group is None:
            header[1].append({"tag": "th", "text": column["title"], "rowspan": 2, "scope": "col",
                              "id": f"t3-col-{column['key']}"})
            column_headers[column["key"]] = ["t3-applicants", f"t3-col-{column['key']}"]
            continue
        if group not in group_ids:
            group_ids[group] = f"t3-colgroup-{len(group_ids) + 1}"
            header[1].append({"tag": "th", "text": group, "scope": "colgroup", "id": group_ids[group],
                              "colspan": sum(1 for c in columns if c.get("group") == group)})
        header[2].append({"tag": "th", "text": column["title"], "scope": "col", "id": f"t3-col-{column['key']}"})
        column_headers[column["key"]] = ["t3-applicants", group_ids[group], f"t3-col-{column['key']}"]

    rows = spec["rows"]
    paths = _row_paths(rows)
    label_ids, body = {}, []
    for i, (row, path) in enumerate(zip(rows, paths, strict=True)):
        labels, row_headers = [], []
        for depth, heading in enumerate(path):
            hid = label_ids.setdefault((depth, heading, tuple(path[:depth])), f"t3-group-{len(label_ids) + 1}")
            row_headers.append(hid)
            if i == 0 or paths[i - 1][:depth + 1] != path[:depth + 1]:
                labels.append({"text": heading, "rowspan": _run_length(paths, i, depth), "id": hid,
                               "scope": "rowgroup", "class": f"rpt-label rpt-label--{depth}"})
        row_id = f"t3-row-{row['key']}"
        row_headers.append(row_id)
        labels.append({"text": row["title"], "colspan": 3 - len(path), "id": row_id, "scope": "row",
                       "class": f"rpt-label rpt-label--row rpt-label--in{len(path)}"
                                + (" rpt-label--sum" if "sum_of" in row else "")})
        cells = [_cell("t3", f"{row['key']}/{column['key']}", values[row["key"]][column["key"]], marks,
                       [*row_headers, *column_headers[column["key"]]]) for column in columns]
        body.append({"key": row["key"], "labels": labels, "cells": cells, "sum": "sum_of" in row})
    return {"header": header, "body": body}


def table_four(spec, values, marks):
    """Part 四 as printed: 行政复议 and the two kinds of 行政诉讼, five results each (15 figures)."""
    groups, results = spec["column_groups"], spec["columns_per_group"]
    header, cells = [[], [], []], []
    titles = {}
    for index, group in enumerate(groups):
        title_id = titles.get(group["title"])
        if title_id is None:
            title_id = titles[group["title"]] = f"t4-title-{index + 1}"
            span = sum(len(results) for g in groups if g["title"] == group["title"])
            header[0].append({"tag": "th", "text": group["title"], "colspan": span, "scope": "colgroup",
                              "id": title_id})
        heads = [title_id]
        if group.get("subtitle"):
            sub_id = f"t4-sub-{group['key']}"
            header[1].append({"tag": "th", "text": group["subtitle"], "colspan": len(results),
                              "scope": "colgroup", "id": sub_id})
            heads.append(sub_id)
        for result in results:
            col_id = f"t4-col-{group['key']}-{result['key']}"
            header[2 if group.get("subtitle") else 1].append(
                {"tag": "th", "text": result["title"], "scope": "col", "id": col_id,
                 "rowspan": 1 if group.get("subtitle") else 2})
            cells.append(_cell("t4", f"{group['key']}/{result['key']}", values[group["key"]][result["key"]],
                               marks, [*heads, col_id]) | {"sum": "sum_of" in result})
    return {"header": header, "cells": cells}


def table_layout(spec: dict, table: str, values: dict, marks=None, form=None, link=None) -> dict:
    """The layout of one of the tables t2, t3, t4; `marks` (cell id → failure anchors), `form` (the
    draft's manual inputs) and `link` (cell key → url of the records behind that figure, or None) only where
    a draft is shown. A linked cell carries `url` and `link_label`; 0 and manual Part 二 cells are never linked."""
    marks = marks or {}
    if table == "t2":
        layout = table_two(spec, values, marks, form)
        cells = [cell for block in layout["blocks"] for row in block["rows"] for cell in row["cells"]]
    elif table == "t3":
        layout = table_three(spec, values, marks)
        cells = [cell for row in layout["body"] for cell in row["cells"]]
    elif table == "t4":
        layout = table_four(spec, values, marks)
        cells = layout["cells"]
    else:
        raise KeyError(table)
    _linked(cells, spec, table, link)
    return layout
