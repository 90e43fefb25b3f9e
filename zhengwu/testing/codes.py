"""The 查询码 a page or a message gave the applicant: the platform keeps only its digest, so a test reads the
code where the applicant reads it (the receipt page, the JSON answer, the SMS)."""

import re

from zhengwu.cases.tracking import CODE_ALPHABET, CODE_LENGTH

# "查询码" then only separators or markup, then the code: "查询码：<strong>ABCD2345</strong>", "查询码 ABCD2345。"
CODE_AFTER_LABEL = re.compile(rf"查询码(?:[：:\s]|<[^>]*>)*([{CODE_ALPHABET}]{{{CODE_LENGTH}}})(?![{CODE_ALPHABET}])")


def issued_code(text):
    """The code shown in `text` (a receipt page or a notification's body)."""
    found = CODE_AFTER_LABEL.findall(text)
    assert found, f"no 查询码 in: {text[:300]}"
    return found[0]


def solved(html):
    """The text question on a page, answered: the fields to post with the lookup or the form."""
    token = re.search(r'name="captcha_token" value="([^"]+)"', html).group(1)
    question = re.search(r"请计算：(.+?)等于几", html).group(1)
    return {"captcha_token": token, "captcha_answer": str(_solve(question))}


def _solve(words):
    from zhengwu.throttle import parse_number

    for operation, sign in (("加", 1), ("减", -1)):
        if operation in words:
            a, b = words.split(operation)
            return parse_number(a) + sign * parse_number(b)
    raise AssertionError(f"not a question: {words}")
