"""Schema-driven fuzzing of the staff console API (bot/console/api.py).

schemathesis cannot be installed next to Rasa 3.6.21's pins (see docs/SECURITY.md), so this
does what it would with hypothesis + hypothesis-jsonschema: for EVERY operation in the
served /api/openapi.json, requests are generated from the operation's own parameter and
body schemas, plus malformed variants (schema-violating JSON, non-JSON bytes, wrong
content types, hostile path ids), and sent

- without credentials / with wrong ones: always 401 (or 403), never anything else;
- with the bearer token: never a 5xx, and always a JSON body for errors.

The app is the real one (create_app) on an aiohttp test server with a SQLite database and
the recording stand-in for Rasa from tests/test_console_api.py. Derandomised."""

from __future__ import annotations

import asyncio
import json
import re

import pytest
from aiohttp.test_utils import TestClient, TestServer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from bot.console.app import create_app
from tests.telegram_fixtures import sqlite_db_url  # noqa: F401 - fixture
from tests.test_console_api import API_TOKEN, BEARER, FakeRasa, add_escalation, make_settings

EXAMPLES = 50
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much],
)

BAD_AUTH = [
    {},
    {"Authorization": "Bearer wrong-token-0123456789"},
    {"Authorization": f"Bearer {API_TOKEN}x"},
    {"Authorization": "Basic bnVyc2U6eA=="},
    {"Authorization": "Bearer"},
    {"Cookie": "companion_session=forged.sig"},
    {"Cookie": "companion_session=" + "A" * 2000},
]


@pytest.fixture
def db_url(sqlite_db_url):  # noqa: F811 - SQLite is enough here: the route logic is fuzzed
    return sqlite_db_url


@pytest.fixture
def console(db_url, make_key):
    """(loop, client, spec, escalation id): the real app, served on its own event loop so the
    synchronous hypothesis tests can drive it."""
    loop = asyncio.new_event_loop()
    rasa = FakeRasa()
    esc_id = add_escalation(db_url, make_key)

    async def start():
        await rasa.server.start_server()
        app = create_app(make_settings(db_url, rasa.url))
        client = TestClient(TestServer(app))
        await client.start_server()
        spec = await (await client.get("/api/openapi.json", headers=BEARER)).json()
        return client, spec

    client, spec = loop.run_until_complete(start())
    try:
        yield loop, client, spec, esc_id
    finally:
        loop.run_until_complete(client.close())
        loop.run_until_complete(rasa.server.close())
        loop.close()


def _operations(spec):
    for template, ops in spec["paths"].items():
        for method, op in ops.items():
            yield template, method.upper(), op


def _resolve(spec, schema):
    """Inline local $refs (hypothesis-jsonschema needs a self-contained schema)."""
    if isinstance(schema, dict):
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            return _resolve(spec, spec["components"]["schemas"][name])
        return {k: _resolve(spec, v) for k, v in schema.items() if k != "nullable"} | (
            {"type": [schema["type"], "null"]} if schema.get("nullable") and "type" in schema else {}
        )
    if isinstance(schema, list):
        return [_resolve(spec, s) for s in schema]
    return schema


def _nullable_oneof(schema):
    """OpenAPI 3.0 'nullable' on a oneOf -> JSON Schema: allow null as another branch."""
    if isinstance(schema, dict):
        schema = {k: _nullable_oneof(v) for k, v in schema.items()}
        if "oneOf" in schema and schema.pop("nullable", False):
            schema["oneOf"] = schema["oneOf"] + [{"type": "null"}]
        return schema
    if isinstance(schema, list):
        return [_nullable_oneof(s) for s in schema]
    return schema


def _to_jsonschema(spec, schema):
    return _resolve(spec, _nullable_oneof(schema))


def _request_strategy(spec, template, op, esc_id):
    """Requests for one operation: schema-valid and deliberately malformed."""
    params = op.get("parameters", [])
    path_ids = st.one_of(
        st.just(esc_id),
        st.just(esc_id),
        st.integers(0, 10**9 - 1),
        st.sampled_from(["-1", "0x1", "1e3", "%2e%2e", "9" * 12, "١", " 1"]),
    )
    query_parts = {}
    for p in params:
        if p["in"] == "query":
            valid = from_schema(_to_jsonschema(spec, p["schema"])).map(
                lambda v: v if isinstance(v, str) else json.dumps(v)
            )
            query_parts[p["name"]] = st.one_of(valid, st.text(max_size=30))
    query = st.fixed_dictionaries({}, optional=query_parts)
    body_schema = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
    json_body = st.recursive(
        st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20)),
        lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=10), inner, max_size=3)),
        max_leaves=8,
    )
    bodies = [
        st.tuples(st.just("application/json"), json_body.map(lambda v: json.dumps(v).encode())),
        st.tuples(
            st.sampled_from(
                [
                    "application/json",
                    "text/plain",
                    "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x",
                    "",
                ]
            ),
            st.binary(max_size=200),
        ),
        st.just(("application/json", b'{"status": "resolved", "note": "' + b"n" * 3000 + b'"}')),
        st.just(("application/json", b"\xff\xfe{")),
    ]
    if body_schema is not None:
        valid_body = st.tuples(
            st.just("application/json"),
            from_schema(_to_jsonschema(spec, body_schema)).map(lambda v: json.dumps(v).encode()),
        )
        bodies[:0] = [valid_body, valid_body]
    else:
        bodies.insert(0, st.just(None))
    return st.fixed_dictionaries(
        {
            "path": path_ids.map(lambda i: template.replace("{id}", str(i))),
            "query": query,
            "body": st.one_of(*bodies),
        }
    )


async def _send(client, method, request, headers):
    kwargs = {"params": request["query"], "headers": dict(headers), "allow_redirects": False}
    if request["body"] is not None:
        content_type, data = request["body"]
        if content_type:
            kwargs["headers"]["Content-Type"] = content_type
        kwargs["data"] = data
    path = request["path"]
    if not re.fullmatch(r"/[\x21-\x7e]*", path):
        path = "/api/escalations/1"
    resp = await client.request(method, path, **kwargs)
    try:
        if resp.content_type == "text/event-stream":  # /api/events streams forever
            return resp.status, resp.content_type, None
        return resp.status, resp.content_type, await resp.read()
    finally:
        resp.close()


def _operation_ids():
    from bot.console.api import openapi_spec

    return [f"{m.upper()} {t}" for t, ops in openapi_spec()["paths"].items() for m in ops]


@pytest.mark.parametrize("operation", _operation_ids())
def test_every_operation_fuzzed(console, operation):
    loop, client, spec, esc_id = console
    method, template = operation.split(" ", 1)
    op = spec["paths"][template][method.lower()]
    seen_statuses = set()

    @FUZZ
    @given(request=_request_strategy(spec, template, op, esc_id), bad_auth=st.sampled_from(BAD_AUTH))
    def run(request, bad_auth):
        # 1. no / wrong credentials: refused before anything else happens
        status, ctype, body = loop.run_until_complete(_send(client, method, request, bad_auth))
        in_api = request["path"].startswith("/api")
        if in_api:
            assert status in (401, 403), (operation, request, bad_auth, status)
            assert ctype == "application/json" and "error" in json.loads(body)
        # 2. the integration token: never a server error, errors are JSON
        status, ctype, body = loop.run_until_complete(_send(client, method, request, BEARER))
        seen_statuses.add(status)
        assert status < 500, (operation, request, status, body[:300] if body else body)
        if status >= 400 and in_api:
            assert ctype == "application/json", (operation, request, status, ctype)
            assert "error" in json.loads(body)

    run()
    # coverage: some generated requests got past authentication and input validation
    assert seen_statuses - {400, 401, 403, 413, 415}, f"{operation}: only {sorted(seen_statuses)}"


def test_spec_covers_every_api_route(console):
    """The fuzzing is only as complete as the OpenAPI document: every /api route is in it."""
    loop, client, spec, _ = console
    documented = {(m.upper(), t) for t, ops in spec["paths"].items() for m in ops}
    routes = set()
    for resource in client.server.app.router.resources():
        info = resource.get_info()
        path = info.get("path") or info.get("formatter") or ""
        if not path.startswith("/api"):
            continue
        path = re.sub(r"\{id:[^}]*\}", "{id}", path)
        for route in resource:
            if route.method != "HEAD":
                routes.add((route.method, path))
    assert routes <= documented, routes - documented
