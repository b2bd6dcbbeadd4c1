"""Rasa's socket.io channel for the web widget, with the session-persistence fix.

Rasa 3.6's ``SocketIOInput`` calls ``sio.enter_room(...)`` without ``await`` in its
``session_request`` handler (Rasa issue #13027). With python-socketio 5.x
``AsyncServer.enter_room`` is a coroutine, so the socket never joins the room named
after the session id and every reply addressed to that room (all bot replies when
``session_persistence`` is on, and messages pushed through the HTTP API with
``output_channel=socketio``, e.g. a staff reply during a live handoff) is lost.

This subclass (registered in credentials.yml as
``bot.channels.socketio_channel.SocketIOInput``, still named ``socketio`` so that
``output_channel=socketio`` finds it) re-registers the two handlers that matter:

* ``session_request`` awaits ``enter_room``, accepts only a well-formed session id from
  the client (otherwise it issues a fresh random one) and confirms it;
* the user-message handler only accepts a ``session_id`` the socket has joined (a
  client cannot post into someone else's conversation by naming its id), and reads the
  message metadata from ``customData`` (what the widget sends) or ``metadata``.

Each person (session id) is rate limited (:mod:`bot.channels.rate_limit`); a crisis or
urgent-symptom message is never dropped by the limit.

Bot messages marked ``{"staff": true}`` in their metadata (staff replies relayed by the
console) keep that flag, so the widget can show them as coming from a person.

Several replicas: a socket lives in one Rasa process, but a reply or a relayed staff
message for its session room may be produced by another replica (the console calls
whichever replica the proxy picks). With ``SOCKETIO_REDIS_URL`` set (or
``message_queue_url`` in credentials.yml) the server shares rooms through python-socketio's
Redis message queue (``AsyncRedisManager``): an emit to a room on one replica reaches the
room's sockets on every replica. The pub/sub channel is ``SOCKETIO_REDIS_CHANNEL`` (or
``message_queue_channel``; default ``companion_socketio``) and must be the same on all
replicas. Unset, the server is Rasa's single-process one, unchanged. If Redis is down,
emits still reach the sockets of the replica that emits (python-socketio handles the
local room first) and only cross-replica delivery is lost until it is back.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels import socketio as rasa_socketio
from rasa.core.channels.channel import UserMessage
from sanic import Blueprint
from socketio import AsyncRedisManager

from bot.channels.rate_limit import RATE_LIMIT_REPLY, RateLimiter
from bot.settings import WebChatSettings
from bot.settings import read as read_settings

logger = logging.getLogger(__name__)

# uuid4().hex is what Rasa issues; accept any similarly unguessable token.
SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
MAX_MESSAGE_CHARS = 4000
DEFAULT_QUEUE_CHANNEL = "companion_socketio"


def valid_session_id(value: Any) -> bool:
    return isinstance(value, str) and bool(SESSION_ID.match(value))


class SocketIOOutput(rasa_socketio.SocketIOOutput):
    """Rasa's output channel, passing the ``staff`` flag of relayed messages through."""

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        extra = {"staff": True} if kwargs.get("staff") else {}
        for part in text.strip().split("\n\n"):
            await self._send_message(recipient_id, {"text": part, **extra})


class SocketIOInput(rasa_socketio.SocketIOInput):
    """``socketio`` input channel that really joins the session room (issue #13027)."""

    @classmethod
    def name(cls) -> Text:
        return "socketio"

    # Redis message queue shared by the replicas (credentials; else the environment).
    message_queue_url: Optional[Text] = None
    message_queue_channel: Optional[Text] = None

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "SocketIOInput":
        credentials = dict(credentials or {})
        credentials.setdefault("metadata_key", "customData")
        channel = super().from_credentials(credentials)
        channel.message_queue_url = credentials.get("message_queue_url") or None
        channel.message_queue_channel = credentials.get("message_queue_channel") or None
        return channel  # type: ignore[return-value]

    def message_queue(self) -> Optional[Dict[Text, Text]]:
        """URL and channel of the Redis message queue, or None for a single process."""
        web_chat = read_settings(WebChatSettings)
        url = self.message_queue_url or web_chat.socketio_redis_url
        if not url:
            return None
        channel = self.message_queue_channel or web_chat.socketio_redis_channel or DEFAULT_QUEUE_CHANNEL
        return {"url": url, "channel": channel}

    _rate_limiter: Optional[RateLimiter] = None

    @property
    def rate_limiter(self) -> RateLimiter:
        """Per-session limit (COMPANION_RATE_PER_MINUTE / COMPANION_RATE_BURST)."""
        if self._rate_limiter is None:
            self._rate_limiter = RateLimiter.from_env()
        return self._rate_limiter

    @rate_limiter.setter
    def rate_limiter(self, value: RateLimiter) -> None:
        self._rate_limiter = value

    def get_output_channel(self) -> Optional[rasa_socketio.SocketIOOutput]:
        if self.sio is None:
            return super().get_output_channel()
        return SocketIOOutput(self.sio, self.bot_message_evt)

    def _metadata(self, data: Dict[Text, Any]) -> Dict[Text, Any]:
        for key in (self.metadata_key, "customData", "metadata"):
            value = data.get(key)
            if isinstance(value, str):
                try:
                    value = json.loads(value)
                except ValueError:
                    value = None
            if isinstance(value, dict):
                return value
        return {}

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = super().blueprint(on_new_message)
        sio = self.sio
        assert sio is not None
        namespace = self.namespace

        queue = self.message_queue()
        if queue:
            # Rasa builds AsyncServer() itself; swap in the Redis manager exactly as
            # AsyncServer(client_manager=...) would, before any client connects (the
            # server initialises its manager, starting the listener, on first connect).
            manager = AsyncRedisManager(queue["url"], channel=queue["channel"])
            sio.manager = manager
            manager.set_server(sio)
            logger.info("socket.io rooms shared through the Redis message queue (channel %s)", queue["channel"])

        # Re-registering an event on the same namespace replaces Rasa's handler.
        @sio.on("session_request", namespace=namespace)
        async def session_request(sid: Text, data: Optional[Dict]) -> None:
            data = data if isinstance(data, dict) else {}
            session_id = data.get("session_id")
            if not valid_session_id(session_id):
                session_id = uuid.uuid4().hex
            if self.session_persistence:
                await sio.enter_room(sid, session_id, namespace=namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=namespace)
            logger.debug("socket %s joined session room", sid)

        @sio.on(self.user_message_evt, namespace=namespace)
        async def handle_message(sid: Text, data: Any) -> None:
            if not isinstance(data, dict):
                return
            text = data.get("message", "")
            if not isinstance(text, str) or not text.strip():
                return
            text = text[:MAX_MESSAGE_CHARS]
            if self.session_persistence:
                session_id = data.get("session_id")
                if not valid_session_id(session_id) or session_id not in sio.rooms(sid, namespace=namespace):
                    logger.warning("socket.io message without a joined session id ignored")
                    return
                sender_id = str(session_id)  # valid_session_id: a string
            else:
                sender_id = sid
            output_channel = SocketIOOutput(sio, self.bot_message_evt)
            decision = self.rate_limiter.check(f"{self.name()}:{sender_id}", text)
            if not decision.allowed:
                if decision.notify:
                    await output_channel.send_text_message(sender_id, RATE_LIMIT_REPLY)
                return
            message = UserMessage(
                text,
                output_channel,
                sender_id,
                input_channel=self.name(),
                metadata=self._metadata(data),
            )
            await on_new_message(message)

        return blueprint
