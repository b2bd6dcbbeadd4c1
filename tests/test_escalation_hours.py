"""Replies that promise a person say truthfully when one will see it (issue 19 item 2).

The crisis and urgent replies themselves stay domain responses chosen by rules; only the
sentence from action_escalate that follows them depends on the support hours."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
import yaml

from actions import escalation
from actions.checkin import ActionSubmitCheckin
from actions.dialogue import ActionAffirm
from actions.escalation import ActionEscalate, ActionRequestHuman
from bot.config import PROJECT_ROOT
from bot.db.models import Escalation
from tests.action_harness import count, run, tracker

SATURDAY_NIGHT = datetime(2026, 12, 5, 3, 0, tzinfo=timezone.utc)  # closed in London
TUESDAY_MORNING = datetime(2026, 12, 8, 10, 0, tzinfo=timezone.utc)  # open in London


@pytest.fixture
def london(monkeypatch, action_db):
    monkeypatch.setenv("SUPPORT_HOURS_TZ", "Europe/London")
    monkeypatch.setenv("SUPPORT_HOURS", "Mon-Fri 09:00-17:00")
    monkeypatch.setenv("COMPANION_DEFAULT_TIMEZONE", "Europe/London")
    monkeypatch.delenv("SUPPORT_HOLIDAYS", raising=False)

    def at(moment):
        monkeypatch.setattr(escalation, "_now", lambda: moment)

    return at


def texts(messages):
    return [m.get("text") or m.get("response") for m in messages]


async def test_crisis_out_of_hours_names_when_the_team_is_back(london, action_db):
    london(SATURDAY_NIGHT)
    messages, _ = await run(ActionEscalate(), tracker("i want to end my life", "crisis"))
    text = messages[0]["text"]
    assert "The team is back at 9:00 on Monday" in text
    assert "numbers above" in text and "emergency number" in text
    assert "will see this soon" not in text
    assert count(action_db, Escalation, reason="crisis") == 1  # recorded all the same


async def test_crisis_in_hours_says_soon(london):
    london(TUESDAY_MORNING)
    messages, _ = await run(ActionEscalate(), tracker("i want to end my life", "crisis"))
    assert "A member of the team will see this soon." in messages[0]["text"]
    assert "back at" not in messages[0]["text"]


async def test_urgent_symptom_out_of_hours_says_do_not_wait(london):
    london(SATURDAY_NIGHT)
    messages, _ = await run(ActionEscalate(), tracker("fever 39 after chemo", "urgent_symptom"))
    text = messages[0]["text"]
    assert "back at 9:00 on Monday" in text and "don't wait for us" in text
    assert "oncology hotline or emergency services now" in text


async def test_request_human_out_of_hours_adds_crisis_lines(london):
    london(SATURDAY_NIGHT)
    messages, _ = await run(ActionRequestHuman(), tracker("can i talk to a person", "request_human"))
    assert "back at 9:00 on Monday and will reply here then" in messages[0]["text"]
    assert messages[1].get("response") == "utter_crisis_lines"


async def test_request_human_in_hours_has_no_crisis_lines(london):
    london(TUESDAY_MORNING)
    messages, _ = await run(ActionRequestHuman(), tracker("can i talk to a person", "request_human"))
    assert len(messages) == 1
    assert "will see this soon" in messages[0]["text"]


async def test_affirmed_offer_and_caregiver_flag_follow_the_hours(london):
    london(SATURDAY_NIGHT)
    messages, _ = await run(ActionAffirm(), tracker("yes", "affirm", slots={"pending_offer": "human"}))
    assert "back at 9:00 on Monday" in messages[0]["text"]
    assert messages[1].get("response") == "utter_crisis_lines"
    messages, _ = await run(
        ActionAffirm(), tracker("yes", "affirm", slots={"pending_offer": "caregiver_flag", "role": "caregiver"})
    )
    assert "flagged this to our support team" in messages[0]["text"]
    assert "back at 9:00 on Monday" in messages[0]["text"]
    assert messages[1].get("response") == "utter_crisis_lines"
    london(TUESDAY_MORNING)
    messages, _ = await run(
        ActionAffirm(), tracker("yes", "affirm", slots={"pending_offer": "caregiver_flag", "role": "caregiver"})
    )
    assert "will see this soon" in messages[0]["text"] and len(messages) == 1


async def test_high_distress_score_out_of_hours_names_the_time_after_the_lines(london, action_db):
    london(SATURDAY_NIGHT)
    t = tracker("/inform_mood", slots={"distress_score": 9, "mood_word": "scared", "mood_note": ""})
    messages, _ = await run(ActionSubmitCheckin(), t)
    order = texts(messages)
    lines = order.index("utter_crisis_lines")
    assert any("back at 9:00 on Monday" in (m or "") for m in order[lines + 1 :])
    assert count(action_db, Escalation, reason="distress_score") == 1


async def test_time_is_given_in_the_persons_zone_when_it_differs(london):
    london(SATURDAY_NIGHT)
    t = tracker("i want to end my life", "crisis", metadata={"timezone": "America/New_York"})
    messages, _ = await run(ActionEscalate(), t)
    assert "back at 4:00 EST on Monday" in messages[0]["text"]


async def test_holiday_moves_the_time(london, monkeypatch):
    monkeypatch.setenv("SUPPORT_HOLIDAYS", "2026-12-07")
    london(SATURDAY_NIGHT)
    messages, _ = await run(ActionEscalate(), tracker("i want to end my life", "crisis"))
    assert "back at 9:00 on Tuesday" in messages[0]["text"]


async def test_bad_hours_setting_still_replies_without_a_time(london, monkeypatch, caplog):
    monkeypatch.setenv("SUPPORT_HOURS", "sometimes")
    london(SATURDAY_NIGHT)
    messages, _ = await run(ActionEscalate(), tracker("i want to end my life", "crisis"))
    assert messages[0]["text"] == escalation.TEAM_ALERTED
    assert "SUPPORT_HOURS" in caplog.text
    messages, _ = await run(ActionRequestHuman(), tracker("a person please", "request_human"))
    assert messages[0]["text"] == escalation.HUMAN_REQUESTED


def test_crisis_and_urgent_replies_stay_domain_responses_before_the_action():
    """The person gets the crisis lines / emergency advice even when the action server is down."""
    rules = yaml.safe_load((PROJECT_ROOT / "data" / "rules" / "rules.yml").read_text())["rules"]
    steps = {r["rule"]: [s.get("action") or s.get("intent") for s in r["steps"]] for r in rules}
    crisis = [s for s in steps.values() if s and s[0] == "crisis" and "action_escalate" in s]
    urgent = [s for s in steps.values() if s and s[0] == "urgent_symptom" and "action_escalate" in s]
    assert crisis and urgent
    for seq in crisis:
        assert seq.index("utter_crisis_lines") < seq.index("action_escalate")
    for seq in urgent:
        assert seq.index("utter_urgent_symptom") < seq.index("action_escalate")
