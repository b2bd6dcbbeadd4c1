"""Who is talking on which channel, as one rule shared by the actions and the Rasa-side
safety backstop, so both derive the same pseudonymous user key."""

from __future__ import annotations

from typing import Any, Mapping, Optional, Tuple

from bot.privacy.pseudonym import user_key

# Relays that talk to Rasa's REST channel (e.g. the Telegram worker) say who they are.
KNOWN_CHANNELS = frozenset({"telegram", "widget", "rest", "socketio", "console"})


def channel_for(metadata: Optional[Mapping[str, Any]], input_channel: Optional[str]) -> str:
    """Declared channel from message metadata wins over Rasa's input channel name."""
    declared = str((metadata or {}).get("channel") or "").lower()
    if declared in KNOWN_CHANNELS:
        return declared
    return (input_channel or "rest").lower()


def identify(sender_id: str, metadata: Optional[Mapping[str, Any]], input_channel: Optional[str]) -> Tuple[str, str]:
    """Return (pseudonymous user key, channel)."""
    channel = channel_for(metadata, input_channel)
    return user_key(channel, sender_id), channel
