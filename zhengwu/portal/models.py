"""The government website cluster: portals, department sub-sites, township sections, columns, articles.

The page tree mirrors the agency tree. Every page carries its owning agency (AgencyPage); a page
created under another inherits its parent's agency, so editors never pick it by hand.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

SITE_ROOT_TYPES = ("portal.PortalHomePage", "portal.DepartmentSitePage")


class AgencyPage(Page):
    """Base of every zhengwu page type: the agency that owns (and answers for) the page."""

    agency = models.ForeignKey(
        "orgs.Agency", verbose_name="所属机构", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_demo = models.BooleanField("演示数据", default=False)

    has_site_identity = False

    class Meta:
        abstract = True

    def _inherit_agency(self):
        if self.agency_id is None:
            parent = self.get_parent() if self.depth and self.path else None
            owner = getattr(parent.specific, "agency_id", None) if parent else None
            if owner:
                self.agency_id = owner

    def full_clean(self, *args, **kwargs):
        self._inherit_agency()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        # Drafts are saved with minimal validation only: they must still get their agency.
        self._inherit_agency()
        super().minimal_clean()

    def site_ancestors(self):
        """(section, identity): the nearest portal, sub-site or township section home containing this
        page, and the nearest portal or sub-site whose identifiers the footer shows. One query."""
        homes = list(
            Page.objects.ancestor_of(self, inclusive=True)
            .type(PortalHomePage, DepartmentSitePage, TownshipSectionPage)
            .order_by("-depth").specific()
        )
        return homes[0], next(home for home in homes if home.has_site_identity)

    def menu_columns(self):
        """The site's main navigation: its menu children of any type (columns, the 政府信息公开 section)."""
        return Page.objects.child_of(self).live().public().in_menu()

    def app_links(self):
        """Main-navigation links of apps with view pages (portal.navigation), for this site's agency."""
        from .navigation import links_for

        return links_for(self.agency)

    def latest_articles(self, limit=8):
        """This page's agency's newest live articles below it."""
        return ArticlePage.objects.live().public().descendant_of(self).filter(
            agency_id=self.agency_id).order_by("-date", "-pk")[:limit]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        section, identity = self.site_ancestors()
        context["section"] = section
        context["identity"] = identity
        context["columns"] = section.menu_columns()
        context["breadcrumbs"] = list(Page.objects.ancestor_of(self).filter(depth__gt=1).specific())
        context["ancestor_ids"] = {crumb.pk for crumb in context["breadcrumbs"]}
        return context


class SiteIdentity(models.Model):
    """Identifiers every government website must show in its footer (国办发〔2017〕47号)."""

    site_code = models.CharField("网站标识码", max_length=20, blank=True)
    icp_record = models.CharField("ICP备案号", max_length=50, blank=True)
    police_record = models.CharField("公安机关备案号", max_length=50, blank=True)
    organizer = models.CharField("主办单位", max_length=100, blank=True)
    contact_phone = models.CharField("联系电话", max_length=50, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)

    identity_panels = [
        MultiFieldPanel(
            [FieldPanel("site_code"), FieldPanel("icp_record"), FieldPanel("police_record"),
             FieldPanel("organizer"), FieldPanel("contact_phone"), FieldPanel("address")],
            heading="网站标识",
        )
    ]

    class Meta:
        abstract = True

    has_site_identity = True


class PortalHomePage(SiteIdentity, AgencyPage):
    """The portal (门户网站) of a government at county level or above."""

    intro = RichTextField("简介", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")] + SiteIdentity.identity_panels
    subpage_types = ["portal.ColumnPage", "portal.DepartmentSitePage", "portal.PortalHomePage",
                     "portal.TownshipSectionPage"]
    parent_page_types = ["wagtailcore.Page", "portal.PortalHomePage"]
    template = "portal/portal_home_page.html"

    class Meta:
        verbose_name = "政府门户网站首页"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = self.get_children().live().public()
        context["department_sites"] = children.type(DepartmentSitePage).specific()
        context["lower_portals"] = children.type(PortalHomePage).specific()
        context["township_sections"] = children.type(TownshipSectionPage).specific()
        return context


class DepartmentSitePage(SiteIdentity, AgencyPage):
    """A department's sub-site (部门子站), on a subdomain of its government's host."""

    intro = RichTextField("简介", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")] + SiteIdentity.identity_panels
    subpage_types = ["portal.ColumnPage"]
    parent_page_types = ["portal.PortalHomePage"]
    template = "portal/section_home_page.html"

    class Meta:
        verbose_name = "部门子站首页"


class TownshipSectionPage(AgencyPage):
    """A township's section (乡镇/街道专栏) inside its county portal: townships open no sites of their own."""

    intro = RichTextField("简介", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["portal.ColumnPage"]
    parent_page_types = ["portal.PortalHomePage"]
    template = "portal/section_home_page.html"

    class Meta:
        verbose_name = "乡镇/街道专栏首页"


class ColumnPage(AgencyPage):
    """A column (栏目): a list of articles, possibly with sub-columns."""

    intro = models.TextField("栏目说明", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["portal.ColumnPage", "portal.ArticlePage"]
    template = "portal/column_page.html"

    class Meta:
        verbose_name = "栏目"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = ArticlePage.objects.child_of(self).live().public().order_by("-date", "-pk")
        context["subcolumns"] = ColumnPage.objects.child_of(self).live().public()
        context["articles"] = Paginator(articles, 20).get_page(request.GET.get("page"))
        # Pages of other apps filed in a column (the yearly reports in 年报), newest first.
        context["documents"] = (Page.objects.child_of(self).live().public().not_type(ColumnPage, ArticlePage)
                                .specific().order_by("-first_published_at"))
        return context


class ArticlePage(AgencyPage):
    """An article (文章): news, notices and other content of a column."""

    date = models.DateField("发布日期", default=timezone.localdate)
    source = models.CharField("来源", max_length=100, blank=True)
    body = RichTextField("正文")

    content_panels = Page.content_panels + [FieldPanel("date"), FieldPanel("source"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body"), index.SearchField("source"),
                                          index.FilterField("agency"), index.FilterField("date")]
    subpage_types = []
    parent_page_types = ["portal.ColumnPage"]
    template = "portal/article_page.html"

    class Meta:
        verbose_name = "文章"

    def clean(self):
        super().clean()
        if self.date and self.date > timezone.localdate() + datetime.timedelta(days=366):
            raise ValidationError({"date": "发布日期不能晚于一年以后。"})
