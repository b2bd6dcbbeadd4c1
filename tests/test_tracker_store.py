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
