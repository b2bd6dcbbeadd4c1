"""The notifier against a Bot API emulator that answers differently from Telegram
(issue 19 item 4): a failure is recorded on its own row and never holds back the others.

Found against an independent emulator: ``editMessageText`` answered ``{"ok": true,
"result": null}``; python-telegram-bot then calls ``Message.de_json(None)`` and fails
with ``AttributeError: 'NoneType' object has no attribute 'copy'``. That exception is not
a TelegramError, so it escaped the row, the pass failed every lease (2 min), ``attempts``
rose and ``last_error`` stayed empty, and every row after it in the pass waited.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import pytest_asyncio
from sqlalchemy import select, update

from bot.channels import address_book
from bot.db import outbox
from bot.db.models import Escalation, Outbox
from bot.db.session import session_scope
from bot.db.types import utcnow
from bot.escalation.service import open_escalation, transition
from bot.notify.deliveries import stuck_deliveries
from bot.notify.telegram_notifier import NotifierConfig, TelegramNotifier
from bot.users import get_or_create_user
from tests.telegram_fixtures import *  # noqa: F401,F403 - fixtures
from tests.telegram_fixtures import STAFF_CHAT_ID, FakeBotAPI

pytestmark = pytest.mark.asyncio

PATIENT_CHAT = 6_660_077


class NullResultEmulator(FakeBotAPI):
    """Applies edits like Telegram but answers them with ``"result": null``; with
    ``sloppy_send`` it also answers sendMessage with a message lacking ``chat``/``date``."""

    sloppy_send = False

    async def _m_editmessagetext(self, params: dict):
        await super()._m_editmessagetext(params)
        return None

    async def _m_editmessagereplymarkup(self, params: dict):
        await super()._m_editmessagereplymarkup(params)
        return None

    async def _m_sendmessage(self, params: dict):
        message = await super()._m_sendmessage(params)
        if self.sloppy_send:
            return {"message_id": message["message_id"], "text": message["text"]}
        return message


@pytest.fixture
def fake_api():  # overrides the plain fake: every test here talks to the emulator
    api = NullResultEmulator().start()
    try:
        yield api
    finally:
        api.stop()


@pytest_asyncio.fixture
async def notifier(telegram_env, fake_api, db_url):
    config = NotifierConfig(
        token=fake_api.token,
        base_url=fake_api.base_url,
        staff_chat_id=STAFF_CHAT_ID,
        database_url=db_url,
        backoff_base=0.1,
        backoff_cap=1.0,
        poll_interval=0.2,
        request_timeout=2.0,
    )
    async with TelegramNotifier(config) as running:
        yield running


def _open(db_url, chat=PATIENT_CHAT, reason="crisis", severity="critical"):
    with session_scope(db_url) as session:
        esc, _ = open_escalation(
            session,
            user_key=address_book.key_for("telegram", chat),
            channel="telegram",
            severity=severity,
            reason=reason,
            excerpt="help",
            dedup_minutes=30,
        )
        return esc.id


def _rows(db_url, kind):
    with session_scope(db_url) as session:
        return session.execute(select(Outbox).where(Outbox.kind == kind).order_by(Outbox.id)).scalars().all()


async def test_escalation_updated_edit_answered_with_null_result_is_delivered(notifier, fake_api, db_url):
    esc_id = _open(db_url)
    assert (await notifier.run_once()).sent == 1
    (alert,) = fake_api.messages(STAFF_CHAT_ID)
    with session_scope(db_url) as session:
        transition(session, esc_id, status="acknowledged", actor="staff:alice")

    result = await notifier.run_once()
    assert (result.sent, result.failed) == (1, 0)
    (row,) = _rows(db_url, "escalation_updated")
    assert row.sent_at is not None and row.attempts == 1 and row.last_error is None
    edited = fake_api.message(STAFF_CHAT_ID, alert["message_id"])
    assert "ACKNOWLEDGED" in edited["text"] and len(fake_api.messages(STAFF_CHAT_ID)) == 1


async def test_severity_raise_with_null_edit_result_and_sloppy_send(notifier, fake_api, db_url):
    fake_api.sloppy_send = True
    esc_id = _open(db_url, reason="distress_score", severity="high")
    assert (await notifier.run_once()).sent == 1
    _open(db_url, reason="crisis", severity="critical")
    result = await notifier.run_once()
    assert (result.sent, result.failed) == (1, 0)
    first, second = fake_api.messages(STAFF_CHAT_ID)
    assert f"Escalation #{esc_id}" in second["text"] and "CRITICAL" in second["text"]
    assert "reply_markup" not in first, "the older alert lost its buttons"


async def test_unexpected_error_is_recorded_on_the_row_and_the_pass_goes_on(notifier, fake_api, db_url, monkeypatch):
    """Any failure of one row (here: a bug-like exception for one escalation) lands on that
    row's last_error with a backoff, and the rows after it are still delivered."""
    bad = _open(db_url)
    good = _open(db_url, chat=PATIENT_CHAT + 1)
    with session_scope(db_url) as session:
        key = address_book.remember(session, "telegram", PATIENT_CHAT + 2)
        user = get_or_create_user(session, key, "telegram")
        outbox.enqueue(session, "staff_message", {"user_key": key, "text": "Hello from the team"}, user_id=user.id)

    original = TelegramNotifier._escalation_state

    def broken(self, escalation_id):
        if escalation_id == bad:
            raise AttributeError("'NoneType' object has no attribute 'copy'")
        return original(self, escalation_id)

    monkeypatch.setattr(TelegramNotifier, "_escalation_state", broken)
    before = utcnow()
    result = await notifier.run_once()
    assert (result.sent, result.failed) == (2, 1)
    rows = {r.payload.get("escalation_id"): r for r in _rows(db_url, "escalation_opened")}
    failed = rows[bad]
    assert failed.sent_at is None and failed.attempts == 1
    assert failed.last_error == "AttributeError: 'NoneType' object has no attribute 'copy'"
    # retried after the backoff (0.1-0.125 s here), not after the 2-minute claim lease
    assert before < failed.next_attempt_at < before + timedelta(seconds=30)
    assert rows[good].sent_at is not None
    assert fake_api.texts(PATIENT_CHAT + 2) == ["Hello from the team"]
    assert [f"Escalation #{good}" in t for t in fake_api.texts(STAFF_CHAT_ID)] == [True]

    # it shows as stuck once it is old enough, error and all
    with session_scope(db_url) as session:
        session.execute(
            update(Outbox).where(Outbox.id == failed.id).values(created_at=utcnow() - timedelta(minutes=10))
        )
    with session_scope(db_url) as session:
        (stuck,) = stuck_deliveries(session, older_than_minutes=5)
        assert (stuck.id, stuck.escalation_id, stuck.attempts) == (failed.id, bad, 1)
        assert "NoneType" in stuck.last_error

    # fixed: the next due pass delivers it and clears the error
    monkeypatch.setattr(TelegramNotifier, "_escalation_state", original)
    with session_scope(db_url) as session:
        session.execute(
            update(Outbox).where(Outbox.id == failed.id).values(next_attempt_at=utcnow() - timedelta(seconds=1))
        )
    assert (await notifier.run_once()).sent == 1
    (row,) = [r for r in _rows(db_url, "escalation_opened") if r.id == failed.id]
    assert row.sent_at is not None and row.last_error is None and row.attempts == 2


async def test_staff_button_edit_with_null_result(worker, notifier, fake_api, db_url):
    """The staff button path (worker) edits the alert through the same robust call."""
    esc_id = _open(db_url)
    await notifier.run_once()
    (alert,) = fake_api.messages(STAFF_CHAT_ID)
    query_id = fake_api.press_button(STAFF_CHAT_ID, alert["message_id"], f"esc:ack:{esc_id}", user_id=31337)
    await fake_api.async_wait_for(lambda: any(a["callback_query_id"] == query_id for a in fake_api.callback_answers))
    assert "ACKNOWLEDGED" in fake_api.message(STAFF_CHAT_ID, alert["message_id"])["text"]
    answer = next(a for a in fake_api.callback_answers if a["callback_query_id"] == query_id)
    assert "acknowledged" in answer["text"]
    with session_scope(db_url) as session:
        assert session.get(Escalation, esc_id).status == "acknowledged"
