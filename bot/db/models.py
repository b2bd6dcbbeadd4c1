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
    UniqueConstraint,
    false,
    text,
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
REASONS = (
    "crisis",
    "urgent_symptom",
    "distress_score",
    "request_human",
    "caregiver_flag",
    "missed_doses",
)
STATUSES = ("open", "acknowledged", "resolved")
STAFF_ROLES = ("staff", "admin", "clinician")
OUTBOX_KINDS = (
    "escalation_opened",
    "escalation_updated",
    "reminder",
    "staff_message",
    "care_reminder",
)
CARE_KINDS = ("medication", "appointment")
CARE_PATTERNS = ("daily", "cycle", "every_n_weeks", "once")
CARE_STATUSES = ("active", "paused")
OCCURRENCE_SLOTS = ("dose", "day_before", "day_of")
OCCURRENCE_STATUSES = ("pending", "sent", "taken", "skipped", "missed", "snoozed", "not_sent")
REVIEW_DECISIONS = ("reviewed", "changes_requested")


def _in(column: str, values: tuple) -> str:
    """SQL text for ``column IN (...)`` over constant values (never user input)."""
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class User(Base):
    """A person talking to the bot, known only by a keyed hash of their channel id."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint(f"role IS NULL OR {_in('role', ROLES)}", name="role"),)

    id: Mapped[int] = Column(Integer, primary_key=True)
    user_key: Mapped[str] = Column(String(64), nullable=False, unique=True)
    channel: Mapped[str] = Column(String(32), nullable=False)
    role: Mapped[Optional[str]] = Column(String(16))
    region: Mapped[Optional[str]] = Column(String(8))
    consent_at: Mapped[Optional[datetime]] = Column(UTCDateTime)
    reminder_time: Mapped[Optional[str]] = Column(String(5))
    timezone: Mapped[str] = Column(String(64), nullable=False, default="UTC", server_default="UTC")
    reminder_last_sent_on: Mapped[Optional[date]] = Column(Date)
    handoff_active: Mapped[bool] = Column(Boolean, nullable=False, default=False, server_default=false())
    created_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utcnow)
    deleted_at: Mapped[Optional[datetime]] = Column(UTCDateTime)
    # Rasa sender id (pseudonymous: "tg-<hash>" or a random widget session id), for
    # staff to open the transcript and take over the conversation.
    conversation_id: Mapped[Optional[str]] = Column(String(128), index=True)

    checkins: Mapped[List["Checkin"]] = relationship("Checkin", back_populates="user", order_by="Checkin.created_at")
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
    user_id: Mapped[int] = Column(Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
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
    assignee_id: Mapped[Optional[int]] = Column(Integer, ForeignKey("staff.id", ondelete="SET NULL"))
    occurrences: Mapped[int] = Column(Integer, nullable=False, default=1, server_default="1")
    created_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utcnow)
    updated_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utcnow)
    last_seen_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utcnow)
    acknowledged_at: Mapped[Optional[datetime]] = Column(UTCDateTime)
    resolved_at: Mapped[Optional[datetime]] = Column(UTCDateTime)
    resolution_note: Mapped[Optional[str]] = Column(Text)
    # Every reason merged into this case, most urgent first (crisis first); ``reason`` is
    # the first of them (migration 0007).
    reasons: Mapped[List[str]] = Column(JSON, nullable=False, default=list, server_default=text("'[]'"))
    # Why the assistant flagged it: every distinct basis merged in (a safety rule id,
    # "semantic.crisis", "model", ...); None when nothing flagged it (migration 0008).
    basis: Mapped[Optional[List[str]]] = Column(JSON(none_as_null=True))

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
    escalation_id: Mapped[Optional[int]] = Column(Integer, ForeignKey("escalations.id", ondelete="SET NULL"))
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


class CareReminder(Base):
    """A medication or appointment reminder a person asked for (times are local)."""

    __tablename__ = "care_reminders"
    __table_args__ = (
        CheckConstraint(_in("kind", CARE_KINDS), name="kind"),
        CheckConstraint(_in("pattern", CARE_PATTERNS), name="pattern"),
        CheckConstraint(_in("status", CARE_STATUSES), name="status"),
        CheckConstraint("length(time_of_day) = 5", name="time_of_day"),
        CheckConstraint("days_on IS NULL OR (days_on >= 1 AND days_on <= 60)", name="days_on"),
        CheckConstraint("days_off IS NULL OR (days_off >= 0 AND days_off <= 60)", name="days_off"),
        CheckConstraint(
            "interval_weeks IS NULL OR (interval_weeks >= 1 AND interval_weeks <= 26)", name="interval_weeks"
        ),
        CheckConstraint("pattern <> 'cycle' OR (days_on IS NOT NULL AND days_off IS NOT NULL)", name="cycle_fields"),
        CheckConstraint("pattern <> 'every_n_weeks' OR interval_weeks IS NOT NULL", name="interval_fields"),
        Index("ix_care_reminders_status", "status"),
        Index("ix_care_reminders_user_id", "user_id"),
    )

    id: Mapped[int] = Column(Integer, primary_key=True)
    user_id: Mapped[int] = Column(Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    kind: Mapped[str] = Column(String(16), nullable=False)
    label: Mapped[str] = Column(String(80), nullable=False)
    pattern: Mapped[str] = Column(String(16), nullable=False)
    time_of_day: Mapped[str] = Column(String(5), nullable=False)
    timezone: Mapped[str] = Column(String(64), nullable=False, default="UTC", server_default="UTC")
    start_date: Mapped[date] = Column(Date, nullable=False)
    days_on: Mapped[Optional[int]] = Column(Integer)
    days_off: Mapped[Optional[int]] = Column(Integer)
    interval_weeks: Mapped[Optional[int]] = Column(Integer)
    status: Mapped[str] = Column(String(16), nullable=False, default="active", server_default="active")
    # Occurrences up to this instant have been planned (high-water mark, UTC).
    planned_until: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utcnow)
    # Latest missed dose already reported to staff (a new run of misses starts after it).
    missed_escalated_until: Mapped[Optional[datetime]] = Column(UTCDateTime)
    created_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utcnow)
    updated_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utcnow)

    user: Mapped[User] = relationship("User")


class ReminderOccurrence(Base):
    """One planned firing of a care reminder; unique per (reminder, slot, due_at)."""

    __tablename__ = "reminder_occurrences"
    __table_args__ = (
        CheckConstraint(_in("slot", OCCURRENCE_SLOTS), name="slot"),
        CheckConstraint(_in("status", OCCURRENCE_STATUSES), name="status"),
        CheckConstraint("snooze_count >= 0", name="snooze_count"),
        UniqueConstraint("reminder_id", "slot", "due_at"),
        Index("ix_reminder_occurrences_status_due_at", "status", "due_at"),
        Index("ix_reminder_occurrences_user_id_local_date", "user_id", "local_date"),
    )

    id: Mapped[int] = Column(Integer, primary_key=True)
    reminder_id: Mapped[int] = Column(Integer, ForeignKey("care_reminders.id", ondelete="CASCADE"), nullable=False)
    user_id: Mapped[int] = Column(Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    slot: Mapped[str] = Column(String(16), nullable=False)
    due_at: Mapped[datetime] = Column(UTCDateTime, nullable=False)
    local_date: Mapped[date] = Column(Date, nullable=False)
    status: Mapped[str] = Column(String(16), nullable=False, default="pending", server_default="pending")
    sent_at: Mapped[Optional[datetime]] = Column(UTCDateTime)
    responded_at: Mapped[Optional[datetime]] = Column(UTCDateTime)
    snoozed_until: Mapped[Optional[datetime]] = Column(UTCDateTime)
    snooze_count: Mapped[int] = Column(Integer, nullable=False, default=0, server_default="0")
    followup_sent_at: Mapped[Optional[datetime]] = Column(UTCDateTime)

    reminder: Mapped[CareReminder] = relationship("CareReminder")


class ContentReview(Base):
    """A clinician's decision on one version of a reviewable item (knowledge entry, safety rule).

    Keyed by item id + SHA-256 of exactly the text people see: an edit changes the hash,
    so the item counts as unreviewed again until its new text is signed off. Rows are
    only ever added (the history of decisions); bot/content/review.py reads the latest.
    """

    __tablename__ = "content_reviews"
    __table_args__ = (
        CheckConstraint(_in("decision", REVIEW_DECISIONS), name="decision"),
        CheckConstraint("length(text_hash) = 64", name="text_hash"),
        Index("ix_content_reviews_item_id_text_hash", "item_id", "text_hash"),
    )

    id: Mapped[int] = Column(Integer, primary_key=True)
    item_id: Mapped[str] = Column(String(160), nullable=False)
    text_hash: Mapped[str] = Column(String(64), nullable=False)
    decision: Mapped[str] = Column(String(24), nullable=False)
    reviewer: Mapped[str] = Column(String(80), nullable=False)
    staff_id: Mapped[Optional[int]] = Column(Integer, ForeignKey("staff.id", ondelete="SET NULL"))
    # Why it was sent back (clinical wording, never personal data).
    note: Mapped[Optional[str]] = Column(Text)
    created_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utcnow)
