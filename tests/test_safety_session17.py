"""Session 17 (issue 17): a crisis only the classifier or the semantic reader found, reported about
someone else, is answered to the worried person (``crisis_about: other``); caregiver reports of
taking every pill fire the take-them-all rules. Found probing caregiver phrasings before blind set
O was read (pending clinician review, hazard log H2)."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.channels.safety_replies import render
from bot.safety.component import SafetyOverride, apply_semantic_reading
from bot.safety.detector import assess
from bot.safety.semantic import SemanticReading
from bot.safety.third_party import reported_about_someone_else


def classified(text: str, intent: str, confidence: float = 0.95) -> Message:
    ranking = [{"name": intent, "confidence": confidence}, {"name": "express_distress", "confidence": 0.03}]
    return Message(data={TEXT: text, INTENT: ranking[0], INTENT_RANKING_KEY: ranking, ENTITIES: []})


def values(message: Message, name: str):
    return [e["value"] for e in message.get(ENTITIES) or [] if e["entity"] == name]


REPORTED = [
    "my brother said he's going to drive off the road",
    "he keeps asking where we keep the morphine and how much is in the bottle",
    "my gran told me she's ready to go and asked me to bring her all her tablets",
    "my daughter says her mum has been looking up how many sleeping pills is too many",
    "mum keeps saying she's done and i don't know what to do",
]

# the writer's own crisis next to someone else: the direct question stays
OWN = [
    "my husband says i'm overreacting but honestly i want to die",
    "my wife doesn't know but i've been saving my pills",
    "my husband and i have talked about going together before it gets bad",
    "i'm scared my mum will die and i can't cope, i want to end it all",
    "my husband says it's fine but i just want it all to stop",
    "i keep standing at the top of the car park looking down",
    "nobody would notice if i was gone",
]


@pytest.mark.parametrize("text", REPORTED)
def test_a_model_only_crisis_reported_about_someone_else_speaks_to_the_worried_person(text):
    assert assess(text) is None, "the rules must not decide these, or the test proves nothing"
    message = classified(text, "crisis")
    SafetyOverride().process([message])
    assert message.get(INTENT)["name"] == "crisis"
    assert values(message, "crisis_about") == ["other"]
    assert values(message, "crisis_basis") == ["model"]
    reply = render("utter_crisis", {"crisis_about": "other", "crisis_basis": "model"})
    assert "worried about someone else" in reply and "Are you having thoughts" not in reply


@pytest.mark.parametrize("text", OWN)
def test_the_writers_own_crisis_keeps_the_direct_question(text):
    assert not reported_about_someone_else(text)
    message = classified(text, "crisis")
    SafetyOverride().process([message])
    assert message.get(INTENT)["name"] == "crisis"
    assert values(message, "crisis_about") == ["self"]
    if values(message, "crisis_basis") == ["model"]:
        assert "Are you having thoughts" in render("utter_crisis", {"crisis_about": "self", "crisis_basis": "model"})


def test_a_semantic_crisis_reported_about_someone_else_is_marked_third_party():
    message = classified("my brother said he's going to drive off the road", "express_distress", 0.5)
    apply_semantic_reading(message, SemanticReading(crisis=0.82, urgent=0.40, neither=0.60))
    assert message.get(INTENT)["name"] == "crisis"
    assert values(message, "crisis_about") == ["other"]
    assert message.get("safety")["third_party"] is True
    own = classified("i keep thinking about the car park roof", "express_distress", 0.5)
    apply_semantic_reading(own, SemanticReading(crisis=0.82, urgent=0.40, neither=0.60))
    assert values(own, "crisis_about") == ["self"] and own.get("safety")["third_party"] is False


@pytest.mark.parametrize(
    "text",
    [
        "my dad said he wants to take all his pills tonight",
        "my partner said she's going to take every pill in the house",
        "she said she'll take every tablet she has left",
        "he threatened to take all his morphine",
    ],
)
def test_a_caregivers_report_of_taking_every_pill_is_a_crisis_about_someone_else(text):
    finding = assess(text)
    assert finding is not None and finding.kind == "crisis", text
    assert finding.third_party, text


@pytest.mark.parametrize(
    "text",
    [
        "i'm going to take every tablet on time like the nurse said",
        "she will take every tablet on time, i make sure of it",
        "im going to take every pill they give me, whatever it takes to beat this",
        "he wants to take all his tablets with breakfast instead of spreading them out, is that ok",
    ],
)
def test_taking_every_tablet_as_prescribed_is_not_a_crisis(text):
    assert assess(text) is None, text
