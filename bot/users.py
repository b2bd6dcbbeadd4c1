"""Users: find-or-create by pseudonymous key, and small setting helpers."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Optional

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.db.audit import record_audit
from bot.db.models import ROLES, User
from bot.db.types import ensure_utc, utcnow

_REGION = re.compile(r"^[A-Z]{2}$")
_KEY = re.compile(r"^[0-9a-f]{64}$")


def _check_role(role: Optional[str]) -> Optional[str]:
    if role is not None and role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    return role


def _check_region(region: Optional[str]) -> Optional[str]:
    if region is None:
        return None
    region = region.strip().upper()
    if not _REGION.match(region):
        raise ValueError("region must be a two-letter code such as US, UK, CA, AU or EU")
    return region


def get_user(session: Session, user_key: str) -> Optional[User]:
    """The user with this key, or None."""
    return session.execute(select(User).where(User.user_key == user_key)).scalar_one_or_none()


def get_or_create_user(
    session: Session,
    user_key: str,
    channel: str,
    role: Optional[str] = None,
    region: Optional[str] = None,
    conversation_id: Optional[str] = None,
) -> User:
    """Return the user for ``user_key``, creating it; role/region only fill empty fields.

    ``conversation_id`` (the Rasa sender id) is kept current when given."""
    if not _KEY.match(user_key or ""):
        raise ValueError("user_key must be a 64-char HMAC hex digest (see bot.privacy.user_key)")
    role, region = _check_role(role), _check_region(region)
    user = get_user(session, user_key)
    if user is None:
        candidate = User(
            user_key=user_key,
            channel=channel,
            role=role,
            region=region,
            created_at=utcnow(),
            conversation_id=conversation_id,
        )
        try:  # another process may create the same user at the same moment
            with session.begin_nested():
                session.add(candidate)
            return candidate
        except IntegrityError:
            user = get_user(session, user_key)
            if user is None:
                raise
    if conversation_id and user.conversation_id != conversation_id:
        user.conversation_id = conversation_id
    if role and not user.role:
        user.role = role
    if region and not user.region:
        user.region = region
    return user


def _require(session: Session, user_key: str) -> User:
    user = get_user(session, user_key)
    if user is None:
        raise LookupError("no such user")
    return user


def set_role(session: Session, user_key: str, role: str) -> User:
    """Set 'patient' or 'caregiver'."""
    user = _require(session, user_key)
    user.role = _check_role(role)
    return user


def set_region(session: Session, user_key: str, region: str) -> User:
    """Set the region used to choose crisis lines (e.g. US, UK, CA, AU, EU)."""
    user = _require(session, user_key)
    user.region = _check_region(region)
    return user


def record_consent(session: Session, user_key: str, at: Optional[datetime] = None) -> User:
    """Record that the person accepted the privacy notice."""
    user = _require(session, user_key)
    user.consent_at = ensure_utc(at) if at else utcnow()
    record_audit(session, actor="bot", action="consent_recorded", user_id=user.id)
    return user


def set_handoff(session: Session, user_key: str, active: bool, actor: str = "bot") -> User:
    """Pause (True) or resume (False) the bot for this person while staff take over."""
    user = _require(session, user_key)
    if user.handoff_active != bool(active):
        user.handoff_active = bool(active)
        record_audit(
            session,
            actor=actor,
            action="handoff_started" if active else "handoff_ended",
            user_id=user.id,
        )
    return user
