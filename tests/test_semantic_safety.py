"""bot/safety/semantic.py and its use in bot/safety/component.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message

from bot.safety import semantic
from bot.safety.component import SafetyOverride, apply_semantic_reading
from bot.safety.semantic import SEMANTIC_SAFETY, SemanticReading, SemanticSafetyReader


def message(text: str, intent: str, ranking=None) -> Message:
    ranking = ranking or [{"name": intent, "confidence": 0.6}, {"name": "ask_treatment", "confidence": 0.3}]
    return Message(
        data={TEXT: text, INTENT: {"name": intent, "confidence": 0.6}, INTENT_RANKING_KEY: ranking, ENTITIES: []}
    )


def values(m: Message, entity: str):
    return [e["value"] for e in m.get(ENTITIES) or [] if e["entity"] == entity]


def test_a_clear_crisis_reading_raises_a_crisis_that_asks_directly():
    m = message("something calm and indirect", "express_distress")
    apply_semantic_reading(m, SemanticReading(crisis=0.82, urgent=0.40, neither=0.60))
    assert m.get(INTENT)["name"] == "crisis"
    assert values(m, "crisis_basis") == ["model"]  # the reply that asks (PHQ-9 item 9)
    assert values(m, "crisis_about") == ["self"]
    assert m.get("safety")["rule_id"] == "semantic.crisis"


def test_a_confident_ordinary_intent_is_not_overruled_by_a_weak_reading():
    m = message("bye, mum needs her tablets", "goodbye")
    m.set(INTENT, {"name": "goodbye", "confidence": 0.87})
    apply_semantic_reading(m, SemanticReading(crisis=0.67, urgent=0.55, neither=0.63))
    assert m.get(INTENT)["name"] == "goodbye"


def test_a_clear_urgent_reading_gives_the_general_red_flag_advice():
    m = message("something about a symptom", "ask_symptom")
    apply_semantic_reading(m, SemanticReading(crisis=0.30, urgent=0.80, neither=0.62))
    assert m.get(INTENT)["name"] == "urgent_symptom"
    assert values(m, "red_flag") == ["general"]


@pytest.mark.parametrize(
    "reading",
    [
        SemanticReading(crisis=0.78, urgent=0.3, neither=0.82),  # closer to ordinary messages
        SemanticReading(crisis=0.55, urgent=0.3, neither=0.30),  # not similar enough to any crisis example
        SemanticReading(crisis=0.3, urgent=0.3, neither=0.9),
    ],
)
def test_unclear_readings_change_nothing(reading):
    m = message("what does palbociclib do", "ask_treatment")
    apply_semantic_reading(m, reading)
    assert m.get(INTENT)["name"] == "ask_treatment"
    assert m.get("safety") is None


def test_a_model_only_alarm_is_overruled_only_with_a_veto_margin(monkeypatch):
    ordinary = SemanticReading(crisis=0.40, urgent=0.35, neither=0.80)
    m = message("how do they find out my her2 status", "crisis")
    m.set(INTENT, {"name": "crisis", "confidence": 0.55})
    monkeypatch.setattr(semantic, "VETO_MARGIN", None)
    apply_semantic_reading(m, ordinary)
    assert m.get(INTENT)["name"] == "crisis"
    monkeypatch.setattr(semantic, "VETO_MARGIN", 0.2)
    apply_semantic_reading(m, ordinary)
    assert m.get(INTENT)["name"] == "ask_treatment"
    assert m.get("safety")["reason"] == "semantic_ordinary"


@pytest.mark.parametrize(
    "intent,confidence,reading,kept",
    [
        # the shipped veto: an unsure crisis reading that sits among ordinary examples by 0.05 is overruled
        ("crisis", 0.55, SemanticReading(crisis=0.45, urgent=0.2, neither=0.51), False),
        # ... not when the classifier was sure of it
        ("crisis", 0.95, SemanticReading(crisis=0.45, urgent=0.2, neither=0.51), True),
        # ... nor when the margin is smaller than 0.05
        ("crisis", 0.55, SemanticReading(crisis=0.48, urgent=0.2, neither=0.51), True),
        # a model-only urgent alarm is never vetoed
        ("urgent_symptom", 0.40, SemanticReading(crisis=0.1, urgent=0.3, neither=0.9), True),
    ],
)
def test_the_shipped_veto_needs_doubt_and_a_margin(intent, confidence, reading, kept):
    m = message("how do they find out my her2 status", intent)
    m.set(INTENT, {"name": intent, "confidence": confidence})
    apply_semantic_reading(m, reading)
    assert (m.get(INTENT)["name"] == intent) is kept


def test_a_detector_finding_is_never_touched_by_the_reader():
    """The component applies the reading only when no rule fired."""
    m = message("I want to end my life", "greet")
    m.set(SEMANTIC_SAFETY, SemanticReading(crisis=0.1, urgent=0.1, neither=0.99))
    SafetyOverride().process([m])
    assert m.get(INTENT)["name"] == "crisis"
    assert values(m, "crisis_basis") == ["detector"]


@pytest.fixture(scope="module")
def reader(tmp_path_factory):
    storage = LocalModelStorage(Path(tmp_path_factory.mktemp("semantic")))
    r = SemanticSafetyReader.create(SemanticSafetyReader.get_default_config(), storage, Resource("s"), None)
    r.train(load_data("data/nlu"))
    return SemanticSafetyReader.load(SemanticSafetyReader.get_default_config(), storage, Resource("s"), None)


@pytest.mark.parametrize(
    "text,label",
    [
        ("i have decided tonight is the night i finally stop being a burden", "crisis"),
        ("what time does the pharmacy open on sundays", "neither"),
        ("how does ribociclib work", "neither"),
        ("my temperature is 38.6 and i had chemo four days ago", "urgent_symptom"),
    ],
)
def test_the_trained_reader_places_messages_by_meaning(reader, text, label):
    m = Message(data={TEXT: text})
    reader.process([m])
    assert m.get(SEMANTIC_SAFETY).label == label


@pytest.mark.parametrize("text", ["", "   ", "/affirm", None])
def test_no_reading_for_payloads_or_empty_text(reader, text):
    m = Message(data={TEXT: text} if text is not None else {})
    reader.process([m])
    assert m.get(SEMANTIC_SAFETY) is None


def test_a_message_a_benign_reason_explains_is_not_raised_by_its_neighbours():
    """Dev set 15: the model's crisis on "I don't want to die, I want more time with my family" was
    overruled as fear of dying, then the second reader raised it again."""
    m = message("I don't want to die, I want more time with my family", "express_distress")
    apply_semantic_reading(m, SemanticReading(crisis=0.82, urgent=0.40, neither=0.60))
    assert m.get(INTENT)["name"] == "express_distress"
    # the same reading on a message with no benign reason still raises the crisis
    m = message("I don't see the point of more time", "express_distress")
    apply_semantic_reading(m, SemanticReading(crisis=0.82, urgent=0.40, neither=0.60))
    assert m.get(INTENT)["name"] == "crisis"
