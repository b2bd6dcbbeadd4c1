"""Care reminder parsing: real phrasings, follow-up answers, hostile input, descriptions."""

from __future__ import annotations

from datetime import date

import pytest

from bot.care_reminders.parsing import (
    ReminderDraft,
    describe,
    parse_label,
    parse_pattern,
    parse_reminder_request,
    parse_when,
)
from tests.timing import within_budget

TODAY = date(2026, 11, 27)  # a Friday


def P(text):
    return parse_reminder_request(text, TODAY)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "remind me to take my Ibrance at 9 every morning",
            dict(kind="medication", label="Ibrance", time_of_day="09:00", pattern="daily"),
        ),
        (
            "I have my bone marrow biopsy on Friday at 10",
            dict(
                kind="appointment",
                label="bone marrow biopsy",
                time_of_day="10:00",
                pattern="once",
                start_date=date(2026, 11, 27),
            ),
        ),
        (
            "my Xgeva injection is every 4 weeks, next on the 3rd",
            dict(
                kind="medication",
                label="Xgeva injection",
                pattern="every_n_weeks",
                interval_weeks=4,
                start_date=date(2026, 12, 3),
                time_of_day=None,
            ),
        ),
        (
            "palbociclib 21 days on 7 off at 8pm starting monday",
            dict(
                kind="medication",
                label="palbociclib",
                pattern="cycle",
                days_on=21,
                days_off=7,
                time_of_day="20:00",
                start_date=date(2026, 11, 30),
            ),
        ),
        (
            "letrozole every night at 10pm",
            dict(kind="medication", label="letrozole", pattern="daily", time_of_day="22:00"),
        ),
        (
            "remind me about my MRI tomorrow at 2:30pm",
            dict(kind="appointment", label="MRI", pattern="once", time_of_day="14:30", start_date=date(2026, 11, 28)),
        ),
        (
            "scan on 12 December at 9am",
            dict(kind="appointment", label="scan", time_of_day="09:00", start_date=date(2026, 12, 12)),
        ),
        (
            "REMIND ME TO TAKE MY KISQALI DAILY AT 8AM",
            dict(kind="medication", label="Kisqali", pattern="daily", time_of_day="08:00"),
        ),
        ("remind me to take my tablets every day at 8", dict(label="tablets", pattern="daily", time_of_day="08:00")),
        ("take 2 tablets at 9am daily", dict(label="tablets", time_of_day="09:00")),
        ("anastrozole once a day at 7.30", dict(label="anastrozole", pattern="daily", time_of_day="07:30")),
        (
            "my zometa infusion every 3 weeks on tuesday at 11:00",
            dict(
                label="Zometa infusion",
                pattern="every_n_weeks",
                interval_weeks=3,
                start_date=date(2026, 12, 1),
                time_of_day="11:00",
            ),
        ),
        (
            "blood test next friday at 8:15",
            dict(kind="appointment", label="blood test", start_date=date(2026, 12, 4), time_of_day="08:15"),
        ),
        (
            "appointment with the oncologist on december 12 at noon",
            dict(kind="appointment", start_date=date(2026, 12, 12), time_of_day="12:00"),
        ),
        ("ct scan 2026-12-10 at 15:00", dict(label="CT scan", start_date=date(2026, 12, 10), time_of_day="15:00")),
        ("pet scan on the 2nd of january at 9 am", dict(label="PET scan", start_date=date(2027, 1, 2))),
        ("remind me to take vitamin D every day at 9", dict(label="vitamin D", kind="medication")),
        (
            "capecitabine 2 weeks on 1 week off at 9am starting today",
            dict(pattern="cycle", days_on=14, days_off=7, start_date=TODAY, label="capecitabine"),
        ),
        ("Verzenio every evening at 7", dict(label="Verzenio", time_of_day="19:00")),
        ("tamoxifen every morning", dict(label="tamoxifen", pattern="daily", time_of_day=None)),
        ("ibrance evry day at 9am", dict(label="Ibrance", time_of_day="09:00")),
        (
            "fulvestrant injections every other week",
            dict(label="fulvestrant injections", pattern="every_n_weeks", interval_weeks=2),
        ),
        ("Herceptin every 21 days", dict(label="Herceptin", pattern="every_n_weeks", interval_weeks=3)),
        ("my check-up on monday at 11", dict(kind="appointment", label="check-up", start_date=date(2026, 11, 30))),
    ],
)
def test_request_phrasings(text, expected):
    draft = P(text)
    for field, value in expected.items():
        assert getattr(draft, field) == value, (field, draft)


def test_labels_are_short_and_never_the_sentence():
    draft = P("could you please remind me to take my Ibrance because I keep forgetting it every single day at 9am")
    assert draft.label == "Ibrance"
    assert P("remind me to take my medicine at 9 daily").label == "medicine"
    assert len(P("take my " + "x" * 30 + " daily at 9").label) <= 80
    assert P("take my 2 tablets at 9 daily").label == "tablets"  # no dose number stored


def test_morning_alone_does_not_invent_a_time():
    draft = P("remind me to take my letrozole every morning")
    assert draft.time_of_day is None and draft.pattern == "daily"
    assert draft.missing() == ["time_of_day"]


def test_missing_in_asking_order():
    assert P("3 weeks on 1 week off").missing() == ["label", "time_of_day", "start_date"]
    assert P("Ibrance every day").missing() == ["time_of_day"]
    assert ReminderDraft().missing() == ["label", "time_of_day", "pattern"]
    assert P("biopsy at 10").missing() == ["start_date"]
    assert P("palbociclib 21 days on 7 off at 8pm starting monday").missing() == []
    assert ReminderDraft(label="x", time_of_day="09:00", pattern="cycle").missing() == ["pattern", "start_date"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("December 12", {"start_date": date(2026, 12, 12)}),
        ("the 3rd", {"start_date": date(2026, 12, 3)}),
        ("the 27th", {"start_date": date(2026, 11, 27)}),
        ("31st", {"start_date": date(2026, 12, 31)}),
        ("today", {"start_date": TODAY}),
        ("tomorrow at 9pm", {"start_date": date(2026, 11, 28), "time_of_day": "21:00"}),
        ("wednesday", {"start_date": date(2026, 12, 2)}),
        ("next friday", {"start_date": date(2026, 12, 4)}),
        ("9", {"time_of_day": "09:00"}),
        ("21:00", {"time_of_day": "21:00"}),
        ("half nine", {}),
        ("at 10 o'clock", {"time_of_day": "10:00"}),
        ("Feb 3", {"start_date": date(2027, 2, 3)}),
        ("12 december 2027", {"start_date": date(2027, 12, 12)}),
    ],
)
def test_parse_when(text, expected):
    assert parse_when(text, TODAY) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("every day", {"pattern": "daily"}),
        ("daily", {"pattern": "daily"}),
        ("every morning", {"pattern": "daily"}),
        ("every 3 weeks", {"pattern": "every_n_weeks", "interval_weeks": 3}),
        ("once", {"pattern": "once"}),
        ("just once", {"pattern": "once"}),
        ("weekly", {"pattern": "every_n_weeks", "interval_weeks": 1}),
        ("3 weeks on 1 week off", {"pattern": "cycle", "days_on": 21, "days_off": 7}),
        ("21 on 7 off", {"pattern": "cycle", "days_on": 21, "days_off": 7}),
        ("three weeks on, one week off", {"pattern": "cycle", "days_on": 21, "days_off": 7}),
        ("every 10 days", {}),
        ("sometimes", {}),
    ],
)
def test_parse_pattern(text, expected):
    assert parse_pattern(text) == expected


def test_parse_label_answers():
    assert parse_label("my water tablets") == "water tablets"
    assert parse_label("Ibrance") == "Ibrance"
    assert parse_label("it's called Faslodex") == "Faslodex"
    assert parse_label("bone marrow biopsy") == "bone marrow biopsy"
    assert parse_label("vitamin D") == "vitamin D"
    assert parse_label("") is None and parse_label("yes") is None
    assert parse_label("x" * 5000) is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "asdkjh qwe zzz",
        "<script>alert(1)</script>",
        "'; DROP TABLE users; --",
        "Robert'); DROP TABLE care_reminders;--",
        "\x00\x01\x02\xff\xfe binary",
        "{{7*7}} ${jndi:ldap://x}",
        "a" * 100_000,
        "Ibrance " * 20_000,
        "🙂🙂🙂",
        "?!?!",
        "1 2 3 4 5",
    ],
)
def test_hostile_input_gives_empty_draft_fast(text):
    def parse_everything():
        return P(text), parse_when(text, TODAY), parse_pattern(text), parse_label(text)

    timed = within_budget(parse_everything, 0.5)
    assert timed.result[0].is_empty()
    assert timed.ok, f"fastest of 3 runs took {timed.fastest:.2f} s"


def test_non_strings_are_harmless():
    assert P(None).is_empty()  # type: ignore[arg-type]
    assert ReminderDraft.from_dict("nonsense").is_empty()
    assert ReminderDraft.from_dict(
        {"start_date": "not a date", "kind": "x", "time_of_day": "25:00", "days_on": True}
    ).is_empty()


def test_draft_round_trip():
    draft = P("palbociclib 21 days on 7 off at 8pm starting monday")
    data = draft.to_dict()
    import json

    assert ReminderDraft.from_dict(json.loads(json.dumps(data))) == draft
    assert data["start_date"] == "2026-11-30"


def test_describe_examples():
    assert (
        describe(P("remind me to take my Ibrance at 9 every morning"), "Europe/London", today=TODAY)
        == "take Ibrance at 9:00 am every day, starting today (Europe/London)"
    )
    biopsy = P("bone marrow biopsy on 4 December at 10")
    assert describe(biopsy, "Europe/London", today=TODAY) == (
        "your bone marrow biopsy on Friday 4 December at 10:00 am — I'll remind you the day "
        "before at 6 pm and 2 hours before"
    )
    xgeva = P("my Xgeva injection is every 4 weeks, next on the 3rd at 9am")
    assert describe(xgeva, "UTC", today=TODAY) == (
        "Xgeva injection every 4 weeks at 9:00 am, next on Thursday 3 December"
    )
    cycle = P("take Ibrance 21 days on 7 off at 9am starting Monday")
    assert describe(cycle, "UTC", today=TODAY) == (
        "take Ibrance at 9:00 am, 21 days on then 7 days off, cycle starting Monday 30 November"
    )
    early = P("blood test on 4 December at 7am")
    assert describe(early, "UTC", today=TODAY).endswith("6 pm and 1 hour before")
    very_early = P("blood test on 4 December at 6:30am")
    assert describe(very_early, "UTC", today=TODAY).endswith("6 pm and 1 hour before")
    assert describe(P("scan on 4 December at 7:30am"), "UTC", today=TODAY).endswith("6 pm and at 6:00 am")
