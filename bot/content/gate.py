"""Serving gate: with ``COMPANION_ENV=production`` only knowledge answers whose current
text a clinician signed off reach people.

An entry without a sign-off for its current text hash is replaced by its category's
general answer when that one is signed off, otherwise by a safe fallback that points to
the care team. ``COMPANION_SERVE_UNREVIEWED=1`` is the operator's explicit opt-out.
Crisis and urgent replies never pass through here: they are domain responses chosen by
rules, so nothing can hold them back.

The safety replies have a clinician review record of their own (review items "reply:<response>",
bot/content/reply_review.yml), and this gate must NEVER consult it: a crisis line or an
urgent-symptom reply that waits for a sign-off is a reply the person in danger does not get.
Those replies are chosen by rules (data/rules, bot/safety/policy.py, and
bot/channels/safety_replies.py during an outage) and rendered from domain.yml without any
review lookup; only knowledge answers (``knowledge_item_id``) are gated here
(tests/test_reply_review.py::test_nothing_in_the_reply_path_consults_review_status).
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any, Callable, FrozenSet, Mapping, Optional, Set, Tuple

from bot.content import GENERAL, Knowledge, Topic
from bot.content.review_items import current_hash, knowledge_item_id
from bot.settings import ConfigError
from bot.settings import value as read_setting

logger = logging.getLogger(__name__)

OPT_IN_ENV = "COMPANION_SERVE_UNREVIEWED"
FALLBACK = (
    "I can't give you that information right now. If you feel unwell or have "
    "urgent symptoms, call your oncology hotline or emergency services now."
)
CAREGIVER_FALLBACK = (
    "I can't give you that information right now. If the person you care for "
    "feels unwell or has urgent symptoms, call their oncology hotline or "
    "emergency services now."
)
REFRESH_SECONDS = 30.0


def gate_active(environ: Optional[Mapping[str, str]] = None) -> bool:
    """True in production unless the operator opted in to serving unreviewed text
    (``environ``: default the process environment). A setting that cannot be read keeps
    the gate shut (each process checked them at start; logged)."""
    try:
        production = read_setting("COMPANION_ENV", environ) == "production"
    except ConfigError as exc:
        logger.error("serving gate stays on: %s", exc)
        return True
    if not production:
        return False
    try:
        return not read_setting(OPT_IN_ENV, environ)
    except ConfigError as exc:  # only "1" opts in
        logger.error("serving gate stays on: %s", exc)
        return True


class ReviewIndex:
    """Signed-off (item id, text hash) pairs, read from the database at most every
    ``ttl`` seconds: a sign-off is served within that time, and a knowledge answer costs
    no query. If the database cannot be read the last known pairs stay in force (none
    before the first successful read: fail closed)."""

    def __init__(self, database_url: str, ttl: float = REFRESH_SECONDS, clock: Callable[[], float] = time.monotonic):
        self.database_url = database_url
        self.ttl = ttl
        self.clock = clock
        self._pairs: FrozenSet[Tuple[str, str]] = frozenset()
        self._next = 0.0
        self._lock = threading.Lock()

    def _read(self) -> Set[Tuple[str, str]]:
        from bot.content.review import reviewed_versions
        from bot.db.session import session_scope

        with session_scope(self.database_url) as session:
            return reviewed_versions(session)

    def pairs(self) -> FrozenSet[Tuple[str, str]]:
        with self._lock:
            now = self.clock()
            if now >= self._next:
                self._next = now + self.ttl  # also the back-off after a failed read
                try:
                    self._pairs = frozenset(self._read())
                except Exception:  # noqa: BLE001 - keep serving with what we knew
                    logger.warning(
                        "review index: could not read sign-offs; keeping %d known", len(self._pairs), exc_info=True
                    )
            return self._pairs

    def is_reviewed(self, item_id: str, text_hash: str) -> bool:
        return (item_id, text_hash) in self.pairs()


_default: Optional[ReviewIndex] = None
_default_lock = threading.Lock()


def default_index() -> ReviewIndex:
    """The process's index on DATABASE_URL (built on first use)."""
    global _default
    with _default_lock:
        if _default is None:
            from bot.config import core_settings

            _default = ReviewIndex(core_settings().database_url, ttl=REFRESH_SECONDS)
        return _default


def reset_default_index() -> None:
    """Forget the process's index (tests; a changed DATABASE_URL)."""
    global _default
    with _default_lock:
        _default = None


def is_servable(
    knowledge: Knowledge, topic: Topic, index: Optional[ReviewIndex] = None, environ: Optional[Mapping[str, str]] = None
) -> bool:
    """Whether ``topic`` may be shown as it is now."""
    if not gate_active(environ):
        return True
    index = index or default_index()
    return index.is_reviewed(knowledge_item_id(topic), current_hash(knowledge, topic))


def render_gated(
    knowledge: Knowledge,
    topic: Topic,
    *,
    index: Optional[ReviewIndex] = None,
    environ: Optional[Mapping[str, str]] = None,
    **render_kwargs: Any,
) -> str:
    """``knowledge.render(topic, **render_kwargs)`` if servable; else the reviewed general
    answer of its category; else the fallback with the care-team line."""
    if is_servable(knowledge, topic, index, environ):
        return knowledge.render(topic, **render_kwargs)
    logger.info("not serving unreviewed %s", topic.name)
    general = knowledge.topic(topic.category)
    if general.key == GENERAL and general is not topic and is_servable(knowledge, general, index, environ):
        kwargs = dict(render_kwargs, aspect=None)  # the general answer, not another topic's side effects
        return knowledge.render(general, **kwargs)
    fallback = CAREGIVER_FALLBACK if render_kwargs.get("role") == "caregiver" else FALLBACK
    return f"{fallback}\n\n{knowledge.care_team_line}"
