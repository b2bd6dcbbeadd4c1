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
The variables are declared (and checked at start) in :mod:`bot.settings`; their syntax
(parsing and checks) is :mod:`bot.support_hours_format`, which both use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import FrozenSet, Iterator, Mapping, Optional, Tuple, Union
from zoneinfo import ZoneInfo

from bot.config import ConfigError
from bot.support_hours_format import (  # noqa: F401 - DAYS, REGION_TIMEZONES, parse_holidays: API here too
    DAY_NAMES,
    DAYS,
    DEFAULT_HOURS,
    REGION_TIMEZONES,
    SupportHoursError,
    Window,
    _zone,
    parse_holidays,
    parse_hours,
)

# A year plus a week covers any weekly pattern even with a long run of holidays.
_SEARCH_DAYS = 372


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
        raise SupportHoursError("SUPPORT_HOURS / SUPPORT_HOLIDAYS leave no opening in the next year")

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
