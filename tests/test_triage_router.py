"""The NLU triage router (bot/triage/nlu_router.py): a treatment-specific red flag becomes
urgent_symptom, other misrouted medicine + symptom messages become ask_symptom; everything
else, and every safety intent, is untouched."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.triage.nlu_router import TriageRouter


def parsed(text: str, intent: str, confidence: float = 0.3) -> Message:
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": intent, "confidence": confidence}, add_to_output=True)
    message.set(
        INTENT_RANKING_KEY,
        [{"name": intent, "confidence": confidence}, {"name": "ask_treatment", "confidence": 0.2}],
        add_to_output=True,
    )
    return message


def route(text: str, intent: str) -> Message:
    return TriageRouter().process([parsed(text, intent)])[0]


@pytest.mark.parametrize(
    "text,intent",
    [
        ("on docetaxel, my fingertips are numb", "nlu_fallback"),
        ("hot flushes on tamoxifen", "out_of_scope"),
        ("tired on olaparib", "nlu_fallback"),
        # the classifier torn between ask_symptom and urgent_symptom (FallbackClassifier's ambiguity):
        # a raised temperature is a call-today finding whatever the medicine (full suite, 2026-12-07)
        ("I take olaparib and my temperature is 37.8", "nlu_fallback"),
        ("my temperature is 37.8 since this afternoon", "nlu_fallback"),
        # hotline rows keep the graded triage reply ("call your team today")
        ("on ibrance and coughing a lot this week", "nlu_fallback"),
        ("I take Kisqali and there's a new cough I can't shake", "ask_dosing"),
        ("I take Xgeva and my jaw hurts", "nlu_fallback"),
        ("had zometa for a year, now one of my teeth is loose", "nlu_fallback"),
        ("pins and needles around my mouth, I have denosumab injections", "nlu_fallback"),
    ],
)
def test_misrouted_medicine_and_symptom_goes_to_ask_symptom(text, intent):
    message = route(text, intent)
    assert message.get(INTENT) == {"name": "ask_symptom", "confidence": 1.0}
    assert message.get(INTENT_RANKING_KEY)[0]["name"] == "ask_symptom"
    assert [r["name"] for r in message.get(INTENT_RANKING_KEY)[1:]] == [intent, "ask_treatment"]
    assert message.get("triage")["rerouted"] == intent
    assert "triage" in message.as_dict(only_output_properties=True)


@pytest.mark.parametrize(
    "text,intent,medicine",
    [
        # clinical-safety.md "Treatment-specific red flags": clot on tamoxifen, low calcium on denosumab
        ("tamoxifen, calf swollen", "out_of_scope", "tamoxifen"),
        ("I had my xgeva injection and now I'm having muscle spasms", "ask_symptom", "denosumab"),
        ("tingling round my mouth and my hands keep cramping into claws, on xgeva", "ask_symptom", "denosumab"),
        ("palpitations since my last prolia injection", "ask_treatment", "denosumab"),
        ("my right calf is red and sore, i take tamoxifen", "nlu_fallback", "tamoxifen"),
    ],
)
def test_a_treatment_specific_emergency_becomes_urgent(text, intent, medicine):
    message = route(text, intent)
    assert message.get(INTENT) == {"name": "urgent_symptom", "confidence": 1.0}
    assert message.get(INTENT_RANKING_KEY)[0]["name"] == "urgent_symptom"
    assert [(e["entity"], e["value"]) for e in message.get(ENTITIES)] == [("red_flag", "treatment_specific")]
    assert message.get("triage") == {"promoted": intent, "level": "emergency", "medicine": medicine}
    assert "triage" in message.as_dict(only_output_properties=True)


@pytest.mark.parametrize(
    "text,intent,medicine",
    [
        # clinical-safety.md: on pembrolizumab these signs mean "call the hotline now" (blind set 17)
        ("pembro patient, splitting headache, extremely tired and confused", "ask_treatment", "pembrolizumab"),
        ("I'm on Keytruda and I've had watery diarrhoea many times today", "ask_symptom", "pembrolizumab"),
        ("on keytruda and there's blood in my poo", "nlu_fallback", "pembrolizumab"),
        ("since my pembrolizumab my skin has gone yellow", "ask_treatment", "pembrolizumab"),
        # Enhertu's boxed warning: report a new cough or breathlessness at once
        ("on Enhertu and I've got a new dry cough", "ask_symptom", "trastuzumab_deruxtecan"),
        # diarrhoea at grade 2 or worse on a medicine whose label warns of it
        ("on verzenios, had the runs 6 times since breakfast", "ask_symptom", "abemaciclib"),
    ],
)
def test_an_immunotherapy_sign_told_as_now_becomes_urgent(text, intent, medicine):
    message = route(text, intent)
    assert message.get(INTENT) == {"name": "urgent_symptom", "confidence": 1.0}
    assert [(e["entity"], e["value"]) for e in message.get(ENTITIES)] == [("red_flag", "treatment_specific")]
    assert message.get("triage") == {"promoted": intent, "level": "hotline", "medicine": medicine}


@pytest.mark.parametrize(
    "text",
    [
        "had a bit of diarrhoea on keytruda last month, all fine now",  # over
        "what should I do if I get a cough on keytruda",  # hypothetical
        "can keytruda cause diarrhoea?",  # a general question
        "on keytruda, no diarrhoea so far",  # negated
        "on verzenio and i had loose stools twice this morning",  # a hotline row, not severe
    ],
)
def test_an_immunotherapy_sign_not_told_as_now_keeps_the_triage_reply(text):
    message = route(text, "ask_symptom")
    assert message.get(INTENT)["name"] == "ask_symptom"


@pytest.mark.parametrize(
    "text,intent",
    [
        ("I take tamoxifen and my leg is swollen", "urgent_symptom"),  # safety intents: never
        ("on ibrance and I want to end it all, coughing", "crisis"),
        ("hot flushes on tamoxifen", "ask_treatment"),  # next-visit level: the knowledge action's triage
        ("on olaparib, bruises everywhere and my gums are bleeding", "ask_symptom"),  # hotline: triage reply
        ("how much Kisqali should I take", "ask_dosing"),  # a real dose question, no symptom
        ("blah blah coughing", "nlu_fallback"),  # no medicine named
        ("my temperature is 37.8 since this afternoon", "out_of_scope"),  # no medicine: only a fallback is rerouted
        ("does enhertu cause a cough", "nlu_fallback"),  # a general question
        ("no cough at all on ibrance", "nlu_fallback"),  # negated
        ("i've got diarrhoea after chemo", "ask_symptom"),  # generic chemotherapy: the fever rules' own
        ("what should i do if i get a fever on chemo? want a plan in place", "ask_symptom"),
        ("/affirm", "nlu_fallback"),
        ("", "nlu_fallback"),
    ],
)
def test_everything_else_is_untouched(text, intent):
    message = route(text, intent)
    assert message.get(INTENT)["name"] == intent
    assert message.get("triage") is None


def test_config_runs_the_router_after_the_safety_override_and_rasa_resolves_it():
    from pathlib import Path

    import yaml
    from rasa.engine.recipes.recipe import Recipe
    from rasa.shared.data import TrainingType

    config = yaml.safe_load((Path(__file__).resolve().parents[1] / "config.yml").read_text(encoding="utf-8"))
    names = [c["name"] for c in config["pipeline"]]
    assert names.index("bot.triage.nlu_router.TriageRouter") == names.index("bot.safety.component.SafetyOverride") + 1
    graph = Recipe.recipe_for_name("default.v1").graph_config_for_recipe(config, {}, TrainingType.BOTH)
    uses = {node.uses for node in graph.predict_schema.nodes.values()}
    assert TriageRouter in uses


def test_a_model_only_urgent_takes_the_medicines_own_red_flag():
    """'on Keytruda ... diarrhoea since yesterday' read as urgent by the classifier alone gets the
    medicine's explanation (colitis, call the hotline now), not the general red-flag reply."""
    message = parsed("I'm on Keytruda and have had diarrhoea since yesterday", "urgent_symptom", 0.66)
    message.set(ENTITIES, [{"entity": "red_flag", "value": "general"}], add_to_output=True)
    message = TriageRouter().process([message])[0]
    assert [(e["entity"], e["value"]) for e in message.get(ENTITIES)] == [("red_flag", "treatment_specific")]
    assert message.get("triage") == {"promoted": "urgent_symptom", "level": "hotline", "medicine": "pembrolizumab"}


def test_a_detector_red_flag_is_never_replaced():
    message = parsed("I'm on Keytruda and I have chest pain", "urgent_symptom", 1.0)
    message.set(ENTITIES, [{"entity": "red_flag", "value": "chest_pain"}], add_to_output=True)
    message = TriageRouter().process([message])[0]
    assert [(e["entity"], e["value"]) for e in message.get(ENTITIES)] == [("red_flag", "chest_pain")]
    assert message.get("triage") is None
