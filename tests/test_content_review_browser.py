"""In headless Chromium: a clinician (created with ``python -m bot staff create --role
clinician``) signs in to the real console process, opens a knowledge entry from the
content review list, reads it as a patient and a caregiver get it, signs it off, and
sees it reviewed in the entry and in the list; a staff member sees no sign-off button.
No Rasa is needed: the review pages only read the content and the database."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlalchemy import select

from bot.content import load_knowledge
from bot.db.models import AuditLog, ContentReview
from bot.db.session import dispose_engines, session_scope, upgrade
from tests.browser import Browser, ConsoleServer, require_chromium
from tests.servers import ROOT, free_port

pytestmark = pytest.mark.integration

CLINICIAN, NURSE = "dr.lee", "sam.nurse"
PASSWORD = "a-long-clinician-password-42"
ITEM = "knowledge:biopsy.preparation"


@pytest.fixture(scope="module")
def console(tmp_path_factory):
    require_chromium()
    workdir = tmp_path_factory.mktemp("review-browser")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CONSOLE_", "STAFF_"))}
    env.update(
        DATABASE_URL=f"sqlite:///{workdir / 'companion.db'}",
        COMPANION_VAR_DIR=str(workdir / "var"),
        COMPANION_HMAC_KEY="review-browser-key",
        COMPANION_ENV="development",
        RASA_URL="http://127.0.0.1:9",
        CONSOLE_PORT=str(free_port()),
        CONSOLE_SECRET="review-browser-console-secret-0123456789",
    )
    upgrade(env["DATABASE_URL"])
    for name, role in ((CLINICIAN, "clinician"), (NURSE, "staff")):
        created = subprocess.run(
            [sys.executable, "-m", "bot", "staff", "create", name, "--role", role],
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
    b = Browser(1200, 1000)
    yield b
    b.quit()


def sign_in(browser: Browser, url: str, username: str) -> None:
    browser.get(f"{url}/content")
    assert "/login" in browser.driver.current_url
    browser.css("#username").send_keys(username)
    browser.css("#password").send_keys(PASSWORD)
    browser.css("#login-submit").click()
    browser.wait_for("#content-items")


def test_clinician_opens_an_entry_and_signs_it_off(console, browser):
    server, db_url = console
    sign_in(browser, server.url, CLINICIAN)
    row = browser.css(f'tr[data-item="{ITEM}"]')
    assert "draft" in row.text
    row.find_element("css selector", "a").click()
    browser.wait_text("#review-status", "draft")
    knowledge = load_knowledge()
    topic = knowledge.topic("biopsy", "preparation")
    shown = {e.get_attribute("data-view"): e.text for e in browser.all(".reply")}
    # what the page shows is what the person gets (the browser collapses nothing: pre-wrap)
    assert shown["patient/short"] == knowledge.render(topic, role="patient")
    assert shown["caregiver/short"] == knowledge.render(topic, role="caregiver")
    version = browser.css("#review-version").text
    browser.screenshot("review-01-entry")
    browser.css("#sign-off").click()
    browser.wait_text("#review-status", "reviewed")
    assert browser.css("#review-reviewer").text == CLINICIAN
    assert "Marked reviewed" in browser.css(".notice").text
    browser.screenshot("review-02-signed-off")
    browser.get(f"{server.url}/content")
    assert "reviewed" in browser.css(f'tr[data-item="{ITEM}"]').text
    assert CLINICIAN in browser.css(f'tr[data-item="{ITEM}"]').text
    with session_scope(db_url) as s:
        rows = s.execute(select(ContentReview)).scalars().all()
        assert [(r.item_id, r.text_hash, r.decision, r.reviewer) for r in rows] == [
            (ITEM, version, "reviewed", CLINICIAN)
        ]
        assert s.execute(select(AuditLog.actor).where(AuditLog.action == "content_signed_off")).scalars().all() == [
            f"staff:{CLINICIAN}"
        ]


def test_staff_member_reads_but_has_no_sign_off(console, browser):
    server, _ = console
    sign_in(browser, server.url, NURSE)
    browser.get(f"{server.url}/content/{ITEM}")
    browser.wait_for("#review-status")
    assert not browser.all("#sign-off") and not browser.all("#send-back")
    assert "Only a clinician" in browser.css("#review").text
