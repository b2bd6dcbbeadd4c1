"""Helpers shared by the action modules: who is talking, on which channel, and DB calls
off the event loop."""
from __future__ import annotations

import asyncio
import functools
import logging
from typing import Any, Callable, Dict, Optional, Tuple, TypeVar

from rasa_sdk import Tracker

from bot.config import Settings, load_settings
from bot.privacy.pseudonym import user_key

logger = logging.getLogger(__name__)
T = TypeVar("T")

# Channels that relay through Rasa's REST channel say who they are in metadata.
KNOWN_CHANNELS = {"telegram", "widget", "rest", "socketio", "console"}


@functools.lru_cache(maxsize=1)
def settings() -> Settings:
    """Settings are read once per action-server process."""
    return load_settings()


def channel_of(tracker: Tracker) -> str:
    """The person's channel: metadata from a relay wins over Rasa's input channel name."""
    metadata: Dict[str, Any] = tracker.latest_message.get("metadata") or {}
    declared = str(metadata.get("channel") or "").lower()
    if declared in KNOWN_CHANNELS:
        return declared
    return (tracker.get_latest_input_channel() or "rest").lower()


def identify(tracker: Tracker) -> Tuple[str, str]:
    """Return (pseudonymous user key, channel) for the person in this conversation."""
    channel = channel_of(tracker)
    return user_key(channel, tracker.sender_id), channel


def role_of(tracker: Tracker) -> str:
    return "caregiver" if tracker.get_slot("role") == "caregiver" else "patient"


def latest_text(tracker: Tracker) -> str:
    return (tracker.latest_message.get("text") or "").strip()


def latest_intent(tracker: Tracker) -> Optional[str]:
    return (tracker.latest_message.get("intent") or {}).get("name")


async def run_db(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run blocking database work in a worker thread so the action server stays responsive."""
    return await asyncio.to_thread(fn, *args, **kwargs)
