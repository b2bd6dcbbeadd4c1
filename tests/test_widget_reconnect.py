"""The widget holds messages across a socket.io reconnect and sends them in order, once
(issue 19 item 1), in headless Chromium.

The browser loads /chat from the real console app; the socket.io server is a stand-in for
Rasa's channel with the same rules as bot/channels/socketio_channel.py (a message counts
only from a socket that has joined its session room; every event is handled in its own
task, as python-socketio does) so that it can be stopped, restarted, slowed down and made
to drop a connection mid-message on cue. The real Rasa restart is in
tests/test_widget_browser.py::test_message_typed_while_rasa_restarts_is_answered.
"""

from __future__ import annotations

import asyncio
import threading
from typing import List

import pytest
from aiohttp import web

from bot.console.app import create_app
from tests.browser import Browser, require_chromium, wait_until
from tests.servers import free_port
from tests.test_console_api import make_settings
from tests.widget_standin import StandInRasa

WIDGET_MESSAGES = """
return Array.from(document.querySelectorAll('.cw-msg')).map(function (m) {
  var t = m.querySelector('.cw-text');
  return [m.classList.contains('cw-user') ? 'user' : 'bot', t ? t.textContent : ''];
});
"""


@pytest.fixture
def servers(tmp_path):
    require_chromium()
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    rasa = StandInRasa(loop, free_port())
    rasa.start()
    console_port = free_port()
    settings = make_settings(f"sqlite:///{tmp_path / 'console.db'}", widget_rasa_url=f"http://127.0.0.1:{rasa.port}")
    box = {}

    async def start_console():
        box["runner"] = web.AppRunner(create_app(settings))
        await box["runner"].setup()
        await web.TCPSite(box["runner"], "127.0.0.1", console_port).start()

    rasa.run(start_console())
    try:
        yield rasa, f"http://127.0.0.1:{console_port}"
    finally:
        try:
            rasa.stop()
        except Exception:  # noqa: BLE001 - already stopped by the test
            pass
        rasa.run(box["runner"].cleanup())
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)


def _type(browser: Browser, text: str) -> None:
    """Keyboard only: the message field has focus; type and press Enter."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    ActionChains(browser.driver).send_keys(text).send_keys(Keys.ENTER).perform()


def _bot_texts(browser: Browser) -> List[str]:
    return [t for w, t in browser.driver.execute_script(WIDGET_MESSAGES) if w == "bot" and t.startswith("echo:")]


def _wait_echoes(browser: Browser, expected: List[str], timeout: float = 40) -> None:
    wanted = [f"echo: {t}" for t in expected]
    wait_until(
        lambda: _bot_texts(browser)[-len(wanted) :] == wanted,
        timeout,
        f"replies {wanted} in order (have {_bot_texts(browser)})",
        browser,
    )


def test_messages_typed_during_a_reconnect_are_held_and_sent_in_order_once(servers):
    rasa, console = servers
    browser = Browser(1000, 900)
    try:
        browser.get(f"{console}/chat")
        browser.wait_text(".cw-status", "Connected", 30)
        browser.css(".cw-input").click()
        _type(browser, "one")
        _wait_echoes(browser, ["one"])

        # Rasa goes away (restart, deploy): the person keeps typing.
        rasa.stop()
        wait_until(
            lambda: "Connected" not in browser.text_of(".cw-status"), 30, "the widget to notice the outage", browser
        )
        _type(browser, "two")
        _type(browser, "three")
        assert "will be sent as soon as the connection is back" in browser.text_of(".cw-status")
        # Back, slow to join the session room, and slow on the first held message: the held
        # ones must wait for the join and must not overtake each other.
        rasa.confirm_delay = 1.5
        rasa.slow = {"two": 1.5}
        rasa.start()
        wait_until(
            lambda: "Connecting" in browser.text_of(".cw-status") or rasa.received[1:],
            40,
            "the widget to reconnect",
            browser,
        )
        _type(browser, "four")  # typed after connect, before the session is confirmed
        _wait_echoes(browser, ["two", "three", "four"])
        assert rasa.received == ["one", "two", "three", "four"], rasa.log
        browser.screenshot("widget-reconnect-held")
    finally:
        browser.quit()


@pytest.mark.parametrize("how", ["connection", "session"])
def test_a_message_lost_with_the_connection_is_sent_again(servers, how):
    rasa, console = servers
    browser = Browser(1000, 900)
    try:
        browser.get(f"{console}/chat")
        browser.wait_text(".cw-status", "Connected", 30)
        browser.css(".cw-input").click()
        rasa.drop_once = {"are you there"}
        rasa.drop_how = how
        _type(browser, "are you there")
        _type(browser, "and after")
        _wait_echoes(browser, ["are you there", "and after"])
        assert rasa.received == ["are you there", "and after"], rasa.log
    finally:
        browser.quit()


def test_a_held_message_survives_a_page_reload(servers):
    rasa, console = servers
    browser = Browser(1000, 900)
    try:
        browser.get(f"{console}/chat")
        browser.wait_text(".cw-status", "Connected", 30)
        browser.css(".cw-input").click()
        _type(browser, "first")
        _wait_echoes(browser, ["first"])
        rasa.stop()
        wait_until(
            lambda: "Connected" not in browser.text_of(".cw-status"), 30, "the widget to notice the outage", browser
        )
        _type(browser, "typed while down")
        browser.driver.refresh()  # the person reloads before the connection is back
        browser.wait_for(".cw-input")
        rasa.start()
        _wait_echoes(browser, ["typed while down"])
        assert rasa.received == ["first", "typed while down"], rasa.log
        # sent once: another reload sends nothing again
        browser.driver.refresh()
        browser.wait_text(".cw-status", "Connected", 30)
        import time

        time.sleep(2)
        assert rasa.received == ["first", "typed while down"], rasa.log
    finally:
        browser.quit()
