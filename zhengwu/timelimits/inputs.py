"""Parsing of user-typed dates and day counts, shared by the command line and the API."""

import re
from datetime import date

MAX_WORKDAYS = 3650  # ten years of working days: beyond any legal time limit
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(text, what: str = "日期") -> date:
    text = (text or "").strip()
    if not text:
        raise ValueError(f"缺少{what}：请按 YYYY-MM-DD 格式填写，例如 2025-09-28")
    try:
        if not _ISO_DATE.match(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{what}“{text}”无效：应为 YYYY-MM-DD 格式的真实日期，例如 2025-09-28") from None


def parse_workdays(text) -> int:
    text = str(text if text is not None else "").strip()
    if not text:
        raise ValueError(f"缺少工作日数：应为 1 到 {MAX_WORKDAYS} 之间的整数")
    try:
        n = int(text)
    except ValueError:
        raise ValueError(f"工作日数“{text}”无效：应为 1 到 {MAX_WORKDAYS} 之间的整数") from None
    if not 1 <= n <= MAX_WORKDAYS:
        raise ValueError(f"工作日数 {n} 超出范围：应为 1 到 {MAX_WORKDAYS} 之间的整数")
    return n
