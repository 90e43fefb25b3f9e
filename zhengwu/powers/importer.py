"""Import of a power list from XLSX (the sheet agencies keep their 权力清单 in): one row per change of a power.
Every row is checked first; any error is reported as `第 N 行，列 X：…` and nothing is stored, so a list is
either imported whole or not at all. A row of a code already in the list records a change of that power."""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl import load_workbook

from zhengwu.files.extract import validate_upload
from zhengwu.orgs.models import Agency, holds

from .models import ChangeKind, Power, PowerChange, PowerType

COLUMNS = ["权力编码", "权力名称", "权力类型", "实施机关", "设定依据", "实施主体", "责任事项", "追责情形",
           "变更类型", "生效日期", "决定文件"]
REQUIRED = {"权力编码", "权力名称", "权力类型", "实施机关", "设定依据", "实施主体", "变更类型", "生效日期", "决定文件"}
TYPES = {label: value for value, label in PowerType.choices}
KINDS = {label: value for value, label in ChangeKind.choices}


class ImportFailed(Exception):
    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class Row:
    number: int
    values: dict


def _text(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value).strip()


def read(path) -> list[Row]:
    # The uploads' one check first (type from content, decompression limits): openpyxl would inflate a bomb.
    try:
        if validate_upload(path) != "xlsx":
            raise ValidationError("请上传 Excel（.xlsx）格式的权力清单。")
    except ValidationError as refused:
        raise ImportFailed(refused.messages) from None
    sheet = load_workbook(path, read_only=True, data_only=True).active
    rows = sheet.iter_rows(values_only=True)
    header = [_text(cell) for cell in next(rows, [])]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        raise ImportFailed([f"第 1 行：缺少列 {'、'.join(missing)}（列名应为：{'、'.join(COLUMNS)}）。"])
    index = {name: header.index(name) for name in COLUMNS}
    found = []
    for number, cells in enumerate(rows, start=2):
        values = {name: _text(cells[i]) if i < len(cells) else "" for name, i in index.items()}
        if any(values.values()):
            found.append(Row(number, values))
    return found


def _day(value):
    if isinstance(value, date):
        return value
    return date.fromisoformat(value)


def check(rows: list[Row], user=None) -> list[dict]:
    """The rows as changes to store, or ImportFailed with every row's errors. With `user` (an upload in the
    admin), every row's agency must be one whose list the user keeps (powers.edit)."""
    errors, changes = [], []
    agencies = {a.name: a for a in Agency.objects.filter(name__in={r.values["实施机关"] for r in rows})}
    existing = {p.code: p for p in Power.objects.filter(code__in={r.values["权力编码"] for r in rows})}
    for row in rows:
        v, where = row.values, f"第 {row.number} 行"
        row_errors = [f"{where}，列 {name}：不能为空。" for name in COLUMNS if name in REQUIRED and not v[name]]
        if v["权力类型"] and v["权力类型"] not in TYPES:
            row_errors.append(f"{where}，列 权力类型：“{v['权力类型']}”不是权力类型，可选：{'、'.join(TYPES)}。")
        if v["变更类型"] and v["变更类型"] not in KINDS:
            row_errors.append(f"{where}，列 变更类型：“{v['变更类型']}”不是变更类型，可选：{'、'.join(KINDS)}。")
        if v["实施机关"] and v["实施机关"] not in agencies:
            row_errors.append(f"{where}，列 实施机关：找不到名称为“{v['实施机关']}”的机构。")
        elif v["实施机关"] and user is not None and not holds(user, agencies[v["实施机关"]], "powers.edit"):
            row_errors.append(f"{where}，列 实施机关：您无权维护{v['实施机关']}的权力清单。")
        day = None
        if v["生效日期"]:
            try:
                day = _day(v["生效日期"])
            except ValueError:
                row_errors.append(f"{where}，列 生效日期：“{v['生效日期']}”格式应为 YYYY-MM-DD。")
        known = existing.get(v["权力编码"])
        if known and v["实施机关"] in agencies and known.agency_id != agencies[v["实施机关"]].pk:
            row_errors.append(f"{where}，列 实施机关：编码 {v['权力编码']} 已属于{known.agency.name}。")
        if known and v["权力类型"] in TYPES and known.power_type != TYPES[v["权力类型"]]:
            row_errors.append(f"{where}，列 权力类型：编码 {v['权力编码']} 已登记为{known.get_power_type_display()}。")
        errors.extend(row_errors)
        if not row_errors:
            changes.append({"code": v["权力编码"], "agency": agencies[v["实施机关"]], "type": TYPES[v["权力类型"]],
                            "kind": KINDS[v["变更类型"]], "decided_on": day, "document": v["决定文件"],
                            "name": v["权力名称"], "legal_basis": v["设定依据"], "implementing_body": v["实施主体"],
                            "responsibilities": v["责任事项"], "accountability": v["追责情形"]})
    if errors:
        raise ImportFailed(errors)
    return changes


def import_powers(path, user=None) -> int:
    """Import the sheet at `path` (a path or a file); returns how many changes were recorded. Nothing is
    stored on any error. `user`: the staff member uploading it, whose scope limits the agencies. The sheet is
    read and checked outside any transaction; only `store` writes, in one."""
    return store(check(read(path), user))


@transaction.atomic
def store(changes: list[dict]) -> int:
    """Record checked changes (from `check`): a new code makes the power, then each change is one row."""
    for change in changes:
        power, _ = Power.objects.get_or_create(code=change["code"], defaults={
            "agency": change["agency"], "power_type": change["type"]})
        PowerChange.objects.create(power=power, kind=change["kind"], decided_on=change["decided_on"],
                                   document=change["document"], name=change["name"],
                                   legal_basis=change["legal_basis"], implementing_body=change["implementing_body"],
                                   responsibilities=change["responsibilities"],
                                   accountability=change["accountability"])
    return len(changes)
