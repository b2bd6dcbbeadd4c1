"""Deliveries that are not getting through: outbox rows still unsent after a while.

The staff console shows these (issue 19): a notifier that fails on a row records the
error on the row (``last_error``), and this query is how a person sees it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import List, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import Outbox
from bot.db.types import ensure_utc, utcnow

# The notifier parks a row it will never deliver (see telegram_notifier.PARKED) with this
# prefix on last_error; such rows are failures too, shown with ``parked=True``.
PARKED_PREFIX = "gave up:"
MAX_ROWS = 500


@dataclass(frozen=True)
class StuckDelivery:
    """One outbox row that is older than the threshold and still not sent."""

    id: int
    kind: str
    attempts: int
    last_error: Optional[str]
    created_at: datetime
    next_attempt_at: datetime
    escalation_id: Optional[int]
    parked: bool


def stuck_deliveries(
    session: Session,
    older_than_minutes: float = 5,
    *,
    now: Optional[datetime] = None,
    limit: int = MAX_ROWS,
) -> List[StuckDelivery]:
    """Unsent outbox rows created more than ``older_than_minutes`` ago, oldest first
    (escalation alerts and person messages alike; parked rows included)."""
    if older_than_minutes < 0:
        raise ValueError("older_than_minutes must not be negative")
    now = ensure_utc(now) if now else utcnow()
    cutoff = now - timedelta(minutes=older_than_minutes)
    stmt = (
        select(Outbox)
        .where(Outbox.sent_at.is_(None), Outbox.created_at <= cutoff)
        .order_by(Outbox.created_at, Outbox.id)
        .limit(limit)
    )
    stuck = []
    for row in session.execute(stmt).scalars():
        payload = row.payload if isinstance(row.payload, dict) else {}
        escalation_id = payload.get("escalation_id")
        stuck.append(
            StuckDelivery(
                id=row.id,
                kind=row.kind,
                attempts=row.attempts,
                last_error=row.last_error,
                created_at=row.created_at,
                next_attempt_at=row.next_attempt_at,
                escalation_id=escalation_id if isinstance(escalation_id, int) else None,
                parked=bool(row.last_error and row.last_error.startswith(PARKED_PREFIX)),
            )
        )
    return stuck
