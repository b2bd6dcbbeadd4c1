"""Rasa NLU component: a request that outranks an open question must be said in words.

``delete_my_data`` interrupts any form or pending yes/no (bot/dialogue/interrupt_policy.py) and
asks whether to erase the person's diary. Blind set O (2026-12-07, read after its measurement)
had "why me. i did everything right" classified as ``delete_my_data``: a person in distress would
have been asked whether they want their data deleted. A deletion request names the deletion
(delete, erase, remove, wipe, forget me, get rid of, stop keeping ...); when the classifier says
``delete_my_data`` and the message names none of it, the next intent of the ranking is taken
(``nlu_fallback`` when that one is under the fallback threshold). Button payloads
("/delete_my_data") and the Telegram /delete command carry the word and pass. Stateless.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

DELETE = "delete_my_data"
FALLBACK = "nlu_fallback"

DELETION_WORDS = re.compile(
    r"\b(?:delet\w*|eras\w*|remov\w*|wip\w*|purg\w*|scrub\w*|destroy\w*|nuk\w*|shred\w*|"
    r"forget (?:me|about me|everything|all|what|anything|that|my)|"
    r"forgotten|get rid|clear (?:out |away )?(?:my|all|everything|it|the)|bin (?:it|my|all|everything)|"
    r"gdpr|close (?:my|the) account|clear (?:her|his|their) |deactivat\w*|unsubscrib\w*|(?:stop|don ?t|do not|no longer) (?:keep|keeping|stor\w*|"
    r"hold\w*|sav\w*)|take (?:my|all|all my|all of my) (?:\w+ ){1,3}?(?:out|off|down)|no (?:record|trace)|not (?:to )?keep|throw (?:it|them|my) \w* ?away)",
    re.IGNORECASE,
)


def names_the_deletion(text: Any) -> bool:
    """True when the message says what ``delete_my_data`` is for."""
    return isinstance(text, str) and bool(DELETION_WORDS.search(text.replace("_", " ").replace("’", "'")))


def demoted_intent(ranking: List[Dict[str, Any]], threshold: float) -> Dict[str, Any]:
    """The best intent after ``delete_my_data``; ``nlu_fallback`` when it is under ``threshold``."""
    rest = [r for r in ranking if r.get("name") not in (DELETE, FALLBACK)]
    if rest and float(rest[0].get("confidence") or 0.0) >= threshold:
        return {"name": rest[0]["name"], "confidence": float(rest[0]["confidence"])}
    return {"name": FALLBACK, "confidence": threshold}


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ExplicitRequestGuard(GraphComponent):
    """Takes ``delete_my_data`` away from a message that does not ask for a deletion."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # the FallbackClassifier's threshold (config.yml): the next intent must clear it too
        return {"threshold": 0.25}

    def __init__(self, config: Optional[Dict[Text, Any]] = None) -> None:
        self._threshold = float({**self.get_default_config(), **(config or {})}["threshold"])

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "ExplicitRequestGuard":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._guard(message)
        return messages

    def _guard(self, message: Message) -> None:
        intent = message.get(INTENT) or {}
        if intent.get("name") != DELETE or names_the_deletion(message.get(TEXT)):
            return
        ranking = [r for r in (message.get(INTENT_RANKING_KEY) or []) if isinstance(r, dict)]
        chosen = demoted_intent(ranking, self._threshold)
        message.set(INTENT, chosen, add_to_output=True)
        message.set(
            INTENT_RANKING_KEY,
            [chosen]
            + [r for r in ranking if r.get("name") not in (chosen["name"], DELETE)]
            + [r for r in ranking if r.get("name") == DELETE],
            add_to_output=True,
        )
        message.set("request_guard", {"overruled": DELETE, "reason": "no_deletion_words"}, add_to_output=True)

    def process_training_data(self, training_data: Any) -> Any:
        return training_data
