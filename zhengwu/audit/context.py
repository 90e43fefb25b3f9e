"""Who is acting, from where: the request being served, kept for the audit receivers, which are called by
signals that do not carry it (a case event's post_save, a Wagtail log entry)."""

from contextvars import ContextVar

from zhengwu.throttle import client_ip

_request = ContextVar("audit_request", default=None)


class AuditContextMiddleware:
    """Place after AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


def current_request():
    return _request.get()


def address_of(request):
    """The client's address as the rate limits see it (TRUSTED_PROXY_COUNT aware), or "" outside a request."""
    if request is None:
        return ""
    return client_ip(request) or ""


def username_of(user_id, request=None):
    """The username of `user_id` now (a snapshot: the entry keeps it after the account is renamed or deleted).
    The request's own user costs no query."""
    if user_id is None:
        return ""
    user = getattr(request, "user", None) if request is not None else None
    if user is not None and getattr(user, "is_authenticated", False) and user.pk == user_id:
        return user.get_username()
    from django.contrib.auth import get_user_model

    model = get_user_model()
    return model._default_manager.filter(pk=user_id).values_list(model.USERNAME_FIELD, flat=True).first() or ""
