"""ORM models (SQLAlchemy 1.4, 2.0 style). The schema itself is owned by Alembic.

Value sets are plain strings guarded by CHECK constraints so that migrations stay
portable between SQLite and PostgreSQL.
"""
from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any, Dict, List, Optional

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    false,
)
from sqlalchemy.orm import Mapped, declarative_base, relationship

from bot.db.types import UTCDateTime, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Base = declarative_base(metadata=MetaData(naming_convention=NAMING_CONVENTION))

ROLES = ("patient", "caregiver")
CHECKIN_SOURCES = ("form", "inline", "reminder", "spool")
SEVERITIES = ("low", "medium", "high", "critical")
REASONS = ("crisis", "urgent_symptom", "distress_score", "request_human", "caregiver_flag")
STATUSES = ("open", "acknowledged", "resolved")
STAFF_ROLES = ("staff", "admin")
OUTBOX_KINDS = ("escalation_opened", "escalation_updated", "reminder", "staff_message")


def _in(column: str, values: tuple) -> str:
    """SQL text for ``column IN (...)`` over constant values (never user input)."""
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class User(Base):
    """A person talking to the bot, known only by a keyed hash of their channel id."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(f"role IS NULL OR {_in('role', ROLES)}", name="role"),
    )

    id: Mapped[int] = Column(Integer, primary_key=True)
    user_key: Mapped[str] = Column(String(64), nullable=False, unique=True)
    channel: Mapped[str] = Column(String(32), nullable=False)
    role: Mapped[Optional[str]] = Column(String(16))
    region: Mapped[Optional[str]] = Column(String(8))
    consent_at: Mapped[Optional[datetime]] = Column(UTCDateTime)
    reminder_time: Mapped[Optional[str]] = Column(String(5))
    timezone: Mapped[str] = Column(String(64), nullable=False, default="UTC", server_default="UTC")
    reminder_last_sent_on: Mapped[Optional[date]] = Column(Date)
    handoff_active: Mapped[bool] = Column(
        Boolean, nullable=False, default=False, server_default=false()
    )
    created_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utcnow)
    deleted_at: Mapped[Optional[datetime]] = Column(UTCDateTime)
    # Rasa sender id (pseudonymous: "tg-<hash>" or a random widget session id), for
    # staff to open the transcript and take over the conversation.
    conversation_id: Mapped[Optional[str]] = Column(String(128), index=True)

    checkins: Mapped[List["Checkin"]] = relationship(
        "Checkin", back_populates="user", order_by="Checkin.created_at"
    )
    escalations: Mapped[List["Escalation"]] = relationship(
        "Escalation", back_populates="user", order_by="Escalation.created_at"
    )


class Checkin(Base):
    """One mood/distress check-in (0 = fine, 10 = worst)."""

    __tablename__ = "checkins"
    __table_args__ = (
        CheckConstraint("score >= 0 AND score <= 10", name="score_range"),
        CheckConstraint(_in("source", CHECKIN_SOURCES), name="source"),
        Index("ix_checkins_user_id_created_at", "user_id", "created_at"),
    )

    id: Mapped[int] = Column(Integer, primary_key=True)
    user_id: Mapped[int] = Column(
        Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False
    )
    score: Mapped[int] = Column(Integer, nullable=False)
    mood_word: Mapped[Optional[str]] = Column(String(60))
    note: Mapped[Optional[str]] = Column(Text)
    source: Mapped[str] = Column(String(16), nullable=False, default="form")
    created_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utcnow)

    user: Mapped[User] = relationship("User", back_populates="checkins")


class Staff(Base):
    """A staff console account; the password is stored as an argon2 hash only."""

    __tablename__ = "staff"
    __table_args__ = (CheckConstraint(_in("role", STAFF_ROLES), name="role"),)

    id: Mapped[int] = Column(Integer, primary_key=True)
    username: Mapped[str] = Column(String(64), nullable=False, unique=True)
    password_hash: Mapped[str] = Column(String(255), nullable=False)
    role: Mapped[str] = Column(String(16), nullable=False, default="staff", server_default="staff")
    failed_logins: Mapped[int] = Column(Integer, nullable=False, default=0, server_default="0")
    locked_until: Mapped[Optional[datetime]] = Column(UTCDateTime)
    created_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utcnow)


class Escalation(Base):
    """A case for a human: opened by the bot, acknowledged and resolved by staff."""

    __tablename__ = "escalations"
    __table_args__ = (
        CheckConstraint(_in("severity", SEVERITIES), name="severity"),
        CheckConstraint(_in("reason", REASONS), name="reason"),
        CheckConstraint(_in("status", STATUSES), name="status"),
        CheckConstraint("occurrences >= 1", name="occurrences_positive"),
        Index("ix_escalations_status_created_at", "status", "created_at"),
        Index("ix_escalations_user_id_status", "user_id", "status"),
    )

    id: Mapped[int] = Column(Integer, primary_key=True)
    user_id: Mapped[int] = Column(Integer, ForeignKey("users.id"), nullable=False)
    severity: Mapped[str] = Column(String(16), nullable=False)
    reason: Mapped[str] = Column(String(32), nullable=False)
    status: Mapped[str] = Column(String(16), nullable=False, default="open", server_default="open")
    excerpt: Mapped[Optional[str]] = Column(Text)
    channel: Mapped[str] = Column(String(32), nullable=False)
    assignee_id: Mapped[Optional[int]] = Column(
        Integer, ForeignKey("staff.id", ondelete="SET NULL")
    )
    occurrences: Mapped[int] = Column(Integer, nullable=False, default=1, server_default="1")
    created_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utcnow)
    updated_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utcnow)
    last_seen_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utcnow)
    acknowledged_at: Mapped[Optional[datetime]] = Column(UTCDateTime)
    resolved_at: Mapped[Optional[datetime]] = Column(UTCDateTime)
    resolution_note: Mapped[Optional[str]] = Column(Text)

    user: Mapped[User] = relationship("User", back_populates="escalations")
    assignee: Mapped[Optional[Staff]] = relationship("Staff")


class AuditLog(Base):
    """Who did what and when. ``detail`` is JSON text that never holds message content."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_at", "at"),
        Index("ix_audit_log_escalation_id", "escalation_id"),
        Index("ix_audit_log_user_id", "user_id"),
    )

    id: Mapped[int] = Column(Integer, primary_key=True)
    at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utcnow)
    actor: Mapped[str] = Column(String(80), nullable=False)
    action: Mapped[str] = Column(String(64), nullable=False)
    escalation_id: Mapped[Optional[int]] = Column(
        Integer, ForeignKey("escalations.id", ondelete="SET NULL")
    )
    user_id: Mapped[Optional[int]] = Column(Integer, ForeignKey("users.id", ondelete="SET NULL"))
    detail: Mapped[Optional[str]] = Column(Text)

    @property
    def detail_dict(self) -> Dict[str, Any]:
        """``detail`` parsed from JSON (empty dict when absent)."""
        return json.loads(self.detail) if self.detail else {}


class Outbox(Base):
    """A notification waiting for delivery by the notifier (at-least-once)."""

    __tablename__ = "outbox"
    __table_args__ = (
        CheckConstraint(_in("kind", OUTBOX_KINDS), name="kind"),
        Index("ix_outbox_sent_at_next_attempt_at", "sent_at", "next_attempt_at"),
        Index("ix_outbox_user_id", "user_id"),
    )

    id: Mapped[int] = Column(Integer, primary_key=True)
    kind: Mapped[str] = Column(String(32), nullable=False)
    payload: Mapped[Dict[str, Any]] = Column(JSON, nullable=False)
    dedupe_key: Mapped[Optional[str]] = Column(String(200), unique=True)
    user_id: Mapped[Optional[int]] = Column(Integer, ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utcnow)
    attempts: Mapped[int] = Column(Integer, nullable=False, default=0, server_default="0")
    next_attempt_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utcnow)
    sent_at: Mapped[Optional[datetime]] = Column(UTCDateTime)
    last_error: Mapped[Optional[str]] = Column(Text)
