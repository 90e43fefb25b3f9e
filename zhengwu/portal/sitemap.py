"""sitemap.xml per site: each portal or sub-site lists its own pages, not those of the sub-sites
nested below it in the tree (they have their own host and their own sitemap)."""

from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Site


class SiteOwnSitemap(Sitemap):
    def items(self):
        site = self.get_wagtail_site()
        root = site.root_page
        nested = (Site.objects.exclude(pk=site.pk).filter(root_page__path__startswith=root.path)
                  .exclude(root_page__path=root.path).values_list("root_page__path", flat=True))
        pages = super().items()
        if nested:
            pages = pages.exclude(reduce(or_, (Q(path__startswith=path) for path in nested)))
        return pages


def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": SiteOwnSitemap})
