"""Subject access (export) and erasure ("delete my data") for one person."""
from __future__ import annotations

import logging
import uuid
from dataclasses import asdict, dataclass, field
from typing import Dict, Iterable, List, Optional

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.db.audit import record_audit
from bot.db.models import AuditLog, CareReminder, Checkin, Escalation, Outbox, ReminderOccurrence
from bot.db.registry import person_keyed_tables
from bot.db.types import utcnow
from bot.privacy.tracker import delete_tracker_events
from bot.users import get_user

log = logging.getLogger(__name__)

_PAYLOAD_PERSONAL_KEYS = ("excerpt", "user_key", "note", "text")


def _iso(value) -> Optional[str]:
    return value.isoformat() if value is not None else None


def _actor(actor: str) -> str:
    """Staff names are not the person's data: show the kind of actor only."""
    return "staff" if actor.startswith("staff:") else actor


def export_user(session: Session, user_key: str) -> dict:
    """Everything we hold about this person, as plain JSON-serialisable data."""
    user = get_user(session, user_key)
    result = {
        "exported_at": utcnow().isoformat(),
        "about": (
            "Your chat account is stored only as a keyed code (user_key); we never store "
            "the account id or your name."
        ),
        "user": None, "checkins": [], "escalations": [], "audit_log": [], "notifications": [],
        "care_reminders": [],
    }
    if user is None:
        return result
    result["user"] = {
        "user_key": user.user_key, "channel": user.channel, "role": user.role,
        "region": user.region, "consent_at": _iso(user.consent_at),
        "reminder_time": user.reminder_time, "timezone": user.timezone,
        "reminder_last_sent_on": _iso(user.reminder_last_sent_on),
        "handoff_active": user.handoff_active, "created_at": _iso(user.created_at),
    }
    checkins = session.execute(
        select(Checkin).where(Checkin.user_id == user.id).order_by(Checkin.created_at, Checkin.id)
    ).scalars()
    result["checkins"] = [
        {"score": c.score, "mood_word": c.mood_word, "note": c.note, "source": c.source,
         "created_at": _iso(c.created_at)}
        for c in checkins
    ]
    for r in session.execute(
        select(CareReminder).where(CareReminder.user_id == user.id).order_by(CareReminder.id)
    ).scalars():
        doses = session.execute(
            select(ReminderOccurrence).where(ReminderOccurrence.reminder_id == r.id)
            .order_by(ReminderOccurrence.due_at, ReminderOccurrence.id)
        ).scalars()
        result["care_reminders"].append({
            "kind": r.kind, "label": r.label, "pattern": r.pattern, "time_of_day": r.time_of_day,
            "timezone": r.timezone, "start_date": _iso(r.start_date), "days_on": r.days_on,
            "days_off": r.days_off, "interval_weeks": r.interval_weeks, "status": r.status,
            "created_at": _iso(r.created_at),
            "occurrences": [{"slot": o.slot, "due_at": _iso(o.due_at), "status": o.status,
                             "responded_at": _iso(o.responded_at)} for o in doses],
        })
    escalations = session.execute(
        select(Escalation).where(Escalation.user_id == user.id).order_by(Escalation.id)
    ).scalars()
    result["escalations"] = [
        {"id": e.id, "severity": e.severity, "reason": e.reason, "status": e.status,
         "channel": e.channel, "excerpt": e.excerpt, "occurrences": e.occurrences,
         "created_at": _iso(e.created_at), "last_seen_at": _iso(e.last_seen_at),
         "acknowledged_at": _iso(e.acknowledged_at), "resolved_at": _iso(e.resolved_at),
         "resolution_note": e.resolution_note}
        for e in escalations
    ]
    audit = session.execute(
        select(AuditLog).where(AuditLog.user_id == user.id).order_by(AuditLog.at, AuditLog.id)
    ).scalars()
    result["audit_log"] = [
        {"at": _iso(a.at), "actor": _actor(a.actor), "action": a.action,
         "escalation_id": a.escalation_id, "detail": a.detail_dict}
        for a in audit
    ]
    notes = session.execute(
        select(Outbox).where(Outbox.user_id == user.id).order_by(Outbox.id)
    ).scalars()
    result["other_records"] = {
        table.name: session.execute(
            select(func.count()).select_from(table).where(table.c.user_key == user_key)
        ).scalar_one()
        for table in person_keyed_tables()
    }
    result["notifications"] = [
        {"kind": o.kind, "payload": o.payload, "created_at": _iso(o.created_at),
         "sent_at": _iso(o.sent_at)}
        for o in notes
    ]
    return result


@dataclass
class DeletionReport:
    """What "delete my data" did, with plain-language sentences for the chat reply."""

    found: bool
    checkins_deleted: int = 0
    escalations_redacted: int = 0
    notifications_redacted: int = 0
    notifications_deleted: int = 0
    settings_cleared: bool = False
    other_rows_deleted: Dict[str, int] = field(default_factory=dict)
    tracker_events_deleted: int = 0
    tracker_status: str = "not_requested"  # deleted | no_tracker_table | nothing_to_do | error
    deleted: List[str] = field(default_factory=list)
    kept: List[str] = field(default_factory=list)

    def sentences(self) -> List[str]:
        """Deleted items first, then what was kept and why."""
        return self.deleted + self.kept

    def as_message(self) -> str:
        """The sentences as one chat reply."""
        return "\n".join(self.sentences())

    def to_dict(self) -> dict:
        return asdict(self)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _redact_payload(payload: dict) -> dict:
    cleaned = {k: v for k, v in (payload or {}).items() if k not in _PAYLOAD_PERSONAL_KEYS}
    cleaned["redacted"] = True
    return cleaned


def _erase_in_db(session: Session, user, report: DeletionReport) -> None:
    report.checkins_deleted = session.execute(
        delete(Checkin).where(Checkin.user_id == user.id)
    ).rowcount or 0
    report.escalations_redacted = session.execute(
        update(Escalation).where(Escalation.user_id == user.id)
        .values(excerpt=None, resolution_note=None, updated_at=utcnow())
    ).rowcount or 0
    # Medication / appointment reminders and their dose history (occurrences first: the
    # foreign-key cascade is not switched on for every SQLite connection).
    report.other_rows_deleted["reminder_occurrences"] = session.execute(
        delete(ReminderOccurrence).where(ReminderOccurrence.user_id == user.id)
    ).rowcount or 0
    report.other_rows_deleted["care_reminders"] = session.execute(
        delete(CareReminder).where(CareReminder.user_id == user.id)
    ).rowcount or 0
    report.notifications_deleted = session.execute(
        delete(Outbox).where(
            Outbox.user_id == user.id, Outbox.kind.in_(("reminder", "care_reminder")),
            Outbox.sent_at.is_(None),
        )
    ).rowcount or 0
    for row in session.execute(select(Outbox).where(Outbox.user_id == user.id)).scalars():
        row.payload = _redact_payload(row.payload)
        if row.dedupe_key and user.user_key in row.dedupe_key:
            row.dedupe_key = None  # e.g. 'reminder:<user_key>:<date>'
        report.notifications_redacted += 1
    user.user_key = f"deleted-{uuid.uuid4().hex}"  # unlink the kept rows from the chat account
    user.role = user.region = user.consent_at = None
    user.reminder_time = user.reminder_last_sent_on = None
    user.conversation_id = None
    user.timezone = "UTC"
    user.handoff_active = False
    user.deleted_at = utcnow()
    report.settings_cleared = True
    session.flush()


def _describe(report: DeletionReport) -> None:
    d, k = report.deleted, report.kept
    if report.found:
        if report.checkins_deleted:
            d.append(f"I deleted your {_plural(report.checkins_deleted, 'mood check-in')}.")
        else:
            d.append("You had no mood check-ins stored.")
        d.append("I deleted your reminders (check-in, medication and appointments, with the "
                 "record of doses), your settings (role, region, time zone) and the saved "
                 "address we used to message you.")
        if report.escalations_redacted:
            d.append(
                f"I removed your words from {_plural(report.escalations_redacted, 'safety record')}."
            )
    else:
        d.append("I had no mood check-ins, settings or safety records stored for you.")
    _describe_tracker(report)
    if report.escalations_redacted:
        k.append(
            f"I kept {_plural(report.escalations_redacted, 'safety record')} with only the date, "
            "the kind of concern and what staff did, with none of your words. The care team "
            "must be able to show that help was offered. These records are no longer linked "
            "to your chat account."
        )
    k.append(
        "I kept a short note that your data was deleted and when, with no content, so we "
        "can show we did it."
    )


def _describe_tracker(report: DeletionReport) -> None:
    d = report.deleted
    if report.tracker_status == "deleted":
        d.append(f"I deleted our conversation history ({report.tracker_events_deleted} entries).")
    elif report.tracker_status == "no_tracker_table":
        d.append("There was no saved conversation history to delete.")
    elif report.tracker_status == "error":
        d.append(
            "I could not delete our conversation history just now. Please ask again later, "
            "or tell the care team."
        )


def delete_user_data(
    session: Session,
    user_key: Optional[str],
    *,
    tracker_db_url: Optional[str] = None,
    sender_ids: Iterable[str] = (),
    actor: str = "bot",
) -> DeletionReport:
    """Erase this person's check-ins, escalation text, settings and (optionally) Rasa tracker.

    Escalation rows (id, reason, severity, status, times) stay, without content and
    unlinked from the chat account; an audit row without content records the
    deletion. The caller commits. With ``user_key=None`` only the tracker rows of
    ``sender_ids`` are deleted (e.g. a second pass after the last turn was saved).
    """
    user = get_user(session, user_key) if user_key else None
    report = DeletionReport(found=user is not None)
    if user_key:
        for table in person_keyed_tables():  # e.g. encrypted channel addresses
            report.other_rows_deleted[table.name] = session.execute(
                delete(table).where(table.c.user_key == user_key)
            ).rowcount or 0
    if user is not None:
        _erase_in_db(session, user, report)
    if tracker_db_url:
        try:
            report.tracker_events_deleted, report.tracker_status = delete_tracker_events(
                tracker_db_url, sender_ids
            )
        except SQLAlchemyError as exc:
            log.error("tracker deletion failed (%s)", type(exc).__name__)
            report.tracker_status = "error"
    if user_key is None:
        record_audit(
            session, actor=actor, action="tracker_events_deleted",
            detail={"tracker_status": report.tracker_status,
                    "tracker_events_deleted": report.tracker_events_deleted},
        )
        _describe_tracker(report)
        return report
    record_audit(
        session, actor=actor, action="user_data_deleted",
        user_id=user.id if user is not None else None,
        detail={
            "found": report.found, "checkins_deleted": report.checkins_deleted,
            "escalations_redacted": report.escalations_redacted,
            "notifications_redacted": report.notifications_redacted,
            "notifications_deleted": report.notifications_deleted,
            "other_rows_deleted": report.other_rows_deleted,
            "tracker_status": report.tracker_status,
            "tracker_events_deleted": report.tracker_events_deleted,
        },
    )
    _describe(report)
    return report
