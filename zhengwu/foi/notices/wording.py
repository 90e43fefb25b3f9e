"""The reply letters (告知书) of 依申请公开, composed from structured facts.

Pure composition: no Django, no models. The wording of each outcome (a leaf row of the 2021 annual
report's table 三, see ``outcomes.py``), its legal basis and the remedy periods are editable data in
``wording.json``; this module only checks that every fact the wording needs is there and
fills it in. ``files.py`` renders a ``Notice`` as PDF or DOCX.

A rendered letter reads, in order: the agency header, ``number``, ``title``, ``addressee``,
``paragraphs`` (the first cites the request), ``basis``, ``remedies``, ``signature``, ``dated`` and,
as the 附注 below the date, ``contact``.
"""

import json
import string
from dataclasses import dataclass, fields
from datetime import date
from functools import cache
from pathlib import Path

TEMPLATES_FILE = Path(__file__).with_name("wording.json")

# Facts written as whole sentences: they get a closing 。 when the handler left it off.
SENTENCE_FACTS = {"reasons", "how_to_obtain", "withheld_reason"}
# Facts set into a sentence: trailing punctuation is dropped.
PHRASE_FACTS = {"info_sought", "withheld", "right_agency", "review_body", "court", "agency_name",
                "applicant_name", "request_number", "letter_number"}
SENTENCE_ENDS = ("。", "！", "？", "!", "?", "…", "。”", "！”", "？”", "。）", "。」")
TRAILING = "。，、；：,.;:！!？? \u3000"


@dataclass(frozen=True)
class NoticeFacts:
    agency_name: str
    applicant_name: str
    request_number: str
    received_on: date
    info_sought: str          # what was asked for (名称/文号/特征描述 joined)
    outcome_key: str          # a table-三 leaf key: r1, r2, r3_1..r3_8, r4_1..r4_3, r5_1..r5_5, r6_1..r6_3
    dated: date
    letter_number: str        # given by the caller, e.g. "湖南省财政厅 依申请公开告知〔2026〕12号"
    reasons: str = ""         # the handler's stated facts and reasons
    withheld: str = ""        # 部分公开: what was withheld
    withheld_reason: str = ""  # and why
    how_to_obtain: str = ""   # 予以公开/部分公开: how, when and in what form the information is provided
    right_agency: str = ""    # 无法提供·本机关不掌握: the agency that holds it, when known
    review_body: str = ""     # 行政复议机关, e.g. "湖南省人民政府"
    court: str = ""           # the competent people's court, optional
    contact: str = ""         # disclosure office contact line


@dataclass(frozen=True)
class Notice:
    title: str                # e.g. "政府信息公开申请答复告知书"
    number: str
    addressee: str            # "张三：" form
    paragraphs: list[str]     # body, in order; the first cites the request
    basis: str                # the legal-basis sentence
    remedies: str             # the remedies paragraph
    signature: str            # agency name
    dated: date
    contact: str = ""         # 附注 below the date: the disclosure office's contact line, when given


class MissingFact(ValueError):
    """A fact the letter needs is empty; the message (Chinese) names it."""


@cache
def templates() -> dict:
    return json.loads(TEMPLATES_FILE.read_text(encoding="utf-8"))


def outcome_template(outcome_key: str) -> dict:
    try:
        return templates()["outcomes"][outcome_key]
    except KeyError:
        raise ValueError(f"未知的办理结果“{outcome_key}”，告知书模板中没有对应的条目。") from None


def chinese_date(day: date) -> str:
    """GB/T 9704 成文日期: the year in full, no leading zeros ("2026年3月2日")."""
    return f"{day.year}年{day.month}月{day.day}日"


def _clean(name: str, value) -> str:
    if isinstance(value, date):
        return chinese_date(value)
    text = "\n".join(line.strip() for line in str(value or "").strip().splitlines() if line.strip())
    if not text:
        return ""
    if name in PHRASE_FACTS:
        return text.rstrip(TRAILING)
    if name in SENTENCE_FACTS and not text.endswith(SENTENCE_ENDS):
        return text.rstrip(TRAILING) + "。"
    return text


def _missing(name: str, outcome_name: str = "") -> MissingFact:
    label = templates()["fact_labels"].get(name, name)
    return MissingFact(f"{outcome_name or '告知书'}须写明{label}。")


def _fill(text: str, values: dict, outcome_name: str) -> list[str]:
    """Fill one paragraph template; a placeholder whose fact is empty is an error, never a blank."""
    for _literal, name, _spec, _conv in string.Formatter().parse(text):
        if name is not None and name not in values:
            raise ValueError(f"告知书模板中的占位符“{{{name}}}”不是已知的事实。")
        if name is not None and not values[name]:
            raise _missing(name, outcome_name)
    return [line for line in text.format(**values).splitlines() if line.strip()]


def remedies_paragraph(review_body: str, court: str = "") -> str:
    remedies = templates()["remedies"]
    review_body = _clean("review_body", review_body)
    if not review_body:
        raise _missing("review_body")
    return remedies["text"].format(
        review_days=remedies["review_days"], litigation_months=remedies["litigation_months"],
        review_body=review_body, court=_clean("court", court) or remedies["default_court"])


def compose(facts: NoticeFacts) -> Notice:
    data = templates()
    template = outcome_template(facts.outcome_key)
    name = template.get("name", "")
    values = {f.name: _clean(f.name, getattr(facts, f.name)) for f in fields(facts)}

    for fact in data["always_required"]:
        if not values.get(fact):
            raise _missing(fact)
    for fact in template.get("required", []):
        if not values.get(fact):
            raise _missing(fact, name)

    paragraphs = _fill(data["opening"], values, name)
    for paragraph in template["paragraphs"]:
        if isinstance(paragraph, dict):
            if not values.get(paragraph["when"]):
                continue
            paragraph = paragraph["text"]
        paragraphs += _fill(paragraph, values, name)

    basis = " ".join(_fill(template["basis"], values, name))
    if not (template.get("title") and basis):
        raise ValueError(f"办理结果“{facts.outcome_key}”的告知书模板缺少标题或法律依据。")
    return Notice(
        title=template["title"],
        number=values["letter_number"],
        addressee=f"{values['applicant_name']}：",
        paragraphs=paragraphs,
        basis=basis,
        remedies=remedies_paragraph(values["review_body"], values["court"]),
        signature=values["agency_name"],
        dated=facts.dated,
        contact=values["contact"],
    )
