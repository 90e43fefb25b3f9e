"""The authorisation matrix (issue 21): roles × every staff URL and staff API route × own/other agency.

The routes come from the URL resolver (every /admin/ route, Wagtail's and the apps') and from the API's own
OpenAPI document (every operation that needs a staff sign-in), so a route added later is in the matrix without
a change here. The world (world.py) is 财政厅 (own) and 自然资源厅 (other), with one row of every agency-owned
model in each, marked so that a response showing the other agency's row is recognised by its text.

What must hold:
- a staff member of 财政厅 opening any route with the other agency's row id is refused (302 back to the admin,
  403, 404 or 405) and is shown none of that row's text; a refused POST changes nothing;
- no list, search or report a staff member of 财政厅 can open shows a row of the other agency;
- a citizen account is refused by every staff API route (403) and every admin route (to the login);
- an anonymous visitor gets 401 from the staff API and the login redirect from the admin.

Every role is asked one by one on the staff API and on every admin route that takes an id. The rest of the admin
(≈300 list and form pages) is asked as one user who holds every role of 财政厅 but 系统管理员 at once: what a role
may see is the union of its agencies' rows, so a page that shows this user none of the other agency's rows shows
none to any single role either, at a tenth of the cost."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.utils import timezone
from model_bakery.random_gen import baker_random

from zhengwu.api import api
from zhengwu.attack_tests.routes import admin_routes
from zhengwu.attack_tests.world import OTHER_MARK, OWN_MARK, World
from zhengwu.orgs.actions import grant_role
from zhengwu.orgs.models import Agency, Role

REFUSED = {302, 403, 404, 405}
# A row's text is its marker and a number; a search box echoing the bare marker back is not a row.
OTHER_ROW = re.compile(OTHER_MARK + r"\d")
OWN_ROW = re.compile(OWN_MARK + r"\d")
# Staff API path parameters: which of the other agency's rows each one names.
API_PARAMETERS = {
    "/api/v1/foi/requests/{number}": ("foi.InformationRequest", "number"),
    "/api/v1/services/cases/{number}": ("services.ServiceCase", "number"),
    "/api/v1/agencies/{agency_id}": ("orgs.Agency", "pk"),
}
# Wagtail's global administration (sites, users, groups, workflows, redirects, the calendar, the division table):
# the 系统管理员 role is the province's, and these are not any agency's records.
GLOBAL_ADMINISTRATION = re.compile(r"^admin/(sites|users|groups|workflows|redirects|settings|timelimits|divisions|"
                                   r"themes|genres|service_objects|statutory_categories|collections|audit)/")


# Wagtail's own pages that still answer the other agency's id, each named with what it shows (reported to
# docs/security.md as open points): none shows a case, an applicant or a document.
KNOWN = {
    # an empty "cancel the workflow?" form: no title, no content of the page
    "admin/pages/workflow/confirm_cancellation/<int:page_id>/": "200 without the page's text",
}
# Asked of every role one by one: the pages that show one row (the rest is asked of the all-roles user).
DETAIL = re.compile(r"/(inspect|edit|reveal|act|download|xlsx|export|responses)/|^admin/api/|^admin/pages/<int:page_id>/"
                    r"(edit|revisions|history)|^admin/(documents|reports|supervision|interaction/interview-console)/")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module inside a transaction that is rolled back after it."""
    saved_root = settings.ZHENGWU_DOCUMENTS_ROOT
    settings.ZHENGWU_DOCUMENTS_ROOT = tmp_path_factory.mktemp("matrix-documents")
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield _build()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            settings.ZHENGWU_DOCUMENTS_ROOT = saved_root


def _build():
    baker_random.seed(21)  # the same rows every run: a failure comes back when run again
    world = World(Agency.objects.get(slug="czt"), Agency.objects.get(slug="zrzyt"))
    users = get_user_model().objects
    world.by_role = {}
    for role in Role.values:
        world.by_role[role] = users.create_user(f"matrix_{role}", password="x")
        grant_role(world.by_role[role], world.own, role)
    world.every_role = users.create_user("matrix_every_role", password="x")
    for role in Role.values:
        if role != Role.SYSTEM_ADMIN:
            grant_role(world.every_role, world.own, role)
    world.citizen = users.create_user("matrix_citizen", password="x")
    world.routes = admin_routes()
    for route in world.routes:
        if route.model is not None:
            world.row(route.model, "own")
            world.row(route.model, "other")
    world.api_operations = _staff_operations()
    return world


def _staff_operations():
    schema = api.get_openapi_schema(path_prefix="")
    found = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            if operation.get("security"):
                found.append((method.upper(), "/api/v1" + path if not path.startswith("/api/") else path, operation))
    return found


def signed_in(user):
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def text(response):
    return response.content.decode(errors="replace")


def shows_other(response):
    return bool(OTHER_ROW.search(text(response)))


def refused_without_trace(response, url):
    """A refusal that tells nothing: a refused status, and no redirect to the object or its text."""
    problems = []
    if response.status_code not in REFUSED:
        problems.append(f"{url} → {response.status_code}")
    if response.status_code == 302 and response["Location"].split("?")[0] == url:
        problems.append(f"{url} → redirects to itself")
    if shows_other(response):
        problems.append(f"{url} shows the other agency's row")
    return problems


def id_routes(world):
    missing = [route.pattern for route in world.routes if route.takes_id and route.model is None
               and any(p in ("pk", "page_id", "user_id") for p in route.parameters)]
    assert not missing, f"add these routes' models to routes.ID_MODELS: {missing}"
    return [route for route in world.routes
            if route.takes_id and route.model is not None and world.row(route.model, "other") is not None]


def test_the_world_has_a_row_of_every_agency_owned_model(world):
    """The matrix is only as wide as the rows it can make: say which models it could not."""
    routes = id_routes(world)
    assert len(routes) > 150
    allowed = {"SecrecyReview", "MonthlyReport"}  # a review needs a catalog page; a month must be 1–12
    assert {model.__name__ for model in world.unbaked} <= allowed, world.unbaked


@pytest.mark.parametrize("role", Role.values)
def test_no_role_reaches_the_other_agencys_rows_by_id(world, db, role):
    client = signed_in(world.by_role[role])
    problems = []
    for route in id_routes(world):
        if route.pattern in KNOWN or not DETAIL.search(route.pattern) or (
                role == Role.SYSTEM_ADMIN and GLOBAL_ADMINISTRATION.match(route.pattern)):
            continue
        url = route.url(world.row(route.model, "other").pk)
        problems += refused_without_trace(client.get(url), url)
    assert not problems, "\n".join(problems)


def test_every_route_refuses_the_other_agencys_rows_to_all_roles_at_once(world, db):
    """Every admin route that takes an id, asked (GET, then POST as a form would) by the user who holds every
    role of 财政厅 but 系统管理员: refused, nothing shown, nothing changed."""
    client = signed_in(world.every_role)
    problems = []
    for route in id_routes(world):
        if route.pattern in KNOWN:
            continue
        other = world.row(route.model, "other")
        url = route.url(other.pk)
        response = client.get(url)
        problems += refused_without_trace(response, url)
        response = client.post(url, {"action-submit": "1", "confirm": "1"})
        problems += refused_without_trace(response, url)
        if not type(other)._default_manager.filter(pk=other.pk).exists():
            problems.append(f"POST {url} deleted the other agency's row")
    assert not problems, "\n".join(problems)


def test_the_matrix_is_not_vacuous(world, db):
    """The same routes with the own agency's ids open for the user who holds its roles: a refusal above is the
    scope's doing, not a broken URL."""
    client = signed_in(world.every_role)
    shown = []
    for route in id_routes(world):
        own = world.row(route.model, "own")
        if own is not None and "inspect" in route.pattern:
            response = client.get(route.url(own.pk))
            if response.status_code == 200 and OWN_ROW.search(text(response)):
                shown.append(route.pattern)
    assert len(shown) >= 10, shown


def test_no_admin_page_lists_the_other_agencys_rows(world, db):
    client = signed_in(world.every_role)
    problems = []
    for route in world.routes:
        if route.takes_id or route.pattern in KNOWN:
            continue
        url = route.url(0)
        # a listing's search answers on its results route; the page around it is asked plain
        for query in ((f"?q={OTHER_MARK}",) if route.pattern.endswith("results/") else ("",)):
            response = client.get(url + query)
            if shows_other(response):
                problems.append(f"{url}{query} → {response.status_code} shows the other agency's row")
            if response.status_code >= 500:
                problems.append(f"{url}{query} → {response.status_code}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("role", Role.values)
def test_the_staff_api_keeps_to_the_agency(world, db, role):
    client = signed_in(world.by_role[role])
    problems = []
    for method, path, operation in world.api_operations:
        url = _fill(world, path)
        query = _query(world, operation)
        if method == "GET":
            response = client.get(url, query)
        else:
            response = client.post(url, {"action": "note", "text": "x"}, content_type="application/json")
        if "{" in path and response.status_code not in {403, 404, 409, 422}:
            problems.append(f"{method} {url} → {response.status_code}")
        if shows_other(response):
            problems.append(f"{method} {url} shows the other agency's row")
        if response.status_code >= 500:
            problems.append(f"{method} {url} → {response.status_code}")
    assert not problems, "\n".join(problems)


def test_a_citizen_and_a_stranger_are_refused_everywhere(world, db):
    citizen, stranger = signed_in(world.citizen), signed_in(None)
    problems = []
    for method, path, operation in world.api_operations:
        url = _fill(world, path)
        for who, client, expected in (("citizen", citizen, 403), ("anonymous", stranger, 401)):
            if method == "GET":
                status = client.get(url, _query(world, operation)).status_code
            else:
                status = client.post(url, {}, content_type="application/json").status_code
            if status != expected:
                problems.append(f"{who} {method} {url} → {status}")
    login = "/admin/login/"
    for route in world.routes:
        other = world.row(route.model, "other") if route.model is not None else None
        url = route.url(other.pk if other is not None else 1)
        # an anonymous visitor on every route; the citizen's session on every route that shows a row
        for who, client in (("citizen", citizen), ("anonymous", stranger)):
            if who == "citizen" and other is None and not route.pattern.endswith("results/"):
                continue
            response = client.get(url)
            if response.status_code not in {302, 403, 404, 405} or (
                    response.status_code == 302 and not response["Location"].startswith(login)):
                problems.append(f"{who} {url} → {response.status_code} {response.get('Location', '')}")
            if shows_other(response):
                problems.append(f"{who} {url} shows the other agency's row")
    assert not problems, "\n".join(problems)


def _fill(world, path):
    for prefix, (label, attribute) in API_PARAMETERS.items():
        if path.startswith(prefix):
            from django.apps import apps

            row = world.row(apps.get_model(label), "other")
            return path.replace(prefix.rsplit("/", 1)[1], str(getattr(row, attribute)))
    assert "{" not in path, f"add {path}'s parameter to API_PARAMETERS"
    return path


def _query(world, operation):
    values = {}
    for parameter in operation.get("parameters", []):
        if parameter["in"] != "query":
            continue
        name = parameter["name"]
        if name in ("agency", "agency_id"):
            values[name] = world.other.pk
        elif name == "year":
            values[name] = timezone.localdate().year
        elif name == "month":
            values[name] = 1
    return values
