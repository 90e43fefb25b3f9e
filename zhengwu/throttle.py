"""Rate limits on anonymous submissions, with a text question (the CAPTCHA fallback) between a soft and
a hard limit. Shared by every public form that files something: 依申请公开, and later the service hall and
the leader mailboxes.

Counting. Each scope ("foi-submit", …) counts submissions per client network in Django's cache (local
memory on one machine, Redis via REDIS_URL across app nodes): a rolling hour kept as six ten-minute
buckets, each an atomic `incr`, so concurrent requests cannot slip past and a burst at a clock-hour
boundary is not counted twice over. The client is REMOTE_ADDR, or — when settings.TRUSTED_PROXY_COUNT
proxies (nginx, a load balancer) stand in front — the address the outermost trusted proxy saw, read from
X-Forwarded-For; an IPv6 client counts by its /64, which one household or phone can rotate through.

Limits. Below the soft limit a submission goes straight through; from the soft limit on, the submitter
must answer a question; from the hard limit on, nothing is accepted until the window has moved on (HTTP
429, Retry-After, and a Chinese message saying when). A soft limit of 0 turns the limit off; signed-in
staff are never limited.

The question. A sum or difference of two small numbers written in Chinese numerals ("七加五等于几？"):
text, so a screen reader reads it and nobody has to decipher an image (GB/T 37668, WCAG 2.1 AA 1.1.1),
and it works without JavaScript. Its answer travels only as an HMAC inside a token signed with
TimestampSigner (valid ten minutes); a token is checked at most once — its nonce is marked in the cache
before the answer is compared, so neither a solved token can be replayed nor a wrong one retried.
It is a speed bump against careless bots, not proof of a human; the hard limit is what stops a flood.
"""

import datetime
import ipaddress
import math
import secrets
import time
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

WINDOW = 3600  # seconds: the limits are per hour
BUCKETS = 6  # the hour is counted in six ten-minute buckets
CHALLENGE_MAX_AGE = 600  # seconds a question may be answered in
TOKEN_FIELD, ANSWER_FIELD = "captcha_token", "captcha_answer"  # the names in forms and in JSON


def _clock():
    return time.time()


# -- who is asking ---------------------------------------------------------------------------------

def client_ip(request):
    """The client's address: REMOTE_ADDR, or with TRUSTED_PROXY_COUNT proxies in front, the address the
    outermost of them saw (each proxy appends the address it received from, so that is the N-th entry from
    the right of X-Forwarded-For; anything left of it was written by the client and is not trusted)."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            candidate = forwarded[-proxies] if len(forwarded) >= proxies else forwarded[0]
            if _parse_ip(candidate) is not None:
                return candidate
    return remote


def _parse_ip(text):
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


def client_key(request):
    """What the counters are keyed by: the IPv4 address, or the IPv6 /64 network."""
    address = _parse_ip(client_ip(request))
    if address is None:
        return "unknown"
    if address.version == 6 and address.ipv4_mapped:
        return str(address.ipv4_mapped)
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def is_exempt(request):
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.is_staff)


# -- counting --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Usage:
    """How much a client has submitted in the last hour, against the limits in force."""

    count: int
    soft: int  # 0: no limit at all
    hard: int  # 0: no hard limit
    buckets: tuple = ()  # (time the bucket leaves the window, its count), oldest first
    now: float = 0.0

    @property
    def refused(self):
        return self.soft > 0 and self.hard > 0 and self.count >= self.hard

    @property
    def needs_challenge(self):
        return self.soft > 0 and self.count >= self.soft and not self.refused

    @property
    def retry_after(self):
        """Seconds until the count drops below the hard limit again (0 when not refused)."""
        if not self.refused:
            return 0
        remaining = self.count
        for leaves_at, count in self.buckets:
            remaining -= count
            if remaining < self.hard:
                return max(1, math.ceil(leaves_at - self.now))
        return WINDOW

    def refusal(self):
        """The Chinese message for a refused submission: why, and from when it can be tried again."""
        seconds = self.retry_after
        at = timezone.localtime(timezone.now() + datetime.timedelta(seconds=seconds))
        return (f"提交过于频繁：同一网络一小时内最多可提交{self.hard}次，暂时无法提交。"
                f"请于{at:%H:%M}后（约{math.ceil(seconds / 60)}分钟后）再试。")


@dataclass(frozen=True)
class Limit:
    """A rate limit for one kind of submission, its numbers read from two settings (so that tests and
    deployments change them without touching code), else from the defaults given here (so a form is limited
    out of the box; a setting of 0 turns the limit off)."""

    scope: str
    soft_setting: str
    hard_setting: str
    default_soft: int = 0
    default_hard: int = 0

    @property
    def soft(self):
        return int(getattr(settings, self.soft_setting, self.default_soft) or 0)

    @property
    def hard(self):
        return int(getattr(settings, self.hard_setting, self.default_hard) or 0)

    def _buckets(self, request, now, subject=None):
        size = WINDOW // BUCKETS
        current = int(now // size)
        prefix = f"throttle:{self.scope}:{subject or client_key(request)}"
        return [(f"{prefix}:{index}", (index + BUCKETS) * size) for index in range(current - BUCKETS + 1, current + 1)]

    def usage(self, request, subject=None):
        """`subject`: count per something other than the client's network (a phone number's blind index)."""
        soft = self.soft
        if soft <= 0 or is_exempt(request):
            return Usage(count=0, soft=0, hard=0)
        now = _clock()
        buckets = self._buckets(request, now, subject)
        counts = cache.get_many([key for key, _ in buckets])
        timeline = tuple((leaves_at, int(counts.get(key, 0))) for key, leaves_at in buckets)
        return Usage(count=sum(count for _, count in timeline), soft=soft, hard=self.hard, buckets=timeline, now=now)

    def record(self, request, subject=None):
        """Count one submission (a no-op when the limit is off or the user is staff)."""
        if self.soft <= 0 or is_exempt(request):
            return
        key, _ = self._buckets(request, _clock(), subject)[-1]
        cache.add(key, 0, timeout=WINDOW + WINDOW // BUCKETS)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=WINDOW + WINDOW // BUCKETS)


# The limits in force, one per kind of submission (the numbers are settings).
FOI_SUBMISSIONS = Limit("foi-submit", "FOI_SUBMISSIONS_PER_HOUR", "FOI_SUBMISSIONS_HARD_LIMIT_PER_HOUR")
# Public sign-ups and failed sign-ins (password guessing) count here.
ACCOUNT_ATTEMPTS = Limit("account", "ACCOUNT_ATTEMPTS_PER_HOUR", "ACCOUNT_ATTEMPTS_HARD_LIMIT_PER_HOUR")


# -- the question ----------------------------------------------------------------------------------

DIGITS = "零一二三四五六七八九"


def chinese_numeral(number):
    """0–99 in Chinese numerals, as they are read: 七, 十二, 二十, 三十五."""
    tens, ones = divmod(number, 10)
    if tens == 0:
        return DIGITS[ones]
    return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")


def parse_number(text):
    """An answer as typed: Arabic digits (half or full width) or Chinese numerals up to 99; None otherwise."""
    text = unicodedata.normalize("NFKC", str(text)).strip().rstrip("。.").strip()
    if text.isascii() and text.isdigit():
        return int(text) if len(text) <= 6 else None
    text = text.replace("两", "二").replace("〇", "零")
    if text and all(char in DIGITS or char == "十" for char in text):
        if "十" not in text:
            return DIGITS.index(text) if len(text) == 1 else None
        tens, _, ones = text.partition("十")
        if len(tens) > 1 or len(ones) > 1 or "十" in ones:
            return None
        return (DIGITS.index(tens) if tens else 1) * 10 + (DIGITS.index(ones) if ones else 0)
    return None


PROBLEMS = {
    "missing": "请回答验证问题后再提交。",
    "blank": "请填写验证问题的答案。",
    "format": "请用阿拉伯数字填写答案，例如“12”。",
    "wrong": "答案不正确，请回答新的验证问题。",
    "expired": f"验证问题已超过{CHALLENGE_MAX_AGE // 60}分钟有效期，请回答新的验证问题。",
    "used": "该验证问题已经使用过，请回答新的验证问题。",
    "invalid": "验证问题无效，请回答新的验证问题。",
}


def _signer(scope):
    return signing.TimestampSigner(salt=f"zhengwu.throttle.challenge:{scope}")


def _digest(scope, nonce, answer):
    return salted_hmac("zhengwu.throttle.challenge", f"{scope}:{nonce}:{answer}").hexdigest()


@dataclass
class Challenge:
    """One question as shown on a page or sent in JSON, with what the submitter typed and what was wrong."""

    scope: str
    token: str
    question: str
    answer: str = ""  # as typed, shown again until it has been checked
    problem: str = ""  # a key of PROBLEMS
    submitted: bool = field(default=False, repr=False)

    @classmethod
    def new(cls, scope, problem=""):
        a, b = secrets.choice(range(1, 11)), secrets.choice(range(1, 11))
        if secrets.randbelow(2) and a != b:
            a, b = max(a, b), min(a, b)
            words, answer = f"{chinese_numeral(a)}减{chinese_numeral(b)}", a - b
        else:
            words, answer = f"{chinese_numeral(a)}加{chinese_numeral(b)}", a + b
        nonce = secrets.token_hex(8)
        token = _signer(scope).sign_object({"n": nonce, "q": words, "d": _digest(scope, nonce, answer)},
                                           compress=True)
        return cls(scope=scope, token=token, question=cls.phrase(words), problem=problem)

    @staticmethod
    def phrase(words):
        return f"为防止恶意提交，请计算：{words}等于几？（请填写阿拉伯数字）"

    @classmethod
    def resume(cls, scope, token, answer):
        """The question a form came back with (its token not yet checked), or a new one."""
        token, answer = str(token or "").strip(), str(answer or "").strip()[:20]
        if not token:
            return cls.new(scope)
        try:
            payload = _signer(scope).unsign_object(token)  # the question only; age and answer are checked later
            question = cls.phrase(str(payload["q"]))
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            return cls.new(scope, problem="invalid")
        return cls(scope=scope, token=token, question=question, answer=answer, submitted=True)

    @property
    def error(self):
        return PROBLEMS.get(self.problem, "")

    def check_format(self):
        """The checks that reveal nothing about the answer (and so cost no attempt): is there one, a number?"""
        if not self.submitted:
            self.problem = self.problem or "missing"
        elif not self.answer:
            self.problem = "blank"
        elif parse_number(self.answer) is None:
            self.problem = "format"
        return not self.problem

    def redeem(self):
        """Check the answer, once: the token is spent whatever the outcome. Afterwards this object holds
        a new question (with the reason on a failure), ready for the page to show again."""
        if not self.check_format():
            return False
        problem = ""
        try:
            payload = _signer(self.scope).unsign_object(self.token, max_age=CHALLENGE_MAX_AGE)
            nonce, digest = str(payload["n"]), str(payload["d"])
        except signing.SignatureExpired:
            problem = "expired"
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            problem = "invalid"
        else:
            if not cache.add(f"throttle:challenge-used:{nonce}", 1, timeout=CHALLENGE_MAX_AGE + 60):
                problem = "used"
            elif not constant_time_compare(digest, _digest(self.scope, nonce, parse_number(self.answer))):
                problem = "wrong"
        fresh = Challenge.new(self.scope, problem=problem)
        self.token, self.question, self.answer, self.problem, self.submitted = (
            fresh.token, fresh.question, "", problem, False)
        return not problem

    def as_json(self):
        return {"token": self.token, "question": self.question}


# -- one submission through a limit ----------------------------------------------------------------

class Throttled(Exception):
    """Raised by an API endpoint; the project API answers it 429 (with Retry-After when refused outright)."""

    def __init__(self, detail, *, challenge=None, retry_after=0):
        super().__init__(detail)
        self.detail, self.challenge, self.retry_after = detail, challenge, retry_after

    def body(self):
        body = {"detail": self.detail}
        if self.challenge is not None:
            body["captcha"] = self.challenge.as_json()
        if self.retry_after:
            body["retry_after"] = self.retry_after
        return body


class Gate:
    """One submission's way past a limit: free, through the question, or refused.

        gate = Gate(LIMIT, request, token, answer)
        if gate.refused: …429 with gate.usage.refusal()…
        if gate.admit(form.is_valid()): …file it…
        else: …show the form again, with gate.challenge when there is one…
    """

    def __init__(self, limit, request, token="", answer=""):
        self.limit, self.request = limit, request
        self.usage = limit.usage(request)
        self.challenge = Challenge.resume(limit.scope, token, answer) if self.usage.needs_challenge else None

    @classmethod
    def for_form(cls, limit, request):
        """The gate of an HTML form, which posts the question's token and answer as plain fields."""
        return cls(limit, request, request.POST.get(TOKEN_FIELD), request.POST.get(ANSWER_FIELD))

    def render_form(self, template, context):
        """The form page again (or first): 200 on GET, 400 when a POST was not filed, 429 with Retry-After
        past the hard limit; the question and the refusal are in the context."""
        from django.shortcuts import render

        method = self.request.method
        status = 200 if method == "GET" else 429 if self.refused else 400
        response = render(self.request, template, {
            **context, "challenge": self.challenge, "refusal": self.usage.refusal() if self.refused else ""},
            status=status)
        if status == 429:
            response["Retry-After"] = str(self.usage.retry_after)
        return response

    @property
    def refused(self):
        return self.usage.refused

    def admit(self, valid):
        """Call with whether the submission's own fields are valid. Only a valid submission costs its
        question an attempt and counts against the limit; True means: go ahead and file it."""
        if self.refused:
            return False
        if self.challenge is not None and not self.challenge.check_format():
            if valid:
                self.limit.record(self.request)
            return False
        if not valid:
            return False
        passed = self.challenge is None or self.challenge.redeem()
        self.limit.record(self.request)
        return passed

    def admit_api(self, valid, invalid):
        """An API endpoint's `admit`: returns when the submission may be filed; else raises `invalid()` (the
        endpoint's 422 with the fields' messages) when its own fields are wrong, or the 429 refusal."""
        if not self.admit(valid):
            raise invalid() if not valid else self.api_refusal()

    def api_refusal(self):
        """The exception an API endpoint raises when `admit` said no (or the gate is refused)."""
        if self.refused:
            return Throttled(self.usage.refusal(), retry_after=self.usage.retry_after)
        challenge = self.challenge
        detail = challenge.error
        if challenge.problem == "missing":
            detail = (f"提交较为频繁，为防止恶意提交，请回答 captcha.question 中的验证问题，在请求中附上 {TOKEN_FIELD} "
                      f"和 {ANSWER_FIELD}（阿拉伯数字）后重新提交。")
        return Throttled(detail, challenge=challenge)
