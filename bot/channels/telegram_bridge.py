"""What Telegram webhook mode and polling mode share.

Inbound: a python-telegram-bot ``Application`` with one small handler per concern
(commands, text, non-text, group chats, buttons, staff buttons, edits, errors).
Both modes feed updates into the same handlers; only the *relay* differs:

- polling mode (``telegram_worker``) POSTs the text to Rasa's REST channel and
  renders the returned message list;
- webhook mode (``telegram``) hands a ``UserMessage`` to the Rasa agent in-process
  and Rasa calls the output channel, which renders each message the same way.

Outbound: :func:`send_rasa_message` turns one Rasa bot message (text, buttons,
image, custom) into Telegram calls: plain text (no parse_mode unless a
``custom`` message explicitly asks for one), split under Telegram's 4096 limit,
buttons as an inline keyboard, images via ``sendPhoto``.

Privacy: Rasa only ever sees ``"tg-" + user_key("telegram", chat_id)``; the raw
chat id lives in memory while a turn is handled and, encrypted, in the address
book (for reminders and staff replies). Raw ids are never logged.
"""
from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import logging
import os
import re
import signal
import threading
import time
import urllib.parse
from collections import OrderedDict
from datetime import timedelta
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Iterable, List, Optional, Sequence, Union

from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.constants import ChatAction, ChatType
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
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
from bot.config import PROJECT_ROOT
from bot.db.session import session_scope

log = logging.getLogger(__name__)

CHANNEL = "telegram"
DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
TELEGRAM_TEXT_LIMIT = 4096  # Telegram counts UTF-16 code units
MAX_INBOUND_CHARS = 4000
CALLBACK_DATA_LIMIT = 64  # bytes
STAFF_CALLBACK_PREFIX = "esc:"
MAX_IMAGE_BYTES = 10 * 1024 * 1024

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
    "I don't know that command. You can use /start, /help, /checkin, /privacy or /delete — "
    "or just type your question."
)
EXPIRED_BUTTON_REPLY = "That button has expired — please type your answer instead."
UNAVAILABLE_REPLY = (
    "Sorry — I can't answer right now. If you feel unsafe or have an urgent symptom, "
    "please call your care team or your local emergency number now."
)
BUTTONS_FALLBACK_TEXT = "Please choose:"
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
GROUP_REPLY_INTERVAL_SECONDS = 600.0

# relay(bot, chat_id, sender_id, text, metadata): hand one user message to Rasa and make
# sure its replies reach chat_id. Raise RasaUnavailable when Rasa cannot be reached.
Relay = Callable[[Bot, int, str, str, Dict[str, Any]], Awaitable[None]]


class RasaUnavailable(RuntimeError):
    """Rasa could not take the message (down, timeout, bad answer).

    ``not_delivered`` is True when Rasa certainly never saw it (connection refused, a proxy's
    502/503): the message can be held and sent again without being handled twice."""

    def __init__(self, message: str = "", *, not_delivered: bool = False) -> None:
        super().__init__(message)
        self.not_delivered = not_delivered


# --------------------------------------------------------------------------- env helpers


def api_base_url(value: Optional[str] = None) -> str:
    """Bot API base URL (PTB appends the token): argument, TELEGRAM_API_BASE_URL, or Telegram's."""
    return (value or os.environ.get("TELEGRAM_API_BASE_URL") or DEFAULT_API_BASE_URL).strip()


def file_base_url(base_url: str) -> str:
    """The matching file download URL (``.../bot`` -> ``.../file/bot``)."""
    if base_url.endswith("/bot"):
        return base_url[: -len("/bot")] + "/file/bot"
    return base_url


def hide_token_in_logs() -> None:
    """httpx logs every request URL at INFO, and Bot API URLs contain the bot token."""
    logging.getLogger("httpx").setLevel(max(logging.WARNING, logging.getLogger("httpx").level))


def stop_event_on_signals() -> asyncio.Event:
    """An event set by SIGINT/SIGTERM (call inside the running loop): how the long-running
    Telegram processes (worker, notifier) learn to shut down cleanly."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except NotImplementedError:  # pragma: no cover - non-Unix
            pass
    return stop


def staff_chat_id_from_env() -> Optional[int]:
    """TELEGRAM_STAFF_CHAT_ID as an int, or None when unset/invalid."""
    raw = os.environ.get("TELEGRAM_STAFF_CHAT_ID", "").strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        log.error("TELEGRAM_STAFF_CHAT_ID is not an integer chat id; staff features disabled")
        return None


# --------------------------------------------------------------------------- text


def telegram_length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units: an emoji may count 2)."""
    return len(text.encode("utf-16-le")) // 2


_SENTENCE_END = re.compile(r"[.!?…。](?=\s)")


def _cut_position(text: str, limit: int) -> int:
    """Where to cut ``text`` so that the head fits ``limit``: paragraph, line, sentence, word."""
    n = min(len(text), limit)
    excess = telegram_length(text[:n]) - limit
    if excess > 0:
        n -= excess  # each char is 1-2 units, so this always fits
    window = text[:n]
    floor = n // 3  # don't produce tiny parts when a better boundary exists further on
    for sep in ("\n\n", "\n"):
        idx = window.rfind(sep)
        if idx > floor:
            return idx + len(sep)
    sentence_ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    if sentence_ends and sentence_ends[-1] > floor:
        return sentence_ends[-1]
    idx = max(window.rfind(" "), window.rfind("\t"))
    if idx > 0:
        return idx + 1
    return n


def split_text(text: str, limit: int = TELEGRAM_TEXT_LIMIT) -> List[str]:
    """Split ``text`` into parts of at most ``limit`` Telegram units, preferring paragraph,
    line, sentence and word boundaries. Only whitespace at the cuts is dropped."""
    remaining = (text or "").strip()
    parts: List[str] = []
    while telegram_length(remaining) > limit:
        cut = _cut_position(remaining, limit)
        head, remaining = remaining[:cut].rstrip(), remaining[cut:].lstrip()
        if head:
            parts.append(head)
    if remaining:
        parts.append(remaining)
    return parts


def prepare_user_text(text: Optional[str]) -> tuple:
    """(text for Rasa or None when empty, note for the user or None)."""
    stripped = (text or "").strip()
    if not stripped:
        return None, None
    if len(stripped) > MAX_INBOUND_CHARS:
        return stripped[:MAX_INBOUND_CHARS], TRUNCATED_NOTE
    return stripped, None


# --------------------------------------------------------------------------- buttons


class PayloadStore:
    """Maps Rasa button payloads to callback_data (Telegram allows at most 64 bytes).

    Short payloads are used as they are; longer ones (or ones that would collide with
    our own prefixes) get a short deterministic token kept in a bounded in-memory map.
    After a restart an old long-payload button answers with "expired".
    """

    TOKEN_PREFIX = "~"

    def __init__(self, max_entries: int = 20_000) -> None:
        self._map: "OrderedDict[str, str]" = OrderedDict()
        self._max = max_entries
        self._lock = threading.Lock()

    def data_for(self, payload: str) -> str:
        if len(payload.encode("utf-8")) <= CALLBACK_DATA_LIMIT and not payload.startswith(
            (self.TOKEN_PREFIX, STAFF_CALLBACK_PREFIX)
        ):
            return payload
        digest = hashlib.sha256(payload.encode("utf-8")).digest()
        token = self.TOKEN_PREFIX + base64.urlsafe_b64encode(digest)[:22].decode("ascii")
        with self._lock:
            self._map[token] = payload
            self._map.move_to_end(token)
            while len(self._map) > self._max:
                self._map.popitem(last=False)
        return token

    def payload_for(self, data: str) -> Optional[str]:
        if not data.startswith(self.TOKEN_PREFIX):
            return data
        with self._lock:
            return self._map.get(data)


PAYLOADS = PayloadStore()


def layout_buttons(buttons: Sequence[Dict[str, Any]]) -> List[List[Dict[str, Any]]]:
    """Rows of buttons: a numeric scale (e.g. 0..10) in rows of up to 6, two or three short
    choices side by side, everything else one per row (long titles stay readable)."""
    buttons = list(buttons)
    titles = [str(b.get("title", "")) for b in buttons]
    if len(buttons) > 3 and all(len(t) <= 3 for t in titles):
        return [buttons[i : i + 6] for i in range(0, len(buttons), 6)]
    if len(buttons) <= 3 and sum(len(t) for t in titles) <= 30:
        return [buttons]
    return [[b] for b in buttons]


def build_keyboard(
    buttons: Sequence[Dict[str, Any]], payloads: PayloadStore = PAYLOADS
) -> Optional[InlineKeyboardMarkup]:
    """Rasa buttons ([{"title", "payload"} or {"title", "url"}]) -> inline keyboard."""
    rows = []
    for row in layout_buttons([b for b in buttons if isinstance(b, dict)]):
        keyboard_row = []
        for button in row:
            title = str(button.get("title") or button.get("payload") or "?")
            if button.get("url") and not button.get("payload"):
                keyboard_row.append(InlineKeyboardButton(title, url=str(button["url"])))
            else:
                payload = str(button.get("payload") or title)
                keyboard_row.append(
                    InlineKeyboardButton(title, callback_data=payloads.data_for(payload))
                )
        rows.append(keyboard_row)
    return InlineKeyboardMarkup(rows) if rows else None


# --------------------------------------------------------------------------- images


def _allowed_media_roots() -> List[Path]:
    roots = [PROJECT_ROOT.resolve()]
    extra = os.environ.get("TELEGRAM_MEDIA_DIR")
    if extra:
        roots.append(Path(extra).resolve())
    return roots


def load_image(image: str) -> Union[bytes, str, None]:
    """What to give ``sendPhoto``: bytes for a ``data:`` URI or a local file (inside the
    project or TELEGRAM_MEDIA_DIR), the URL itself for http(s); None if unusable."""
    image = (image or "").strip()
    if not image:
        return None
    if image.startswith("data:"):
        header, _, data = image.partition(",")
        try:
            if header.endswith(";base64"):
                return base64.b64decode(data, validate=False)
            return urllib.parse.unquote_to_bytes(data)
        except (binascii.Error, ValueError):
            log.warning("image: malformed data URI")
            return None
    if image.startswith(("http://", "https://")):
        return image
    path = Path(urllib.parse.urlparse(image).path if image.startswith("file://") else image)
    if not path.is_absolute():
        path = PROJECT_ROOT / path
    path = path.resolve()
    if not any(path == root or root in path.parents for root in _allowed_media_roots()):
        log.warning("image: refusing a path outside the project/media directory")
        return None
    try:
        if not path.is_file() or path.stat().st_size > MAX_IMAGE_BYTES:
            log.warning("image: not a readable file under %d bytes", MAX_IMAGE_BYTES)
            return None
        return path.read_bytes()
    except OSError as exc:
        log.warning("image: cannot read file: %s", exc)
        return None


# --------------------------------------------------------------------------- sending


def _seconds(value: Union[int, float, timedelta]) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


async def call_with_retry(
    make_call: Callable[[], Awaitable[Any]], *, max_wait: float = 30.0, server_error_retries: int = 2
) -> Any:
    """Run one Bot API call. On 429 wait ``retry_after`` (when short) and try again; on a
    5xx / connection error retry twice after a short pause. Timeouts are not retried:
    Telegram may have delivered the message, and a duplicate is worse than a log line."""
    attempt = 0
    while True:
        try:
            return await make_call()
        except RetryAfter as exc:
            wait = _seconds(exc.retry_after)
            if wait > max_wait or attempt >= server_error_retries:
                raise
            await asyncio.sleep(wait)
        except (BadRequest, TimedOut):
            raise
        except NetworkError:
            if attempt >= server_error_retries:
                raise
            await asyncio.sleep(0.5 * (attempt + 1))
        attempt += 1


async def quietly(awaitable: Awaitable[Any]) -> Any:
    """Best-effort Bot API call (typing indicator, removing a keyboard): log and go on."""
    try:
        return await awaitable
    except TelegramError as exc:
        log.debug("best-effort Telegram call failed: %s", exc)
        return None


async def send_text(
    bot: Bot,
    chat_id: Union[int, str],
    text: str,
    *,
    reply_markup: Optional[InlineKeyboardMarkup] = None,
    parse_mode: Optional[str] = None,
) -> List[Message]:
    """Send ``text`` in as many messages as needed; the keyboard goes on the last one.

    With ``parse_mode`` a part Telegram cannot parse is re-sent as plain text."""
    parts = split_text(text) or [BUTTONS_FALLBACK_TEXT if reply_markup else ""]
    sent: List[Message] = []
    for index, part in enumerate(parts):
        if not part:
            continue
        markup = reply_markup if index == len(parts) - 1 else None

        async def _send(mode: Optional[str] = parse_mode, part: str = part, markup=markup) -> Message:
            return await bot.send_message(chat_id, part, parse_mode=mode, reply_markup=markup)

        try:
            sent.append(await call_with_retry(_send))
        except BadRequest as exc:
            if not parse_mode:
                raise
            log.warning("formatted text rejected (%s); sending it as plain text", exc)
            sent.append(await call_with_retry(lambda: _send(None)))
    return sent


async def send_rasa_message(
    bot: Bot,
    chat_id: Union[int, str],
    message: Dict[str, Any],
    *,
    payloads: PayloadStore = PAYLOADS,
) -> List[Message]:
    """Render one Rasa bot message (REST/collector shape) in a Telegram chat.

    Keys used: ``text``, ``buttons`` (or ``quick_replies``), ``image``, ``attachment``
    (sent as a link), and ``custom``. A custom message may carry ``text`` with an explicit
    ``parse_mode`` ("MarkdownV2"/"HTML"), ``buttons`` and ``image``; other custom
    payloads are not shown to the person (logged at debug level).
    """
    text = message.get("text")
    buttons = message.get("buttons") or message.get("quick_replies")
    image = message.get("image")
    parse_mode = None
    custom = message.get("custom")
    if isinstance(custom, dict):
        if custom.get("text") and not text:
            text, parse_mode = str(custom["text"]), custom.get("parse_mode")
        buttons = buttons or custom.get("buttons")
        image = image or custom.get("image")
        if not (custom.get("text") or custom.get("buttons") or custom.get("image")):
            log.debug("custom payload without text/buttons/image not shown on Telegram")
    sent: List[Message] = []
    if text or buttons:
        markup = build_keyboard(buttons, payloads) if buttons else None
        sent += await send_text(bot, chat_id, str(text or ""), reply_markup=markup, parse_mode=parse_mode)
    if image:
        photo = load_image(str(image))
        if photo is not None:
            try:
                sent.append(await call_with_retry(lambda: bot.send_photo(chat_id, photo)))
            except BadRequest as exc:  # e.g. Telegram could not fetch the URL
                log.warning("sendPhoto rejected: %s", exc)
    if message.get("attachment"):
        sent += await send_text(bot, chat_id, f"Attachment: {message['attachment']}")
    return sent


async def send_rasa_messages(
    bot: Bot, chat_id: Union[int, str], messages: Iterable[Dict[str, Any]]
) -> List[Message]:
    """Render a list of Rasa bot messages in order."""
    sent: List[Message] = []
    for message in messages:
        if isinstance(message, dict):
            sent += await send_rasa_message(bot, chat_id, message)
    return sent


async def register_commands(bot: Bot) -> bool:
    """setMyCommands with our command list; False (logged) when Telegram refuses."""
    try:
        return bool(
            await bot.set_my_commands([BotCommand(name, desc) for name, (_, desc) in COMMANDS.items()])
        )
    except TelegramError as exc:
        log.warning("setMyCommands failed: %s", exc)
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
                log.warning("address book write failed (conversation continues): %s", type(exc).__name__)
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
    ) -> None:
        self.relay = relay
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
            log.error("Rasa unavailable: %s", exc)
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
        log.debug("ignored update %s", update.update_id)

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
        """esc:ack:<id> / esc:res:<id> from the staff chat (refused anywhere else)."""
        # imported here: the notifier builds on this module (keyboards, sending)
        from bot.notify.telegram_notifier import handle_staff_callback

        await handle_staff_callback(
            update, context.bot, staff_chat_id=self.staff_chat_id,
            database_url=self.addresses.database_url,
        )

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log and keep going; polling never stops because one update failed."""
        error = context.error
        kind = "network" if isinstance(error, NetworkError) else "handler"
        if isinstance(error, Forbidden):
            log.info("Telegram refused a send (bot blocked or removed): %s", error)
            return
        log.error("Telegram %s error while handling an update: %r", kind, error, exc_info=error)


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
