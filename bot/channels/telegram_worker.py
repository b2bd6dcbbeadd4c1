"""Telegram polling mode: ``python -m bot telegram``.

For a bot without a public URL. A python-telegram-bot ``Application`` long-polls
``getUpdates``; each private text (or command / button payload) is POSTed to Rasa's REST
channel as ``{"sender": "tg-<user_key>", "message": text, "metadata": {"channel":
"telegram", "language_code": ...}}`` and the returned messages are rendered back into the
chat. Staff buttons (``esc:ack:<id>`` / ``esc:res:<id>``) pressed in the staff chat move
the escalation. The handlers live in :mod:`bot.channels.telegram_bridge` and are shared
with webhook mode.

Environment: TELEGRAM_BOT_TOKEN (required), TELEGRAM_API_BASE_URL (default Telegram's),
RASA_URL (default http://127.0.0.1:5005), TELEGRAM_STAFF_CHAT_ID (staff buttons),
DATABASE_URL / COMPANION_ADDRESS_KEY (address book), TELEGRAM_POLL_TIMEOUT (30 s).
"""
from __future__ import annotations

import argparse
import asyncio
import logging
import os
from dataclasses import dataclass
from typing import Any, Dict, Optional

import httpx
from telegram import Bot
from telegram.error import InvalidToken, TelegramError

from bot.channels.telegram_bridge import (
    ALLOWED_UPDATES,
    AddressRecorder,
    RasaUnavailable,
    TelegramBridge,
    api_base_url,
    build_application,
    hide_token_in_logs,
    register_commands,
    send_rasa_messages,
    staff_chat_id_from_env,
    stop_event_on_signals,
)

log = logging.getLogger(__name__)

DEFAULT_RASA_URL = "http://127.0.0.1:5005"


class RestRelay:
    """Relay one user message to Rasa's REST channel and render its replies."""

    def __init__(self, rasa_url: str, timeout: float = 60.0) -> None:
        self.url = f"{rasa_url.rstrip('/')}/webhooks/rest/webhook"
        self._client = httpx.AsyncClient(timeout=httpx.Timeout(timeout, connect=5.0))

    async def __call__(self, bot: Bot, chat_id: int, sender_id: str, text: str, metadata: Dict[str, Any]) -> None:
        body = {"sender": sender_id, "message": text, "metadata": metadata}
        try:
            response = await self._client.post(self.url, json=body)
            response.raise_for_status()
            messages = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise RasaUnavailable(f"{type(exc).__name__}: {exc}") from exc
        if not isinstance(messages, list):
            raise RasaUnavailable("Rasa REST answer is not a list")
        await send_rasa_messages(bot, chat_id, messages)

    async def aclose(self) -> None:
        await self._client.aclose()


@dataclass
class WorkerConfig:
    token: str
    base_url: str
    rasa_url: str
    staff_chat_id: Optional[int] = None
    poll_timeout: int = 30
    database_url: Optional[str] = None

    @classmethod
    def from_env(cls, **overrides: Any) -> "WorkerConfig":
        token = os.environ.get("TELEGRAM_BOT_TOKEN", "").strip()
        values: Dict[str, Any] = dict(
            token=token,
            base_url=api_base_url(),
            rasa_url=os.environ.get("RASA_URL") or DEFAULT_RASA_URL,
            staff_chat_id=staff_chat_id_from_env(),
            poll_timeout=int(os.environ.get("TELEGRAM_POLL_TIMEOUT", "30")),
        )
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


async def _initialize(application, stop: asyncio.Event) -> bool:
    """Initialise (getMe) with backoff while Telegram is unreachable; False if stopped."""
    delay = 1.0
    while not stop.is_set():
        try:
            await application.initialize()
            return True
        except InvalidToken:
            raise
        except TelegramError as exc:  # network errors, 5xx
            log.warning("Telegram not reachable at startup (%s); retrying in %.0fs", exc, delay)
            try:
                await asyncio.wait_for(stop.wait(), timeout=delay)
            except asyncio.TimeoutError:
                pass
            delay = min(delay * 2, 30.0)
    return False


async def run_polling(config: WorkerConfig, stop: asyncio.Event) -> None:
    """Poll until ``stop`` is set. Handler errors are logged by the bridge and polling goes
    on; getUpdates network errors are retried by python-telegram-bot."""
    if not config.token:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    relay = RestRelay(config.rasa_url)
    bridge = TelegramBridge(
        relay, staff_chat_id=config.staff_chat_id, addresses=AddressRecorder(config.database_url)
    )
    application = build_application(config.token, bridge, base_url=config.base_url)
    try:
        if not await _initialize(application, stop):
            return
        await register_commands(application.bot)
        await application.updater.start_polling(
            timeout=config.poll_timeout,
            allowed_updates=ALLOWED_UPDATES,
            bootstrap_retries=5,
        )
        await application.start()
        log.info("Telegram polling started (Rasa at %s)", relay.url)
        await stop.wait()
    finally:
        if application.updater is not None and application.updater.running:
            await application.updater.stop()
        if application.running:
            await application.stop()
        await application.shutdown()
        await relay.aclose()
        log.info("Telegram polling stopped")


def cli_main(args: argparse.Namespace, settings: Any = None) -> int:
    """``python -m bot telegram``: poll until SIGINT/SIGTERM (logging set up by the CLI)."""
    hide_token_in_logs()
    config = WorkerConfig.from_env(
        rasa_url=getattr(args, "rasa_url", None),
        poll_timeout=getattr(args, "poll_timeout", None),
        database_url=getattr(settings, "database_url", None),
    )
    if not config.token:
        print("error: TELEGRAM_BOT_TOKEN is not set; get a token from @BotFather.")
        return 2

    async def main() -> None:
        await run_polling(config, stop_event_on_signals())

    try:
        asyncio.run(main())
    except InvalidToken:
        print("error: Telegram rejected TELEGRAM_BOT_TOKEN.")
        return 2
    return 0


def cli_webhook(args: argparse.Namespace, settings: Any = None) -> int:
    """``python -m bot telegram-webhook --url URL | --delete``: setWebhook (with
    TELEGRAM_WEBHOOK_SECRET and our allowed updates) or deleteWebhook."""
    token = os.environ.get("TELEGRAM_BOT_TOKEN", "").strip()
    if not token:
        print("error: TELEGRAM_BOT_TOKEN is not set")
        return 2
    secret = os.environ.get("TELEGRAM_WEBHOOK_SECRET") or None

    async def main() -> bool:
        async with Bot(token, base_url=api_base_url()) as bot:
            if args.delete:
                return await bot.delete_webhook()
            return await bot.set_webhook(url=args.url, secret_token=secret, allowed_updates=ALLOWED_UPDATES)

    if not args.delete and not args.url:
        print("error: give --url https://<host>/webhooks/telegram_ptb/webhook or --delete")
        return 2
    if not args.delete and not secret:
        print("warning: TELEGRAM_WEBHOOK_SECRET is not set; anyone who knows the URL can post updates")
    ok = asyncio.run(main())
    print("done" if ok else "Telegram refused the request")
    return 0 if ok else 1
