"""The discretion calculator (行政裁量权基准): a penalty power and the facts of a case give the lawful grade and
range, and the benchmark clause that gives them. The gravest circumstance chosen decides; 不予处罚 only when
every fact chosen is one of its circumstances."""

from decimal import Decimal

from .models import GRADE_ORDER, Circumstance, Power, PowerType


class DiscretionError(Exception):
    """A question the benchmark cannot answer; the message says why, in Chinese."""


def _fine(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def penalty_power(code: str) -> Power:
    power = Power.objects.filter(code=(code or "").strip()).first()
    if power is None:
        raise DiscretionError(f"没有编码为“{code}”的行政权力。")
    if power.power_type != PowerType.PENALTY:
        raise DiscretionError(f"“{code}”不是行政处罚事项，没有裁量基准。")
    return power


def assess(power_code: str, fact_codes: list[str]) -> dict:
    power = penalty_power(power_code)
    circumstances = {c.code: c for c in Circumstance.objects.filter(power=power)}
    if not circumstances:
        raise DiscretionError(f"“{power.code}”尚未公布裁量基准。")
    codes = [code.strip() for code in fact_codes if code.strip()]
    if not codes:
        raise DiscretionError("请至少选择一项违法情形（facts）。")
    unknown = [code for code in codes if code not in circumstances]
    if unknown:
        raise DiscretionError(f"该事项的裁量基准中没有这些情形编码：{'、'.join(unknown)}。")
    chosen = [circumstances[code] for code in codes]
    decisive = max(chosen, key=lambda c: (GRADE_ORDER.index(c.grade), -c.position))
    return {"power": power.code, "grade": decisive.get_grade_display(), "range": decisive.range_text,
            "fine_min": _fine(decisive.fine_min), "fine_max": _fine(decisive.fine_max), "rule": decisive.rule}
