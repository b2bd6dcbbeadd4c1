"""SafetyFirstPolicy on hand-built trackers: crisis and red-flag replies come first,
also in the middle of a form, and the policy steps aside otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.safety.policy import SafetyFirstPolicy, next_safety_action

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(ROOT / "domain.yml"))


@pytest.fixture
def policy(tmp_path, domain):
    storage = LocalModelStorage(tmp_path)
    resource = Resource("safety_first")
    context = ExecutionContext(GraphSchema({}), "test")
    p = SafetyFirstPolicy.create(SafetyFirstPolicy.get_default_config(), storage, resource, context)
    p.train([], domain)
    return SafetyFirstPolicy.load(SafetyFirstPolicy.get_default_config(), storage, resource, context)


def predicted(policy, domain, events):
    tracker = DialogueStateTracker.from_events("p", events, domain.slots)
    prediction = policy.predict_action_probabilities(tracker, domain)
    if prediction.max_confidence == 0:
        return None, prediction
    return domain.action_names_or_texts[prediction.max_confidence_index], prediction


def user(intent, text="..."):
    return UserUttered(text, {"name": intent, "confidence": 1.0})


def test_crisis_in_the_middle_of_a_check_in_is_answered_first(policy, domain):
    events = [
        ActionExecuted("action_listen"),
        user("start_checkin"),
        ActionExecuted("checkin_form"),
        ActiveLoop("checkin_form"),
        SlotSet("requested_slot", "distress_score"),
        ActionExecuted("action_listen"),
        user("crisis", "i want to end my life"),
    ]
    steps = []
    for _ in range(6):
        action, prediction = predicted(policy, domain, events)
        if action is None:
            break
        assert prediction.is_no_user_prediction and prediction.policy_priority > 4  # beats the form's happy path
        steps.append(action)
        events.append(ActionExecuted(action))
        if action == "action_deactivate_loop":
            events.append(ActiveLoop(None))
        if action == "action_listen":
            break
    assert steps == ["utter_crisis", "utter_crisis_lines", "action_deactivate_loop", "action_escalate", "action_listen"]


def test_urgent_symptom_outside_a_form(policy, domain):
    events = [ActionExecuted("action_listen"), user("urgent_symptom", "fever of 38.6 after chemo")]
    action, _ = predicted(policy, domain, events)
    assert action == "utter_urgent_symptom"
    events += [ActionExecuted("utter_urgent_symptom"), ActionExecuted("utter_emergency_number")]
    assert predicted(policy, domain, events)[0] == "action_escalate"


@pytest.mark.parametrize(
    "events",
    [
        [ActionExecuted("action_listen"), user("ask_symptom")],
        [ActionExecuted("action_listen"), user("crisis"), ActionExecuted("utter_greet")],  # something else ran
        [
            ActionExecuted("action_listen"),
            user("crisis"),
            ActionExecuted("utter_crisis"),
            ActionExecuted("utter_crisis_lines"),
            ActionExecuted("action_escalate"),
            ActionExecuted("action_listen"),
        ],
    ],
)
def test_steps_aside_otherwise(policy, domain, events):
    assert predicted(policy, domain, events)[0] is None


def test_sequence_logic():
    assert next_safety_action("crisis", [], False) == "utter_crisis"
    assert next_safety_action("crisis", ["utter_crisis", "utter_crisis_lines"], False) == "action_escalate"
    assert next_safety_action("crisis", ["utter_crisis", "utter_crisis_lines"], True) == "action_deactivate_loop"
    assert (
        next_safety_action("crisis", ["utter_crisis", "utter_crisis_lines", "action_deactivate_loop"], False)
        == "action_escalate"
    )
    assert next_safety_action("greet", [], True) is None
