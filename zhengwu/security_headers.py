"""Response headers of a level-3 system (等保 2.0, 安全通信网络/安全计算环境) that Django's SecurityMiddleware does
not set: a Content-Security-Policy on public pages (scripts only from the platform itself, nothing framed from
elsewhere), a Permissions-Policy turning off the browser features no page uses, and `Cache-Control: no-store`
on the JSON API, whose answers may carry a case or an applicant's data. HSTS, the HTTPS redirect and the trusted
proxy header are Django settings (settings.py, from the environment)."""

from django.conf import settings

DEFAULT_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
               "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
               "frame-ancestors 'self'; form-action 'self'")
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
# The admin (Wagtail's own scripts) keeps its own rules for now. The API's interactive docs take the platform's
# policy: Swagger UI is served from /static/ (ninja's copy), so no CDN needs trusting.
CSP_EXEMPT = ("/admin/",)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        path = request.path
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", "") or DEFAULT_CSP
        if policy != "off" and not path.startswith(CSP_EXEMPT) and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if path.startswith("/api/") and not path.startswith("/api/v1/docs"):
            response["Cache-Control"] = "no-store"
        return response
