"""Partial display of personal data (脱敏). Every function takes anything: None and "" give "", other
values are converted with str(); a value too short to keep both ends shows at most its first character."""

import re


def _text(value):
    return "" if value is None else str(value).strip()


def _mask(text, keep_start, keep_end):
    if not text:
        return ""
    if len(text) <= keep_start + keep_end:
        # Too short to keep both ends and still hide something: keep only the first character.
        return text[:1] + "*" * (len(text) - 1) if len(text) > 1 else "*"
    return text[:keep_start] + "*" * (len(text) - keep_start - keep_end) + text[len(text) - keep_end:]


def mask_id_number(value):
    """"430102199001011234" -> "4301**********1234" (first 4 and last 4 kept)."""
    return _mask(_text(value), 4, 4)


def mask_phone(value):
    """"13812345678" -> "138****5678" (first 3 and last 4 kept)."""
    return _mask(_text(value), 3, 4)


def mask_name(value):
    """"张三丰" -> "张**", "张三" -> "张*" (the first character kept)."""
    return _mask(_text(value), 1, 0)


def mask_email(value):
    """"zhang@example.com" -> "z****@example.com" (first character of the local part, then a fixed "****",
    so the length of the local part is not shown; the domain is kept)."""
    text = _text(value)
    local, at, domain = text.rpartition("@")
    if not at or not local:
        return _mask(text, 1, 0)
    return f"{local[0]}****@{domain}"


def mask_address(value, keep=6):
    """Keeps the first `keep` (6) characters, e.g. "湖南省长沙市岳麓区麓山路1号" -> "湖南省长沙市*********";
    an address of at most `keep` characters keeps only its first half."""
    text = _text(value)
    if len(text) <= keep:
        keep = len(text) // 2
    return text[:keep] + "*" * (len(text) - keep)


# The validators live in validators.py; importable from here too.
from .validators import validate_mobile_phone, validate_resident_id  # noqa: E402

__all__ = [
    "mask_address", "mask_email", "mask_id_number", "mask_name", "mask_phone",
    "validate_mobile_phone", "validate_resident_id",
]


# Free text is matched on a folded copy of the same length: full-width digits and ＠, Chinese numerals (一三八…)
# and full-width dashes read as their ASCII forms, so "１３８ １２３４ ５６７８", "一三八一二三四五六七八" and
# "wangxm＠example.com" are caught like the plain forms; the masks are then applied to the original text.
_FOLD = str.maketrans("０１２３４５６７８９＠〇零一二三四五六七八九－—", "0123456789@00123456789--")
_NOT_ALNUM_BEFORE, _NOT_ALNUM_AFTER = r"(?<![0-9A-Za-z])", r"(?![0-9A-Za-z])"
_DATE = r"(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
# (pattern, digits kept at the start, digits kept at the end); only the named group `n` is masked.
_NUMBERS_IN_TEXT = [
    # Resident ID, 18 characters, also written in groups: 430102 19900101 1234.
    (re.compile(_NOT_ALNUM_BEFORE + r"(?P<n>\d{6}[ -]?" + _DATE + r"[ -]?\d{3}[\dXx]|\d{17}[\dXx])" + _NOT_ALNUM_AFTER), 4, 4),
    # Old 15-digit resident ID: region, YYMMDD, sequence.
    (re.compile(_NOT_ALNUM_BEFORE + r"(?P<n>\d{6}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3})"
                + _NOT_ALNUM_AFTER), 4, 4),
    # Mobile, plain or grouped (138-1234-5678, 138 1234 5678), with or without +86.
    (re.compile(r"(?<!\d)(?:\+?86[ -]?)?(?P<n>1[3-9]\d[ -]?\d{4}[ -]?\d{4})(?!\d)"), 3, 4),
]
_LANDLINE_IN_TEXT = re.compile(r"(?<![0-9])(?P<area>0\d{2,3}[- ]?)(?P<n>\d{3,4})(?P<last>\d{4})(?![0-9])")
_EMAIL_IN_TEXT = re.compile(r"(?P<first>[A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*(?P<domain>@[A-Za-z0-9.-]+)")


def _mask_digits(chars, folded, start, end, keep_start, keep_end):
    digits = [i for i in range(start, end) if folded[i].isdigit() or folded[i] in "Xx"]
    kept = set(digits[:keep_start]) | set(digits[len(digits) - keep_end:] if keep_end else [])
    for i in digits:
        if i not in kept:
            chars[i] = "*"


def mask_text(text):
    """Mask every resident ID number (18 or 15 digits, grouped or not), mobile number (plain, grouped, +86,
    full-width or in Chinese numerals), landline (0731-84000000) and e-mail address (also with ＠) inside free
    text: an error message before it is logged, or a citizen's letter or comment before it is published."""
    text = str(text or "")
    folded = text.translate(_FOLD)
    chars = list(text)
    for pattern, keep_start, keep_end in _NUMBERS_IN_TEXT:
        for match in pattern.finditer(folded):
            if "*" not in "".join(chars[match.start("n"):match.end("n")]):
                _mask_digits(chars, folded, match.start("n"), match.end("n"), keep_start, keep_end)
        folded = "".join("*" if c == "*" else f for c, f in zip(chars, folded, strict=True))
    for match in _LANDLINE_IN_TEXT.finditer(folded):
        _mask_digits(chars, folded, match.start("n"), match.end("n"), 0, 0)
    text, folded = "".join(chars), "".join("*" if c == "*" else f for c, f in zip(chars, folded, strict=True))
    pieces, last = [], 0
    for match in _EMAIL_IN_TEXT.finditer(folded):
        pieces += [text[last:match.start()], text[match.start("first")], "****", text[match.start("domain"):match.end()]]
        last = match.end()
    return "".join(pieces) + text[last:]
