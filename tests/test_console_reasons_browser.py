"""In headless Chromium, the live escalation queue (console.js, fed by /api/events) lists
every reason of an escalation, crisis first: an urgent-symptom case that a crisis from the
same person is merged into shows "crisis, urgent symptom" without a reload, and the live
notice names both. Real console process on SQLite; no Rasa needed."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from bot.db.session import dispose_engines, session_scope, upgrade
from bot.escalation.service import open_escalation, severity_for
from tests.browser import Browser, ConsoleServer, require_chromium, wait_until
from tests.servers import ROOT, free_port

pytestmark = pytest.mark.integration

NURSE, PASSWORD = "sam.nurse", "a-long-staff-password-42"


@pytest.fixture(scope="module")
def console(tmp_path_factory):
    require_chromium()
    workdir = tmp_path_factory.mktemp("reasons-browser")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CONSOLE_", "STAFF_"))}
    env.update(
        DATABASE_URL=f"sqlite:///{workdir / 'companion.db'}",
        COMPANION_VAR_DIR=str(workdir / "var"),
        COMPANION_HMAC_KEY="reasons-browser-key",
        COMPANION_ENV="development",
        RASA_URL="http://127.0.0.1:9",
        CONSOLE_PORT=str(free_port()),
        CONSOLE_SECRET="reasons-browser-console-secret-0123456789",
    )
    upgrade(env["DATABASE_URL"])
    created = subprocess.run(
        [sys.executable, "-m", "bot", "staff", "create", NURSE, "--role", "staff"],
        cwd=ROOT,
        env=dict(env, STAFF_PASSWORD=PASSWORD),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert created.returncode == 0, created.stderr
    server = ConsoleServer(env=env, port=int(env["CONSOLE_PORT"]), log_path=workdir / "console.log")
    server.start()
    try:
        yield server, env["DATABASE_URL"]
    finally:
        server.stop()
        dispose_engines(env["DATABASE_URL"])


@pytest.fixture
def browser():
    b = Browser(1200, 900)
    yield b
    b.quit()


def _raise(db_url, reason: str) -> int:
    with session_scope(db_url) as s:
        esc, _ = open_escalation(
            s,
            user_key="a" * 64,
            channel="widget",
            severity=severity_for(reason),
            reason=reason,
            excerpt=f"a {reason} message",
            dedup_minutes=30,
        )
        return esc.id


def _reasons_cell(browser: Browser, esc_id: int):
    def read():
        cells = browser.all(f'#queue-rows tr[data-id="{esc_id}"] td.reasons')
        return cells[0].text if cells else None

    return read


def test_live_queue_lists_every_reason_crisis_first(console, browser):
    server, db_url = console
    browser.get(f"{server.url}/escalations")
    browser.css("#username").send_keys(NURSE)
    browser.css("#password").send_keys(PASSWORD)
    browser.css("#login-submit").click()
    browser.wait_text("#live-state", "Live updates: on", 20)
    browser.driver.execute_script("window.__noReload = true;")

    esc_id = _raise(db_url, "urgent_symptom")
    assert wait_until(lambda: _reasons_cell(browser, esc_id)() == "urgent symptom", 20, "the new row", browser)
    assert _raise(db_url, "crisis") == esc_id  # merged into the same case
    wait_until(
        lambda: _reasons_cell(browser, esc_id)() == "crisis, urgent symptom",
        20,
        "the crisis listed first in the live row",
        browser,
    )
    assert browser.driver.execute_script("return window.__noReload === true")  # updated live
    assert "(urgent symptom)" in browser.css("#live-state").text  # the notice for the new row
