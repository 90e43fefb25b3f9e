"""Shared fixtures. How they keep the suite fast is in docs/testing.md: the test tree is built once per test
database, each test runs in a transaction that is rolled back, a test that commits gets the prepared state back
from a snapshot, one Chromium serves a whole session, and passwords are hashed with a fast hasher."""

import os
import re
import shutil

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import TransactionTestCase
from django.test.client import ClientMixin

from zhengwu.staffauth.testing import PLAIN_LOGIN, current_code, login_with_second_factor
from zhengwu.testing import tree
from zhengwu.testing.snapshot import Snapshot
from zhengwu.testing.tree import PASSWORD, Tree

# PBKDF2's million rounds cost about half a second per user made or login; the tests check who may do what,
# not the hash's strength.
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

_prepared = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """After migrating the test database: build the test tree and keep a snapshot of that state."""
    with django_db_blocker.unblock():
        _prepared["tree"] = tree.build()
        _prepared["snapshot"] = Snapshot.take()
    yield
    _prepared.clear()


def add_to_prepared_state(django_db_blocker, build):
    """For a session fixture that adds what later tests rely on (a test-only table, say): build it, then take the
    snapshot again, so that a test that commits does not take it away."""
    with django_db_blocker.unblock():
        build()
        _prepared["snapshot"] = Snapshot.take()


_flush = TransactionTestCase._fixture_teardown


def _restore_prepared_state(self):
    # Django empties every table after a test that commits; put the prepared state back instead.
    snapshot = _prepared.get("snapshot")
    if snapshot is None or self._databases_names(include_mirrors=False) != ["default"]:
        return _flush(self)
    snapshot.restore()


TransactionTestCase._fixture_teardown = _restore_prepared_state


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


@pytest.fixture(autouse=True)
def second_factor_on_test_logins(monkeypatch):
    """Staff must pass a second factor (zhengwu.staffauth); `client.login` and `client.force_login` pass it too,
    so a test that logs someone in gets a fully signed-in admin session, as before."""
    monkeypatch.setattr(ClientMixin, "_login", login_with_second_factor)


@pytest.fixture
def real_second_factor(monkeypatch):
    """For tests of the second factor itself: `client.login`/`force_login` log in with the password only."""
    monkeypatch.setattr(ClientMixin, "_login", PLAIN_LOGIN)


@pytest.fixture
def hunan(db):
    """The test tree: 湖南省人民政府 (province), 财政厅 (czt), 自然资源厅 (zrzyt), 长沙市 (changsha), 长沙县
    (changshaxian), 星沙街道 (xingsha) and 泉塘街道 (quantang), with their home pages."""
    return Tree(_prepared["tree"])


# Browser tests: headless Debian Chromium through Playwright (skipped where Chromium is missing).
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
needs_chromium = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason="未安装 Chromium（apt-get install chromium）：浏览器测试跳过；.ci/run 会安装它。")
SERIOUS = {"serious", "critical"}


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the whole session (or xdist worker); each test gets its own context."""
    # Playwright's sync API runs an event loop in this thread; the live server's DB access is in its own.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


@pytest.fixture
def browser_context(chromium, transactional_db):
    """Open a fresh context (no cookies, storage or cache of another test): `browser_context(locale=…)`."""
    contexts, refused = [], []

    def open_context(**options):
        context = chromium.new_context(**{"viewport": {"width": 1280, "height": 900}, "locale": "en-US", **options})
        # Whatever the Content-Security-Policy blocks on a page a test walks is a broken page for its user.
        context.on("console", lambda message: "Content Security Policy" in message.text
                   and refused.append(message.text))
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()
    assert not refused, f"the Content-Security-Policy blocked: {refused}"


@pytest.fixture
def browser_page(browser_context):
    return browser_context().new_page()


def serious_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [(v["id"], v["impact"], v["help"]) for v in results.response["violations"] if v["impact"] in SERIOUS]


def admin_login(page, live_server, username, password=PASSWORD):
    """Log in to the admin through its login form and the second factor, by keyboard; wait for the dashboard."""
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    code = current_code(username)  # the user's authenticator, made before the login asks for it
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/admin/(security/otp/|$)"))
    if "/admin/security/otp/" in page.url:
        page.fill("#id_code", code)
        page.keyboard.press("Enter")
        page.wait_for_url("**/admin/")
