"""action_respond_distress: a person's own distress gets the offer of a person, a check-in
or support options; distress about someone else gets the caregiver offer, whether or not
the role slot says caregiver."""

from __future__ import annotations

import pytest

from actions.escalation import ActionRespondDistress
from tests.action_harness import run, slot_events, tracker


@pytest.mark.parametrize(
    "text",
    [
        "I feel so low and scared all the time",
        "i can't stop crying since the scan",
        "",
    ],
)
async def test_own_distress_offers_a_person_and_support(action_db, text):
    messages, events = await run(ActionRespondDistress(), tracker(text, "express_distress"))
    assert messages[-1]["text"].startswith("I'm sorry you're feeling this way")
    assert [b["payload"] for b in messages[-1]["buttons"]] == ["/affirm", "/start_checkin", "/ask_support"]
    assert slot_events(events)["pending_offer"] == "human"


@pytest.mark.parametrize(
    "text",
    [
        "my husband is not coping at all",
        "She hasn't eaten for days and cries all night",
        "i'm worried about my Mum",
    ],
)
async def test_distress_about_someone_else_gets_the_caregiver_offer_without_a_role(action_db, text):
    messages, events = await run(ActionRespondDistress(), tracker(text, "express_distress"))
    assert "worried about someone you care for" in messages[-1]["text"]
    slots = slot_events(events)
    assert slots["pending_offer"] == "caregiver_flag" and slots["offer_context"] == text


async def test_crisis_told_as_history_gets_thanks_the_lines_and_a_person_offered(action_db):
    """bot/safety/crisis_history.py: the safety layer marks a history that is over with
    ``crisis_about: history``; the reply is neither an alarm nor the generic distress one."""
    text = "i used to self harm as a teenager, it has not been an issue for decades"
    t = tracker(text, "express_distress", entities=[{"entity": "crisis_about", "value": "history"}])
    messages, events = await run(ActionRespondDistress(), t)
    assert messages[0]["text"].startswith("Thank you for telling me that")
    assert "ever come back" in messages[0]["text"] and "crisis line" in messages[0]["text"]
    assert messages[1].get("response") == "utter_crisis_lines"
    assert [b["payload"] for b in messages[2]["buttons"]] == ["/affirm", "/deny"]
    slots = slot_events(events)
    assert slots["pending_offer"] == "human" and slots["offer_context"] == text


async def test_distress_without_the_history_mark_keeps_the_distress_reply(action_db):
    t = tracker(
        "i used to self harm as a teenager", "express_distress", entities=[{"entity": "crisis_about", "value": "self"}]
    )
    messages, _ = await run(ActionRespondDistress(), t)
    assert messages[-1]["text"].startswith("I'm sorry you're feeling this way")
