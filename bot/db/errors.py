"""Classify database errors: outage (retry later) versus bad data (never retry)."""

from __future__ import annotations

from sqlalchemy.exc import DataError, IntegrityError, SQLAlchemyError

RETRYABLE = (SQLAlchemyError, OSError)


def is_outage(exc: BaseException) -> bool:
    """True for errors worth retrying later (connection refused, locked, schema missing);
    False for errors in the data itself, which would fail again on every replay."""
    if isinstance(exc, (IntegrityError, DataError)):
        return False
    return isinstance(exc, RETRYABLE)
