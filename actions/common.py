"""Helpers shared by the action modules: who is talking, on which channel, and DB calls
off the event loop."""
from __future__ import annotations

import asyncio
import functools
import logging
from typing import Any, Callable, Dict, Optional, Tuple, TypeVar

from rasa_sdk import Tracker

from bot.config import Settings, load_settings
from bot import identity

logger = logging.getLogger(__name__)
T = TypeVar("T")

@functools.lru_cache(maxsize=1)
def settings() -> Settings:
    """Settings are read once per action-server process."""
    return load_settings()


def identify(tracker: Tracker) -> Tuple[str, str]:
    """Return (pseudonymous user key, channel) for the person in this conversation."""
    return identity.identify(
        tracker.sender_id, tracker.latest_message.get("metadata"), tracker.get_latest_input_channel()
    )


def role_of(tracker: Tracker) -> str:
    return "caregiver" if tracker.get_slot("role") == "caregiver" else "patient"


def latest_text(tracker: Tracker) -> str:
    return (tracker.latest_message.get("text") or "").strip()


def latest_intent(tracker: Tracker) -> Optional[str]:
    return (tracker.latest_message.get("intent") or {}).get("name")


async def run_db(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run blocking database work in a worker thread so the action server stays responsive."""
    return await asyncio.to_thread(fn, *args, **kwargs)
