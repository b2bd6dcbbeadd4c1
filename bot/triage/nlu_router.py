"""Rasa NLU component: a medicine named with a side-effect symptom reaches triage.

Measured on the model of 2026-12-06 (25 held-out phrasings naming a medicine and a
symptom): 5 were not routed to a knowledge or urgent intent -- 4 ``nlu_fallback``
("on ibrance and coughing a lot this week") and 1 ``ask_dosing`` ("I take Kisqali and
there's a new cough"), so those people got "say it another way" or the dosing reply
instead of triage. Runs after SafetyOverride and changes only those misroutes:
when the predicted intent is ``nlu_fallback``, ``out_of_scope`` or (with no dose words)
``ask_dosing`` and ``bot.triage.assess`` finds a table row for a medicine named in the
message (for ``nlu_fallback``, also any hotline or emergency row: the fallback is often the
classifier torn between ask_symptom and urgent_symptom), the intent becomes ``ask_symptom``,
whose rule runs the knowledge action and so its triage. Crisis and urgent intents are never touched. ``triage.rerouted`` in the
parse result says what was changed. Stateless; no database.

A treatment-specific emergency (clinical-safety.md, "Treatment-specific red flags"; a table
row at ``emergency`` level for a medicine named in the message: a swollen painful calf or chest
pain on tamoxifen, spasms or palpitations on denosumab) becomes ``urgent_symptom`` whatever the
intent (``red_flag: treatment_specific``; ``triage.promoted`` says from what): DESIGN.md wants
urgent replies to need no custom action, and before this these reached the person only through
the knowledge action's triage. ``action_escalate`` then adds the medicine's explanation.
Hotline rows ("call your team today") are not promoted: the graded triage reply is the right
answer there (issue 18), and the urgent reply's emergency number would over-escalate a jaw ache.
The exception is a hotline row marked ``now`` (the immunotherapy signs clinical-safety.md says to
"call the hotline now" for: colitis, hepatitis, hormone-gland and lung signs), promoted only when
the sign is told as happening now -- not past and over, hypothetical, negated or a general
question (the urgent rules' own context check) -- because the triage table's matching does not
read tense (issue 17, blind set 17: "pembro patient, splitting headache, extremely tired and
confused" got the knowledge answer). So is diarrhoea four or more times a day, non-stop or with fluids
not staying down on a medicine whose label warns of it (abemaciclib, capecitabine, sacituzumab).
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

from bot.safety.component import CRISIS, URGENT, force_intent, safety_entity, without_safety_entities
from bot.safety.negation import urgent_context_ok
from bot.safety.text import normalise, split_sentences
from bot.safety.urgent import resolved_episode
from bot.triage import TREATMENT_SPECIFIC
from bot.triage.engine import TriageResult, assess
from bot.triage.table import LEVELS

EXTRACTOR_NAME = "TriageRouter"
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


# Diarrhoea on a medicine whose label warns of it (abemaciclib, capecitabine ...) is a hotline row ("tell
# your team at the first loose stool"); four or more times a day, non-stop or with fluids not staying
# down (grade 2 or worse on the labels) is answered as urgent_symptom when told as now (dev sets 10, 15, 18).
SEVERE_DIARRHOEA = re.compile(
    r"\b(?:[4-9]|1\d|four|five|six|seven|eight|nine|ten|eleven|twelve|a dozen|dozens of|many|loads of|lots of|so many|"
    r"countless) times\b|\bnon ?stop\b|\bconstant(?:ly)?\b|\bevery (?:hour|half hour|30 minutes)\b|\ball (?:day|night)\b|"
    r"\b(?:can not|could not|unable to) keep (?:anything|fluids|water|drinks) down\b|\b(?:dizzy|faint|light ?headed)\b"
)


def severe(row_symptom: str, norm: str) -> bool:
    """A hotline-level sign told (in the normalised text ``norm``) at a severity that makes it a call
    now (only diarrhoea so far)."""
    return row_symptom == "diarrhoea" and bool(SEVERE_DIARRHOEA.search(norm))


def told_as_now(norm: str, matched: str) -> bool:
    """The sign ``matched`` is told as happening now in the normalised text ``norm``: not past and over,
    hypothetical, negated or a general question (the urgent rules' context check on the sentence that
    holds it)."""
    needle = normalise(matched)
    if not needle or resolved_episode(norm):
        return False
    for sentence in split_sentences(norm, keep_punct=True):
        start = sentence.find(needle)
        if start >= 0 and urgent_context_ok(sentence, start, start + len(needle)):
            return True
    return False


def promote_red_flag(message: Message, result: TriageResult) -> bool:
    """A treatment-specific red flag (``result``: the message's triage) becomes ``urgent_symptom``
    (in place); True if it did."""
    predicted = (message.get(INTENT) or {}).get("name")
    norm = normalise(message.get(TEXT) or "")
    flagged = [
        f
        for f in result.findings
        if f.medicine_id
        and f.medicine_id not in NOT_PROMOTED
        and (
            LEVELS[f.row.rank] in PROMOTED_LEVELS
            or (
                LEVELS[f.row.rank] == "hotline"
                and (f.row.now or severe(f.row.symptom, norm))
                and told_as_now(norm, f.matched)
            )
        )
    ]
    if not flagged:
        return False
    force_intent(message, URGENT)
    entities = without_safety_entities(message)
    entities.append(safety_entity("red_flag", TREATMENT_SPECIFIC, EXTRACTOR_NAME))
    message.set(ENTITIES, entities, add_to_output=True)
    message.set(
        "triage",
        {"promoted": predicted, "level": LEVELS[flagged[0].row.rank], "medicine": flagged[0].medicine_id},
        add_to_output=True,
    )
    return True


def model_only_urgent(message: Message) -> bool:
    """True for an urgent_symptom that carries the general red flag only (the classifier or the
    semantic reader said it, no urgent rule did)."""
    flags = [e.get("value") for e in message.get(ENTITIES) or [] if e.get("entity") == "red_flag"]
    return flags == ["general"]


def reroute(message: Message, result: TriageResult) -> None:
    """Change a misrouted medicine + symptom message (``result``: its triage) to ``ask_symptom``
    (in place)."""
    text = message.get(TEXT) or ""
    predicted = (message.get(INTENT) or {}).get("name")
    if predicted not in REROUTABLE:
        return
    if predicted == "ask_dosing" and DOSE_WORDS.search(text):
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
            text = message.get(TEXT) or ""
            intent = (message.get(INTENT) or {}).get("name")
            # Crisis intents are never touched, nor an urgent one a detector rule decided; payloads
            # ("/affirm") carry no symptom. An urgent_symptom on the classifier's word alone (red
            # flag "general") says less than the medicine's own red flag ("on Keytruda ... diarrhoea
            # since yesterday": colitis, call the hotline now).
            if intent == CRISIS or (intent == URGENT and not model_only_urgent(message)):
                continue
            if not text or text.startswith("/"):
                continue
            result = assess(text)  # once per message, for both uses below
            if result is not None and not promote_red_flag(message, result):
                reroute(message, result)
        return messages

    def process_training_data(self, training_data):  # pragma: no cover - nothing to learn
        return training_data
