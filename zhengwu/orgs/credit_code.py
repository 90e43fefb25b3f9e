"""统一社会信用代码 (GB 32100-2015): validation, and generation of well-formed demo codes.

The code is 18 characters: 登记管理部门码 (1), 机构类别码 (1), 登记管理机关行政区划码 (6),
主体标识码 (9, the GB 11714 organisation code with its own check character) and a check character.
"""

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def _check_char(body17):
    total = sum(ALPHABET.index(ch) * w for ch, w in zip(body17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def _org_check_char(body8):
    total = sum(ALPHABET.index(ch) * w for ch, w in zip(body8, ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def validate(code):
    """Return a Chinese error message, or "" when the code is well formed."""
    code = (code or "").strip().upper()
    if len(code) != 18:
        return "统一社会信用代码应为 18 位。"
    if any(ch not in ALPHABET for ch in code):
        return "统一社会信用代码含有无效字符（不使用 I、O、Z、S、V）。"
    if not code[2:8].isdigit():
        return "统一社会信用代码第 3–8 位应为行政区划代码。"
    if _check_char(code[:17]) != code[17]:
        return "统一社会信用代码校验位错误，请核对。"
    return ""


def make_demo_code(division_code, serial, registry="1", category="1"):
    """A well-formed code for demo data: 机关 (11) + division + serial organisation code."""
    body8 = f"{serial:08d}"
    body17 = f"{registry}{category}{division_code[:6]}{body8}{_org_check_char(body8)}"
    return body17 + _check_char(body17)
