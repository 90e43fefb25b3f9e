"""Response headers of a level-3 system (等保 2.0, 安全通信网络/安全计算环境) that Django's SecurityMiddleware does
not set: a Content-Security-Policy on every page (scripts only from the platform itself, nothing framed from
elsewhere), a Permissions-Policy turning off the browser features no page uses, and `Cache-Control: no-store`
on the JSON API and on every answer drawn for a signed-in person, which may carry a case or an applicant's data.
HSTS, the HTTPS redirect and the trusted proxy header are Django settings (settings.py, from the environment)."""

from django.conf import settings
from django.utils.cache import patch_cache_control

DEFAULT_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
               "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
               "frame-ancestors 'self'; form-action 'self'")
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
# Wagtail's admin writes some scripts inline (panels, date widgets), so its policy allows inline scripts; it still
# loads nothing from elsewhere, cannot be framed by another site and posts forms only to the platform. The API's
# interactive docs take the public policy: Swagger UI is served from /static/ (ninja's copy), no CDN is trusted.
ADMIN_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
             "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-src 'self'; "
             "object-src 'none'; base-uri 'self'; frame-ancestors 'self'; form-action 'self'")
ADMIN_PREFIX = "/admin/"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        path = request.path
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", "") or DEFAULT_CSP
        if policy != "off" and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = ADMIN_CSP if path.startswith(ADMIN_PREFIX) else policy
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if path.startswith("/api/") and not path.startswith("/api/v1/docs"):
            response["Cache-Control"] = "no-store"
        elif _drawn_for_a_signed_in_person(request) and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response


def _drawn_for_a_signed_in_person(request):
    # `_cached_user` exists only once something looked at who is signed in (a view, a template's header), so an
    # anonymous page costs no session lookup here, and any page that could show a person's data is caught.
    user = getattr(request, "_cached_user", None)
    return user is not None and user.is_authenticated
