"""Enqueue notifications for the notifier (transactional outbox)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Mapping, Optional

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.db.models import OUTBOX_KINDS, Outbox
from bot.db.types import utcnow


def enqueue(
    session: Session,
    kind: str,
    payload: Mapping[str, Any],
    *,
    dedupe_key: Optional[str] = None,
    user_id: Optional[int] = None,
    now: Optional[datetime] = None,
) -> Optional[Outbox]:
    """Add an outbox row; returns None when ``dedupe_key`` was already enqueued."""
    if kind not in OUTBOX_KINDS:
        raise ValueError(f"unknown outbox kind: {kind!r}")
    if dedupe_key is not None:
        existing = session.execute(select(Outbox.id).where(Outbox.dedupe_key == dedupe_key)).first()
        if existing is not None:
            return None
    now = now or utcnow()
    row = Outbox(
        kind=kind,
        payload=dict(payload),
        dedupe_key=dedupe_key,
        user_id=user_id,
        created_at=now,
        next_attempt_at=now,
        attempts=0,
    )
    if dedupe_key is None:
        session.add(row)
        session.flush()
        return row
    try:  # a concurrent writer may have inserted the same key since the check
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        return None
    return row
