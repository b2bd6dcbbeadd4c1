"""Per-person rate limit for the chat channels (Telegram, the socket.io widget).

A token bucket per sender id, kept in memory: each person may send ``burst`` messages at
once and then ``rate_per_minute`` messages a minute on average. Over the limit a message
is not handed to Rasa, and the person gets one friendly line ("You're sending messages
very fast ...") at most once per ``notice_seconds`` -- not one per dropped message.

SAFETY RULE: a message that the safety detector (:func:`bot.safety.detector.assess`)
reads as a crisis or an urgent symptom -- or a button payload for a safety intent such as
``/request_human`` -- is NEVER dropped, however fast the person is writing. The detector
is only run for messages that would otherwise be dropped, so the limit costs nothing on
the normal path.

Memory is bounded: a bucket that has been idle long enough to be full again (and whose
notice window has passed) is indistinguishable from a new one and is evicted; on top of
that at most ``max_keys`` buckets are kept (the least recently seen go first -- under a
spray of sender ids the limit fails open for the evicted ones, never closed).

Limits are per process: with several Rasa replicas / workers each keeps its own buckets
(Telegram updates of one chat are processed by one worker; the widget needs sticky
sessions anyway), so the effective limit is at most replicas x the configured one.

Environment:

``COMPANION_RATE_PER_MINUTE`` (default 30; ``0`` switches the limit off),
``COMPANION_RATE_BURST`` (default 10),
``COMPANION_RATE_NOTICE_SECONDS`` (default 60: at most one "slow down" line per window).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Callable, Dict, Optional

from bot.settings import ConfigError
from bot.settings import value as read_setting

logger = logging.getLogger(__name__)

DEFAULT_RATE_PER_MINUTE = 30.0
DEFAULT_BURST = 10
DEFAULT_NOTICE_SECONDS = 60.0
DEFAULT_MAX_KEYS = 100_000

RATE_LIMIT_REPLY = (
    "You're sending messages very fast — please wait a moment before sending the next one. "
    "If you feel unsafe or have an urgent symptom, tell me straight away: that always gets "
    "through, or call your care team or local emergency number now."
)

# Button payloads / intent shortcuts that always get through (besides detector findings).
SAFETY_INTENTS = frozenset({"request_human", "crisis", "crisis_about", "urgent_symptom"})


def is_safety_critical(text: Optional[str]) -> bool:
    """True when ``text`` must reach Rasa whatever the rate: the detector finds a crisis or
    an urgent symptom, or it is a payload for a safety intent (``/request_human``)."""
    if not isinstance(text, str) or not text.strip():
        return False
    stripped = text.strip()
    if stripped.startswith("/"):
        intent = stripped[1:].split("{", 1)[0].strip()
        if intent in SAFETY_INTENTS:
            return True
    from bot.safety.detector import CRISIS, URGENT, assess

    try:
        finding = assess(text)
    except Exception:  # noqa: BLE001 - a detector bug must never drop a message
        logger.exception("safety detector failed inside the rate limiter; letting the message through")
        return True
    return finding is not None and finding.kind in (CRISIS, URGENT)


@dataclass(frozen=True)
class Decision:
    """``allowed``: hand the message to Rasa. ``notify``: send RATE_LIMIT_REPLY now (only
    ever with ``allowed=False``). ``reason``: "ok", "safety" (over the limit but let
    through), "limited", or "disabled"."""

    allowed: bool
    notify: bool = False
    reason: str = "ok"


class _Bucket:
    __slots__ = ("tokens", "updated", "noticed")

    def __init__(self, tokens: float, now: float) -> None:
        self.tokens = tokens
        self.updated = now
        self.noticed = float("-inf")


def _setting(name: str, default: Any) -> Any:
    """One setting (bot.settings checks it at start); a bad one is logged and the default
    used: the channel keeps answering."""
    try:
        return read_setting(name)
    except ConfigError as exc:
        logger.error("%s; using %s", exc, default)
        return default


class RateLimiter:
    """Token buckets per key; see the module docstring. Thread-safe."""

    def __init__(
        self,
        rate_per_minute: float = DEFAULT_RATE_PER_MINUTE,
        burst: int = DEFAULT_BURST,
        *,
        notice_seconds: float = DEFAULT_NOTICE_SECONDS,
        max_keys: int = DEFAULT_MAX_KEYS,
        clock: Callable[[], float] = time.monotonic,
        is_critical: Callable[[Optional[str]], bool] = is_safety_critical,
    ) -> None:
        self.rate_per_second = max(0.0, float(rate_per_minute)) / 60.0
        self.burst = max(1, int(burst))
        self.notice_seconds = max(0.0, float(notice_seconds))
        self.max_keys = max(1, int(max_keys))
        self.clock = clock
        self.is_critical = is_critical
        self._buckets: "OrderedDict[str, _Bucket]" = OrderedDict()
        self._lock = threading.Lock()

    @classmethod
    def from_env(cls, **overrides) -> "RateLimiter":
        values: Dict[str, Any] = dict(
            rate_per_minute=_setting("COMPANION_RATE_PER_MINUTE", DEFAULT_RATE_PER_MINUTE),
            burst=_setting("COMPANION_RATE_BURST", DEFAULT_BURST),
            notice_seconds=_setting("COMPANION_RATE_NOTICE_SECONDS", DEFAULT_NOTICE_SECONDS),
        )
        values.update(overrides)
        return cls(**values)

    @property
    def enabled(self) -> bool:
        return self.rate_per_second > 0

    @property
    def idle_seconds(self) -> float:
        """After this long without a message a bucket is full again and can be forgotten."""
        refill = self.burst / self.rate_per_second if self.rate_per_second else 0.0
        return max(refill, self.notice_seconds)

    def __len__(self) -> int:
        return len(self._buckets)

    def _evict(self, now: float) -> None:
        idle = self.idle_seconds
        while self._buckets:
            key, bucket = next(iter(self._buckets.items()))
            if now - bucket.updated >= idle:
                del self._buckets[key]
            else:
                break

    def _take(self, key: str) -> Optional[_Bucket]:
        """Take one token for ``key``; the bucket when it had none (caller decides)."""
        now = self.clock()
        with self._lock:
            self._evict(now)
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = self._buckets[key] = _Bucket(float(self.burst), now)
            else:
                elapsed = max(0.0, now - bucket.updated)
                bucket.tokens = min(float(self.burst), bucket.tokens + elapsed * self.rate_per_second)
                self._buckets.move_to_end(key)
            bucket.updated = now
            while len(self._buckets) > self.max_keys:  # the current key is the newest
                self._buckets.popitem(last=False)
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return None
            return bucket

    def check(self, key: str, text: Optional[str] = None) -> Decision:
        """Should this message from ``key`` go to Rasa? ``text`` is only read (by the
        safety detector) when the person is over the limit."""
        if not self.enabled:
            return Decision(True, reason="disabled")
        bucket = self._take(str(key))
        if bucket is None:
            return Decision(True)
        if self.is_critical(text):
            logger.info("rate limit: over the limit but a safety message; let through")
            return Decision(True, reason="safety")
        now = self.clock()
        with self._lock:
            notify = now - bucket.noticed >= self.notice_seconds
            if notify:
                bucket.noticed = now
        logger.info("rate limit: message dropped%s", " (notice sent)" if notify else "")
        return Decision(False, notify=notify, reason="limited")
