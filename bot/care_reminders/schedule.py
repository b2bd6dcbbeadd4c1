"""When a care reminder fires: local rules turned into UTC instants (pure, no DB).

Local wall-clock times are converted with zoneinfo, so a 09:00 daily reminder stays at
09:00 local across DST changes. Two edge cases, both deliberate:

- a time inside the spring-forward gap (e.g. 02:30 on the night clocks go 02:00->03:00)
  does not exist; it fires at the same distance after the gap starts, i.e. 03:30 local
  (PEP 495 ``fold=0``: the offset from before the change is used);
- a time inside the autumn fold (e.g. 01:30 when 01:00-02:00 happens twice) fires once,
  at its first occurrence (the summer-time offset).

Appointments (pattern 'once') get two slots: ``day_before`` at 18:00 local the day before,
and ``day_of`` two hours before, but not before 06:00; never later than one hour before
(so a 07:00 appointment is reminded at 06:00 and a 05:30 one at 04:30).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, List, NamedTuple, Optional
from zoneinfo import ZoneInfo

from bot.timezones import zone

DAY_BEFORE_AT = time(18, 0)
EARLIEST_DAY_OF = time(6, 0)
DAY_OF_LEAD = timedelta(hours=2)
DAY_OF_MIN_LEAD = timedelta(hours=1)
_SEARCH_DAYS = 400


class Occurrence(NamedTuple):
    """One firing: when (aware UTC), the local date it falls on, and the slot."""

    due_at: datetime
    local_date: date
    slot: str


@dataclass(frozen=True)
class ScheduleSpec:
    """The fields of a reminder that decide when it fires."""

    kind: str
    pattern: str
    time_of_day: str
    timezone: str
    start_date: date
    days_on: Optional[int] = None
    days_off: Optional[int] = None
    interval_weeks: Optional[int] = None


def spec_of(obj: Any) -> ScheduleSpec:
    """A ``ScheduleSpec`` from anything with the reminder attributes (e.g. ``CareReminder``)."""
    if isinstance(obj, ScheduleSpec):
        return obj
    return ScheduleSpec(
        kind=obj.kind,
        pattern=obj.pattern,
        time_of_day=obj.time_of_day,
        timezone=obj.timezone or "UTC",
        start_date=obj.start_date,
        days_on=obj.days_on,
        days_off=obj.days_off,
        interval_weeks=obj.interval_weeks,
    )


def parse_hhmm(hhmm: str) -> time:
    """'HH:MM' -> time; ValueError otherwise."""
    try:
        hour, minute = (int(part) for part in hhmm.split(":"))
        return time(hour, minute)
    except (AttributeError, TypeError, ValueError) as exc:
        raise ValueError(f"time must be HH:MM, got {hhmm!r}") from exc


def to_utc(local: datetime, tz: ZoneInfo) -> datetime:
    """A naive local wall time -> aware UTC (gap: moves forward; fold: first instant)."""
    return local.replace(tzinfo=tz, fold=0).astimezone(timezone.utc)


def is_active_day(spec: ScheduleSpec, day: date) -> bool:
    """Whether the rule has a dose (or the appointment) on local ``day``."""
    offset = (day - spec.start_date).days
    if offset < 0:
        return False
    if spec.pattern == "daily":
        return True
    if spec.pattern == "cycle":
        length = (spec.days_on or 0) + (spec.days_off or 0)
        return length > 0 and offset % length < (spec.days_on or 0)
    if spec.pattern == "every_n_weeks":
        return offset % (7 * (spec.interval_weeks or 1)) == 0
    if spec.pattern == "once":
        return offset == 0
    raise ValueError(f"unknown pattern: {spec.pattern!r}")


def appointment_slot_times(day: date, at: time) -> List[tuple]:
    """[(slot, naive local datetime)] for an appointment on ``day`` at ``at``."""
    appointment = datetime.combine(day, at)
    day_of = max(appointment - DAY_OF_LEAD, datetime.combine(day, EARLIEST_DAY_OF))
    day_of = min(day_of, appointment - DAY_OF_MIN_LEAD)
    return [
        ("day_before", datetime.combine(day - timedelta(days=1), DAY_BEFORE_AT)),
        ("day_of", day_of),
    ]


def _local_firings(spec: ScheduleSpec, day: date, at: time) -> List[tuple]:
    if not is_active_day(spec, day):
        return []
    if spec.kind == "appointment":
        return appointment_slot_times(day, at)
    return [("dose", datetime.combine(day, at))]


def occurrences(spec: Any, start_utc: datetime, end_utc: datetime) -> List[Occurrence]:
    """Firings with ``start_utc < due_at <= end_utc``, in time order."""
    spec = spec_of(spec)
    tz, at = zone(spec.timezone), parse_hhmm(spec.time_of_day)
    if end_utc <= start_utc:
        return []
    # An appointment's day_before slot falls on the previous local day: look one day further.
    first = start_utc.astimezone(tz).date() - timedelta(days=1)
    last = end_utc.astimezone(tz).date() + timedelta(days=2)
    if spec.pattern == "once":
        days = [spec.start_date] if first <= spec.start_date <= last else []
    else:
        days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    found = []
    for day in days:
        for slot, local in _local_firings(spec, day, at):
            due = to_utc(local, tz)
            if start_utc < due <= end_utc:
                found.append(Occurrence(due, due.astimezone(tz).date(), slot))
    found.sort()
    return found


def next_occurrence(spec: Any, after_utc: datetime) -> Optional[Occurrence]:
    """The first firing strictly after ``after_utc`` (within about a year), or None."""
    spec = spec_of(spec)
    if spec.pattern == "once":
        end = to_utc(datetime.combine(spec.start_date, time(23, 59)), zone(spec.timezone))
        found = occurrences(spec, after_utc, end + timedelta(days=1))
        return found[0] if found else None
    start = after_utc
    for _ in range(_SEARCH_DAYS // 50):
        end = start + timedelta(days=50)
        found = occurrences(spec, start, end)
        if found:
            return found[0]
        start = end
    return None
