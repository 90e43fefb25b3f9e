"""A visitor's walk over every site of the test tree: every public link from each site's home is followed (on its
own host), and none is dead or a server error; the service hall, case tracking and the complaint pages are
within two clicks of the portal home; and in Chromium at 360 px no page of any kind is wider than the screen."""

import os
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from wagtail.models import Site

from zhengwu.conftest import CHROMIUM
from zhengwu.portal.models import DepartmentSitePage, PortalHomePage, TownshipSectionPage

SKIP = ("/admin/", "/documents/", "/api/", "/static/", "/media/", "/accounts/logout/", "/i18n/", "/sitemap.xml",
        "/accessibility/")
MAX_PAGES = 700
QUERIES_PER_PATH = 3  # filter links multiply a list page; a few of each prove the parameters are handled


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href and not href.startswith(("mailto:", "tel:", "#", "javascript:")):
            self.hrefs.append(href)


def crawl(client):
    """{(host, path with query): (status, clicks from the portal home)} over every site's pages."""
    hosts = set(Site.objects.values_list("hostname", flat=True)) | {"testserver"}
    default = Site.objects.get(is_default_site=True).hostname
    starts = [home.full_url for model in (PortalHomePage, DepartmentSitePage, TownshipSectionPage)
              for home in model.objects.live().order_by("depth", "path")]  # the provincial portal first
    seen, queue, queries = {}, deque(), {}
    for n, url in enumerate(starts):
        queue.append((url, 0 if n == 0 else 1))
    while queue and len(seen) < MAX_PAGES:
        url, depth = queue.popleft()
        parts = urlsplit(url)
        host = parts.hostname or default
        key = (host, parts.path + (f"?{parts.query}" if parts.query else ""))
        if key in seen or host not in hosts or parts.path.startswith(SKIP):
            continue
        if parts.query:
            queries[(host, parts.path)] = queries.get((host, parts.path), 0) + 1
            if queries[(host, parts.path)] > QUERIES_PER_PATH:
                continue
        response = client.get(key[1], HTTP_HOST=host)
        seen[key] = (response.status_code, depth)
        if response.status_code in (301, 302):
            queue.append((urljoin(f"http://{host}{key[1]}", response["Location"]), depth))
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = Links()
        parser.feed(response.content.decode())
        for href in parser.hrefs:
            queue.append((urljoin(f"http://{host}{key[1]}", href), depth + 1))
    return seen


def build_pages(hunan):
    """One page of each kind a visitor reads beside the tree's homes: a catalog item, a policy, an article."""
    from zhengwu.disclosure.models import StatutoryCategory
    from zhengwu.disclosure.seed import load_taxonomies
    from zhengwu.disclosure.tests.conftest import Catalog
    from zhengwu.portal.models import ArticlePage, ColumnPage

    load_taxonomies()
    catalog = Catalog(hunan)
    catalog.item(hunan.czt, title="关于开展2026年预算公开检查的通知", doc_number="湘财预〔2026〕12号")
    catalog.item(hunan.province, title="湖南省省级预算管理办法", genre=None,
                 category=StatutoryCategory.objects.get(code="a20-01"))
    ColumnPage.objects.get(agency=hunan.province, slug="zwdt").add_child(
        instance=ArticlePage(title="省政府召开常务会议", body="<p>会议研究部署预算公开工作。</p>", agency=hunan.province))


@pytest.mark.browser
def test_a_visitors_walk_over_every_site(client, hunan, live_server, request):
    build_pages(hunan)
    walked = crawl(client)
    broken = {key: status for key, (status, _depth) in walked.items() if status >= 400}
    assert broken == {}
    assert len(walked) > 100

    def clicks(path):
        return min((depth for (host, p), (_s, depth) in walked.items() if p == path), default=None)

    for path in ("/zwfw/", "/zwfw/track/", "/dzjc/complaint/", "/ysqgk/complaint/"):
        assert clicks(path) is not None and clicks(path) <= 2, path
    if not os.path.exists(CHROMIUM):
        return  # .ci/run installs Chromium; without it only the links are checked
    wide = widths_over(request.getfixturevalue("chromium"), live_server, walked, 360)
    assert wide == {}


def widths_over(chromium, live_server, walked, width):
    """{path: page width} of one page of each URL shape wider than `width` px, loaded through the default site."""
    default = Site.objects.get(is_default_site=True)
    prefixes = {site.hostname: site.root_page.url_path.removeprefix(default.root_page.url_path).rstrip("/")
                for site in Site.objects.select_related("root_page")}
    shapes = {}
    for (host, path), (status, _depth) in walked.items():
        if status == 200:
            shape = re.sub(r"\d+", "N", path.split("?")[0])
            shapes.setdefault(shape, ("/" + prefixes.get(host, "").strip("/") + path).replace("//", "/"))
    assert len(shapes) > 20
    context = chromium.new_context(viewport={"width": width, "height": 740}, locale="zh-CN")
    page = context.new_page()
    wide = {}
    for path in sorted(shapes.values()):
        page.goto(live_server.url + path)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            wide[path] = scroll
    context.close()
    return wide
