"""A stand-in for Rasa's socket.io channel, for browser tests of the widget that need to
stop, restart, slow down or break the server on cue (tests/test_widget_reconnect.py,
tests/test_accessibility.py). Same rules as bot/channels/socketio_channel.py: a message
counts only from a socket that joined its session room, and every event is handled in its
own task, as python-socketio does."""

from __future__ import annotations

import asyncio
from typing import List

import socketio
from aiohttp import web


class StandInRasa:
    """A socket.io server on a fixed port that can go down and come back (a fresh process:
    no rooms remembered). ``received`` lists each handled message in handling order."""

    def __init__(self, loop: asyncio.AbstractEventLoop, port: int):
        self.loop = loop
        self.port = port
        self.received: List[str] = []
        self.confirm_delay = 0.0
        self.slow = {}  # message -> seconds its handling takes
        self.drop_once = set()  # messages whose first delivery kills the connection unhandled
        self.drop_how = "connection"
        self.log = []
        self.buttons = []  # quick replies sent with every reply
        self.runner = None

    def _server(self) -> web.Application:
        # Short heartbeats: a connection that died without a close is noticed in seconds.
        sio = socketio.AsyncServer(async_mode="aiohttp", cors_allowed_origins="*", ping_interval=1, ping_timeout=2)
        app = web.Application()
        sio.attach(app, socketio_path="socket.io")

        @sio.on("connect")
        async def connect(sid, environ):
            self.log.append(("connect", sid))

        @sio.on("disconnect")
        async def disconnect(sid, *args):
            self.log.append(("disconnect", sid))

        @sio.on("session_request")
        async def session_request(sid, data):
            session_id = (data or {}).get("session_id") or "session-0123456789abcdef"
            await asyncio.sleep(self.confirm_delay)  # Rasa is busy: the join comes late
            await sio.enter_room(sid, session_id)
            await sio.emit("session_confirm", session_id, room=sid)

        @sio.on("user_uttered")
        async def user_uttered(sid, data):
            text = data.get("message")
            self.log.append(("message", sid, text))
            if data.get("session_id") not in sio.rooms(sid):
                return  # like the real channel: not from this session's socket, ignored
            if text in self.drop_once:
                self.drop_once.discard(text)
                # The connection dies while the message is being handled (no reply, no ack).
                if self.drop_how == "session":  # the server ends the socket.io session
                    await sio.disconnect(sid)
                else:
                    await sio.eio.disconnect(sio.manager.eio_sid_from_sid(sid, "/"))
                return sio.not_handled  # and no acknowledgement: the process is gone
            await asyncio.sleep(self.slow.get(text, 0.05))
            self.received.append(text)
            reply = {"text": f"echo: {text}"}
            if self.buttons:
                reply["quick_replies"] = self.buttons
            await sio.emit("bot_uttered", reply, room=data["session_id"])

        return app

    def run(self, coro):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(30)

    def start(self) -> None:
        async def go():
            self.runner = web.AppRunner(self._server(), shutdown_timeout=0.5)
            await self.runner.setup()
            await web.TCPSite(self.runner, "127.0.0.1", self.port).start()

        self.run(go())

    def stop(self) -> None:
        async def go():
            await self.runner.cleanup()

        self.run(go())
