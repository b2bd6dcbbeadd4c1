"""Telegram as a Rasa channel (webhook mode), built on python-telegram-bot.

Register in ``credentials.yml``::

    bot.channels.telegram.TelegramInput:
      bot_token: ""        # empty -> $TELEGRAM_BOT_TOKEN
      webhook_secret: ""   # empty -> $TELEGRAM_WEBHOOK_SECRET
      api_base_url: ""     # empty -> $TELEGRAM_API_BASE_URL or https://api.telegram.org/bot

Telegram then POSTs updates to ``/webhooks/telegram_ptb/webhook`` (point it there with
``python -m bot telegram-webhook --url https://<host>/webhooks/telegram_ptb/webhook``;
that also sends TELEGRAM_WEBHOOK_SECRET as the secret token)..
The route checks ``X-Telegram-Bot-Api-Secret-Token`` in constant time (403 when a secret
is configured and the header is missing or wrong), answers 400 to a body that is not a
JSON Telegram Update, and otherwise queues the update and answers 200 at once; a
python-telegram-bot ``Application`` (no Updater) processes the queue with the same
handlers as polling mode (:mod:`bot.channels.telegram_bridge`), in order per chat.

Rasa sees ``sender_id = "tg-" + user_key("telegram", chat_id)``. Replies to a live turn go
straight to the chat the update came from; proactive messages (``get_output_channel``,
e.g. ``/conversations/<id>/trigger_intent?output_channel=latest``) look the chat up in
the encrypted address book.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from telegram import Bot, Update
from telegram.error import TelegramError
from telegram.ext import Application

from bot.channels import address_book
from bot.channels.telegram_api import CHANNEL, hide_token_in_logs
from bot.channels.telegram_bridge import (
    AddressRecorder,
    RasaUnavailable,
    TelegramBridge,
    build_application,
    register_commands,
)
from bot.channels.telegram_process import api_base_url as resolve_api_base_url
from bot.channels.telegram_process import staff_chat_id_from_env
from bot.channels.telegram_render import send_rasa_message
from bot.db.session import session_scope
from bot.identity import identify
from bot.notify.telegram_notifier import handle_staff_callback
from bot.settings import TelegramSettings
from bot.settings import read as read_settings

logger = logging.getLogger(__name__)

CHANNEL_NAME = "telegram_ptb"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class TelegramOutput(OutputChannel):
    """Sends Rasa bot messages to one Telegram chat.

    Bound to ``chat_id`` while a user turn is handled; unbound (proactive messages) it
    resolves the Rasa recipient id through the address book.
    """

    @classmethod
    def name(cls) -> Text:
        return CHANNEL_NAME

    def __init__(self, bot: Bot, chat_id: Optional[int] = None, database_url: Optional[str] = None) -> None:
        self.bot = bot
        self.chat_id = chat_id
        self.database_url = database_url

    def _lookup_sync(self, recipient_id: Text) -> Optional[int]:
        key = identify(recipient_id, {"channel": CHANNEL}, CHANNEL)[0]
        with session_scope(self.database_url) as session:
            raw = address_book.resolve(session, key, CHANNEL)
        return int(raw) if raw is not None else None

    async def _chat_for(self, recipient_id: Text) -> Optional[int]:
        if self.chat_id is not None:
            return self.chat_id
        try:
            return await asyncio.to_thread(self._lookup_sync, recipient_id)
        except Exception as exc:  # noqa: BLE001 - database trouble: log, don't crash Rasa
            logger.error("address book lookup failed: %s", type(exc).__name__)
            return None

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        chat_id = await self._chat_for(recipient_id)
        if chat_id is None:
            logger.warning("no Telegram address for this recipient; message not sent")
            return
        await send_rasa_message(self.bot, chat_id, dict(message))

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"text": text})

    async def send_image_url(self, recipient_id: Text, image: Text, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"image": image})

    async def send_attachment(self, recipient_id: Text, attachment: Text, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"attachment": attachment})

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        await self.send_response(recipient_id, {"text": text, "buttons": buttons})

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"custom": json_message})


class TelegramInput(InputChannel):
    """Webhook input channel; see the module docstring."""

    @classmethod
    def name(cls) -> Text:
        return CHANNEL_NAME

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        credentials = credentials or {}
        telegram = read_settings(TelegramSettings)
        return cls(
            bot_token=credentials.get("bot_token") or telegram.bot_token,
            webhook_secret=credentials.get("webhook_secret") or telegram.webhook_secret,
            api_base_url=credentials.get("api_base_url") or None,
        )

    def __init__(
        self,
        bot_token: Optional[Text],
        webhook_secret: Optional[Text] = None,
        api_base_url: Optional[Text] = None,
        *,
        staff_chat_id: Optional[int] = None,
        database_url: Optional[str] = None,
    ) -> None:
        self.bot_token = (bot_token or "").strip()
        self.webhook_secret = (webhook_secret or "").strip() or None
        self.api_base_url = resolve_api_base_url(api_base_url)
        self.staff_chat_id = staff_chat_id if staff_chat_id is not None else staff_chat_id_from_env()
        self.database_url = database_url
        self.application: Optional[Application] = None
        self._bot: Optional[Bot] = None
        self._start_lock: Optional[asyncio.Lock] = None
        hide_token_in_logs()
        if not self.bot_token:
            logger.warning("Telegram channel has no bot token (TELEGRAM_BOT_TOKEN); webhook answers 503")
        if not self.webhook_secret:
            logger.warning("Telegram webhook has no secret (TELEGRAM_WEBHOOK_SECRET): anyone can post updates")

    # -- processing -----------------------------------------------------------------

    def _relay(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]):
        async def relay(bot: Bot, chat_id: int, sender_id: str, text: str, metadata: Dict[str, Any]) -> None:
            message = UserMessage(
                text,
                TelegramOutput(bot, chat_id=chat_id, database_url=self.database_url),
                sender_id,
                input_channel=self.name(),
                metadata=metadata,
            )
            try:
                await on_new_message(message)
            except Exception as exc:  # noqa: BLE001 - Rasa failed this turn
                logger.exception("Rasa failed to handle a Telegram message")
                raise RasaUnavailable(type(exc).__name__) from exc

        return relay

    async def _ensure_started(self) -> bool:
        """Initialise (getMe, setMyCommands) and start the Application once; False while
        Telegram is unreachable (the webhook then answers 503 and Telegram retries)."""
        application = self.application
        if application is None:
            return False
        if application.running:
            return True
        if self._start_lock is None:
            self._start_lock = asyncio.Lock()
        async with self._start_lock:
            if application.running:
                return True
            try:
                await application.initialize()
            except TelegramError as exc:
                logger.error("Telegram not reachable (%s); webhook answers 503 until it is", exc)
                return False
            await register_commands(application.bot)
            await application.start()
            return True

    async def close(self) -> None:
        application = self.application
        if application is not None:
            if application.running:
                await application.stop()
            await application.shutdown()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        if self.bot_token:
            bridge = TelegramBridge(
                self._relay(on_new_message),
                staff_chat_id=self.staff_chat_id,
                addresses=AddressRecorder(self.database_url),
                staff_callback=handle_staff_callback,
            )
            self.application = build_application(self.bot_token, bridge, base_url=self.api_base_url, polling=False)
        webhook = Blueprint(f"{CHANNEL_NAME}_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.application is not None else "unconfigured"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if self.webhook_secret is not None:
                given = request.headers.get(SECRET_HEADER, "")
                if not hmac.compare_digest(given.encode("utf-8"), self.webhook_secret.encode("utf-8")):
                    return response.json({"error": "forbidden"}, status=403)
            try:
                data = json.loads(request.body or b"")
            except (ValueError, UnicodeDecodeError):
                return response.json({"error": "body is not JSON"}, status=400)
            if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                return response.json({"error": "not a Telegram Update"}, status=400)
            if self.application is None:
                return response.json({"error": "Telegram channel not configured"}, status=503)
            try:
                update = Update.de_json(data, self.application.bot)
            except Exception:  # noqa: BLE001 - any shape error in the payload
                return response.json({"error": "not a Telegram Update"}, status=400)
            if not await self._ensure_started():
                return response.json({"error": "Telegram unreachable, retry later"}, status=503)
            await self.application.update_queue.put(update)
            return response.json({"status": "ok"})

        @webhook.listener("before_server_stop")
        async def shutdown(*_: Any) -> None:
            await self.close()

        return webhook

    def get_output_channel(self) -> Optional[OutputChannel]:
        """For proactive messages: chat looked up in the address book per recipient."""
        if self.application is not None:
            bot = self.application.bot
        elif self.bot_token:
            if self._bot is None:
                self._bot = Bot(self.bot_token, base_url=self.api_base_url)
            bot = self._bot
        else:
            return None
        return TelegramOutput(bot, database_url=self.database_url)
