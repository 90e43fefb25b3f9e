"""The decision tree and applicant types of a request, read from the annual report form (国办公开办函
〔2021〕30号, shared/data/annual_report_2021.json), so that every request's outcome is exactly one row
of table 三 and its applicant exactly one column: the yearly report then counts, never maps."""

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

FORM_FILE = "annual_report_2021.json"
TOTAL_ROW = "r7"


@dataclass(frozen=True)
class Outcome:
    key: str      # the table 三 row key, e.g. "r3_4"
    title: str    # "4.保护第三方合法权益"
    group: str    # "（三）不予公开"; the two top-level outcomes are their own group

    @property
    def label(self):
        return self.title if self.group.startswith("三") else f"{self.group} {self.title}"


@cache
def _form(path: str):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _table(form_path=None):
    return _form(str(form_path or settings.SHARED_DATA_DIR / FORM_FILE))["tables"]["t3"]


def outcomes(form_path=None) -> list[Outcome]:
    """Every leaf outcome, in the form's order: 予以公开, 部分公开, then the reasons of each group."""
    return [Outcome(row["key"], row["title"], row.get("group", ""))
            for row in _table(form_path)["rows"]
            if row["key"].startswith("r") and row["key"] != TOTAL_ROW]


def outcome_groups(form_path=None) -> list[tuple[str, list[Outcome]]]:
    """[(group title, [outcomes])] for a two-level choice; 予以公开 and 部分公开 stand alone."""
    groups: list[tuple[str, list[Outcome]]] = []
    for outcome in outcomes(form_path):
        name = outcome.title if outcome.group.startswith("三") else outcome.group
        if groups and groups[-1][0] == name:
            groups[-1][1].append(outcome)
        else:
            groups.append((name, [outcome]))
    return groups


def applicant_types(form_path=None) -> list[tuple[str, str, str]]:
    """[(column key, title, group)]: 自然人, then the five kinds of 法人或其他组织."""
    return [(col["key"], col["title"], col.get("group", "")) for col in _table(form_path)["columns"]
            if "sum_of" not in col]


def outcome_choices():
    """Model field choices: every leaf, labelled with its group (callable, so migrations never copy the form)."""
    return [(outcome.key, outcome.label) for outcome in outcomes()]


def outcome_label(key: str) -> str:
    """The outcome as people say it, e.g. "部分公开" or "不予公开：保护第三方合法权益" (the form's row titles carry
    numbering and counting notes meant for the report)."""
    found = next((o for o in outcomes() if o.key == key), None)
    if found is None:
        return key
    if found.group.startswith("三"):
        return _plain(found.title)
    return f"{_plain(found.group)}：{_plain(found.title)}"


def _plain(title: str) -> str:
    """"（二）部分公开（区分处理的，……）" → "部分公开"; "4.保护第三方合法权益" → "保护第三方合法权益"."""
    return re.sub(r"（[^（）]*）$", "", re.sub(r"^(（[一二三四五六七八九十]+）|\d+\.)", "", title)).strip()
