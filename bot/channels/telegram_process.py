"""Process helpers for the long-running Telegram processes (polling worker, notifier)
and the webhook channel: shutting down on a signal, reading the staff chat id."""
from __future__ import annotations

import asyncio
import logging
import os
import signal
from typing import Optional

log = logging.getLogger(__name__)


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
