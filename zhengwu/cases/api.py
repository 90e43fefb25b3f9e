"""What every case type's JSON API shares: the refusal of a submission that fails its form (422 with each
field's Chinese message), the 429 answer with its question, and the staff API's one dispatcher of steps.

The refusals themselves (errors.py) are answered by the project's API (zhengwu/api.py) in one place:
ActionForbidden → 403, ActionRefused → 409, each with the action's Chinese message as `detail`."""

from django.core.exceptions import ValidationError
from ninja import Schema
from pydantic import ValidationError as SchemaError


class InvalidRequest(Exception):
    """A submission that fails the form's checks: answered 422 with every field's Chinese message."""

    def __init__(self, errors, what="申请"):
        self.errors = errors
        self.message = f"{what}未提交，请修改：" + "；".join(f"{field}：{messages[0]}" for field, messages in errors.items())
        super().__init__(self.message)


class ChallengeOut(Schema):
    token: str
    question: str


class ThrottledOut(Schema):
    detail: str
    captcha: ChallengeOut | None = None
    retry_after: int | None = None


def form_errors(form, names=None):
    """A Django form's errors keyed as the API names its fields (`names` maps a form field to its API name)."""
    errors = {}
    for field, messages in form.errors.items():
        key = (names or {}).get(field, "请求" if field == "__all__" else field)
        errors.setdefault(key, []).extend(str(m) for m in messages)
    return errors


def schema_errors(error: SchemaError) -> dict:
    """A step's parameters that fail its schema, in Chinese, keyed by where they are in the body."""
    return {".".join(str(p) for p in e["loc"]) or "请求体": [chinese_message(e)] for e in error.errors()}


def chinese_message(error) -> str:
    """One pydantic or ninja validation error, said in Chinese."""
    kind = error.get("type", "")
    if kind == "missing":
        return "必填。"
    if kind.startswith("literal"):
        return f"取值不在可选范围内（可选：{error.get('ctx', {}).get('expected', '')}）。"
    if "date" in kind:
        return "日期格式应为 YYYY-MM-DD。"
    if "decimal" in kind or "float" in kind or "int" in kind:
        return "应为数字。"
    return "格式不正确。"


def dispatch(steps: dict, case, user, payload: dict):
    """Run one step named by `payload["action"]` on `case` for `user`, as the admin's step page would.
    `steps` maps each name to (its parameter schema, call(case, user, params)). A refusal propagates (403 or
    409 through the project's handler); an unknown step, bad parameters or a refused upload raise
    InvalidRequest (422)."""
    name = payload.get("action")
    if not isinstance(name, str) or name not in steps:
        raise InvalidRequest({"action": [f"未知的办理操作，可选：{'、'.join(steps)}。"]})
    schema, call = steps[name]
    try:
        params = schema(**{k: v for k, v in payload.items() if k != "action"})
    except SchemaError as error:
        raise InvalidRequest(schema_errors(error)) from None
    try:
        return call(case, user, params)
    except ValidationError as invalid:  # a file refused by the one upload path (type, size)
        raise InvalidRequest({"filename": invalid.messages}) from None
