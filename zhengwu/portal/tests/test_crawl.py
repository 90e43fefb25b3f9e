"""A visitor's walk over every site of the test tree: every public link from each site's home is followed (on its
own host), and none is dead or a server error; the service hall, case tracking and the complaint pages are
within two clicks of the portal home; and in Chromium at 360 px no page of any kind is wider than the screen."""

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from wagtail.models import Site

from zhengwu.conftest import needs_chromium
from zhengwu.portal.models import DepartmentSitePage, PortalHomePage, TownshipSectionPage

SKIP = ("/admin/", "/documents/", "/api/", "/static/", "/media/", "/accounts/logout/", "/i18n/", "/sitemap.xml",
        "/accessibility/")
MAX_PAGES = 700


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
    seen, queue = {}, deque()
    for n, url in enumerate(starts):
        queue.append((url, 0 if n == 0 else 1))
    while queue and len(seen) < MAX_PAGES:
        url, depth = queue.popleft()
        parts = urlsplit(url)
        host = parts.hostname or default
        key = (host, parts.path + (f"?{parts.query}" if parts.query else ""))
        if key in seen or host not in hosts or parts.path.startswith(SKIP):
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


@pytest.fixture
def walked(client, hunan):
    return crawl(client)


def test_no_public_link_is_dead_and_the_hall_is_two_clicks_away(walked):
    broken = {key: status for key, (status, _depth) in walked.items() if status >= 400}
    assert broken == {}
    assert len(walked) > 100

    def clicks(path):
        return min((depth for (host, p), (_s, depth) in walked.items() if p == path), default=None)

    for path in ("/zwfw/", "/zwfw/track/", "/dzjc/complaint/", "/ysqgk/complaint/"):
        assert clicks(path) is not None and clicks(path) <= 2, path


@needs_chromium
@pytest.mark.browser
def test_no_page_is_wider_than_a_phone(walked, live_server, chromium):
    default = Site.objects.get(is_default_site=True)
    prefixes = {site.hostname: site.root_page.url_path.removeprefix(default.root_page.url_path).rstrip("/")
                for site in Site.objects.select_related("root_page")}
    shapes = {}
    for (host, path), (status, _depth) in walked.items():
        if status == 200:
            shape = re.sub(r"\d+", "N", path.split("?")[0])
            shapes.setdefault(shape, ("/" + prefixes.get(host, "").strip("/") + path).replace("//", "/"))
    context = chromium.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN")
    page = context.new_page()
    wide = {}
    for path in sorted(shapes.values()):
        page.goto(live_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            wide[path] = width
    context.close()
    assert wide == {}
    assert len(shapes) > 20
