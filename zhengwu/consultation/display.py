"""How this app's records read to the public: dates in Chinese, and free text with personal data masked.

Free text from the public (comments, hearing statements) is shown escaped by the templates; before that
every ID number, phone number and e-mail address in it is masked (privacy.masking.mask_text)."""

from zhengwu.privacy import masking


def chinese_date(day):
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def public_text(text):
    """Text written by the public, as the public may see it."""
    return masking.mask_text(text or "")
