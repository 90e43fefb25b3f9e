"""How often sign-in codes may be sent: per client network (a question past the soft limit, a refusal past the
hard one), per phone number (a refusal), and no sooner than SIGNIN_CODE_RESEND_SECONDS after the last one to
the same number. All counted in the shared cache (Redis across app nodes), keyed by the phone's blind index."""

import time

from django.conf import settings
from django.core.cache import cache

from zhengwu.throttle import Limit

SIGNIN_CODES_PER_ADDRESS = Limit("signin-code", "SIGNIN_CODES_PER_ADDRESS_PER_HOUR",
                                 "SIGNIN_CODES_HARD_LIMIT_PER_ADDRESS_PER_HOUR", 5, 20)
# One number: no question (anyone can type someone else's number), just a ceiling.
SIGNIN_CODES_PER_PHONE = Limit("signin-code-phone", "SIGNIN_CODES_PER_PHONE_PER_HOUR",
                               "SIGNIN_CODES_PER_PHONE_PER_HOUR", 5, 5)


def resend_wait(phone_key):
    """0 and the wait starts now, or the seconds still to wait before another code may go to this number."""
    seconds = int(getattr(settings, "SIGNIN_CODE_RESEND_SECONDS", 60))
    if seconds <= 0:
        return 0
    key = f"signin:code-sent:{phone_key}"
    now = time.time()
    if cache.add(key, now, timeout=seconds):
        return 0
    sent_at = cache.get(key) or now
    return max(1, int(seconds - (now - sent_at)))
