"""Process helpers for the long-running Telegram processes (polling worker, notifier)
and the webhook channel: shutting down on a signal, reading the staff chat id and the Bot
API base URL from the settings."""

from __future__ import annotations

import asyncio
import logging
import signal
from typing import Optional

from bot.channels.telegram_api import DEFAULT_API_BASE_URL
from bot.settings import ConfigError
from bot.settings import value as settings_value

logger = logging.getLogger(__name__)


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


def api_base_url(value: Optional[str] = None) -> str:
    """Bot API base URL (PTB appends the token): argument, TELEGRAM_API_BASE_URL, or Telegram's."""
    return (value or settings_value("TELEGRAM_API_BASE_URL") or DEFAULT_API_BASE_URL).strip()


def staff_chat_id_from_env() -> Optional[int]:
    """TELEGRAM_STAFF_CHAT_ID as an int, or None when unset/invalid (a process checked it
    at start; here an invalid one only disables the staff features, logged)."""
    try:
        return settings_value("TELEGRAM_STAFF_CHAT_ID")
    except ConfigError:
        logger.error("TELEGRAM_STAFF_CHAT_ID is not an integer chat id; staff features disabled")
        return None
