"""Bot API primitives shared by the inbound bridge and the staff notifier.

Everything here talks to Telegram's Bot API (through python-telegram-bot) and knows
nothing about Rasa, the outbox or escalations: the API base URL, keeping the token out of
logs, splitting text under Telegram's 4096-unit limit, inline keyboards with payloads that
fit 64 bytes of callback data, sending with retries, and one raw ``do_api_request`` call.
It imports no other module of this project, so both sides can build on it without
importing each other (the configured base URL is read in :mod:`bot.channels.telegram_process`).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import logging
import re
import threading
import warnings
from collections import OrderedDict
from datetime import timedelta
from typing import Any, Awaitable, Callable, Dict, List, Optional, Sequence, Union

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.warnings import PTBUserWarning

logger = logging.getLogger(__name__)

CHANNEL = "telegram"  # users.channel and the address book's channel for Telegram chats
DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
TELEGRAM_TEXT_LIMIT = 4096  # Telegram counts UTF-16 code units
CALLBACK_DATA_LIMIT = 64  # bytes
STAFF_CALLBACK_PREFIX = "esc:"
BUTTONS_FALLBACK_TEXT = "Please choose:"


# --------------------------------------------------------------------------- configuration


def file_base_url(base_url: str) -> str:
    """The matching file download URL (``.../bot`` -> ``.../file/bot``)."""
    if base_url.endswith("/bot"):
        return base_url[: -len("/bot")] + "/file/bot"
    return base_url


def hide_token_in_logs() -> None:
    """httpx logs every request URL at INFO, and Bot API URLs contain the bot token."""
    logging.getLogger("httpx").setLevel(max(logging.WARNING, logging.getLogger("httpx").level))


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
                keyboard_row.append(InlineKeyboardButton(title, callback_data=payloads.data_for(payload)))
        rows.append(keyboard_row)
    return InlineKeyboardMarkup(rows) if rows else None


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
        logger.debug("best-effort Telegram call failed: %s", exc)
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
            logger.warning("formatted text rejected (%s); sending it as plain text", exc)
            sent.append(await call_with_retry(lambda: _send(None)))
    return sent


# --------------------------------------------------------------------------- raw Bot API calls


async def api_call(bot: Bot, method: str, **params: Any) -> Any:
    """One Bot API call whose answer is returned as sent (dict, bool, None...).

    Why not ``bot.edit_message_text``: python-telegram-bot parses every answer into a
    ``Message``, and a Bot API emulator that answers an edit with ``"result": null``
    made it raise ``AttributeError: 'NoneType' object has no attribute 'copy'`` *after*
    the edit was applied (issue 19). The notifier's alerts only need to know that the call was
    accepted, and a message id when there is one. Errors are TelegramErrors, as for the
    named methods.
    """
    params = {k: v for k, v in params.items() if v is not None}
    return await bot.do_api_request(method, api_kwargs=params)


# do_api_request warns "Please use 'Bot.<method>' instead" for methods PTB names; here the
# raw call is the point (see api_call), so exactly those warnings are silenced.
warnings.filterwarnings(
    "ignore",
    message=r"Please use 'Bot\.(sendMessage|editMessageText|editMessageReplyMarkup)'",
    category=PTBUserWarning,
)


def message_id_of(result: Any) -> Optional[int]:
    """The ``message_id`` of a sent message, if the answer carries one."""
    if isinstance(result, dict) and isinstance(result.get("message_id"), int):
        return result["message_id"]
    return None
