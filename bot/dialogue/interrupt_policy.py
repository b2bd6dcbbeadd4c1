"""Requests that outrank the open question: privacy, a person, "delete my data".

While a form is active, Rasa runs the form first: its validation reads the person's
message as the answer to the requested slot, and only when it *rejects* the turn do the
rules get a chance. So "delete my data" typed while a medication reminder waited for
yes/no was read as "no": the reminder was dropped and the deletion request was lost.

This policy (like :mod:`bot.safety.policy` for crisis and red flags) predicts before any
active form, step by step, after a user message with one of these intents:

    ask_privacy:     utter_privacy, <the form>, action_listen
                     (answered, then the form asks its question again: resumed at once)
    request_human:   action_deactivate_loop, action_pause_form, action_request_human, action_listen
    delete_my_data:  action_deactivate_loop, action_pause_form, action_ask_delete_confirmation, action_listen

``action_pause_form`` remembers the form in the ``paused_form`` slot and tells the person
it was paused; "carry on" / "yes" later resumes it where it stopped (actions/dialogue.py),
the slots already filled are kept. A message that answers the form normally never has
one of these intents, so the form's happy path is untouched. Needs no action server for
the decision itself; its predictions are "no user prediction", priority above RulePolicy.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Text

from rasa.core.policies.policy import Policy, PolicyPrediction, SupportedData
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActiveLoop, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from bot.dialogue import OUTRANKING_INTENTS
from bot.safety.policy import SAFETY_PRIORITY, actions_since_last_user_message, predict_only

FORM = "<form>"
LISTEN = "action_listen"
DEACTIVATE = "action_deactivate_loop"
PAUSE = "action_pause_form"
#: intent -> the actions that follow it while a form is active.
INTERRUPTS: Dict[str, List[str]] = {
    "ask_privacy": ["utter_privacy", FORM],
    "request_human": [DEACTIVATE, PAUSE, "action_request_human"],
    "delete_my_data": [DEACTIVATE, PAUSE, "action_ask_delete_confirmation"],
}
assert set(INTERRUPTS) == OUTRANKING_INTENTS
#: Below this NLU confidence the form keeps the turn: a one-word answer such as "calm"
#: is sometimes half-read as request_human (0.40 with one trained model).
MIN_CONFIDENCE = 0.6


def next_interrupt_action(intent: Optional[str], done: List[str], form: Optional[str]) -> Optional[str]:
    """The next action after an outranking request, given the actions run since it.

    ``form`` is the form that was active when the message arrived (None: no form, and
    the ordinary rules apply).
    """
    steps = INTERRUPTS.get(intent or "")
    if steps is None or not form:
        return None
    sequence = [form if step == FORM else step for step in steps] + [LISTEN]
    if len(done) >= len(sequence) or done != sequence[: len(done)]:
        return None
    return sequence[len(done)]


def form_at_last_message(tracker: DialogueStateTracker) -> Optional[str]:
    """The form that was active when the latest user message arrived."""
    seen_user = False
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            seen_user = True
            continue
        if seen_user and isinstance(event, ActiveLoop):
            return event.name
    return None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class InterruptionPolicy(Policy):
    """Privacy, a person and data deletion before the open form question."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"priority": SAFETY_PRIORITY}

    @staticmethod
    def supported_data() -> SupportedData:
        return SupportedData.ML_AND_RULE_DATA

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        """Nothing to learn; checks the domain has every action it predicts."""
        needed = {a for seq in INTERRUPTS.values() for a in seq if a != FORM}
        missing = sorted(a for a in needed if a not in domain.action_names_or_texts)
        if missing:
            raise ValueError(f"InterruptionPolicy needs these actions in the domain: {missing}")
        with self._model_storage.write_to(self._resource) as path:
            (path / "interruption_policy.json").write_text(json.dumps({"interrupts": INTERRUPTS}))
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[Text, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        latest = tracker.latest_message
        intent = (latest.intent or {}).get("name") if latest else None
        confidence = float((latest.intent or {}).get("confidence") or 0.0) if latest else 0.0
        action = None
        if intent in INTERRUPTS and confidence >= MIN_CONFIDENCE:
            action = next_interrupt_action(
                intent, actions_since_last_user_message(tracker), form_at_last_message(tracker)
            )
        return predict_only(self, domain, action)
