"""Measured speed-ups of Rasa internals (bot/rasa_ext/action_validation.py and
event_lookup.py) give Rasa's own answers, and are what the Rasa server uses."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st
from jsonschema import ValidationError

import bot.rasa_ext.tracker_store  # noqa: F401  (what Rasa imports from endpoints.yml)
from bot.rasa_ext import action_validation
from rasa.core.actions.action import RemoteAction

ACTION = RemoteAction("action_answer_topic", None)


def verdict(func, result):
    try:
        return ("ok", func(ACTION, result))
    except ValidationError as exc:
        return ("error", exc.message, list(exc.path))


def test_installed_when_rasa_loads_our_tracker_store():
    assert RemoteAction._validate_action_result is action_validation.validate_action_result


CASES = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "last_topic", "value": "biopsy:general"}],
     "responses": [{"text": "A biopsy...", "buttons": [{"title": "Tell me more", "payload": "/affirm"}]}]},
    {"events": [{"event": "followup", "name": "action_listen"}]},
    {"events": "not a list"},
    {"events": [{"name": "missing the event key"}]},
    {"events": [{"event": 7}]},
    {"responses": "nope"},
    {"responses": [{"text": ["not", "text"]}]},
    {},
]


@pytest.mark.parametrize("result", CASES)
def test_same_verdict_and_message_as_rasa(result):
    assert verdict(action_validation.validate_action_result, result) == verdict(action_validation._ORIGINAL, result)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["event", "name", "text", "value", "x"]), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(["events", "responses", "other"]), json_values, max_size=3))
def test_same_verdict_on_arbitrary_responses(result):
    assert verdict(action_validation.validate_action_result, result) == verdict(action_validation._ORIGINAL, result)


def test_schema_is_checked_once_not_per_call(monkeypatch):
    from jsonschema.validators import validator_for

    cls = validator_for(RemoteAction.action_response_format_spec())
    calls = []
    monkeypatch.setattr(cls, "check_schema", classmethod(lambda c, s: calls.append(s)))
    action_validation.response_validator.cache_clear()
    for _ in range(5):
        action_validation.validate_action_result(ACTION, {"events": []})
    assert len(calls) == 1


def test_event_lookup_is_rasas_answer_for_every_event_type():
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    from bot.rasa_ext import event_lookup

    assert Event.resolve_by_type is event_lookup.resolve_by_type
    for cls in all_subclasses(Event):
        if cls.type_name:
            assert Event.resolve_by_type(cls.type_name) is event_lookup._ORIGINAL(cls.type_name)
    assert Event.resolve_by_type("no_such_event", default=Event) is Event
    assert Event.resolve_by_type("topic") is None
    with pytest.raises(ValueError):
        Event.resolve_by_type("no_such_event")
