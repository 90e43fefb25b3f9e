"""The admin speaks Chinese: the pages staff use every day show no untranslated English (Wagtail's own zh-Hans
catalog leaves some strings out; the project's locale, zhengwu/locale/zh_Hans, adds them)."""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse

from zhengwu.conftest import PASSWORD
from zhengwu.disclosure.importer import catalog_of
from zhengwu.orgs.models import Role

# Words that are not English prose: formats, names of things, the admin's own brand, and the test's own data (the
# tree's root page is called Root; the superuser root).
ALLOWED = {"Root", "root", "Wagtail", "PDF", "DOCX", "XLSX", "CSV", "RSS", "API", "URL", "OFD", "ID", "JSON", "Email", "HTML",
           "TXT", "ZIP", "SMS", "OpenAPI", "Redis", "PostgreSQL", "SQLite", "AA", "WCAG", "GB", "T"}
WORD = re.compile(r"(?<![\w@./-])[A-Za-z][a-z]+(?:[ -][A-Za-z][a-z]+)*(?![\w@./-])")


def english(html):
    """Runs of English words a person sees or hears: text, and placeholder, title and aria-label attributes."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup.find_all(["script", "style", "template", "noscript", "svg"]):
        hidden.decompose()
    for hidden in soup.find_all(lambda tag: tag.has_attr("hidden") or tag.get("aria-hidden") == "true"):
        hidden.decompose()  # neither seen nor read out
    texts = list(soup.stripped_strings)
    for tag in soup.find_all(True):
        texts.extend(tag.get(attr) for attr in ("placeholder", "title", "aria-label") if tag.get(attr))
    found = set()
    for text in texts:
        for run in WORD.findall(text):
            if not all(word in ALLOWED for word in re.split(r"[ -]", run)):
                found.add(run)
    return found


@pytest.fixture
def staff(catalog):
    tree = catalog.tree
    catalog.item(tree.czt, title="关于做好预算公开工作的通知")
    draft = catalog.item(tree.czt, title="待审查的通知", publish=False, user=tree.editor)
    from zhengwu.disclosure.models.review import secrecy_workflow

    secrecy_workflow().start(draft, tree.editor)
    get_user_model().objects.create_superuser("root", password=PASSWORD)
    tree.user("czt_admin", tree.czt, Role.AGENCY_ADMIN)
    return catalog


def admin_pages(tree):
    catalog = catalog_of(tree.czt)
    item = catalog.get_children().first()
    return [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[tree.czt.home_page_id]),
        reverse("wagtailadmin_explore", args=[catalog.pk]),
        reverse("wagtailadmin_pages:edit", args=[item.pk]),
        reverse("wagtailadmin_pages:add", args=["disclosure", "disclosureitempage", catalog.pk]),
        reverse("wagtailadmin_pages:search") + "?q=预算",
        reverse("wagtaildocs:index"),
        reverse("wagtailadmin_pages:history", args=[item.pk]),
    ]


@pytest.mark.parametrize("username", ["czt_editor", "czt_reviewer", "czt_admin", "root"])
def test_admin_pages_show_no_untranslated_english(client, staff, username):
    client.login(username=username, password=PASSWORD)
    seen = {}
    for url in admin_pages(staff.tree):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        found = english(response.content.decode())
        if found:
            seen[url] = sorted(found)
    assert seen == {}
