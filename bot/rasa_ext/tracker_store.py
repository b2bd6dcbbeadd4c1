"""SQL tracker store that keeps per-turn cost flat in long conversations.

Stock Rasa replays the whole tracker every turn, so latency grows with conversation
length. Rasa's SQL store already loads only the current session; this store rolls a
long session over: after a saved turn that leaves the bot listening, with no form
active and the conversation not paused, once the session holds ``rollover_after``
events it appends a new ``session_started`` with the current slot values and an
``action_listen``. The next turn loads only that small session, with the person's
context (role, region, topic, offers) carried over. Nothing is deleted: the full
history stays in the table for staff transcripts (``retrieve_full_tracker``).

endpoints.yml::

    tracker_store:
      type: bot.rasa_ext.tracker_store.RolloverSQLTrackerStore
      dialect: sqlite
      db: var/rasa_tracker.db
      rollover_after: 150
"""
from __future__ import annotations

import json
import logging
import time
from typing import Any, List, Optional

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

logger = logging.getLogger(__name__)
DEFAULT_ROLLOVER_AFTER = 150
# Slots Rasa manages itself; carrying them over would confuse the new session.
INTERNAL_SLOTS = {"requested_slot", "session_started_metadata"}


def should_roll_over(tracker: DialogueStateTracker, rollover_after: int) -> bool:
    """True when the session is long and at a safe point to start a new one."""
    return (
        len(tracker.events) >= rollover_after
        and tracker.active_loop_name is None
        and tracker.latest_action_name == "action_listen"
        and not tracker.is_paused()
    )


def rollover_events(tracker: DialogueStateTracker, now: Optional[float] = None) -> List[Event]:
    """A new session carrying the slots that differ from their initial values."""
    ts = now if now is not None else time.time()
    carried = [
        SlotSet(name, slot.value, timestamp=ts)
        for name, slot in tracker.slots.items()
        if name not in INTERNAL_SLOTS and slot.value != slot.initial_value
    ]
    return [SessionStarted(timestamp=ts), *carried, ActionExecuted("action_listen", timestamp=ts)]


class RolloverSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore that starts a new session (slots carried) every N events."""

    def __init__(self, domain: Any = None, rollover_after: Any = DEFAULT_ROLLOVER_AFTER, **kwargs: Any) -> None:
        super().__init__(domain=domain, **kwargs)
        self.rollover_after = int(rollover_after)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await super().save(tracker)
        if not should_roll_over(tracker, self.rollover_after):
            return
        # Strictly after every stored event: sessions are found by timestamp.
        last = max((e.timestamp for e in tracker.events), default=time.time())
        events = rollover_events(tracker, now=max(time.time(), last + 1e-3))
        with self.session_scope() as session:
            for event in events:
                data = event.as_dict()
                session.add(
                    self.SQLEvent(
                        sender_id=tracker.sender_id,
                        type_name=event.type_name,
                        timestamp=data.get("timestamp"),
                        intent_name=None,
                        action_name=data.get("name"),
                        data=json.dumps(data),
                    )
                )
            session.commit()
        logger.debug("rolled conversation %s over into a new session", tracker.sender_id)
