"""Check-ins: validation, score parsing, summaries, chart, reminders."""

from __future__ import annotations

import struct
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from bot.checkins.service import (
    NOT_A_NUMBER,
    OUT_OF_RANGE,
    distress_band,
    due_reminders,
    enqueue_due_reminders,
    mood_summary,
    parse_score,
    parse_score_detail,
    record_checkin,
    render_mood_chart,
    set_reminder,
)
from bot.db.models import Checkin, Outbox, User
from bot.db.session import dispose_engines, session_scope
from bot.users import get_or_create_user, set_handoff

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=timezone.utc)


# --- parsing -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, score",
    [
        ("6", 6),
        ("about a 6", 6),
        ("six", 6),
        ("6/10", 6),
        ("7 out of 10", 7),
        ("a two", 2),
        ("0", 0),
        ("zero", 0),
        ("10", 10),
        ("ten out of ten", 10),
        ("Ten", 10),
        ("I'd say 3 today", 3),
        ("5 or 6", 6),
        ("6.5", 7),
        ("  4  ", 4),
        ("2-3", 3),
        ("8 / 10", 8),
    ],
)
def test_parse_score_accepts(text, score):
    assert parse_score(text) == score
    assert parse_score_detail(text).reason is None


@pytest.mark.parametrize(
    "text, reason",
    [
        ("eleven", OUT_OF_RANGE),
        ("-3", OUT_OF_RANGE),
        ("11", OUT_OF_RANGE),
        ("100", OUT_OF_RANGE),
        ("minus two", OUT_OF_RANGE),
        ("idk", NOT_A_NUMBER),
        ("", NOT_A_NUMBER),
        ("   ", NOT_A_NUMBER),
        (None, NOT_A_NUMBER),
        ("not great", NOT_A_NUMBER),
        ("someone", NOT_A_NUMBER),
        ("none", NOT_A_NUMBER),
    ],
)
def test_parse_score_rejects(text, reason):
    result = parse_score_detail(text)
    assert parse_score(text) is None and result.score is None and result.reason == reason


@pytest.mark.parametrize(
    "score, band",
    [
        (0, "acknowledge"),
        (3, "acknowledge"),
        (4, "offer_support"),
        (6, "offer_support"),
        (7, "escalate"),
        (10, "escalate"),
    ],
)
def test_distress_band(score, band):
    assert distress_band(score) == band


# --- recording ------------------------------------------------------------------------


def test_record_checkin(session, make_key):
    c = record_checkin(
        session,
        user_key=make_key(1),
        channel="telegram",
        score=4,
        mood_word=" tired ",
        note="long day",
        source="inline",
        at=NOW,
    )
    session.commit()
    assert (c.score, c.mood_word, c.note, c.source, c.created_at) == (4, "tired", "long day", "inline", NOW)
    assert session.execute(select(User.channel)).scalar_one() == "telegram"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"score": 11},
        {"score": -1},
        {"score": "6"},
        {"score": 6.0},
        {"score": True},
        {"score": None},
        {"score": 5, "mood_word": "w" * 61},
        {"score": 5, "note": "n" * 1001},
        {"score": 5, "source": "carrier pigeon"},
    ],
)
def test_record_checkin_validation(session, make_key, kwargs):
    with pytest.raises(ValueError):
        record_checkin(session, user_key=make_key(1), channel="telegram", **kwargs)
    assert session.execute(select(Checkin)).first() is None


# --- summaries ------------------------------------------------------------------------


def _series(session, key, scores, *, start=NOW - timedelta(days=7, minutes=-1), step=timedelta(hours=12)):
    for i, score in enumerate(scores):
        record_checkin(session, user_key=key, channel="telegram", score=score, at=start + i * step)
    session.commit()


def test_mood_summary_known_figures(session, make_key):
    key = make_key(2)
    # Outside the 7-day window: ignored.
    _series(session, key, [10], start=NOW - timedelta(days=8))
    # 2026-03-03 12:01, 03-04 00:01, 03-04 12:01, ... every 12 hours
    _series(session, key, [8, 7, 7, 6, 4, 3, 3, 2])
    s = mood_summary(session, key, 7, now=NOW)
    assert s.count == 8
    assert s.average == 5.0
    assert s.trend == "improving"  # 7.0 → 3.0 (lower distress is better)
    assert s.highest == (date(2026, 3, 3), 8)
    assert s.per_day == {
        date(2026, 3, 3): 8.0,
        date(2026, 3, 4): 7.0,
        date(2026, 3, 5): 5.0,
        date(2026, 3, 6): 3.0,
        date(2026, 3, 7): 2.0,
    }
    assert s.to_dict()["highest"] == {"date": "2026-03-03", "score": 8}


@pytest.mark.parametrize(
    "scores, trend, average",
    [
        ([2, 3, 6, 7], "worse", 4.5),
        ([5, 5, 5, 6, 5], "steady", 5.2),
        ([4, 9, 4], "not_enough_data", 5.7),
    ],
)
def test_mood_summary_trends(session, make_key, scores, trend, average):
    key = make_key(3)
    _series(session, key, scores)
    s = mood_summary(session, key, 30, now=NOW)
    assert (s.trend, s.average, s.count) == (trend, average, len(scores))


def test_mood_summary_uses_local_dates_and_handles_no_data(session, make_key):
    key = make_key(4)
    assert mood_summary(session, key, 7, now=NOW).count == 0  # unknown user
    user = get_or_create_user(session, key, "telegram")
    user.timezone = "Australia/Sydney"  # UTC+11 in March
    _series(session, key, [5], start=datetime(2026, 3, 9, 14, 0, tzinfo=timezone.utc))
    s = mood_summary(session, key, 7, now=NOW)
    assert s.per_day == {date(2026, 3, 10): 5.0} and s.trend == "not_enough_data"
    empty = mood_summary(session, make_key(5), 7, now=NOW)
    assert (empty.count, empty.average, empty.highest, empty.per_day) == (0, None, None, {})


def _png_size(data: bytes):
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return struct.unpack(">II", data[16:24])


def test_render_mood_chart(session, make_key):
    key = make_key(6)
    _series(session, key, [8, 7, 7, 6, 4, 3, 3, 2, 5, 9], start=NOW - timedelta(days=20), step=timedelta(days=2))
    png = render_mood_chart(session, key, days=30, now=NOW)
    width, height = _png_size(png)
    assert width >= 800 and height >= 500 and len(png) > 10_000
    empty = render_mood_chart(session, make_key(7), days=30, now=NOW)
    assert _png_size(empty)[0] >= 800


# --- reminders ------------------------------------------------------------------------


def _user_with_reminder(session, key, hhmm, tz, now):
    get_or_create_user(session, key, "telegram")
    return set_reminder(session, key, hhmm, tz, now=now)


@pytest.mark.parametrize("hhmm", ["25:00", "9:00", "09:60", "0900", "", "noon"])
def test_set_reminder_validates_time(session, make_key, hhmm):
    get_or_create_user(session, make_key(8), "telegram")
    with pytest.raises(ValueError):
        set_reminder(session, make_key(8), hhmm)


def test_set_reminder_validates_zone_and_user(session, make_key):
    get_or_create_user(session, make_key(8), "telegram")
    with pytest.raises(ValueError):
        set_reminder(session, make_key(8), "09:00", "Mars/Olympus_Mons")
    with pytest.raises(LookupError):
        set_reminder(session, make_key(9), "09:00")


def test_due_reminders_follow_local_time(session, make_key):
    set_at = datetime(2026, 1, 14, 0, 0, tzinfo=timezone.utc)
    ny = _user_with_reminder(session, make_key(10), "09:00", "America/New_York", set_at)
    syd = _user_with_reminder(session, make_key(11), "08:00", "Australia/Sydney", set_at)
    session.commit()
    # 13:59 UTC = 08:59 in New York (UTC-5); 00:59 on the 16th in Sydney (sent on the 15th?)
    assert due_reminders(session, datetime(2026, 1, 14, 13, 59, tzinfo=timezone.utc)) == []
    assert due_reminders(session, datetime(2026, 1, 14, 14, 0, tzinfo=timezone.utc)) == [ny]
    # 21:00 UTC on the 14th is 08:00 on the 15th in Sydney (UTC+11).
    due = due_reminders(session, datetime(2026, 1, 14, 21, 0, tzinfo=timezone.utc))
    assert due == [ny, syd]


def test_enqueue_never_doubles_across_restart(db_url, make_key):
    key = make_key(12)
    set_at = datetime(2026, 1, 14, 6, 0, tzinfo=timezone.utc)  # 01:00 in New York
    with session_scope(db_url) as s:
        _user_with_reminder(s, key, "09:00", "America/New_York", set_at)
    at = datetime(2026, 1, 14, 15, 0, tzinfo=timezone.utc)  # 10:00 in New York
    with session_scope(db_url) as s:
        assert enqueue_due_reminders(s, at) == 1
    with session_scope(db_url) as s:
        assert enqueue_due_reminders(s, at) == 0
    dispose_engines(db_url)  # "restart": fresh engine and sessions
    with session_scope(db_url) as s:
        # Even if the sent-date was lost, the dedupe key stops a second row.
        s.execute(select(User)).scalar_one().reminder_last_sent_on = None
    with session_scope(db_url) as s:
        assert enqueue_due_reminders(s, at + timedelta(minutes=5)) == 0
        rows = s.execute(select(Outbox)).scalars().all()
        assert [r.dedupe_key for r in rows] == [f"reminder:{key}:2026-01-14"]
        assert rows[0].kind == "reminder" and rows[0].payload["local_date"] == "2026-01-14"
    with session_scope(db_url) as s:
        assert enqueue_due_reminders(s, at + timedelta(days=1)) == 1


def test_reminder_set_after_todays_time_starts_tomorrow(session, make_key):
    key = make_key(13)
    now = datetime(2026, 1, 14, 18, 0, tzinfo=timezone.utc)  # 18:00 UTC
    _user_with_reminder(session, key, "09:00", "UTC", now)
    assert due_reminders(session, now) == []
    assert len(due_reminders(session, now + timedelta(hours=15))) == 1  # 09:00 next day


def test_no_reminders_during_handoff(session, make_key):
    key = make_key(14)
    _user_with_reminder(session, key, "09:00", "UTC", datetime(2026, 1, 14, 0, 0, tzinfo=timezone.utc))
    set_handoff(session, key, True)
    assert due_reminders(session, datetime(2026, 1, 14, 10, 0, tzinfo=timezone.utc)) == []
