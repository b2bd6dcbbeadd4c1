"""Read a 0-10 distress score out of a short free-text reply."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import List, Optional

from bot import number_words

OUT_OF_RANGE = "out_of_range"
NOT_A_NUMBER = "not_a_number"

_WORDS = {
    **number_words.pick("zero"),
    "nought": 0,
    "nil": 0,
    **number_words.span(1, 20),
    **number_words.pick("thirty", "forty", "fifty", "hundred", "thousand", "million"),
}
# "/10", "out of 10", "of ten": the scale, not the answer.
_DENOMINATOR = re.compile(r"(?:/|\bout\s+of\b|\bof\b)\s*(?:10|ten)\b", re.IGNORECASE)
_MINUS_WORD = re.compile(r"\b(?:minus|negative)\s+(?=\d|[a-z])", re.IGNORECASE)
_NUMBER = re.compile(
    r"(?:(?<![\w.])-)?(?:(?<![\d.])\d+(?:[.,]\d+)?|\b(?:" + number_words.alternation(_WORDS) + r")\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ScoreParse:
    """Outcome of parsing: ``score`` 0-10, or None with ``reason`` (out_of_range / not_a_number)."""

    score: Optional[int]
    reason: Optional[str] = None

    @property
    def ok(self) -> bool:
        return self.score is not None


def _values(text: str) -> List[Decimal]:
    text = _MINUS_WORD.sub("-", text)
    values = []
    for match in _NUMBER.finditer(text):
        token = match.group(0).lower()
        if token.lstrip("-") in _WORDS:
            sign = -1 if token.startswith("-") else 1
            values.append(Decimal(sign * _WORDS[token.lstrip("-")]))
        else:
            values.append(Decimal(token.replace(",", ".")))
    return values


def parse_score_detail(text: Optional[str]) -> ScoreParse:
    """Parse "6", "about a 6", "six", "6/10", "7 out of 10", "a two".

    Several in-range numbers ("5 or 6") give the highest, erring towards concern;
    halves round up. Nothing numeric: not_a_number; only numbers outside 0-10: out_of_range.
    """
    if not text or not text.strip():
        return ScoreParse(None, NOT_A_NUMBER)
    values = _values(_DENOMINATOR.sub(" ", text))
    if not values:
        return ScoreParse(None, NOT_A_NUMBER)
    in_range = [v for v in values if 0 <= v <= 10]
    if not in_range:
        return ScoreParse(None, OUT_OF_RANGE)
    best = max(in_range).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return ScoreParse(int(best))


def parse_score(text: Optional[str]) -> Optional[int]:
    """The 0-10 score in ``text``, or None (see ``parse_score_detail`` for why)."""
    return parse_score_detail(text).score


_TIME = re.compile(
    r"(?<![\d:.])\b(?P<h>[01]?\d|2[0-3])(?:[:.h](?P<m>[0-5]\d))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)?(?![\d])",
    re.IGNORECASE,
)
_NAMED_TIMES = {"noon": "12:00", "midday": "12:00", "midnight": "00:00"}


def parse_time_of_day(text: Optional[str]) -> Optional[str]:
    """Parse "9am", "9:30 pm", "21:00", "7.15", "noon" into 24-hour "HH:MM", else None.

    A bare number without am/pm is read as a 24-hour clock hour ("7" → 07:00)."""
    if not text:
        return None
    lowered = text.strip().lower()
    for word, value in _NAMED_TIMES.items():
        if re.search(rf"\b{word}\b", lowered):
            return value
    match = _TIME.search(lowered)
    if not match:
        return None
    hour, minute = int(match.group("h")), int(match.group("m") or 0)
    ampm = (match.group("ampm") or "").replace(".", "")
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    return f"{hour:02d}:{minute:02d}"
