"""The discretion calculator (行政裁量权基准): a penalty power and the facts of a case give the lawful grade and
range, and the benchmark clause that gives them. The gravest circumstance chosen decides; 不予处罚 only when
every fact chosen is one of its circumstances. The benchmark's conditions (Adjustment: 不予处罚, 减轻, 从轻,
从重) chosen beside them then move the answer: 不予处罚 overrides, 减轻 goes below the range, 从轻/从重 keep the
lower/upper share of it, and 从轻 with 从重 leave the range whole (综合裁量); every clause applied is named."""

from decimal import Decimal

from .models import GRADE_ORDER, Adjustment, Circumstance, Effect, Grade, Power, PowerType


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
    adjustments = {a.code: a for a in Adjustment.objects.filter(power=power)}
    if not circumstances:
        raise DiscretionError(f"“{power.code}”尚未公布裁量基准。")
    codes = list(dict.fromkeys(code.strip() for code in fact_codes if code.strip()))
    if not codes:
        raise DiscretionError("请至少选择一项违法情形（facts）。")
    unknown = [code for code in codes if code not in circumstances and code not in adjustments]
    if unknown:
        raise DiscretionError(f"该事项的裁量基准中没有这些情形编码：{'、'.join(unknown)}。")
    chosen = [circumstances[code] for code in codes if code in circumstances]
    if not chosen:
        raise DiscretionError("裁量情节（从轻、减轻、从重等）须与至少一项违法情形一并选择。")
    decisive = max(chosen, key=lambda c: (GRADE_ORDER.index(c.grade), -c.position))
    return _adjusted(power, decisive, [adjustments[code] for code in codes if code in adjustments])


def _answer(power, grade, range_text, low, high, rules):
    return {"power": power.code, "grade": grade, "range": range_text, "fine_min": _fine(low), "fine_max": _fine(high),
            "rule": "；".join(rules)}


def _adjusted(power, decisive, conditions) -> dict:
    grade, text, low, high = decisive.get_grade_display(), decisive.range_text, decisive.fine_min, decisive.fine_max
    if not conditions or decisive.grade == Grade.EXEMPT:
        return _answer(power, grade, text, low, high, [decisive.rule])
    exempt = [a for a in conditions if a.effect == Effect.EXEMPT]
    if exempt:
        return _answer(power, Grade.EXEMPT.label, "不予行政处罚", None, None, [exempt[0].rule])
    rules = [decisive.rule, *(a.rule for a in conditions)]
    effects = {a.effect for a in conditions}
    numeric = low is not None and high is not None
    if Effect.MITIGATED in effects:
        below = f"{_fine(low)}元以下" if low is not None else "上述幅度以下"
        return _answer(power, grade, f"{text}；减轻处罚：在法定幅度以下处罚（罚款{below}）", None, low, rules)
    if Effect.LIGHTER in effects and Effect.HEAVIER in effects:
        return _answer(power, grade, f"{text}；同时具有从轻、从重情节：在上述幅度内综合裁量", low, high, rules)
    heavier = Effect.HEAVIER in effects
    share = min(a.share for a in conditions if a.effect in (Effect.HEAVIER if heavier else Effect.LIGHTER,))
    if numeric:
        span = (high - low) * Decimal(share) / 100
        low, high = (high - span, high) if heavier else (low, low + span)
        low, high = low.quantize(Decimal(1)), high.quantize(Decimal(1))
        text = f"{text}；{'从重' if heavier else '从轻'}处罚：罚款{_fine(low)}元以上{_fine(high)}元以下"
    else:
        text = f"{text}；{'从重' if heavier else '从轻'}处罚：在上述幅度{'上限以下' if heavier else '下限以上'}{share}%内裁量"
    return _answer(power, grade, text, low, high, rules)
