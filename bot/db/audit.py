"""Write audit rows. Details are small JSON objects that never carry message content."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Mapping, Optional

from sqlalchemy.orm import Session

from bot.db.models import AuditLog
from bot.db.types import utcnow

# Keys that would smuggle personal message content into the audit trail.
FORBIDDEN_DETAIL_KEYS = frozenset(
    {"excerpt", "text", "message", "note", "mood_word", "resolution_note", "content", "raw_id"}
)


def record_audit(
    session: Session,
    *,
    actor: str,
    action: str,
    escalation_id: Optional[int] = None,
    user_id: Optional[int] = None,
    detail: Optional[Mapping[str, Any]] = None,
    at: Optional[datetime] = None,
) -> AuditLog:
    """Add an audit row to the session (flushed with the caller's transaction)."""
    detail = dict(detail or {})
    leaked = FORBIDDEN_DETAIL_KEYS.intersection(detail)
    if leaked:
        raise ValueError(f"audit detail must not contain content keys: {sorted(leaked)}")
    row = AuditLog(
        at=at or utcnow(),
        actor=actor,
        action=action,
        escalation_id=escalation_id,
        user_id=user_id,
        detail=json.dumps(detail, sort_keys=True, default=str) if detail else None,
    )
    session.add(row)
    return row
