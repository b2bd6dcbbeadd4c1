"""Escalations: open (deduplicated), transition, list; spool when the database is down.

Every change writes its audit row and outbox row in the same transaction as the
escalation itself, so a notification exists if and only if the change does.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta
from typing import Any, Dict, List, Optional, Tuple

from sqlalchemy import or_, select
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from bot.db import outbox
from bot.db.audit import record_audit
from bot.db.errors import RETRYABLE, is_outage
from bot.db.models import REASONS, SEVERITIES, STATUSES, Escalation, User
from bot.db.session import session_scope
from bot.db.spool import Spool, SpoolReject
from bot.db.types import ensure_utc, utcnow
from bot.users import get_or_create_user

logger = logging.getLogger(__name__)

EXCERPT_MAX = 1000
PAYLOAD_EXCERPT_MAX = 200
EXCERPT_SEPARATOR = "\n---\n"
SPOOL_KIND = "escalation"
SPOOL_SUBDIR = "escalations"
DISTRESS_ESCALATION_THRESHOLD = 7
_RANK = {name: i for i, name in enumerate(SEVERITIES)}
# Order of an escalation's reasons: what needs a person most urgently first (a crisis is
# never listed after anything else). Reasons not listed here sort after these.
REASON_PRIORITY = (
    "crisis",
    "urgent_symptom",
    "distress_score",
    "caregiver_flag",
    "request_human",
    "missed_doses",
)
# Why a message was flagged (issue 18): a safety rule id ("crisis.method.lethal_dose"),
# "semantic.crisis" / "semantic.urgent_symptom", or "model" (the classifier alone).
BASIS_PATTERN = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*")
BASIS_MAX_LEN = 80
BASIS_MAX_ITEMS = 20  # distinct bases kept per escalation (the most recent ones)
_TRANSITIONS = {
    "open": {"acknowledged", "resolved"},
    "acknowledged": {"resolved"},
    "resolved": set(),
}


class EscalationNotFound(LookupError):
    """No escalation with that id."""


def severity_for(reason: str, score: Optional[int] = None) -> str:
    """Severity for a reason: crisis/urgent critical; distress 7-10 high (below 7 low);
    request_human and caregiver_flag medium."""
    if reason in ("crisis", "urgent_symptom"):
        return "critical"
    if reason == "distress_score":
        if score is None or score >= DISTRESS_ESCALATION_THRESHOLD:
            return "high"
        return "low"
    if reason in ("request_human", "caregiver_flag"):
        return "medium"
    raise ValueError(f"unknown escalation reason: {reason!r}")


def _short(text: Optional[str], limit: int) -> Optional[str]:
    if text is None:
        return None
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _merge_excerpt(old: Optional[str], new: Optional[str]) -> Optional[str]:
    """Append ``new`` to ``old`` (skipping an exact repeat); keep the most recent 1000 chars."""
    new = (new or "").strip()
    if not new:
        return old
    if not old:
        merged = new
    elif old == new or old.endswith(EXCERPT_SEPARATOR + new):
        return old
    else:
        merged = old + EXCERPT_SEPARATOR + new
    if len(merged) > EXCERPT_MAX:
        merged = "…" + merged[-(EXCERPT_MAX - 1) :]
    return merged


def ordered_reasons(reasons) -> List[str]:
    """Distinct reasons, most urgent first (REASON_PRIORITY, crisis first)."""
    unique = list(dict.fromkeys(r for r in reasons if r))
    rank = {name: i for i, name in enumerate(REASON_PRIORITY)}
    return sorted(unique, key=lambda r: rank.get(r, len(rank)))


def reasons_of(esc: Escalation) -> List[str]:
    """Every reason of an escalation, crisis first (``[reason]`` for a row without a list)."""
    return ordered_reasons([*(esc.reasons or []), esc.reason])


def valid_basis(value) -> bool:
    """True for a well-formed basis identifier (see BASIS_PATTERN)."""
    return isinstance(value, str) and 0 < len(value) <= BASIS_MAX_LEN and BASIS_PATTERN.fullmatch(value) is not None


def basis_from_parse(parse_data: Optional[Dict[str, Any]]) -> Optional[str]:
    """Why the NLU flagged a message, from its parse result: the safety rule id
    ("crisis.method.lethal_dose", "semantic.crisis", ...) in ``safety``, else "model" when
    the classifier alone decided (crisis_basis=model, or a crisis/urgent intent with no
    detector finding); None when unknown. Shared by action_escalate and the backstop."""
    parse_data = parse_data if isinstance(parse_data, dict) else {}
    safety = parse_data.get("safety")
    rule_id = safety.get("rule_id") if isinstance(safety, dict) else None
    if valid_basis(rule_id):
        return rule_id
    basis = next(
        (
            e.get("value")
            for e in parse_data.get("entities") or []
            if isinstance(e, dict) and e.get("entity") == "crisis_basis"
        ),
        None,
    )
    if basis == "model":
        return "model"
    intent = (parse_data.get("intent") or {}).get("name") if isinstance(parse_data.get("intent"), dict) else None
    if basis is None and not isinstance(safety, dict) and intent in ("crisis", "urgent_symptom"):
        return "model"
    return None


def merged_basis(old: Optional[List[str]], new: Optional[str]) -> Optional[List[str]]:
    """Every distinct basis in order of arrival (a repeat keeps its first place); None when
    there is none. At most BASIS_MAX_ITEMS, dropping the oldest."""
    merged = list(dict.fromkeys([*(old or []), *([new] if new else [])]))
    return merged[-BASIS_MAX_ITEMS:] or None


def _payload(esc: Escalation, **extra) -> dict:
    data = {
        "escalation_id": esc.id,
        "severity": esc.severity,
        "reason": esc.reason,
        "reasons": reasons_of(esc),
        "status": esc.status,
        "channel": esc.channel,
        "occurrences": esc.occurrences,
        "excerpt": _short(esc.excerpt, PAYLOAD_EXCERPT_MAX),
        "created_at": esc.created_at.isoformat(),
    }
    data.update(extra)
    return data


def _find_recent_open(session: Session, user_id: int, cutoff: datetime) -> Optional[Escalation]:
    stmt = (
        select(Escalation)
        .where(
            Escalation.user_id == user_id,
            Escalation.status.in_(("open", "acknowledged")),
            or_(Escalation.created_at >= cutoff, Escalation.last_seen_at >= cutoff),
        )
        .order_by(Escalation.last_seen_at.desc(), Escalation.id.desc())
        .limit(1)
    )
    return session.execute(stmt).scalar_one_or_none()


def open_escalation(
    session: Session,
    *,
    user_key: str,
    channel: str,
    severity: str,
    reason: str,
    excerpt: Optional[str],
    now: Optional[datetime] = None,
    dedup_minutes: Optional[int] = None,
    conversation_id: Optional[str] = None,
    basis: Optional[str] = None,
) -> Tuple[Escalation, bool]:
    """Open an escalation, or fold a repeat into the recent unresolved one.

    ``basis`` says why the assistant flagged the message (a safety rule id, "model", ...);
    a merge keeps every basis seen. Returns ``(escalation, created)``. The caller commits.
    """
    if severity not in SEVERITIES:
        raise ValueError(f"severity must be one of {SEVERITIES}")
    if reason not in REASONS:
        raise ValueError(f"reason must be one of {REASONS}")
    if basis is not None and not valid_basis(basis):
        raise ValueError("basis must be a short identifier such as a safety rule id")
    now = ensure_utc(now) if now else utcnow()
    if dedup_minutes is None:
        from bot.config import core_settings

        dedup_minutes = core_settings().escalation_dedup_minutes
    user = get_or_create_user(session, user_key, channel, conversation_id=conversation_id)
    # Serialise concurrent openers for the same person (row lock; no-op on SQLite).
    session.execute(select(User.id).where(User.id == user.id).with_for_update()).first()
    excerpt = _short(excerpt, EXCERPT_MAX) if excerpt else None

    existing = _find_recent_open(session, user.id, now - timedelta(minutes=dedup_minutes))
    if existing is None:
        esc = Escalation(
            user_id=user.id,
            severity=severity,
            reason=reason,
            reasons=[reason],
            basis=merged_basis(None, basis),
            status="open",
            excerpt=excerpt,
            channel=channel,
            occurrences=1,
            created_at=now,
            updated_at=now,
            last_seen_at=now,
        )
        session.add(esc)
        session.flush()
        record_audit(
            session,
            actor="bot",
            action="escalation_opened",
            escalation_id=esc.id,
            user_id=user.id,
            detail={"severity": severity, "reason": reason, "channel": channel},
            at=now,
        )
        outbox.enqueue(
            session,
            "escalation_opened",
            _payload(esc),
            dedupe_key=f"escalation:{esc.id}:opened",
            user_id=user.id,
            now=now,
        )
        return esc, True

    # Severity and reasons only ever go up: the highest severity seen, every reason seen
    # (crisis first), and ``reason`` is the most urgent of them (issue 19).
    raised = _RANK[severity] > _RANK[existing.severity]
    previous = existing.severity
    before = reasons_of(existing)
    reasons = ordered_reasons([*before, reason])
    added = reason not in before
    existing.occurrences += 1
    existing.last_seen_at = max(existing.last_seen_at, now)
    existing.updated_at = max(existing.updated_at, now)
    existing.excerpt = _merge_excerpt(existing.excerpt, excerpt)
    if raised:
        existing.severity = severity
    existing.reasons = reasons
    existing.reason = reasons[0]
    existing.basis = merged_basis(existing.basis, basis)
    session.flush()
    if raised:
        action = "escalation_severity_raised"
    elif added:
        action = "escalation_reason_added"
    else:
        action = "escalation_repeated"
    record_audit(
        session,
        actor="bot",
        action=action,
        escalation_id=existing.id,
        user_id=user.id,
        detail={
            "severity": existing.severity,
            "previous_severity": previous,
            "reason": reason,
            "reasons": reasons,
            "occurrences": existing.occurrences,
        },
        at=now,
    )
    if raised or added:
        # The notifier posts a fresh alert when the severity rose or the new reason is now
        # the most urgent one (an edit notifies nobody), and edits the alert otherwise.
        change = "severity_raised" if raised else "reason_added"
        key = f"severity:{existing.severity}" if raised else f"reason:{reason}"
        outbox.enqueue(
            session,
            "escalation_updated",
            _payload(
                existing,
                change=change,
                added_reason=reason if added else None,
                top_reason_changed=added and reasons[0] == reason,
            ),
            dedupe_key=f"escalation:{existing.id}:{key}",
            user_id=user.id,
            now=now,
        )
    return existing, False


def get_escalation(session: Session, escalation_id: int) -> Optional[Escalation]:
    """The escalation with this id, or None."""
    return session.get(Escalation, escalation_id)


def list_escalations(session: Session, status: Optional[str] = None, limit: int = 200) -> List[Escalation]:
    """Newest first, optionally only one status."""
    stmt = select(Escalation).order_by(Escalation.created_at.desc(), Escalation.id.desc())
    if status is not None:
        if status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}")
        stmt = stmt.where(Escalation.status == status)
    return list(session.execute(stmt.limit(limit)).scalars())


def transition(
    session: Session,
    escalation_id: int,
    *,
    status: str,
    actor: str,
    note: Optional[str] = None,
    assignee_id: Optional[int] = None,
    now: Optional[datetime] = None,
) -> Escalation:
    """Move an escalation open→acknowledged→resolved (or open→resolved).

    Repeating the current status is a no-op apart from its audit row; anything else
    raises ValueError. The caller commits.
    """
    if status not in STATUSES:
        raise ValueError(f"status must be one of {STATUSES}")
    if not actor:
        raise ValueError("actor is required")
    esc = session.execute(
        select(Escalation).where(Escalation.id == escalation_id).with_for_update()
    ).scalar_one_or_none()
    if esc is None:
        raise EscalationNotFound(f"escalation {escalation_id} not found")
    now = ensure_utc(now) if now else utcnow()
    previous = esc.status
    if status == previous:
        record_audit(
            session,
            actor=actor,
            action=f"escalation_{status}_noop",
            escalation_id=esc.id,
            user_id=esc.user_id,
            detail={"status": status},
            at=now,
        )
        return esc
    if status not in _TRANSITIONS[previous]:
        raise ValueError(f"cannot move escalation from {previous} to {status}")
    esc.status = status
    esc.updated_at = now
    if assignee_id is not None:
        esc.assignee_id = assignee_id
    if status == "acknowledged":
        esc.acknowledged_at = now
    elif status == "resolved":
        esc.resolved_at = now
        if note:
            esc.resolution_note = note.strip()[:EXCERPT_MAX]
    session.flush()
    record_audit(
        session,
        actor=actor,
        action=f"escalation_{status}",
        escalation_id=esc.id,
        user_id=esc.user_id,
        detail={"from": previous, "to": status, "assignee_id": esc.assignee_id, "with_note": bool(note)},
        at=now,
    )
    payload = _payload(esc, change=status, actor=actor)
    payload.pop("excerpt")
    outbox.enqueue(
        session,
        "escalation_updated",
        payload,
        dedupe_key=f"escalation:{esc.id}:{status}",
        user_id=esc.user_id,
        now=now,
    )
    return esc


# --- database down: spool and replay -------------------------------------------------


def spool_for(settings) -> Spool:
    """The escalation spool under ``settings.spool_dir``."""
    return Spool(settings.spool_dir / SPOOL_SUBDIR)


def record_or_spool(settings, **kwargs) -> Optional[Tuple[Escalation, bool]]:
    """``open_escalation`` in its own transaction; on a database outage spool it and return None."""
    kwargs = dict(kwargs)
    kwargs["now"] = ensure_utc(kwargs.get("now")) if kwargs.get("now") else utcnow()
    kwargs.setdefault("dedup_minutes", settings.escalation_dedup_minutes)
    try:
        with session_scope(settings.database_url) as session:
            return open_escalation(session, **kwargs)
    except RETRYABLE as exc:
        if not is_outage(exc):
            raise
        record = dict(kwargs, now=kwargs["now"].isoformat())
        path = spool_for(settings).append(SPOOL_KIND, record)
        logger.warning("escalation spooled (database unavailable): %s (%s)", path.name, type(exc).__name__)
        return None


def _replay(settings):
    def handle(kind: str, record: dict) -> None:
        if kind != SPOOL_KIND:
            raise SpoolReject(f"unexpected kind {kind!r}")
        kwargs = dict(record)
        try:
            kwargs["now"] = datetime.fromisoformat(kwargs["now"])
            with session_scope(settings.database_url) as session:
                open_escalation(session, **kwargs)
        except (TypeError, ValueError, KeyError, IntegrityError, DataError) as exc:
            raise SpoolReject(type(exc).__name__) from exc

    return handle


def drain_spool(settings) -> int:
    """Replay spooled escalations into the database; returns how many were applied."""
    return spool_for(settings).drain(_replay(settings))
