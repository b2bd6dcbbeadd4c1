"""bot/nlu/request_guard.py: "delete my data" interrupts any form, so a message that names no
deletion does not get it (set O: "why me. i did everything right" was read as delete_my_data)."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.request_guard import ExplicitRequestGuard, names_the_deletion


def classified(text: str, *ranking):
    ranks = [{"name": name, "confidence": conf} for name, conf in ranking]
    return Message(data={TEXT: text, INTENT: ranks[0], INTENT_RANKING_KEY: ranks})


def test_every_training_line_of_delete_my_data_names_the_deletion():
    examples = [e.get(TEXT) for e in load_data("data/nlu").intent_examples if e.get(INTENT) == "delete_my_data"]
    assert len(examples) > 40
    assert [t for t in examples if not names_the_deletion(t)] == []


@pytest.mark.parametrize(
    "text",
    [
        "/delete_my_data",
        "please erase my mood history",
        "forget me completely",
        "take my mood scores off your system",
        "I'm stopping using this, delete my records",
        "can you get rid of everything i've told you",
    ],
)
def test_a_deletion_request_keeps_its_intent(text):
    message = classified(text, ("delete_my_data", 0.9), ("ask_privacy", 0.05))
    ExplicitRequestGuard().process([message])
    assert message.get(INTENT)["name"] == "delete_my_data"
    assert message.get("request_guard") is None


def test_distress_read_as_a_deletion_goes_to_the_next_intent():
    message = classified("why me. i did everything right", ("delete_my_data", 0.55), ("express_distress", 0.35))
    ExplicitRequestGuard().process([message])
    assert message.get(INTENT) == {"name": "express_distress", "confidence": 0.35}
    assert [r["name"] for r in message.get(INTENT_RANKING_KEY)] == ["express_distress", "delete_my_data"]
    assert message.get("request_guard") == {"overruled": "delete_my_data", "reason": "no_deletion_words"}


def test_a_weak_next_intent_becomes_the_fallback():
    message = classified("hmm not sure really", ("delete_my_data", 0.8), ("greet", 0.1))
    ExplicitRequestGuard({"threshold": 0.25}).process([message])
    assert message.get(INTENT)["name"] == "nlu_fallback"


def test_other_intents_and_non_text_pass_untouched():
    message = classified("why me", ("express_distress", 0.9), ("delete_my_data", 0.05))
    ExplicitRequestGuard().process([message])
    assert message.get(INTENT)["name"] == "express_distress"
    assert not names_the_deletion(None) and not names_the_deletion(b"\x00delete")
