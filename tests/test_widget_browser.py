"""End to end in headless Chromium: the caregiver widget and the staff console against
the real Rasa server (trained model), the real action server and the console process.

One stack for the whole module (start-up is the slow part); the tests run in file
order and build on each other like a real session: a caregiver asks about the biopsy,
reloads, sends a crisis message; a staff member (created with ``python -m bot staff
create``) sees the escalation arrive live, takes over, replies, reads the caregiver's
answer in the console, hands back and resolves. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import asyncio
import functools
import http.server
import subprocess
import sys
import threading
import time
from dataclasses import dataclass

import pytest
import requests

from tests.browser import Browser, ConsoleServer, require_chromium, wait_until
from tests.servers import MODEL, ROOT, Stack, free_port, make_stack

pytestmark = pytest.mark.integration

STAFF_USER = "sam.nurse"
STAFF_PASSWORD = "a-long-staff-password-42"
API_TOKEN = "browser-test-api-token-0123456789"
CRISIS = "my wife said she wants to end her life"
STAFF_REPLY = "Hi, I'm Sam from the support team. Is she safe right now?"
CAREGIVER_ANSWER = 'Yes, she is with me now <script>document.title="pwned"</script>'


@dataclass
class Live:
    stack: Stack
    console: ConsoleServer
    state: dict

    @property
    def url(self) -> str:
        return self.console.url


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    require_chromium()
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: train it with `scripts/train-if-stale.sh`", pytrace=False)
    workdir = tmp_path_factory.mktemp("widget-browser")
    console_port = free_port()
    stack = make_stack(workdir)
    stack.cors = f"http://127.0.0.1:{console_port}"
    console = None
    try:
        stack.start_actions()
        stack.start_rasa()
        created = subprocess.run(
            [sys.executable, "-m", "bot", "staff", "create", STAFF_USER, "--role", "staff"],
            cwd=ROOT,
            env=dict(stack.env, STAFF_PASSWORD=STAFF_PASSWORD),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert created.returncode == 0, created.stderr
        env = dict(
            stack.env,
            RASA_URL=stack.rasa_url,
            RASA_AUTH_TOKEN=stack.token,
            CONSOLE_PORT=str(console_port),
            CONSOLE_API_TOKEN=API_TOKEN,
            CONSOLE_SECRET="browser-test-console-secret-0123456789",
        )
        console = ConsoleServer(env=env, port=console_port, log_path=workdir / "console.log")
        console.start()
        yield Live(stack, console, {})
    finally:
        if console is not None:
            console.stop()
        stack.stop_all()


@pytest.fixture(scope="module")
def caregiver(live):
    browser = Browser(1000, 900)
    yield browser
    browser.quit()


@pytest.fixture(scope="module")
def staff(live):
    browser = Browser(1280, 1000)
    yield browser
    browser.quit()


# --- widget helpers -------------------------------------------------------------------------

MESSAGES_JS = """
return Array.from(document.querySelectorAll('.cw-msg')).map(function (m) {
  var t = m.querySelector('.cw-text');
  return [m.classList.contains('cw-user') ? 'user' : m.classList.contains('cw-staff') ? 'staff' : 'bot',
          t ? t.textContent : (m.querySelector('img') ? '[image]' : '')];
});
"""


def messages(browser: Browser):
    return browser.driver.execute_script(MESSAGES_JS)


def say(browser: Browser, text: str) -> int:
    """Type a message into the widget and press Enter; returns the message count before."""
    before = len(messages(browser))
    field = browser.css(".cw-input")
    field.click()
    field.send_keys(text)
    field.send_keys("\n")
    return before


def queue_row(staff: Browser, selector: str, needle: str, timeout: float = 20):
    """Text and data-id of the queue row containing ``needle``, read in one go: the live
    queue re-renders its rows on updates, so an element found a moment ago can be stale."""

    def found():
        for row in staff.all(selector):
            text = row.text
            if needle in text:
                return text, row.get_attribute("data-id")
        return None

    return wait_until(found, timeout, f"queue row with {needle!r}", staff)


def wait_reply(browser: Browser, after: int, needle: str, who: str = "bot", timeout: float = 45) -> str:
    def found():
        new = messages(browser)[after:]
        text = " ".join(t for w, t in new if w == who)
        return text if needle.lower() in text.lower() else None

    return wait_until(found, timeout, f"{who} message containing {needle!r} in the widget", browser)


def wait_connected(browser: Browser) -> None:
    browser.wait_text(".cw-status", "Connected", 30)


# --- the caregiver --------------------------------------------------------------------------


def test_caregiver_asks_about_biopsy_preparation(live, caregiver):
    caregiver.get(f"{live.url}/chat")
    wait_connected(caregiver)
    # safety line, accessible structure
    assert "Not for emergencies — call 911" in caregiver.css(".cw-emergency").text
    log = caregiver.css(".cw-log")
    assert log.get_attribute("role") == "log" and log.get_attribute("aria-live") == "polite"
    field = caregiver.css(".cw-input")
    label = caregiver.css(f'label[for="{field.get_attribute("id")}"]')
    assert label.get_attribute("textContent").strip() == "Your message"
    assert caregiver.css(".cw").get_attribute("data-role") == "caregiver"
    caregiver.driver.execute_script("""
      window.__typingSeen = false;
      var t = document.querySelector('.cw-typing');
      new MutationObserver(function () { if (!t.hidden) window.__typingSeen = true; })
        .observe(t, {attributes: true});
    """)
    before = say(caregiver, "how do I prepare for the biopsy")
    answer = wait_reply(caregiver, before, "biopsy")
    assert "care team" in answer.lower() or "anesthetic" in answer.lower() or "numb" in answer.lower()
    assert caregiver.driver.execute_script("return window.__typingSeen") is True
    wait_until(
        lambda: caregiver.css(".cw-typing").get_attribute("hidden") is not None, 5, "typing indicator hidden", caregiver
    )
    # quick replies: the button shows its title and sends its payload
    chip = caregiver.wait_for(".cw-quick .cw-chip")
    title = chip.text
    before = len(messages(caregiver))
    chip.click()
    wait_until(
        lambda: [m for m in messages(caregiver)[before:] if m == ["user", title]],
        5,
        "the quick reply's title as the caregiver's message",
        caregiver,
    )
    wait_until(
        lambda: any(w == "bot" for w, _ in messages(caregiver)[before:]), 45, "a reply to the quick reply", caregiver
    )
    live.state["session_id"] = caregiver.driver.execute_script(
        "return Object.keys(localStorage).filter(function (k) { return k.indexOf('companion.session') === 0; })"
        ".map(function (k) { return localStorage.getItem(k); })[0]"
    )
    assert live.state["session_id"]
    caregiver.screenshot("widget-01-biopsy-answer")


def test_reload_keeps_and_continues_the_conversation(live, caregiver):
    shown_before = [m for m in messages(caregiver) if m[0] == "user"]
    caregiver.driver.refresh()
    wait_connected(caregiver)
    assert [m for m in messages(caregiver) if m[0] == "user"] == shown_before
    session_id = caregiver.driver.execute_script(
        "return Object.keys(localStorage).filter(function (k) { return k.indexOf('companion.session') === 0; })"
        ".map(function (k) { return localStorage.getItem(k); })[0]"
    )
    assert session_id == live.state["session_id"]
    # replies after a reload reach the page only if the socket re-joined its session room
    before = say(caregiver, "what does palbociclib do")
    wait_reply(caregiver, before, "CDK4/6")  # the answer is about its drug class (may not repeat the name)
    tracker = requests.get(
        f"{live.stack.rasa_url}/conversations/{session_id}/tracker", params={"token": live.stack.token}, timeout=10
    ).json()
    user_texts = [e["text"] for e in tracker["events"] if e.get("event") == "user"]
    assert "how do I prepare for the biopsy" in user_texts and "what does palbociclib do" in user_texts
    metadata = [e.get("metadata") for e in tracker["events"] if e.get("event") == "user"][-1]
    assert metadata["channel"] == "widget" and metadata["role"] == "caregiver" and metadata["region"] == "US"
    caregiver.screenshot("widget-02-after-reload")


def test_staff_signs_in_and_sees_a_crisis_arrive_live(live, caregiver, staff):
    staff.get(f"{live.url}/escalations")
    assert "/login" in staff.driver.current_url
    staff.css("#username").send_keys(STAFF_USER)
    staff.css("#password").send_keys(STAFF_PASSWORD)
    staff.screenshot("console-00-login")
    staff.css("#login-submit").click()
    staff.wait_text("#live-state", "Live updates: on", 20)
    staff.driver.execute_script("window.__noReload = true;")
    assert not staff.all("#queue-rows tr")

    before = say(caregiver, CRISIS)
    wait_reply(caregiver, before, "988")
    wait_reply(caregiver, before, "support team")
    caregiver.screenshot("widget-03-crisis-lines")

    text, esc_id = queue_row(staff, "#queue-rows tr.is-new", CRISIS, 30)
    assert "critical" in text and "crisis" in text and "widget" in text
    assert staff.driver.execute_script("return window.__noReload === true")  # no page reload
    live.state["escalation_id"] = int(esc_id)
    staff.screenshot("console-01-queue-live")


def test_staff_takes_over_replies_and_hands_back(live, caregiver, staff):
    esc_id = live.state["escalation_id"]
    staff.css(f'#queue-rows tr[data-id="{esc_id}"] a').click()
    staff.wait_for("#btn-take")
    staff.wait_text("#transcript", CRISIS, 20)
    assert CRISIS in staff.css("#esc-excerpt").text
    assert staff.css("img.chart").get_attribute("naturalWidth") not in (None, "0")

    before = len(messages(caregiver))
    staff.css("#btn-take").click()
    staff.wait_text(".notice", "taken over", 20)
    assert "acknowledged" in staff.css("#esc-status").text
    wait_reply(caregiver, before, "support team has joined", who="staff")

    staff.css("#staff-message").send_keys(STAFF_REPLY)
    staff.css("#btn-send").click()
    staff.wait_text(".notice", "Message sent", 20)
    wait_reply(caregiver, before, "Sam from the support team", who="staff")
    caregiver.screenshot("widget-04-staff-reply")

    staff.driver.execute_script("window.__noReload = true;")
    before = say(caregiver, CAREGIVER_ANSWER)
    staff.wait_text("#transcript", "she is with me now", 30)
    assert staff.driver.execute_script("return window.__noReload === true")  # live, not reloaded
    # shown as text, never run: no script element, title untouched
    assert '<script>document.title="pwned"</script>' in staff.css("#transcript").text
    assert staff.driver.execute_script("return document.querySelectorAll('#transcript script').length") == 0
    assert staff.driver.title != "pwned" and caregiver.driver.title != "pwned"
    staff.screenshot("console-02-handoff-transcript")
    # the bot should stay quiet while a person has taken over (checked in its own test below)
    time.sleep(4)
    live.state["bot_during_handoff"] = [t for w, t in messages(caregiver)[before:] if w == "bot"]

    before = len(messages(caregiver))
    staff.css("#btn-release").click()
    staff.wait_text(".notice", "Handed back", 20)
    wait_reply(caregiver, before, "handed you back to Companion")
    before = say(caregiver, "what does palbociclib do")
    wait_reply(caregiver, before, "CDK4/6")  # the bot answers again
    caregiver.screenshot("widget-05-handed-back")

    staff.css("#resolve-note").send_keys("Spoke with her husband; she is safe and has the crisis numbers.")
    staff.css("#btn-resolve").click()
    staff.wait_text(".notice", "resolved", 20)
    assert "resolved" in staff.css("#esc-status").text
    staff.screenshot("console-03-resolved")

    detail = requests.get(
        f"{live.url}/api/escalations/{esc_id}", headers={"Authorization": f"Bearer {API_TOKEN}"}, timeout=10
    ).json()
    assert detail["status"] == "resolved" and detail["assignee"]["username"] == STAFF_USER
    assert detail["person"]["handoff_active"] is False


def test_bot_stays_silent_during_handoff(live):
    """The Rasa side of the handoff (slot handoff_active + hold rules, data/rules/handoff_rules.yml)."""
    assert "bot_during_handoff" in live.state, "the handoff test did not get that far"
    replies = live.state["bot_during_handoff"]
    assert not replies, (
        f"the bot answered while staff had taken over: {replies}. The hold rules "
        "(data/rules/handoff_rules.yml) must cover this message, and models/companion.tar.gz must be "
        "trained from them (scripts/train-if-stale.sh)"
    )


def test_caregiver_flags_worry_about_the_patient(live, caregiver, staff):
    before = say(caregiver, "I'm really worried about my wife, she is so anxious and scared all the time")
    wait_reply(caregiver, before, "alert our support team")
    button = [b for b in caregiver.all(".cw-quick .cw-chip") if b.text == "Yes, alert the team"]
    assert button, "the widget shows the offer as a quick-reply button"
    before = len(messages(caregiver))
    button[0].send_keys("\n")  # keyboard activation of the button
    wait_reply(caregiver, before, "flagged this to our support team")
    staff.get(f"{live.url}/escalations?status=open")
    text, _ = queue_row(staff, "#queue-rows tr", "worried about my wife")
    assert "caregiver flag" in text and "medium" in text


def test_transcript_api_against_real_rasa(live):
    esc_id = live.state["escalation_id"]
    headers = {"Authorization": f"Bearer {API_TOKEN}"}
    resp = requests.get(f"{live.url}/api/escalations/{esc_id}/transcript", headers=headers, timeout=10)
    assert resp.status_code == 200
    data = resp.json()
    senders = {m["sender"] for m in data["messages"]}
    assert senders == {"user", "bot", "staff"}
    texts = [m["text"] for m in data["messages"]]
    assert CRISIS in texts and STAFF_REPLY in texts and CAREGIVER_ANSWER in texts
    assert data["handoff_active"] is False
    # unauthenticated: refused
    assert requests.get(f"{live.url}/api/escalations/{esc_id}/transcript", timeout=10).status_code == 401


def test_phone_sized_layout_and_keyboard(live):
    browser = Browser(1000, 900)
    try:
        browser.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}
        )
        browser.get(f"{live.url}/chat?region=UK&role=patient")
        wait_connected(browser)
        assert "Not for emergencies — call 999" in browser.css(".cw-emergency").text
        assert browser.css(".cw").get_attribute("data-role") == "patient"
        sizes = browser.driver.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth,"
            " document.documentElement.scrollHeight, window.innerHeight]"
        )
        assert sizes[0] <= sizes[1] and sizes[2] <= sizes[3] + 1, sizes
        send = browser.css(".cw-send").rect
        assert send["height"] >= 44 and send["x"] + send["width"] <= 390
        # keyboard only: Tab reaches the message field, Enter sends, focus is visible
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        for _ in range(6):
            ActionChains(browser.driver).send_keys(Keys.TAB).perform()
            if browser.driver.execute_script("return document.activeElement.classList.contains('cw-input')"):
                break
        assert browser.driver.execute_script("return document.activeElement.classList.contains('cw-input')")
        outline = browser.driver.execute_script(
            "var s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth, s.boxShadow]"
        )
        assert outline[0] != "none" or outline[2] != "none", outline
        before = len(messages(browser))
        ActionChains(browser.driver).send_keys("is there a support group for me").send_keys(Keys.ENTER).perform()
        wait_until(
            lambda: any(w == "bot" for w, _ in messages(browser)[before + 1 :]),
            45,
            "a reply on the phone layout",
            browser,
        )
        browser.screenshot("widget-06-phone")
    finally:
        browser.quit()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_embedded_with_one_script_tag_on_another_site(live, tmp_path):
    """A page on a different origin embeds the widget with a single script tag."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>Family support</title></head>"
        "<body><h1>Family support centre</h1><p>Questions? Chat with us.</p>"
        f'<script src="{live.url}/widget.js" data-rasa-url="{live.stack.rasa_url}" '
        'data-role="caregiver" data-region="AU"></script></body></html>'
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    browser = Browser(1100, 850)
    try:
        browser.get(f"http://127.0.0.1:{server.server_address[1]}/index.html")
        launcher = browser.wait_for(".cw-launcher")
        assert launcher.get_attribute("aria-expanded") == "false"
        launcher.click()
        assert browser.css(".cw").is_displayed()
        assert "call 000" in browser.css(".cw-emergency").text
        wait_connected(browser)
        before = say(browser, "how do I prepare for the biopsy")
        wait_reply(browser, before, "biopsy")
        browser.screenshot("widget-07-embedded")
    finally:
        browser.quit()
        server.shutdown()
        server.server_close()


# --- the socket.io channel fix (Rasa issue #13027), without a browser -----------------------


def test_socketio_session_room_survives_reconnect(live):
    import socketio

    async def scenario():
        replies = asyncio.Queue()

        async def client(session_id):
            sio = socketio.AsyncClient(reconnection=False)
            confirmed = asyncio.get_running_loop().create_future()
            sio.on("session_confirm", lambda sid: confirmed.done() or confirmed.set_result(sid))
            sio.on("bot_uttered", lambda msg: replies.put_nowait(msg))
            await sio.connect(live.stack.rasa_url, transports=["polling"], socketio_path="/socket.io")
            await sio.emit("session_request", {"session_id": session_id})
            return sio, await asyncio.wait_for(confirmed, 10)

        first, session_id = await client(None)
        assert len(session_id) == 32
        await first.disconnect()
        second, confirmed = await client(session_id)  # a "reload": same session id
        assert confirmed == session_id
        await second.emit(
            "user_uttered",
            {
                "message": "what is CA 15-3",
                "session_id": session_id,
                "customData": {"channel": "widget", "role": "caregiver"},
            },
        )
        reply = await asyncio.wait_for(replies.get(), 45)
        assert reply.get("text")
        await asyncio.sleep(3)  # the rest of that answer (several bot_uttered events)
        while not replies.empty():
            replies.get_nowait()
        # a socket that never joined the room cannot talk as that session
        intruder = socketio.AsyncClient(reconnection=False)
        await intruder.connect(live.stack.rasa_url, transports=["polling"])
        await intruder.emit("user_uttered", {"message": "hello", "session_id": session_id})
        await asyncio.sleep(3)
        assert replies.empty()
        # a malformed session id is replaced by a fresh one
        third, fresh = await client("../../etc")
        assert fresh != "../../etc" and len(fresh) == 32
        for s in (second, intruder, third):
            await s.disconnect()

    asyncio.run(scenario())


# --- last: restarts Rasa under the module's stack -------------------------------------------


def test_message_typed_while_rasa_restarts_is_answered(live):
    """Issue 19 item 1 with the real Rasa server: a message typed while Rasa is down and
    loading its model again is held by the widget and answered once Rasa is back."""
    browser = Browser(1000, 900)
    try:
        browser.get(f"{live.url}/chat?region=UK")
        wait_connected(browser)
        live.stack.stop("rasa")
        wait_until(
            lambda: "Connected" not in browser.text_of(".cw-status"),
            30,
            "the widget to notice that Rasa is gone",
            browser,
        )
        before = say(browser, "what does a bone marrow biopsy involve")
        assert "will be sent as soon as the connection is back" in browser.text_of(".cw-status")
        restart = threading.Thread(target=live.stack.start_rasa, daemon=True)
        restart.start()  # the model loads again (tens of seconds); the message waits
        reply = wait_reply(browser, before, "biopsy", timeout=360)
        assert reply
        restart.join(60)
        user_lines = [t for w, t in messages(browser)[before:] if w == "user"]
        assert user_lines == ["what does a bone marrow biopsy involve"]
        browser.screenshot("widget-08-after-rasa-restart")
    finally:
        browser.quit()
