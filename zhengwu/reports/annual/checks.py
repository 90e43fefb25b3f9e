"""The official cross-checks of a yearly report, on its figures as a plain dict (so that a stored or
edited report is checked the same way as a freshly computed one). Each failure names the cell and the
rule it breaks, in Chinese, for the page that refuses to publish."""

from dataclasses import dataclass

from zhengwu.reports.annual.form import columns, rows


@dataclass(frozen=True)
class Failure:
    rule: str
    table: str
    cell: str
    message: str

    def as_json(self):
        return {"rule": self.rule, "table": self.table, "cell": self.cell, "message": self.message}


def _titles(items):
    return {item["key"]: item["title"] for item in items}


def check_three(cells: dict, table: dict, last_year: dict | None = None) -> list[Failure]:
    """一 + 二 = 三（七）+ 四 per column; 总计 row and column are sums; 上年结转 equals last year's 结转下年度."""
    failures = []
    column_titles, row_titles = _titles(table["columns"]), _titles(table["rows"])
    for column in columns(table):
        left = cells["new"][column] + cells["carried_in"][column]
        right = cells["r7"][column] + cells["carried_out"][column]
        if left != right:
            failures.append(Failure("balance", "t3", f"r7/{column}",
                                    f"表三“{column_titles[column]}”列：本年新收 + 上年结转（{left}）"
                                    f"不等于办理结果总计 + 结转下年度（{right}）。"))
        if last_year is not None and cells["carried_in"][column] != last_year["carried_out"][column]:
            failures.append(Failure("carry", "t3", f"carried_in/{column}",
                                    f"表三“{column_titles[column]}”列：上年结转（{cells['carried_in'][column]}）"
                                    f"不等于上一年度报告的结转下年度（{last_year['carried_out'][column]}）。"))
    for row in table["rows"]:
        if "sum_of" in row:
            for column in columns(table):
                expected = sum(cells[part][column] for part in row["sum_of"])
                if cells[row["key"]][column] != expected:
                    failures.append(Failure("row_sum", "t3", f"{row['key']}/{column}",
                                            f"表三“{row['title']}”行“{column_titles[column]}”列应为各项之和 {expected}，"
                                            f"现为 {cells[row['key']][column]}。"))
    for column in table["columns"]:
        if "sum_of" in column:
            for row in rows(table):
                expected = sum(cells[row][part] for part in column["sum_of"])
                if cells[row][column["key"]] != expected:
                    failures.append(Failure("column_sum", "t3", f"{row}/{column['key']}",
                                            f"表三“{row_titles[row]}”行的总计应为六类申请人之和 {expected}，"
                                            f"现为 {cells[row][column['key']]}。"))
    return failures


def check_four(cells: dict, table: dict) -> list[Failure]:
    failures = []
    groups = _titles(table["column_groups"])
    total = next(column for column in table["columns_per_group"] if "sum_of" in column)
    for group, figures in cells.items():
        expected = sum(figures[part] for part in total["sum_of"])
        if figures[total["key"]] != expected:
            failures.append(Failure("row_sum", "t4", f"{group}/{total['key']}",
                                    f"表四“{groups[group]}”的总计应为各结果之和 {expected}，现为 {figures[total['key']]}。"))
    return failures


def check_two(cells: dict, last_year: dict | None, movements: dict | None = None) -> list[Failure]:
    """现行有效件数 continues last year's: last year's + made − repealed this year (规章, 规范性文件), give or
    take the items that took effect or lapsed by their dates alone (`proactive.in_force_movements`)."""
    failures = []
    if last_year is None:
        return failures
    names = {"rules": "规章", "normative_docs": "行政规范性文件"}
    for row, name in names.items():
        now, before = cells["art20_1"][row], last_year["art20_1"][row]
        if None in (now["in_force"], now["made"], now["repealed"], before["in_force"]):
            continue
        moved = (movements or {}).get(row, 0)
        expected = before["in_force"] + now["made"] - now["repealed"] + moved
        if now["in_force"] != expected:
            detail = f"，另有 {moved:+d} 件因生效或失效日期变动" if moved else ""
            failures.append(Failure("in_force", "t2", f"art20_1/{row}/in_force",
                                    f"表二{name}现行有效件数（{now['in_force']}）应为上年 {before['in_force']} "
                                    f"+ 本年制发 {now['made']} − 本年废止 {now['repealed']}{detail} = {expected}。"))
    return failures
