"""Subject access (export) and erasure ("delete my data") for one person."""

from __future__ import annotations

import logging
import secrets
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Union

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.db.audit import record_audit
from bot.db.models import AuditLog, CareReminder, Checkin, Escalation, Outbox, ReminderOccurrence
from bot.db.registry import person_keyed_tables
from bot.db.spool import Spool
from bot.db.types import utcnow
from bot.privacy.tracker import delete_tracker_events
from bot.users import get_user

logger = logging.getLogger(__name__)

_PAYLOAD_PERSONAL_KEYS = ("excerpt", "user_key", "note", "text")
# A spooled record a drainer is replaying right now is waited for, this many times.
SPOOL_PURGE_ATTEMPTS = 10
SPOOL_PURGE_PAUSE_S = 0.2


def _iso(value) -> Optional[str]:
    return value.isoformat() if value is not None else None


def _actor(actor: str) -> str:
    """Staff names are not the person's data: show the kind of actor only."""
    return "staff" if actor.startswith("staff:") else actor


def export_user(session: Session, user_key: str) -> dict:
    """Everything we hold about this person, as plain JSON-serialisable data."""
    user = get_user(session, user_key)
    result: Dict[str, Any] = {
        "exported_at": utcnow().isoformat(),
        "about": (
            "Your chat account is stored only as a keyed code (user_key); we never store the account id or your name."
        ),
        "user": None,
        "checkins": [],
        "escalations": [],
        "audit_log": [],
        "notifications": [],
        "care_reminders": [],
    }
    if user is None:
        return result
    result["user"] = {
        "user_key": user.user_key,
        "channel": user.channel,
        "role": user.role,
        "region": user.region,
        "consent_at": _iso(user.consent_at),
        "reminder_time": user.reminder_time,
        "timezone": user.timezone,
        "reminder_last_sent_on": _iso(user.reminder_last_sent_on),
        "handoff_active": user.handoff_active,
        "created_at": _iso(user.created_at),
    }
    checkins = session.execute(
        select(Checkin).where(Checkin.user_id == user.id).order_by(Checkin.created_at, Checkin.id)
    ).scalars()
    result["checkins"] = [
        {
            "score": c.score,
            "mood_word": c.mood_word,
            "note": c.note,
            "source": c.source,
            "created_at": _iso(c.created_at),
        }
        for c in checkins
    ]
    for r in session.execute(
        select(CareReminder).where(CareReminder.user_id == user.id).order_by(CareReminder.id)
    ).scalars():
        doses = session.execute(
            select(ReminderOccurrence)
            .where(ReminderOccurrence.reminder_id == r.id)
            .order_by(ReminderOccurrence.due_at, ReminderOccurrence.id)
        ).scalars()
        result["care_reminders"].append(
            {
                "kind": r.kind,
                "label": r.label,
                "pattern": r.pattern,
                "time_of_day": r.time_of_day,
                "timezone": r.timezone,
                "start_date": _iso(r.start_date),
                "days_on": r.days_on,
                "days_off": r.days_off,
                "interval_weeks": r.interval_weeks,
                "status": r.status,
                "created_at": _iso(r.created_at),
                "occurrences": [
                    {"slot": o.slot, "due_at": _iso(o.due_at), "status": o.status, "responded_at": _iso(o.responded_at)}
                    for o in doses
                ],
            }
        )
    escalations = session.execute(
        select(Escalation).where(Escalation.user_id == user.id).order_by(Escalation.id)
    ).scalars()
    result["escalations"] = [
        {
            "id": e.id,
            "severity": e.severity,
            "reason": e.reason,
            "status": e.status,
            "channel": e.channel,
            "excerpt": e.excerpt,
            "occurrences": e.occurrences,
            "created_at": _iso(e.created_at),
            "last_seen_at": _iso(e.last_seen_at),
            "acknowledged_at": _iso(e.acknowledged_at),
            "resolved_at": _iso(e.resolved_at),
            "resolution_note": e.resolution_note,
        }
        for e in escalations
    ]
    audit = session.execute(
        select(AuditLog).where(AuditLog.user_id == user.id).order_by(AuditLog.at, AuditLog.id)
    ).scalars()
    result["audit_log"] = [
        {
            "at": _iso(a.at),
            "actor": _actor(a.actor),
            "action": a.action,
            "escalation_id": a.escalation_id,
            "detail": a.detail_dict,
        }
        for a in audit
    ]
    notes = session.execute(select(Outbox).where(Outbox.user_id == user.id).order_by(Outbox.id)).scalars()
    result["other_records"] = {
        table.name: session.execute(
            select(func.count()).select_from(table).where(table.c.user_key == user_key)
        ).scalar_one()
        for table in person_keyed_tables()
    }
    result["notifications"] = [
        {"kind": o.kind, "payload": o.payload, "created_at": _iso(o.created_at), "sent_at": _iso(o.sent_at)}
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
    # Records still in the local spool (saved while the database was down), not yet replayed:
    spooled_checkins_deleted: int = 0
    spooled_escalations_redacted: int = 0  # kept for staff, without words or link
    spooled_backstop_redacted: int = 0  # the Rasa-side safety backstop's copies, likewise
    spooled_in_flight: int = 0  # held by a drainer throughout; may still arrive with content
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


# --- the local spool: records saved while the database was down ----------------------


def _redact_spooled_escalation(new_key: str):
    """As ``_erase_in_db`` leaves a stored escalation: no words, not linked to the chat
    account (``new_key`` is the key the user row gets, so a replay lands on that row)."""

    def rewrite(kind: str, record: Dict[str, Any]) -> Dict[str, Any]:
        return dict(record, user_key=new_key, excerpt=None, conversation_id=None)

    return rewrite


def purge_spooled_records(spool_dir: Union[str, Path], user_key: str, new_key: str) -> Dict[str, int]:
    """Purge this person's records that wait in the spools under ``spool_dir``
    (``settings.spool_dir``), pending or rejected, so a later replay cannot bring them back.

    Check-ins are deleted. Escalations (and the safety backstop's copies) are kept, so
    that a person in crisis still reaches staff, but rewritten like a redacted stored
    escalation: no excerpt, no conversation id, and ``new_key`` instead of ``user_key``.
    A record a drainer is replaying at that moment is waited for briefly; the number
    still held after that is returned as ``in_flight``.
    """
    from bot.checkins.service import SPOOL_SUBDIR as CHECKINS
    from bot.escalation.backstop import SPOOL_SUBDIR as BACKSTOP
    from bot.escalation.service import SPOOL_SUBDIR as ESCALATIONS

    root = Path(spool_dir)
    redact = _redact_spooled_escalation(new_key)
    jobs = {
        "checkins_deleted": (CHECKINS, None),
        "escalations_redacted": (ESCALATIONS, redact),
        "backstop_redacted": (BACKSTOP, redact),
    }

    def theirs(kind: str, record: Any) -> bool:
        return isinstance(record, dict) and record.get("user_key") == user_key

    counts = dict.fromkeys(jobs, 0)
    for attempt in range(SPOOL_PURGE_ATTEMPTS):
        if attempt:
            time.sleep(SPOOL_PURGE_PAUSE_S)
        left = 0
        for name, (subdir, rewrite) in jobs.items():
            result = Spool(root / subdir).purge(theirs, rewrite)
            counts[name] += result.deleted + result.rewritten
            left += result.left
        if not left:
            break
    counts["in_flight"] = left
    if left:
        logger.warning("spool purge: %d record(s) of a deleted person still held by a drainer", left)
    return counts


def _erase_in_db(session: Session, user, report: DeletionReport, new_key: str) -> None:
    report.checkins_deleted = session.execute(delete(Checkin).where(Checkin.user_id == user.id)).rowcount or 0
    report.escalations_redacted = (
        session.execute(
            update(Escalation)
            .where(Escalation.user_id == user.id)
            .values(excerpt=None, resolution_note=None, updated_at=utcnow())
        ).rowcount
        or 0
    )
    # Medication / appointment reminders and their dose history (occurrences first: the
    # foreign-key cascade is not switched on for every SQLite connection).
    report.other_rows_deleted["reminder_occurrences"] = (
        session.execute(delete(ReminderOccurrence).where(ReminderOccurrence.user_id == user.id)).rowcount or 0
    )
    report.other_rows_deleted["care_reminders"] = (
        session.execute(delete(CareReminder).where(CareReminder.user_id == user.id)).rowcount or 0
    )
    report.notifications_deleted = (
        session.execute(
            delete(Outbox).where(
                Outbox.user_id == user.id,
                Outbox.kind.in_(("reminder", "care_reminder")),
                Outbox.sent_at.is_(None),
            )
        ).rowcount
        or 0
    )
    for row in session.execute(select(Outbox).where(Outbox.user_id == user.id)).scalars():
        row.payload = _redact_payload(row.payload)
        if row.dedupe_key and user.user_key in row.dedupe_key:
            row.dedupe_key = None  # e.g. 'reminder:<user_key>:<date>'
        report.notifications_redacted += 1
    user.user_key = new_key  # unlink the kept rows from the chat account
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
        d.append(
            "I deleted your reminders (check-in, medication and appointments, with the "
            "record of doses), your settings (role, region, time zone) and the saved "
            "address we used to message you."
        )
        if report.escalations_redacted:
            d.append(f"I removed your words from {_plural(report.escalations_redacted, 'safety record')}.")
    else:
        d.append("I had no mood check-ins, settings or safety records stored for you.")
    _describe_spool(report)
    _describe_tracker(report)
    if report.escalations_redacted:
        k.append(
            f"I kept {_plural(report.escalations_redacted, 'safety record')} with only the date, "
            "the kind of concern and what staff did, with none of your words. The care team "
            "must be able to show that help was offered. These records are no longer linked "
            "to your chat account."
        )
    k.append("I kept a short note that your data was deleted and when, with no content, so we can show we did it.")


def _describe_spool(report: DeletionReport) -> None:
    """Only when the spool held something (sentences in plain words)."""
    d, k = report.deleted, report.kept
    n = report.spooled_checkins_deleted
    if n:
        d.append(f"I also removed {_plural(n, 'check-in')} that {'was' if n == 1 else 'were'} waiting to be saved.")
    alerts = report.spooled_escalations_redacted + report.spooled_backstop_redacted
    if alerts:
        one = alerts == 1
        d.append(
            f"I also removed your words from {'an alert' if one else 'alerts'} to the care "
            f"team that {'was' if one else 'were'} waiting to be saved."
        )
        k.append(
            f"{'That alert' if one else 'Those alerts'} will still reach the care team, "
            "so they know help was needed, but with none of your words and not linked "
            "to your chat account."
        )
    if report.spooled_in_flight:
        d.append(
            "A few of your latest records were being saved at that very moment. Please "
            "ask me again in a few minutes to delete your data, so I can remove those too."
        )


def _describe_tracker(report: DeletionReport) -> None:
    d = report.deleted
    if report.tracker_status == "deleted":
        d.append(f"I deleted our conversation history ({report.tracker_events_deleted} entries).")
    elif report.tracker_status == "no_tracker_table":
        d.append("There was no saved conversation history to delete.")
    elif report.tracker_status == "error":
        d.append("I could not delete our conversation history just now. Please ask again later, or tell the care team.")


def delete_user_data(
    session: Session,
    user_key: Optional[str],
    *,
    tracker_db_url: Optional[str] = None,
    sender_ids: Iterable[str] = (),
    actor: str = "bot",
    spool_dir: Optional[Union[str, Path]] = None,
) -> DeletionReport:
    """Erase this person's check-ins, escalation text, settings and (optionally) Rasa tracker.

    Escalation rows (id, reason, severity, status, times) stay, without content and
    unlinked from the chat account; an audit row without content records the
    deletion. The caller commits. With ``user_key=None`` only the tracker rows of
    ``sender_ids`` are deleted (e.g. a second pass after the last turn was saved).
    With ``spool_dir`` (``settings.spool_dir``; production callers must pass it) the
    person's records still waiting in the local spool are purged too, see
    ``purge_spooled_records``. That runs first, before anything is read (callers pass a
    fresh session), so a record a drainer stores meanwhile is already in the database
    when it is erased (and an SQLite snapshot never predates it); if the database then
    fails, the spool purge stands.
    """
    # 64 hex digits like a real key (a spooled escalation is replayed through
    # get_or_create_user), so one replayed after this lands on the same unlinked user row.
    new_key = secrets.token_hex(32)
    spooled = purge_spooled_records(spool_dir, user_key, new_key) if user_key and spool_dir is not None else {}
    user = get_user(session, user_key) if user_key else None
    report = DeletionReport(
        found=user is not None,
        spooled_checkins_deleted=spooled.get("checkins_deleted", 0),
        spooled_escalations_redacted=spooled.get("escalations_redacted", 0),
        spooled_backstop_redacted=spooled.get("backstop_redacted", 0),
        spooled_in_flight=spooled.get("in_flight", 0),
    )
    if user_key:
        for table in person_keyed_tables():  # e.g. encrypted channel addresses
            report.other_rows_deleted[table.name] = (
                session.execute(delete(table).where(table.c.user_key == user_key)).rowcount or 0
            )
    if user is not None:
        _erase_in_db(session, user, report, new_key)
    if tracker_db_url:
        try:
            report.tracker_events_deleted, report.tracker_status = delete_tracker_events(tracker_db_url, sender_ids)
        except SQLAlchemyError as exc:
            logger.error("tracker deletion failed (%s)", type(exc).__name__)
            report.tracker_status = "error"
    if user_key is None:
        record_audit(
            session,
            actor=actor,
            action="tracker_events_deleted",
            detail={"tracker_status": report.tracker_status, "tracker_events_deleted": report.tracker_events_deleted},
        )
        _describe_tracker(report)
        return report
    record_audit(
        session,
        actor=actor,
        action="user_data_deleted",
        user_id=user.id if user is not None else None,
        detail={
            "found": report.found,
            "checkins_deleted": report.checkins_deleted,
            "escalations_redacted": report.escalations_redacted,
            "notifications_redacted": report.notifications_redacted,
            "notifications_deleted": report.notifications_deleted,
            "other_rows_deleted": report.other_rows_deleted,
            "tracker_status": report.tracker_status,
            "tracker_events_deleted": report.tracker_events_deleted,
            "spooled": {
                "checkins_deleted": report.spooled_checkins_deleted,
                "escalations_redacted": report.spooled_escalations_redacted,
                "backstop_redacted": report.spooled_backstop_redacted,
                "in_flight": report.spooled_in_flight,
            },
        },
    )
    _describe(report)
    return report
