"""Database layer: models, sessions, Alembic migrations and the offline spool.

Nothing in this package imports Rasa or any service module.
"""

from bot.db.models import (
    AuditLog,
    Base,
    Checkin,
    Escalation,
    Outbox,
    Staff,
    User,
)
from bot.db.session import make_engine, session_factory, session_scope, upgrade
from bot.db.types import ensure_utc, utcnow

__all__ = [
    "AuditLog",
    "Base",
    "Checkin",
    "Escalation",
    "Outbox",
    "Staff",
    "User",
    "ensure_utc",
    "make_engine",
    "session_factory",
    "session_scope",
    "upgrade",
    "utcnow",
]
