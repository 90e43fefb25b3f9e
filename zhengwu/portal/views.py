from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET
from wagtail.models import Page, Site

from .context_processors import ELDER_COOKIE


@require_GET
def toggle_elder_mode(request):
    """Switch 适老化 mode on or off and go back. A plain link, so it works without JavaScript.

    Public and harmless: it only changes how pages look to this browser.
    """
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.COOKIES.get(ELDER_COOKIE) == "1":
        response.delete_cookie(ELDER_COOKIE)
    else:
        response.set_cookie(ELDER_COOKIE, "1", max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    return response


def site_context(request, agency=None):
    """Header and footer of the site the request came to, for views that are not pages; with `agency`, of that
    agency's own site or section when it has one (a department's power list under its own header)."""
    home = _home_of(agency) if agency is not None else None
    site = Site.find_for_request(request)
    root = home if home else site.root_page.specific if site else Page.get_first_root_node()
    if not hasattr(root, "site_ancestors"):
        return {}
    section, identity = root.site_ancestors()
    return {"section": section, "identity": identity,
            "columns": section.menu_columns()}


def _home_of(agency):
    """The live site home or township section of `agency` (None when it has none)."""
    from .models import DepartmentSitePage, PortalHomePage, TownshipSectionPage

    for model in (DepartmentSitePage, PortalHomePage, TownshipSectionPage):
        page = model.objects.live().filter(agency=agency).order_by("depth").first()
        if page is not None:
            return page
    return None
