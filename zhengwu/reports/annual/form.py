"""The yearly report's form as data, by report year: the 2021 national format (国办公开办函〔2021〕30号)
applies from the 2021 reports on. A new revision is a new JSON file and one more line in FORMS; the 2019
trial format differed, so years before 2021 have no form here."""

import json
from functools import cache
from pathlib import Path

from django.conf import settings

FORMS = [(2021, "annual_report_2021.json")]  # (first report year, file in SHARED_DATA_DIR)


class NoForm(LookupError):
    pass


@cache
def _load(path: str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def form_for(year: int) -> dict:
    """The form in force for reports on `year`."""
    applicable = [name for first, name in FORMS if first <= year]
    if not applicable:
        raise NoForm(f"{year} 年度报告没有可用的格式（本平台从 {FORMS[0][0]} 年度起适用国办公开办函〔2021〕30号格式）。")
    return _load(str(Path(settings.SHARED_DATA_DIR) / applicable[-1]))


def rows(table: dict) -> list[str]:
    return [row["key"] for row in table["rows"]]


def columns(table: dict) -> list[str]:
    return [column["key"] for column in table["columns"]]
