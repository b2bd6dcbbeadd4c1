"""The inbound side Telegram webhook mode and polling mode share.

A python-telegram-bot ``Application`` with one small handler per concern (commands, text,
non-text, group chats, buttons, staff buttons, edits, errors). Both modes feed updates
into the same handlers; only the *relay* differs:

- polling mode (``telegram_worker``) POSTs the text to Rasa's REST channel and
  renders the returned message list;
- webhook mode (``telegram``) hands a ``UserMessage`` to the Rasa agent in-process
  and Rasa calls the output channel, which renders each message the same way
  (:mod:`bot.channels.telegram_render`).

Staff buttons (``esc:...``) go to the handler the process passes in as ``staff_callback``
(the notifier's :func:`bot.notify.telegram_notifier.handle_staff_callback`): this module
does not import the notifier, and both build on :mod:`bot.channels.telegram_api`.

Privacy: Rasa only ever sees ``"tg-" + user_key("telegram", chat_id)``; the raw
chat id lives in memory while a turn is handled and, encrypted, in the address
book (for reminders and staff replies). Raw ids are never logged.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from typing import Any, Awaitable, Callable, Dict, Optional

from telegram import Bot, BotCommand, Message, Update
from telegram.constants import ChatAction, ChatType
from telegram.error import Forbidden, NetworkError, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.channels import address_book
from bot.channels.rate_limit import RATE_LIMIT_REPLY, RateLimiter
from bot.channels.telegram_api import (
    CHANNEL,
    PAYLOADS,
    STAFF_CALLBACK_PREFIX,
    PayloadStore,
    call_with_retry,
    file_base_url,
    quietly,
)
from bot.channels.telegram_process import api_base_url
from bot.db.session import session_scope

logger = logging.getLogger(__name__)

MAX_INBOUND_CHARS = 4000

# Telegram command -> message sent to Rasa (intent shortcut), description for setMyCommands.
COMMANDS: Dict[str, tuple] = {
    "start": ("/greet", "Start, and how your data is used"),
    "help": ("/ask_capabilities", "What I can help with"),
    "checkin": ("/start_checkin", "Daily mood check-in"),
    "privacy": ("/ask_privacy", "How your information is handled"),
    "delete": ("/delete_my_data", "Delete my data"),
}

NON_TEXT_REPLY = "I can only read text messages — please type your question."
CAPTION_NOTE = "(I can't see pictures, voice notes or files — I only read the words you type.)"
GROUP_REPLY = "I only work in a private chat — please message me directly."
EMPTY_REPLY = "Your message looked empty. What would you like to ask? You can also type /help."
TRUNCATED_NOTE = (
    "Your message was very long, so I read the first 4,000 characters. "
    "If I missed something, please send it in a separate message."
)
UNKNOWN_COMMAND_REPLY = (
    "I don't know that command. You can use /start, /help, /checkin, /privacy or /delete — or just type your question."
)
EXPIRED_BUTTON_REPLY = "That button has expired — please type your answer instead."
UNAVAILABLE_REPLY = (
    "Sorry — I can't answer right now. If you feel unsafe or have an urgent symptom, "
    "please call your care team or your local emergency number now."
)
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
GROUP_REPLY_INTERVAL_SECONDS = 600.0

# relay(bot, chat_id, sender_id, text, metadata): hand one user message to Rasa and make
# sure its replies reach chat_id. Raise RasaUnavailable when Rasa cannot be reached.
Relay = Callable[[Bot, int, str, str, Dict[str, Any]], Awaitable[None]]

# staff_callback(update, bot, *, staff_chat_id, database_url): handle one ``esc:...`` button
# press (the notifier's handle_staff_callback, passed in by the worker / webhook channel).
StaffCallback = Callable[..., Awaitable[None]]
STAFF_BUTTONS_OFF_ANSWER = "Staff buttons are not handled here — please use the staff console."


class RasaUnavailable(RuntimeError):
    """Rasa could not take the message (down, timeout, bad answer).

    ``not_delivered`` is True when Rasa certainly never saw it (connection refused, a proxy's
    502/503): the message can be held and sent again without being handled twice."""

    def __init__(self, message: str = "", *, not_delivered: bool = False) -> None:
        super().__init__(message)
        self.not_delivered = not_delivered


# --------------------------------------------------------------------------- inbound text


def prepare_user_text(text: Optional[str]) -> tuple:
    """(text for Rasa or None when empty, note for the user or None)."""
    stripped = (text or "").strip()
    if not stripped:
        return None, None
    if len(stripped) > MAX_INBOUND_CHARS:
        return stripped[:MAX_INBOUND_CHARS], TRUNCATED_NOTE
    return stripped, None


# --------------------------------------------------------------------------- commands


async def register_commands(bot: Bot) -> bool:
    """setMyCommands with our command list; False (logged) when Telegram refuses."""
    try:
        return bool(await bot.set_my_commands([BotCommand(name, desc) for name, (_, desc) in COMMANDS.items()]))
    except TelegramError as exc:
        logger.warning("setMyCommands failed: %s", exc)
        return False


# --------------------------------------------------------------------------- pseudonyms


class AddressRecorder:
    """Turns a chat id into the Rasa sender id and keeps the encrypted address book current.

    The address is written at most once per ``refresh_seconds`` per person and process;
    a database outage only costs the write (logged), never the conversation.
    """

    def __init__(self, database_url: Optional[str] = None, refresh_seconds: float = 3600.0) -> None:
        self.database_url = database_url
        self.refresh_seconds = refresh_seconds
        self._written: Dict[str, float] = {}

    def sender_id_sync(self, chat_id: int) -> str:
        sender_id, key = address_book.keys_for(CHANNEL, chat_id)
        now = time.monotonic()
        if now - self._written.get(key, float("-inf")) > self.refresh_seconds:
            try:
                with session_scope(self.database_url) as session:
                    address_book.remember(session, CHANNEL, chat_id)
            except Exception as exc:  # noqa: BLE001 - never block a conversation on the DB
                logger.warning("address book write failed (conversation continues): %s", type(exc).__name__)
            else:
                self._written[key] = now
        return sender_id

    async def sender_id(self, chat_id: int) -> str:
        return await asyncio.to_thread(self.sender_id_sync, chat_id)


# --------------------------------------------------------------------------- update processing


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Process updates concurrently across chats but strictly in order within one chat,
    so a slow Rasa turn for one person never holds up another."""

    def __init__(self, max_concurrent_updates: int = 64) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: Dict[int, asyncio.Lock] = {}
        self._users: Dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await coroutine
            return
        key = chat.id
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._users[key] = self._users.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._users[key] -= 1
            if not self._users[key]:
                del self._users[key]
                del self._locks[key]

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None


def _command_name(text: str) -> str:
    return text.split(maxsplit=1)[0][1:].split("@", 1)[0].lower() if text else ""


class TelegramBridge:
    """The handler set shared by webhook and polling mode; see the module docstring."""

    def __init__(
        self,
        relay: Relay,
        *,
        staff_chat_id: Optional[int] = None,
        addresses: Optional[AddressRecorder] = None,
        payloads: PayloadStore = PAYLOADS,
        rate_limiter: Optional[RateLimiter] = None,
        outage: Optional[Any] = None,
        staff_callback: Optional[StaffCallback] = None,
    ) -> None:
        self.relay = relay
        # esc:... presses; None: refused with STAFF_BUTTONS_OFF_ANSWER (nothing to move them)
        self.staff_callback = staff_callback
        # polling mode: a bot.channels.telegram_outage.OutagePolicy (hold while Rasa is down,
        # answer a crisis itself); None (webhook mode): apologise with the safety line
        self.outage = outage
        self._admitted: "OrderedDict[int, bool]" = OrderedDict()  # update ids (held ones return)
        self.staff_chat_id = staff_chat_id
        self.addresses = addresses or AddressRecorder()
        self.payloads = payloads
        # per-chat limit (COMPANION_RATE_PER_MINUTE / _BURST); crisis/urgent always pass
        self.rate_limiter = rate_limiter if rate_limiter is not None else RateLimiter.from_env()
        self._group_replied: "OrderedDict[int, float]" = OrderedDict()

    # -- wiring -------------------------------------------------------------------------

    def install(self, application: Application) -> None:
        """Register the handlers (first match wins) and the error handler."""
        private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
        non_text = (
            filters.Sticker.ALL
            | filters.PHOTO
            | filters.VOICE
            | filters.AUDIO
            | filters.VIDEO
            | filters.VIDEO_NOTE
            | filters.ANIMATION
            | filters.Document.ALL
            | filters.LOCATION
            | filters.VENUE
            | filters.CONTACT
            | filters.POLL
            | filters.Dice.ALL
            | filters.STORY
        )
        handlers = [
            MessageHandler(filters.UpdateType.EDITED, self.on_ignored),
            MessageHandler(filters.UpdateType.CHANNEL_POSTS, self.on_ignored),
            CallbackQueryHandler(self.on_staff_button, pattern=f"^{STAFF_CALLBACK_PREFIX}"),
        ]
        if self.staff_chat_id is not None:
            handlers.append(MessageHandler(filters.Chat(chat_id=self.staff_chat_id), self.on_ignored))
        handlers += [
            MessageHandler(filters.ChatType.GROUPS & filters.UpdateType.MESSAGE, self.on_group),
            CommandHandler(list(COMMANDS), self.on_command, filters=private),
            MessageHandler(private & filters.COMMAND, self.on_unknown_command),
            MessageHandler(private & filters.TEXT, self.on_text),
            MessageHandler(private & non_text, self.on_non_text),
            MessageHandler(private, self.on_private_other),
            CallbackQueryHandler(self.on_button),
        ]
        application.add_handlers(handlers)
        application.add_error_handler(self.on_error)

    # -- shared step --------------------------------------------------------------------

    async def admit(self, bot: Bot, chat_id: int, text: Optional[str]) -> bool:
        """The per-chat rate limit, in front of everything that reaches Rasa or makes the
        bot answer. Over the limit: False, and one RATE_LIMIT_REPLY per notice window.
        A crisis or urgent-symptom message (safety detector) is always admitted."""
        decision = self.rate_limiter.check(f"{CHANNEL}:{chat_id}", text)
        if decision.notify:
            await quietly(bot.send_message(chat_id, RATE_LIMIT_REPLY))
        return decision.allowed

    def _first_pass(self, update: Update) -> bool:
        """False when this update was handled before (held while Rasa was down)."""
        return update.update_id not in self._admitted

    async def _admit_once(self, bot: Bot, update: Update, chat_id: int, text: str) -> bool:
        """The rate limit counts a held update once, however often it comes round."""
        if update.update_id in self._admitted:
            return True
        if not await self.admit(bot, chat_id, text):
            return False
        self._admitted[update.update_id] = True
        while len(self._admitted) > 10_000:
            self._admitted.popitem(last=False)
        return True

    async def forward(self, bot: Bot, update: Update, text: str) -> None:
        """Send ``text`` to Rasa as this chat's pseudonymous sender. Polling mode holds the
        message while Rasa is unreachable (a crisis is answered by the worker at once,
        :mod:`bot.channels.telegram_outage`); otherwise a failure gets an apology with the
        safety line, so nobody in trouble is left without a route."""
        chat_id = update.effective_chat.id
        if not await self._admit_once(bot, update, chat_id, text):
            return
        sender_id = await self.addresses.sender_id(chat_id)
        user = update.effective_user
        metadata = {"channel": CHANNEL, "language_code": user.language_code if user else None}
        if self.outage is not None and self.outage.must_hold(chat_id):
            await self.outage.on_unreachable(bot, update, chat_id, sender_id, text, metadata)
            return
        await quietly(bot.send_chat_action(chat_id, ChatAction.TYPING))
        try:
            await self.relay(bot, chat_id, sender_id, text, metadata)
        except RasaUnavailable as exc:
            logger.error("Rasa unavailable: %s", exc)
            if self.outage is not None and exc.not_delivered:
                await self.outage.on_unreachable(bot, update, chat_id, sender_id, text, metadata)
                return
            # Rasa may have seen it (timeout, 500): never re-sent; a crisis still gets the lines
            if self.outage is not None and await self.outage.answer_if_urgent(bot, chat_id, sender_id, text):
                return
            await call_with_retry(lambda: bot.send_message(chat_id, UNAVAILABLE_REPLY))

    # -- handlers -----------------------------------------------------------------------

    async def on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/start, /help, /checkin, /privacy, /delete -> the matching Rasa intent."""
        intent_text = COMMANDS[_command_name(update.effective_message.text)][0]
        await self.forward(context.bot, update, intent_text)

    async def on_unknown_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if await self.admit(context.bot, update.effective_chat.id, update.effective_message.text):
            await update.effective_message.reply_text(UNKNOWN_COMMAND_REPLY)

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Ordinary text: empty -> prompt; too long -> note + truncate; "/..." is never
        passed through (Rasa would read it as an intent)."""
        message = update.effective_message
        text, note = prepare_user_text(message.text)
        if text is None:
            await message.reply_text(EMPTY_REPLY)
            return
        if text.startswith("/"):
            await message.reply_text(UNKNOWN_COMMAND_REPLY)
            return
        if note and self._first_pass(update):  # a held update comes round again
            await message.reply_text(note)
        await self.forward(context.bot, update, text)

    async def on_non_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Stickers, photos, voice...: a friendly line. A caption is words the person typed
        (it may be the only place they said they are in danger), so it goes to Rasa."""
        message = update.effective_message
        caption, _note = prepare_user_text(message.caption)
        if caption is not None and not caption.startswith("/"):
            first = self._first_pass(update)
            await self.forward(context.bot, update, caption)
            if first:
                await quietly(message.reply_text(CAPTION_NOTE))
            return
        if await self.admit(context.bot, update.effective_chat.id, message.caption):
            await message.reply_text(NON_TEXT_REPLY)

    async def on_private_other(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Empty text gets a gentle prompt; service messages are ignored."""
        if update.effective_message.text is not None:
            await update.effective_message.reply_text(EMPTY_REPLY)

    async def on_group(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """One polite line per group and GROUP_REPLY_INTERVAL_SECONDS; nothing reaches Rasa."""
        chat_id = update.effective_chat.id
        now = time.monotonic()
        if now - self._group_replied.get(chat_id, float("-inf")) < GROUP_REPLY_INTERVAL_SECONDS:
            return
        self._group_replied[chat_id] = now
        self._group_replied.move_to_end(chat_id)
        while len(self._group_replied) > 10_000:
            self._group_replied.popitem(last=False)
        await update.effective_message.reply_text(GROUP_REPLY)

    async def on_ignored(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Edited messages (documented choice: the original was already answered, re-sending
        would duplicate the turn), channel posts and staff-chat chatter."""
        logger.debug("ignored update %s", update.update_id)

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A Rasa button: answer the query, remove the keyboard, send the payload to Rasa."""
        query = update.callback_query
        chat = update.effective_chat
        if chat is None or chat.type != ChatType.PRIVATE:
            await quietly(query.answer(GROUP_REPLY))
            return
        payload = self.payloads.payload_for(query.data or "")
        await quietly(query.answer())
        if payload is None:
            await call_with_retry(lambda: context.bot.send_message(chat.id, EXPIRED_BUTTON_REPLY))
            return
        if isinstance(query.message, Message):
            await quietly(query.edit_message_reply_markup(reply_markup=None))
        await self.forward(context.bot, update, payload)

    async def on_staff_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """esc:ack:<id> / esc:res:<id>: handed to the injected staff callback, which accepts
        them from the staff chat only."""
        if self.staff_callback is None:
            logger.warning("staff button pressed but no staff callback is wired: refused")
            await quietly(update.callback_query.answer(STAFF_BUTTONS_OFF_ANSWER, show_alert=True))
            return
        await self.staff_callback(
            update,
            context.bot,
            staff_chat_id=self.staff_chat_id,
            database_url=self.addresses.database_url,
        )

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log and keep going; polling never stops because one update failed."""
        error = context.error
        kind = "network" if isinstance(error, NetworkError) else "handler"
        if isinstance(error, Forbidden):
            logger.info("Telegram refused a send (bot blocked or removed): %s", error)
            return
        logger.error("Telegram %s error while handling an update: %r", kind, error, exc_info=error)


def build_application(
    token: str,
    bridge: TelegramBridge,
    *,
    base_url: Optional[str] = None,
    polling: bool = True,
    max_concurrent_updates: int = 64,
) -> Application:
    """A PTB Application with the bridge's handlers; ``polling=False`` builds it without an
    Updater (webhook mode feeds ``application.update_queue`` itself)."""
    base = api_base_url(base_url)
    builder = (
        ApplicationBuilder()
        .token(token)
        .base_url(base)
        .base_file_url(file_base_url(base))
        .concurrent_updates(PerChatUpdateProcessor(max_concurrent_updates))
    )
    if not polling:
        builder = builder.updater(None)
    application = builder.build()
    bridge.install(application)
    return application
