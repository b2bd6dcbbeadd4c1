"""The rollover tracker store keeps the loaded session small and carries slots over,
while the full history stays available."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_ext.tracker_store import RolloverSQLTrackerStore

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def store(tmp_path):
    domain = Domain.load(str(ROOT / "domain.yml"))
    return RolloverSQLTrackerStore(
        domain=domain, dialect="sqlite", db=str(tmp_path / "t.db"), rollover_after=20
    ), domain


def turn(i: int):
    return [
        UserUttered(f"message {i}", {"name": "ask_symptom", "confidence": 1.0}),
        ActionExecuted("action_answer_topic"),
        ActionExecuted("action_listen"),
    ]


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
        pair
        for i in range(3)
        for pair in (("user", f"message {i}"), ("action", "action_answer_topic"), ("action", "action_listen"))
    ]
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


def _statements(store):
    """SQL statements the store's engine runs (recorded for the duration of the test)."""
    import sqlalchemy as sa

    seen = []
    sa.event.listen(store.engine, "before_cursor_execute", lambda conn, cur, stmt, *a: seen.append(stmt.lower()))
    return seen


async def test_saving_a_loaded_tracker_needs_no_count_query_and_stores_every_event_once(store):
    store, domain = store
    tracker = DialogueStateTracker.from_events("p9", [ActionExecuted("action_listen")], domain.slots)
    await store.save(tracker)  # built here, not loaded: the store counts what is stored
    statements = _statements(store)
    for i in range(5):
        tracker = await store.retrieve("p9")
        for e in turn(i):
            tracker.update(e)
        await store.save(tracker)
        await store.save(tracker)  # saving the same object twice adds nothing
    assert not [s for s in statements if "count(" in s]
    full = await store.retrieve_full_tracker("p9")
    assert [e.text for e in full.events if isinstance(e, UserUttered)] == [f"message {i}" for i in range(5)]
    assert len(full.events) == 1 + 5 * 3


async def test_a_tracker_not_loaded_by_the_store_falls_back_to_counting(store):
    store, domain = store
    first = DialogueStateTracker.from_events("p10", [ActionExecuted("action_listen"), *turn(0)], domain.slots)
    await store.save(first)
    # another copy of the same conversation, built elsewhere, with one more turn
    second = DialogueStateTracker.from_events(
        "p10", [ActionExecuted("action_listen"), *turn(0), *turn(1)], domain.slots
    )
    await store.save(second)
    full = await store.retrieve_full_tracker("p10")
    assert [e.text for e in full.events if isinstance(e, UserUttered)] == ["message 0", "message 1"]


async def test_the_same_object_saved_again_after_a_rollover_loses_and_repeats_nothing(store):
    store, domain = store
    tracker = DialogueStateTracker.from_events("p11", [ActionExecuted("action_listen")], domain.slots)
    for i in range(8):  # 25 events: over rollover_after=20
        for e in turn(i):
            tracker.update(e)
    await store.save(tracker)
    for e in turn(8):
        tracker.update(e)
    await store.save(tracker)  # same object again, after the rollover
    full = await store.retrieve_full_tracker("p11")
    texts = [e.text for e in full.events if isinstance(e, UserUttered)]
    assert texts == [f"message {i}" for i in range(9)]


def test_sqlite_connections_are_pooled(store):
    import sqlalchemy as sa

    store, _ = store
    assert isinstance(store.engine.pool, sa.pool.QueuePool)
    connects = []
    sa.event.listen(store.engine, "connect", lambda *a: connects.append(1))
    for _ in range(5):
        with store.session_scope() as session:
            session.execute(sa.text("select 1"))
    assert len(connects) <= 1


class Outage:
    """Switch the store's database off and on (every session fails while it is off)."""

    def __init__(self, store, monkeypatch):
        self.store, self.monkeypatch = store, monkeypatch
        self.original = store.session_scope

    def down(self):
        import sqlalchemy as sa

        def broken():
            raise sa.exc.OperationalError("connect", {}, Exception("database is down"))

        self.monkeypatch.setattr(self.store, "session_scope", broken)

    def up(self):
        self.monkeypatch.setattr(self.store, "session_scope", self.original)


async def test_a_conversation_goes_on_through_an_outage_and_is_stored_once_after(store, monkeypatch):
    """A form in progress keeps its place while the database is down; every event of the
    outage turns is stored once when it is back, and published once."""
    from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore

    store, domain = store
    broker = CollectingBroker()
    store.event_broker = broker
    # Rasa's default fallback store publishes whole trackers to the same broker on a failed
    # save (at-least-once for consumers); without a broker on it, only ours publishes here.
    failsafe = FailSafeTrackerStore(store, fallback_tracker_store=InMemoryTrackerStore(domain))
    tracker = await failsafe.get_or_create_tracker("p20")
    tracker.update(ActiveLoop("checkin_form"))
    for e in turn(0):
        tracker.update(e)
    await failsafe.save(tracker)
    outage = Outage(store, monkeypatch)
    outage.down()
    for i in (1, 2):
        tracker = await failsafe.get_or_create_tracker("p20")
        assert tracker.active_loop_name == "checkin_form", "the form lost its place during the outage"
        assert [e.text for e in tracker.events if isinstance(e, UserUttered)] == [f"message {j}" for j in range(i)]
        for e in turn(i):
            tracker.update(e)
        await failsafe.save(tracker)  # fails inside, the fail-safe wrapper swallows it
    outage.up()
    tracker = await failsafe.get_or_create_tracker("p20")
    for e in turn(3):
        tracker.update(e)
    await failsafe.save(tracker)
    full = await store.retrieve_full_tracker("p20")
    assert [e.text for e in full.events if isinstance(e, UserUttered)] == [f"message {i}" for i in range(4)]
    published = [b.get("text") for b in broker.bodies if b["event"] == "user"]
    assert published == [f"message {i}" for i in range(4)]
    assert store._unsaved == {}


async def test_someone_new_during_an_outage_keeps_their_conversation(store, monkeypatch):
    from rasa.core.tracker_store import FailSafeTrackerStore

    store, domain = store
    failsafe = FailSafeTrackerStore(store)
    outage = Outage(store, monkeypatch)
    outage.down()
    tracker = await failsafe.get_or_create_tracker("p21")  # load fails: a new tracker
    tracker.update(SlotSet("role", "caregiver"))
    for e in turn(0):
        tracker.update(e)
    await failsafe.save(tracker)
    again = await failsafe.get_or_create_tracker("p21")
    assert again.get_slot("role") == "caregiver"
    outage.up()
    for e in turn(1):
        again.update(e)
    await failsafe.save(again)
    full = await store.retrieve_full_tracker("p21")
    assert [e.text for e in full.events if isinstance(e, UserUttered)] == ["message 0", "message 1"]
    assert full.get_slot("role") == "caregiver"


async def test_trackers_kept_through_an_outage_are_bounded(store, monkeypatch):
    from bot.rasa_ext import tracker_store as module

    store, domain = store
    monkeypatch.setattr(module, "MAX_UNSAVED_TRACKERS", 2)
    Outage(store, monkeypatch).down()
    for sender in ("a", "b", "c"):
        tracker = DialogueStateTracker.from_events(sender, [ActionExecuted("action_listen"), *turn(0)], domain.slots)
        with pytest.raises(sa.exc.OperationalError):  # what Outage.down() makes every session raise
            await store.save(tracker)
    assert list(store._unsaved) == ["b", "c"]
