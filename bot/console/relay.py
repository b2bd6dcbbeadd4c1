"""Live handoff and transcripts through Rasa's HTTP API, plus delivery per channel.

Protocol (the Rasa side is a bool slot ``handoff_active``: while it is true the rules
send every non-safety message to ``action_handoff_hold``, which stays silent):

* take over: append ``slot handoff_active=true`` and an announcement ``bot`` event;
* staff message: append a ``bot`` event with ``metadata: {"staff": true}``;
* hand back: append ``slot handoff_active=false`` and a hand-back ``bot`` event.

Delivery: widget users (socket.io) get the bot events pushed by Rasa itself
(``output_channel=socketio&execute_side_effects=true``). Telegram users get an outbox
row of kind ``staff_message`` ({"user_key", "text"}) that the Telegram notifier
delivers; the events are still appended to the tracker so the transcript shows them.

Everything here is blocking (``requests`` + SQLAlchemy): run it in a worker thread.
Database changes are flushed before Rasa is called, so if Rasa refuses the caller's
transaction rolls back and nothing is half-done on our side.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable, Dict, List, Optional
from urllib.parse import quote

import requests
from sqlalchemy.orm import Session

from bot import users
from bot.db import outbox
from bot.db.audit import record_audit
from bot.db.models import Escalation, User
from bot.escalation.service import transition

logger = logging.getLogger(__name__)

TAKE_OVER_TEXT = "A member of our support team has joined the chat. You're now talking with a person."
HAND_BACK_TEXT = "The support team member has handed you back to Companion, the assistant."
MAX_STAFF_MESSAGE = 2000
TRANSCRIPT_LIMIT = 500
SOCKETIO_CHANNELS = {"widget", "socketio"}


class RelayError(Exception):
    """A handoff/transcript failure with the HTTP status the console should answer."""

    def __init__(self, message: str, status: int = 409):
        super().__init__(message)
        self.status = status


class RasaUnavailable(RelayError):
    def __init__(self, message: str):
        super().__init__(message, 502)


class RasaClient:
    """The few calls of Rasa's HTTP API the console needs (token from the settings)."""

    def __init__(self, base_url: str, token: Callable[[], str], timeout: float = 10.0):
        self.base_url = base_url.rstrip("/")
        self._token = token
        self.timeout = timeout
        self._http = requests.Session()

    def _url(self, conversation_id: str, suffix: str) -> str:
        return f"{self.base_url}/conversations/{quote(conversation_id, safe='')}/{suffix}"

    def _call(self, method: str, url: str, **kwargs) -> Any:
        params = dict(kwargs.pop("params", {}) or {})
        token = self._token()
        if token:
            params["token"] = token
        try:
            response = self._http.request(method, url, params=params, timeout=self.timeout, **kwargs)
        except requests.RequestException as exc:
            raise RasaUnavailable(f"Rasa server unreachable ({type(exc).__name__})") from None
        if response.status_code in (401, 403):
            raise RasaUnavailable("Rasa refused the console's API token (check RASA_AUTH_TOKEN)")
        if response.status_code >= 400:
            raise RasaUnavailable(f"Rasa answered HTTP {response.status_code}")
        try:
            return response.json()
        except ValueError:
            raise RasaUnavailable("Rasa sent an unreadable answer") from None

    def tracker(self, conversation_id: str) -> Dict[str, Any]:
        return self._call("GET", self._url(conversation_id, "tracker"))

    def append_events(
        self,
        conversation_id: str,
        events: List[Dict[str, Any]],
        output_channel: Optional[str] = None,
    ) -> Dict[str, Any]:
        params: Dict[str, str] = {}
        if output_channel:
            params["output_channel"] = output_channel
            params["execute_side_effects"] = "true"
        return self._call("POST", self._url(conversation_id, "tracker/events"), params=params, json=events)


# --- transcript ----------------------------------------------------------------------


def _ts(value: Any) -> Optional[str]:
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, tz=timezone.utc).isoformat()
    return None


def transcript_from_tracker(tracker: Dict[str, Any], limit: int = TRANSCRIPT_LIMIT) -> Dict[str, Any]:
    """Messages (user / bot / staff) from a Rasa tracker, oldest first, at most ``limit``."""
    messages: List[Dict[str, Any]] = []
    for event in tracker.get("events") or []:
        if not isinstance(event, dict):
            continue
        kind = event.get("event")
        if kind not in ("user", "bot"):
            continue
        text = event.get("text")
        data = event.get("data") or {}
        metadata = event.get("metadata") or {}
        if kind == "user":
            sender = "user"
        else:
            sender = "staff" if isinstance(metadata, dict) and metadata.get("staff") else "bot"
        item: Dict[str, Any] = {
            "sender": sender,
            "text": text if isinstance(text, str) else "",
            "timestamp": _ts(event.get("timestamp")),
        }
        if isinstance(data, dict):
            buttons = data.get("buttons") or data.get("quick_replies") or []
            titles = [b.get("title") for b in buttons if isinstance(b, dict) and b.get("title")]
            if titles:
                item["buttons"] = titles
            if data.get("image") or data.get("attachment"):
                item["has_image"] = True
        if not item["text"] and not item.get("has_image") and not item.get("buttons"):
            continue
        messages.append(item)
    slots = tracker.get("slots") or {}
    return {
        "handoff_active": bool(slots.get("handoff_active")) if isinstance(slots, dict) else False,
        "messages": messages[-limit:],
        "truncated": len(messages) > limit,
    }


# --- handoff ---------------------------------------------------------------------------


@dataclass
class Delivery:
    """How a bot event reaches the person: pushed by Rasa, or via the outbox."""

    output_channel: Optional[str]
    via_outbox: bool


def delivery_for(user: User) -> Delivery:
    if user.channel == "telegram":
        return Delivery(output_channel=None, via_outbox=True)
    if user.channel in SOCKETIO_CHANNELS:
        return Delivery(output_channel="socketio", via_outbox=False)
    return Delivery(output_channel=None, via_outbox=False)  # e.g. REST: transcript only


def _person(esc: Escalation) -> User:
    user = esc.user
    if user is None or user.deleted_at is not None or not user.conversation_id:
        raise RelayError("this person's conversation is not available (deleted or unknown)")
    return user


def _send(
    session: Session, rasa: RasaClient, esc: Escalation, user: User, events: List[Dict[str, Any]], texts: List[str]
) -> Delivery:
    delivery = delivery_for(user)
    if delivery.via_outbox:
        for text in texts:
            outbox.enqueue(
                session,
                "staff_message",
                {"user_key": user.user_key, "text": text, "escalation_id": esc.id},
                user_id=user.id,
            )
    session.flush()
    rasa.append_events(user.conversation_id, events, output_channel=delivery.output_channel)
    return delivery


def _switch_handoff(
    session: Session,
    rasa: RasaClient,
    esc: Escalation,
    user: User,
    active: bool,
    *,
    actor: str,
    action: str,
    announcement: Dict[str, Any],
) -> Delivery:
    """Take over (``active``) or hand back: our handoff flag, the audit row ``action``, then
    Rasa's ``handoff_active`` slot and the ``announcement`` bot event, told to the person."""
    users.set_handoff(session, user.user_key, active, actor=actor)
    record_audit(
        session,
        actor=actor,
        action=action,
        escalation_id=esc.id,
        user_id=user.id,
        detail={"channel": user.channel},
    )
    events = [{"event": "slot", "name": "handoff_active", "value": active}, announcement]
    return _send(session, rasa, esc, user, events, [announcement["text"]])


def take_over(
    session: Session, rasa: RasaClient, esc: Escalation, *, actor: str, staff_id: Optional[int] = None
) -> Delivery:
    """Pause the bot for this person and tell them a person has joined. Caller commits."""
    user = _person(esc)
    if esc.status == "resolved":
        raise RelayError("this escalation is resolved; a new one opens if the person needs help")
    if esc.status == "open":
        transition(session, esc.id, status="acknowledged", actor=actor, assignee_id=staff_id)
    elif staff_id is not None and esc.assignee_id is None:
        esc.assignee_id = staff_id
    announcement = {"event": "bot", "text": TAKE_OVER_TEXT, "metadata": {"staff": True}}
    return _switch_handoff(
        session, rasa, esc, user, True, actor=actor, action="handoff_take", announcement=announcement
    )


def send_staff_message(session: Session, rasa: RasaClient, esc: Escalation, text: Any, *, actor: str) -> Delivery:
    """Relay one staff message to the person (only while the conversation is taken over)."""
    if not isinstance(text, str) or not text.strip():
        raise RelayError("the message is empty", 400)
    text = text.strip()
    if len(text) > MAX_STAFF_MESSAGE:
        raise RelayError(f"the message is longer than {MAX_STAFF_MESSAGE} characters", 400)
    user = _person(esc)
    if not user.handoff_active:
        raise RelayError("take over the conversation before sending messages")
    record_audit(
        session,
        actor=actor,
        action="staff_message_sent",
        escalation_id=esc.id,
        user_id=user.id,
        detail={"chars": len(text), "channel": user.channel},
    )
    events = [{"event": "bot", "text": text, "metadata": {"staff": True}}]
    return _send(session, rasa, esc, user, events, [text])


def hand_back(session: Session, rasa: RasaClient, esc: Escalation, *, actor: str) -> Delivery:
    """Resume the bot for this person and tell them so. Caller commits."""
    user = _person(esc)
    announcement = {"event": "bot", "text": HAND_BACK_TEXT}
    return _switch_handoff(
        session, rasa, esc, user, False, actor=actor, action="handoff_release", announcement=announcement
    )


def transcript(rasa: RasaClient, esc: Escalation) -> Dict[str, Any]:
    user = esc.user
    if user is None or user.deleted_at is not None or not user.conversation_id:
        return {"available": False, "handoff_active": False, "messages": [], "truncated": False}
    data = transcript_from_tracker(rasa.tracker(user.conversation_id))
    data["available"] = True
    data["bot_paused"] = data["handoff_active"]  # the Rasa slot, for diagnosis
    data["handoff_active"] = bool(user.handoff_active)  # ours is the record of who took over
    return data
