"""Care reminders: create and change them, plan what is due, record replies, adherence.

``plan_due`` is the scheduler's job. It is safe to run as often as you like and after any
restart: occurrences are unique per (reminder, slot, due_at) and each outbox row has a
dedupe key, so re-planning a window (even with ``planned_until`` rewound) never sends
anything twice. Callers own the transaction (``session_scope``).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from datetime import timezone as _tz
from typing import Any, Dict, List, Optional

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.care_reminders import texts
from bot.care_reminders.parsing import (
    DRUGS,
    KINDS,
    LABEL_MAX,
    PATTERNS,
    ReminderDraft,
    parse_label,
)
from bot.care_reminders.schedule import (
    next_occurrence,
    occurrences,
    parse_hhmm,
    spec_of,
    zone,
)
from bot.db import outbox
from bot.db.audit import record_audit
from bot.db.models import CareReminder, Outbox, ReminderOccurrence, User
from bot.db.types import ensure_utc, utcnow
from bot.settings import ConfigError
from bot.settings import value as read_setting
from bot.timezones import local_today
from bot.users import get_or_create_user, get_user

logger = logging.getLogger(__name__)

OUTBOX_KIND = "care_reminder"
MAX_SNOOZES = 3
SNOOZE_FOR = timedelta(minutes=30)
MAX_CATCH_UP = timedelta(days=35)  # older firings matter to nobody (adherence looks back 28)
MISSED_WINDOW = timedelta(days=7)
DEFAULT_MISSED_THRESHOLD = 3
THRESHOLD_ENV = "COMPANION_MISSED_DOSE_THRESHOLD"  # declared in bot.settings
REPLIES = {"taken": "taken", "take": "taken", "took": "taken", "skip": "skip", "skipped": "skip", "snooze": "snooze"}
_MED_WORDS = {
    "tablet",
    "tablets",
    "pill",
    "pills",
    "medication",
    "medications",
    "medicine",
    "medicines",
    "meds",
    "drug",
    "drugs",
    "injection",
    "injections",
    "infusion",
    "jab",
    "capsules",
    "dose",
    "doses",
}
_APPT_WORDS = {
    "appointment",
    "appointments",
    "appt",
    "biopsy",
    "scan",
    "scans",
    "mri",
    "ct",
    "pet",
    "clinic",
    "consultation",
    "oncologist",
    "check-up",
    "checkup",
    "test",
}
_HINT_STOP = {
    "my",
    "the",
    "for",
    "reminder",
    "reminders",
    "remind",
    "about",
    "me",
    "of",
    "a",
    "an",
    "to",
    "and",
    "please",
    "stop",
    "pause",
    "delete",
    "cancel",
    "change",
    "all",
    "every",
    "one",
    "that",
    "this",
}


# --- helpers ---------------------------------------------------------------------------


def _now(now: Optional[datetime]) -> datetime:
    return ensure_utc(now) if now else utcnow()


def missed_threshold_from_env() -> int:
    """COMPANION_MISSED_DOSE_THRESHOLD (default 3; 0 turns the escalation off)."""
    try:
        return read_setting(THRESHOLD_ENV)
    except ConfigError:  # checked at start; here a bad value keeps the default
        return DEFAULT_MISSED_THRESHOLD


def _validate(draft: ReminderDraft, tz_name: str, now: datetime) -> ReminderDraft:
    """A complete, sane copy of ``draft`` (ValueError with a plain reason otherwise)."""
    zone(tz_name)
    draft = ReminderDraft.from_dict(draft.to_dict())
    draft.kind = draft.kind or "medication"
    if draft.kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    if draft.kind == "appointment":
        draft.pattern = "once"
    if draft.pattern == "daily" and draft.start_date is None:
        draft.start_date = local_today(tz_name, now)
    missing = draft.missing()
    if missing:
        raise ValueError(f"reminder is missing: {', '.join(missing)}")
    if draft.pattern not in PATTERNS:
        raise ValueError(f"pattern must be one of {PATTERNS}")
    parse_hhmm(draft.time_of_day)
    draft.label = draft.label.strip()[:LABEL_MAX]
    if draft.pattern == "cycle":
        if not 1 <= draft.days_on <= 60 or not 0 <= draft.days_off <= 60:
            raise ValueError("a cycle needs 1-60 days on and 0-60 days off")
    else:
        draft.days_on = draft.days_off = None
    if draft.pattern == "every_n_weeks":
        if not 1 <= draft.interval_weeks <= 26:
            raise ValueError("the interval must be between 1 and 26 weeks")
    else:
        draft.interval_weeks = None
    if draft.pattern == "once" and draft.start_date < local_today(tz_name, now):
        raise ValueError("that date is in the past")
    return draft


def _owned(session: Session, user_key: str, reminder_id: int) -> CareReminder:
    user = get_user(session, user_key)
    reminder = session.get(CareReminder, reminder_id) if user is not None else None
    if reminder is None or reminder.user_id != user.id:
        raise LookupError("no such reminder")
    return reminder


def _drop_unsent(session: Session, reminder: CareReminder) -> int:
    """Delete this reminder's outbox rows that were not delivered yet."""
    rows = (
        session.execute(
            select(Outbox).where(
                Outbox.user_id == reminder.user_id, Outbox.kind == OUTBOX_KIND, Outbox.sent_at.is_(None)
            )
        )
        .scalars()
        .all()
    )
    dropped = 0
    for row in rows:
        if (row.payload or {}).get("reminder_id") == reminder.id:
            session.delete(row)
            dropped += 1
    return dropped


def _audit(session: Session, action: str, reminder: CareReminder, now: datetime, actor: str = "bot", **extra) -> None:
    detail = {"reminder_id": reminder.id, "kind": reminder.kind, "pattern": reminder.pattern}
    detail.update(extra)
    record_audit(session, actor=actor, action=action, user_id=reminder.user_id, detail=detail, at=now)


# --- create, list, change --------------------------------------------------------------


def create_reminder(
    session: Session,
    *,
    user_key: str,
    channel: str,
    draft: ReminderDraft,
    timezone: str = "UTC",
    now: Optional[datetime] = None,
    conversation_id: Optional[str] = None,
) -> CareReminder:
    """Store a complete draft as an active reminder; nothing before ``now`` will fire."""
    now = _now(now)
    draft = _validate(draft, timezone, now)
    user = get_or_create_user(session, user_key, channel, conversation_id=conversation_id)
    reminder = CareReminder(
        user_id=user.id,
        kind=draft.kind,
        label=draft.label,
        pattern=draft.pattern,
        time_of_day=draft.time_of_day,
        timezone=timezone,
        start_date=draft.start_date,
        days_on=draft.days_on,
        days_off=draft.days_off,
        interval_weeks=draft.interval_weeks,
        status="active",
        planned_until=now,
        created_at=now,
        updated_at=now,
    )
    session.add(reminder)
    session.flush()
    _audit(session, "care_reminder_created", reminder, now)
    return reminder


def list_reminders(session: Session, user_key: str) -> List[CareReminder]:
    """This person's reminders (active and paused), oldest first."""
    user = get_user(session, user_key)
    if user is None:
        return []
    return list(
        session.execute(
            select(CareReminder)
            .where(CareReminder.user_id == user.id)
            .order_by(CareReminder.created_at, CareReminder.id)
        ).scalars()
    )


def find_reminders(session: Session, user_key: str, hint: Optional[str]) -> List[CareReminder]:
    """Reminders matching ``hint`` by label words ("Ibrance", "biopsy"), else by kind words
    ("tablets", "appointment"); all of them when the hint is empty."""
    reminders = list_reminders(session, user_key)
    words = [w for w in re.findall(r"[a-z0-9-]+", (hint or "").lower()) if w not in _HINT_STOP]
    if not words:
        return reminders
    named = (parse_label(hint) or "").lower()
    by_label = [
        r
        for r in reminders
        if any(len(w) >= 3 and w in r.label.lower() for w in words) or (named and named in r.label.lower())
    ]
    if by_label:
        return by_label
    kinds = set()
    if _MED_WORDS.intersection(words) or any(w in DRUGS for w in words):
        kinds.add("medication")
    if _APPT_WORDS.intersection(words):
        kinds.add("appointment")
    return [r for r in reminders if r.kind in kinds]


def pause_reminder(session: Session, user_key: str, reminder_id: int, now: Optional[datetime] = None) -> CareReminder:
    """Stop a reminder firing (undelivered messages for it are dropped)."""
    now = _now(now)
    reminder = _owned(session, user_key, reminder_id)
    if reminder.status != "paused":
        reminder.status, reminder.updated_at = "paused", now
        _drop_unsent(session, reminder)
        _audit(session, "care_reminder_paused", reminder, now)
    return reminder


def resume_reminder(session: Session, user_key: str, reminder_id: int, now: Optional[datetime] = None) -> CareReminder:
    """Start firing again from ``now`` (nothing from the paused time is sent)."""
    now = _now(now)
    reminder = _owned(session, user_key, reminder_id)
    if reminder.status != "active":
        reminder.status, reminder.updated_at, reminder.planned_until = "active", now, now
        _audit(session, "care_reminder_resumed", reminder, now)
    return reminder


def delete_reminder(session: Session, user_key: str, reminder_id: int, now: Optional[datetime] = None) -> None:
    """Delete a reminder and its history (occurrences go with it: ON DELETE CASCADE)."""
    now = _now(now)
    reminder = _owned(session, user_key, reminder_id)
    _drop_unsent(session, reminder)
    _audit(session, "care_reminder_deleted", reminder, now)
    session.execute(delete(ReminderOccurrence).where(ReminderOccurrence.reminder_id == reminder.id))
    session.delete(reminder)
    session.flush()


def update_reminder(
    session: Session, user_key: str, reminder_id: int, changes: ReminderDraft, now: Optional[datetime] = None
) -> CareReminder:
    """Replace the fields set in ``changes``; the new rule applies from ``now``."""
    now = _now(now)
    reminder = _owned(session, user_key, reminder_id)
    current = ReminderDraft(
        kind=reminder.kind,
        label=reminder.label,
        time_of_day=reminder.time_of_day,
        pattern=reminder.pattern,
        days_on=reminder.days_on,
        days_off=reminder.days_off,
        interval_weeks=reminder.interval_weeks,
        start_date=reminder.start_date,
    )
    merged = current.merge(changes)
    if (
        changes.pattern
        and changes.pattern != reminder.pattern
        and changes.start_date is None
        and changes.pattern != "daily"
    ):
        merged.start_date = None  # a new rhythm needs its own start
    draft = _validate(merged, reminder.timezone, now)
    for name in ("kind", "label", "time_of_day", "pattern", "days_on", "days_off", "interval_weeks", "start_date"):
        setattr(reminder, name, getattr(draft, name))
    reminder.planned_until, reminder.updated_at = now, now
    _drop_unsent(session, reminder)
    _audit(
        session,
        "care_reminder_updated",
        reminder,
        now,
        fields=sorted(k for k, v in asdict(changes).items() if v is not None),
    )
    return reminder


def next_due(reminder: CareReminder, now: Optional[datetime] = None) -> Optional[datetime]:
    """When an active reminder fires next (UTC), or None."""
    if reminder.status != "active":
        return None
    after = max(_now(now), reminder.planned_until)
    found = next_occurrence(spec_of(reminder), after)
    return found.due_at if found else None


def overview(session: Session, now: Optional[datetime] = None) -> List[Dict[str, Any]]:
    """Operators' view of every reminder (pseudonymous key shortened to 12 characters)."""
    rows = session.execute(
        select(CareReminder, User.user_key).join(User, User.id == CareReminder.user_id).order_by(CareReminder.id)
    ).all()
    result = []
    for reminder, key in rows:
        due = next_due(reminder, now)
        result.append(
            {
                "id": reminder.id,
                "user": key[:12],
                "kind": reminder.kind,
                "label": reminder.label,
                "pattern": reminder.pattern,
                "time": reminder.time_of_day,
                "timezone": reminder.timezone,
                "status": reminder.status,
                "next_due": due.isoformat() if due else None,
            }
        )
    return result


# --- planning --------------------------------------------------------------------------


@dataclass
class PlanResult:
    """What one ``plan_due`` pass did."""

    planned: int = 0
    sent: int = 0
    not_sent: int = 0
    resent: int = 0
    followups: int = 0
    missed: int = 0
    escalations: int = 0

    @property
    def counts(self) -> Dict[str, int]:
        return asdict(self)

    def __bool__(self) -> bool:
        return any(self.counts.values())


def _buttons(occurrence_id: int) -> List[Dict[str, str]]:
    def payload(reply: str) -> str:
        # One short entity value: Telegram's callback_data holds at most 64 bytes.
        body = json.dumps({"reminder_reply": f"{reply}:{occurrence_id}"}, separators=(",", ":"))
        return f"/reminder_reply{body}"

    return [
        {"title": "Taken", "payload": payload("taken")},
        {"title": "Snooze 30 min", "payload": payload("snooze")},
        {"title": "Skip", "payload": payload("skip")},
    ]


def _text(reminder: CareReminder, occ: ReminderOccurrence, followup: bool) -> str:
    if occ.slot == "day_before":
        return texts.day_before_text(reminder.label, reminder.start_date, reminder.time_of_day)
    if occ.slot == "day_of":
        return texts.day_of_text(reminder.label, reminder.time_of_day)
    if followup:
        return texts.followup_text(reminder.label)
    return texts.dose_text(reminder.label, reminder.time_of_day)


def _enqueue(
    session: Session,
    user: User,
    reminder: CareReminder,
    occ: ReminderOccurrence,
    key_suffix: str,
    now: datetime,
    followup: bool = False,
) -> bool:
    payload = {
        "user_key": user.user_key,
        "user_id": user.id,
        "channel": user.channel,
        "occurrence_id": occ.id,
        "reminder_id": reminder.id,
        "text": _text(reminder, occ, followup),
        "buttons": _buttons(occ.id) if occ.slot == "dose" else [],
        "followup": followup,
    }
    row = outbox.enqueue(
        session, OUTBOX_KIND, payload, dedupe_key=f"care:{occ.id}:{key_suffix}", user_id=user.id, now=now
    )
    return row is not None


def _insert_occurrence(session: Session, row: ReminderOccurrence) -> bool:
    exists = session.execute(
        select(ReminderOccurrence.id).where(
            ReminderOccurrence.reminder_id == row.reminder_id,
            ReminderOccurrence.slot == row.slot,
            ReminderOccurrence.due_at == row.due_at,
        )
    ).first()
    if exists is not None:
        return False
    try:  # another scheduler may have inserted it since the check
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        return False
    return True


PUSH_CHANNELS = ("telegram",)


def _eligible():
    return (User.deleted_at.is_(None), User.handoff_active.is_(False))


def _plan_new(session: Session, now: datetime, grace: timedelta, result: PlanResult) -> None:
    rows = session.execute(
        select(CareReminder, User)
        .join(User, User.id == CareReminder.user_id)
        .where(CareReminder.status == "active", CareReminder.planned_until < now, *_eligible())
        .order_by(CareReminder.id)
    ).all()
    for reminder, user in rows:
        start = max(reminder.planned_until, now - MAX_CATCH_UP)
        try:
            due = occurrences(spec_of(reminder), start, now)
        except ValueError:
            logger.warning("care reminder %s has an unusable rule; skipped", reminder.id)
            continue
        for found in due:
            # Only Telegram can reach a person unprompted; on the widget a "sent" dose would
            # turn into a "missed" one (and a staff alert) for a reminder nobody received.
            fresh = found.due_at >= now - grace and user.channel in PUSH_CHANNELS
            occ = ReminderOccurrence(
                reminder_id=reminder.id,
                user_id=user.id,
                slot=found.slot,
                due_at=found.due_at,
                local_date=found.local_date,
                status="sent" if fresh else "not_sent",
                sent_at=now if fresh else None,
                snooze_count=0,
            )
            if not _insert_occurrence(session, occ):
                continue
            result.planned += 1
            if fresh:
                _enqueue(session, user, reminder, occ, "0", now)
                result.sent += 1
            else:
                result.not_sent += 1
        reminder.planned_until = now


def _mark_missed(session: Session, now: datetime, missed_after: timedelta, result: PlanResult) -> None:
    rows = (
        session.execute(
            select(ReminderOccurrence).where(
                ReminderOccurrence.slot == "dose",
                ReminderOccurrence.status.in_(("sent", "snoozed")),
                ReminderOccurrence.due_at <= now - missed_after,
            )
        )
        .scalars()
        .all()
    )
    for occ in rows:
        occ.status = "missed"
        result.missed += 1


def _active_rows(session: Session, *conditions):
    return session.execute(
        select(ReminderOccurrence, CareReminder, User)
        .join(CareReminder, CareReminder.id == ReminderOccurrence.reminder_id)
        .join(User, User.id == ReminderOccurrence.user_id)
        .where(CareReminder.status == "active", *_eligible(), *conditions)
        .order_by(ReminderOccurrence.id)
    ).all()


def _resend_snoozed(session: Session, now: datetime, result: PlanResult) -> None:
    for occ, reminder, user in _active_rows(
        session, ReminderOccurrence.status == "snoozed", ReminderOccurrence.snoozed_until <= now
    ):
        occ.status, occ.sent_at = "sent", now
        if _enqueue(session, user, reminder, occ, str(occ.snooze_count), now):
            result.resent += 1


def _follow_up(session: Session, now: datetime, followup_after: timedelta, result: PlanResult) -> None:
    for occ, reminder, user in _active_rows(
        session,
        ReminderOccurrence.slot == "dose",
        ReminderOccurrence.status == "sent",
        ReminderOccurrence.followup_sent_at.is_(None),
        ReminderOccurrence.responded_at.is_(None),
        ReminderOccurrence.sent_at <= now - followup_after,
    ):
        occ.followup_sent_at = now
        if _enqueue(session, user, reminder, occ, "followup", now, followup=True):
            result.followups += 1


def _run_start(session: Session, reminder: CareReminder) -> Optional[datetime]:
    """Misses count only after this instant: None before any escalation; after one, the
    due time of the first answered dose that broke that run (no answer yet: same run)."""
    if reminder.missed_escalated_until is None:
        return None
    broke = session.execute(
        select(ReminderOccurrence.due_at)
        .where(
            ReminderOccurrence.reminder_id == reminder.id,
            ReminderOccurrence.slot == "dose",
            ReminderOccurrence.status.in_(("taken", "skipped")),
            ReminderOccurrence.due_at > reminder.missed_escalated_until,
        )
        .order_by(ReminderOccurrence.due_at)
        .limit(1)
    ).scalar_one_or_none()
    return broke if broke is not None else datetime.max.replace(tzinfo=_tz.utc)


def _escalate_missed(session: Session, now: datetime, threshold: int, result: PlanResult) -> None:
    """Tell staff (low severity) when a medication has ``threshold`` misses in 7 days;
    once per run of misses (a run ends when a dose is answered)."""
    if threshold <= 0:
        return
    rows = session.execute(
        select(ReminderOccurrence, CareReminder, User)
        .join(CareReminder, CareReminder.id == ReminderOccurrence.reminder_id)
        .join(User, User.id == ReminderOccurrence.user_id)
        .where(
            ReminderOccurrence.slot == "dose",
            ReminderOccurrence.status == "missed",
            ReminderOccurrence.due_at > now - MISSED_WINDOW,
            User.deleted_at.is_(None),
        )
        .order_by(ReminderOccurrence.due_at)
    ).all()
    runs: Dict[int, list] = {}
    for occ, reminder, user in rows:
        runs.setdefault(reminder.id, [reminder, user, []])[2].append(occ)
    from bot.escalation.service import open_escalation

    for reminder, user, missed in runs.values():
        start = _run_start(session, reminder)
        if start is not None:
            missed = [o for o in missed if o.due_at > start]
        if len(missed) < threshold:
            continue
        open_escalation(
            session,
            user_key=user.user_key,
            channel=user.channel,
            severity="low",
            reason="missed_doses",
            excerpt=f"{len(missed)} missed doses of {reminder.label} in 7 days",
            now=now,
        )
        reminder.missed_escalated_until = max(o.due_at for o in missed)
        record_audit(
            session,
            actor="bot",
            action="care_reminder_missed_escalated",
            user_id=user.id,
            detail={"reminder_id": reminder.id, "missed": len(missed)},
            at=now,
        )
        result.escalations += 1


def plan_due(
    session: Session,
    now: datetime,
    *,
    grace: timedelta = timedelta(hours=6),
    followup_after: timedelta = timedelta(minutes=60),
    missed_after: timedelta = timedelta(hours=12),
    missed_threshold: Optional[int] = None,
) -> PlanResult:
    """One scheduler pass: new occurrences (sent if within ``grace``, else 'not_sent'),
    snoozes that are up, one follow-up per unanswered dose, missed marking and the
    missed-dose escalation (once per run of misses)."""
    now = ensure_utc(now)
    threshold = missed_threshold_from_env() if missed_threshold is None else missed_threshold
    result = PlanResult()
    _plan_new(session, now, grace, result)
    _mark_missed(session, now, missed_after, result)
    _resend_snoozed(session, now, result)
    _follow_up(session, now, followup_after, result)
    _escalate_missed(session, now, threshold, result)
    session.flush()
    return result


# --- replies ---------------------------------------------------------------------------


@dataclass
class ReplyOutcome:
    """What a Taken / Snooze / Skip press did; ``text`` is the chat answer."""

    occurrence_id: int
    status: str
    outcome: str  # taken | skipped | snoozed | snooze_limit | already | too_late
    changed: bool
    text: str
    snoozed_until: Optional[datetime] = None


def record_reply(
    session: Session, *, user_key: str, occurrence_id: int, reply: str, now: Optional[datetime] = None
) -> ReplyOutcome:
    """Record a button press. Repeats are harmless; a late "taken" still counts."""
    now = _now(now)
    action = REPLIES.get((reply or "").strip().lower())
    if action is None:
        raise ValueError("reply must be taken, skip or snooze")
    user = get_user(session, user_key)
    occ = session.get(ReminderOccurrence, int(occurrence_id)) if user is not None else None
    if occ is None or occ.user_id != user.id:
        raise LookupError("no such reminder")
    if occ.slot != "dose":
        raise ValueError("only dose reminders take replies")
    label = session.get(CareReminder, occ.reminder_id).label

    def done(outcome: str, changed: bool) -> ReplyOutcome:
        if changed:
            record_audit(
                session,
                actor="bot",
                action=f"care_reminder_{outcome}",
                user_id=user.id,
                detail={"occurrence_id": occ.id},
                at=now,
            )
        return ReplyOutcome(occ.id, occ.status, outcome, changed, texts.reply_text(outcome, label), occ.snoozed_until)

    if action == "taken":
        if occ.status == "taken":
            return done("already", False)
        occ.status, occ.responded_at = "taken", now
        return done("taken", True)
    if action == "skip":
        if occ.status == "skipped":
            return done("already", False)
        occ.status, occ.responded_at = "skipped", now
        return done("skipped", True)
    if occ.status in ("taken", "skipped", "missed", "not_sent", "pending"):
        return done("too_late", False)
    if occ.status == "snoozed" and occ.snoozed_until and occ.snoozed_until > now:
        return done("already", False)
    if occ.snooze_count >= MAX_SNOOZES:
        return done("snooze_limit", False)
    occ.status, occ.snooze_count = "snoozed", occ.snooze_count + 1
    occ.snoozed_until = now + SNOOZE_FOR
    return done("snoozed", True)


# --- adherence -------------------------------------------------------------------------

_BUCKET = {
    "taken": "taken",
    "skipped": "skipped",
    "missed": "missed",
    "sent": "pending",
    "snoozed": "pending",
    "pending": "pending",
}


def _empty() -> Dict[str, int]:
    return {"taken": 0, "skipped": 0, "missed": 0, "pending": 0, "total": 0}


def adherence_summary(session: Session, user_key: str, now: Optional[datetime] = None) -> Dict[str, Any]:
    """Dose counts over the last 7 and 28 local days (today included), overall and per
    medication reminder. Doses never sent ('not_sent') are left out."""
    now = _now(now)
    summary: Dict[str, Any] = {"7": _empty(), "28": _empty(), "by_reminder": []}
    reminders = [r for r in list_reminders(session, user_key) if r.kind == "medication"]
    for reminder in reminders:
        today = local_today(reminder.timezone, now)
        entry = {"id": reminder.id, "label": reminder.label, "7": _empty(), "28": _empty()}
        statuses = session.execute(
            select(ReminderOccurrence.status, ReminderOccurrence.local_date).where(
                ReminderOccurrence.reminder_id == reminder.id,
                ReminderOccurrence.slot == "dose",
                ReminderOccurrence.local_date > today - timedelta(days=28),
                ReminderOccurrence.local_date <= today,
                ReminderOccurrence.due_at <= now,
            )
        ).all()
        for status, local_date in statuses:
            bucket = _BUCKET.get(status)
            if bucket is None:
                continue
            windows = ["28"] + (["7"] if local_date > today - timedelta(days=7) else [])
            for window in windows:
                for target in (entry[window], summary[window]):
                    target[bucket] += 1
                    target["total"] += 1
        summary["by_reminder"].append(entry)
    return summary


def _counts(c: Dict[str, int]) -> str:
    parts = [f"{c['taken']} of {c['total']} marked taken"]
    if c["skipped"]:
        parts.append(f"{c['skipped']} skipped")
    if c["missed"]:
        parts.append(f"{c['missed']} with no answer")
    if c["pending"]:
        parts.append(f"{c['pending']} waiting for an answer")
    return ", ".join(parts)


def render_adherence(summary: Dict[str, Any]) -> str:
    """The summary in plain words for the chat (no judgement)."""
    if not summary.get("by_reminder") or not summary["28"]["total"]:
        return "I don't have any dose reminders recorded for you yet. " + texts.ASK_TEAM
    lines = [f"Last 7 days: {_counts(summary['7'])}.", f"Last 28 days: {_counts(summary['28'])}."]
    if len(summary["by_reminder"]) > 1:
        for entry in summary["by_reminder"]:
            if entry["28"]["total"]:
                lines.append(f"{entry['label']}: {_counts(entry['7'])} in the last 7 days.")
    lines.append(texts.ASK_TEAM)
    return "\n".join(lines)
