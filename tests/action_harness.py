"""Shared harness for action tests (financial-demo style): a hand-built tracker, a
migrated SQLite database for the action server's settings, and a runner that returns
``dispatcher.messages`` and the events."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import func, select

from bot.db.session import session_scope

DOMAIN: Dict[str, Any] = {}


def tracker(
    text: str = "",
    intent: Optional[str] = None,
    entities: Optional[List[dict]] = None,
    slots: Optional[dict] = None,
    sender: str = "user-1",
    metadata: Optional[dict] = None,
) -> Tracker:
    return Tracker(
        sender_id=sender,
        slots={"consent_noticed": True, **(slots or {})},
        latest_message={
            "text": text,
            "intent": {"name": intent, "confidence": 0.99} if intent else {},
            "entities": entities or [],
            "metadata": metadata or {},
        },
        events=[{"event": "user", "text": text, "input_channel": "rest", "parse_data": {}}],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def ent(name: str, value: str) -> dict:
    return {"entity": name, "value": value, "start": 0, "end": 1}


def slot_events(events) -> Dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


async def run(action, t: Tracker):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, t, DOMAIN)
    return dispatcher.messages, events


def count(url: str, model, **where) -> int:
    with session_scope(url) as s:
        q = select(func.count()).select_from(model)
        for k, v in where.items():
            q = q.where(getattr(model, k) == v)
        return s.execute(q).scalar_one()
