"""Re-alerts for escalations nobody has acknowledged (issue 19 item 3).

A critical or high escalation still ``open`` after its interval (ESCALATION_REALERT_
CRITICAL_MINUTES, default 10; ESCALATION_REALERT_HIGH_MINUTES, default 60) is alerted
again in the staff chat and, outside support hours (:mod:`bot.support_hours`), in the
on-call chat too. The scheduler calls :func:`enqueue_realerts` every pass.

How "one per escalation per interval, at least once" holds:

- time since the escalation opened is cut into slots of one interval; a re-alert is an
  ``escalation_updated`` outbox row (``change = "realert"``) whose dedupe key names the
  slot (``escalation:<id>:realert:<severity>:<slot>``). A pass that finds the current slot
  already queued does nothing, so a scheduler running every second, two schedulers, or a
  restart never send a second one for the same slot;
- after an outage only the *current* slot is queued (never the slots that were missed):
  one re-alert, not a storm;
- re-alerts still unsent when the next slot is queued (the notifier was down) are closed
  as superseded, so staff get the newest one, not a backlog;
- the notifier delivers outbox rows at-least-once and skips a re-alert whose escalation
  is no longer open when its turn comes, so acknowledging stops them, queued ones too.

Each re-alert writes an audit row (``escalation_realerted``) in the same transaction as its
outbox rows. The on-call row (``target = "oncall"``) is separate from the staff row, so a
failing on-call chat never re-sends the staff alert. No chat id is stored: the notifier
reads ONCALL_TELEGRAM_CHAT_ID itself.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Dict, Mapping, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db import outbox
from bot.db.audit import record_audit
from bot.db.models import Escalation, Outbox
from bot.db.types import ensure_utc, utcnow
from bot.settings import ConfigError, RealertSettings, read
from bot.settings import value as read_setting

logger = logging.getLogger(__name__)

DEFAULT_MINUTES = {"critical": 10.0, "high": 60.0}
ENV_NAMES = {
    "critical": "ESCALATION_REALERT_CRITICAL_MINUTES",
    "high": "ESCALATION_REALERT_HIGH_MINUTES",
}  # bot.settings
MAX_PER_PASS = 500


@dataclass(frozen=True)
class RealertConfig:
    """Minutes between alerts per severity (severities not listed are never re-alerted)."""

    minutes: Mapping[str, float]

    @classmethod
    def from_env(cls, env: Optional[Mapping[str, str]] = None) -> "RealertConfig":
        """Read the two settings (``env``: default the process environment); a value that
        is not a positive number of minutes up to a week is refused (ConfigError, a
        ValueError, naming the variable), since a typo must not silence re-alerts."""
        settings = read(RealertSettings, env)
        minutes: Dict[str, float] = {"critical": settings.critical_minutes, "high": settings.high_minutes}
        return cls(minutes=minutes)


def _support_hours():
    """Support hours, or None when the settings are broken (then on-call gets every
    re-alert: when unsure whether anyone is in, tell the on-call contact)."""
    try:
        from bot.support_hours import load_support_hours

        return load_support_hours()
    except Exception as exc:  # noqa: BLE001 - a bad setting must not stop re-alerts
        logger.error("support hours unreadable (%s); re-alerts also go to on-call", exc)
        return None


def _oncall_configured() -> bool:
    """Whether ONCALL_TELEGRAM_CHAT_ID is set, when the support hours cannot be read."""
    try:
        return bool(read_setting("ONCALL_TELEGRAM_CHAT_ID"))
    except ConfigError:  # set, but not a chat id the notifier could use
        return False


def _supersede_unsent(session: Session, escalation_id: int, slot: int, now: datetime) -> None:
    """Earlier re-alerts of this escalation still waiting (the notifier was down) are
    closed unsent: after an outage staff get the newest one, not a backlog."""
    prefix = f"escalation:{escalation_id}:realert:"  # no LIKE wildcards: digits and colons
    stale = session.execute(
        select(Outbox).where(Outbox.sent_at.is_(None), Outbox.dedupe_key.startswith(prefix))
    ).scalars()
    for row in stale:
        row.sent_at = now
        row.last_error = f"superseded by re-alert {slot} (not sent)"


def enqueue_realerts(
    session: Session,
    now: Optional[datetime] = None,
    *,
    config: Optional[RealertConfig] = None,
    hours=None,
) -> int:
    """Queue the re-alerts due at ``now``; returns how many escalations were re-alerted.
    The caller commits. ``hours`` is a SupportHours (default: from the environment)."""
    now = ensure_utc(now) if now else utcnow()
    config = config or RealertConfig.from_env()
    if hours is None:
        hours = _support_hours()
    in_hours = hours.is_open(now) if hours is not None else False
    oncall = bool(hours.oncall_chat_id) if hours is not None else _oncall_configured()
    earliest = now - timedelta(minutes=min(config.minutes.values()))
    stmt = (
        select(Escalation)
        .where(
            Escalation.status == "open",
            Escalation.severity.in_(tuple(config.minutes)),
            Escalation.created_at <= earliest,
        )
        .order_by(Escalation.created_at, Escalation.id)
        .limit(MAX_PER_PASS)
    )
    count = 0
    for esc in session.execute(stmt).scalars():
        interval = timedelta(minutes=config.minutes[esc.severity])
        slot = int((now - esc.created_at) / interval)
        if slot < 1:
            continue
        base = f"escalation:{esc.id}:realert:{esc.severity}:{slot}"
        payload = {
            "escalation_id": esc.id,
            "severity": esc.severity,
            "reason": esc.reason,
            "reasons": list(esc.reasons or [esc.reason]),
            "status": esc.status,
            "channel": esc.channel,
            "occurrences": esc.occurrences,
            "created_at": esc.created_at.isoformat(),
            "change": "realert",
            "realert": slot,
            "unacknowledged_minutes": int((now - esc.created_at).total_seconds() // 60),
            "in_hours": in_hours,
        }
        if session.execute(select(Outbox.id).where(Outbox.dedupe_key == base)).first() is not None:
            continue  # this slot was already queued
        _supersede_unsent(session, esc.id, slot, now)
        outbox.enqueue(
            session, "escalation_updated", {**payload, "target": "staff"}, dedupe_key=base, user_id=esc.user_id, now=now
        )
        to_oncall = oncall and not in_hours
        if to_oncall:
            outbox.enqueue(
                session,
                "escalation_updated",
                {**payload, "target": "oncall"},
                dedupe_key=base + ":oncall",
                user_id=esc.user_id,
                now=now,
            )
        record_audit(
            session,
            actor="system",
            action="escalation_realerted",
            escalation_id=esc.id,
            user_id=esc.user_id,
            detail={
                "realert": slot,
                "severity": esc.severity,
                "in_hours": in_hours,
                "oncall": to_oncall,
                "interval_minutes": config.minutes[esc.severity],
            },
            at=now,
        )
        count += 1
    return count
