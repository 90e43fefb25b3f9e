"""RSS 2.0 for every catalog list (the filters of the list carry over to its feed)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed

from .browse import CatalogBrowse


class ChineseRssFeed(Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xml:lang": "zh-CN"}


class CatalogFeed(Feed):
    feed_type = ChineseRssFeed
    language = "zh-cn"

    def get_object(self, request, catalog):
        self.request = request
        return catalog

    def title(self, catalog):
        return f"{catalog.agency.name if catalog.agency_id else ''}政府信息公开目录"

    def link(self, catalog):
        return catalog.get_url(request=self.request)

    def description(self, catalog):
        return catalog.intro or self.title(catalog)

    def items(self, catalog):
        return CatalogBrowse(catalog.items(), self.request.GET).queryset[:50]

    def item_title(self, item):
        return f"[{item.index_number}] {item.title}"

    def item_description(self, item):
        parts = [item.description or item.title]
        if item.doc_number:
            parts.append(f"文号：{item.doc_number}")
        if item.validity_note:
            parts.append(item.validity_note)
        return "；".join(parts)

    def item_link(self, item):
        return item.get_url(request=self.request)

    def item_guid(self, item):
        return item.index_number

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_author_name(self, item):
        return item.agency.name if item.agency_id else None
