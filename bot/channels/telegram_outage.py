"""What the Telegram polling worker does with a message while Rasa cannot take it (issue 19).

- A message the stateless safety detector (:func:`bot.safety.detector.assess`) reads as a
  crisis or an urgent symptom is answered at once by the worker itself, with the domain's
  own crisis lines / emergency advice for the person's region
  (:mod:`bot.channels.safety_replies`), and its escalation is recorded, or spooled when the
  database is down too (:func:`bot.escalation.service.record_or_spool`; the scheduler
  replays the spool). The update then counts as handled: **it is not sent to Rasa when Rasa
  is back**, so the person is never answered twice. Rasa's transcript does not hold that
  one message; staff see it in the escalation's excerpt.
- Any other message is *held*: the worker does not confirm it to Telegram and sends it to
  Rasa, in order, once Rasa answers again (see :mod:`bot.channels.telegram_worker`). The
  first held message of a chat in an outage gets one short notice with the safety line.
  Later messages of a chat that has a held one are held too (order), except a crisis.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Dict, Optional, Set

from sqlalchemy import select
from telegram import Bot, Update

from bot.channels.safety_replies import safety_texts
from bot.channels.telegram_api import CHANNEL, call_with_retry, quietly
from bot.channels.telegram_bridge import UNAVAILABLE_REPLY
from bot.db.models import User
from bot.db.session import session_scope
from bot.identity import identify
from bot.safety.detector import SafetyFinding, assess

logger = logging.getLogger(__name__)

# The second sentence is the worker's existing safety line (telegram_bridge.UNAVAILABLE_REPLY).
HOLD_NOTICE = (
    "I'm restarting and will answer your message as soon as I'm back, usually within a "
    "minute or two. If you feel unsafe or have an urgent symptom, please call your care "
    "team or your local emergency number now."
)


class OutagePolicy:
    """Per-process state of an outage: which updates are held, which chats were told."""

    def __init__(self, database_url: Optional[str] = None, settings_loader=None) -> None:
        self.database_url = database_url
        self._settings_loader = settings_loader
        self.rasa_down = False
        self.held: Set[int] = set()  # update ids held in the current batch
        self.holding_chats: Set[int] = set()  # chats with a held update in the current batch
        self._noticed: Set[int] = set()  # chats told about this outage

    # -- batch bookkeeping (the worker) ---------------------------------------------------

    def start_batch(self, rasa_down: bool) -> None:
        self.rasa_down = rasa_down
        self.held.clear()
        self.holding_chats.clear()
        if not rasa_down:
            self._noticed.clear()

    def must_hold(self, chat_id: int) -> bool:
        """True when Rasa is known down or an earlier message of this chat is held."""
        return self.rasa_down or chat_id in self.holding_chats

    # -- one message ------------------------------------------------------------------------

    def _settings(self):
        if self._settings_loader is not None:
            return self._settings_loader()
        from bot.config import core_settings

        return core_settings()

    def _region_sync(self, user_key: str, default: str) -> str:
        try:
            with session_scope(self.database_url) as session:
                region = session.execute(select(User.region).where(User.user_key == user_key)).scalar()
        except Exception as exc:  # noqa: BLE001 - database down too: the default region
            logger.warning("region lookup failed (%s); default region used", type(exc).__name__)
            return default
        return region or default

    def _record_sync(self, finding: SafetyFinding, user_key: str, sender_id: str, text: str) -> str:
        """Record the escalation (or spool it); returns "stored" or "spooled"."""
        import dataclasses

        from bot.escalation.service import record_or_spool, severity_for

        settings = self._settings()
        if self.database_url:
            settings = dataclasses.replace(settings, database_url=self.database_url)
        reason = "crisis" if finding.kind == "crisis" else "urgent_symptom"
        result = record_or_spool(
            settings,
            user_key=user_key,
            channel=CHANNEL,
            severity=severity_for(reason),
            reason=reason,
            excerpt=text[:1000],
            conversation_id=sender_id,
        )
        return "stored" if result is not None else "spooled"

    async def answer_if_urgent(self, bot: Bot, chat_id: int, sender_id: str, text: str) -> bool:
        """Crisis / urgent symptom: safety replies from the domain, escalation recorded or
        spooled; True when it did (the message is then handled)."""
        finding = None if text.startswith("/") else assess(text)
        if finding is None:
            return False
        user_key = identify(sender_id, {"channel": CHANNEL}, CHANNEL)[0]
        default_region = getattr(self._settings(), "default_region", "US")
        region = await asyncio.to_thread(self._region_sync, user_key, default_region)
        texts = safety_texts(finding, region)
        for reply in texts or [UNAVAILABLE_REPLY]:
            await call_with_retry(lambda reply=reply: bot.send_message(chat_id, reply))
        try:
            outcome = await asyncio.to_thread(self._record_sync, finding, user_key, sender_id, text)
        except Exception:  # noqa: BLE001 - the person has the lines; staff must not miss it
            logger.exception("escalation during a Rasa outage could not be recorded or spooled")
            raise
        logger.warning("Rasa unreachable: %s answered by the worker, escalation %s", finding.kind, outcome)
        return True

    async def hold(self, bot: Bot, update: Update, chat_id: int) -> None:
        """Keep the update for Rasa; tell the person once per outage."""
        self.held.add(update.update_id)
        self.holding_chats.add(chat_id)
        if chat_id not in self._noticed:
            self._noticed.add(chat_id)
            await quietly(bot.send_message(chat_id, HOLD_NOTICE))

    async def on_unreachable(
        self, bot: Bot, update: Update, chat_id: int, sender_id: str, text: str, metadata: Dict[str, Any]
    ) -> None:
        """Rasa cannot take this message: answer a crisis / urgent symptom, hold the rest."""
        if await self.answer_if_urgent(bot, chat_id, sender_id, text):
            return
        await self.hold(bot, update, chat_id)
