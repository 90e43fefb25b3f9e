"""Password guessing stopped at the one place every login passes (`authenticate`): an authentication backend
that counts failures per account and per client address in the shared cache (Redis across app nodes) and,
past a limit, refuses even the right password until the lock-out ends. Limits are settings
(LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_ADDRESS within LOGIN_LOCKOUT_SECONDS). A successful login
clears the account's count, never the address's, so one good account cannot wash a guessing address clean."""

import logging

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.dispatch import Signal

from zhengwu.throttle import client_key

logger = logging.getLogger("zhengwu.security")

# Sent when a failure count reaches its limit (scope "account" or "address"): the audit log records the lock-out.
lockout_started = Signal()


def _limits():
    return (int(getattr(settings, "LOGIN_FAILURES_PER_ACCOUNT", 5)), int(getattr(settings, "LOGIN_FAILURES_PER_ADDRESS", 20)),
            int(getattr(settings, "LOGIN_LOCKOUT_SECONDS", 900)))


def _keys(request, username):
    account = f"login-fail:user:{(username or '').strip().lower()}"
    address = f"login-fail:addr:{client_key(request)}" if request is not None else None
    return account, address


def locked(request, username) -> bool:
    per_account, per_address, _ = _limits()
    account, address = _keys(request, username)
    return (cache.get(account, 0) >= per_account) or (address is not None and cache.get(address, 0) >= per_address)


def _count(key, seconds):
    if cache.add(key, 1, seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, seconds)
        return 1


class LockoutBackend(ModelBackend):
    """Django's ModelBackend behind the lock-out. Raising PermissionDenied stops `authenticate` at once (no
    other backend is asked) and sends `user_login_failed`, so a locked login fails like a wrong password."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(self._username_field())
        if username is None or password is None:
            return None  # not a password login (unified identity, SMS code): nothing to count here
        if locked(request, username):
            logger.warning("login refused during lock-out: %s from %s", username,
                           client_key(request) if request is not None else "-")
            if request is not None:  # user_login_failed follows: the audit log tells this refusal apart
                request.login_refused_during_lockout = True
            raise PermissionDenied("登录失败次数过多，请稍后再试。")
        user = super().authenticate(request, username=username, password=password, **kwargs)
        account, address = _keys(request, username)
        per_account, per_address, seconds = _limits()
        if user is None:
            if _count(account, seconds) == per_account:
                lockout_started.send(LockoutBackend, request=request, username=username, scope="account")
            if address is not None and _count(address, seconds) == per_address:
                lockout_started.send(LockoutBackend, request=request, username=username, scope="address")
        else:
            cache.delete(account)
        return user

    @staticmethod
    def _username_field():
        from django.contrib.auth import get_user_model

        return get_user_model().USERNAME_FIELD
