"""The periodic jobs behind ``python -m bot scheduler``: replay what was spooled while the
database was down, enqueue due reminders, plan care reminders, re-alert unacknowledged
escalations.

One pass is ``tick``; ``run_forever`` repeats it every ``interval`` seconds until SIGTERM or
SIGINT. Each job runs in its own try block, so one failing (e.g. the database down) never
stops the others or the loop; a failed pass is logged and the next one tries again.
"""

from __future__ import annotations

import logging
import signal
import threading
from typing import Any, Callable, Dict, Tuple

logger = logging.getLogger(__name__)


def spools(settings) -> Dict[str, Tuple[Any, Callable]]:
    """name -> (spool, drain function), in replay order."""
    from bot.checkins import service as checkins
    from bot.escalation import service as escalations

    found: Dict[str, Tuple[Any, Callable]] = {
        "escalations": (escalations.spool_for(settings), escalations.drain_spool),
        "checkins": (checkins.spool_for(settings), checkins.drain_spool),
    }
    try:  # Rasa-side safety backstop; after the action spool so it can see what got there
        from bot.escalation import backstop
    except ImportError:  # pragma: no cover - optional layer
        return found
    found["backstop"] = (backstop.backstop_spool(settings), backstop.replay_backstop)
    return found


def drain_all(settings) -> Dict[str, int]:
    """Replay every spool into the database; returns counts per spool."""
    return {name: drain(settings) for name, (_, drain) in spools(settings).items()}


def spooled_counts(settings) -> Dict[str, int]:
    """Records still waiting in each spool."""
    return {name: len(spool) for name, (spool, _) in spools(settings).items()}


def tick(settings) -> bool:
    """One pass of the periodic jobs; returns False if any step failed (logged)."""
    from bot.checkins.reminders import enqueue_due_reminders
    from bot.db.session import session_scope
    from bot.db.types import utcnow

    ok = True
    try:
        counts = drain_all(settings)
        if any(counts.values()):
            logger.info("replayed from spool: %s", counts)
    except Exception as exc:  # noqa: BLE001 - keep the loop alive
        logger.error("spool drain failed: %s", type(exc).__name__)
        ok = False
    try:
        with session_scope(settings.database_url) as session:
            queued = enqueue_due_reminders(session, utcnow())
        if queued:
            logger.info("queued %d reminder(s)", queued)
    except Exception as exc:  # noqa: BLE001
        logger.error("reminder pass failed: %s", type(exc).__name__)
        ok = False
    try:
        from bot.care_reminders.service import plan_due

        with session_scope(settings.database_url) as session:
            planned = plan_due(session, utcnow())
        if planned:
            logger.info("care reminders: %s", planned.counts)
    except Exception as exc:  # noqa: BLE001
        logger.error("care reminder pass failed: %s", type(exc).__name__)
        ok = False
    try:  # unacknowledged critical / high escalations alerted again (issue 19)
        from bot.escalation.realert import enqueue_realerts

        with session_scope(settings.database_url) as session:
            realerted = enqueue_realerts(session, utcnow())
        if realerted:
            logger.info("re-alerted %d unacknowledged escalation(s)", realerted)
    except Exception as exc:  # noqa: BLE001
        logger.error("re-alert pass failed: %s: %s", type(exc).__name__, exc)
        ok = False
    return ok


def run_forever(settings, interval: float) -> None:
    """``tick`` every ``interval`` seconds until SIGTERM or SIGINT."""
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    logger.info("scheduler running every %.0f s", interval)
    while not stop.is_set():
        tick(settings)
        stop.wait(interval)
