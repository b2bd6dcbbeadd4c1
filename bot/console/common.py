"""Application keys and small helpers shared by the console's modules."""

from __future__ import annotations

import asyncio
from typing import Any, Callable, Optional

import jinja2
from aiohttp import web

from bot.console.auth import IpLimiter, Principal, SessionCodec
from bot.console.relay import RasaClient
from bot.console.settings import ConsoleSettings
from bot.db.session import session_scope

CFG = web.AppKey("cfg", ConsoleSettings)
CODEC = web.AppKey("codec", SessionCodec)
LIMITER = web.AppKey("limiter", IpLimiter)
RASA = web.AppKey("rasa", RasaClient)
STOP = web.AppKey("stop", asyncio.Event)
WEB_JINJA = web.AppKey("web_jinja", jinja2.Environment)


def is_api(request: web.Request) -> bool:
    return request.path == "/api" or request.path.startswith("/api/")


def json_error(status: int, message: str, **extra: Any) -> web.Response:
    return web.json_response({"error": message, **extra}, status=status)


def principal_of(request: web.Request) -> Optional[Principal]:
    return request.get("principal")


async def run_db(request: web.Request, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``fn(session, *args, **kwargs)`` in a worker thread, in one committed transaction."""
    url = request.app[CFG].database_url

    def work():
        with session_scope(url) as session:
            return fn(session, *args, **kwargs)

    return await asyncio.to_thread(work)
