"""Daily check-in reminders in each person's own timezone."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import List, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db import outbox
from bot.db.models import User
from bot.db.types import ensure_utc, utcnow
from bot.timezones import zone

_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _local(now: datetime, user: User) -> datetime:
    try:
        return now.astimezone(zone(user.timezone))
    except ValueError:
        return now.astimezone(zone("UTC"))


def set_reminder(
    session: Session,
    user_key: str,
    hhmm: str,
    timezone: str = "UTC",
    now: Optional[datetime] = None,
) -> User:
    """Remind daily at ``hhmm`` (24h, e.g. '09:30') local time.

    If that time has already passed today, the first reminder comes tomorrow.
    """
    hhmm = (hhmm or "").strip()
    if not _HHMM.match(hhmm):
        raise ValueError("reminder time must be HH:MM in 24-hour time, e.g. 09:30")
    zone(timezone)
    user = session.execute(select(User).where(User.user_key == user_key)).scalar_one_or_none()
    if user is None:
        raise LookupError("no such user")
    user.reminder_time = hhmm
    user.timezone = timezone
    local = _local(ensure_utc(now) if now else utcnow(), user)
    user.reminder_last_sent_on = local.date() if local.strftime("%H:%M") >= hhmm else None
    return user


def clear_reminder(session: Session, user_key: str) -> Optional[User]:
    """Stop reminders for this person (no-op for unknown users)."""
    user = session.execute(select(User).where(User.user_key == user_key)).scalar_one_or_none()
    if user is not None:
        user.reminder_time = None
        user.reminder_last_sent_on = None
    return user


def due_reminders(session: Session, now: datetime) -> List[User]:
    """Users whose local reminder time has come today and who have not had today's reminder.

    People currently handed over to staff are skipped.
    """
    now = ensure_utc(now)
    users = session.execute(
        select(User)
        .where(
            User.reminder_time.isnot(None),
            User.deleted_at.is_(None),
            User.handoff_active.is_(False),
        )
        .order_by(User.id)
    ).scalars()
    due = []
    for user in users:
        local = _local(now, user)
        if local.strftime("%H:%M") < user.reminder_time:
            continue
        if user.reminder_last_sent_on is not None and user.reminder_last_sent_on >= local.date():
            continue
        due.append(user)
    return due


def mark_reminder_sent(session: Session, user: User, local_date: date) -> None:
    """Record that ``user`` got the reminder for ``local_date``."""
    user.reminder_last_sent_on = local_date


def enqueue_due_reminders(session: Session, now: datetime) -> int:
    """Write an outbox 'reminder' per due user; the dedupe key makes restarts harmless."""
    now = ensure_utc(now)
    count = 0
    for user in due_reminders(session, now):
        local_date = _local(now, user).date()
        row = outbox.enqueue(
            session,
            "reminder",
            {
                "user_key": user.user_key,
                "user_id": user.id,
                "channel": user.channel,
                "local_date": local_date.isoformat(),
                "reminder_time": user.reminder_time,
            },
            dedupe_key=f"reminder:{user.user_key}:{local_date.isoformat()}",
            user_id=user.id,
            now=now,
        )
        mark_reminder_sent(session, user, local_date)
        if row is not None:
            count += 1
    return count
