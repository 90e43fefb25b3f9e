"""The pages every site has beside its columns (2017 政府网站发展指引): the HTML 网站地图 (/wzdt/), 联系我们
(/lxwm/), drawn for the site the request came to, and each agency's 机构概况 (/jggk/<id>/)."""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET
from wagtail.models import Page

from zhengwu.orgs.models import Agency

from .models import DepartmentSitePage, PortalHomePage, TownshipSectionPage
from .views import site_context

LEAF_TYPES = ("portal.ArticlePage", "disclosure.DisclosureItemPage", "disclosure.MajorProjectPage",
              "reports.AnnualReportPage")


def _is_site_home(page):
    return page.specific_class in (PortalHomePage, DepartmentSitePage, TownshipSectionPage)


def _branches(page):
    """A page's live public children, less the leaves (articles, catalog items): what a site map shows."""
    children = Page.objects.child_of(page).live().public()
    for label in LEAF_TYPES:
        app, model = label.split(".")
        children = children.exclude(content_type__app_label=app, content_type__model=model.lower())
    return children


@require_GET
def site_map(request):
    context = site_context(request)
    section = context.get("section")
    if section is None:
        raise Http404("没有找到站点。")
    columns, sites = [], []
    for child in _branches(section):
        if _is_site_home(child):
            sites.append(child)
        else:
            columns.append((child, list(_branches(child))))
    return TemplateResponse(request, "portal/site_map.html", {**context, "map_columns": columns, "map_sites": sites})


@require_GET
def site_map_alias(request):
    return redirect("site-map", permanent=True)


@require_GET
def contact(request):
    context = site_context(request)
    if not context:
        raise Http404("没有找到站点。")
    return TemplateResponse(request, "portal/contact.html", context)


@require_GET
def agency_profile(request, pk):
    """机构概况 (条例第二十条第（二）项): the agency's functions, units, address, hours, phone and head, from its one
    record in the agency tree, under the agency's own site header."""
    agency = Agency.objects.filter(pk=pk).first()
    if agency is None:
        raise Http404("没有这个机构。")
    units = agency.get_children().exclude(kind__in=[Agency.Kind.GOVERNMENT, Agency.Kind.TOWNSHIP,
                                                    Agency.Kind.VILLAGE])
    return TemplateResponse(request, "portal/agency_profile.html", {
        **site_context(request, agency), "agency": agency,
        "internal_units": [line.strip() for line in agency.internal_units.splitlines() if line.strip()],
        "units": units})
