"""The admin's gate after the password: a staff member who must show a second factor and has not yet (this
session) is sent to verify it, or to enrol an authenticator first; then a staff member whose password has
expired is sent to change it. Nothing under /admin/ answers before that, except the sign-in pages themselves.

Only paths under the admin are looked at, and the user is touched only there, so an anonymous public page costs
nothing here (no session read, no query). The staff API asks the same policy in zhengwu/api_auth.py."""

from functools import cache
from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from .policy import needs_otp, password_expired

# Wagtail's own pages that must answer before the sign-in is complete (the login itself, its icons and
# translations, password reset by e-mail), and this app's sign-in steps.
OPEN_VIEWS = ("wagtailadmin_login", "wagtailadmin_logout", "wagtailadmin_sprite", "wagtailadmin_javascript_catalog",
              "wagtailadmin_password_reset", "staffauth_verify", "staffauth_enrol")


@cache
def _paths():
    admin = reverse("wagtailadmin_home")
    return admin, tuple(reverse(name) for name in OPEN_VIEWS), reverse("staffauth_password")


def with_next(url, request):
    return f"{url}?{urlencode({'next': request.get_full_path()})}"


class StaffAuthMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        admin, open_paths, password_path = _paths()
        path = request.path
        if path.startswith(admin) and not path.startswith(open_paths) and request.user.is_authenticated:
            if needs_otp(request):
                return redirect(with_next(reverse("staffauth_verify"), request))
            if not path.startswith(password_path) and password_expired(request):
                return redirect(with_next(password_path, request))
        return self.get_response(request)
