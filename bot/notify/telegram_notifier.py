"""Telegram notifier: ``python -m bot notifier [--once]``.

Delivers outbox rows (at-least-once):

- ``escalation_opened`` / ``escalation_updated`` -> one alert per escalation in the staff
  chat (TELEGRAM_STAFF_CHAT_ID): severity, every reason (crisis first), channel, excerpt,
  escalation id — never
  a raw id — with Acknowledge / Resolve buttons (``esc:ack:<id>`` / ``esc:res:<id>``).
  The alert always shows the escalation's *current* state read from the database; its
  Telegram message_id is kept in ``telegram_alerts``, so later updates (a status change
  from the console or a staff button) edit that one message in place. A raised severity,
  or a new reason that is now the most urgent (a crisis after an urgent symptom), posts a
  fresh alert, because an edit does not notify anybody; a less urgent new reason edits.
- ``escalation_updated`` with ``change = "realert"`` (queued by bot/escalation/realert.py
  while nobody acknowledges): a fresh alert with a RE-ALERT line in the staff chat, or,
  for ``target = "oncall"``, a copy without buttons in ONCALL_TELEGRAM_CHAT_ID; skipped
  when the escalation is no longer open by the time it is delivered.
- ``reminder`` (users on Telegram) -> the check-in reminder with a "Check in now" button
  (payload ``/start_checkin``) in the person's chat, found in the encrypted address book.
- ``care_reminder`` (users on Telegram) -> a medication dose (Taken / Snooze 30 min / Skip
  buttons whose payloads go back to Rasa as ``/reminder_reply{...}``), its one gentle
  follow-up, or an appointment reminder: ``payload.text`` + ``payload.buttons`` as written by
  ``bot.care_reminders.service.plan_due``.
- ``staff_message`` (users on Telegram) -> a staff reply during a handoff: ``payload.text``
  as plain text in the person's chat (same address book lookup). Person rows must carry
  ``user_id`` (the users row tells the channel).

Delivery: a row is *claimed* by moving its ``next_attempt_at`` a lease into the future
(a conditional UPDATE, so two notifiers never send the same row at once) and counting the
attempt. It is marked sent, together with the alert's message_id, only after Telegram
confirmed the message. 5xx, timeouts and network errors retry with exponential backoff
(``NOTIFIER_BACKOFF_BASE`` doubling up to ``NOTIFIER_BACKOFF_CAP``); a 429 waits exactly
``retry_after``; both also pause the rest of the pass. ``attempts``, ``next_attempt_at`` and
``last_error`` stay on the row. Escalation alerts are retried for ever; a message to a
person that cannot be delivered (no address, bot blocked, refused too often) is parked
with ``last_error = "gave up: ..."`` and a far-future ``next_attempt_at``.

Trade-off: if the process dies after Telegram accepted an alert but before the database
commit that records it, the row is redelivered and the staff chat shows that alert twice
(the text carries the escalation id, so the duplicate is recognisable; later updates edit
the newer one). Nothing is ever lost; a duplicate is the price.

Staff buttons: the Telegram worker / webhook pass :func:`handle_staff_callback` to their
``TelegramBridge`` as its ``staff_callback``; only presses from the staff chat are accepted; the
escalation moves with actor ``staff-telegram:<hashed Telegram user id>`` (audit row written
by the escalation service), the alert is edited to the new state and the press answered.
"""

from __future__ import annotations

import asyncio
import logging
import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List, Optional, Tuple

from sqlalchemy import and_, func, or_, select, update
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import (
    BadRequest,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.request import HTTPXRequest

from bot.channels import address_book
from bot.channels.telegram_api import (
    CHANNEL,
    api_call,
    build_keyboard,
    hide_token_in_logs,
    message_id_of,
    quietly,
    send_text,
    split_text,
)
from bot.channels.telegram_process import api_base_url, staff_chat_id_from_env, stop_event_on_signals
from bot.config import ConfigError, Settings, core_settings
from bot.db.models import Outbox, User
from bot.db.models_channels import TelegramAlert
from bot.db.session import session_scope
from bot.db.types import utcnow
from bot.escalation.service import get_escalation, ordered_reasons, reasons_of, transition
from bot.privacy.pseudonym import user_key
from bot.settings import value as settings_value

logger = logging.getLogger(__name__)

ESCALATION_KINDS = ("escalation_opened", "escalation_updated")
PERSON_KINDS = ("reminder", "care_reminder", "staff_message")  # to one person's own chat (rows carry user_id)
LEASE = timedelta(seconds=120)
PARKED = timedelta(days=3650)
PERSON_MAX_REFUSALS = 8  # a person's message Telegram keeps refusing is parked after this
REMINDER_TEXT = "Hello — it's time for your check-in. How are you feeling today? It only takes a moment."
REMINDER_BUTTONS = [{"title": "Check in now", "payload": "/start_checkin"}]
STAFF_ONLY_ANSWER = "Only the support team can use this button."
EXCERPT_SHOWN = 300

SEVERITY_MARK = {"critical": "🚨", "high": "🔴", "medium": "🟠", "low": "🟡"}
REASON_LABEL = {
    "crisis": "crisis",
    "urgent_symptom": "urgent symptom",
    "distress_score": "high distress score",
    "request_human": "asked for a person",
    "caregiver_flag": "caregiver is worried",
}
ACTIONS = {"ack": "acknowledged", "res": "resolved"}
_CALLBACK = re.compile(r"^esc:(ack|res):(\d{1,12})$")


# --------------------------------------------------------------------------- rendering


def staff_actor(telegram_user_id: int) -> str:
    """Audit actor for a staff member pressing a button: a hash, never the Telegram id."""
    return "staff-telegram:" + user_key(CHANNEL, telegram_user_id)[:16]


def _clock(value: Any) -> str:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return ""
    return value.strftime("%Y-%m-%d %H:%M UTC") if isinstance(value, datetime) else ""


def _escalation_view(esc: Any) -> Dict[str, Any]:
    """The fields an alert shows, from an Escalation row."""
    return {
        "id": esc.id,
        "severity": esc.severity,
        "reason": esc.reason,
        "reasons": reasons_of(esc),
        "status": esc.status,
        "channel": esc.channel,
        "excerpt": esc.excerpt,
        "occurrences": esc.occurrences,
        "created_at": esc.created_at,
        "acknowledged_at": esc.acknowledged_at,
        "resolved_at": esc.resolved_at,
    }


def realert_banner(payload: Dict[str, Any]) -> str:
    """First line of a re-alert: how long nobody has acknowledged it, and whether the
    service is outside support hours (then the on-call chat has it too)."""
    minutes = payload.get("unacknowledged_minutes")
    line = f"⏰ RE-ALERT {payload.get('realert', '')}: not acknowledged"
    if isinstance(minutes, int):
        line += f" after {minutes} min" if minutes >= 1 else " after less than a minute"
    if payload.get("in_hours") is False:
        line += " · outside support hours"
    return line


def render_alert(
    view: Dict[str, Any], banner: Optional[str] = None, buttons_allowed: bool = True
) -> Tuple[str, Optional[InlineKeyboardMarkup]]:
    """Alert text (plain, no parse_mode) and the buttons that fit the status; ``banner``
    goes first (re-alerts); ``buttons_allowed=False`` for chats other than the staff chat,
    where the buttons would be refused."""
    esc_id, status = view["id"], view.get("status") or "open"
    severity = view.get("severity") or "high"
    # every reason, crisis first (an older outbox payload may carry only ``reason``)
    reasons = ordered_reasons([*(view.get("reasons") or []), view.get("reason")])
    label = ", ".join(REASON_LABEL.get(r, r) for r in reasons) or "escalation"
    lines = [banner] if banner else []
    lines += [
        f"{SEVERITY_MARK.get(severity, '⚠️')} {severity.upper()} — {label}",
        f"Escalation #{esc_id} · {status.upper()}",
    ]
    details = [f"channel: {view.get('channel') or '?'}"]
    if view.get("created_at"):
        details.append(f"opened {_clock(view['created_at'])}")
    if (view.get("occurrences") or 1) > 1:
        details.append(f"{view['occurrences']} messages")
    lines.append(" · ".join(details))
    excerpt = (view.get("excerpt") or "").strip()
    if excerpt:
        if len(excerpt) > EXCERPT_SHOWN:
            excerpt = excerpt[: EXCERPT_SHOWN - 1] + "…"
        lines.append(f"“{excerpt}”")
    if status == "acknowledged" and view.get("acknowledged_at"):
        lines.append(f"Acknowledged {_clock(view['acknowledged_at'])}")
    if status == "resolved" and view.get("resolved_at"):
        lines.append(f"Resolved {_clock(view['resolved_at'])}")
    if status != "resolved":
        lines.append("Open the staff console for the conversation.")
    text = split_text("\n".join(lines))[0]
    buttons: List[InlineKeyboardButton] = []
    if not buttons_allowed:
        return text, None
    if status == "open":
        buttons.append(InlineKeyboardButton("Acknowledge", callback_data=f"esc:ack:{esc_id}"))
    if status in ("open", "acknowledged"):
        buttons.append(InlineKeyboardButton("Resolve", callback_data=f"esc:res:{esc_id}"))
    return text, (InlineKeyboardMarkup([buttons]) if buttons else None)


# --------------------------------------------------------------------------- alert edits


async def edit_alert(
    bot: Bot, chat_id: int, message_id: int, text: str, markup: Optional[InlineKeyboardMarkup]
) -> None:
    """editMessageText (keyboard included); "message is not modified" counts as done."""
    try:
        await api_call(bot, "editMessageText", chat_id=chat_id, message_id=message_id, text=text, reply_markup=markup)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


# --------------------------------------------------------------------------- alert records


def _chat_key(chat_id: int) -> str:
    return user_key(CHANNEL, chat_id)


def _alert_for(session, escalation_id: int, chat_key: str) -> Optional[TelegramAlert]:
    alert = session.get(TelegramAlert, escalation_id)
    return alert if alert is not None and alert.chat_key == chat_key else None


def _record_alert(session, escalation_id: int, chat_key: str, message_id: int, status: str, severity: str) -> None:
    now = utcnow()
    alert = session.get(TelegramAlert, escalation_id)
    if alert is None:
        session.add(
            TelegramAlert(
                escalation_id=escalation_id,
                chat_key=chat_key,
                message_id=message_id,
                shown_status=status,
                shown_severity=severity,
                created_at=now,
                updated_at=now,
            )
        )
        return
    alert.chat_key, alert.message_id = chat_key, message_id
    alert.shown_status, alert.shown_severity, alert.updated_at = status, severity, now


# --------------------------------------------------------------------------- staff buttons


def apply_staff_action(
    escalation_id: int,
    status: str,
    actor: str,
    chat_id: int,
    message_id: Optional[int],
    database_url: Optional[str] = None,
) -> Tuple[Dict[str, Any], Optional[str]]:
    """Move the escalation (audit row by the service) and remember the pressed alert as
    showing the new state. Returns (alert view, note when the move was not possible)."""
    note = None
    with session_scope(database_url) as session:
        try:
            esc = transition(session, escalation_id, status=status, actor=actor)
        except ValueError:  # e.g. acknowledging a resolved escalation
            esc = get_escalation(session, escalation_id)
            note = f"already {esc.status}"
        if message_id is not None:
            _record_alert(session, esc.id, _chat_key(chat_id), message_id, esc.status, esc.severity)
        return _escalation_view(esc), note


async def handle_staff_callback(
    update: Update, bot: Bot, *, staff_chat_id: Optional[int], database_url: Optional[str] = None
) -> None:
    """An ``esc:<action>:<id>`` button press; see the module docstring."""
    query = update.callback_query
    chat = update.effective_chat
    if staff_chat_id is None or chat is None or chat.id != staff_chat_id:
        logger.warning("escalation button pressed outside the staff chat: refused")
        await quietly(query.answer(STAFF_ONLY_ANSWER, show_alert=True))
        return
    match = _CALLBACK.match(query.data or "")
    if match is None:
        await quietly(query.answer("Unknown action."))
        return
    action, escalation_id = match.group(1), int(match.group(2))
    message = query.message if getattr(query.message, "message_id", None) else None
    try:
        view, note = await asyncio.to_thread(
            apply_staff_action,
            escalation_id,
            ACTIONS[action],
            staff_actor(query.from_user.id),
            chat.id,
            message.message_id if message else None,
            database_url,
        )
    except LookupError:
        await quietly(query.answer(f"Escalation #{escalation_id} was not found.", show_alert=True))
        return
    except Exception as exc:  # noqa: BLE001 - database down: tell the person pressing
        logger.error("staff action failed: %s", type(exc).__name__)
        await quietly(
            query.answer("Could not update right now — please try again or use the console.", show_alert=True)
        )
        return
    text, markup = render_alert(view)
    if message is not None:
        try:
            await edit_alert(bot, chat.id, message.message_id, text, markup)
        except TelegramError as exc:
            logger.warning("could not edit the alert: %s", exc)
    answer = f"Escalation #{escalation_id}: {note}" if note else f"Escalation #{escalation_id} {view['status']}."
    await quietly(query.answer(answer))


# --------------------------------------------------------------------------- delivery


def oncall_chat_id() -> Optional[Any]:
    """ONCALL_TELEGRAM_CHAT_ID as Telegram takes it (int, or an @name), None when unset or
    invalid (logged)."""
    try:
        from bot.support_hours import load_support_hours

        raw = load_support_hours().oncall_chat_id
    except Exception as exc:  # noqa: BLE001 - e.g. a bad SUPPORT_HOURS: the chat id may still be fine
        logger.error("support hours settings unreadable: %s", exc)
        try:
            raw = settings_value("ONCALL_TELEGRAM_CHAT_ID")
        except ConfigError:
            raw = None
    if raw is None:
        return None
    return int(raw) if raw.lstrip("-").isdigit() else raw


class Undeliverable(Exception):
    """This row can never be delivered (park it)."""


class _Pause(Exception):
    """Telegram is down or rate-limiting: stop this pass for ``seconds``."""

    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds


@dataclass
class NotifierConfig:
    token: str
    base_url: str
    staff_chat_id: Optional[int]
    database_url: Optional[str] = None
    backoff_base: float = 2.0
    backoff_cap: float = 600.0
    # Seconds between outbox passes: a crisis alert must reach staff within 2 s (issue 7;
    # bench/crisis_alert_latency.py). An idle pass is two indexed queries.
    poll_interval: float = 0.5
    batch: int = 50
    request_timeout: float = 15.0

    @classmethod
    def from_env(cls, settings: Optional[Settings] = None, **overrides: Any) -> "NotifierConfig":
        """From ``settings`` (default: read now) and the non-None ``overrides``."""
        settings = settings or core_settings()
        telegram, notifier = settings.telegram, settings.notifier
        values: Dict[str, Any] = dict(
            token=telegram.bot_token or "",
            base_url=api_base_url(),
            staff_chat_id=staff_chat_id_from_env(),
            backoff_base=notifier.backoff_base,
            backoff_cap=notifier.backoff_cap,
            poll_interval=notifier.poll_interval,
        )
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


@dataclass
class PassResult:
    sent: int = 0
    failed: int = 0
    parked: int = 0
    paused_for: float = 0.0


class TelegramNotifier:
    """Outbox -> Telegram; see the module docstring. Use ``async with``."""

    def __init__(self, config: NotifierConfig) -> None:
        self.config = config
        self._request = HTTPXRequest(
            connection_pool_size=4,
            read_timeout=config.request_timeout,
            write_timeout=config.request_timeout,
            connect_timeout=min(5.0, config.request_timeout),
        )
        self.bot = Bot(
            config.token, base_url=config.base_url, request=self._request, get_updates_request=HTTPXRequest()
        )
        self._staff_chat_key = _chat_key(config.staff_chat_id) if config.staff_chat_id is not None else None
        if config.staff_chat_id is None:
            logger.error("TELEGRAM_STAFF_CHAT_ID is not set: escalation alerts wait in the outbox")

    async def __aenter__(self) -> "TelegramNotifier":
        await self._request.initialize()
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self._request.shutdown()

    # -- database steps (run in a thread) ---------------------------------------------

    def _due_filter(self, now: datetime):
        personal = and_(Outbox.kind.in_(PERSON_KINDS), User.channel == CHANNEL)
        kinds = or_(Outbox.kind.in_(ESCALATION_KINDS), personal) if self._staff_chat_key else personal
        return and_(Outbox.sent_at.is_(None), Outbox.next_attempt_at <= now, kinds)

    def _due_ids(self, now: datetime) -> List[int]:
        with session_scope(self.config.database_url) as session:
            stmt = (
                select(Outbox.id)
                .outerjoin(User, Outbox.user_id == User.id)
                .where(self._due_filter(now))
                .order_by(Outbox.next_attempt_at, Outbox.id)
                .limit(self.config.batch)
            )
            return list(session.execute(stmt).scalars())

    def _seconds_to_next(self) -> Optional[float]:
        far = utcnow() + PARKED / 2
        with session_scope(self.config.database_url) as session:
            stmt = (
                select(func.min(Outbox.next_attempt_at))
                .select_from(Outbox)
                .outerjoin(User, Outbox.user_id == User.id)
                .where(self._due_filter(far))
            )
            nxt = session.execute(stmt).scalar()
        if nxt is None:
            return None
        if nxt.tzinfo is None:  # SQLite: an aggregate may come back naive (stored as UTC)
            nxt = nxt.replace(tzinfo=timezone.utc)
        return max(0.0, (nxt - utcnow()).total_seconds())

    def _claim(self, row_id: int) -> Optional[Dict[str, Any]]:
        now = utcnow()
        with session_scope(self.config.database_url) as session:
            result = session.execute(
                update(Outbox)
                .where(Outbox.id == row_id, Outbox.sent_at.is_(None), Outbox.next_attempt_at <= now)
                .values(next_attempt_at=now + LEASE, attempts=Outbox.attempts + 1)
                .execution_options(synchronize_session=False)
            )
            if result.rowcount != 1:
                return None
            row = session.get(Outbox, row_id)
            return {
                "id": row.id,
                "kind": row.kind,
                "payload": dict(row.payload or {}),
                "user_id": row.user_id,
                "attempts": row.attempts,
            }

    def _finish(
        self,
        row_id: int,
        *,
        error: Optional[str] = None,
        delay: Optional[float] = None,
        alert: Optional[Tuple[int, int, str, str]] = None,
    ) -> None:
        """Sent (error None) or failed (retry after ``delay`` seconds; None parks it); an
        alert record (escalation_id, message_id, status, severity) commits with it."""
        now = utcnow()
        with session_scope(self.config.database_url) as session:
            row = session.get(Outbox, row_id)
            if error is None:
                row.sent_at, row.last_error = now, None
            else:
                row.last_error = error[:1000]
                row.next_attempt_at = now + (timedelta(seconds=delay) if delay is not None else PARKED)
            if alert is not None:
                _record_alert(session, alert[0], self._staff_chat_key, alert[1], alert[2], alert[3])

    def _escalation_state(self, escalation_id: int) -> Tuple[Optional[Dict[str, Any]], Optional[Tuple[int, str, str]]]:
        with session_scope(self.config.database_url) as session:
            esc = get_escalation(session, escalation_id)
            if esc is None:
                return None, None
            alert = _alert_for(session, escalation_id, self._staff_chat_key)
            shown = (alert.message_id, alert.shown_status, alert.shown_severity) if alert else None
            return _escalation_view(esc), shown

    def _person_chat(self, row: Dict[str, Any]) -> str:
        with session_scope(self.config.database_url) as session:
            key = row["payload"].get("user_key")
            user = session.get(User, row["user_id"]) if row.get("user_id") else None
            if user is not None:
                if user.deleted_at is not None:
                    raise Undeliverable("person deleted their data")
                key = key or user.user_key
            chat = address_book.resolve(session, key, CHANNEL) if key else None
        if chat is None:
            raise Undeliverable("no Telegram address on file")
        return chat

    # -- Telegram steps ---------------------------------------------------------------

    async def _deliver_escalation(self, row: Dict[str, Any]) -> Optional[Tuple[int, int, str, str]]:
        """Show the escalation's current state in the staff chat; returns the alert record
        to store with the sent mark (None when the escalation no longer exists)."""
        payload = row["payload"]
        escalation_id = int(payload["escalation_id"])
        view, shown = await asyncio.to_thread(self._escalation_state, escalation_id)
        chat_id = self.config.staff_chat_id
        change = payload.get("change") if row["kind"] == "escalation_updated" else None
        banner = None
        if change == "realert":
            if view is None or view.get("status") != "open":
                return None  # acknowledged (or gone) since it was queued: nothing to say
            banner = realert_banner(payload)
            if payload.get("target") == "oncall":
                await self._send_oncall(view, banner)
                return None
        if view is None:  # gone from the database: show what the outbox row carried, once
            text, markup = render_alert({**payload, "id": escalation_id})
            await api_call(self.bot, "sendMessage", chat_id=chat_id, text=text, reply_markup=markup)
            return None
        text, markup = render_alert(view, banner)
        # a raised severity, a new most urgent reason (a crisis after an urgent symptom,
        # same severity) or a re-alert is news: post a fresh alert (an edit notifies nobody)
        fresh_ping = change in ("severity_raised", "realert") or (
            change == "reason_added" and payload.get("top_reason_changed")
        )
        if shown is not None and not fresh_ping:
            message_id, shown_status, shown_severity = shown
            # the alert record keeps status and severity only: a new reason always edits
            if change != "reason_added" and (shown_status, shown_severity) == (view["status"], view["severity"]):
                return escalation_id, message_id, view["status"], view["severity"]
            try:
                await edit_alert(self.bot, chat_id, message_id, text, markup)
                return escalation_id, message_id, view["status"], view["severity"]
            except BadRequest as exc:
                if "not found" not in str(exc).lower():
                    raise
                logger.info("alert for escalation #%s was deleted in the chat; posting it again", escalation_id)
        sent = await api_call(self.bot, "sendMessage", chat_id=chat_id, text=text, reply_markup=markup)
        if shown is not None and fresh_ping:  # the older alert keeps its text, loses its buttons
            await quietly(api_call(self.bot, "editMessageReplyMarkup", chat_id=chat_id, message_id=shown[0]))
        new_id = message_id_of(sent)
        if new_id is None:  # accepted, but the answer names no message: nothing to edit later
            logger.warning("sendMessage answer without a message_id; escalation #%s alert not tracked", escalation_id)
            return None
        return escalation_id, new_id, view["status"], view["severity"]

    async def _send_oncall(self, view: Dict[str, Any], banner: str) -> None:
        """A re-alert to the on-call chat (ONCALL_TELEGRAM_CHAT_ID), without buttons."""
        chat = oncall_chat_id()
        if chat is None:
            raise Undeliverable("ONCALL_TELEGRAM_CHAT_ID is not set for the notifier")
        text, _ = render_alert(view, banner + "\nOn call: the support team is not in.", buttons_allowed=False)
        await api_call(self.bot, "sendMessage", chat_id=chat, text=text)

    async def _deliver_to_person(self, row: Dict[str, Any]) -> None:
        """A check-in reminder (text + "Check in now"), a care reminder (its own text and
        buttons) or a staff reply (``payload.text``, plain)."""
        if row["kind"] == "reminder":
            text, markup = REMINDER_TEXT, build_keyboard(REMINDER_BUTTONS)
        elif row["kind"] == "care_reminder":
            text = str(row["payload"].get("text") or "").strip()
            buttons = [b for b in row["payload"].get("buttons") or [] if isinstance(b, dict)]
            markup = build_keyboard(buttons) if buttons else None
            if not text:
                raise Undeliverable("care reminder without text")
        else:
            text, markup = str(row["payload"].get("text") or "").strip(), None
            if not text:
                raise Undeliverable("staff message without text")
        chat = await asyncio.to_thread(self._person_chat, row)
        try:
            await send_text(self.bot, int(chat), text, reply_markup=markup)
        except Forbidden as exc:
            raise Undeliverable(f"bot blocked or chat gone: {exc}") from exc
        except BadRequest as exc:
            if "chat not found" in str(exc).lower():
                raise Undeliverable(str(exc)) from exc
            raise

    def _backoff(self, attempts: int) -> float:
        delay = min(self.config.backoff_cap, self.config.backoff_base * (2 ** max(0, attempts - 1)))
        return delay * random.uniform(1.0, 1.25)

    async def _process(self, row: Dict[str, Any], result: PassResult) -> None:
        """Deliver one claimed row and record the outcome; raises _Pause on outages."""
        to_person = row["kind"] in PERSON_KINDS
        try:
            if to_person:
                await self._deliver_to_person(row)
                alert = None
            else:
                alert = await self._deliver_escalation(row)
        except Undeliverable as exc:
            await asyncio.to_thread(self._finish, row["id"], error=f"gave up: {exc}")
            result.parked += 1
            logger.warning("outbox #%s parked: %s", row["id"], exc)
            return
        except RetryAfter as exc:
            wait = exc.retry_after.total_seconds() if isinstance(exc.retry_after, timedelta) else float(exc.retry_after)
            await asyncio.to_thread(self._finish, row["id"], error=f"429 retry after {wait:g}s", delay=wait)
            result.failed += 1
            raise _Pause(wait) from exc
        except (BadRequest, Forbidden, InvalidToken, EndPointNotFound) as exc:
            # a request Telegram refuses: configuration (staff chat id, token) or data
            error = f"{type(exc).__name__}: {exc}"
            if to_person and row["attempts"] >= PERSON_MAX_REFUSALS:
                await asyncio.to_thread(self._finish, row["id"], error=f"gave up: {error}")
                result.parked += 1
                return
            logger.error("outbox #%s refused by Telegram (%s); will retry", row["id"], error)
            await asyncio.to_thread(self._finish, row["id"], error=error, delay=self._backoff(row["attempts"]))
            result.failed += 1
            return
        except (NetworkError, TelegramError) as exc:  # 5xx, timeouts, connection errors
            delay = self._backoff(row["attempts"])
            await asyncio.to_thread(self._finish, row["id"], error=f"{type(exc).__name__}: {exc}", delay=delay)
            result.failed += 1
            logger.warning("outbox #%s: Telegram unavailable (%s); retry in %.1fs", row["id"], exc, delay)
            raise _Pause(min(delay, self.config.backoff_base)) from exc
        except Exception as exc:  # noqa: BLE001 - anything else: this row's failure only
            # Recorded on the row (visible in the console's stuck deliveries) and retried
            # with backoff; the rest of the pass goes on (issue 19).
            error = f"{type(exc).__name__}: {exc}"
            logger.exception("outbox #%s failed (%s); will retry", row["id"], error)
            await asyncio.to_thread(self._finish, row["id"], error=error, delay=self._backoff(row["attempts"]))
            result.failed += 1
            return
        await asyncio.to_thread(self._finish, row["id"], alert=alert)
        result.sent += 1

    async def run_once(self) -> PassResult:
        """One pass over the rows due now."""
        result = PassResult()
        for row_id in await asyncio.to_thread(self._due_ids, utcnow()):
            row = await asyncio.to_thread(self._claim, row_id)
            if row is None:
                continue  # another notifier took it
            try:
                await self._process(row, result)
            except _Pause as pause:
                result.paused_for = pause.seconds
                break
        return result

    async def run(self, stop: asyncio.Event) -> None:
        """Deliver until ``stop`` is set; database or Telegram trouble never ends the loop."""
        logger.info("notifier running (staff chat %s)", "configured" if self._staff_chat_key else "NOT configured")
        while not stop.is_set():
            wait = self.config.poll_interval
            try:
                result = await self.run_once()
                if result.paused_for:
                    wait = result.paused_for
                else:
                    nxt = await asyncio.to_thread(self._seconds_to_next)
                    if nxt is not None:
                        wait = min(wait, nxt)
            except Exception as exc:  # noqa: BLE001 - e.g. database down: log, wait, retry
                logger.error("notifier pass failed: %s: %s", type(exc).__name__, exc)
            try:
                await asyncio.wait_for(stop.wait(), timeout=max(0.05, wait))
            except asyncio.TimeoutError:
                pass


# --------------------------------------------------------------------------- CLI


def cli_main(args, settings=None) -> int:
    """``python -m bot notifier [--once]``: exit 0; with --once 1 if something failed."""
    hide_token_in_logs()
    config = NotifierConfig.from_env(
        settings,
        database_url=getattr(settings, "database_url", None),
        poll_interval=getattr(args, "poll_interval", None),
    )
    if not config.token:
        print("error: TELEGRAM_BOT_TOKEN is not set")
        return 2

    async def main() -> int:
        async with TelegramNotifier(config) as notifier:
            if getattr(args, "once", False):
                result = await notifier.run_once()
                print(f"sent {result.sent}, failed {result.failed}, parked {result.parked}")
                return 1 if result.failed else 0
            await notifier.run(stop_event_on_signals())
            return 0

    return asyncio.run(main())
