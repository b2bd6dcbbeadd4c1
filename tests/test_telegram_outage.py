"""No Telegram message lost while Rasa starts, restarts or is down (issue 19 item 1): the
polling worker against the fake Bot API and a stand-in Rasa whose health and REST answers
the tests switch (real HTTP on loopback). With the real Rasa: tests/test_telegram_e2e.py.
"""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select

from bot.channels.safety_replies import render
from bot.channels.telegram_outage import HOLD_NOTICE
from bot.db.models import Escalation
from bot.db.session import session_scope
from tests.telegram_fixtures import *  # noqa: F401,F403 - fixtures

pytestmark = pytest.mark.asyncio

CHAT, OTHER, THIRD = 5_550_201, 5_550_202, 5_550_203
CRISIS_TEXT = "I want to end my life"
URGENT_TEXT = "I'm on chemo and my temperature is 38.9 and I'm shivering"


@pytest.fixture
def db_url(sqlite_db_url):
    return sqlite_db_url


def _start(fake_api, stub_rasa, db_url, ledger, **kw):
    from bot.channels.telegram_worker import WorkerConfig, run_polling

    config = WorkerConfig(
        token=fake_api.token,
        base_url=fake_api.base_url,
        rasa_url=stub_rasa.url,
        staff_chat_id=STAFF_CHAT_ID,
        poll_timeout=1,
        database_url=db_url,
        rasa_token="stub-token",
        ledger_path=ledger,
        hold_retry_seconds=0.3,
        **kw,
    )
    stop = asyncio.Event()
    return stop, asyncio.create_task(run_polling(config, stop))


async def _stop(stop, task):
    stop.set()
    await asyncio.wait_for(task, timeout=8)


def _down(stub_rasa):
    stub_rasa.ready, stub_rasa.status = False, 503


def _up(stub_rasa):
    stub_rasa.ready, stub_rasa.status = True, 200


async def test_no_polling_until_rasa_is_ready_then_each_message_answered_once(
    telegram_env, fake_api, stub_rasa, db_url, tmp_path
):
    _down(stub_rasa)
    for text in ("one", "two", "three"):
        fake_api.user_text(CHAT, text)
    stop, task = _start(fake_api, stub_rasa, db_url, tmp_path / "ledger.json")
    try:
        await fake_api.async_wait_for(lambda: fake_api.calls("setMyCommands"), timeout=5)
        await asyncio.sleep(1.5)
        assert not fake_api.calls("getUpdates"), "no getUpdates before Rasa is ready"
        assert fake_api.texts(CHAT) == [] and stub_rasa.requests == []
        _up(stub_rasa)
        await fake_api.async_wait_for(lambda: len(fake_api.texts(CHAT)) == 3, timeout=8)
        await asyncio.sleep(1.5)  # more polls: nothing comes twice
        assert fake_api.texts(CHAT) == ["echo: one", "echo: two", "echo: three"]
        assert stub_rasa.messages() == stub_rasa.answered == ["one", "two", "three"]
        assert fake_api.pending_updates() == 0, "confirmed to Telegram once handled"
    finally:
        await _stop(stop, task)


async def test_messages_held_during_an_outage_are_delivered_in_order_once(worker, fake_api, stub_rasa):
    fake_api.user_text(CHAT, "before")
    await fake_api.async_wait_for(lambda: fake_api.texts(CHAT) == ["echo: before"])
    _down(stub_rasa)
    for text in ("a", "b", "c"):
        fake_api.user_text(CHAT, text)
    fake_api.user_text(OTHER, "hello from other")
    await fake_api.async_wait_for(lambda: HOLD_NOTICE in fake_api.texts(OTHER) and len(fake_api.texts(CHAT)) == 2)
    await asyncio.sleep(1.0)  # several fetches of the held updates: one notice per chat
    assert fake_api.texts(CHAT) == ["echo: before", HOLD_NOTICE]
    assert fake_api.texts(OTHER) == [HOLD_NOTICE]
    assert fake_api.pending_updates() == 4, "held updates are not confirmed"
    assert stub_rasa.answered == ["before"]
    # a fetch already under way when Rasa went down may have tried the first of each chat
    assert set(stub_rasa.messages()) <= {"before", "a", "hello from other"}

    _up(stub_rasa)
    await fake_api.async_wait_for(lambda: len(fake_api.texts(CHAT)) == 5 and len(fake_api.texts(OTHER)) == 2, timeout=8)
    await asyncio.sleep(1.0)
    assert fake_api.texts(CHAT) == ["echo: before", HOLD_NOTICE, "echo: a", "echo: b", "echo: c"]
    assert fake_api.texts(OTHER) == [HOLD_NOTICE, "echo: hello from other"]
    mine = [m for m in stub_rasa.answered if m != "hello from other"]
    assert mine == ["before", "a", "b", "c"] and stub_rasa.answered.count("hello from other") == 1
    assert fake_api.pending_updates() == 0


async def test_rasa_refusing_connections_mid_turn_holds_the_message(worker, fake_api, stub_rasa):
    """Health said yes, then the REST call finds no Rasa (a proxy's 502): held, not lost."""
    stub_rasa.status = 502
    fake_api.user_text(CHAT, "are you there")
    await fake_api.async_wait_for(lambda: fake_api.texts(CHAT) == [HOLD_NOTICE])
    stub_rasa.status = 200
    await fake_api.async_wait_for(lambda: len(fake_api.texts(CHAT)) == 2, timeout=8)
    assert fake_api.texts(CHAT)[1] == "echo: are you there"
    assert stub_rasa.answered == ["are you there"]


async def test_crisis_while_rasa_is_down_gets_the_lines_is_stored_and_not_resent(worker, fake_api, stub_rasa, db_url):
    def escalations():
        with session_scope(db_url) as session:
            return [
                (e.reason, e.severity, e.channel, e.excerpt)
                for e in session.execute(select(Escalation).order_by(Escalation.id)).scalars()
            ]

    _down(stub_rasa)
    fake_api.user_text(CHAT, "just a question")
    fake_api.user_text(CHAT, CRISIS_TEXT)
    crisis_texts = [
        render("utter_crisis", {"crisis_about": "self", "crisis_basis": "detector"}),
        render("utter_crisis_lines", {}),
    ]
    await fake_api.async_wait_for(lambda: len(fake_api.texts(CHAT)) == 3, timeout=8)
    # the held question's notice, then the crisis reply exactly as Rasa's rule sends it
    assert fake_api.texts(CHAT) == [HOLD_NOTICE, *crisis_texts]
    assert "988" in fake_api.texts(CHAT)[2]
    await fake_api.async_wait_for(escalations, timeout=5)
    assert escalations() == [("crisis", "critical", "telegram", CRISIS_TEXT)]

    fake_api.user_text(OTHER, URGENT_TEXT)
    await fake_api.async_wait_for(lambda: len(fake_api.texts(OTHER)) == 2, timeout=8)
    urgent = fake_api.texts(OTHER)
    assert urgent[0] == render("utter_urgent_symptom", {"red_flag": "neutropenic_fever", "region": "US"})
    assert "oncology hotline" in urgent[0] and urgent[1] == render("utter_emergency_number", {"region": "US"})
    await fake_api.async_wait_for(lambda: len(escalations()) == 2, timeout=5)
    assert escalations()[1][:3] == ("urgent_symptom", "critical", "telegram")

    _up(stub_rasa)
    await fake_api.async_wait_for(lambda: "echo: just a question" in fake_api.texts(CHAT), timeout=8)
    await asyncio.sleep(1.0)
    assert stub_rasa.answered == ["just a question"], "the crisis is not sent to Rasa again"
    assert CRISIS_TEXT not in stub_rasa.messages()
    assert fake_api.texts(CHAT).count(crisis_texts[1]) == 1
    assert fake_api.pending_updates() == 0


async def test_crisis_spooled_when_the_database_is_down_too(telegram_env, fake_api, stub_rasa, tmp_path, monkeypatch):
    """Rasa and the database down: the lines still go out and the escalation is spooled
    for the scheduler to replay."""
    import dataclasses

    from bot.config import load_settings
    from bot.escalation.service import drain_spool

    dead_db = "postgresql://nobody@127.0.0.1:1/none"
    monkeypatch.setenv("COMPANION_SPOOL_DIR", str(tmp_path / "spool"))
    _down(stub_rasa)
    fake_api.user_text(THIRD, CRISIS_TEXT)
    stop, task = _start(fake_api, stub_rasa, dead_db, tmp_path / "ledger.json", rasa_wait_seconds=0.5)
    try:
        await fake_api.async_wait_for(lambda: len(fake_api.texts(THIRD)) == 2, timeout=15)
        assert "988" in fake_api.texts(THIRD)[1]
        await fake_api.async_wait_for(lambda: list((tmp_path / "spool").rglob("*.json*")), timeout=5)
    finally:
        await _stop(stop, task)
    live = tmp_path / "live.db"
    from bot.db.session import upgrade

    upgrade(f"sqlite:///{live}")
    settings = dataclasses.replace(load_settings(), database_url=f"sqlite:///{live}", spool_dir=tmp_path / "spool")
    assert drain_spool(settings) == 1
    with session_scope(settings.database_url) as session:
        (esc,) = session.execute(select(Escalation)).scalars().all()
        assert (esc.reason, esc.excerpt) == ("crisis", CRISIS_TEXT)


async def test_restart_during_an_outage_repeats_nothing(telegram_env, fake_api, stub_rasa, db_url, tmp_path):
    """Handled updates above a held one survive a restart in the ledger."""
    ledger = tmp_path / "ledger.json"
    _down(stub_rasa)
    stop, task = _start(fake_api, stub_rasa, db_url, ledger, rasa_wait_seconds=0.3)
    try:
        fake_api.user_text(CHAT, "held question")
        fake_api.user_text(OTHER, CRISIS_TEXT)
        await fake_api.async_wait_for(lambda: len(fake_api.texts(OTHER)) == 2 and fake_api.texts(CHAT), timeout=8)
    finally:
        await _stop(stop, task)
    assert fake_api.pending_updates() == 2, "neither confirmed: the crisis sits above the held one"
    _up(stub_rasa)
    stop, task = _start(fake_api, stub_rasa, db_url, ledger)
    try:
        await fake_api.async_wait_for(lambda: "echo: held question" in fake_api.texts(CHAT), timeout=8)
        await asyncio.sleep(1.0)
    finally:
        await _stop(stop, task)
    assert len(fake_api.texts(OTHER)) == 2, "crisis lines not sent again after the restart"
    assert stub_rasa.answered == ["held question"]
    assert fake_api.pending_updates() == 0
    with session_scope(db_url) as session:
        assert session.execute(select(Escalation)).scalars().one().occurrences == 1


async def test_health_check_reads_the_model_and_falls_back_without_status(stub_rasa):
    from bot.channels.telegram_worker import RasaHealth

    health = RasaHealth(stub_rasa.url, "stub-token")
    try:
        assert await health.ok()
        _down(stub_rasa)
        assert not await health.ok()
    finally:
        await health.aclose()
    dead = RasaHealth("http://127.0.0.1:1", "t")
    try:
        assert not await dead.ok()
    finally:
        await dead.aclose()


async def test_health_check_without_a_loaded_model_or_with_status_not_routed():
    from aiohttp import web

    from bot.channels.telegram_worker import RasaHealth
    from tests.fake_bot_api import run_in_thread, start_site, stop_thread

    state = {"status": {"model_id": None, "model_file": None}, "status_code": 200}

    async def status(request):
        return web.json_response(state["status"], status=state["status_code"])

    async def hello(request):
        return web.Response(text="Hello from Rasa: 3.6.21")

    box = {}

    async def serve():
        app = web.Application()
        app.router.add_get("/status", status)
        app.router.add_get("/", hello)
        runner, box["port"] = await start_site(app)
        return runner

    thread, loop, stop = run_in_thread(serve, "fake-rasa-status")
    health = RasaHealth(f"http://127.0.0.1:{box['port']}", "tok")
    try:
        assert not await health.ok(), "'/' answers, but no model is loaded yet"
        state["status"] = {"model_id": "abc", "model_file": "companion.tar.gz"}
        assert await health.ok()
        state["status_code"] = 404  # /status not routed on this port
        assert await health.ok() and health.token == ""
    finally:
        await health.aclose()
        stop_thread(thread, loop, stop)


async def test_notes_about_a_held_message_are_sent_once(worker, fake_api, stub_rasa):
    """A long message's truncation note and a caption's note go out once, however often
    the held update is looked at again."""
    from bot.channels import telegram_bridge as bridge

    _down(stub_rasa)
    fake_api.user_text(CHAT, "I have a question " + "x" * 4100)
    fake_api.user_photo(OTHER, caption="is this rash normal?")
    await fake_api.async_wait_for(lambda: HOLD_NOTICE in fake_api.texts(CHAT) and len(fake_api.texts(OTHER)) == 2)
    await asyncio.sleep(1.5)  # several more fetches while held
    assert fake_api.texts(CHAT) == [bridge.TRUNCATED_NOTE, HOLD_NOTICE]
    assert sorted(fake_api.texts(OTHER)) == sorted([HOLD_NOTICE, bridge.CAPTION_NOTE])
    _up(stub_rasa)
    await fake_api.async_wait_for(lambda: len(fake_api.texts(CHAT)) == 3 and len(fake_api.texts(OTHER)) == 3, timeout=8)
    await asyncio.sleep(1.0)
    assert fake_api.texts(CHAT)[2].startswith("echo: I have a question")
    assert fake_api.texts(OTHER)[2] == "echo: is this rash normal?"
    assert len(fake_api.texts(CHAT)) == 3 and len(fake_api.texts(OTHER)) == 3
