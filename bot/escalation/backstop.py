"""Safety backstop inside the Rasa server: crisis and red-flag messages are spooled
even if ``action_escalate`` never runs (action server down, timeout, crash).

``SafetyBackstopBroker`` is a Rasa event broker (``event_broker: type:
bot.escalation.backstop.SafetyBackstopBroker`` in endpoints.yml). For every user
message classified ``crisis`` or ``urgent_symptom`` it appends a record to a local,
fsynced spool; it can also forward all events to an inner broker (e.g. RabbitMQ in
the production profile). ``replay_backstop`` (run by the scheduler) turns records into
escalations, skipping those the action already recorded: an unresolved escalation of
that person last seen at or after the message time means the action got there first.
"""

from __future__ import annotations

import logging
from asyncio import AbstractEventLoop
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, Optional

from sqlalchemy import select

from bot.config import Settings, core_settings
from bot.db.models import Escalation
from bot.db.session import session_scope
from bot.db.spool import Spool, SpoolReject
from bot.escalation.service import basis_from_parse, open_escalation, severity_for
from bot.identity import identify
from bot.users import get_user

logger = logging.getLogger(__name__)
SAFETY_INTENTS = {"crisis": "crisis", "urgent_symptom": "urgent_symptom"}
KIND = "backstop_escalation"
SPOOL_SUBDIR = "backstop"
# The action runs within the same turn; allow for clock granularity between processes.
SAME_TURN_SLACK = timedelta(seconds=2)

try:  # the broker only exists inside a Rasa process; the replay needs no Rasa
    from rasa.core.brokers.broker import EventBroker
except ImportError:  # pragma: no cover
    EventBroker = object  # type: ignore


def backstop_spool(settings: Settings) -> Spool:
    return Spool(settings.spool_dir / SPOOL_SUBDIR)


def record_from_event(event: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    """The spool record for a Rasa ``user`` event that needs an escalation, else None."""
    if event.get("event") != "user":
        return None
    intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
    reason = SAFETY_INTENTS.get(intent or "")
    if reason is None:
        return None
    key, channel = identify(str(event.get("sender_id")), event.get("metadata"), event.get("input_channel"))
    at = datetime.fromtimestamp(
        float(event.get("timestamp") or 0) or datetime.now(timezone.utc).timestamp(), timezone.utc
    )
    return {
        "user_key": key,
        "channel": channel,
        "reason": reason,
        "severity": severity_for(reason),
        "excerpt": (event.get("text") or "")[:1000],
        "at": at.isoformat(),
        "conversation_id": str(event.get("sender_id")),
        "basis": basis_from_parse(event.get("parse_data")),
    }


class SafetyBackstopBroker(EventBroker):
    """Spools safety-relevant user messages; forwards everything to an optional inner broker."""

    def __init__(self, spool: Spool, inner: Optional[Any] = None) -> None:
        self.spool = spool
        self.inner = inner

    @classmethod
    async def from_endpoint_config(cls, broker_config: Any, event_loop: Optional[AbstractEventLoop] = None):
        inner = None
        inner_config = (broker_config.kwargs or {}).get("inner") if broker_config else None
        if inner_config:
            from rasa.utils.endpoints import EndpointConfig

            inner = await EventBroker.create(EndpointConfig.from_dict(inner_config), event_loop)
        return cls(backstop_spool(core_settings()), inner)

    def publish(self, event: Dict[str, Any]) -> None:
        try:
            record = record_from_event(event)
            if record is not None:
                self.spool.append(KIND, record)
        except Exception:  # never break the conversation; the action path still runs
            logger.exception("safety backstop could not spool an event")
        if self.inner is not None:
            try:  # RabbitMQ down must not cost the person their answer
                self.inner.publish(event)
            except Exception as exc:
                logger.error("inner event broker failed (%s); event not forwarded", type(exc).__name__)

    def is_ready(self) -> bool:
        return self.inner.is_ready() if self.inner is not None else True

    async def close(self) -> None:
        if self.inner is not None:
            await self.inner.close()


def _already_recorded(session, user_key: str, at: datetime) -> bool:
    user = get_user(session, user_key)
    if user is None:
        return False
    found = session.execute(
        select(Escalation.id).where(
            Escalation.user_id == user.id,
            Escalation.status != "resolved",
            Escalation.last_seen_at >= at - SAME_TURN_SLACK,
        )
    ).first()
    return found is not None


def replay_backstop(settings: Optional[Settings] = None) -> int:
    """Record spooled safety messages the action path missed. Returns records processed."""
    settings = settings or core_settings()

    def handle(kind: str, record: Dict[str, Any]) -> None:
        if kind != KIND:
            raise SpoolReject(f"unexpected kind {kind!r}")
        try:
            at = datetime.fromisoformat(record["at"])
            with session_scope(settings.database_url) as session:
                if _already_recorded(session, record["user_key"], at):
                    return
                open_escalation(
                    session,
                    user_key=record["user_key"],
                    channel=record["channel"],
                    severity=record["severity"],
                    reason=record["reason"],
                    excerpt=record["excerpt"],
                    now=at,
                    dedup_minutes=settings.escalation_dedup_minutes,
                    conversation_id=record.get("conversation_id"),
                    basis=record.get("basis"),
                )
        except (KeyError, ValueError, TypeError) as exc:
            raise SpoolReject(type(exc).__name__) from exc

    return backstop_spool(settings).drain(handle)
