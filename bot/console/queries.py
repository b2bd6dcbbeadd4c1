"""Database reads and small writes shared by the console pages and the JSON API.

Everything here is blocking (run it with ``asyncio.to_thread``). Dictionaries never
include the person's user key or conversation id: the conversation id is the widget's
session secret, so it stays on the server.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Dict, List, Optional

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, joinedload

from bot.care_reminders.service import adherence_summary
from bot.checkins.service import mood_summary, render_mood_chart
from bot.console.basis import explain
from bot.db.audit import record_audit
from bot.db.models import AuditLog, Checkin, Escalation, Staff
from bot.db.types import utcnow
from bot.escalation import reasons_of
from bot.escalation.service import EscalationNotFound

CHECKIN_HISTORY = 30
MOOD_DAYS = 30


def _iso(value: Optional[datetime]) -> Optional[str]:
    return value.isoformat() if value else None


def escalation_dict(esc: Escalation, now: Optional[datetime] = None) -> Dict[str, Any]:
    """The JSON form of an escalation (list rows, SSE events, detail)."""
    now = now or utcnow()
    user = esc.user
    return {
        "id": esc.id,
        "status": esc.status,
        "severity": esc.severity,
        "reason": esc.reason,
        # every reason merged into this case, crisis first (``reason`` is the first of them)
        "reasons": reasons_of(esc),
        "channel": esc.channel,
        "occurrences": esc.occurrences,
        "excerpt": esc.excerpt,
        # Why the assistant flagged it, each basis with its plain-English rationale (issue 18).
        "basis": explain(esc.basis),
        "assignee": ({"id": esc.assignee.id, "username": esc.assignee.username} if esc.assignee else None),
        "created_at": _iso(esc.created_at),
        "updated_at": _iso(esc.updated_at),
        "last_seen_at": _iso(esc.last_seen_at),
        "acknowledged_at": _iso(esc.acknowledged_at),
        "resolved_at": _iso(esc.resolved_at),
        "resolution_note": esc.resolution_note,
        "age_seconds": max(0, int((now - esc.created_at).total_seconds())),
        "person": {
            "role": user.role if user else None,
            "region": user.region if user else None,
            "channel": user.channel if user else None,
            "handoff_active": bool(user.handoff_active) if user else False,
            "has_conversation": bool(user and user.conversation_id and not user.deleted_at),
        },
    }


def _with_relations(stmt):
    return stmt.options(joinedload(Escalation.user), joinedload(Escalation.assignee))


def list_escalations(session: Session, status: Optional[str], limit: int = 200) -> List[Escalation]:
    stmt = _with_relations(select(Escalation))
    if status:
        stmt = stmt.where(Escalation.status == status)
    stmt = stmt.order_by(Escalation.created_at.desc(), Escalation.id.desc()).limit(limit)
    return list(session.execute(stmt).unique().scalars())


def get_escalation(session: Session, escalation_id: int) -> Escalation:
    esc = (
        session.execute(_with_relations(select(Escalation).where(Escalation.id == escalation_id)))
        .unique()
        .scalar_one_or_none()
    )
    if esc is None:
        raise EscalationNotFound(f"escalation {escalation_id} not found")
    return esc


def changed_since(session: Session, since: datetime, limit: int = 200) -> List[Escalation]:
    """Escalations created or updated at or after ``since`` (for live updates)."""
    stmt = (
        _with_relations(select(Escalation))
        .where(or_(Escalation.updated_at >= since, Escalation.created_at >= since))
        .order_by(Escalation.updated_at, Escalation.id)
        .limit(limit)
    )
    return list(session.execute(stmt).unique().scalars())


def latest_change(session: Session) -> Optional[datetime]:
    return session.execute(
        select(Escalation.updated_at).order_by(Escalation.updated_at.desc()).limit(1)
    ).scalar_one_or_none()


def detail(session: Session, escalation_id: int) -> Dict[str, Any]:
    """Escalation plus the person's check-in history and mood summary."""
    esc = get_escalation(session, escalation_id)
    data = escalation_dict(esc)
    checkins: List[Dict[str, Any]] = []
    summary = None
    if esc.user is not None:
        rows = (
            session.execute(
                select(Checkin)
                .where(Checkin.user_id == esc.user_id)
                .order_by(Checkin.created_at.desc(), Checkin.id.desc())
                .limit(CHECKIN_HISTORY)
            )
            .scalars()
            .all()
        )
        checkins = [
            {
                "score": c.score,
                "mood_word": c.mood_word,
                "note": c.note,
                "source": c.source,
                "created_at": _iso(c.created_at),
            }
            for c in rows
        ]
        summary = mood_summary(session, esc.user.user_key, MOOD_DAYS).to_dict()
        adherence = adherence_summary(session, esc.user.user_key)
    data["checkins"] = checkins
    data["mood"] = summary
    # Medication reminders: taken / skipped / missed over 7 and 28 days (None: no reminders).
    data["adherence"] = adherence if esc.user is not None and adherence["by_reminder"] else None
    return data


def mood_chart(session: Session, escalation_id: int) -> bytes:
    esc = get_escalation(session, escalation_id)
    if esc.user is None:
        raise EscalationNotFound("no person for this escalation")
    return render_mood_chart(session, esc.user.user_key, MOOD_DAYS)


class StaffNotFound(ValueError):
    """The assignee named in a request is not a staff member."""


def assign(session: Session, escalation_id: int, staff_id: Optional[int], actor: str) -> Escalation:
    """Set (or clear, with None) the assignee; audited. The caller commits."""
    esc = session.execute(
        select(Escalation).where(Escalation.id == escalation_id).with_for_update()
    ).scalar_one_or_none()
    if esc is None:
        raise EscalationNotFound(f"escalation {escalation_id} not found")
    if staff_id is not None and session.get(Staff, staff_id) is None:
        raise StaffNotFound("no staff member with that id")
    if esc.assignee_id != staff_id:
        previous = esc.assignee_id
        esc.assignee_id = staff_id
        esc.updated_at = utcnow()
        session.flush()
        record_audit(
            session,
            actor=actor,
            action="escalation_assigned",
            escalation_id=esc.id,
            user_id=esc.user_id,
            detail={"assignee_id": staff_id, "previous": previous},
        )
    return esc


def staff_id_by_username(session: Session, username: str) -> Optional[int]:
    return session.execute(select(Staff.id).where(Staff.username == username.strip().lower())).scalar_one_or_none()


def recent_audit(session: Session, limit: int = 200) -> List[Dict[str, Any]]:
    rows = (
        session.execute(select(AuditLog).order_by(AuditLog.at.desc(), AuditLog.id.desc()).limit(limit)).scalars().all()
    )
    return [
        {
            "id": r.id,
            "at": _iso(r.at),
            "actor": r.actor,
            "action": r.action,
            "escalation_id": r.escalation_id,
            "detail": r.detail_dict,
        }
        for r in rows
    ]
