"""Who is making a console request: the bearer token (API only) or the session cookie.

Used by the app's auth middleware and by the event stream, which checks a long-lived
staff session again while it runs; kept apart from app.py so the stream does not import
the app wiring (issue 20: no import cycles).
"""

from __future__ import annotations

import asyncio
from typing import Optional

from aiohttp import web

from bot.console.auth import SESSION_COOKIE, Principal, bearer_matches, load_principal
from bot.console.common import CFG, CODEC, is_api


async def authenticate_request(request: web.Request) -> Optional[Principal]:
    """Bearer token (API only) or the session cookie; None when neither is valid."""
    app = request.app
    cfg = app[CFG]
    if is_api(request):
        bearer = bearer_matches(cfg.api_token, request.headers.get("Authorization"))
        if bearer is True:
            return Principal(kind="api")
        if bearer is False:
            return None
    data = app[CODEC].decode(request.cookies.get(SESSION_COOKIE))
    if data is None:
        return None
    return await asyncio.to_thread(load_principal, cfg.database_url, app[CODEC], data)
