"""The 政府信息公开 box of a site's home page (portal.home_panels): the entrances of the site's section (guide,
catalog, 法定主动公开内容, 依申请公开, 年报)."""

from urllib.parse import urlencode

from django.urls import reverse
from wagtail.models import Page

from zhengwu.portal.home_panels import Panel, register

from .models import DisclosureCatalogPage, DisclosureSectionPage


def data(section):
    xxgk = DisclosureSectionPage.objects.child_of(section).live().public().first()
    if xxgk is None:
        return None
    children = Page.objects.child_of(xxgk).live().public()
    catalog = DisclosureCatalogPage.objects.child_of(xxgk).live().public().first()
    reports = children.filter(slug="gknb").first()
    links = [(xxgk.url, "公开指南", "gkzn/"), (xxgk.url, "法定主动公开内容", "fdzdgknr/")]
    return {"section": xxgk, "catalog": catalog, "reports": reports,
            "links": [(f"{base}{suffix}", label) for base, label, suffix in links],
            "apply": f"{reverse('foi-apply')}?{urlencode({'agency': section.agency.name})}" if section.agency else ""}


register(Panel("disclosure", "disclosure/home_panel.html", data, order=5))
