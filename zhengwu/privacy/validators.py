"""Validators for personal data, with Chinese messages."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RESIDENT_ID_CHECK_CHARS = "10X98765432"
RESIDENT_ID_RE = re.compile(r"^\d{17}[\dX]$")
MOBILE_PHONE_RE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE_RE = re.compile(r"^0\d{2,3}\d{7,8}$")  # area code (010, 0731 …) and a 7- or 8-digit number
CONTACT_LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}$")  # as typed in a contact field: 0731-84000000


def resident_id_check_digit(first17):
    """The GB 11643-1999 check character (ISO 7064 MOD 11-2) for the first 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, RESIDENT_ID_WEIGHTS, strict=True))
    return RESIDENT_ID_CHECK_CHARS[total % 11]


def validate_resident_id(value):
    """An 18-character resident ID number (公民身份号码, GB 11643-1999): 17 digits and a check digit or X,
    a real birth date not in the future, and a correct check character. A lower-case x is accepted."""
    text = "" if value is None else str(value).strip().upper()
    if len(text) != 18:
        raise ValidationError("身份证号码应为18位。", code="resident_id_length")
    if not RESIDENT_ID_RE.match(text):
        raise ValidationError("身份证号码格式不正确：前17位应为数字，最后一位为数字或X。", code="resident_id_format")
    try:
        birth = datetime.date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        birth = None
    if birth is None or birth.year < 1900 or birth > datetime.date.today():
        raise ValidationError("身份证号码中的出生日期无效。", code="resident_id_birth_date")
    if resident_id_check_digit(text[:17]) != text[17]:
        raise ValidationError("身份证号码校验位不正确，请核对后重新输入。", code="resident_id_check_digit")


def validate_mobile_phone(value):
    """A mainland mobile number: 11 digits starting with 1 and then 3-9."""
    text = "" if value is None else str(value).strip()
    if not MOBILE_PHONE_RE.match(text):
        raise ValidationError("手机号码格式不正确：应为以1开头、第二位为3至9的11位数字。", code="mobile_phone")


def validate_phone(value):
    """A contact number: a mainland mobile (as validate_mobile_phone), or a landline with its area code.
    Spaces and hyphens are the caller's to remove."""
    text = "" if value is None else str(value).strip()
    if text.startswith("1"):
        validate_mobile_phone(text)
    elif not LANDLINE_RE.match(text):
        raise ValidationError("电话号码格式不正确：请填写11位手机号码，或带区号的固定电话（如 0731-88888888）。",
                              code="phone")


def clean_contact(value):
    """A mobile number, a landline (0731-84000000) or an e-mail address."""
    value = (value or "").strip().replace(" ", "")
    if "@" in value:
        try:
            validate_email(value)
        except ValidationError:
            raise ValidationError("电子邮箱格式不正确。") from None
        return value
    if MOBILE_PHONE_RE.match(value) or CONTACT_LANDLINE_RE.match(value):
        return value
    raise ValidationError("请填写手机号码（11位）、固定电话（如 0731-84000000）或电子邮箱。")
