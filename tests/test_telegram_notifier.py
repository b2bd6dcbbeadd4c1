"""Staff notifier and staff buttons against the fake Bot API and a migrated SQLite DB."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta

import pytest
import pytest_asyncio
from sqlalchemy import select, update

from bot.channels import address_book
from bot.db import outbox
from bot.db.models import AuditLog, Escalation, Outbox
from bot.db.models_channels import TelegramAlert
from bot.db.session import session_scope
from bot.db.types import utcnow
from bot.escalation.service import open_escalation, transition
from bot.notify.telegram_notifier import (
    REMINDER_TEXT,
    NotifierConfig,
    TelegramNotifier,
    render_alert,
    staff_actor,
)
from bot.users import get_or_create_user
from tests.telegram_fixtures import *  # noqa: F401,F403 - fixtures

pytestmark = pytest.mark.asyncio

PATIENT_CHAT = 6_660_042
STAFF_USER = 31_337


def _open(db_url, chat=PATIENT_CHAT, reason="crisis", severity="critical", excerpt="I don't want to be here anymore"):
    with session_scope(db_url) as session:
        esc, _ = open_escalation(
            session,
            user_key=address_book.key_for("telegram", chat),
            channel="telegram",
            severity=severity,
            reason=reason,
            excerpt=excerpt,
            dedup_minutes=30,
        )
        return esc.id


def _row(db_url, **where):
    with session_scope(db_url) as session:
        stmt = select(Outbox)
        for key, value in where.items():
            stmt = stmt.where(getattr(Outbox, key) == value)
        return session.execute(stmt.order_by(Outbox.id)).scalars().all()


def _buttons(message):
    return [
        (b["text"], b["callback_data"])
        for row in (message.get("reply_markup") or {}).get("inline_keyboard", [])
        for b in row
    ]


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
        request_timeout=1.0,
    )
    async with TelegramNotifier(config) as running:
        yield running


async def test_alert_is_posted_with_buttons(notifier, fake_api, db_url):
    esc_id = _open(db_url)
    result = await notifier.run_once()
    assert (result.sent, result.failed) == (1, 0)

    (alert,) = fake_api.messages(STAFF_CHAT_ID)
    assert f"Escalation #{esc_id}" in alert["text"]
    assert "CRITICAL" in alert["text"] and "crisis" in alert["text"]
    assert "I don't want to be here anymore" in alert["text"]
    assert "channel: telegram" in alert["text"]
    assert str(PATIENT_CHAT) not in alert["text"]
    assert _buttons(alert) == [("Acknowledge", f"esc:ack:{esc_id}"), ("Resolve", f"esc:res:{esc_id}")]

    (row,) = _row(db_url, kind="escalation_opened")
    assert row.sent_at is not None and row.attempts == 1 and row.last_error is None
    with session_scope(db_url) as session:
        record = session.get(TelegramAlert, esc_id)
        assert (record.message_id, record.shown_status) == (alert["message_id"], "open")

    # nothing due any more: a second pass sends nothing
    assert (await notifier.run_once()).sent == 0
    assert len(fake_api.messages(STAFF_CHAT_ID)) == 1


async def test_acknowledge_and_resolve_from_the_staff_chat(worker, notifier, fake_api, db_url):
    esc_id = _open(db_url)
    await notifier.run_once()
    (alert,) = fake_api.messages(STAFF_CHAT_ID)

    query_id = fake_api.press_button(STAFF_CHAT_ID, alert["message_id"], f"esc:ack:{esc_id}", user_id=STAFF_USER)
    await fake_api.async_wait_for(lambda: any(a["callback_query_id"] == query_id for a in fake_api.callback_answers))
    with session_scope(db_url) as session:
        esc = session.get(Escalation, esc_id)
        assert esc.status == "acknowledged"
        audit = session.execute(
            select(AuditLog).where(AuditLog.escalation_id == esc_id, AuditLog.action == "escalation_acknowledged")
        ).scalar_one()
        assert audit.actor == staff_actor(STAFF_USER)
        assert re.fullmatch(r"staff-telegram:[0-9a-f]{16}", audit.actor)
    edited = fake_api.message(STAFF_CHAT_ID, alert["message_id"])
    assert "ACKNOWLEDGED" in edited["text"]
    assert _buttons(edited) == [("Resolve", f"esc:res:{esc_id}")]
    answer = next(a for a in fake_api.callback_answers if a["callback_query_id"] == query_id)
    assert "acknowledged" in answer["text"]

    # the escalation_updated row from the press: the alert already shows it -> no new message
    result = await notifier.run_once()
    assert result.sent == 1 and len(fake_api.messages(STAFF_CHAT_ID)) == 1

    # resolved from the console: the same alert is edited, buttons gone
    with session_scope(db_url) as session:
        transition(session, esc_id, status="resolved", actor="staff:alice")
    assert (await notifier.run_once()).sent == 1
    (final,) = fake_api.messages(STAFF_CHAT_ID)
    assert "RESOLVED" in final["text"] and _buttons(final) == []

    # a stale Acknowledge press is answered, nothing changes
    fake_api.press_button(STAFF_CHAT_ID, alert["message_id"], f"esc:ack:{esc_id}", user_id=STAFF_USER)
    await fake_api.async_wait_for(
        lambda: any("already resolved" in (a["text"] or "") for a in fake_api.callback_answers)
    )


async def test_escalation_buttons_refused_outside_the_staff_chat(worker, fake_api, stub_rasa, db_url):
    esc_id = _open(db_url)
    fake_api.user_text(PATIENT_CHAT, "hello")
    await fake_api.async_wait_for(lambda: fake_api.messages(PATIENT_CHAT))
    bot_message = fake_api.messages(PATIENT_CHAT)[0]
    query_id = fake_api.press_button(PATIENT_CHAT, bot_message["message_id"], f"esc:res:{esc_id}")
    await fake_api.async_wait_for(lambda: any(a["callback_query_id"] == query_id for a in fake_api.callback_answers))
    answer = next(a for a in fake_api.callback_answers if a["callback_query_id"] == query_id)
    assert answer["show_alert"] and "support team" in answer["text"]
    with session_scope(db_url) as session:
        assert session.get(Escalation, esc_id).status == "open"
    assert [r["message"] for r in stub_rasa.requests] == ["hello"]


async def test_outage_then_recovery_delivers_exactly_one_alert(notifier, fake_api, db_url):
    esc_id = _open(db_url)
    fake_api.fail_next(2, status=500, methods=["sendMessage"])
    fake_api.fail_next(1, hang=1.5, methods=["sendMessage"])  # client times out after 1 s
    fake_api.fail_next(1, retry_after=1, methods=["sendMessage"])

    first = await notifier.run_once()
    assert (first.sent, first.failed) == (0, 1)
    (row,) = _row(db_url, kind="escalation_opened")
    assert row.sent_at is None and row.attempts == 1
    assert "Internal Server Error" in row.last_error and row.next_attempt_at > utcnow()

    stop = asyncio.Event()
    task = asyncio.create_task(notifier.run(stop))
    try:
        await fake_api.async_wait_for(lambda: fake_api.messages(STAFF_CHAT_ID), timeout=9)
        await fake_api.async_wait_for(lambda: _row(db_url, kind="escalation_opened")[0].sent_at, timeout=3)
    finally:
        stop.set()
        await asyncio.wait_for(task, 3)

    (alert,) = fake_api.messages(STAFF_CHAT_ID)
    assert f"Escalation #{esc_id}" in alert["text"]
    (row,) = _row(db_url, kind="escalation_opened")
    assert row.attempts == 5 and row.last_error is None
    statuses = [c.status for c in fake_api.calls("sendMessage")]
    assert statuses == [500, 500, 504, 429, 200]
    retry_gap = fake_api.calls("sendMessage")[4].at - fake_api.calls("sendMessage")[3].at
    assert retry_gap >= 0.95, "retry_after honoured"


async def test_redelivery_after_crash_does_not_duplicate(notifier, fake_api, db_url):
    _open(db_url)
    await notifier.run_once()
    # the process "crashed" after Telegram confirmed and the alert was recorded, before the
    # row counted as sent: it comes round again
    with session_scope(db_url) as session:
        session.execute(update(Outbox).values(sent_at=None, next_attempt_at=utcnow() - timedelta(seconds=1)))
    result = await notifier.run_once()
    assert result.sent == 1
    assert len(fake_api.messages(STAFF_CHAT_ID)) == 1


async def test_severity_raise_posts_a_fresh_alert(notifier, fake_api, db_url):
    esc_id = _open(db_url, reason="distress_score", severity="high", excerpt="feeling awful")
    await notifier.run_once()
    _open(db_url, reason="crisis", severity="critical", excerpt="I have a plan")
    await notifier.run_once()
    first, second = fake_api.messages(STAFF_CHAT_ID)
    assert f"Escalation #{esc_id}" in second["text"] and "CRITICAL" in second["text"]
    assert _buttons(first) == [] and _buttons(second)


async def test_reminders_reach_the_chat_through_the_address_book(notifier, fake_api, db_url):
    with session_scope(db_url) as session:
        key = address_book.remember(session, "telegram", PATIENT_CHAT)
        user = get_or_create_user(session, key, "telegram")
        outbox.enqueue(
            session,
            "reminder",
            {"user_key": key, "user_id": user.id, "channel": "telegram"},
            dedupe_key="reminder:test",
            user_id=user.id,
        )
        stranger = get_or_create_user(session, address_book.key_for("telegram", 1234), "telegram")
        outbox.enqueue(
            session,
            "reminder",
            {"user_key": stranger.user_key, "channel": "telegram"},
            dedupe_key="reminder:stranger",
            user_id=stranger.id,
        )
        web_user = get_or_create_user(session, "a" * 64, "widget")
        outbox.enqueue(
            session,
            "reminder",
            {"user_key": web_user.user_key, "channel": "widget"},
            dedupe_key="reminder:web",
            user_id=web_user.id,
        )

    result = await notifier.run_once()
    assert (result.sent, result.parked) == (1, 1)
    (message,) = fake_api.messages(PATIENT_CHAT)
    assert message["text"] == REMINDER_TEXT
    assert _buttons(message) == [("Check in now", "/start_checkin")]
    rows = {r.dedupe_key: r for r in _row(db_url, kind="reminder")}
    assert rows["reminder:test"].sent_at is not None
    assert rows["reminder:stranger"].sent_at is None
    assert rows["reminder:stranger"].last_error == "gave up: no Telegram address on file"
    assert rows["reminder:web"].attempts == 0, "other channels' reminders are not ours"

    values = all_text_values(db_url)
    assert not [v for v in values if str(PATIENT_CHAT) in v or str(STAFF_CHAT_ID) in v]


async def test_staff_message_reaches_the_person(notifier, fake_api, db_url):
    with session_scope(db_url) as session:
        key = address_book.remember(session, "telegram", PATIENT_CHAT)
        user = get_or_create_user(session, key, "telegram")
        outbox.enqueue(
            session, "staff_message", {"user_key": key, "text": "Hi, this is Sam from the nurse team."}, user_id=user.id
        )
        outbox.enqueue(session, "staff_message", {"user_key": key, "text": "  "}, user_id=user.id)
    result = await notifier.run_once()
    assert (result.sent, result.parked) == (1, 1)
    assert fake_api.texts(PATIENT_CHAT) == ["Hi, this is Sam from the nurse team."]


async def test_no_raw_ids_after_the_whole_flow(worker, notifier, fake_api, stub_rasa, db_url):
    fake_api.user_text(PATIENT_CHAT, "I can't go on")
    await fake_api.async_wait_for(lambda: fake_api.texts(PATIENT_CHAT))
    esc_id = _open(db_url)
    await notifier.run_once()
    (alert,) = fake_api.messages(STAFF_CHAT_ID)
    fake_api.press_button(STAFF_CHAT_ID, alert["message_id"], f"esc:ack:{esc_id}", user_id=STAFF_USER)
    await fake_api.async_wait_for(
        lambda: "ACKNOWLEDGED" in fake_api.message(STAFF_CHAT_ID, alert["message_id"])["text"]
    )
    values = all_text_values(db_url)
    for raw in (PATIENT_CHAT, STAFF_CHAT_ID, STAFF_USER):
        assert not [v for v in values if str(raw) in v], raw


async def test_render_alert_for_each_status():
    base = {
        "id": 7,
        "severity": "medium",
        "reason": "request_human",
        "channel": "widget",
        "excerpt": "x" * 500,
        "occurrences": 3,
        "created_at": utcnow(),
    }
    text, markup = render_alert({**base, "status": "open"})
    assert "asked for a person" in text and "3 messages" in text and len(text) < 600
    assert [b.callback_data for b in markup.inline_keyboard[0]] == ["esc:ack:7", "esc:res:7"]
    _, markup = render_alert({**base, "status": "acknowledged"})
    assert [b.callback_data for b in markup.inline_keyboard[0]] == ["esc:res:7"]
    assert render_alert({**base, "status": "resolved"})[1] is None


async def test_care_reminder_delivery_and_taken_button_round_trip(worker, notifier, fake_api, stub_rasa, db_url):
    """Planner -> outbox -> the person's chat with Taken / Snooze / Skip; a press goes back
    to Rasa as the button's payload (which the reminder action records)."""
    from datetime import datetime, timezone

    from bot.care_reminders import service as care
    from bot.care_reminders.parsing import parse_reminder_request

    start = datetime(2026, 6, 1, 7, 0, tzinfo=timezone.utc)
    with session_scope(db_url) as session:
        key = address_book.remember(session, "telegram", PATIENT_CHAT)
        get_or_create_user(session, key, "telegram")
        care.create_reminder(
            session,
            user_key=key,
            channel="telegram",
            timezone="Europe/London",
            now=start,
            draft=parse_reminder_request("remind me to take my Ibrance at 9 every day", start.date()),
        )
    with session_scope(db_url) as session:  # 09:00 BST = 08:00 UTC
        assert care.plan_due(session, datetime(2026, 6, 1, 8, 1, tzinfo=timezone.utc)).sent == 1
    result = await notifier.run_once()
    assert result.sent == 1
    (message,) = fake_api.messages(PATIENT_CHAT)
    assert "Ibrance" in message["text"] and "Taken" in message["text"]
    buttons = _buttons(message)
    assert [title for title, _ in buttons] == ["Taken", "Snooze 30 min", "Skip"]
    assert all(data.startswith("/reminder_reply{") and len(data.encode()) <= 64 for _, data in buttons)

    fake_api.press_button(PATIENT_CHAT, message["message_id"], buttons[0][1], user_id=PATIENT_CHAT)
    await fake_api.async_wait_for(lambda: any(r["message"] == buttons[0][1] for r in stub_rasa.requests))
    # the same plan run again (scheduler restart) sends nothing new
    with session_scope(db_url) as session:
        assert care.plan_due(session, datetime(2026, 6, 1, 8, 2, tzinfo=timezone.utc)).sent == 0
    assert (await notifier.run_once()).sent == 0


async def test_crisis_after_urgent_symptom_posts_a_fresh_alert_listing_both(notifier, fake_api, db_url):
    """Same severity (critical), new most urgent reason: a fresh alert with crisis first;
    a later, less urgent reason edits that alert in place."""
    esc_id = _open(db_url, reason="urgent_symptom", severity="critical", excerpt="fever 38.6 on chemo")
    await notifier.run_once()
    _open(db_url, reason="crisis", severity="critical", excerpt="she talks about ending her life")
    assert (await notifier.run_once()).sent == 1
    first, second = fake_api.messages(STAFF_CHAT_ID)
    title = second["text"].splitlines()[0]
    assert f"Escalation #{esc_id}" in second["text"]
    assert title.index("crisis") < title.index("urgent symptom"), title
    assert _buttons(first) == [] and _buttons(second)

    _open(db_url, reason="request_human", severity="medium", excerpt="can someone call")
    assert (await notifier.run_once()).sent == 1
    assert len(fake_api.messages(STAFF_CHAT_ID)) == 2, "a less urgent reason edits, no new ping"
    edited = fake_api.message(STAFF_CHAT_ID, second["message_id"])
    assert "crisis, urgent symptom, asked for a person" in edited["text"].splitlines()[0]


async def test_realert_rows_staff_oncall_and_skipped_after_acknowledge(notifier, fake_api, db_url, monkeypatch):
    from bot.escalation.realert import RealertConfig, enqueue_realerts
    from bot.support_hours import load_support_hours

    oncall_chat = -5_550_001
    monkeypatch.setenv("ONCALL_TELEGRAM_CHAT_ID", str(oncall_chat))
    closed = load_support_hours(
        {"SUPPORT_HOURS_TZ": "UTC", "SUPPORT_HOURS": "Mon 09:00-09:01", "ONCALL_TELEGRAM_CHAT_ID": str(oncall_chat)}
    )
    esc_id = _open(db_url)
    await notifier.run_once()
    (alert,) = fake_api.messages(STAFF_CHAT_ID)
    config = RealertConfig(minutes={"critical": 10, "high": 60})

    def age(escalation_id, minutes):  # the escalation opened ``minutes`` ago
        with session_scope(db_url) as session:
            session.get(Escalation, escalation_id).created_at = utcnow() - timedelta(minutes=minutes)

    age(esc_id, 10.1)
    with session_scope(db_url) as session:
        assert enqueue_realerts(session, utcnow(), config=config, hours=closed) == 1
    assert (await notifier.run_once()).sent == 2
    old, fresh = fake_api.messages(STAFF_CHAT_ID)
    assert fresh["text"].startswith("⏰ RE-ALERT 1: not acknowledged after 10 min · outside support hours")
    assert _buttons(old) == [] and _buttons(fresh)[0] == ("Acknowledge", f"esc:ack:{esc_id}")
    (page,) = fake_api.messages(oncall_chat)
    assert f"Escalation #{esc_id}" in page["text"] and "On call" in page["text"] and "reply_markup" not in page

    # queued, then acknowledged before the notifier's turn: nothing is sent
    age(esc_id, 20.1)
    with session_scope(db_url) as session:
        assert enqueue_realerts(session, utcnow(), config=config, hours=closed) == 1
        transition(session, esc_id, status="acknowledged", actor="staff:alice")
    await notifier.run_once()
    assert len(fake_api.messages(oncall_chat)) == 1
    assert not any("RE-ALERT 2" in m["text"] for m in fake_api.messages(STAFF_CHAT_ID))
    assert all(r.sent_at is not None for r in _row(db_url, kind="escalation_updated"))

    # an on-call re-alert with no on-call chat configured for the notifier is parked, visibly
    monkeypatch.delenv("ONCALL_TELEGRAM_CHAT_ID")
    other = _open(db_url, chat=PATIENT_CHAT + 5)
    age(other, 10.1)
    with session_scope(db_url) as session:
        enqueue_realerts(session, utcnow(), config=config, hours=closed)
    result = await notifier.run_once()
    assert result.parked == 1
    parked = [r for r in _row(db_url, kind="escalation_updated") if r.payload.get("target") == "oncall"][-1]
    assert parked.last_error == "gave up: ONCALL_TELEGRAM_CHAT_ID is not set for the notifier"
