"""Rasa NLU component: a medicine named with a side-effect symptom reaches triage.

Measured on the model of 2026-12-06 (25 held-out phrasings naming a medicine and a
symptom): 5 were not routed to a knowledge or urgent intent -- 4 ``nlu_fallback``
("on ibrance and coughing a lot this week") and 1 ``ask_dosing`` ("I take Kisqali and
there's a new cough"), so those people got "say it another way" or the dosing reply
instead of triage. Runs after SafetyOverride and changes only those misroutes:
when the predicted intent is ``nlu_fallback``, ``out_of_scope`` or (with no dose words)
``ask_dosing`` and ``bot.triage.assess`` finds a table row for a medicine named in the
message, the intent becomes ``ask_symptom``, whose rule runs the knowledge action and so
its triage. Crisis and urgent intents are never touched. ``triage.rerouted`` in the
parse result says what was changed. Stateless; no database.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.safety.component import force_intent
from bot.triage.engine import assess

REROUTABLE = ("nlu_fallback", "out_of_scope", "ask_dosing")
TARGET = "ask_symptom"
# A real dose question keeps the dosing reply (no dosing advice, care team / pharmacist).
DOSE_WORDS = re.compile(
    r"\b(?:how (?:much|many|often)|doses?|dosage|mg|milligrams?|double (?:up|dose)|missed|forgot|extra|"
    r"skip(?:ped)?|too (?:much|many)|overdose|take (?:more|less|another|it with))\b",
    re.I,
)


def reroute(message: Message) -> None:
    """Change a misrouted medicine + symptom message to ``ask_symptom`` (in place)."""
    text = message.get(TEXT) or ""
    predicted = (message.get(INTENT) or {}).get("name")
    if predicted not in REROUTABLE or not text or text.startswith("/"):
        return
    if predicted == "ask_dosing" and DOSE_WORDS.search(text):
        return
    result = assess(text)
    if result is None or not result.medicines:
        return
    force_intent(message, TARGET)
    message.set("triage", {"rerouted": predicted, "level": result.level}, add_to_output=True)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class TriageRouter(GraphComponent):
    """Routes misread medicine + symptom messages to the knowledge action's triage."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "TriageRouter":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            reroute(message)
        return messages

    def process_training_data(self, training_data):  # pragma: no cover - nothing to learn
        return training_data
