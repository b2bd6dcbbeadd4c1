"""Keyed pseudonyms for channel user ids: we store these, never the raw ids."""

from __future__ import annotations

import hashlib
import hmac
from typing import Optional, Union


def user_key(channel: str, raw_id: Union[str, int], key: Optional[bytes] = None) -> str:
    """HMAC-SHA256 hex of ``"channel:raw_id"`` under ``key`` (default: settings.hmac_key)."""
    channel = (channel or "").strip().lower()
    raw = str(raw_id).strip() if raw_id is not None else ""
    if not channel or ":" in channel:
        raise ValueError("channel must be a non-empty name without ':'")
    if not raw:
        raise ValueError("raw_id must not be empty")
    if key is None:
        from bot.config import core_settings

        key = core_settings().hmac_key
    return hmac.new(key, f"{channel}:{raw}".encode("utf-8"), hashlib.sha256).hexdigest()
