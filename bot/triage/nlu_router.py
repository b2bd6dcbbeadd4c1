"""Rasa NLU component: a medicine named with a side-effect symptom reaches triage.

Measured on the model of 2026-12-06 (25 held-out phrasings naming a medicine and a
symptom): 5 were not routed to a knowledge or urgent intent -- 4 ``nlu_fallback``
("on ibrance and coughing a lot this week") and 1 ``ask_dosing`` ("I take Kisqali and
there's a new cough"), so those people got "say it another way" or the dosing reply
instead of triage. Runs after SafetyOverride and changes only those misroutes:
when the predicted intent is ``nlu_fallback``, ``out_of_scope`` or (with no dose words)
``ask_dosing`` and ``bot.triage.assess`` finds a table row for a medicine named in the
message (for ``nlu_fallback``, also any hotline or emergency row: the fallback is often the
classifier torn between ask_symptom and urgent_symptom), the intent becomes ``ask_symptom``, whose rule runs the knowledge action and so
its triage. Crisis and urgent intents are never touched. ``triage.rerouted`` in the
parse result says what was changed. Stateless; no database.

A treatment-specific emergency (clinical-safety.md, "Treatment-specific red flags"; a table
row at ``emergency`` level for a medicine named in the message: a swollen painful calf or chest
pain on tamoxifen, spasms or palpitations on denosumab) becomes ``urgent_symptom`` whatever the
intent (``red_flag: treatment_specific``; ``triage.promoted`` says from what): DESIGN.md wants
urgent replies to need no custom action, and before this these reached the person only through
the knowledge action's triage. ``action_escalate`` then adds the medicine's explanation.
Hotline rows ("call your team today") are not promoted: the graded triage reply is the right
answer there (issue 18), and the urgent reply's emergency number would over-escalate a jaw ache.
The generic chemotherapy entry is left out: fever and infection on chemotherapy are the urgent
fever rules' own, read with their exclusions for general questions and past episodes.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.safety.component import force_intent, without_safety_entities
from bot.triage import TREATMENT_SPECIFIC
from bot.triage.engine import assess
from bot.triage.table import LEVELS

URGENT = "urgent_symptom"
SAFETY_INTENTS = ("crisis", URGENT)
# Only the emergency rows: a hotline row ("call your team today", e.g. jaw ache on denosumab)
# keeps the knowledge action's graded triage reply; the urgent reply adds the emergency number.
PROMOTED_LEVELS = ("emergency",)
# Fever and infection on chemotherapy belong to the urgent fever rules (see the module docstring).
NOT_PROMOTED = frozenset({"chemotherapy_generic"})

REROUTABLE = ("nlu_fallback", "out_of_scope", "ask_dosing")
TARGET = "ask_symptom"
# A real dose question keeps the dosing reply (no dosing advice, care team / pharmacist).
DOSE_WORDS = re.compile(
    r"\b(?:how (?:much|many|often)|doses?|dosage|mg|milligrams?|double (?:up|dose)|missed|forgot|extra|"
    r"skip(?:ped)?|too (?:much|many)|overdose|take (?:more|less|another|it with))\b",
    re.I,
)


def promote_red_flag(message: Message) -> bool:
    """A treatment-specific red flag becomes ``urgent_symptom`` (in place); True if it did."""
    text = message.get(TEXT) or ""
    predicted = (message.get(INTENT) or {}).get("name")
    if predicted in SAFETY_INTENTS or not text or text.startswith("/"):
        return False
    result = assess(text)
    if result is None:
        return False
    flagged = [
        f
        for f in result.findings
        if f.medicine_id and f.medicine_id not in NOT_PROMOTED and LEVELS[f.row.rank] in PROMOTED_LEVELS
    ]
    if not flagged:
        return False
    force_intent(message, URGENT)
    entities = without_safety_entities(message)
    entities.append(
        {
            "entity": "red_flag",
            "value": TREATMENT_SPECIFIC,
            "start": 0,
            "end": 0,
            "confidence_entity": 1.0,
            "extractor": "TriageRouter",
        }
    )
    message.set(ENTITIES, entities, add_to_output=True)
    message.set(
        "triage",
        {"promoted": predicted, "level": LEVELS[flagged[0].row.rank], "medicine": flagged[0].medicine_id},
        add_to_output=True,
    )
    return True


def reroute(message: Message) -> None:
    """Change a misrouted medicine + symptom message to ``ask_symptom`` (in place)."""
    text = message.get(TEXT) or ""
    predicted = (message.get(INTENT) or {}).get("name")
    if predicted not in REROUTABLE or not text or text.startswith("/"):
        return
    if predicted == "ask_dosing" and DOSE_WORDS.search(text):
        return
    result = assess(text)
    if result is None:
        return
    # With no medicine named, only a fallback that hides a call-today-or-sooner finding is rerouted:
    # "my temperature is 37.8" (olaparib or not) must get triage, never "say it another way".
    if not result.medicines and not (predicted == "nlu_fallback" and result.escalates):
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
            if not promote_red_flag(message):
                reroute(message)
        return messages

    def process_training_data(self, training_data):  # pragma: no cover - nothing to learn
        return training_data
