"""The statutory holidays that are known years ahead (《全国年节及纪念日放假办法》): 元旦, 春节, 清明, 劳动节, 端午,
中秋 and 国庆 fall on fixed solar or lunar dates or on a solar term. Only the 调休 makeup days wait for each year's
notice. A year without official data counts these as holidays (still marked provisional) instead of treating
them as working days. The rules are data (`data/statutory_holidays.json`, or the file named by the setting
STATUTORY_HOLIDAYS_FILE), so a revision of the 办法 is an edit, not a code change."""

import json
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from django.conf import settings

DEFAULT_RULES = Path(__file__).resolve().parent / "data" / "statutory_holidays.json"
FIRST_LUNAR_YEAR, LAST_LUNAR_YEAR = 1900, 2098  # what the lunar conversion covers


def rules_path() -> Path:
    return Path(getattr(settings, "STATUTORY_HOLIDAYS_FILE", "") or DEFAULT_RULES)


@lru_cache(maxsize=4)
def _rules(path: str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _first_day(rule: dict, year: int) -> date:
    kind = rule["calendar"]
    if kind == "solar":
        day = date(year, rule["month"], rule["day"])
    elif kind == "lunar":
        from lunardate import LunarDate

        day = LunarDate(year, rule["month"], rule["day"]).to_solar_date()
    elif kind == "solar_term":
        import chinese_calendar

        terms = chinese_calendar.get_solar_terms(date(year, 1, 1), date(year, 12, 31))
        day = next(d for d, name in terms if name == rule["term"])
    else:
        raise ValueError(f"未知的历法类型：{kind}")
    return day + timedelta(days=rule.get("offset", 0))


def statutory_holidays(year: int) -> dict[date, str]:
    """The days off the 办法 fixes for `year` (empty outside the years the rules and the conversion cover)."""
    rules = _rules(str(rules_path()))
    if year < max(rules.get("from_year", FIRST_LUNAR_YEAR), FIRST_LUNAR_YEAR) or year > LAST_LUNAR_YEAR:
        return {}
    days = {}
    for rule in rules["holidays"]:
        first = _first_day(rule, year)
        for i in range(rule.get("days", 1)):
            days[first + timedelta(days=i)] = rule["name"]
    return days
