"""Accessibility (issue 19 item 7): axe-core in headless Chromium finds no WCAG 2.x A/AA
violation on any console or widget page, at desktop and phone sizes, and the widget and a
staff takeover work with the keyboard alone.

axe-core comes from npm, pinned in tests/a11y/package.json + package-lock.json and
installed with ``npm ci`` by the ``axe_source`` fixture when missing or stale. Every GET page
the console app serves is checked (routes are read from the app, so a new page is checked
without touching this file), signed out and signed in as an admin, in the states that show
the most: a queue with an overdue row and an undelivered-notification notice, an escalation
open / taken over / resolved, the response-times page with figures, the widget after a
reply with quick-reply buttons. The console runs in-process with a migrated SQLite
database and the recording stand-in for Rasa's HTTP API; the widget talks to a socket.io
stand-in (tests/widget_standin.py).
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import subprocess
import threading
from datetime import timedelta
from pathlib import Path
from typing import Dict, List

import pytest
from aiohttp import web
from argon2 import PasswordHasher

from bot.console.app import create_app
from bot.db import outbox
from bot.db.models import Checkin, Staff
from bot.db.session import session_scope, upgrade
from bot.db.types import utcnow
from bot.escalation.service import open_escalation, transition
from tests.browser import Browser, require_chromium, wait_until
from tests.servers import free_port
from tests.test_console_api import FakeRasa, make_settings
from tests.widget_standin import StandInRasa

A11Y_DIR = Path(__file__).resolve().parent / "a11y"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SIZES = {"desktop": None, "phone": {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}}
ADMIN, PASSWORD = "ada.admin", "a-long-admin-password-42"
CONVERSATION = "conv-a11y-0123456789abcdef"
STAFF_REPLY = "Hello, this is Ada from the support team."


# --- axe-core ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe.min.js at the version package-lock.json pins (``npm ci`` when needed)."""
    lock = json.loads((A11Y_DIR / "package-lock.json").read_text())
    wanted = lock["packages"]["node_modules/axe-core"]["version"]
    installed = A11Y_DIR / "node_modules" / "axe-core" / "package.json"
    if not installed.exists() or json.loads(installed.read_text())["version"] != wanted:
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail(
                "npm is needed to install axe-core for the accessibility tests (apt-get install -y npm)", pytrace=False
            )
        done = subprocess.run(
            [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
            cwd=A11Y_DIR,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return (A11Y_DIR / "node_modules" / "axe-core" / "axe.min.js").read_text()


AXE_RUN = """
var done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: "tag", values: arguments[0]}, resultTypes: ["violations"]})
  .then(function (r) { done(JSON.stringify(r.violations)); })
  .catch(function (e) { done(JSON.stringify([{id: "axe-error", help: String(e), nodes: []}])); });
"""


def axe_violations(browser: Browser, source: str) -> List[dict]:
    if not browser.driver.execute_script("return !!window.axe"):
        browser.driver.execute_script(source)
    browser.driver.set_script_timeout(60)
    return json.loads(browser.driver.execute_async_script(AXE_RUN, AXE_TAGS))


def describe(violations: List[dict]) -> str:
    lines = []
    for v in violations:
        targets = "; ".join(
            " ".join(n.get("target", [])) + " :: " + (n.get("failureSummary") or "").replace("\n", " ")
            for n in v.get("nodes", [])[:5]
        )
        lines.append(f"- {v['id']} ({v.get('impact')}): {v.get('help')} -> {targets}")
    return "\n".join(lines)


# --- servers and data ----------------------------------------------------------------------


def seed(db_url: str, make_key) -> Dict[str, int]:
    """Escalations in every state, check-ins, an undelivered notification, an audit trail."""
    hasher = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
    now = utcnow()
    ids = {}
    with session_scope(db_url) as s:
        s.add(Staff(username=ADMIN, password_hash=hasher.hash(PASSWORD), role="admin", failed_logins=0))
        e, _ = open_escalation(
            s,
            user_key=make_key("a11y-person", "widget"),
            channel="widget",
            severity="critical",
            reason="crisis",
            excerpt="I can't go on like this",
            now=now - timedelta(minutes=25),
            dedup_minutes=0,
            conversation_id=CONVERSATION,
            basis="crisis.method.lethal_dose",
        )  # "Why it was flagged" is checked too
        ids["open"] = e.id
        for days, score in ((6, 4), (3, 7), (1, 8)):
            s.add(
                Checkin(
                    user_id=e.user_id,
                    score=score,
                    mood_word="scared",
                    note="bad night",
                    source="form",
                    created_at=now - timedelta(days=days),
                )
            )
        e2, _ = open_escalation(
            s,
            user_key=make_key("a11y-other", "telegram"),
            channel="telegram",
            severity="high",
            reason="urgent_symptom",
            excerpt="fever 38.5",
            now=now - timedelta(days=2),
            dedup_minutes=0,
        )
        s.flush()
        transition(s, e2.id, status="acknowledged", actor="staff:x", now=now - timedelta(days=2, minutes=-7))
        transition(
            s, e2.id, status="resolved", actor="staff:x", note="Called, went to A&E", now=now - timedelta(days=1)
        )
        ids["resolved"] = e2.id
        row = outbox.enqueue(s, "escalation_updated", {"escalation_id": e2.id}, now=now - timedelta(minutes=30))
        row.attempts, row.last_error = 3, "NetworkError: connection refused"
    return ids


@pytest.fixture
def site(tmp_path, make_key, monkeypatch):
    """The console (in-process) with seeded data, the Rasa HTTP stand-in and the socket.io stand-in."""
    require_chromium()
    monkeypatch.setenv("SUPPORT_HOURS", "24/7")
    db_url = f"sqlite:///{tmp_path / 'a11y.db'}"
    upgrade(db_url)
    ids = seed(db_url, make_key)
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    socket_rasa = StandInRasa(loop, free_port())
    socket_rasa.buttons = [
        {"title": "Talk to a person", "payload": "/request_human"},
        {"title": "Support options", "payload": "/ask_support"},
    ]
    socket_rasa.start()
    box = {}
    port = free_port()

    async def start():
        box["rasa"] = FakeRasa()
        await box["rasa"].server.start_server()
        box["rasa"].events[CONVERSATION] = [
            {"event": "user", "text": "I can't go on like this", "timestamp": 1796570000.0},
            {
                "event": "bot",
                "text": "I'm really glad you told me.",
                "timestamp": 1796570001.0,
                "data": {"buttons": [{"title": "Talk to a person", "payload": "/request_human"}]},
            },
            {"event": "slot", "name": "session_started_metadata", "value": {"channel": "widget"}},
        ]
        settings = make_settings(db_url, box["rasa"].url, widget_rasa_url=f"http://127.0.0.1:{socket_rasa.port}")
        box["runner"] = web.AppRunner(create_app(settings))
        await box["runner"].setup()
        await web.TCPSite(box["runner"], "127.0.0.1", port).start()

    socket_rasa.run(start())
    try:
        yield {
            "url": f"http://127.0.0.1:{port}",
            "ids": ids,
            "fake_rasa": box["rasa"],
            "socket": socket_rasa,
            "app_routes": console_pages(create_app(make_settings(db_url))),
            "db_url": db_url,
        }
    finally:

        async def stop():
            await box["runner"].cleanup()
            await box["rasa"].server.close()

        socket_rasa.run(stop())
        socket_rasa.stop()
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)


SKIP_SUFFIXES = (".png", ".js", ".css", ".csv", ".ico", ".json")


def console_pages(app: web.Application) -> List[tuple]:
    """(path template, regex or None) of every HTML page the app serves with GET (not the API
    or assets), static paths first."""
    pages = {}
    for resource in app.router.resources():
        info = resource.get_info()
        path = info.get("path") or info.get("formatter")
        if not path or path.startswith(("/api", "/static", "/vendor")) or path.endswith(SKIP_SUFFIXES):
            continue
        if any(route.method == "GET" for route in resource):
            pages[path] = info.get("pattern")
    return sorted(pages.items(), key=lambda kv: ("{" in kv[0], kv[0]))


def concrete_urls(template: str, pattern, seen_links: List[str], esc_ids: List[int]) -> List[str]:
    """URLs for a page: as is; with an escalation id; else the first link to it found on the
    pages already visited (e.g. a content item from the content list)."""
    if pattern is None:
        return [template]
    if re.fullmatch(r"[^{]*\{id(:[^}]*)?\}[^{]*", template):
        return [re.sub(r"\{[^}]+\}", str(i), template) for i in esc_ids]
    for link in seen_links:
        if pattern.fullmatch(link):
            return [link]
    raise AssertionError(f"no link to a {template} page found on the other pages: cannot check it")


LINKS_JS = "return Array.from(document.querySelectorAll('a[href^=\"/\"]')).map(function (a) { return a.getAttribute('href').split('#')[0].split('?')[0]; });"


FETCH_JS = """
var done = arguments[arguments.length - 1];
fetch(arguments[0], {credentials: "same-origin", redirect: "manual"})
  .then(function (r) { return r.text().then(function (t) {
    done([r.status, r.headers.get("Content-Disposition") || "", t]); }); })
  .catch(function (e) { done([0, "", String(e)]); });
"""


def open_page(browser: Browser, base: str, path: str, tmp_dir: Path) -> None:
    """Load ``path`` signed in; a page served as a download (a printable sheet) is opened
    from a local copy, since the browser would only save it."""
    status, disposition, body = browser.driver.execute_async_script(FETCH_JS, path)
    assert status == 200, (path, status)
    if "attachment" in disposition:
        local = tmp_dir / ((re.sub(r"[^A-Za-z0-9.]+", "-", path.strip("/")) or "page") + ".html")
        local.write_text(body, encoding="utf-8")
        browser.get(local.as_uri())
    else:
        browser.get(base + path)
        assert browser.driver.current_url.split("?")[0].endswith(path.split("?")[0]), (
            path,
            browser.driver.current_url,
        )  # really this page (signed in, not redirected)
    wait_until(
        lambda: browser.driver.execute_script("return document.readyState") == "complete", 20, "page load", browser
    )


def sign_in(browser: Browser, url: str) -> None:
    browser.get(f"{url}/login")
    browser.css("#username").send_keys(ADMIN)
    browser.css("#password").send_keys(PASSWORD)
    browser.css("#login-submit").click()
    browser.wait_for("#queue")


def set_size(browser: Browser, size: str) -> None:
    metrics = SIZES[size]
    if metrics is None:
        browser.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    else:
        browser.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)


def check(browser: Browser, axe: str, label: str, failures: List[str]) -> None:
    found = axe_violations(browser, axe)
    if found:
        shot = browser.screenshot(f"a11y-{label}")
        failures.append(f"{label} ({browser.driver.current_url}, {shot.name}):\n{describe(found)}")


# --- tests ---------------------------------------------------------------------------------


def test_axe_finds_no_wcag_a_or_aa_violation_on_any_page(site, axe_source, tmp_path):
    url, ids = site["url"], site["ids"]
    pages = site["app_routes"]
    assert {"/login", "/chat", "/escalations", "/escalations/{id}", "/audit", "/metrics"} <= {
        re.sub(r"\{id[^}]*\}", "{id}", p) for p, _ in pages
    }, pages
    failures: List[str] = []
    checked: List[str] = []
    browser = Browser(1280, 900)
    try:
        for size in SIZES:
            set_size(browser, size)
            # signed out: the sign-in page, also with its error message
            browser.driver.delete_all_cookies()
            browser.get(f"{url}/login")
            check(browser, axe_source, f"{size}-login", failures)
            browser.css("#username").send_keys(ADMIN)
            browser.css("#password").send_keys("wrong password")
            browser.css("#login-submit").click()
            browser.wait_for("#login-error")
            check(browser, axe_source, f"{size}-login-error", failures)
            # the widget, after a reply with quick-reply buttons
            browser.get(f"{url}/chat")
            browser.wait_text(".cw-status", "Connected", 30)
            browser.css(".cw-input").send_keys("hello\n")
            browser.wait_for(".cw-quick .cw-chip")
            check(browser, axe_source, f"{size}-chat", failures)
            # every staff page, signed in as an admin
            sign_in(browser, url)
            links: List[str] = []
            for template, pattern in pages:
                if template in ("/login", "/chat", "/"):
                    continue
                for path in concrete_urls(template, pattern, links, [ids["open"], ids["resolved"]]):
                    if not browser.driver.current_url.startswith(url):
                        browser.get(url + "/escalations")  # fetch() needs a page of the console
                    open_page(browser, url, path, tmp_path)
                    links += (
                        browser.driver.execute_script(LINKS_JS) if browser.driver.current_url.startswith("http") else []
                    )
                    check(browser, axe_source, f"{size}-{re.sub(r'[^A-Za-z0-9]+', '-', path).strip('-')}", failures)
                    checked.append(path)
            # queue filtered, metrics with another period, the detail page while taken over
            for path in ("/escalations?status=open", "/metrics?weeks=52"):
                browser.get(url + path)
                check(browser, axe_source, f"{size}-{path.strip('/').replace('/', '-')}", failures)
            browser.get(f"{url}/escalations/{ids['open']}")
            if browser.all("#btn-take"):
                browser.css("#btn-take").click()
                browser.wait_for("#staff-message")
            check(browser, axe_source, f"{size}-detail-taken-over", failures)
            browser.get(f"{url}/escalations/{ids['open']}?error=rasa")
            check(browser, axe_source, f"{size}-detail-error", failures)
            browser.driver.delete_all_cookies()
    finally:
        browser.quit()
    assert not failures, "axe-core found WCAG 2.x A/AA violations:\n" + "\n\n".join(failures)
    print("checked:", sorted(set(checked)))


def test_the_axe_check_reports_what_it_should(site, axe_source):
    """The harness is not a no-op: a missing alt text and faint text on a real page are found."""
    browser = Browser(1000, 800)
    try:
        browser.get(f"{site['url']}/login")
        browser.driver.execute_script(
            "var i = document.createElement('img'); i.src = '/favicon.ico'; document.querySelector('main').appendChild(i);"
            "var p = document.createElement('p'); p.textContent = 'faint'; p.style.color = '#ccc';"
            "document.querySelector('main').appendChild(p);"
        )
        found = {v["id"] for v in axe_violations(browser, axe_source)}
        assert {"image-alt", "color-contrast"} <= found, found
    finally:
        browser.quit()


def _tab_to(browser: Browser, predicate_js: str, limit: int = 60) -> int:
    """Press Tab until ``predicate_js`` (about document.activeElement) holds; returns the presses.
    Each stop must show a visible focus indicator."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    for presses in range(1, limit + 1):
        ActionChains(browser.driver).send_keys(Keys.TAB).perform()
        style = browser.driver.execute_script(
            "var a = document.activeElement, s = getComputedStyle(a);"
            "return [a.tagName, a.className, s.outlineStyle, s.outlineWidth, s.boxShadow];"
        )
        if style[0] not in ("BODY", "HTML"):
            assert style[2] != "none" or style[4] != "none", f"focus not visible on {style}"
        if browser.driver.execute_script(f"var a = document.activeElement; return !!({predicate_js});"):
            return presses
    raise AssertionError(f"Tab never reached {predicate_js} in {limit} presses")


def _keys(browser: Browser, *keys) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    chain = ActionChains(browser.driver)
    for k in keys:
        chain.send_keys(k)
    chain.perform()


def test_widget_with_the_keyboard_only(site):
    from selenium.webdriver.common.keys import Keys

    browser = Browser(1000, 900)
    try:
        browser.get(f"{site['url']}/chat")
        browser.wait_text(".cw-status", "Connected", 30)
        _tab_to(browser, "a.classList.contains('cw-input')", 10)
        _keys(browser, "what is a bone marrow biopsy", Keys.ENTER)
        wait_until(
            lambda: site["socket"].received[-1:] == ["what is a bone marrow biopsy"],
            20,
            "the message at the server",
            browser,
        )
        browser.wait_for(".cw-quick .cw-chip")
        # focus stays in the field after sending; Tab on to a suggested reply, Space presses it
        assert browser.driver.execute_script("return document.activeElement.classList.contains('cw-input')")
        _tab_to(browser, "a.classList.contains('cw-chip') && a.textContent === 'Talk to a person'", 10)
        _keys(browser, Keys.SPACE)
        wait_until(
            lambda: site["socket"].received[-1:] == ["/request_human"], 20, "the quick reply at the server", browser
        )
        assert browser.driver.execute_script("return document.activeElement.classList.contains('cw-input')")
        _tab_to(browser, "a.classList.contains('cw-reset')", 10)  # the last control is reachable too
    finally:
        browser.quit()


def test_staff_takeover_with_the_keyboard_only(site):
    from selenium.webdriver.common.keys import Keys

    url, esc_id, rasa = site["url"], site["ids"]["open"], site["fake_rasa"]
    browser = Browser(1280, 900)
    try:
        browser.get(f"{url}/login")
        # the username field has focus on arrival; Tab to the password, Enter signs in
        assert browser.driver.execute_script("return document.activeElement.id") == "username"
        _keys(browser, ADMIN, Keys.TAB, PASSWORD, Keys.ENTER)
        browser.wait_for("#queue")
        # the skip link is the first stop and moves focus to the content
        _tab_to(browser, "a.classList.contains('skip-link')", 1)
        _keys(browser, Keys.ENTER)
        _tab_to(browser, f"a.getAttribute('href') === '/escalations/{esc_id}'")
        _keys(browser, Keys.ENTER)
        browser.wait_for("#btn-acknowledge")
        _tab_to(browser, "a.id === 'btn-acknowledge'")
        _keys(browser, Keys.ENTER)
        browser.wait_text("#esc-status", "acknowledged")
        _tab_to(browser, "a.id === 'btn-take'")
        _keys(browser, Keys.ENTER)
        browser.wait_for("#staff-message")
        _tab_to(browser, "a.id === 'staff-message'")
        _keys(browser, STAFF_REPLY)
        _tab_to(browser, "a.id === 'btn-send'", 3)
        _keys(browser, Keys.ENTER)
        browser.wait_text(".notice", "Message sent")
        sent = [body for method, cid, _, body in rasa.calls if method == "POST" and cid == CONVERSATION]
        texts = [e.get("text") for batch in sent for e in batch if e.get("event") == "bot"]
        assert STAFF_REPLY in texts, sent
        _tab_to(browser, "a.id === 'btn-release'")
        _keys(browser, Keys.ENTER)
        browser.wait_text(".notice", "Handed back")
    finally:
        browser.quit()


def test_queue_marks_a_live_overdue_escalation_in_text(site, make_key):
    """A row that arrives by live update is marked overdue by console.js, in words and not by
    colour alone, when it has waited past the re-alert time."""
    browser = Browser(1280, 900)
    try:
        sign_in(browser, site["url"])
        browser.wait_text("#live-state", "Live updates: on", 20)
        old = utcnow() - timedelta(minutes=12)
        with session_scope(site["db_url"]) as s:
            e, _ = open_escalation(
                s,
                user_key=make_key("a11y-late", "widget"),
                channel="widget",
                severity="critical",
                reason="crisis",
                excerpt="late one",
                now=old,
                dedup_minutes=0,
            )
            e.updated_at = utcnow()  # what a change does; the live stream sends changed rows
            late = e.id
        row = browser.wait_for(f'#queue-rows tr[data-id="{late}"]')
        wait_until(lambda: "overdue" in row.get_attribute("class").split(), 10, "the overdue mark", browser)
        assert row.find_element("css selector", ".overdue-flag").text.lower() == "overdue"
    finally:
        browser.quit()
