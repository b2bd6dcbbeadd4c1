"""Security headers on EVERY console response (pages, API, errors, redirects, static files,
signed in or not) and the session cookie's flags (bot/console/app.py security_headers,
bot/console/views.py cookies; CONSOLE_SECURE_COOKIES=1 adds Secure and HSTS)."""

from __future__ import annotations

import re

import pytest

from tests.telegram_fixtures import sqlite_db_url  # noqa: F401 - fixture
from tests.test_console_api import (  # noqa: F401 - fixtures
    BEARER,
    PASSWORD,
    add_escalation,
    client_factory,
    fake_rasa,
    login,
    staff_accounts,
)


@pytest.fixture
def db_url(sqlite_db_url):  # noqa: F811
    return sqlite_db_url


def assert_secure_headers(resp, where):
    h = resp.headers
    assert h.get("X-Content-Type-Options") == "nosniff", where
    assert h.get("X-Frame-Options") == "DENY", where
    assert h.get("Referrer-Policy") in ("same-origin", "no-referrer", "strict-origin-when-cross-origin"), where
    csp = h.get("Content-Security-Policy", "")
    directives = {d.strip().split(" ", 1)[0]: d.strip() for d in csp.split(";") if d.strip()}
    assert directives.get("frame-ancestors") == "frame-ancestors 'none'", (where, csp)
    assert directives.get("default-src") == "default-src 'none'", (where, csp)
    assert directives.get("object-src") == "object-src 'none'", (where, csp)
    assert directives.get("base-uri") == "base-uri 'none'", (where, csp)
    assert "'unsafe-inline'" not in directives.get("script-src", "") and "unsafe-eval" not in csp, (where, csp)


async def _requests(client, esc_id, csrf=None):
    """(where, response) for a representative of every kind of console response."""
    hdr = {"X-CSRF-Token": csrf} if csrf else {}
    plan = [
        ("GET", "/login", {}),
        ("GET", "/chat", {}),
        ("GET", "/widget.js", {}),
        ("GET", "/widget.css", {}),
        ("GET", "/favicon.ico", {}),
        ("GET", "/static/console.js", {}),
        ("GET", "/static/console.css", {}),
        ("GET", "/vendor/socket.io.min.js", {}),
        ("GET", "/vendor/nope.js", {}),
        ("GET", "/static/../x", {}),
        ("GET", "/", {}),
        ("GET", "/escalations", {}),
        ("GET", f"/escalations/{esc_id}", {}),
        ("GET", f"/escalations/{esc_id}/mood.png", {}),
        ("GET", "/audit", {}),
        ("GET", "/no-such-page", {}),
        ("POST", f"/escalations/{esc_id}/actions", {}),
        ("GET", "/api/openapi.json", {}),
        ("GET", "/api/me", {}),
        ("GET", "/api/escalations", {}),
        ("GET", f"/api/escalations/{esc_id}", {}),
        ("GET", "/api/escalations/999999", {}),
        ("GET", f"/api/escalations/{esc_id}/transcript", {}),
        ("GET", "/api/nope", {}),
        ("PATCH", f"/api/escalations/{esc_id}", {"json": {"bogus": 1}}),
        ("POST", f"/api/escalations/{esc_id}/handoff", {"data": b"not json"}),
    ]
    out = []
    for method, path, kw in plan:
        resp = await client.request(method, path, allow_redirects=False, headers=hdr, **kw)
        out.append((f"{method} {path} -> {resp.status}", resp))
        await resp.read()
    resp = await client.get("/api/events", headers=hdr)  # the SSE stream: headers only
    out.append((f"GET /api/events -> {resp.status}", resp))
    resp.close()
    return out


async def test_headers_on_every_response_signed_out_signed_in_and_bearer(client, db_url, make_key):
    esc_id = add_escalation(db_url, make_key)
    statuses = set()
    for where, resp in await _requests(client, esc_id):  # signed out: 302s, 401s, public assets
        assert_secure_headers(resp, "anonymous " + where)
        statuses.add(resp.status)
    csrf = await login(client)
    for where, resp in await _requests(client, esc_id, csrf):  # staff session: pages, 404s, 4xx
        assert_secure_headers(resp, "staff " + where)
        statuses.add(resp.status)
        if not re.match(r"GET /(static|vendor|widget|favicon|login|chat)", where):
            assert resp.headers.get("Cache-Control") == "no-store", where
    client.session.cookie_jar.clear()
    resp = await client.get("/api/escalations", headers=BEARER)
    assert resp.status == 200
    assert_secure_headers(resp, "bearer")
    assert {200, 302, 400, 401, 404} <= statuses, statuses


async def test_chat_page_csp_only_widens_connect_src(client):
    csp = (await client.get("/chat")).headers["Content-Security-Policy"]
    other = (await client.get("/login")).headers["Content-Security-Policy"]
    strip = lambda c: re.sub(r"connect-src [^;]*", "connect-src X", c)  # noqa: E731
    assert strip(csp) == strip(other)


async def _session_cookie(client):
    page = await client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', await page.text()).group(1)
    login_cookie = page.cookies["companion_login_csrf"]
    resp = await client.post(
        "/login",
        data={"username": "nurse", "password": PASSWORD, "csrf_token": token, "next": "/escalations"},
        headers={"Cookie": f"companion_login_csrf={login_cookie.value}"},
        allow_redirects=False,
    )
    assert resp.status == 303
    (cookie,) = [v for v in resp.headers.getall("Set-Cookie") if v.startswith("companion_session=")]
    return page, cookie, resp


@pytest.fixture
async def client(client_factory):
    return await client_factory()


async def test_session_cookie_httponly_samesite_not_secure_on_plain_http(client):
    page, cookie, resp = await _session_cookie(client)
    attrs = {a.strip().split("=", 1)[0].lower() for a in cookie.split(";")[1:]}
    assert "httponly" in attrs and "SameSite=Strict" in cookie and "Path=/" in cookie
    assert "secure" not in attrs, "CONSOLE_SECURE_COOKIES unset: a plain-http dev console must work"
    assert "Strict-Transport-Security" not in resp.headers


async def test_secure_cookies_setting_adds_secure_and_hsts(client_factory):
    client = await client_factory(secure_cookies=True)
    page, cookie, resp = await _session_cookie(client)
    attrs = {a.strip().split("=", 1)[0].lower() for a in cookie.split(";")[1:]}
    assert {"httponly", "secure", "samesite"} <= attrs and "SameSite=Strict" in cookie
    assert page.cookies["companion_login_csrf"]["secure"]
    assert resp.headers["Strict-Transport-Security"].startswith("max-age=")
    assert_secure_headers(resp, "login redirect")


def test_secure_cookie_setting_comes_from_the_environment(monkeypatch):
    from bot.config import load_settings
    from bot.console.settings import load_console_settings

    monkeypatch.delenv("COMPANION_ENV", raising=False)
    monkeypatch.setenv("CONSOLE_SECURE_COOKIES", "1")
    assert load_console_settings(load_settings()).secure_cookies is True
    monkeypatch.setenv("CONSOLE_SECURE_COOKIES", "")
    assert load_console_settings(load_settings()).secure_cookies is False
