"""IANA time zones for reminders (check-ins, medication and appointments)."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Optional
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def zone(name: Optional[str]) -> ZoneInfo:
    """The IANA zone ``name`` (UTC when empty); ValueError when unknown."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown timezone: {name!r}") from exc


def local_today(name: Optional[str], now: Optional[datetime] = None) -> date:
    """Today's date in zone ``name`` at ``now`` (default: the current time)."""
    return (now or datetime.now(timezone.utc)).astimezone(zone(name)).date()
