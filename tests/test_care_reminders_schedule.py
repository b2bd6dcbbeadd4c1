"""Care reminder schedules: DST, cycles, every-n-weeks, appointments, gap and fold times."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from bot.care_reminders.schedule import ScheduleSpec, next_occurrence, occurrences

UTC = timezone.utc


def _at(*args):
    return datetime(*args, tzinfo=UTC)


def _daily(tz, hhmm="09:00", start=date(2026, 1, 1)):
    return ScheduleSpec(kind="medication", pattern="daily", time_of_day=hhmm, timezone=tz, start_date=start)


@pytest.mark.parametrize(
    "tz, before, after, utc_before, utc_after",
    [
        ("America/New_York", date(2026, 3, 7), date(2026, 3, 8), 14, 13),
        ("America/New_York", date(2026, 10, 31), date(2026, 11, 1), 13, 14),
        ("Europe/London", date(2026, 3, 28), date(2026, 3, 29), 9, 8),
        ("Europe/London", date(2026, 10, 24), date(2026, 10, 25), 8, 9),
    ],
)
def test_daily_stays_at_local_time_across_dst(tz, before, after, utc_before, utc_after):
    found = occurrences(
        _daily(tz),
        _at(before.year, before.month, before.day) - timedelta(days=1),
        _at(after.year, after.month, after.day) + timedelta(days=1),
    )
    by_day = {o.local_date: o.due_at for o in found}
    assert by_day[before].hour == utc_before and by_day[after].hour == utc_after
    assert {o.due_at.astimezone(__import__("zoneinfo").ZoneInfo(tz)).strftime("%H:%M") for o in found} == {"09:00"}
    assert len(found) == len(by_day) == 3  # one per local day, none lost or doubled
    assert all(o.slot == "dose" for o in found)


def test_gap_time_moves_forward_and_fold_time_fires_once():
    gap = occurrences(_daily("America/New_York", "02:30"), _at(2026, 3, 7), _at(2026, 3, 10))
    assert [o.due_at for o in gap] == [
        _at(2026, 3, 7, 7, 30),
        _at(2026, 3, 8, 7, 30),
        _at(2026, 3, 9, 6, 30),
    ]  # 8 March: 03:30 EDT
    fold = occurrences(_daily("America/New_York", "01:30"), _at(2026, 10, 31), _at(2026, 11, 3))
    assert [o.due_at for o in fold] == [
        _at(2026, 10, 31, 5, 30),
        _at(2026, 11, 1, 5, 30),
        _at(2026, 11, 2, 6, 30),
    ]  # first 01:30 (EDT) only
    london = occurrences(_daily("Europe/London", "01:30"), _at(2026, 3, 28, 12), _at(2026, 3, 29, 12))
    assert [o.due_at for o in london] == [_at(2026, 3, 29, 1, 30)]  # 02:30 BST


def test_window_is_open_at_start_and_closed_at_end():
    spec = _daily("UTC")
    assert occurrences(spec, _at(2026, 5, 1, 9), _at(2026, 5, 2, 9)) == [(_at(2026, 5, 2, 9), date(2026, 5, 2), "dose")]
    assert occurrences(spec, _at(2026, 5, 2, 9), _at(2026, 5, 1, 9)) == []
    assert occurrences(_daily("UTC", start=date(2026, 5, 3)), _at(2026, 5, 1), _at(2026, 5, 4))[0].local_date == date(
        2026, 5, 3
    )


def test_cycle_21_on_7_off_over_two_cycles():
    spec = ScheduleSpec(
        kind="medication",
        pattern="cycle",
        time_of_day="08:00",
        timezone="UTC",
        start_date=date(2026, 11, 30),
        days_on=21,
        days_off=7,
    )
    days = [o.local_date for o in occurrences(spec, _at(2026, 11, 1), _at(2027, 1, 31))]
    first = [date(2026, 11, 30) + timedelta(days=i) for i in range(21)]
    second = [date(2026, 12, 28) + timedelta(days=i) for i in range(21)]
    third = [date(2027, 1, 25) + timedelta(days=i) for i in range(6)]  # to 30 Jan
    assert days == first + second + third
    assert first[-1] == date(2026, 12, 20) and second[-1] == date(2027, 1, 17)
    assert date(2026, 12, 21) not in days and date(2026, 12, 27) not in days


def test_every_four_weeks_and_next_occurrence():
    spec = ScheduleSpec(
        kind="medication",
        pattern="every_n_weeks",
        time_of_day="09:00",
        timezone="Europe/London",
        start_date=date(2026, 12, 3),
        interval_weeks=4,
    )
    days = [o.local_date for o in occurrences(spec, _at(2026, 11, 1), _at(2027, 3, 1))]
    assert days == [date(2026, 12, 3), date(2026, 12, 31), date(2027, 1, 28), date(2027, 2, 25)]
    assert next_occurrence(spec, _at(2026, 12, 3, 9)).local_date == date(2026, 12, 31)
    assert next_occurrence(spec, _at(2026, 12, 3, 8, 59)).due_at == _at(2026, 12, 3, 9)


@pytest.mark.parametrize(
    "hhmm, day_of",
    [
        ("10:00", (8, 0)),
        ("07:00", (6, 0)),
        ("06:30", (5, 30)),
        ("05:30", (4, 30)),
        ("14:45", (12, 45)),
    ],
)
def test_appointment_slots(hhmm, day_of):
    spec = ScheduleSpec(
        kind="appointment", pattern="once", time_of_day=hhmm, timezone="Europe/London", start_date=date(2026, 12, 4)
    )
    found = occurrences(spec, _at(2026, 11, 1), _at(2027, 1, 1))
    assert [o.slot for o in found] == ["day_before", "day_of"]
    assert found[0].due_at == _at(2026, 12, 3, 18) and found[0].local_date == date(2026, 12, 3)
    assert found[1].due_at == _at(2026, 12, 4, *day_of)
    assert next_occurrence(spec, _at(2026, 12, 3, 18)).slot == "day_of"
    assert next_occurrence(spec, _at(2026, 12, 4, 13)) is None


def test_appointment_in_summer_time_and_once_medication():
    spec = ScheduleSpec(
        kind="appointment",
        pattern="once",
        time_of_day="10:00",
        timezone="America/New_York",
        start_date=date(2026, 7, 10),
    )
    assert [o.due_at for o in occurrences(spec, _at(2026, 7, 1), _at(2026, 7, 11))] == [
        _at(2026, 7, 9, 22),
        _at(2026, 7, 10, 12),
    ]
    med = ScheduleSpec(
        kind="medication", pattern="once", time_of_day="10:00", timezone="UTC", start_date=date(2026, 7, 10)
    )
    assert occurrences(med, _at(2026, 7, 1), _at(2026, 8, 1)) == [(_at(2026, 7, 10, 10), date(2026, 7, 10), "dose")]


def test_unknown_timezone_is_refused():
    with pytest.raises(ValueError):
        occurrences(_daily("Mars/Olympus"), _at(2026, 1, 1), _at(2026, 1, 2))
