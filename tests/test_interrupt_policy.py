"""bot/dialogue/interrupt_policy.py and the pause/resume actions (actions/dialogue.py)."""

from __future__ import annotations

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.dialogue import ActionAffirm, ActionDeny, ActionPauseForm, paused_form_of
from bot.dialogue.interrupt_policy import INTERRUPTS, form_at_last_message, next_interrupt_action


def tracker_for(events=None, slots=None) -> Tracker:
    return Tracker(
        sender_id="u",
        slots={"consent_noticed": True, **(slots or {})},
        latest_message={"text": "", "intent": {}, "entities": []},
        events=events or [],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


FORMS = ["checkin_form", "care_reminder_form", "reminder_form"]


@pytest.mark.parametrize("form", FORMS)
def test_privacy_is_answered_then_the_form_asks_again(form):
    done = []
    steps = []
    while (action := next_interrupt_action("ask_privacy", done, form)) is not None:
        steps.append(action)
        done.append(action)
    assert steps == ["utter_privacy", form, "action_listen"]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(
    "intent,reply", [("request_human", "action_request_human"), ("delete_my_data", "action_ask_delete_confirmation")]
)
def test_person_and_deletion_pause_the_form_first(form, intent, reply):
    done = []
    while (action := next_interrupt_action(intent, done, form)) is not None:
        done.append(action)
    assert done == ["action_deactivate_loop", "action_pause_form", reply, "action_listen"]


def test_no_form_no_interruption_and_other_intents_untouched():
    assert next_interrupt_action("delete_my_data", [], None) is None
    assert next_interrupt_action("affirm", [], "checkin_form") is None
    assert next_interrupt_action("inform_mood", [], "checkin_form") is None
    # something else happened since the message: step aside
    assert next_interrupt_action("ask_privacy", ["action_listen"], "checkin_form") is None
    assert set(INTERRUPTS) == {"ask_privacy", "request_human", "delete_my_data"}


def _tracker(events):
    domain = Domain.from_yaml("version: '3.1'\nintents: [greet]\n")
    return DialogueStateTracker.from_events("t", events, domain.slots)


def test_form_at_last_message_is_the_form_active_when_the_person_wrote():
    events = [
        ActionExecuted("action_listen"),
        ActiveLoop("checkin_form"),
        ActionExecuted("action_listen"),
        UserUttered("delete my data", {"name": "delete_my_data"}),
        ActiveLoop(None),
    ]
    assert form_at_last_message(_tracker(events)) == "checkin_form"
    done = [
        ActionExecuted("action_listen"),
        ActiveLoop("checkin_form"),
        ActiveLoop(None),
        ActionExecuted("action_listen"),
        UserUttered("hi", {"name": "greet"}),
    ]
    assert form_at_last_message(_tracker(done)) is None


def _sdk_events_for_pause(form):
    return [
        {"event": "active_loop", "name": form},
        {"event": "user", "text": "delete my data", "parse_data": {"intent": {"name": "delete_my_data"}}},
        {"event": "active_loop", "name": None},
    ]


@pytest.mark.parametrize("form", FORMS)
async def test_pause_remembers_the_form_and_says_how_to_resume(form):
    tracker = tracker_for(events=_sdk_events_for_pause(form))
    assert paused_form_of(tracker) == form
    dispatcher = CollectingDispatcher()
    events = await ActionPauseForm().run(dispatcher, tracker, {})
    assert events == [{"event": "slot", "timestamp": None, "name": "paused_form", "value": form}]
    assert "carry on" in dispatcher.messages[0]["text"]


async def test_carry_on_resumes_the_paused_form():
    tracker = tracker_for(slots={"paused_form": "care_reminder_form", "pending_offer": None})
    dispatcher = CollectingDispatcher()
    events = await ActionAffirm().run(dispatcher, tracker, {})
    assert {"event": "followup", "timestamp": None, "name": "care_reminder_form"} in events
    assert {"event": "slot", "timestamp": None, "name": "paused_form", "value": None} in events
    assert "carry on" in dispatcher.messages[0]["text"].lower()


async def test_an_open_offer_wins_over_resuming():
    tracker = tracker_for(slots={"paused_form": "checkin_form", "pending_offer": "reminder"})
    events = await ActionAffirm().run(CollectingDispatcher(), tracker, {})
    assert {"event": "followup", "timestamp": None, "name": "reminder_form"} in events


async def test_declining_deletion_offers_the_paused_form_back():
    tracker = tracker_for(slots={"paused_form": "checkin_form", "pending_offer": "delete"})
    dispatcher = CollectingDispatcher()
    await ActionDeny().run(dispatcher, tracker, {})
    assert any("carry on" in (m.get("text") or "") for m in dispatcher.messages)


async def test_nothing_paused_nothing_resumed():
    tracker = tracker_for(slots={"paused_form": None, "pending_offer": None})
    events = await ActionAffirm().run(CollectingDispatcher(), tracker, {})
    assert not any(e.get("event") == "followup" for e in events)


def _policy_and_domain():
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource

    from bot.dialogue.interrupt_policy import InterruptionPolicy

    domain = Domain.load("domain.yml")
    import tempfile
    from pathlib import Path

    storage = LocalModelStorage(Path(tempfile.mkdtemp()))
    from rasa.engine.graph import ExecutionContext, GraphSchema

    context = ExecutionContext(GraphSchema({}), "test")
    policy = InterruptionPolicy(InterruptionPolicy.get_default_config(), storage, Resource("p"), context)
    return policy, domain


@pytest.mark.parametrize("confidence,expected", [(0.95, "utter_privacy"), (0.59, None)])
def test_the_policy_interrupts_only_a_confident_request(confidence, expected):
    policy, domain = _policy_and_domain()
    events = [
        ActionExecuted("action_listen"),
        ActiveLoop("checkin_form"),
        ActionExecuted("action_listen"),
        UserUttered("who sees my data", {"name": "ask_privacy", "confidence": confidence}),
    ]
    tracker = DialogueStateTracker.from_events("t", events, domain.slots)
    prediction = policy.predict_action_probabilities(tracker, domain)
    best = max(range(len(prediction.probabilities)), key=prediction.probabilities.__getitem__)
    if expected is None:
        assert max(prediction.probabilities) < 1.0
    else:
        assert domain.action_names_or_texts[best] == expected
        assert prediction.is_no_user_prediction
