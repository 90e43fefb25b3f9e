"""Shared fixtures: a small slice of the real Hunan tree (real division data, demo agencies and pages)."""

import os
import shutil

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache

from zhengwu.orgs.actions import grant_role
from zhengwu.orgs.demo import PROVINCIAL_DEPARTMENTS, DemoAgencies, government_name
from zhengwu.orgs.divisions import import_divisions
from zhengwu.orgs.models import Agency, Division
from zhengwu.portal.demo import load_pages

PASSWORD = "Test-password-2026"


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    """Stored documents (uploads, generated letters) go to a temporary folder, never to var/documents."""
    settings.ZHENGWU_DOCUMENTS_ROOT = tmp_path / "documents"
    return settings.ZHENGWU_DOCUMENTS_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: no rate-limit counts or spent questions left by another test."""
    cache.clear()
    yield
    cache.clear()


class Tree:
    """Named agencies of the test tree, and a helper to make staff users holding roles."""

    def user(self, username, agency, role, **extra):
        user = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
        grant_role(user, agency, role)
        return user


@pytest.fixture
def hunan(db):
    data = settings.SHARED_DATA_DIR
    import_divisions([data / "hunan_divisions.csv", data / "hunan_pilot_townships.csv"])
    maker = DemoAgencies()
    division = Division.objects.get
    tree = Tree()
    tree.province = maker.ensure(None, "湖南省人民政府", "hunan", Agency.Kind.GOVERNMENT, division(code="430000"))
    departments = dict((slug, (name, kind)) for name, slug, kind in PROVINCIAL_DEPARTMENTS)
    for slug in ("czt", "zrzyt"):
        name, kind = departments[slug]
        setattr(tree, slug, maker.ensure(tree.province, name, slug, kind, division(code="430000")))
    tree.changsha = maker.ensure(tree.province, "长沙市人民政府", "changsha", Agency.Kind.GOVERNMENT,
                                 division(code="430100"))
    tree.changshaxian = maker.ensure(tree.changsha, "长沙县人民政府", "changshaxian", Agency.Kind.GOVERNMENT,
                                     division(code="430121"))
    tree.xingsha = maker.ensure(tree.changshaxian, government_name(division(code="430121001")), "xingshajiedao",
                                Agency.Kind.TOWNSHIP, division(code="430121001"))
    tree.quantang = maker.ensure(tree.changshaxian, government_name(division(code="430121002")), "quantangjiedao",
                                 Agency.Kind.TOWNSHIP, division(code="430121002"))
    load_pages(tree.province)
    for name in ("province", "czt", "zrzyt", "changsha", "changshaxian", "xingsha", "quantang"):
        agency = getattr(tree, name)
        agency.refresh_from_db()
    return tree


# Browser tests: headless Debian Chromium through Playwright (skipped where Chromium is missing).
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
needs_chromium = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason="未安装 Chromium（apt-get install chromium）：浏览器测试跳过；.ci/run 会安装它。")
SERIOUS = {"serious", "critical"}


@pytest.fixture
def browser_page(transactional_db):
    # Playwright's sync API runs an event loop in this thread; the live server's DB access is in its own.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="en-US")
        yield page
        browser.close()


def serious_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [(v["id"], v["impact"], v["help"]) for v in results.response["violations"] if v["impact"] in SERIOUS]


def admin_login(page, live_server, username, password=PASSWORD):
    """Log in to the admin through its login form, by keyboard, and wait for the dashboard."""
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.keyboard.press("Enter")
    page.wait_for_url("**/admin/")
