"""Tracking codes (查询码) and the public lookup by number and code, for every case type with a `number` and a
`tracking_code`: requests, 办件, letters, complaints. The same answer for an unknown number and a wrong code,
and each such failure counts against the client's network (zhengwu.throttle), so codes cannot be guessed."""

import datetime
import math
import secrets

from django.utils import timezone

from zhengwu.throttle import ANSWER_FIELD, TOKEN_FIELD, Challenge, Throttled

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def new_tracking_code():
    """The 查询码 that, with the number, lets an applicant follow a case without an account."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


def code_matches(case, code):
    """Whether `code` is the case's 查询码. Bytes, because compare_digest refuses non-ASCII text and a typed
    code may hold any character."""
    return secrets.compare_digest((code or "").strip().upper().encode(), case.tracking_code.encode())


def normalize_number(value):
    return (value or "").strip().upper()[:40]


class LookupGuard:
    """One lookup by number and code through a case type's lookup limit. A case type subclasses it with its
    `limit` (a zhengwu.throttle.Limit), its `noun` and `records()`:

        guard = LetterLookupGuard(request, token, answer)
        if guard.refused: …429 with guard.refusal()…
        if guard.admit(): case = guard.find(number, code)  # None: the one generic message
    """

    limit = None
    noun = "编号"

    def __init__(self, request, token="", answer="", *, ask=True):
        self.request = request
        self.usage = self.limit.usage(request)
        self.challenge = (Challenge.resume(self.limit.scope, token, answer)
                          if ask and self.usage.needs_challenge else None)

    @classmethod
    def for_form(cls, request, *, ask=True):
        return cls(request, request.POST.get(TOKEN_FIELD), request.POST.get(ANSWER_FIELD), ask=ask)

    @property
    def refused(self):
        return self.usage.refused

    def refusal(self):
        """The Chinese message when refused: why, and from when to try again."""
        seconds = self.usage.retry_after
        at = timezone.localtime(timezone.now() + datetime.timedelta(seconds=seconds))
        return (f"查询失败次数过多：同一网络一小时内{self.noun}或查询码错误达{self.usage.hard}次，暂时无法查询。"
                f"请于{at:%H:%M}后（约{math.ceil(seconds / 60)}分钟后）再试。")

    def api_refusal(self):
        """The exception an API lookup raises when refused or `admit` said no: 429, with the question if asked."""
        if self.refused:
            return Throttled(self.refusal(), retry_after=self.usage.retry_after)
        detail = self.challenge.error
        if self.challenge.problem == "missing":
            detail = ("查询失败次数较多，为防止猜测查询码，请回答 captcha.question 中的验证问题，附上 captcha_token 和 "
                      "captcha_answer（阿拉伯数字）后重新查询。")
        return Throttled(detail, challenge=self.challenge)

    def admit(self):
        """False when refused outright or the question was not answered right (the page asks it anew)."""
        if self.refused:
            return False
        return self.challenge is None or self.challenge.redeem()

    def records(self):
        """The case type's queryset the number is looked up in."""
        raise NotImplementedError

    def find(self, number, code):
        case = self.records().filter(number=normalize_number(number)).first()
        if case is None or not code_matches(case, code):
            self.limit.record(self.request)
            return None
        return case
