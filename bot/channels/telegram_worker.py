"""Telegram polling mode: ``python -m bot telegram``.

For a bot without a public URL. A python-telegram-bot ``Application`` long-polls
``getUpdates``; each private text (or command / button payload) is POSTed to Rasa's REST
channel as ``{"sender": "tg-<user_key>", "message": text, "metadata": {"channel":
"telegram", "language_code": ...}}`` and the returned messages are rendered back into the
chat. Staff buttons (``esc:ack:<id>`` / ``esc:res:<id>``) pressed in the staff chat move
the escalation. The handlers live in :mod:`bot.channels.telegram_bridge` and are shared
with webhook mode.

No message is lost on start, restart or outage (issue 19). The worker runs its own
``getUpdates`` loop instead of PTB's Updater, because the Updater confirms every update it
has fetched, answered or not:

- it starts polling only once Rasa's health check passes (``GET /status`` with the Rasa
  token shows a loaded model; ``GET /`` alone when no token is configured, which cannot
  tell a loading model apart), waiting at most TELEGRAM_RASA_WAIT_SECONDS (default 120)
  so that a crisis message is never left unread behind a Rasa that does not come up;
- an update is confirmed to Telegram (the next ``getUpdates`` offset passes it) only once
  it is handled. While Rasa is unreachable, messages are *held*: not confirmed, fetched
  again every TELEGRAM_HOLD_RETRY_SECONDS (2 s) and sent to Rasa in order, per chat, once
  its health check passes again; a crisis / urgent symptom is answered by the worker at
  once and not sent to Rasa later (:mod:`bot.channels.telegram_outage`);
- updates handled while an earlier one is held (other chats, crisis replies) are written
  to a small ledger (``<COMPANION_VAR_DIR>/telegram_updates.json``) so that a restart in
  the middle of an outage does not handle them twice; entries expire after a day (Telegram
  keeps undelivered updates for 24 h).

Limits: at most 100 updates are looked at while some are held (``getUpdates``' limit);
if the process dies between Rasa's answer and the ledger write, that one message is
answered twice (never lost).

Environment (read through bot.settings, see docs/settings.md): TELEGRAM_BOT_TOKEN
(required), TELEGRAM_API_BASE_URL (default Telegram's), RASA_URL (default
http://127.0.0.1:5005), RASA_AUTH_TOKEN (health check; else var/rasa_auth_token),
TELEGRAM_STAFF_CHAT_ID (staff buttons), DATABASE_URL / COMPANION_ADDRESS_KEY (address
book), TELEGRAM_POLL_TIMEOUT (30 s).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence

import httpx
from telegram import Bot, Update
from telegram.error import InvalidToken, TelegramError

from bot.channels.telegram_api import hide_token_in_logs
from bot.channels.telegram_bridge import (
    ALLOWED_UPDATES,
    AddressRecorder,
    RasaUnavailable,
    TelegramBridge,
    build_application,
    register_commands,
)
from bot.channels.telegram_outage import OutagePolicy
from bot.channels.telegram_process import api_base_url, staff_chat_id_from_env, stop_event_on_signals
from bot.channels.telegram_render import send_rasa_messages
from bot.config import PROJECT_ROOT, Settings, core_settings
from bot.notify.telegram_notifier import handle_staff_callback
from bot.settings import value as read_setting

logger = logging.getLogger(__name__)

DEFAULT_RASA_URL = "http://127.0.0.1:5005"
NOT_DELIVERED_STATUSES = (502, 503)
LEDGER_FILE = "telegram_updates.json"
LEDGER_TTL_SECONDS = 24 * 3600
GET_UPDATES_LIMIT = 100


def rasa_token_from_env(var_dir: Optional[Path] = None) -> str:
    """RASA_AUTH_TOKEN, else the token the supervisor generated into var/."""
    token = (read_setting("RASA_AUTH_TOKEN") or "").strip()
    if token:
        return token

    for path in filter(None, (var_dir and var_dir / "rasa_auth_token", PROJECT_ROOT / "var" / "rasa_auth_token")):
        try:
            token = path.read_text().strip()
        except OSError:
            continue
        if token:
            return token
    return ""


class RasaHealth:
    """Is Rasa ready for a message? With the API token: ``GET /status`` names a loaded model
    (Rasa's ``/`` answers while the model is still loading, and the REST channel then drops
    messages with an empty answer); without one only ``GET /``."""

    def __init__(self, rasa_url: str, token: str = "", timeout: float = 3.0) -> None:
        self.base = rasa_url.rstrip("/")
        self.token = token
        self._client = httpx.AsyncClient(timeout=httpx.Timeout(timeout))
        if not token:
            logger.warning(
                "no Rasa API token (RASA_AUTH_TOKEN): the health check cannot see whether the model is loaded"
            )

    async def ok(self) -> bool:
        try:
            if self.token:
                response = await self._client.get(f"{self.base}/status", params={"token": self.token})
                if response.status_code == 200:
                    data = response.json()
                    return isinstance(data, dict) and bool(data.get("model_id") or data.get("model_file"))
                if response.status_code in (401, 403, 404):
                    # wrong token, or /status not routed (a public proxy port): holding every
                    # message for ever would be worse than not seeing the model load
                    logger.warning(
                        "Rasa /status refused (HTTP %s): health check falls back to GET /", response.status_code
                    )
                    self.token = ""
                else:
                    return False
            response = await self._client.get(f"{self.base}/")
            return response.status_code == 200
        except (httpx.HTTPError, ValueError):
            return False

    async def aclose(self) -> None:
        await self._client.aclose()


class UpdateLedger:
    """Update ids handled but not yet confirmed to Telegram, kept on disk across restarts."""

    def __init__(self, path: Optional[Path], bot_id: str) -> None:
        self.path, self.bot_id = path, bot_id
        self.done: Dict[int, float] = {}
        if path is None:
            return
        try:
            data = json.loads(path.read_text())
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and data.get("bot_id") == bot_id and isinstance(data.get("done"), dict):
            cutoff = time.time() - LEDGER_TTL_SECONDS
            self.done = {
                int(k): float(v)
                for k, v in data["done"].items()
                if str(k).isdigit() and isinstance(v, (int, float)) and v > cutoff
            }

    def __contains__(self, update_id: int) -> bool:
        return update_id in self.done

    def mark(self, update_id: int) -> None:
        self.done[update_id] = time.time()
        self._save()

    def confirmed_below(self, offset: int) -> None:
        """Telegram will not send ids below ``offset`` again: forget them."""
        stale = [i for i in self.done if i < offset]
        for update_id in stale:
            del self.done[update_id]
        if stale:
            self._save()

    def _save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"bot_id": self.bot_id, "done": {str(k): v for k, v in self.done.items()}}))
        os.replace(tmp, self.path)


class RestRelay:
    """Relay one user message to Rasa's REST channel and render its replies."""

    def __init__(self, rasa_url: str, timeout: float = 60.0) -> None:
        self.url = f"{rasa_url.rstrip('/')}/webhooks/rest/webhook"
        self._client = httpx.AsyncClient(timeout=httpx.Timeout(timeout, connect=5.0))

    async def __call__(self, bot: Bot, chat_id: int, sender_id: str, text: str, metadata: Dict[str, Any]) -> None:
        body = {"sender": sender_id, "message": text, "metadata": metadata}
        try:
            response = await self._client.post(self.url, json=body)
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:  # Rasa never saw it
            raise RasaUnavailable(f"{type(exc).__name__}: {exc}", not_delivered=True) from exc
        except httpx.HTTPError as exc:
            raise RasaUnavailable(f"{type(exc).__name__}: {exc}") from exc
        if response.status_code in NOT_DELIVERED_STATUSES:  # a proxy with no Rasa behind it
            raise RasaUnavailable(f"HTTP {response.status_code}", not_delivered=True)
        try:
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
    rasa_token: str = ""
    # None: <COMPANION_VAR_DIR>/telegram_updates.json
    ledger_path: Optional[Path] = None
    rasa_wait_seconds: float = 120.0
    hold_retry_seconds: float = 2.0

    @classmethod
    def from_env(cls, settings: Optional[Settings] = None, **overrides: Any) -> "WorkerConfig":
        """From ``settings`` (default: read now) and the non-None ``overrides``."""
        settings = settings or core_settings()
        telegram = settings.telegram
        values: Dict[str, Any] = dict(
            token=telegram.bot_token or "",
            base_url=api_base_url(),
            rasa_url=settings.rasa.url or DEFAULT_RASA_URL,
            staff_chat_id=staff_chat_id_from_env(),
            poll_timeout=telegram.poll_timeout,
            rasa_wait_seconds=telegram.rasa_wait_seconds,
            hold_retry_seconds=telegram.hold_retry_seconds,
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
            logger.warning("Telegram not reachable at startup (%s); retrying in %.0fs", exc, delay)
            try:
                await asyncio.wait_for(stop.wait(), timeout=delay)
            except asyncio.TimeoutError:
                pass
            delay = min(delay * 2, 30.0)
    return False


async def _sleep(stop: asyncio.Event, seconds: float) -> None:
    try:
        await asyncio.wait_for(stop.wait(), timeout=max(0.0, seconds))
    except asyncio.TimeoutError:
        pass


async def wait_for_rasa(health: RasaHealth, stop: asyncio.Event, max_wait: float) -> bool:
    """Until Rasa is ready (True), ``max_wait`` seconds pass or ``stop`` is set (False)."""
    deadline = time.monotonic() + max_wait
    logged = False
    while not stop.is_set():
        if await health.ok():
            return True
        if time.monotonic() >= deadline:
            return False
        if not logged:
            logger.info("waiting for Rasa at %s before reading Telegram messages", health.base)
            logged = True
        await _sleep(stop, 1.0)
    return False


def _chat_of(update: Update) -> Optional[int]:
    chat = update.effective_chat
    return chat.id if chat is not None else None


async def process_batch(
    application, policy: OutagePolicy, ledger: UpdateLedger, updates: Sequence[Update]
) -> List[int]:
    """Handle ``updates`` (in order within a chat, chats side by side); returns the held ids.
    Each handled id goes to the ledger at once (a crash mid-batch does not redo it)."""
    by_chat: Dict[Any, List[Update]] = {}
    for update in updates:
        key = _chat_of(update)
        by_chat.setdefault(key if key is not None else ("update", update.update_id), []).append(update)

    async def run_chat(chat_updates: Iterable[Update]) -> None:
        for update in chat_updates:
            await application.process_update(update)  # handler errors go to the error handler
            if update.update_id not in policy.held:
                ledger.mark(update.update_id)

    await asyncio.gather(*(run_chat(group) for group in by_chat.values()))
    return sorted(policy.held)


async def run_polling(config: WorkerConfig, stop: asyncio.Event) -> None:
    """Poll until ``stop`` is set; see the module docstring. Handler errors are logged by
    the bridge and polling goes on; getUpdates network errors are retried with backoff."""
    if not config.token:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    var_dir = core_settings().var_dir
    ledger_path = config.ledger_path or var_dir / LEDGER_FILE
    relay = RestRelay(config.rasa_url)
    health = RasaHealth(config.rasa_url, config.rasa_token or rasa_token_from_env(var_dir))
    policy = OutagePolicy(config.database_url)
    bridge = TelegramBridge(
        relay,
        staff_chat_id=config.staff_chat_id,
        addresses=AddressRecorder(config.database_url),
        outage=policy,
        staff_callback=handle_staff_callback,
    )
    application = build_application(config.token, bridge, base_url=config.base_url, polling=False)
    try:
        if not await _initialize(application, stop):
            return
        await register_commands(application.bot)
        await application.start()
        if not await wait_for_rasa(health, stop, config.rasa_wait_seconds) and not stop.is_set():
            logger.error(
                "Rasa not ready after %.0fs: reading messages anyway (crisis answered, the rest held until Rasa is up)",
                config.rasa_wait_seconds,
            )
        await _poll(application, config, health, policy, UpdateLedger(ledger_path, config.token.split(":")[0]), stop)
    finally:
        if application.running:
            await application.stop()
        await application.shutdown()
        await relay.aclose()
        await health.aclose()
        logger.info("Telegram polling stopped")


async def _poll(
    application,
    config: WorkerConfig,
    health: RasaHealth,
    policy: OutagePolicy,
    ledger: UpdateLedger,
    stop: asyncio.Event,
) -> None:
    """The getUpdates loop: offset only ever passes handled updates."""
    bot = application.bot
    offset: Optional[int] = None
    delay = 1.0
    while not stop.is_set():  # bootstrap: polling needs no webhook (PTB's Updater did this)
        try:
            await bot.delete_webhook(drop_pending_updates=False)
            break
        except TelegramError as exc:
            logger.warning("deleteWebhook failed (%s); retrying in %.0fs", exc, delay)
            await _sleep(stop, delay)
            delay = min(delay * 2, 30.0)
    logger.info("Telegram polling started (Rasa at %s)", health.base)
    holding = False
    delay = 1.0
    while not stop.is_set():
        rasa_up = await health.ok()
        try:
            updates = await bot.get_updates(
                offset=offset,
                limit=GET_UPDATES_LIMIT,
                timeout=0 if holding else config.poll_timeout,
                allowed_updates=ALLOWED_UPDATES,
                read_timeout=(0 if holding else config.poll_timeout) + 10.0,
            )
            delay = 1.0
        except InvalidToken:
            raise
        except TelegramError as exc:
            logger.warning("getUpdates failed (%s); retrying in %.0fs", exc, delay)
            await _sleep(stop, delay)
            delay = min(delay * 2, 30.0)
            continue
        if not updates:
            holding = False
            continue
        policy.start_batch(rasa_down=not rasa_up)
        fresh = [u for u in updates if u.update_id not in ledger]
        held = await process_batch(application, policy, ledger, fresh)
        offset = held[0] if held else max(u.update_id for u in updates) + 1
        ledger.confirmed_below(offset)
        if held:
            if not holding:
                logger.warning("Rasa unreachable: holding %d message(s) until it answers", len(held))
            holding = True
            await _sleep(stop, config.hold_retry_seconds)
        elif holding:
            logger.info("Rasa answers again: held messages delivered")
            holding = False


def cli_main(args: argparse.Namespace, settings: Any = None) -> int:
    """``python -m bot telegram``: poll until SIGINT/SIGTERM (logging set up by the CLI)."""
    hide_token_in_logs()
    config = WorkerConfig.from_env(
        settings,
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
    telegram = (settings or core_settings()).telegram
    token = telegram.bot_token or ""
    if not token:
        print("error: TELEGRAM_BOT_TOKEN is not set")
        return 2
    secret = telegram.webhook_secret or None

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
