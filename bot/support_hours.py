"""Support hours and on-call contact for a deployment.

Replies that promise human contact, the console and the re-alerter use this to say truthfully
when a person will see an escalation. Settings (environment):

- ``SUPPORT_HOURS_TZ``: IANA zone of the hours (default ``COMPANION_DEFAULT_TIMEZONE``, else the
  zone of ``COMPANION_DEFAULT_REGION``, else UTC).
- ``SUPPORT_HOURS``: weekly hours, ``;``-separated, e.g. ``"Mon-Fri 09:00-17:00; Sat 10:00-14:00"``.
  Days: ``Mon``..``Sun``, ranges (``Fri-Mon`` wraps), lists (``Mon,Wed``), ``Daily``. Several
  time ranges per day are allowed (``Mon-Fri 09:00-12:30 13:30-17:00``); ``24:00`` ends a day; an
  end at or before the start runs overnight into the next day (``Fri 22:00-06:00``). ``24/7``
  means always open. Default ``Mon-Fri 09:00-17:00``.
- ``SUPPORT_HOLIDAYS``: comma-separated ISO dates closed all day (local to the hours' zone).
- ``ONCALL_TELEGRAM_CHAT_ID``: Telegram chat for out-of-hours alerts (numeric id or ``@name``).
- ``ONCALL_CONTACT``: free text shown to staff, e.g. "Dr Rivera, +44 20 7946 0000".

All times are compared in UTC, so DST changes neither open nor close a window by an hour.
The variables are declared (and checked at start) in :mod:`bot.settings`, with the
parsers below as their validation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import FrozenSet, Iterator, List, Mapping, Optional, Tuple, Union
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.config import ConfigError

DEFAULT_HOURS = "Mon-Fri 09:00-17:00"
# Same zones the reminders use for a region when no zone is configured.
REGION_TIMEZONES = {"US": "America/New_York", "UK": "Europe/London", "CA": "America/Toronto",
                    "AU": "Australia/Sydney", "EU": "Europe/Berlin"}
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DAY_ALIASES = {**{d: i for i, d in enumerate(DAYS)},
                **{n.lower(): i for i, n in enumerate(DAY_NAMES)},
                "tues": 1, "wednes": 2, "thur": 3, "thurs": 3}
_TIME_RANGE = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$")
_CHAT_ID = re.compile(r"^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31})$")
_MAX_SETTING = 2000  # no sane schedule or contact is longer; refuse a pasted file
# A year plus a week covers any weekly pattern even with a long run of holidays.
_SEARCH_DAYS = 372


class SupportHoursError(ConfigError, ValueError):
    """A support-hours setting is invalid; the message names the variable."""


@dataclass(frozen=True)
class Window:
    """One weekly opening: ``weekday`` (0 = Monday) from ``start`` for ``minutes`` minutes."""

    weekday: int
    start: time
    minutes: int


@dataclass(frozen=True)
class SupportHours:
    """Weekly support hours in one IANA zone, minus holidays, plus the on-call contact."""

    zone: ZoneInfo
    windows: Tuple[Window, ...]
    holidays: FrozenSet[date] = frozenset()
    oncall_chat_id: Optional[str] = None
    oncall_contact: Optional[str] = None
    spec: str = DEFAULT_HOURS

    @property
    def zone_name(self) -> str:
        return self.zone.key

    def _pieces(self, day: date) -> Iterator[Tuple[datetime, datetime]]:
        """UTC intervals open on local ``day`` (windows split at local midnight; holidays removed)."""
        if day in self.holidays:
            return
        for window in self.windows:
            for back in (0, 1):  # a window that started yesterday may run into today
                start_day = day - timedelta(days=back)
                if start_day.weekday() != window.weekday or start_day in self.holidays:
                    continue
                begin_local = datetime.combine(start_day, window.start)
                end_local = begin_local + timedelta(minutes=window.minutes)
                lo = max(begin_local, datetime.combine(day, time(0)))
                hi = min(end_local, datetime.combine(day + timedelta(days=1), time(0)))
                if lo < hi:
                    yield _utc(lo, self.zone), _utc(hi, self.zone)

    def _check(self, now: datetime) -> datetime:
        if not isinstance(now, datetime) or now.tzinfo is None or now.utcoffset() is None:
            raise ValueError("now must be a timezone-aware datetime")
        return now.astimezone(timezone.utc)

    def is_open(self, now: datetime) -> bool:
        """True when ``now`` falls within support hours."""
        now_utc = self._check(now)
        today = now_utc.astimezone(self.zone).date()
        # Check neighbouring local days too: a DST gap can shift a piece's UTC edge across midnight.
        for day in (today - timedelta(days=1), today, today + timedelta(days=1)):
            if any(lo <= now_utc < hi for lo, hi in self._pieces(day)):
                return True
        return False

    def next_open(self, now: datetime) -> datetime:
        """``now`` when open, else the start of the next opening (in the hours' zone)."""
        now_utc = self._check(now)
        if self.is_open(now_utc):
            return now_utc.astimezone(self.zone)
        today = now_utc.astimezone(self.zone).date()
        for offset in range(-1, _SEARCH_DAYS):
            starts = [lo for lo, hi in self._pieces(today + timedelta(days=offset)) if lo > now_utc]
            if starts:
                return min(starts).astimezone(self.zone)
        raise SupportHoursError(
            "SUPPORT_HOURS / SUPPORT_HOLIDAYS leave no opening in the next year")

    def describe_next_open(self, now: datetime, tz: Union[None, str, ZoneInfo] = None) -> str:
        """When the team is next in, for people: "now", "9:00 today", "9:00 on Monday",
        or "9:00 on Monday 28 December" beyond a week. ``tz`` renders it in another zone
        (e.g. the person's), which is then named so the time is not misread."""
        if self.is_open(now):
            return "now"
        view = _zone(tz) if tz is not None else self.zone
        at = self.next_open(now).astimezone(view)
        today = self._check(now).astimezone(view).date()
        clock = f"{at.hour}:{at.minute:02d}"
        if tz is not None and view.key != self.zone.key:
            clock += f" {at.tzname()}"
        days = (at.date() - today).days
        if days == 0:
            return f"{clock} today"
        if days == 1:
            return f"{clock} tomorrow ({DAY_NAMES[at.weekday()]})"
        if days < 7:
            return f"{clock} on {DAY_NAMES[at.weekday()]}"
        return f"{clock} on {DAY_NAMES[at.weekday()]} {at.day} {at.strftime('%B')}"

    def describe_hours(self) -> str:
        """The configured hours and zone, for staff (e.g. in the console)."""
        return f"{self.spec} ({self.zone_name})"


def _utc(local_naive: datetime, zone: ZoneInfo) -> datetime:
    # fold=0: an ambiguous wall time (autumn) is its first occurrence; a nonexistent one
    # (spring gap) maps forward by the gap, so a window never ends before it starts.
    return local_naive.replace(tzinfo=zone).astimezone(timezone.utc)


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
            raise SupportHoursError(
                f"{variable}: {segment!r} should be days then times, e.g. 'Mon-Fri 09:00-17:00'")
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


def _settings(env: Optional[Mapping[str, str]]):
    from bot.settings import SupportHoursSettings, read

    try:
        return read(SupportHoursSettings, env)
    except SupportHoursError:
        raise
    except ConfigError as exc:
        raise SupportHoursError(str(exc)) from None


def default_zone_name(env: Optional[Mapping[str, str]] = None) -> str:
    """SUPPORT_HOURS_TZ, else COMPANION_DEFAULT_TIMEZONE, else the region's zone, else UTC."""
    return _settings(env).zone


def load_support_hours(env: Optional[Mapping[str, str]] = None) -> SupportHours:
    """Support hours from the settings (``env`` defaults to the process environment);
    SupportHoursError names each bad variable."""
    settings = _settings(env)
    return SupportHours(
        zone=_zone(settings.zone, "SUPPORT_HOURS_TZ"),
        windows=parse_hours(settings.hours),
        holidays=settings.holidays,
        oncall_chat_id=settings.oncall_chat_id,
        oncall_contact=settings.oncall_contact,
        spec=" ".join(settings.hours.split()),
    )
