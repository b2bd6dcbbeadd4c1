"""Helpers shared by the action modules: who is talking, on which channel, and DB calls
off the event loop."""

from __future__ import annotations

import asyncio
import functools
import logging
import re
from typing import Any, Callable, Dict, List, Optional, Tuple, TypeVar

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import identity
from bot.config import Settings, core_settings

logger = logging.getLogger(__name__)
T = TypeVar("T")


@functools.lru_cache(maxsize=1)
def settings() -> Settings:
    """Settings are read once per action-server process."""
    return core_settings()


def identify(tracker: Tracker) -> Tuple[str, str]:
    """Return (pseudonymous user key, channel) for the person in this conversation."""
    return identity.identify(
        tracker.sender_id, tracker.latest_message.get("metadata"), tracker.get_latest_input_channel()
    )


REGIONS = {"US", "UK", "CA", "AU", "EU"}
PRIVACY_NOTICE = (
    "Before we start: I'm an automated assistant, not a doctor, and not for emergencies. "
    "I keep your check-ins and any alerts to our support team, linked to a coded id, never "
    'your name. Say "privacy" for details or "delete my data" at any time.'
)


async def register_contact(tracker: Tracker) -> List[Dict[str, Any]]:
    """Register the person pseudonymously, note consent, and set region / role slots.

    The region comes from the channel's metadata, else the slot, else the default."""
    from bot import users
    from bot.db.session import session_scope

    key, channel = identify(tracker)
    metadata = tracker.latest_message.get("metadata") or {}
    region = str(metadata.get("region") or tracker.get_slot("region") or settings().default_region).upper()
    region = region if region in REGIONS else "US"
    role = metadata.get("role") if metadata.get("role") in ("patient", "caregiver") else tracker.get_slot("role")

    def register() -> None:
        with session_scope(settings().database_url) as session:
            users.get_or_create_user(session, key, channel, role=role, region=region, conversation_id=tracker.sender_id)
            users.record_consent(session, key)

    try:
        await run_db(register)
    except Exception:  # the notice went out; registration is retried at the next contact
        logger.warning("could not register contact (database unavailable?)")
    events: List[Dict[str, Any]] = [SlotSet("region", region), SlotSet("consent_noticed", True)]
    if role:
        events.append(SlotSet("role", role))
    return events


async def first_contact_notice(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[str, Any]]:
    """Show the privacy notice once, to someone whose first message was not a greeting."""
    if tracker.get_slot("consent_noticed"):
        return []
    dispatcher.utter_message(text=PRIVACY_NOTICE)
    return await register_contact(tracker)


def role_of(tracker: Tracker) -> str:
    return "caregiver" if tracker.get_slot("role") == "caregiver" else "patient"


def latest_text(tracker: Tracker) -> str:
    return (tracker.latest_message.get("text") or "").strip()


def latest_intent(tracker: Tracker) -> Optional[str]:
    return (tracker.latest_message.get("intent") or {}).get("name")


# A "yes" the classifier heard in a message that says no ("definitely not", "absolutely not,
# keep it"): read as affirm, it would delete the person's data or confirm a reminder they
# refused (blind set G: "definitely not" -> affirm). An explicit yes at the start wins.
_STARTS_WITH_YES = re.compile(
    r"^\W*(?:yes|yeah|yep|yup|yh|sure|ok|okay|please do|go ahead|do it|absolutely|definitely|of course|certainly)\b"
    r"(?!\W*(?:not|no)\b)",
    re.IGNORECASE,
)
_NO_WORD = re.compile(
    r"\b(?:no|not|nope|nah|never|don'?t|dont|do not|rather not|would not|wouldn'?t|shouldn'?t|won'?t)\b", re.IGNORECASE
)
_YES_IDIOM = re.compile(
    r"\b(?:no problem|no worries|not a problem|why not|no doubt|not bad|no rush|no hurry|no objection|"
    r"(?:do not|don'?t|would not|wouldn'?t) mind|can'?t wait|not at all a problem)\b",
    re.IGNORECASE,
)


def says_no(text: str) -> bool:
    """True when ``text`` refuses, whatever intent the classifier gave it."""
    text = (text or "")[:500]
    if _STARTS_WITH_YES.match(text):
        return False
    return bool(_NO_WORD.search(_YES_IDIOM.sub(" ", text)))


async def run_db(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run blocking database work in a worker thread so the action server stays responsive."""
    return await asyncio.to_thread(fn, *args, **kwargs)
