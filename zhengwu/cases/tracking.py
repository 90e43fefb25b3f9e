"""Tracking codes (查询码) and the one public lookup by number and code, for every case type with a `number` and
a `tracking_digest`: requests and FOI complaints, 办件, letters, efficiency complaints — on every entrance (the
HTML pages, the JSON API, downloads by code, the actions a case page posts).

Storage. A code is 8 characters from a 32-letter alphabet (40 bits). Only its HMAC-SHA256 is stored
(`tracking_digest`, keyed from the field-encryption keys by privacy.hashing, so a key rotation keeps old codes
working); it is compared in constant time. The clear code exists only in the memory of the request that
issued it: the acknowledgement page (shown once), the JSON answer and the SMS/e-mail text — whose copy in the
notification log holds a mark in its place (notifications: the code is kept encrypted only until the message is
sent, for a retry, then erased). The case itself cannot tell it again, to staff
or anyone; a lost code cannot be recovered, only replaced by a new one.

Answer. An unknown number and a wrong code get the same message, and both count as a failure.

Limits (the reasoning). The attacker guesses pairs (number, code); numbers are sequential, so only the code is
secret. Failures are counted in Django's cache (Redis in production, so across workers and nodes), per hour:
  * per client network (zhengwu.throttle: an IPv4 address or an IPv6 /64), over all case types: from
    LOOKUP_FAILURES_PER_HOUR on a lookup must answer the text question, from LOOKUP_FAILURES_HARD_LIMIT_PER_HOUR
    on the network is refused (429 with the time to retry). This stops guessing across many numbers;
  * per (network, number): from LOOKUP_FAILURES_PER_NUMBER on, that network's lookups of that one number are
    refused without the code being checked. This stops guessing one number hard, and — because it is keyed by
    the network too — guessing someone's number never locks its owner out: the owner's own network has no
    failures on it. Their own typos cost at most the rest of the hour, and the page says until when.
So one network gets at most 30 guesses an hour, 2.6e5 a year, against 2^40 ≈ 1.1e12 codes: odds of one hit
in a year ≈ 2.4e-7 per network. A spread-out attack is bounded by how many networks it holds and by what the
servers answer at all: 1,000 wrong lookups a second, all year, would find one code with odds ≈ 3 % — far more
than a platform of this size answers, and visible long before (an IPv6 attacker rotating through the 65,536
/64s of a /48 is the case to watch for in the logs). What the limit cannot tell apart is an attacker and an applicant behind the
same address past the network's hard limit: that network waits out the hour (the page says until when; a
signed-in FOI applicant reads their requests under 我的申请 without any code).
"""

import datetime
import hashlib
import hmac
import math
import secrets
import unicodedata

from django.db import models
from django.utils import timezone

from zhengwu.privacy.hashing import blind_index, blind_index_candidates
from zhengwu.throttle import ANSWER_FIELD, TOKEN_FIELD, Challenge, Limit, Throttled

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
CODE_LENGTH = 8
PURPOSE = "tracking_code"  # the blind-index purpose: its own derived key

# Wrong number/code pairs per hour and client network, over every case type: the question, then the refusal.
LOOKUPS = Limit("lookup", "LOOKUP_FAILURES_PER_HOUR", "LOOKUP_FAILURES_HARD_LIMIT_PER_HOUR", 5, 30)
PER_NUMBER_SETTING = "LOOKUP_FAILURES_PER_NUMBER"
DEFAULT_PER_NUMBER = 5


def new_tracking_code():
    """The 查询码 that, with the number, lets an applicant follow a case without an account."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(code):
    """As typed: full-width letters become ASCII, case and surrounding spaces do not matter."""
    return unicodedata.normalize("NFKC", str(code or "")).strip().upper()[:40]


def tracking_digest(code):
    """What is stored of a code: HMAC-SHA256 under the newest key, 64 hex characters."""
    return blind_index(normalize_code(code), PURPOSE)


def tracking_digest_field():
    """The model field every case type keeps its code's digest in."""
    return models.CharField("查询码摘要", max_length=64, editable=False,
                            help_text="查询码的 HMAC-SHA256 摘要；查询码本身不保存，只在提交时告知申请人一次。")


def issue_tracking_code(case):
    """Give `case` a new code: its digest goes on the row, the clear code only on this object (`tracking_code`)
    for the acknowledgement and the notification of this request. Returns the clear code."""
    code = new_tracking_code()
    case.tracking_digest = tracking_digest(code)
    case.tracking_code = code
    return code


def code_matches(case, code):
    """Whether `code` is the case's 查询码, compared in constant time against its digest under every configured
    key (old keys included). `case` None (an unknown number) costs the same work and answers False."""
    typed = normalize_code(code)
    stored = (getattr(case, "tracking_digest", "") or "") if case is not None else ""
    matched = False
    for candidate in blind_index_candidates(typed or "-", PURPOSE):
        matched |= hmac.compare_digest(candidate, stored)
    return bool(typed and stored and matched)


def digest_existing_codes(app_label, model_name):
    """A data migration's step: each row's clear `tracking_code` becomes its `tracking_digest` (run between
    adding the digest field and removing the code field; there is no way back)."""

    def forwards(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        batch = []
        for row in model.objects.only("pk", "tracking_code").iterator(chunk_size=1000):
            row.tracking_digest = tracking_digest(row.tracking_code) if row.tracking_code else ""
            batch.append(row)
            if len(batch) == 1000:
                model.objects.bulk_update(batch, ["tracking_digest"])
                batch = []
        model.objects.bulk_update(batch, ["tracking_digest"])

    return forwards


def receipt_ticket(session, key):
    """The acknowledgement page's (number, code) from the session, the code taken out as it is shown: it sits
    in the session store only between the submission and its receipt, and a reload shows the number alone."""
    ticket = dict(session.get(key) or {})
    code = ticket.pop("code", "")
    if code:
        session[key] = ticket
    return ticket.get("number"), code


def normalize_number(value):
    return unicodedata.normalize("NFKC", str(value or "")).strip().upper()[:40]


def _per_number_limit(number):
    """The failures of one number from one network (the key holds a hash of the number, not the number)."""
    key = hashlib.sha256(number.encode()).hexdigest()[:32]
    return Limit(f"lookup-number:{key}", PER_NUMBER_SETTING, PER_NUMBER_SETTING, DEFAULT_PER_NUMBER,
                 DEFAULT_PER_NUMBER)


class LookupGuard:
    """One lookup by number and code through the lookup limits. A case type subclasses it with its `noun` and
    `records()`:

        guard = LetterLookupGuard(request, token, answer)
        if guard.refused: …429 with guard.refusal()…
        if guard.admit():
            case = guard.find(number, code)  # None: the one generic message — or, if now guard.refused, the 429
    """

    limit = LOOKUPS
    noun = "编号"

    def __init__(self, request, token="", answer="", *, ask=True):
        self.request, self.ask = request, ask
        self.usage = self.limit.usage(request)
        self.number_refused = False
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
        when = f"请于{at:%H:%M}后（约{math.ceil(seconds / 60)}分钟后）再试"
        if self.number_refused:
            return (f"查询失败次数过多：同一网络一小时内该{self.noun}的查询码错误达{self.usage.hard}次，"
                    f"暂时无法查询该{self.noun}。{when}；请核对回执或短信中的{self.noun}和查询码。")
        return (f"查询失败次数过多：同一网络一小时内编号或查询码错误达{self.usage.hard}次，暂时无法查询。"
                f"{when}。")

    def api_refusal(self):
        """The exception an API lookup raises when refused or `admit` said no: 429, with the question if asked."""
        if self.refused:
            return Throttled(self.refusal(), retry_after=self.usage.retry_after)
        detail = self.challenge.error
        if self.challenge.problem == "missing":
            detail = ("查询失败次数较多，为防止猜测查询码，请回答 captcha.question 中的验证问题，附上 captcha_token 和 "
                      "captcha_answer（阿拉伯数字）后重新查询。")
        return Throttled(detail, challenge=self.challenge)

    def api_find(self, number, code, not_found):
        """An API lookup: the case, or raise the 429 (refused, or the question to answer) or a 404 `not_found`."""
        from ninja.errors import HttpError

        if not self.admit():
            raise self.api_refusal()
        case = self.find(number, code)
        if case is None:
            raise self.api_refusal() if self.refused else HttpError(404, not_found)
        return case

    def admit(self):
        """False when refused outright or the question was not answered right (the page asks it anew)."""
        if self.refused:
            return False
        return self.challenge is None or self.challenge.redeem()

    def records(self):
        """The case type's queryset the number is looked up in."""
        raise NotImplementedError

    def find(self, number, code):
        """The case when number and code match; else None, the failure counted. Past the limit for this number
        from this network the code is not even checked, and `refused` turns True (the caller answers 429)."""
        number = normalize_number(number)
        per_number = _per_number_limit(number)
        usage = per_number.usage(self.request)
        if usage.refused:
            self.usage, self.number_refused = usage, True
            return None
        case = self.records().filter(number=number).first() if number else None
        if code_matches(case, code):
            return case
        self.limit.record(self.request)
        per_number.record(self.request)
        self._after_failure(per_number)
        return None

    def _after_failure(self, per_number):
        """The failure may have brought the question or a refusal on: the caller shows what is now in force."""
        network, this_number = self.limit.usage(self.request), per_number.usage(self.request)
        if this_number.refused and not network.refused:
            self.usage, self.number_refused = this_number, True
            return
        self.usage = network
        if self.ask and network.needs_challenge and (self.challenge is None or self.challenge.submitted):
            self.challenge = Challenge.new(self.limit.scope)

    def retry_after_header(self, response):
        response["Retry-After"] = str(self.usage.retry_after)
        return response

    def render(self, template, context, *, failed=False):
        """The lookup page: 200, 400 after a failed lookup, 429 with Retry-After when refused (the refusal and
        the question, when one is asked, are in the context as `refusal` and `challenge`)."""
        from django.shortcuts import render

        status = 429 if self.refused else 400 if failed else 200
        response = render(self.request, template, {
            **context, "challenge": None if self.refused else self.challenge,
            "refusal": self.refusal() if self.refused else ""}, status=status)
        return self.retry_after_header(response) if self.refused else response
