"""The rollover tracker store keeps the loaded session small and carries slots over,
while the full history stays available."""
from __future__ import annotations

from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered, ActiveLoop
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_ext.tracker_store import RolloverSQLTrackerStore

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def store(tmp_path):
    domain = Domain.load(str(ROOT / "domain.yml"))
    return RolloverSQLTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "t.db"), rollover_after=20), domain


def turn(i: int):
    return [UserUttered(f"message {i}", {"name": "ask_symptom", "confidence": 1.0}), ActionExecuted("action_answer_topic"), ActionExecuted("action_listen")]


async def test_long_session_rolls_over_with_slots(store):
    store, domain = store
    tracker = DialogueStateTracker.from_events("p1", [ActionExecuted("action_listen")], domain.slots)
    tracker.update(SlotSet("role", "caregiver"))
    tracker.update(SlotSet("region", "UK"))
    for i in range(10):
        for e in turn(i):
            tracker.update(e)
        await store.save(tracker)
        tracker = await store.retrieve("p1")
    # the loaded session is bounded, the context is kept
    assert len(tracker.events) < 20 + 3 + 10
    assert tracker.get_slot("role") == "caregiver" and tracker.get_slot("region") == "UK"
    full = await store.retrieve_full_tracker("p1")
    texts = [e.text for e in full.events if isinstance(e, UserUttered)]
    assert texts == [f"message {i}" for i in range(10)]


async def test_no_rollover_while_a_form_is_active(store):
    store, domain = store
    tracker = DialogueStateTracker.from_events("p2", [ActionExecuted("action_listen")], domain.slots)
    tracker.update(ActiveLoop("checkin_form"))
    for i in range(10):
        for e in turn(i):
            tracker.update(e)
    await store.save(tracker)
    again = await store.retrieve("p2")
    assert len(again.events) == len(tracker.events)
    assert again.active_loop_name == "checkin_form"


class CollectingBroker:
    """An event broker that keeps what it is given (the shape of Rasa's EventBroker)."""

    def __init__(self):
        self.bodies = []

    def publish(self, event):
        self.bodies.append(event)


async def test_save_publishes_each_new_event_once_without_rereading_the_session(store, monkeypatch):
    store, domain = store
    broker = CollectingBroker()
    store.event_broker = broker

    async def no_reread(*_args, **_kwargs):
        raise AssertionError("save must not re-read the session to find new events")

    monkeypatch.setattr(store, "retrieve", no_reread)
    tracker = DialogueStateTracker.from_events("p3", [ActionExecuted("action_listen")], domain.slots)
    for i in range(3):
        for e in turn(i):
            tracker.update(e)
        await store.save(tracker)
    published = [(b["event"], b.get("text") or b.get("name")) for b in broker.bodies]
    assert published == [("action", "action_listen")] + [
        pair for i in range(3) for pair in
        (("user", f"message {i}"), ("action", "action_answer_topic"), ("action", "action_listen"))]
    assert all(b["sender_id"] == "p3" for b in broker.bodies)


async def test_failed_write_still_publishes_this_turn_then_raises(store, monkeypatch):
    """The safety backstop listens on the broker: a crisis turn must reach it with the DB down."""
    store, domain = store
    broker = CollectingBroker()
    store.event_broker = broker
    tracker = DialogueStateTracker.from_events("p4", [ActionExecuted("action_listen")], domain.slots)
    for e in turn(0):
        tracker.update(e)

    def broken_session():
        raise RuntimeError("database is down")

    monkeypatch.setattr(store, "session_scope", broken_session)
    with pytest.raises(RuntimeError):
        await store.save(tracker)
    assert [b.get("text") for b in broker.bodies if b["event"] == "user"] == ["message 0"]


def test_session_lookup_index_exists(store):
    import sqlalchemy as sa

    store, _ = store
    names = {ix["name"] for ix in sa.inspect(store.engine).get_indexes("events")}
    assert RolloverSQLTrackerStore.SESSION_INDEX in names
    RolloverSQLTrackerStore(domain=None, dialect="sqlite", db=store.engine.url.database)  # idempotent


def test_sqlite_tracker_runs_in_wal_mode(store):
    store, _ = store
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
