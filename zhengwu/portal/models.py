"""The government website cluster: portals, department sub-sites, township sections, columns, articles.

The page tree mirrors the agency tree. Every page carries its owning agency (AgencyPage); a page
created under another inherits its parent's agency, so editors never pick it by hand.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import redirect
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from . import column_sources

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
        return Page.objects.child_of(self).live().public().in_menu().specific()

    def portal_above(self):
        """The government portal this site sits under (None for the provincial portal)."""
        return PortalHomePage.objects.live().ancestor_of(self).order_by("-depth").first()

    def home_boxes(self):
        """What a site home shows beside its news: the catalog's 通知公告 and 政策文件 (with the columns that list
        them all) and the other apps' panels."""
        from .home_panels import panels_for

        children = list(ColumnPage.objects.child_of(self).live().public())
        columns = {c.source: c for c in children if c.source}
        news = next((c for c in children if not c.source and not c.link_url), None)
        lists = [(key, label, column_sources.items(key, self.agency), columns.get(key))
                 for key, label in (("notices", "通知公告"), ("policies", "政策文件"))]
        return {"lists": [(key, column.title if column else label, list(items[:6]) if items is not None else [], column)
                          for key, label, items, column in lists],
                "news_column": news, "panels": panels_for(self)}

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
    undertaker = models.CharField("承办单位", max_length=100, blank=True,
                                  help_text="负责网站日常运维的单位，如：湖南省人民政府办公厅电子政务处。")
    contact_phone = models.CharField("联系电话", max_length=50, blank=True)
    contact_email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    conac_mark = models.ForeignKey("wagtailimages.Image", verbose_name="党政机关网站标识", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   help_text="中央机构编制委员会办公室颁发的“党政机关”网站标识图片。")
    conac_url = models.URLField("标识验证地址", blank=True, help_text="点击标识打开的核验页面地址。")

    identity_panels = [
        MultiFieldPanel(
            [FieldPanel("site_code"), FieldPanel("icp_record"), FieldPanel("police_record"),
             FieldPanel("organizer"), FieldPanel("undertaker"), FieldPanel("contact_phone"),
             FieldPanel("contact_email"), FieldPanel("address"), FieldPanel("conac_mark"), FieldPanel("conac_url")],
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
    """A column (栏目): a list of articles, possibly with sub-columns; or the list of another app's records
    (`source`: 通知公告 and 政策文件 from the catalog); or a link to another part of the platform (`link_url`:
    办事服务 to the service hall)."""

    intro = models.TextField("栏目说明", blank=True)
    source = models.CharField("内容来源", max_length=20, blank=True, choices=column_sources.SOURCES,
                              help_text="选择目录来源后，栏目直接列出政府信息公开目录中相应的信息，无需重复发布。")
    link_url = models.CharField("栏目链接", max_length=200, blank=True,
                                help_text="填写后点击栏目直接打开该地址，如办事服务栏目填写 /zwfw/。")

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("source"), FieldPanel("link_url")]
    subpage_types = ["portal.ColumnPage", "portal.ArticlePage"]
    template = "portal/column_page.html"

    class Meta:
        verbose_name = "栏目"

    def serve(self, request, *args, **kwargs):
        if self.link_url:
            return redirect(self.link_url)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listed = column_sources.items(self.source, self.agency) if self.source else None
        if listed is not None:
            context.update(subcolumns=[], articles=None,
                           documents=Paginator(listed, 20).get_page(request.GET.get("page")))
            return context
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
