"""Strict JSON request bodies for the console's API handlers (api.py, review_views.py).

A body that is not a JSON object with Content-Type application/json, or that has a field
the handler does not know, is refused with ``ApiError`` (status + message); bodies over
the size limit are a 413 from aiohttp. Kept apart from api.py, which imports the
modules that use it (issue 20: no import cycles).
"""

from __future__ import annotations

import json
from typing import Any, Dict

from aiohttp import web


class ApiError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


async def json_body(request: web.Request, allowed: set) -> Dict[str, Any]:
    if request.content_type != "application/json":
        raise ApiError(415, "send a JSON object with Content-Type: application/json")
    raw = await request.read()  # over the size limit: 413 from aiohttp
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ApiError(400, "the body is not valid JSON") from None
    if not isinstance(data, dict):
        raise ApiError(400, "the body must be a JSON object")
    unknown = set(data) - allowed
    if unknown:
        raise ApiError(400, f"unknown field(s): {', '.join(sorted(unknown))[:200]}")
    return data
