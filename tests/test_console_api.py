"""Staff console over HTTP (aiohttp test server, real database on SQLite and PostgreSQL):
authentication on every route, CSRF, bearer token, lockout and rate limit, escaping,
strict input validation, the escalation workflow, live events and the handoff relay
(against a recording stand-in for Rasa's HTTP API; the real Rasa server is exercised
end to end in tests/test_widget_browser.py)."""

from __future__ import annotations

import asyncio
import json
import re
from datetime import timedelta

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from argon2 import PasswordHasher
from sqlalchemy import select

from bot.console import relay
from bot.console.app import create_app
from bot.console.settings import ConsoleSettings
from bot.db.models import AuditLog, Escalation, Outbox, Staff, User
from bot.db.session import session_scope
from bot.db.types import utcnow
from bot.escalation.service import open_escalation

API_TOKEN = "test-api-token-0123456789abcdef"
PASSWORD = "correct horse battery staple"
XSS = '<script>alert("pwned")</script><img src=x onerror=alert(1)>'
_hasher = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)


# --- fixtures ----------------------------------------------------------------------------


class FakeRasa:
    """Records calls to Rasa's tracker API and answers like Rasa does."""

    def __init__(self):
        self.calls = []
        self.events = {}
        self.fail = False
        app = web.Application()
        app.router.add_get("/conversations/{cid}/tracker", self.tracker)
        app.router.add_post("/conversations/{cid}/tracker/events", self.append)
        self.server = TestServer(app)

    async def tracker(self, request):
        if self.fail:
            return web.json_response({"error": "down"}, status=500)
        self.calls.append(("GET", request.match_info["cid"], dict(request.query), None))
        events = self.events.get(request.match_info["cid"], [])
        slots = {}
        for e in events:
            if e.get("event") == "slot":
                slots[e["name"]] = e["value"]
        return web.json_response({"sender_id": request.match_info["cid"], "events": events, "slots": slots})

    async def append(self, request):
        if self.fail:
            return web.json_response({"error": "down"}, status=500)
        body = await request.json()
        cid = request.match_info["cid"]
        self.calls.append(("POST", cid, dict(request.query), body))
        self.events.setdefault(cid, []).extend(body)
        return web.json_response({"sender_id": cid})

    @property
    def url(self) -> str:
        return str(self.server.make_url("")).rstrip("/")


@pytest.fixture
async def fake_rasa():
    rasa = FakeRasa()
    await rasa.server.start_server()
    yield rasa
    await rasa.server.close()


def make_settings(db_url, rasa_url="http://127.0.0.1:9", **overrides) -> ConsoleSettings:
    from pathlib import Path

    values = dict(
        host="127.0.0.1",
        port=0,
        secret="test-console-secret-0123456789",
        secure_cookies=False,
        api_token=API_TOKEN,
        rasa_url=rasa_url,
        rasa_token_env="rasa-test-token",
        widget_rasa_url="http://127.0.0.1:5005",
        database_url=db_url,
        var_dir=Path("/nonexistent"),
        default_region="US",
        sse_poll_seconds=0.2,
    )
    values.update(overrides)
    return ConsoleSettings(**values)


@pytest.fixture
def staff_accounts(db_url):
    with session_scope(db_url) as s:
        for name, role in (("nurse", "staff"), ("boss", "admin")):
            s.add(Staff(username=name, password_hash=_hasher.hash(PASSWORD), role=role, failed_logins=0))
    return {"nurse": PASSWORD, "boss": PASSWORD}


@pytest.fixture
async def client_factory(db_url, fake_rasa, staff_accounts):
    clients = []

    async def make(**overrides) -> TestClient:
        app = create_app(make_settings(db_url, fake_rasa.url, **overrides))
        client = TestClient(TestServer(app))
        await client.start_server()
        clients.append(client)
        return client

    yield make
    for c in clients:
        await c.close()


@pytest.fixture
async def client(client_factory) -> TestClient:
    return await client_factory()


def add_escalation(
    db_url,
    make_key,
    raw="person-1",
    *,
    channel="widget",
    excerpt="I feel hopeless",
    reason="crisis",
    conversation_id="conv-0123456789abcdef",
    basis=None,
) -> int:
    with session_scope(db_url) as s:
        esc, _ = open_escalation(
            s,
            user_key=make_key(raw, channel),
            channel=channel,
            severity="critical",
            reason=reason,
            excerpt=excerpt,
            dedup_minutes=30,
            conversation_id=conversation_id,
            basis=basis,
        )
        return esc.id


async def login(client: TestClient, username="nurse", password=PASSWORD) -> str:
    """Sign in through the form; returns the session's CSRF token."""
    page = await client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', await page.text()).group(1)
    resp = await client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token, "next": "/escalations"},
        allow_redirects=False,
    )
    assert resp.status == 303, await resp.text()
    page = await client.get("/escalations")
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', await page.text()).group(1)


BEARER = {"Authorization": f"Bearer {API_TOKEN}"}


def _path(template: str, esc_id: int = 1) -> str:
    return template.replace("{id}", str(esc_id))


# --- authentication on every route -------------------------------------------------------


async def test_every_api_route_needs_auth(client, db_url, make_key):
    esc_id = add_escalation(db_url, make_key)
    spec = await (await client.get("/api/openapi.json", headers=BEARER)).json()
    assert spec["openapi"].startswith("3.")
    checked = 0
    for template, ops in spec["paths"].items():
        for method in ops:
            for headers in (
                {},
                {"Authorization": "Bearer wrong-token-0123456789"},
                {"Authorization": "Basic bnVyc2U6eA=="},
                {"Cookie": "companion_session=forged.sig"},
            ):
                resp = await client.request(
                    method.upper(), _path(template, esc_id), headers=headers, json={"status": "resolved"}
                )
                assert resp.status == 401, (method, template, headers, resp.status)
                body = await resp.json()
                assert body["error"] == "authentication required"
                checked += 1
    assert checked >= 4 * 9
    for path in ("/api", "/api/", "/api/nope", "/api/escalations/999999/anything"):
        assert (await client.get(path)).status == 401


async def test_pages_redirect_to_login_and_public_assets_do_not(client, db_url, make_key):
    esc_id = add_escalation(db_url, make_key)
    for path in (
        "/",
        "/escalations",
        f"/escalations/{esc_id}",
        f"/escalations/{esc_id}/mood.png",
        "/audit",
        "/metrics",
        "/metrics.csv",
    ):
        resp = await client.get(path, allow_redirects=False)
        assert resp.status == 302, path
        assert resp.headers["Location"].startswith("/login?next=")
    resp = await client.post(f"/escalations/{esc_id}/actions", data={"action": "resolve"}, allow_redirects=False)
    assert resp.status == 302
    with session_scope(db_url) as s:
        assert s.get(Escalation, esc_id).status == "open"
    for path, kind in (
        ("/login", "text/html"),
        ("/chat", "text/html"),
        ("/widget.js", "javascript"),
        ("/widget.css", "text/css"),
        ("/vendor/socket.io.min.js", "javascript"),
        ("/static/console.js", "javascript"),
        ("/static/console.css", "text/css"),
    ):
        resp = await client.get(path)
        assert resp.status == 200, path
        assert kind in resp.headers["Content-Type"], path
    assert (await client.get("/vendor/socket.io-client.LICENSE")).status == 200
    from yarl import URL

    traversal = await client.session.get(
        client.make_url("/").join(URL("/vendor/%2E%2E/%2E%2E/bot/config.py", encoded=True)), allow_redirects=False
    )
    assert traversal.status in (302, 403, 404) and "PROJECT_ROOT" not in await traversal.text()


async def test_security_headers(client):
    for path in ("/login", "/chat", "/api/escalations", "/widget.js"):
        resp = await client.get(path)
        h = resp.headers
        assert h["X-Frame-Options"] == "DENY"
        assert h["X-Content-Type-Options"] == "nosniff"
        assert h["Referrer-Policy"] == "same-origin"
        csp = h["Content-Security-Policy"]
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    csp = (await client.get("/chat")).headers["Content-Security-Policy"]
    assert "connect-src 'self' http://127.0.0.1:5005 ws://127.0.0.1:5005" in csp
    html = await (await client.get("/chat")).text()
    assert "<script>" not in html and "onclick" not in html  # no inline script anywhere
    assert 'data-rasa-url="http://127.0.0.1:5005"' in html and 'data-role="caregiver"' in html
    html = await (await client.get("/chat?role=patient&region=UK")).text()
    assert 'data-role="patient"' in html and 'data-region="UK"' in html
    html = await (await client.get('/chat?role="><script>&region=<b>')).text()
    assert 'data-role="caregiver"' in html and 'data-region="US"' in html


# --- sign-in: cookies, CSRF, lockout, rate limit, logout ------------------------------------


async def test_login_cookie_flags_and_logout(client_factory):
    client = await client_factory(secure_cookies=True)
    page = await client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', await page.text()).group(1)
    login_cookie = page.cookies["companion_login_csrf"]
    assert login_cookie["secure"] and login_cookie["httponly"] and login_cookie["samesite"] == "Strict"
    # a Secure cookie is not sent back over plain http by the client: send it by hand
    resp = await client.post(
        "/login",
        data={"username": "nurse", "password": PASSWORD, "csrf_token": token},
        allow_redirects=False,
        headers={"Cookie": f"companion_login_csrf={login_cookie.value}"},
    )
    assert resp.status == 303
    cookie = [v for v in resp.headers.getall("Set-Cookie") if v.startswith("companion_session=")][0]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Secure" in cookie

    client = await client_factory()
    csrf_token = await login(client)
    assert (await client.get("/api/escalations")).status == 200
    cookie_value = client.session.cookie_jar.filter_cookies(client.make_url("/"))["companion_session"].value
    resp = await client.post("/logout", data={"csrf_token": csrf_token}, allow_redirects=False)
    assert resp.status == 303
    assert (await client.get("/api/escalations")).status == 401
    # the old cookie value is revoked, not just deleted from the browser
    replay = await client.get("/api/escalations", headers={"Cookie": f"companion_session={cookie_value}"})
    assert replay.status == 401


async def test_login_form_needs_its_csrf_token(client):
    await client.get("/login")
    resp = await client.post(
        "/login", data={"username": "nurse", "password": PASSWORD, "csrf_token": "forged"}, allow_redirects=False
    )
    assert resp.status == 403
    assert (await client.get("/api/escalations")).status == 401


async def _attempt(client, password, username="nurse"):
    page = await client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', await page.text()).group(1)
    return await client.post(
        "/login", data={"username": username, "password": password, "csrf_token": token}, allow_redirects=False
    )


async def test_lockout_after_five_failures(client, db_url):
    for i in range(5):
        resp = await _attempt(client, f"wrong password {i}")
        assert resp.status == 401
        assert "Sign-in failed" in await resp.text()
    with session_scope(db_url) as s:
        staff = s.execute(select(Staff).where(Staff.username == "nurse")).scalar_one()
        assert staff.locked_until is not None and staff.locked_until > utcnow() + timedelta(minutes=14)
    resp = await _attempt(client, PASSWORD)  # the right password is refused while locked
    assert resp.status == 401
    assert (await client.get("/api/escalations")).status == 401
    with session_scope(db_url) as s:
        actions = [a.action for a in s.execute(select(AuditLog).order_by(AuditLog.id)).scalars()]
        assert actions.count("login_failed") == 4
        assert "login_locked" in actions and "login_refused_locked" in actions
        staff = s.execute(select(Staff).where(Staff.username == "nurse")).scalar_one()
        staff.locked_until = utcnow() - timedelta(seconds=1)  # 15 minutes later...
    resp = await _attempt(client, PASSWORD)
    assert resp.status == 303
    with session_scope(db_url) as s:
        staff = s.execute(select(Staff).where(Staff.username == "nurse")).scalar_one()
        assert staff.failed_logins == 0 and staff.locked_until is None


async def test_unknown_user_and_per_ip_rate_limit(client_factory):
    client = await client_factory(ip_attempts=3)
    for _ in range(3):
        assert (await _attempt(client, "nope", username="nobody")).status == 401
    resp = await _attempt(client, PASSWORD)  # even a right password: the address is throttled
    assert resp.status == 429
    assert int(resp.headers["Retry-After"]) > 0


# --- CSRF for session writes, bearer token for integrations ------------------------------


async def test_csrf_enforced_for_session_writes(client, db_url, make_key):
    esc_id = add_escalation(db_url, make_key)
    token = await login(client)
    url = f"/api/escalations/{esc_id}"
    resp = await client.patch(url, json={"status": "acknowledged"})
    assert resp.status == 403 and "CSRF" in (await resp.json())["error"]
    resp = await client.patch(url, json={"status": "acknowledged"}, headers={"X-CSRF-Token": "x" * 64})
    assert resp.status == 403
    resp = await client.patch(
        url, json={"status": "acknowledged"}, headers={"X-CSRF-Token": token, "Origin": "http://evil.example"}
    )
    assert resp.status == 403
    resp = await client.post(f"/escalations/{esc_id}/actions", data={"action": "resolve"}, allow_redirects=False)
    assert resp.status == 403
    resp = await client.post(
        f"/escalations/{esc_id}/actions", data={"action": "resolve", "csrf_token": "bad"}, allow_redirects=False
    )
    assert resp.status == 403
    with session_scope(db_url) as s:
        assert s.get(Escalation, esc_id).status == "open"
    resp = await client.patch(url, json={"status": "acknowledged"}, headers={"X-CSRF-Token": token})
    assert resp.status == 200
    body = await resp.json()
    assert body["status"] == "acknowledged" and body["assignee"]["username"] == "nurse"
    resp = await client.post(
        f"/escalations/{esc_id}/actions",
        data={"action": "resolve", "note": "called back", "csrf_token": token},
        allow_redirects=False,
    )
    assert resp.status == 303 and "done=resolved" in resp.headers["Location"]
    with session_scope(db_url) as s:
        esc = s.get(Escalation, esc_id)
        assert esc.status == "resolved" and esc.resolution_note == "called back"


async def test_bearer_token_api(client, db_url, make_key):
    esc_id = add_escalation(db_url, make_key)
    resp = await client.get("/api/escalations?status=open", headers=BEARER)
    assert resp.status == 200
    rows = (await resp.json())["escalations"]
    assert [r["id"] for r in rows] == [esc_id]
    assert "user_key" not in json.dumps(rows) and "conv-0123456789abcdef" not in json.dumps(rows)
    resp = await client.patch(f"/api/escalations/{esc_id}", json={"assignee": "boss"}, headers=BEARER)
    assert resp.status == 200 and (await resp.json())["assignee"]["username"] == "boss"
    resp = await client.post(f"/api/escalations/{esc_id}", json={"status": "resolved", "note": "done"}, headers=BEARER)
    assert resp.status == 200 and (await resp.json())["status"] == "resolved"
    resp = await client.patch(f"/api/escalations/{esc_id}", json={"status": "acknowledged"}, headers=BEARER)
    assert resp.status == 409
    detail = await (await client.get(f"/api/escalations/{esc_id}", headers=BEARER)).json()
    assert detail["resolution_note"] == "done" and detail["checkins"] == []
    assert (await client.get("/api/escalations/424242", headers=BEARER)).status == 404
    me = await (await client.get("/api/me", headers=BEARER)).json()
    assert me["kind"] == "api"
    with session_scope(db_url) as s:
        actors = {a.actor for a in s.execute(select(AuditLog).where(AuditLog.escalation_id == esc_id)).scalars()}
        assert "api" in actors


@pytest.mark.parametrize(
    "body, content_type, status",
    [
        (b"{not json", "application/json", 400),
        (b"[1, 2]", "application/json", 400),
        (b'"resolved"', "application/json", 400),
        (b"\xff\xfe", "application/json", 400),
        (b"{}", "application/json", 400),
        (b'{"status": 5}', "application/json", 400),
        (b'{"status": "closed"}', "application/json", 400),
        (b'{"status": "resolved", "note": 123}', "application/json", 400),
        (b'{"status": "resolved", "note": "' + b"x" * 1001 + b'"}', "application/json", 400),
        (b'{"note": "only a note"}', "application/json", 400),
        (b'{"assignee": true}', "application/json", 400),
        (b'{"assignee": 99999999999}', "application/json", 400),
        (b'{"assignee": "nobody-here"}', "application/json", 404),  # the staff member is not found
        (b'{"assignee": 424242}', "application/json", 404),
        (b'{"assignee": "me"}', "application/json", 403),  # a bearer client has no "me"
        (b'{"status": null, "note": "a note"}', "application/json", 400),
        (b'{"status": "resolved", "evil": 1}', "application/json", 400),
        (b"status=resolved", "text/plain", 415),
        (b'{"note": "' + b"x" * 70000 + b'"}', "application/json", 413),
    ],
)
async def test_malformed_updates_are_4xx_json(client, db_url, make_key, body, content_type, status):
    esc_id = add_escalation(db_url, make_key)
    resp = await client.patch(f"/api/escalations/{esc_id}", data=body, headers={**BEARER, "Content-Type": content_type})
    assert resp.status == status, await resp.text()
    assert "error" in await resp.json()
    with session_scope(db_url) as s:
        assert s.get(Escalation, esc_id).status == "open"


async def test_a_method_the_api_does_not_have_is_405_with_allow(client, db_url, make_key):
    esc_id = add_escalation(db_url, make_key)
    for method, path, allowed in (
        ("PUT", "/api/me", {"GET", "HEAD"}),
        ("DELETE", f"/api/escalations/{esc_id}", {"GET", "HEAD", "PATCH", "POST"}),
    ):
        resp = await client.request(method, path, headers=BEARER)
        assert resp.status == 405 and "error" in await resp.json()
        assert {m.strip() for m in resp.headers["Allow"].split(",")} == allowed  # RFC 9110


async def test_malformed_queries_and_paths(client, db_url, make_key):
    esc_id = add_escalation(db_url, make_key)
    for path, status in (
        ("/api/escalations?status=bogus", 400),
        ("/api/escalations?limit=0", 400),
        ("/api/escalations?limit=abc", 400),
        ("/api/escalations/12345678901234", 404),
        ("/api/escalations/abc", 404),
        ("/api/events?since=yesterday", 400),
        ("/api/events?since=2026-01-01T00:00:00", 400),
    ):
        resp = await client.get(path, headers=BEARER)
        assert resp.status == status, path
        assert "error" in await resp.json(), path
    for body in (b'{"action": "steal"}', b'{"action": ["take"]}', b"{}", b'{"text": "x"}'):
        resp = await client.post(
            f"/api/escalations/{esc_id}/handoff", data=body, headers={**BEARER, "Content-Type": "application/json"}
        )
        assert resp.status == 400, body
    for body in (
        b'{"text": 7}',
        b'{"text": ""}',
        b'{"text": "   "}',
        b'{"words": "hi"}',
        b'{"text": "' + b"y" * 2001 + b'"}',
    ):
        resp = await client.post(
            f"/api/escalations/{esc_id}/messages", data=body, headers={**BEARER, "Content-Type": "application/json"}
        )
        assert 400 <= resp.status < 500, body
    resp = await client.put(f"/api/escalations/{esc_id}", json={}, headers=BEARER)
    assert resp.status == 405 and "error" in await resp.json()


# --- escaping --------------------------------------------------------------------------------


async def test_user_text_is_escaped_in_pages(client, db_url, make_key):
    esc_id = add_escalation(db_url, make_key, excerpt=XSS)
    with session_scope(db_url) as s:
        user = s.execute(select(User)).scalar_one()
        from bot.db.models import Checkin

        s.add(Checkin(user_id=user.id, score=8, mood_word="<b>bad</b>", note=XSS, source="form"))
    await login(client)
    for path in ("/escalations", f"/escalations/{esc_id}"):
        html = await (await client.get(path)).text()
        assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in html, path
        assert "<script>alert" not in html and "<img src=x" not in html, path
    html = await (await client.get(f"/escalations/{esc_id}")).text()
    assert "&lt;b&gt;bad&lt;/b&gt;" in html
    resp = await client.get(f"/escalations/{esc_id}/mood.png")
    assert resp.status == 200 and resp.headers["Content-Type"] == "image/png"
    assert (await resp.read()).startswith(b"\x89PNG")


async def test_audit_page_is_for_admins(client_factory):
    staff = await client_factory()
    await login(staff, "nurse")
    assert (await staff.get("/audit")).status == 403
    admin = await client_factory()
    await login(admin, "boss")
    html = await (await admin.get("/audit")).text()
    assert "login_ok" in html


# --- live updates --------------------------------------------------------------------------


async def _read_event(resp, timeout=10.0) -> dict:
    buffer = ""

    async def read():
        nonlocal buffer
        while True:
            chunk = await resp.content.readany()
            assert chunk, "stream closed"
            buffer += chunk.decode()
            while "\n\n" in buffer:
                block, buffer = buffer.split("\n\n", 1)
                lines = dict(
                    line.split(": ", 1) for line in block.splitlines() if ": " in line and not line.startswith(":")
                )
                if lines.get("event") == "escalation":
                    return json.loads(lines["data"])

    return await asyncio.wait_for(read(), timeout)


async def test_events_stream_new_and_changed_escalations(client, db_url, make_key):
    resp = await client.get("/api/events", headers=BEARER)
    assert resp.status == 200 and resp.headers["Content-Type"].startswith("text/event-stream")
    await asyncio.sleep(0.3)
    esc_id = await asyncio.to_thread(add_escalation, db_url, make_key, "sse-person", excerpt=XSS)
    event = await _read_event(resp)
    assert event["id"] == esc_id and event["status"] == "open" and event["excerpt"] == XSS
    await client.patch(f"/api/escalations/{esc_id}", json={"status": "acknowledged"}, headers=BEARER)
    event = await _read_event(resp)
    assert event["id"] == esc_id and event["status"] == "acknowledged"
    resp.close()


async def test_events_stream_ends_after_its_lifetime_and_resumes_from_a_utc_z_time(client_factory, db_url, make_key):
    from datetime import timedelta

    from bot.db.types import utcnow

    client = await client_factory(sse_max_seconds=0.6)
    older = await asyncio.to_thread(add_escalation, db_url, make_key, "sse-older")
    with session_scope(db_url) as s:  # raised and changed an hour ago
        row = s.get(Escalation, older)
        row.created_at = row.updated_at = row.last_seen_at = utcnow() - timedelta(hours=1)
    newer = await asyncio.to_thread(add_escalation, db_url, make_key, "sse-newer")
    started = asyncio.get_running_loop().time()
    resp = await client.get("/api/events?since=2000-01-01T00:00:00Z", headers=BEARER)  # RFC 3339 "Z"
    assert resp.status == 200
    body = (await asyncio.wait_for(resp.content.read(), 10)).decode()  # returns once the server ends it
    assert 0.5 < asyncio.get_running_loop().time() - started < 5
    assert f'"id":{older},' in body and f'"id":{newer},' in body  # the backlog of the last day, in UTC
    last_id = [line[4:] for line in body.splitlines() if line.startswith("id: ")][-1]
    # EventSource reconnects to the same URL with Last-Event-ID: the later of the two counts
    resp = await client.get("/api/events?since=2000-01-01T00:00:00Z", headers={**BEARER, "Last-Event-ID": last_id})
    body = (await asyncio.wait_for(resp.content.read(), 10)).decode()
    assert resp.status == 200 and f'"id":{older},' not in body


async def test_events_need_a_live_session(client):
    await login(client)
    resp = await client.get("/api/events")
    assert resp.status == 200
    resp.close()


# --- handoff relay (recording stand-in for Rasa's HTTP API) ----------------------------------


async def test_take_over_message_and_hand_back_for_widget_user(client, db_url, make_key, fake_rasa):
    esc_id = add_escalation(db_url, make_key, channel="widget", conversation_id="widget-session-0123456789")
    token = await login(client)
    h = {"X-CSRF-Token": token}
    resp = await client.post(f"/api/escalations/{esc_id}/messages", json={"text": "hello"}, headers=h)
    assert resp.status == 409  # not taken over yet
    resp = await client.post(f"/api/escalations/{esc_id}/handoff", json={"action": "take"}, headers=h)
    assert resp.status == 200, await resp.text()
    body = await resp.json()
    assert body["delivery"] == "socketio" and body["escalation"]["status"] == "acknowledged"
    assert body["escalation"]["person"]["handoff_active"] is True
    method, cid, query, events = fake_rasa.calls[-1]
    assert (method, cid) == ("POST", "widget-session-0123456789")
    assert query == {"token": "rasa-test-token", "output_channel": "socketio", "execute_side_effects": "true"}
    assert events == [
        {"event": "slot", "name": "handoff_active", "value": True},
        {"event": "bot", "text": relay.TAKE_OVER_TEXT, "metadata": {"staff": True}},
    ]
    resp = await client.post(f"/api/escalations/{esc_id}/messages", json={"text": XSS}, headers=h)
    assert resp.status == 201
    assert fake_rasa.calls[-1][3] == [{"event": "bot", "text": XSS, "metadata": {"staff": True}}]
    fake_rasa.events["widget-session-0123456789"].append({"event": "user", "text": "thank you", "timestamp": 1.0})
    transcript = await (await client.get(f"/api/escalations/{esc_id}/transcript")).json()
    assert [m["sender"] for m in transcript["messages"]] == ["staff", "staff", "user"]
    assert transcript["handoff_active"] is True
    resp = await client.post(f"/api/escalations/{esc_id}/handoff", json={"action": "release"}, headers=h)
    assert resp.status == 200
    assert fake_rasa.calls[-1][3][0] == {"event": "slot", "name": "handoff_active", "value": False}
    with session_scope(db_url) as s:
        assert s.execute(select(User)).scalar_one().handoff_active is False
        assert s.execute(select(Outbox).where(Outbox.kind == "staff_message")).first() is None
        actions = [a.action for a in s.execute(select(AuditLog).order_by(AuditLog.id)).scalars()]
        for expected in ("handoff_started", "handoff_take", "staff_message_sent", "handoff_ended", "handoff_release"):
            assert expected in actions
        details = " ".join(a.detail or "" for a in s.execute(select(AuditLog)).scalars())
        assert "pwned" not in details  # message content never reaches the audit log


async def test_telegram_user_gets_staff_messages_through_the_outbox(client, db_url, make_key, fake_rasa):
    esc_id = add_escalation(db_url, make_key, "tg-42", channel="telegram", conversation_id="tg-abcdef0123456789")
    resp = await client.post(f"/api/escalations/{esc_id}/handoff", json={"action": "take"}, headers=BEARER)
    assert resp.status == 200 and (await resp.json())["delivery"] == "outbox"
    assert "output_channel" not in fake_rasa.calls[-1][2]  # recorded in the tracker only
    resp = await client.post(f"/api/escalations/{esc_id}/messages", json={"text": "Are you safe?"}, headers=BEARER)
    assert resp.status == 201
    # resolving while taken over hands the person back to the bot first
    resp = await client.patch(f"/api/escalations/{esc_id}", json={"status": "resolved", "note": "ok"}, headers=BEARER)
    assert resp.status == 200 and (await resp.json())["person"]["handoff_active"] is False
    with session_scope(db_url) as s:
        user = s.execute(select(User)).scalar_one()
        rows = s.execute(select(Outbox).where(Outbox.kind == "staff_message").order_by(Outbox.id)).scalars().all()
        assert [r.payload["text"] for r in rows] == [relay.TAKE_OVER_TEXT, "Are you safe?", relay.HAND_BACK_TEXT]
        assert all(r.payload["user_key"] == user.user_key and r.user_id == user.id for r in rows)


async def test_rasa_down_changes_nothing(client, db_url, make_key, fake_rasa):
    esc_id = add_escalation(db_url, make_key, channel="telegram", conversation_id="tg-down-0123456789")
    fake_rasa.fail = True
    resp = await client.post(f"/api/escalations/{esc_id}/handoff", json={"action": "take"}, headers=BEARER)
    assert resp.status == 502 and "error" in await resp.json()
    resp = await client.get(f"/api/escalations/{esc_id}/transcript", headers=BEARER)
    assert resp.status == 502
    with session_scope(db_url) as s:
        assert s.execute(select(User)).scalar_one().handoff_active is False
        assert s.get(Escalation, esc_id).status == "open"
        assert s.execute(select(Outbox).where(Outbox.kind == "staff_message")).first() is None
    # the detail page still renders, explaining that the transcript is unavailable
    await login(client)
    html = await (await client.get(f"/escalations/{esc_id}")).text()
    assert "Transcript unavailable" in html
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    resp = await client.post(
        f"/escalations/{esc_id}/actions", data={"action": "take", "csrf_token": token}, allow_redirects=False
    )
    assert resp.status == 303 and "error=rasa" in resp.headers["Location"]


def test_transcript_from_tracker():
    tracker = {
        "slots": {"handoff_active": True},
        "events": [
            {"event": "action", "name": "action_listen"},
            {"event": "user", "text": "how do I prepare?", "timestamp": 1700000000.0},
            {
                "event": "bot",
                "text": "Like this.",
                "data": {"buttons": [{"title": "Tell me more", "payload": "/affirm"}]},
            },
            {"event": "bot", "text": None, "data": {"image": "data:image/png;base64,AAAA"}},
            {"event": "bot", "text": "Hi, Sam here", "metadata": {"staff": True}},
            {"event": "bot", "text": ""},
            "junk",
        ],
    }
    t = relay.transcript_from_tracker(tracker)
    assert t["handoff_active"] is True
    assert [m["sender"] for m in t["messages"]] == ["user", "bot", "bot", "staff"]
    assert t["messages"][0]["timestamp"].startswith("2023-11-14T22:13:20")
    assert t["messages"][1]["buttons"] == ["Tell me more"]
    assert t["messages"][2]["has_image"] is True
    assert relay.transcript_from_tracker(tracker, limit=2)["truncated"] is True


async def test_staff_see_medication_adherence_on_the_persons_page(client, db_url, make_key):
    """Issue 8: the figures the person gets from "how have I done" are on the staff page."""
    from datetime import datetime, timedelta, timezone

    from bot.care_reminders import service as care
    from bot.care_reminders.parsing import parse_reminder_request
    from bot.db.models import ReminderOccurrence

    esc_id = add_escalation(db_url, make_key, channel="telegram")
    key = make_key("person-1", "telegram")  # reminders are pushed on Telegram
    now = datetime.now(timezone.utc)
    with session_scope(db_url) as s:
        care.create_reminder(
            s,
            user_key=key,
            channel="telegram",
            timezone="UTC",
            now=now - timedelta(days=5),
            draft=parse_reminder_request("remind me to take my letrozole at 9am every day", now.date()),
        )
    with session_scope(db_url) as s:  # five days of doses, planned as they fell due
        for day in range(5, 0, -1):
            care.plan_due(s, now - timedelta(days=day) + timedelta(hours=24), grace=timedelta(days=2))
        doses = s.execute(select(ReminderOccurrence).order_by(ReminderOccurrence.due_at)).scalars().all()
        assert len(doses) >= 4
        care.record_reply(s, user_key=key, occurrence_id=doses[0].id, reply="taken", now=now)
        care.record_reply(s, user_key=key, occurrence_id=doses[1].id, reply="taken", now=now)
        care.record_reply(s, user_key=key, occurrence_id=doses[2].id, reply="skip", now=now)
        expected = care.adherence_summary(s, key, now=now)
    detail = await (await client.get(f"/api/escalations/{esc_id}", headers=BEARER)).json()
    week = detail["adherence"]["7"]
    assert (week["taken"], week["skipped"]) == (2, 1) and week == expected["7"]
    assert detail["adherence"]["by_reminder"][0]["label"] == "letrozole"
    await login(client)
    html = await (await client.get(f"/escalations/{esc_id}")).text()
    assert "Medication reminders" in html and "letrozole" in html
    assert re.search(r"<td>letrozole</td><td>7 days</td><td>2</td><td>1</td>", html)

    other = add_escalation(db_url, make_key, raw="person-2")
    assert (await (await client.get(f"/api/escalations/{other}", headers=BEARER)).json())["adherence"] is None


async def test_queue_detail_and_api_show_every_reason_crisis_first(client, db_url, make_key):
    """Issue 19/20: a crisis merged into an urgent-symptom escalation is not hidden in the
    queue: every reason is listed, the crisis first, on the pages, the API and live events."""
    since = utcnow().isoformat()
    esc_id = add_escalation(db_url, make_key, reason="urgent_symptom")
    for reason in ("request_human", "crisis"):
        add_escalation(db_url, make_key, reason=reason)
    single = add_escalation(db_url, make_key, raw="person-2", reason="request_human")
    resp = await client.get("/api/events", params={"since": since}, headers=BEARER)
    seen = {}

    async def read_until_both():  # one buffer for the whole stream: a chunk may hold two events
        buffer = ""
        while not {esc_id, single} <= set(seen):
            chunk = await resp.content.readany()
            assert chunk, "stream closed"
            buffer += chunk.decode()
            while "\n\n" in buffer:
                block, buffer = buffer.split("\n\n", 1)
                data = [line[6:] for line in block.splitlines() if line.startswith("data: ")]
                if "event: escalation" in block.splitlines() and data:
                    event = json.loads(data[0])
                    seen[event["id"]] = event

    await asyncio.wait_for(read_until_both(), 10)
    resp.close()
    assert seen[esc_id]["reasons"] == ["crisis", "urgent_symptom", "request_human"]

    listed = await (await client.get("/api/escalations", headers=BEARER)).json()
    by_id = {e["id"]: e for e in listed["escalations"]}
    assert by_id[esc_id]["reasons"] == ["crisis", "urgent_symptom", "request_human"]
    assert by_id[esc_id]["reason"] == "crisis" and by_id[single]["reasons"] == ["request_human"]

    await login(client)
    queue = await (await client.get("/escalations")).text()
    row = re.search(rf'<tr data-id="{esc_id}".*?</tr>', queue, re.S).group(0)
    assert '<td class="reasons">crisis, urgent symptom, request human</td>' in row
    other = re.search(rf'<tr data-id="{single}".*?</tr>', queue, re.S).group(0)
    assert '<td class="reasons">request human</td>' in other
    page = await (await client.get(f"/escalations/{esc_id}")).text()
    assert '<dt>Reasons</dt><dd id="esc-reasons">crisis, urgent symptom, request human</dd>' in page
