"""Server-sent events for the escalation queue: ``GET /api/events[?since=ISO]``.

The handler polls the database every ``sse_poll_seconds`` for escalations created or
updated since the last poll (with a few seconds of overlap, de-duplicated by
id + updated_at, so a slow commit is not missed) and sends each as an ``escalation``
event whose data is the same JSON as ``GET /api/escalations/{id}``. A comment line
keeps idle connections open; the stream ends when the staff session ends, or after
``sse_max_seconds`` (the browser reconnects by itself with Last-Event-ID; a bearer
client's token is checked again then).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from datetime import datetime, timedelta
from typing import Dict

from aiohttp import web

from bot.console import queries
from bot.console.common import CFG, STOP, principal_of, run_db
from bot.console.request_auth import authenticate_request
from bot.db.types import utcnow

logger = logging.getLogger(__name__)
OVERLAP = timedelta(seconds=10)
MAX_BACKLOG = timedelta(days=1)
KEEPALIVE_SECONDS = 15.0
REAUTH_SECONDS = 30.0


def _parse_since(raw: str) -> datetime:
    if raw[-1:] in ("Z", "z"):  # RFC 3339 UTC; fromisoformat takes it only from Python 3.11
        raw = raw[:-1] + "+00:00"
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        raise web.HTTPBadRequest(reason="since must be an ISO 8601 timestamp") from None
    if value.tzinfo is None:
        raise web.HTTPBadRequest(reason="since needs a timezone (e.g. +00:00)")
    return value


def _since(request: web.Request) -> datetime:
    """Where the stream starts: ``since`` or, on an EventSource reconnect, the later
    Last-Event-ID (the browser repeats the page's original URL); now when neither."""
    now = utcnow()
    given = [_parse_since(raw) for raw in (request.query.get("since"), request.headers.get("Last-Event-ID")) if raw]
    if not given:
        return now
    return max(max(given), now - MAX_BACKLOG)


async def events(request: web.Request) -> web.StreamResponse:
    cfg = request.app[CFG]
    stop = request.app[STOP]
    since = _since(request)
    response = web.StreamResponse(
        headers={
            "Content-Type": "text/event-stream; charset=utf-8",
            "Cache-Control": "no-store",
            "X-Accel-Buffering": "no",
        }
    )
    await response.prepare(request)
    await response.write(b"retry: 2000\n: connected\n\n")
    seen: Dict[int, str] = {}
    watermark = since
    last_write = time.monotonic()
    last_auth = time.monotonic()
    principal = principal_of(request)
    ends_at = time.monotonic() + cfg.sse_max_seconds
    try:
        while not stop.is_set() and time.monotonic() < ends_at:
            rows = await run_db(
                request, lambda s: [queries.escalation_dict(e) for e in queries.changed_since(s, watermark - OVERLAP)]
            )
            for row in rows:
                if seen.get(row["id"]) == row["updated_at"]:
                    continue
                seen[row["id"]] = row["updated_at"]
                updated = datetime.fromisoformat(row["updated_at"])
                watermark = max(watermark, updated)
                payload = json.dumps(row, separators=(",", ":"))
                await response.write(f"id: {row['updated_at']}\nevent: escalation\ndata: {payload}\n\n".encode())
                last_write = time.monotonic()
            horizon = (watermark - OVERLAP * 2).isoformat()
            if len(seen) > 1000:
                seen = {k: v for k, v in seen.items() if v >= horizon}
            if time.monotonic() - last_write > KEEPALIVE_SECONDS:
                await response.write(b": keepalive\n\n")
                last_write = time.monotonic()
            if principal.kind == "staff" and time.monotonic() - last_auth > REAUTH_SECONDS:
                if await authenticate_request(request) is None:
                    await response.write(b"event: session_ended\ndata: {}\n\n")
                    break
                last_auth = time.monotonic()
            try:
                await asyncio.wait_for(stop.wait(), timeout=cfg.sse_poll_seconds)
            except asyncio.TimeoutError:
                pass
    except (ConnectionResetError, asyncio.CancelledError):
        raise
    except Exception:  # noqa: BLE001 - a broken stream ends; the browser reconnects
        logger.exception("event stream failed")
    return response
