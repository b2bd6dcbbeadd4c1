"""The syntax of the support-hours settings (SUPPORT_HOURS, SUPPORT_HOLIDAYS, the zone and
on-call values): parsing and checks only, no clock and no settings.

:mod:`bot.settings` validates those variables with these functions at start, and
:mod:`bot.support_hours` builds the hours from them; both import this module, which
imports no project module but the settings' error type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time
from typing import FrozenSet, List, Optional, Tuple, Union
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.settings.registry import ConfigError

DEFAULT_HOURS = "Mon-Fri 09:00-17:00"
# Same zones the reminders use for a region when no zone is configured.
REGION_TIMEZONES = {
    "US": "America/New_York",
    "UK": "Europe/London",
    "CA": "America/Toronto",
    "AU": "Australia/Sydney",
    "EU": "Europe/Berlin",
}
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DAY_ALIASES = {
    **{d: i for i, d in enumerate(DAYS)},
    **{n.lower(): i for i, n in enumerate(DAY_NAMES)},
    "tues": 1,
    "wednes": 2,
    "thur": 3,
    "thurs": 3,
}
_TIME_RANGE = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$")
_CHAT_ID = re.compile(r"^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31})$")
_MAX_SETTING = 2000  # no sane schedule or contact is longer; refuse a pasted file
ONCALL_CONTACT_MAX = 200


class SupportHoursError(ConfigError, ValueError):
    """A support-hours setting is invalid; the message names the variable."""


@dataclass(frozen=True)
class Window:
    """One weekly opening: ``weekday`` (0 = Monday) from ``start`` for ``minutes`` minutes."""

    weekday: int
    start: time
    minutes: int


def _zone(name: Union[str, ZoneInfo], variable: str = "tz") -> ZoneInfo:
    if isinstance(name, ZoneInfo):
        return name
    try:
        return ZoneInfo(str(name).strip())
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise SupportHoursError(f"{variable}: unknown IANA time zone {name!r}") from exc


def _clean(value: Optional[str], variable: str) -> str:
    text = (value or "").strip()
    if len(text) > _MAX_SETTING:
        raise SupportHoursError(f"{variable} is too long ({len(text)} characters)")
    if any(ord(ch) < 32 and ch not in "\t" for ch in text) or "\x7f" in text:
        raise SupportHoursError(f"{variable} contains control characters")
    return text


def _days(spec: str, variable: str) -> List[int]:
    spec = spec.strip().lower()
    if spec in ("daily", "every day", "everyday", "mon-sun"):
        return list(range(7))
    out: List[int] = []
    for part in spec.split(","):
        ends = [p.strip() for p in part.split("-")]
        if len(ends) not in (1, 2) or any(e not in _DAY_ALIASES for e in ends):
            raise SupportHoursError(f"{variable}: unknown day {part.strip()!r} (use Mon..Sun)")
        first, last = _DAY_ALIASES[ends[0]], _DAY_ALIASES[ends[-1]]
        span = (last - first) % 7  # Fri-Mon wraps round the weekend
        out.extend((first + i) % 7 for i in range(span + 1))
    return out


def _time_range(text: str, variable: str) -> Tuple[time, int]:
    match = _TIME_RANGE.match(text.strip())
    if not match:
        raise SupportHoursError(f"{variable}: {text!r} is not a time range like 09:00-17:00")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if h1 > 23 or m1 > 59 or m2 > 59 or h2 > 24 or (h2 == 24 and m2):
        raise SupportHoursError(f"{variable}: {text!r} has an impossible time")
    start, end = h1 * 60 + m1, h2 * 60 + m2
    minutes = end - start if end > start else end + 24 * 60 - start  # overnight
    return time(h1, m1), minutes


def parse_hours(spec: str, variable: str = "SUPPORT_HOURS") -> Tuple[Window, ...]:
    """Weekly windows from a ``SUPPORT_HOURS`` string; SupportHoursError when malformed."""
    text = _clean(spec, variable)
    if not text:
        raise SupportHoursError(f"{variable} is empty")
    if text.lower() in ("24/7", "always"):
        return tuple(Window(d, time(0), 24 * 60) for d in range(7))
    windows: List[Window] = []
    for segment in filter(None, (s.strip() for s in text.split(";"))):
        match = re.match(r"^([A-Za-z][A-Za-z,\- ]*?)\s+(\d.*)$", segment)
        if not match:
            raise SupportHoursError(f"{variable}: {segment!r} should be days then times, e.g. 'Mon-Fri 09:00-17:00'")
        days = _days(match.group(1), variable)
        times = re.sub(r"\s*-\s*", "-", match.group(2).strip())
        ranges = [r for r in re.split(r"[\s,]+", times) if r]
        for start, minutes in (_time_range(r, variable) for r in ranges):
            windows.extend(Window(d, start, minutes) for d in days)
    if not windows:
        raise SupportHoursError(f"{variable} has no opening hours")
    return tuple(sorted(set(windows), key=lambda w: (w.weekday, w.start)))


def parse_holidays(spec: Optional[str], variable: str = "SUPPORT_HOLIDAYS") -> FrozenSet[date]:
    """Dates from a comma-separated ISO list; empty is none."""
    out = set()
    for item in filter(None, (s.strip() for s in _clean(spec, variable).split(","))):
        try:
            out.add(date.fromisoformat(item))
        except ValueError as exc:
            raise SupportHoursError(f"{variable}: {item!r} is not an ISO date (YYYY-MM-DD)") from exc
    return frozenset(out)


def check_hours(spec: str, variable: str = "SUPPORT_HOURS") -> str:
    """``spec`` cleaned, once it parses as weekly hours (SupportHoursError otherwise)."""
    text = _clean(spec, variable)
    parse_hours(text, variable)
    return text


def check_oncall_chat_id(value: str, variable: str = "ONCALL_TELEGRAM_CHAT_ID") -> str:
    """A numeric Telegram chat id or an ``@channel`` name."""
    text = _clean(value, variable)
    if not _CHAT_ID.match(text):
        raise SupportHoursError(f"{variable} must be a numeric Telegram chat id or an @channel name")
    return text


def check_oncall_contact(value: str, variable: str = "ONCALL_CONTACT") -> str:
    """Free text for staff, one line, at most 200 characters."""
    text = _clean(value, variable)
    if len(text) > ONCALL_CONTACT_MAX:
        raise SupportHoursError(f"{variable} is longer than {ONCALL_CONTACT_MAX} characters")
    return text
