"""SQL tracker store that keeps per-turn cost flat in long conversations.

Stock Rasa replays the whole tracker every turn, so latency grows with conversation
length. Rasa's SQL store already loads only the current session; this store rolls a
long session over: after a saved turn that leaves the bot listening, with no form
active and the conversation not paused, once the session holds ``rollover_after``
events it appends a new ``session_started`` with the current slot values and an
``action_listen``. The next turn loads only that small session, with the person's
context (role, region, topic, offers) carried over. Nothing is deleted: the full
history stays in the table for staff transcripts (``retrieve_full_tracker``).

Two more per-turn costs that grow with the conversation are removed:

- With an event broker configured, Rasa's ``save`` first re-reads and rebuilds the whole
  current session (``stream_events`` diffs it against the new tracker) only to find the
  new events. ``_additional_events`` already knows them (the stored count of the current
  session), so this store stores and publishes them in one pass. If the database write
  fails, this turn's events are still published (the safety backstop spools a crisis
  message even with the tracker database down), then the error goes to Rasa's fail-safe.
- Finding the current session (``max(timestamp)`` of the person's ``session_started``
  events, on every load and save) gets a composite index instead of scanning every event
  the person ever had.
- ``save`` knows how many of a tracker's events are already stored when the tracker came
  from this store (``retrieve`` notes the count on the tracker object), so it skips Rasa's
  ``count()`` query on the current session. Rasa loads, updates and saves a tracker under
  the conversation's lock, so no other writer can add events in between; a tracker built
  elsewhere falls back to the count query.
- A database outage does not reset conversations. Rasa's fail-safe wrapper answers a
  failed load with an empty tracker, so a check-in form in progress would start over
  every turn. This store keeps the tracker of a failed save in memory (``_unsaved``,
  bounded) and hands it back on that person's next load, before asking the database;
  the next save that succeeds writes every event of it that is not stored yet. When a
  load fails for someone with nothing unsaved, the tracker of their last stored turn is
  used if this process still has it (``_recent``, the most recently active people). The
  events were published to the broker when a save failed either way. With several
  replicas, these trackers live on the replica that served the turn.
- SQLite connections are pooled (SQLAlchemy 1.4 opens a new connection per session for a
  file database, and every new connection ran the pragmas below).

endpoints.yml::

    tracker_store:
      type: bot.rasa_ext.tracker_store.RolloverSQLTrackerStore
      dialect: sqlite
      db: var/rasa_tracker.db
      rollover_after: 60
"""

from __future__ import annotations

import json
import logging
import time
from collections import OrderedDict
from typing import Any, Dict, List, Optional

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

logger = logging.getLogger(__name__)
DEFAULT_ROLLOVER_AFTER = 60
# Slots Rasa manages itself; carrying them over would confuse the new session.
INTERNAL_SLOTS = {"requested_slot", "session_started_metadata"}
# Attribute set on trackers loaded by this store: how many of their events are stored.
STORED_COUNT_ATTR = "_companion_stored_events"
# ... and how many were handed to the event broker (they run ahead while saves fail).
PUBLISHED_COUNT_ATTR = "_companion_published_events"
# Trackers whose save failed, kept in memory until a save succeeds (oldest dropped first).
MAX_UNSAVED_TRACKERS = 10_000
# Trackers of the last stored turns, used only when loading fails (most recent kept).
MAX_RECENT_TRACKERS = 256


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

    SESSION_INDEX = "ix_events_sender_id_type_name_timestamp"
    engine: Any  # Rasa's SQLAlchemy engine (set by SQLTrackerStore.__init__, replaced by _replace_engine)

    def __init__(self, domain: Any = None, rollover_after: Any = DEFAULT_ROLLOVER_AFTER, **kwargs: Any) -> None:
        super().__init__(domain=domain, **kwargs)
        self.rollover_after = int(rollover_after)
        self._unsaved: "OrderedDict[str, DialogueStateTracker]" = OrderedDict()
        self._recent: "OrderedDict[str, DialogueStateTracker]" = OrderedDict()
        if self.engine.dialect.name == "sqlite":
            self._pool_sqlite()
            self._tune_sqlite()
        else:
            self._ping_pooled_connections()
        self._ensure_session_index()

    def _pool_sqlite(self) -> None:
        """Keep SQLite connections open between turns (a small queue pool; Rasa calls the
        store from its event loop thread, the pool only needs to allow another thread)."""
        self._replace_engine(
            poolclass=sa.pool.QueuePool, pool_size=2, max_overflow=4, connect_args={"check_same_thread": False}
        )

    def _ping_pooled_connections(self) -> None:
        """Check a pooled connection before use: after a database restart the first turn
        would otherwise fail on a dead connection (PostgreSQL in the production profile)."""
        from rasa.core.tracker_store import create_engine_kwargs

        self._replace_engine(pool_pre_ping=True, **create_engine_kwargs(self.engine.url))

    def _replace_engine(self, **engine_kwargs: Any) -> None:
        """Rasa's engine (same URL) with other pool settings; Rasa's sessions use it."""
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, **engine_kwargs)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    def _tune_sqlite(self) -> None:
        """WAL + synchronous=NORMAL: a turn's commit no longer waits for a full fsync of
        the rollback journal, and readers do not block the writer (the default profile's
        store; the production profile uses PostgreSQL). Durable across process crashes;
        an OS crash can lose the last turns, never corrupt the file."""

        def on_connect(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA busy_timeout=5000")
            cursor.close()

        sa.event.listen(self.engine, "connect", on_connect)
        self.engine.dispose()  # connections opened while creating the tables get the pragmas too

    def _ensure_session_index(self) -> None:
        table = self.SQLEvent.__table__
        index = sa.Index(self.SESSION_INDEX, table.c.sender_id, table.c.type_name, table.c.timestamp)
        try:
            index.create(self.engine, checkfirst=True)
        except sa.exc.SQLAlchemyError as exc:  # e.g. a replica created it at the same moment
            logger.info("session index not created (%s); continuing without it", type(exc).__name__)

    @staticmethod
    def _row(sender_id: str, event: Event) -> Dict[str, Any]:
        """The column values of Rasa's ``events`` table for ``event`` (Rasa's own mapping)."""
        data = event.as_dict()
        return dict(
            sender_id=sender_id,
            type_name=event.type_name,
            timestamp=data.get("timestamp"),
            intent_name=(data.get("parse_data") or {}).get("intent", {}).get("name"),
            action_name=data.get("name"),
            data=json.dumps(data),
        )

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> Optional[DialogueStateTracker]:
        """Rasa's query, reading only the ``data`` column (no ORM objects per event); a
        tracker whose save failed is handed back as it is, until it is stored."""
        if not fetch_events_from_all_sessions and sender_id in self._unsaved:
            return self._unsaved[sender_id]
        try:
            with self.session_scope() as session:
                query = self._event_query(
                    session, sender_id, fetch_events_from_all_sessions=fetch_events_from_all_sessions
                )
                events = [json.loads(data) for (data,) in query.with_entities(self.SQLEvent.data).all()]
        except Exception:
            if fetch_events_from_all_sessions or sender_id not in self._recent:
                raise
            logger.warning("tracker database unavailable: continuing %s from memory", sender_id)
            return self._recent.pop(sender_id)
        if not self.domain or not events:
            return None
        tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        if not fetch_events_from_all_sessions:
            setattr(tracker, STORED_COUNT_ATTR, len(tracker.events))
            setattr(tracker, PUBLISHED_COUNT_ATTR, len(tracker.events))
        return tracker

    def _new_events(self, session: Any, tracker: DialogueStateTracker) -> List[Event]:
        """Events of ``tracker`` not stored yet (no query when the store loaded it)."""
        stored = getattr(tracker, STORED_COUNT_ATTR, None)
        events = list(tracker.events)
        # A capped tracker (max_event_history) drops old events: positions mean nothing.
        if stored is None or stored > len(events) or tracker._max_event_history:
            return list(self._additional_events(session, tracker))
        return events[stored:]

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Store the new events (and a rollover when due) in one transaction, then publish them."""
        try:
            with self.session_scope() as session:
                new_events = self._new_events(session, tracker)
                stored = list(new_events)
                if should_roll_over(tracker, self.rollover_after):
                    # Strictly after every stored event: sessions are found by timestamp.
                    last = max((e.timestamp for e in tracker.events), default=time.time())
                    stored += rollover_events(tracker, now=max(time.time(), last + 1e-3))
                if stored:
                    # one executemany, in order, without the ORM's unit of work per event
                    session.execute(self.SQLEvent.__table__.insert(), [self._row(tracker.sender_id, e) for e in stored])
                session.commit()
            # Every event of this object is stored now (after a rollover too: later events
            # of the same object belong after the new session's start).
            setattr(tracker, STORED_COUNT_ATTR, len(tracker.events))
            self._unsaved.pop(tracker.sender_id, None)
            self._remember(self._recent, tracker, MAX_RECENT_TRACKERS)
        except Exception:
            self._publish(tracker.sender_id, _unpublished(tracker))
            self._keep_unsaved(tracker)
            raise
        self._publish(tracker.sender_id, _unpublished(tracker, new_events))
        if len(stored) > len(new_events):
            logger.debug("rolled conversation %s over into a new session", tracker.sender_id)

    def _keep_unsaved(self, tracker: DialogueStateTracker) -> None:
        """Keep a tracker the database did not take, for the person's next turn."""
        if getattr(tracker, STORED_COUNT_ATTR, None) is None:
            # Not loaded from the database (e.g. created during the outage): none of its
            # events are stored, so the first save that succeeds writes them all.
            setattr(tracker, STORED_COUNT_ATTR, 0)
        self._recent.pop(tracker.sender_id, None)
        for dropped in self._remember(self._unsaved, tracker, MAX_UNSAVED_TRACKERS):
            logger.error("tracker of %s dropped from memory before it could be stored", dropped)

    @staticmethod
    def _remember(
        kept: "OrderedDict[str, DialogueStateTracker]", tracker: DialogueStateTracker, limit: int
    ) -> List[str]:
        """Keep ``tracker`` as the newest entry; returns the senders dropped to stay in ``limit``."""
        kept[tracker.sender_id] = tracker
        kept.move_to_end(tracker.sender_id)
        dropped = []
        while len(kept) > limit:
            dropped.append(kept.popitem(last=False)[0])
        return dropped

    def _publish(self, sender_id: str, events: List[Event]) -> None:
        """Same message bodies as Rasa's ``_stream_new_events``."""
        if self.event_broker is None:
            return
        for event in events:
            body = {"sender_id": sender_id}
            body.update(event.as_dict())
            try:  # a broken broker must not turn a stored turn into a failed one
                self.event_broker.publish(body)
            except Exception as exc:
                logger.error("event broker failed (%s); event not published", type(exc).__name__)


def _unpublished(tracker: DialogueStateTracker, new_events: Optional[List[Event]] = None) -> List[Event]:
    """Events of ``tracker`` not yet handed to the broker, and mark them handed.

    After a stored save: the new events, minus any published while saves were failing.
    After a failed save: everything since the last publication, or this turn when the
    tracker's history is unknown."""
    events = list(tracker.events)
    published = getattr(tracker, PUBLISHED_COUNT_ATTR, None)
    setattr(tracker, PUBLISHED_COUNT_ATTR, len(events))
    if new_events is not None:
        start = len(events) - len(new_events)
        return new_events[max(0, (published or 0) - start) :] if published is not None else new_events
    return events[published:] if published is not None else _this_turn(tracker)


def _this_turn(tracker: DialogueStateTracker) -> List[Event]:
    """The events from the latest user message on (what a failed save would lose)."""
    events = list(tracker.events)
    for i in range(len(events) - 1, -1, -1):
        if isinstance(events[i], UserUttered):
            return events[i:]
    return []
