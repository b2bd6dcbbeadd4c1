"""Column types and helpers for timezone-aware UTC timestamps."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Optional, overload

from sqlalchemy.types import DateTime, TypeDecorator


def utcnow() -> datetime:
    """Current time as an aware UTC datetime."""
    return datetime.now(timezone.utc)


@overload
def ensure_utc(value: datetime) -> datetime: ...
@overload
def ensure_utc(value: None) -> None: ...


def ensure_utc(value: Optional[datetime]) -> Optional[datetime]:
    """Return ``value`` converted to UTC; naive datetimes are refused (ambiguous)."""
    if value is None:
        return None
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        raise ValueError("naive datetime: pass a timezone-aware datetime")
    return value.astimezone(timezone.utc)


class UTCDateTime(TypeDecorator):
    """Store aware datetimes as UTC; always load them back as aware UTC.

    PostgreSQL keeps ``timestamptz``; SQLite has no zone support, so the value is
    stored as naive UTC and re-tagged on load.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        value = ensure_utc(value)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)
