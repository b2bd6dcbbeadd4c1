"""Rasa bot messages rendered in a Telegram chat (polling worker and webhook channel).

:func:`send_rasa_message` turns one Rasa bot message (text, buttons, image, custom) into
Telegram calls: plain text (no parse_mode unless a ``custom`` message explicitly asks for
one), split under Telegram's 4096 limit, buttons as an inline keyboard, images via
``sendPhoto`` (a ``data:`` URI, an http(s) URL, or a file inside the project or
TELEGRAM_MEDIA_DIR).
"""

from __future__ import annotations

import base64
import binascii
import logging
import urllib.parse
from pathlib import Path
from typing import Any, Dict, Iterable, List, Union

from telegram import Bot, Message
from telegram.error import BadRequest

from bot.channels.telegram_api import PAYLOADS, PayloadStore, build_keyboard, call_with_retry, send_text
from bot.config import PROJECT_ROOT
from bot.settings import value as read_setting

logger = logging.getLogger(__name__)

MAX_IMAGE_BYTES = 10 * 1024 * 1024


# --------------------------------------------------------------------------- images


def _allowed_media_roots() -> List[Path]:
    roots = [PROJECT_ROOT.resolve()]
    extra = read_setting("TELEGRAM_MEDIA_DIR")
    if extra:
        roots.append(extra.resolve())
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
            logger.warning("image: malformed data URI")
            return None
    if image.startswith(("http://", "https://")):
        return image
    path = Path(urllib.parse.urlparse(image).path if image.startswith("file://") else image)
    if not path.is_absolute():
        path = PROJECT_ROOT / path
    path = path.resolve()
    if not any(path == root or root in path.parents for root in _allowed_media_roots()):
        logger.warning("image: refusing a path outside the project/media directory")
        return None
    try:
        if not path.is_file() or path.stat().st_size > MAX_IMAGE_BYTES:
            logger.warning("image: not a readable file under %d bytes", MAX_IMAGE_BYTES)
            return None
        return path.read_bytes()
    except OSError as exc:
        logger.warning("image: cannot read file: %s", exc)
        return None


# --------------------------------------------------------------------------- Rasa messages


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
            logger.debug("custom payload without text/buttons/image not shown on Telegram")
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
                logger.warning("sendPhoto rejected: %s", exc)
    if message.get("attachment"):
        sent += await send_text(bot, chat_id, f"Attachment: {message['attachment']}")
    return sent


async def send_rasa_messages(bot: Bot, chat_id: Union[int, str], messages: Iterable[Dict[str, Any]]) -> List[Message]:
    """Render a list of Rasa bot messages in order."""
    sent: List[Message] = []
    for message in messages:
        if isinstance(message, dict):
            sent += await send_rasa_message(bot, chat_id, message)
    return sent
