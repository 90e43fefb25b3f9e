"""Import division files (code,name,parent_code,level) and report what changed against the database."""

import csv
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from .models import Agency, Division


@dataclass
class ImportReport:
    added: list = field(default_factory=list)
    renamed: list = field(default_factory=list)  # (code, old name, new name)
    replaced: list = field(default_factory=list)  # (old code, old name, new code, new name)
    retired: list = field(default_factory=list)  # codes in the database, at a level the file covers, absent from it
    unchanged: int = 0

    def lines(self):
        out = [f"新增 {len(self.added)} 个，更名 {len(self.renamed)} 个，代码变更 {len(self.replaced)} 个，"
               f"撤销 {len(self.retired)} 个，未变 {self.unchanged} 个。"]
        out += [f"代码变更：{old} {old_name} → {new} {new_name}" for old, old_name, new, new_name in self.replaced]
        out += [f"更名：{code} {old} → {new}" for code, old, new in self.renamed]
        out += [f"撤销（文件中已无此代码）：{code} {name}" for code, name in self.retired]
        return out


def read_rows(path):
    with Path(path).open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    missing = {"code", "name", "parent_code", "level"} - set(rows[0].keys() if rows else [])
    if missing:
        raise ValueError(f"区划文件 {path} 缺少列：{'、'.join(sorted(missing))}")
    valid_levels = set(Division.Level.values)
    for number, row in enumerate(rows, start=2):
        if row["level"] not in valid_levels:
            raise ValueError(f"区划文件 {path} 第 {number} 行层级“{row['level']}”无效。")
        if not row["code"].isdigit():
            raise ValueError(f"区划文件 {path} 第 {number} 行代码“{row['code']}”不是数字。")
    return rows


def read_changes(path):
    if not path:
        return {}
    with Path(path).open(encoding="utf-8-sig", newline="") as fh:
        return {row["old_code"]: row["new_code"] for row in csv.DictReader(fh)}


@transaction.atomic
def import_divisions(paths, changes_path=None, retire_missing=True):
    """Upsert every row of the files (parents before children) and retire codes that vanished.

    A retired code that the changes file maps to a new code is marked replaced, and the agencies
    that sat in the old division move to the new one.
    """
    rows = [row for path in paths for row in read_rows(path)]
    rows.sort(key=lambda r: (len(r["code"]), r["code"]))
    changes = read_changes(changes_path)
    report = ImportReport()
    existing = {d.code: d for d in Division.objects.all()}
    seen = set()
    for row in rows:
        code, name = row["code"].strip(), row["name"].strip()
        seen.add(code)
        parent = existing.get(row["parent_code"].strip()) if row["parent_code"].strip() else None
        division = existing.get(code)
        if division is None:
            division = Division.objects.create(code=code, name=name, level=row["level"], parent=parent)
            existing[code] = division
            report.added.append(code)
            continue
        if division.name != name:
            report.renamed.append((code, division.name, name))
        if (division.name, division.level, division.parent_id, division.is_active) != (
            name, row["level"], parent.pk if parent else None, True
        ):
            division.name, division.level, division.parent, division.is_active = name, row["level"], parent, True
            division.save()
        else:
            report.unchanged += 1
    if retire_missing:
        levels = {row["level"] for row in rows}
        for code, division in sorted(existing.items()):
            if code in seen or division.level not in levels or not division.is_active:
                continue
            new = existing.get(changes.get(code, ""))
            division.is_active = False
            division.replaced_by = new
            division.save(update_fields=["is_active", "replaced_by"])
            if new is not None:
                Agency.objects.filter(division=division).update(division=new)
                report.replaced.append((code, division.name, new.code, new.name))
            else:
                report.retired.append((code, division.name))
    return report
