"""schemathesis against /api/v1/openapi.json (issue 21, finding 5): every operation, fed data that fits its schema
and data that does not, answers without a server error and exactly as the document says (status, content type,
body). The document is read from the Django WSGI app itself, no server; staff operations are called with a
staff member's personal token so that their code runs, not only the 401.

Bounded and derandomised (the same cases every run, no example database) so that it stays reproducible and
cheap; a failure names the operation and the request that shows it."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from wagtail.models import APIToken

from zhengwu.orgs.models import Role

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = {GenerationMode.POSITIVE: 6, GenerationMode.NEGATIVE: 3}


@pytest.fixture
def schema(hunan):
    # A bare WSGI call closes the database connection when its request finishes (close_old_connections), which
    # on PostgreSQL would end the test's own transaction; Django's test client detaches it the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def staff_token(hunan):
    user = hunan.user("fuzz_admin", hunan.czt, Role.AGENCY_ADMIN)
    _row, token = APIToken.create_token(user=user, name="fuzz")
    return {"Authorization": f"Bearer {token}"}


def signed_in(operation):
    return bool(operation.definition.raw.get("security"))


def run(operation, mode, headers):
    """The first failure hypothesis finds for one operation in one mode, or None."""
    found = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES[mode], derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])
    def attempt(case):
        if found:
            return
        response = case.call(headers=headers)
        try:
            case.validate_response(response, checks=CHECKS)
        except BaseException as failure:  # schemathesis' FailureGroup is a BaseExceptionGroup
            found.append(f"{operation.label} [{mode.value}] → {response.status_code}\n{failure}")

    try:
        attempt()
    except Unsatisfiable:  # nothing in this operation can be made to not fit (a free-text path part, say)
        assert mode is GenerationMode.NEGATIVE, operation.label
    return found[0] if found else None


def test_every_operation_answers_as_documented(schema, staff_token):
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 40  # the whole API, not an empty or half-read document
    failures = []
    for operation in operations:
        headers = staff_token if signed_in(operation) else None
        for mode in EXAMPLES:
            failure = run(operation, mode, headers)
            if failure:
                failures.append(failure)
    assert not failures, "\n\n".join(failures)


def test_public_post_routes_read_only_json(client, schema):
    """A page elsewhere can make a visitor's browser send text/plain or a form without asking (no CORS
    preflight); every public POST operation, from the document, refuses both with 415 and stores nothing."""
    posts = [op for op in (r.ok() for r in schema.get_all_operations())
             if op.method.upper() == "POST" and "requestBody" in op.definition.raw and not signed_in(op)]
    assert len(posts) >= 8
    for operation in posts:
        path = operation.full_path
        for parameter in operation.path_parameters:
            path = path.replace("{" + parameter.name + "}", "1")
        for content_type, body in (("text/plain", '{"text": "x"}'), ("application/x-www-form-urlencoded", "text=x")):
            response = client.post(path, body, content_type=content_type)
            assert response.status_code == 415, (operation.label, content_type, response.status_code)
            assert "JSON" in response.json()["detail"]


def test_two_models_of_one_name_are_refused():
    """ninja kept one component per class name, so a letter's 404 was documented as an interview message (and
    `calendar/due`, `interviews/{id}` the same way): the project's API refuses such a clash."""
    from django.core.exceptions import ImproperlyConfigured
    from ninja import Router, Schema

    from zhengwu.api import ZhengwuAPI

    def router_answering(model):
        router = Router()
        router.get("/thing", response=model)(lambda request: None)
        return router

    first = type("ThingOut", (Schema,), {"__annotations__": {"id": int}})
    second = type("ThingOut", (Schema,), {"__annotations__": {"label": str}})
    api = ZhengwuAPI(urls_namespace="clash-test")
    api.add_router("/a", router_answering(first))
    api.add_router("/b", router_answering(second))
    with pytest.raises(ImproperlyConfigured, match="ThingOut"):
        api.get_openapi_schema(path_prefix="")
