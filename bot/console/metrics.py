"""Response-time figures for staff: time to acknowledge and to resolve (p50/p90 by severity
and by ISO week), overdue escalations, stuck outbox deliveries, and their CSV export.

Blocking database reads (run them with ``run_db``). Nothing here returns what a person wrote.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from bot.db.models import SEVERITIES, Escalation
from bot.db.types import utcnow
from bot.escalation.realert import RealertConfig
from bot.notify import deliveries as notify_deliveries

DEFAULT_WEEKS = 12
MAX_WEEKS = 104
MAX_ROWS = 20000  # a CSV of two years of escalations at a busy service; refuse nothing, cap the read
REALERT_DEFAULTS = {"critical": 10, "high": 60}
# A cell starting with one of these is read as a formula by spreadsheet programs (OWASP CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


@dataclass(frozen=True)
class RealertMinutes:
    """Minutes an open escalation may wait unacknowledged before it is overdue (and re-alerted)."""

    critical: float = REALERT_DEFAULTS["critical"]
    high: float = REALERT_DEFAULTS["high"]

    def for_severity(self, severity: str) -> Optional[float]:
        return {"critical": self.critical, "high": self.high}.get(severity)

    def as_dict(self) -> Dict[str, Any]:
        # whole minutes print as 10, not 10.0
        return {
            k: int(v) if float(v).is_integer() else v for k, v in (("critical", self.critical), ("high", self.high))
        }


def load_realert_minutes(env: Optional[Mapping[str, str]] = None) -> RealertMinutes:
    """ESCALATION_REALERT_CRITICAL_MINUTES / _HIGH_MINUTES, read exactly as the re-alerter
    reads them (``bot.escalation.realert``), so "overdue" here means "re-alerted" there."""
    minutes = RealertConfig.from_env(env).minutes
    return RealertMinutes(critical=minutes["critical"], high=minutes["high"])


def is_overdue(esc: Escalation, now: datetime, realert: RealertMinutes) -> bool:
    """Open (unacknowledged) for at least its severity's re-alert time."""
    minutes = realert.for_severity(esc.severity)
    return esc.status == "open" and minutes is not None and now - esc.created_at >= timedelta(minutes=minutes)


def percentile(values: Sequence[float], q: float) -> Optional[float]:
    """Nearest-rank percentile (an observed value, so p90 of 3 samples is the slowest)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q * len(ordered)))
    return ordered[rank - 1]


def _seconds(start: datetime, end: Optional[datetime]) -> Optional[float]:
    return None if end is None else max(0.0, (end - start).total_seconds())


def response_seconds(esc: Escalation) -> Dict[str, Optional[float]]:
    """Time to acknowledge (resolving without acknowledging counts as acknowledging) and resolve."""
    acknowledged = esc.acknowledged_at or esc.resolved_at
    return {"tta": _seconds(esc.created_at, acknowledged), "ttr": _seconds(esc.created_at, esc.resolved_at)}


def iso_week(moment: datetime, zone) -> str:
    year, week, _ = moment.astimezone(zone).isocalendar()
    return f"{year}-W{week:02d}"


def escalations_since(session: Session, since: datetime) -> List[Escalation]:
    stmt = (
        select(Escalation)
        .options(joinedload(Escalation.assignee))
        .where(Escalation.created_at >= since)
        .order_by(Escalation.created_at, Escalation.id)
        .limit(MAX_ROWS)
    )
    return list(session.execute(stmt).unique().scalars())


def _summarise(rows: Iterable[Escalation]) -> Dict[str, Any]:
    tta, ttr, count = [], [], 0
    for esc in rows:
        count += 1
        times = response_seconds(esc)
        if times["tta"] is not None:
            tta.append(times["tta"])
        if times["ttr"] is not None:
            ttr.append(times["ttr"])
    return {
        "count": count,
        "acknowledged": len(tta),
        "resolved": len(ttr),
        "tta_p50_seconds": percentile(tta, 0.5),
        "tta_p90_seconds": percentile(tta, 0.9),
        "ttr_p50_seconds": percentile(ttr, 0.5),
        "ttr_p90_seconds": percentile(ttr, 0.9),
    }


def response_metrics(
    session: Session,
    *,
    weeks: int = DEFAULT_WEEKS,
    zone,
    now: Optional[datetime] = None,
    realert: Optional[RealertMinutes] = None,
) -> Dict[str, Any]:
    """p50/p90 time to acknowledge and resolve, by severity and by ISO week (weeks in ``zone``)."""
    now = now or utcnow()
    realert = realert or load_realert_minutes()
    since = now - timedelta(weeks=weeks)
    rows = escalations_since(session, since)
    by_severity = [
        {"severity": sev, **_summarise(e for e in rows if e.severity == sev)} for sev in reversed(SEVERITIES)
    ]
    weeks_seen = sorted({iso_week(e.created_at, zone) for e in rows}, reverse=True)
    by_week = []
    for week in weeks_seen:
        in_week = [e for e in rows if iso_week(e.created_at, zone) == week]
        for sev in reversed(SEVERITIES):
            of_sev = [e for e in in_week if e.severity == sev]
            if of_sev:
                by_week.append({"week": week, "severity": sev, **_summarise(of_sev)})
    overdue = [e.id for e in rows if is_overdue(e, now, realert)]
    # Overdue ones older than the window still count: the window only bounds the statistics.
    overdue += [e.id for e in _old_open(session, since) if is_overdue(e, now, realert)]
    return {
        "generated_at": now.isoformat(),
        "since": since.isoformat(),
        "weeks": weeks,
        "zone": getattr(zone, "key", str(zone)),
        "realert_minutes": realert.as_dict(),
        "by_severity": by_severity,
        "by_week": by_week,
        "overdue_ids": sorted(set(overdue)),
    }


def _old_open(session: Session, since: datetime) -> List[Escalation]:
    stmt = select(Escalation).where(Escalation.created_at < since, Escalation.status == "open").limit(MAX_ROWS)
    return list(session.execute(stmt).scalars())


def stuck_deliveries(
    session: Session, older_than_minutes: int = 5, now: Optional[datetime] = None, limit: int = 200
) -> List[Dict[str, Any]]:
    """Outbox rows not delivered ``older_than_minutes`` after they were queued, oldest first,
    as the notifier defines them (``bot.notify.deliveries``), without their payload."""
    now = now or utcnow()
    rows = notify_deliveries.stuck_deliveries(session, older_than_minutes, now=now, limit=limit)
    return [
        {
            "id": r.id,
            "kind": r.kind,
            "attempts": r.attempts,
            "created_at": r.created_at.isoformat(),
            "next_attempt_at": r.next_attempt_at.isoformat() if r.next_attempt_at else None,
            "age_seconds": max(0, int((now - r.created_at).total_seconds())),
            "last_error": (r.last_error or "")[:500] or None,
            "escalation_id": r.escalation_id,
            "parked": r.parked,
        }
        for r in rows
    ]


# --- CSV -------------------------------------------------------------------------------------


def safe_cell(value: Any) -> str:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return out.getvalue()


ESCALATION_COLUMNS = (
    "id",
    "severity",
    "reason",
    "status",
    "channel",
    "assignee",
    "created_at",
    "acknowledged_at",
    "resolved_at",
    "tta_seconds",
    "ttr_seconds",
    "overdue",
)
SUMMARY_COLUMNS = (
    "week",
    "severity",
    "count",
    "acknowledged",
    "resolved",
    "tta_p50_seconds",
    "tta_p90_seconds",
    "ttr_p50_seconds",
    "ttr_p90_seconds",
)


def _num(value: Optional[float]) -> str:
    return "" if value is None else str(int(round(value)))


def escalations_csv(
    session: Session, *, weeks: int, now: Optional[datetime] = None, realert: Optional[RealertMinutes] = None
) -> str:
    """One row per escalation in the window (no excerpt: the export leaves the console)."""
    now = now or utcnow()
    realert = realert or load_realert_minutes()
    rows = []
    for esc in escalations_since(session, now - timedelta(weeks=weeks)):
        times = response_seconds(esc)
        rows.append(
            (
                esc.id,
                esc.severity,
                esc.reason,
                esc.status,
                esc.channel,
                esc.assignee.username if esc.assignee else "",
                esc.created_at.isoformat(),
                esc.acknowledged_at.isoformat() if esc.acknowledged_at else "",
                esc.resolved_at.isoformat() if esc.resolved_at else "",
                _num(times["tta"]),
                _num(times["ttr"]),
                "yes" if is_overdue(esc, now, realert) else "no",
            )
        )
    return to_csv(ESCALATION_COLUMNS, rows)


def summary_csv(metrics: Dict[str, Any]) -> str:
    rows = [
        [
            r["week"],
            r["severity"],
            r["count"],
            r["acknowledged"],
            r["resolved"],
            *(_num(r[c]) for c in SUMMARY_COLUMNS[5:]),
        ]
        for r in metrics["by_week"]
    ]
    return to_csv(SUMMARY_COLUMNS, rows)


def duration(seconds: Optional[float]) -> str:
    """A short human duration for the page: "—", "45 s", "12 min", "3 h 5 min", "2 d 4 h"."""
    if seconds is None:
        return "—"
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} h {minutes % 60} min" if minutes % 60 else f"{hours} h"
    return f"{hours // 24} d {hours % 24} h"
