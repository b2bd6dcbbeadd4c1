"""Mood check-ins: record (or spool), summarise, chart; parsing and reminders re-exported.

Scores are distress on 0-10: lower is better.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Dict, List, Optional, Tuple

from sqlalchemy import select
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from bot.checkins.chart import draw_chart
from bot.checkins.parsing import (  # noqa: F401 - re-exported
    NOT_A_NUMBER,
    OUT_OF_RANGE,
    ScoreParse,
    parse_score,
    parse_score_detail,
)
from bot.checkins.reminders import (  # noqa: F401 - re-exported
    clear_reminder,
    due_reminders,
    enqueue_due_reminders,
    mark_reminder_sent,
    set_reminder,
    zone,
)
from bot.db.errors import RETRYABLE, is_outage
from bot.db.models import CHECKIN_SOURCES, Checkin, User
from bot.db.session import session_scope
from bot.db.spool import Spool, SpoolReject
from bot.db.types import ensure_utc, utcnow
from bot.users import get_or_create_user, get_user

logger = logging.getLogger(__name__)

MOOD_WORD_MAX = 60
NOTE_MAX = 1000
TREND_THRESHOLD = 1.0  # points on the 0-10 scale between the two halves
TREND_MIN_CHECKINS = 4
SPOOL_KIND = "checkin"
SPOOL_SUBDIR = "checkins"


def distress_band(score: int) -> str:
    """What the escalation model says to do: 'acknowledge' (0-3), 'offer_support' (4-6), 'escalate' (7-10)."""
    if score >= 7:
        return "escalate"
    if score >= 4:
        return "offer_support"
    return "acknowledge"


def _validate(score, mood_word, note, source) -> Tuple[int, Optional[str], Optional[str]]:
    if isinstance(score, bool) or not isinstance(score, int):
        raise ValueError("score must be a whole number from 0 to 10")
    if not 0 <= score <= 10:
        raise ValueError("score must be from 0 to 10")
    mood_word = (mood_word or "").strip() or None
    if mood_word and len(mood_word) > MOOD_WORD_MAX:
        raise ValueError(f"mood word must be at most {MOOD_WORD_MAX} characters")
    note = (note or "").strip() or None
    if note and len(note) > NOTE_MAX:
        raise ValueError(f"note must be at most {NOTE_MAX} characters")
    if source not in CHECKIN_SOURCES:
        raise ValueError(f"source must be one of {CHECKIN_SOURCES}")
    return score, mood_word, note


def record_checkin(
    session: Session,
    *,
    user_key: str,
    channel: str,
    score: int,
    mood_word: Optional[str] = None,
    note: Optional[str] = None,
    source: str = "form",
    at: Optional[datetime] = None,
    conversation_id: Optional[str] = None,
) -> Checkin:
    """Store one check-in (the caller commits). Raises ValueError on bad input."""
    score, mood_word, note = _validate(score, mood_word, note, source)
    user = get_or_create_user(session, user_key, channel, conversation_id=conversation_id)
    checkin = Checkin(
        user_id=user.id,
        score=score,
        mood_word=mood_word,
        note=note,
        source=source,
        created_at=ensure_utc(at) if at else utcnow(),
    )
    session.add(checkin)
    session.flush()
    return checkin


# --- database down: spool and replay -------------------------------------------------


def spool_for(settings) -> Spool:
    """The check-in spool under ``settings.spool_dir``."""
    return Spool(settings.spool_dir / SPOOL_SUBDIR)


def record_or_spool(settings, **kwargs) -> Optional[Checkin]:
    """``record_checkin`` in its own transaction; on a database outage spool it and return None.

    Input is validated first, so a bad score is a ValueError, never a spooled record.
    """
    kwargs = dict(kwargs)
    _validate(kwargs.get("score"), kwargs.get("mood_word"), kwargs.get("note"), kwargs.get("source", "form"))
    kwargs["at"] = ensure_utc(kwargs.get("at")) if kwargs.get("at") else utcnow()
    try:
        with session_scope(settings.database_url) as session:
            return record_checkin(session, **kwargs)
    except RETRYABLE as exc:
        if not is_outage(exc):
            raise
        path = spool_for(settings).append(SPOOL_KIND, dict(kwargs, at=kwargs["at"].isoformat()))
        logger.warning("check-in spooled (database unavailable): %s (%s)", path.name, type(exc).__name__)
        return None


def _already_replayed(session: Session, user_key: str, at: datetime, score: int) -> bool:
    found = session.execute(
        select(Checkin.id)
        .join(User)
        .where(
            User.user_key == user_key,
            Checkin.created_at == at,
            Checkin.score == score,
            Checkin.source == "spool",
        )
    ).first()
    return found is not None


def _replay(settings):
    def handle(kind: str, record: dict) -> None:
        if kind != SPOOL_KIND:
            raise SpoolReject(f"unexpected kind {kind!r}")
        kwargs = dict(record, source="spool")
        try:
            kwargs["at"] = datetime.fromisoformat(kwargs["at"])
            with session_scope(settings.database_url) as session:
                if not _already_replayed(session, kwargs["user_key"], kwargs["at"], kwargs["score"]):
                    record_checkin(session, **kwargs)
        except (TypeError, ValueError, KeyError, IntegrityError, DataError) as exc:
            raise SpoolReject(type(exc).__name__) from exc

    return handle


def drain_spool(settings) -> int:
    """Replay spooled check-ins (stored with source 'spool'); returns how many were applied."""
    return spool_for(settings).drain(_replay(settings))


# --- summaries and chart ------------------------------------------------------------


@dataclass
class MoodSummary:
    """Check-ins over the last ``days`` days (dates are the person's local dates)."""

    days: int
    count: int = 0
    average: Optional[float] = None
    trend: str = "not_enough_data"
    highest: Optional[Tuple[date, int]] = None
    per_day: Dict[date, float] = field(default_factory=OrderedDict)

    def to_dict(self) -> dict:
        """JSON-friendly form."""
        return {
            "days": self.days,
            "count": self.count,
            "average": self.average,
            "trend": self.trend,
            "highest": ({"date": self.highest[0].isoformat(), "score": self.highest[1]} if self.highest else None),
            "per_day": {d.isoformat(): v for d, v in self.per_day.items()},
        }


def _avg(values: List[int]) -> float:
    return sum(values) / len(values)


def _trend(scores: List[int]) -> str:
    """Compare the first and second half (by count); lower distress means improving."""
    if len(scores) < TREND_MIN_CHECKINS:
        return "not_enough_data"
    half = len(scores) // 2
    change = _avg(scores[-half:]) - _avg(scores[:half])
    if change <= -TREND_THRESHOLD:
        return "improving"
    if change >= TREND_THRESHOLD:
        return "worse"
    return "steady"


def _window(session: Session, user_key: str, days: int, now: Optional[datetime]):
    if days < 1:
        raise ValueError("days must be at least 1")
    now = ensure_utc(now) if now else utcnow()
    user = get_user(session, user_key)
    if user is None:
        return now, None, []
    rows = (
        session.execute(
            select(Checkin)
            .where(
                Checkin.user_id == user.id,
                Checkin.created_at > now - timedelta(days=days),
                Checkin.created_at <= now,
            )
            .order_by(Checkin.created_at, Checkin.id)
        )
        .scalars()
        .all()
    )
    return now, zone_or_utc(user.timezone), rows


def zone_or_utc(name: Optional[str]):
    """The person's zone, falling back to UTC if it is not valid."""
    try:
        return zone(name)
    except ValueError:
        return zone("UTC")


def mood_summary(session: Session, user_key: str, days: int, now: Optional[datetime] = None) -> MoodSummary:
    """Count, average (1 decimal), trend, highest (date, score) and per-day averages."""
    now, tz, rows = _window(session, user_key, days, now)
    summary = MoodSummary(days=days)
    if not rows:
        return summary
    scores = [row.score for row in rows]
    by_day: Dict[date, List[int]] = OrderedDict()
    highest = None
    for row in rows:
        day = row.created_at.astimezone(tz).date()
        by_day.setdefault(day, []).append(row.score)
        if highest is None or row.score >= highest[1]:  # ties: the most recent
            highest = (day, row.score)
    summary.count = len(rows)
    summary.average = round(_avg(scores), 1)
    summary.trend = _trend(scores)
    summary.highest = highest
    summary.per_day = OrderedDict((d, round(_avg(v), 1)) for d, v in by_day.items())
    return summary


def render_mood_chart(session: Session, user_key: str, days: int = 30, now: Optional[datetime] = None) -> bytes:
    """PNG chart of daily average distress over the last ``days`` days."""
    summary = mood_summary(session, user_key, days, now)
    now = ensure_utc(now) if now else utcnow()
    user = get_user(session, user_key)
    tz = zone_or_utc(user.timezone if user else None)
    end = now.astimezone(tz).date()
    start = (now - timedelta(days=days)).astimezone(tz).date()
    title = f"How you've been feeling: last {days} days"
    return draw_chart(summary.per_day, start, end, title)
