"""A Rasa policy that answers crisis and urgent-symptom messages before anything else.

Why rules are not enough: while a form is active, Rasa runs the form first and only
falls back to the "crisis interrupts the form" rules when the form *rejects* the turn.
The form's validation runs on the action server; when that server is down the call
fails with a plain error instead of a rejection, Rasa drops the turn, and a person who
typed "I want to end my life" in the middle of a check-in got no answer at all (found
by tests/test_faults.py).

This policy needs no training and no action server. After a user message whose intent
is ``crisis`` or ``urgent_symptom`` (the NLU safety layer guarantees those intents) it
predicts, step by step::

    crisis:          utter_crisis, utter_crisis_lines, [action_deactivate_loop], action_escalate, action_listen
    urgent_symptom:  utter_urgent_symptom, utter_emergency_number, [action_deactivate_loop], action_escalate, action_listen

(the loop is deactivated only if a form was active) — the same sequence as the rules in
data/rules/rules.yml, so conversations look the same; it only wins where the rules could not
run. Its predictions are marked "no user prediction" and it has a higher priority than
the RulePolicy, so a form's happy path cannot overrule it. If anything else happened
since the message (e.g. a failed action added other events), it steps aside.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Dict, List, Optional, Text

from rasa.core.policies.policy import Policy, PolicyPrediction, SupportedData
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

logger = logging.getLogger(__name__)

SAFETY_PRIORITY = 5  # above RulePolicy (4)
REPLIES = {
    "crisis": ["utter_crisis", "utter_crisis_lines"],
    "urgent_symptom": ["utter_urgent_symptom", "utter_emergency_number"],
}
DEACTIVATE = "action_deactivate_loop"
ESCALATE = "action_escalate"
LISTEN = "action_listen"


def next_safety_action(intent: Optional[str], done: List[str], loop_active: bool) -> Optional[str]:
    """The next action after a safety message, given the actions already run since it."""
    replies = REPLIES.get(intent or "")
    if replies is None:
        return None
    sequence = list(replies)
    if loop_active or DEACTIVATE in done:
        sequence.append(DEACTIVATE)
    sequence += [ESCALATE, LISTEN]
    if len(done) >= len(sequence) or done != sequence[: len(done)]:
        return None
    return sequence[len(done)]


def actions_since_last_user_message(tracker: DialogueStateTracker) -> List[str]:
    names: List[str] = []
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, ActionExecuted) and event.action_name:
            names.append(event.action_name)
    return list(reversed(names))


def predict_only(policy: Policy, domain: Domain, action: Optional[str]) -> PolicyPrediction:
    """``action`` with probability 1 as a "no user prediction" (so a form's happy path
    cannot overrule it), or no prediction at all when ``action`` is None / not in the domain."""
    probabilities = policy._default_predictions(domain)
    if action is None or action not in domain.action_names_or_texts:
        return policy._prediction(probabilities)
    probabilities[domain.index_for_action(action)] = 1.0
    return policy._prediction(probabilities, is_no_user_prediction=True)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class SafetyFirstPolicy(Policy):
    """Crisis and red-flag replies first, whatever form is active (see module docstring)."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"priority": SAFETY_PRIORITY}

    @staticmethod
    def supported_data() -> SupportedData:
        return SupportedData.ML_AND_RULE_DATA

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        """Nothing to learn; a marker file keeps the model package well-formed."""
        missing = [a for seq in REPLIES.values() for a in seq + [ESCALATE] if a not in domain.action_names_or_texts]
        if missing:
            raise ValueError(f"SafetyFirstPolicy needs these actions in the domain: {missing}")
        with self._model_storage.write_to(self._resource) as path:
            (path / "safety_first_policy.json").write_text(json.dumps({"replies": REPLIES}))
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[Text, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        intent = (tracker.latest_message.intent or {}).get("name") if tracker.latest_message else None
        action = next_safety_action(
            intent, actions_since_last_user_message(tracker), tracker.active_loop_name is not None
        )
        return predict_only(self, domain, action)
