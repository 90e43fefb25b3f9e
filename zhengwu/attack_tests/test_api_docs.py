"""/api/v1/docs works on an intranet without internet: Swagger UI's script, style and icons come from the
platform's /static/ (ninja's copy), and the page's CSP trusts no CDN."""

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

REFERENCE = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""")


def test_the_docs_page_loads_only_the_platforms_own_files(client):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    html = response.content.decode()
    references = REFERENCE.findall(html)
    assert any(ref.endswith("swagger-ui-bundle.js") for ref in references)
    assert any(ref.endswith("swagger-ui.css") for ref in references)
    for reference in references:
        assert reference.startswith("/static/"), reference
        assert finders.find(reference.removeprefix("/static/")), f"{reference} is not served by the platform"
    assert "//" not in "".join(references)  # no protocol-relative or absolute URL either
    assert "cdn" not in html.lower()


def test_the_docs_page_csp_trusts_only_the_platform(client):
    policy = client.get("/api/v1/docs")["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert not re.search(r"https?:|//|cdn|\*", policy)


def test_the_docs_scripts_and_styles_are_served(client):
    for name in ("swagger-ui-bundle.js", "swagger-ui-init.js", "swagger-ui.css", "favicon.png"):
        assert finders.find(f"ninja/{name}"), name
