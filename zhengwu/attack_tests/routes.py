"""Every staff URL, from the URL resolver (not a hand list): each admin route, with the model whose row it shows
when it takes an id. A route added later is enumerated without any change here; one that takes an id of a
model the resolver cannot tell (a plain function view) must be named in ID_MODELS, or the matrix test fails
and says which."""

import re
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Model
from django.urls import URLPattern, URLResolver, get_resolver

# Function views that take an id, by route prefix: the model the id is of.
ID_MODELS = {
    "admin/api/main/^pages/": "wagtailcore.Page",
    "admin/api/main/^documents/": "files.AgencyDocument",
    "admin/api/main/^images/": "wagtailimages.Image",
    "admin/pages/": "wagtailcore.Page",
    "admin/choose-page/": "wagtailcore.Page",
    "admin/workflows/remove/": "wagtailcore.Page",
    "admin/workflows/enable/": "wagtailcore.Workflow",
    "admin/collections/": "wagtailcore.Collection",
    "admin/documents/": "files.AgencyDocument",
    "admin/images/": "wagtailimages.Image",
    "admin/disclosure/": "wagtailcore.Page",
    "admin/foi/requests/": "foi.InformationRequest",
    "admin/supervision/agency/": "orgs.Agency",
    "admin/reports/annual/": "reports.AnnualReport",
    "admin/reports/monthly/records/": "orgs.Agency",
    "admin/reports/monthly/": "reports.MonthlyReport",
    "admin/interaction/interview-console/": "interaction.Interview",
    "admin/security/otp/reset/": "auth.User",
    "admin/users/": "auth.User",
    "admin/redirects/": "wagtailredirects.Redirect",
    "admin/supervision/complaints/": "supervision.EfficiencyComplaint",
    "admin/supervision/rules/": "supervision.ThresholdRule",
    "admin/notifications/inbox/": "notifications.Notification",
    "admin/workflows/task": "wagtailcore.Task",
    "admin/settings/": "wagtailcore.Site",
}
# Routes that take no object of an agency: Wagtail's own plumbing (a login, a sprite, a chooser of link types).
PLUMBING = re.compile(r"^admin/(login|logout|password_reset|jsi18n|sprite|failwhale|test404|dismissibles|"
                      r"editing-sessions|tag-autocomplete|choose-(external|email|phone|anchor)-link|block-preview|"
                      r"account|security/(verify|enrol|password))")
PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


@dataclass(frozen=True)
class Route:
    pattern: str
    name: str
    view: str
    model: type | None
    parameters: tuple[str, ...]

    @property
    def takes_id(self):
        return bool(self.parameters)

    def url(self, object_id):
        """The route filled in: every id-like parameter with `object_id`, words with something harmless."""
        def fill(match):
            name = match.group(2) or match.group(3)
            if name in ("year",):
                return "2026"
            if name in ("month",):
                return "1"
            if _is_id(name):
                return str(object_id)
            return "x"

        path = PARAMETER.sub(fill, self.pattern)
        return "/" + path.replace("^", "").replace("$", "").replace("\\", "")


def _is_id(name):
    return name in ("pk", "item", "agency") or name.endswith("_id") or name.endswith("_pk")


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def _model_of(pattern, callback):
    model = getattr(callback, "view_initkwargs", {}).get("model")
    view_class = getattr(callback, "view_class", None)
    if model is None and view_class is not None:
        candidate = view_class.__dict__.get("model") or getattr(view_class, "model", None)
        model = candidate if isinstance(candidate, type) and issubclass(candidate, Model) else None
    if isinstance(model, str):
        model = apps.get_model(model)
    if model is None:
        for prefix, label in sorted(ID_MODELS.items(), key=lambda item: -len(item[0])):
            if pattern.startswith(prefix):
                return apps.get_model(label)
    return model


def admin_routes():
    """Every route under /admin/, Wagtail's and the apps' alike."""
    found = []
    for pattern, entry in _walk(get_resolver().url_patterns):
        if not pattern.startswith("admin/") or PLUMBING.match(pattern):
            continue
        callback = entry.callback
        view = getattr(getattr(callback, "view_class", None), "__name__", None) or callback.__name__
        parameters = tuple(m.group(2) or m.group(3) for m in PARAMETER.finditer(pattern))
        model = _model_of(pattern, callback) if any(_is_id(p) for p in parameters) else None
        found.append(Route(pattern, entry.name or "", view, model, parameters))
    return found
