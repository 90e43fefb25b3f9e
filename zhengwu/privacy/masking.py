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


_RESIDENT_ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_PHONE_IN_TEXT = re.compile(r"(?<!\d)(\+?\d{0,4}[- ]?)?(1[3-9]\d)(\d{4})(\d{4})(?!\d)")
_LANDLINE_IN_TEXT = re.compile(r"(?<![0-9])(0\d{2,3})([- ]?)(\d{3,4})(\d{4})(?![0-9])")
_EMAIL_IN_TEXT = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*(@[A-Za-z0-9.-]+)")


def mask_text(text):
    """Mask every resident ID number, mobile and landline number (0731-84000000) and email address inside
    free text: an error message before it is logged, or a citizen's letter or comment before it is published."""
    text = _RESIDENT_ID_IN_TEXT.sub(lambda m: mask_id_number(m.group(0)), str(text or ""))
    text = _PHONE_IN_TEXT.sub(lambda m: f"{m.group(1) or ''}{m.group(2)}****{m.group(4)}", text)
    text = _LANDLINE_IN_TEXT.sub(lambda m: f"{m.group(1)}{m.group(2)}{'*' * len(m.group(3))}{m.group(4)}", text)
    return _EMAIL_IN_TEXT.sub(lambda m: f"{m.group(1)}****{m.group(2)}", text)
