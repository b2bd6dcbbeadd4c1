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
