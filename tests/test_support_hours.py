"""Support hours: parsing, DST, holidays, overnight windows and bad settings."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.support_hours import SupportHoursError, load_support_hours, parse_hours

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")


def hours(**env):
    return load_support_hours({k: v for k, v in env.items()})


def at(zone, *parts):
    return datetime(*parts, tzinfo=zone)


def test_default_is_weekdays_nine_to_five_in_the_regions_zone():
    h = hours(COMPANION_DEFAULT_REGION="UK")
    assert h.zone_name == "Europe/London"
    assert h.is_open(at(LONDON, 2026, 12, 7, 9, 0))  # Monday 09:00 opens
    assert not h.is_open(at(LONDON, 2026, 12, 7, 8, 59))
    assert h.is_open(at(LONDON, 2026, 12, 11, 16, 59))  # Friday
    assert not h.is_open(at(LONDON, 2026, 12, 11, 17, 0))  # end is exclusive
    assert not h.is_open(at(LONDON, 2026, 12, 12, 12, 0))  # Saturday
    assert h.oncall_chat_id is None


def test_zone_precedence_support_tz_then_default_timezone_then_region():
    assert hours(COMPANION_DEFAULT_REGION="AU").zone_name == "Australia/Sydney"
    assert hours(COMPANION_DEFAULT_TIMEZONE="Asia/Tokyo", COMPANION_DEFAULT_REGION="AU").zone_name == "Asia/Tokyo"
    assert hours(SUPPORT_HOURS_TZ="Europe/Paris", COMPANION_DEFAULT_TIMEZONE="Asia/Tokyo").zone_name == "Europe/Paris"
    assert hours().zone_name == "America/New_York"  # the region default is US


def test_is_open_compares_instants_not_wall_clocks():
    h = hours(SUPPORT_HOURS_TZ="Europe/London")
    # 08:30 in New York is 13:30 in London (Monday 7 Dec 2026): open.
    assert h.is_open(at(NEW_YORK, 2026, 12, 7, 8, 30))
    assert not h.is_open(at(NEW_YORK, 2026, 12, 7, 12, 30))  # 17:30 London


def test_next_open_and_description_over_a_weekend():
    h = hours(SUPPORT_HOURS_TZ="Europe/London")
    saturday_night = at(LONDON, 2026, 12, 5, 3, 0)
    assert h.next_open(saturday_night) == at(LONDON, 2026, 12, 7, 9, 0)
    assert h.describe_next_open(saturday_night) == "9:00 on Monday"
    sunday = at(LONDON, 2026, 12, 6, 23, 0)
    assert h.describe_next_open(sunday) == "9:00 tomorrow (Monday)"
    early = at(LONDON, 2026, 12, 8, 7, 15)
    assert h.describe_next_open(early) == "9:00 today"
    assert h.describe_next_open(at(LONDON, 2026, 12, 8, 10, 0)) == "now"
    assert h.next_open(at(LONDON, 2026, 12, 8, 10, 0)) == at(LONDON, 2026, 12, 8, 10, 0)


def test_description_in_the_persons_zone_names_that_zone():
    h = hours(SUPPORT_HOURS_TZ="Europe/London")
    text = h.describe_next_open(at(LONDON, 2026, 12, 5, 3, 0), tz="America/New_York")
    assert text == "4:00 EST on Monday"


def test_minutes_and_several_ranges_per_day():
    h = hours(SUPPORT_HOURS_TZ="UTC", SUPPORT_HOURS="Mon-Fri 09:30-12:30 13:30-17:00")
    assert h.is_open(at(timezone.utc, 2026, 12, 7, 12, 29))
    assert not h.is_open(at(timezone.utc, 2026, 12, 7, 13, 0))
    assert h.describe_next_open(at(timezone.utc, 2026, 12, 7, 13, 0)) == "13:30 today"
    assert h.describe_next_open(at(timezone.utc, 2026, 12, 7, 6, 0)) == "9:30 today"


def test_saturday_segment_and_day_lists():
    h = hours(SUPPORT_HOURS_TZ="UTC", SUPPORT_HOURS="Mon,Wed 08:00-10:00; Sat 10:00-14:00")
    assert h.is_open(at(timezone.utc, 2026, 12, 9, 9, 0))  # Wednesday
    assert not h.is_open(at(timezone.utc, 2026, 12, 8, 9, 0))  # Tuesday
    assert h.is_open(at(timezone.utc, 2026, 12, 12, 13, 59))  # Saturday
    assert h.next_open(at(timezone.utc, 2026, 12, 9, 10, 0)) == at(timezone.utc, 2026, 12, 12, 10, 0)


def test_overnight_hours_run_into_the_next_day_and_wrap_the_week():
    h = hours(SUPPORT_HOURS_TZ="UTC", SUPPORT_HOURS="Sun 22:00-06:00")
    assert h.is_open(at(timezone.utc, 2026, 12, 6, 23, 0))  # Sunday night
    assert h.is_open(at(timezone.utc, 2026, 12, 7, 5, 59))  # Monday morning
    assert not h.is_open(at(timezone.utc, 2026, 12, 7, 6, 0))
    assert not h.is_open(at(timezone.utc, 2026, 12, 6, 21, 59))
    assert h.next_open(at(timezone.utc, 2026, 12, 7, 6, 0)) == at(timezone.utc, 2026, 12, 13, 22, 0)


def test_day_ranges_wrap_round_the_weekend():
    h = hours(SUPPORT_HOURS_TZ="UTC", SUPPORT_HOURS="Fri-Mon 10:00-11:00")
    opened = {d for d in range(7) if h.is_open(at(timezone.utc, 2026, 12, 7 + d, 10, 30))}
    assert opened == {0, 4, 5, 6}  # 7 Dec 2026 is a Monday


def test_holidays_close_the_whole_local_day():
    h = hours(SUPPORT_HOURS_TZ="Europe/London", SUPPORT_HOLIDAYS="2026-12-25, 2026-12-28")
    assert not h.is_open(at(LONDON, 2026, 12, 25, 10, 0))
    assert h.is_open(at(LONDON, 2026, 12, 24, 10, 0))
    # Thursday 24th after hours: Fri 25th and Mon 28th are holidays -> Tuesday 29th.
    after = at(LONDON, 2026, 12, 24, 18, 0)
    assert h.next_open(after) == at(LONDON, 2026, 12, 29, 9, 0)
    assert h.describe_next_open(after) == "9:00 on Tuesday"


def test_holiday_cuts_the_overnight_part_that_falls_on_it():
    h = hours(SUPPORT_HOURS_TZ="UTC", SUPPORT_HOURS="Sun 22:00-06:00", SUPPORT_HOLIDAYS="2026-12-07")
    assert h.is_open(at(timezone.utc, 2026, 12, 6, 23, 0))
    assert not h.is_open(at(timezone.utc, 2026, 12, 7, 2, 0))


def test_far_next_opening_names_the_date():
    h = hours(SUPPORT_HOURS_TZ="UTC", SUPPORT_HOURS="Mon 09:00-10:00", SUPPORT_HOLIDAYS="2026-12-14")
    assert h.describe_next_open(at(timezone.utc, 2026, 12, 7, 11, 0)) == "9:00 on Monday 21 December"


def test_spring_forward_keeps_opening_in_local_time():
    h = hours(SUPPORT_HOURS_TZ="Europe/London", SUPPORT_HOURS="Daily 09:00-17:00")
    # Clocks go forward on Sunday 29 March 2026: 09:00 BST is 08:00 UTC.
    assert not h.is_open(datetime(2026, 3, 29, 7, 59, tzinfo=timezone.utc))
    assert h.is_open(datetime(2026, 3, 29, 8, 0, tzinfo=timezone.utc))
    assert h.next_open(datetime(2026, 3, 28, 20, 0, tzinfo=timezone.utc)) == datetime(
        2026, 3, 29, 8, 0, tzinfo=timezone.utc
    )
    # Saturday before it was GMT: 09:00 is 09:00 UTC.
    assert not h.is_open(datetime(2026, 3, 28, 8, 30, tzinfo=timezone.utc))


def test_fall_back_night_window_lasts_one_extra_real_hour():
    h = hours(SUPPORT_HOURS_TZ="Europe/London", SUPPORT_HOURS="Sat 23:00-03:00")
    # Clocks go back at 02:00 BST on Sunday 25 October 2026: 23:00 BST -> 03:00 GMT is 5 hours.
    start = datetime(2026, 10, 24, 22, 0, tzinfo=timezone.utc)
    assert not h.is_open(start - timedelta(minutes=1))
    assert h.is_open(start)
    assert h.is_open(datetime(2026, 10, 25, 2, 59, tzinfo=timezone.utc))
    assert not h.is_open(datetime(2026, 10, 25, 3, 0, tzinfo=timezone.utc))


def test_window_starting_in_the_spring_gap_opens_at_the_end_of_the_gap():
    h = hours(SUPPORT_HOURS_TZ="Europe/London", SUPPORT_HOURS="Sun 01:30-04:00")
    # 01:30 does not exist on 29 March 2026 (01:00 GMT -> 02:00 BST); it opens at 02:30 BST.
    nxt = h.next_open(datetime(2026, 3, 28, 12, 0, tzinfo=timezone.utc))
    assert nxt.astimezone(timezone.utc) == datetime(2026, 3, 29, 1, 30, tzinfo=timezone.utc)
    assert h.is_open(datetime(2026, 3, 29, 2, 59, tzinfo=timezone.utc))
    assert not h.is_open(datetime(2026, 3, 29, 3, 0, tzinfo=timezone.utc))  # 04:00 BST


def test_always_open_and_oncall_settings():
    h = hours(
        SUPPORT_HOURS="24/7", ONCALL_TELEGRAM_CHAT_ID="-1001234567", ONCALL_CONTACT="Duty nurse, +44 20 7946 0000"
    )
    assert h.is_open(datetime(2026, 12, 6, 3, 0, tzinfo=timezone.utc))
    assert h.oncall_chat_id == "-1001234567"
    assert h.oncall_contact == "Duty nurse, +44 20 7946 0000"
    assert hours(ONCALL_TELEGRAM_CHAT_ID="@oncall_team").oncall_chat_id == "@oncall_team"


def test_empty_values_fall_back_to_defaults():
    h = hours(
        SUPPORT_HOURS="  ",
        SUPPORT_HOLIDAYS="",
        SUPPORT_HOURS_TZ="",
        COMPANION_DEFAULT_REGION="UK",
        ONCALL_TELEGRAM_CHAT_ID=" ",
        ONCALL_CONTACT="",
    )
    assert h.spec == "Mon-Fri 09:00-17:00"
    assert h.zone_name == "Europe/London"
    assert h.holidays == frozenset() and h.oncall_chat_id is None and h.oncall_contact is None


@pytest.mark.parametrize(
    "env, variable",
    [
        ({"SUPPORT_HOURS_TZ": "Mars/Olympus"}, "SUPPORT_HOURS_TZ"),
        ({"SUPPORT_HOURS_TZ": "../../etc/passwd"}, "SUPPORT_HOURS_TZ"),
        ({"COMPANION_DEFAULT_TIMEZONE": "Nowhere/Town"}, "COMPANION_DEFAULT_TIMEZONE"),
        ({"SUPPORT_HOURS": "whenever"}, "SUPPORT_HOURS"),
        ({"SUPPORT_HOURS": "Mon-Fri"}, "SUPPORT_HOURS"),
        ({"SUPPORT_HOURS": "Mon-Fry 09:00-17:00"}, "SUPPORT_HOURS"),
        ({"SUPPORT_HOURS": "Mon-Fri 9-5"}, "SUPPORT_HOURS"),
        ({"SUPPORT_HOURS": "Mon-Fri 25:00-26:00"}, "SUPPORT_HOURS"),
        ({"SUPPORT_HOURS": "Mon-Fri 09:60-17:00"}, "SUPPORT_HOURS"),
        ({"SUPPORT_HOURS": "Mon 24:30-01:00"}, "SUPPORT_HOURS"),
        ({"SUPPORT_HOURS": "Mon 09:00-17:00; '; DROP TABLE x;--"}, "SUPPORT_HOURS"),
        ({"SUPPORT_HOURS": "Mon 09:00-17:00\x00"}, "SUPPORT_HOURS"),
        ({"SUPPORT_HOURS": "Mon 09:00-17:00;" * 300}, "SUPPORT_HOURS"),
        ({"SUPPORT_HOURS": "<script>alert(1)</script>"}, "SUPPORT_HOURS"),
        ({"SUPPORT_HOLIDAYS": "2026-12-25, Christmas"}, "SUPPORT_HOLIDAYS"),
        ({"SUPPORT_HOLIDAYS": "2026-02-30"}, "SUPPORT_HOLIDAYS"),
        ({"ONCALL_TELEGRAM_CHAT_ID": "12ab"}, "ONCALL_TELEGRAM_CHAT_ID"),
        ({"ONCALL_TELEGRAM_CHAT_ID": "@x; rm -rf"}, "ONCALL_TELEGRAM_CHAT_ID"),
        ({"ONCALL_CONTACT": "x" * 201}, "ONCALL_CONTACT"),
        ({"ONCALL_CONTACT": "line\nbreak"}, "ONCALL_CONTACT"),
    ],
)
def test_bad_values_are_clear_errors_naming_the_variable(env, variable):
    with pytest.raises(SupportHoursError) as info:
        load_support_hours(env)
    assert variable in str(info.value)


def test_naive_now_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        hours().is_open(datetime(2026, 12, 7, 10, 0))


def test_reads_os_environ_by_default(monkeypatch):
    monkeypatch.setenv("SUPPORT_HOURS_TZ", "Asia/Kolkata")
    monkeypatch.setenv("SUPPORT_HOURS", "Sat 10:00-11:00")
    h = load_support_hours()
    assert h.zone_name == "Asia/Kolkata"
    assert h.is_open(datetime(2026, 12, 12, 5, 0, tzinfo=timezone.utc))  # 10:30 IST Saturday


def test_parse_hours_merges_duplicates():
    assert parse_hours("Mon 09:00-10:00; Mon 09:00-10:00") == parse_hours("Mon 09:00-10:00")


@settings(max_examples=200, deadline=None)
@given(
    st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(timezone.utc)),
    st.sampled_from(["Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata"]),
)
def test_next_open_is_open_and_nothing_earlier_is(now, zone_name):
    h = hours(
        SUPPORT_HOURS_TZ=zone_name,
        SUPPORT_HOURS="Mon-Fri 09:00-17:00; Sun 23:30-01:15",
        SUPPORT_HOLIDAYS="2026-12-25,2027-01-01",
    )
    nxt = h.next_open(now)
    assert h.is_open(nxt)
    assert nxt >= now
    if nxt > now:
        # Closed just before it opens, and never open in between (sampled every 15 minutes).
        assert not h.is_open(nxt - timedelta(seconds=1))
        probe = now
        while probe < nxt:
            assert not h.is_open(probe)
            probe += timedelta(minutes=15)
    assert nxt.astimezone(h.zone).date() not in {date(2026, 12, 25), date(2027, 1, 1)}
