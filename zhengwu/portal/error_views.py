"""Chinese 404 and 500 pages in the layout of the site asked for (Django's own are in English and bare). The 500
page falls back to a page of its own if the layout itself cannot be drawn (the database may be what failed)."""

import logging

from django.http import HttpResponseNotFound, HttpResponseServerError
from django.template.loader import render_to_string

from .views import site_context

logger = logging.getLogger(__name__)


def not_found(request, exception=None):
    try:
        context = site_context(request)
    except Exception:  # a broken site tree must not turn a 404 into a 500
        logger.exception("404 页面无法取得站点信息")
        context = {}
    return HttpResponseNotFound(render_to_string("404.html", {**context, "path": request.path}, request))


def server_error(request):
    try:
        body = render_to_string("500.html", site_context(request), request)
    except Exception:
        logger.exception("500 页面无法按站点布局显示")
        body = render_to_string("500_plain.html")
    return HttpResponseServerError(body)
