"""Keep one HTTP connection pool per endpoint for Rasa's calls to the action server.

Rasa's ``EndpointConfig.request`` opens a new ``aiohttp.ClientSession`` -- a new
connector and a new TCP connection -- for every custom-action call, and closes it
afterwards. Profiled on one-at-a-time knowledge answers (bench/RESULTS.md, 2026-11-27)
that set-up and tear-down was a measurable part of each turn. Here ``EndpointConfig.session``
hands out one long-lived session per (event loop, endpoint configuration) instead, so
connections are reused.

Why it is safe with action-server restarts: a connection the server closed is dropped
from the pool when the peer's close arrives, and the pool keeps idle connections at most
``KEEPALIVE_SECONDS`` -- less than the action server's own keep-alive timeout (Sanic: 5 s),
so the client never sends on a connection the server is about to close. Installed by
``bot.rasa_ext.speedups``.
"""

from __future__ import annotations

import asyncio
import weakref
from typing import Any, Dict, Optional, Tuple

import aiohttp
from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig

KEEPALIVE_SECONDS = 2.0
_ORIGINAL_SESSION = EndpointConfig.session
_SESSIONS: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Dict[Tuple, aiohttp.ClientSession]]" = (
    weakref.WeakKeyDictionary()
)


class _SharedSession:
    """``async with`` yields the shared session and leaves it open afterwards."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self._session = session

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self._session

    async def __aexit__(self, *exc: Any) -> None:
        return None


def _config_key(endpoint: EndpointConfig) -> Tuple:
    """What the session is built from: the same key means the same session settings."""
    auth = endpoint.basic_auth or {}
    return (
        tuple(sorted((endpoint.headers or {}).items())),
        auth.get("username"),
        auth.get("password"),
    )


def _running_loop() -> Optional[asyncio.AbstractEventLoop]:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def shared_session(endpoint: EndpointConfig):
    """Rasa's session settings, one pooled session per loop and configuration."""
    loop = _running_loop()
    if loop is None:  # outside a loop aiohttp cannot pool anything: Rasa's own behaviour
        return _ORIGINAL_SESSION(endpoint)
    sessions = _SESSIONS.setdefault(loop, {})
    key = _config_key(endpoint)
    session = sessions.get(key)
    if session is None or session.closed:
        auth = endpoint.basic_auth
        session = aiohttp.ClientSession(
            headers=endpoint.headers,
            auth=aiohttp.BasicAuth(auth["username"], auth["password"]) if auth else None,
            timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
            connector=aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_SECONDS),
        )
        sessions[key] = session
    return _SharedSession(session)


async def close_sessions() -> None:
    """Close the sessions of the running loop (used by tests; a server's sessions end
    with its process)."""
    loop = _running_loop()
    for session in list((_SESSIONS.pop(loop, {}) if loop else {}).values()):
        await session.close()


PATCHED = ("EndpointConfig.session",)


def install() -> None:
    """Replace Rasa's per-call session (idempotent)."""
    EndpointConfig.session = shared_session


def uninstall() -> None:
    """Put Rasa's method back (sessions already handed out stay open until closed)."""
    EndpointConfig.session = _ORIGINAL_SESSION


def installed() -> bool:
    return EndpointConfig.session is shared_session
