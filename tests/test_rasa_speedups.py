"""Measured speed-ups of Rasa internals (bot/rasa_ext/*.py) give Rasa's own answers, and are
what the Rasa server uses."""
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
    action_validation.discriminated_validators.cache_clear()
    for _ in range(5):
        action_validation.validate_action_result(ACTION, {"events": []})
        action_validation.validate_action_result(ACTION, {"events": [{"event": "slot", "name": "x", "value": 1}]})
    assert len(calls) == 1


EVENT_NAMES = [branch["properties"]["event"]["const"]
               for branch in RemoteAction.action_response_format_spec()["properties"]["events"]["items"]["oneOf"]]
event_fields = st.dictionaries(
    st.sampled_from(["name", "value", "text", "timestamp", "metadata", "entities", "parse_data", "policy",
                     "confidence", "hide_rule_turn", "input_channel"]),
    json_values | st.floats(allow_nan=False) | st.just([{"entity": "e", "value": 1, "start": 0}]), max_size=4)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(EVENT_NAMES + ["not_an_event", ""]) | json_values, event_fields), max_size=4))
def test_same_verdict_on_events_of_every_type(events):
    # every event type of the schema, with fields of the right and the wrong types
    result = {"events": [{"event": name, **fields} for name, fields in events]}
    assert verdict(action_validation.validate_action_result, result) == verdict(action_validation._ORIGINAL, result)


def test_valid_responses_skip_the_full_validator_and_invalid_ones_get_rasas_error(monkeypatch):
    full = action_validation.response_validator()
    calls = []
    monkeypatch.setattr(full, "iter_errors", lambda instance: calls.append(instance) or type(full).iter_errors(full, instance))
    valid = {"events": [{"event": name} for name in EVENT_NAMES if name not in ("slot", "entities")]
             + [{"event": "slot", "name": "last_topic", "value": None}, {"event": "entities", "entities": []}],
             "responses": [{"text": "hello"}]}
    assert action_validation.validate_action_result(ACTION, valid) is True and calls == []
    invalid = {"events": [{"event": "slot", "value": 1}]}  # a slot event without its name
    assert verdict(action_validation.validate_action_result, invalid) == verdict(action_validation._ORIGINAL, invalid)
    assert verdict(action_validation.validate_action_result, invalid)[0] == "error" and len(calls) == 2



def test_a_schema_not_split_by_event_name_gets_no_shortcut(monkeypatch):
    # e.g. a later Rasa adding a branch without its own event name: every reply takes the full check
    schema = RemoteAction.action_response_format_spec()
    schema["properties"]["events"]["items"]["oneOf"].append({"properties": {"name": {"type": "string"}}})
    monkeypatch.setattr(RemoteAction, "action_response_format_spec", staticmethod(lambda: schema))
    action_validation.response_validator.cache_clear()
    action_validation.discriminated_validators.cache_clear()
    try:
        assert action_validation.discriminated_validators() is None
        reply = {"events": [{"event": "slot", "name": "x", "value": 1}]}
        assert action_validation.is_valid_by_event_name(reply) is False
        # the new branch matches too, so oneOf refuses it: the answer is the full schema's
        assert verdict(action_validation.validate_action_result, reply) == verdict(action_validation._ORIGINAL, reply)
        assert verdict(action_validation.validate_action_result, reply)[0] == "error"
    finally:
        action_validation.response_validator.cache_clear()
        action_validation.discriminated_validators.cache_clear()

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


# -- one connection pool for action-server calls (bot/rasa_ext/action_client.py) ------------

async def _start_counting_server(port: int = 0, status: int = 200):
    """A real HTTP server that answers like an action server (or with ``status``) and counts
    TCP connections."""
    from aiohttp import web

    seen = {"connections": set(), "requests": 0}

    async def webhook(request):
        seen["requests"] += 1
        seen["connections"].add(id(request.transport))
        if status != 200:
            return web.json_response({"error": "nope"}, status=status)
        return web.json_response({"events": [], "responses": [{"text": "ok"}]})

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", port)
    await site.start()
    return runner, site._server.sockets[0].getsockname()[1], seen


def _endpoint(port: int):
    from rasa.utils.endpoints import EndpointConfig

    return EndpointConfig(url=f"http://127.0.0.1:{port}/webhook", headers={"X-Test": "1"})


async def test_action_calls_reuse_one_connection():
    from rasa.utils.endpoints import EndpointConfig

    from bot.rasa_ext import action_client

    assert EndpointConfig.session is action_client.shared_session
    runner, port, seen = await _start_counting_server()
    try:
        for _ in range(5):
            assert await _endpoint(port).request(json={"next_action": "x"}, method="post") == {
                "events": [], "responses": [{"text": "ok"}]}
        assert seen["requests"] == 5
        assert len(seen["connections"]) == 1, "Rasa's own session would open one connection per call"
    finally:
        await action_client.close_sessions()
        await runner.cleanup()


async def test_action_server_restart_is_survived():
    """The server closes its connections (restart): the next call opens a new one, no error."""
    from bot.rasa_ext import action_client

    runner, port, seen = await _start_counting_server()
    try:
        await _endpoint(port).request(json={}, method="post")
        await runner.cleanup()
        runner, _, seen = await _start_counting_server(port)
        assert await _endpoint(port).request(json={}, method="post") == {"events": [], "responses": [{"text": "ok"}]}
        assert seen["requests"] == 1
    finally:
        await action_client.close_sessions()
        await runner.cleanup()


async def test_errors_are_rasas():
    """A 4xx/5xx still raises Rasa's ClientResponseError (RemoteAction relies on it)."""
    from rasa.utils.endpoints import ClientResponseError

    from bot.rasa_ext import action_client

    runner, port, _ = await _start_counting_server(status=400)
    try:
        with pytest.raises(ClientResponseError) as raised:
            await _endpoint(port).request(json={}, method="post")
        assert raised.value.status == 400
    finally:
        await action_client.close_sessions()
        await runner.cleanup()


# -- graph runs in a precomputed order (bot/rasa_ext/graph_runner.py) ------------------------

@pytest.fixture(scope="module")
def trained_agent():
    from rasa.core.agent import Agent

    from tests.servers import MODEL

    if not MODEL.exists():
        pytest.fail("models/companion.tar.gz is missing: run `make train` (make test does)")
    return Agent.load(str(MODEL))


def _both_runners(runner, **kwargs):
    from bot.rasa_ext import graph_runner

    return graph_runner.run(runner, **kwargs), graph_runner._ORIGINAL_RUN(runner, **kwargs)


@pytest.mark.parametrize("text", [
    "what does palbociclib do", "I want to end it all", "fever of 38.5 on chemo",
    "hello", "", "/affirm", "🙂" * 40, "<script>alert(1)</script>'; DROP TABLE users;--",
])
def test_parse_graph_gives_rasas_answer(trained_agent, text):
    from rasa.core.channels import UserMessage
    from rasa.engine.runner.dask import DaskGraphRunner

    from bot.rasa_ext import graph_runner

    assert DaskGraphRunner.run is graph_runner.run
    processor = trained_agent.processor
    target = processor.model_metadata.nlu_target
    ours, rasas = _both_runners(processor.graph_runner, inputs={"__message__": [UserMessage(text)]}, targets=[target])
    assert ours.keys() == rasas.keys() == {target}
    ours_msg, rasa_msg = ours[target][0], rasas[target][0]
    assert ours_msg.get("intent") == rasa_msg.get("intent")
    assert ours_msg.get("intent_ranking") == rasa_msg.get("intent_ranking")
    assert ours_msg.get("entities") == rasa_msg.get("entities")


async def test_prediction_graph_gives_rasas_answer(trained_agent):
    """Same predicted action (and policy) after each turn of a real conversation."""
    from rasa.core.channels import UserMessage
    from rasa.shared.core.events import ActionExecuted, UserUttered

    processor = trained_agent.processor
    tracker = await processor.fetch_tracker_and_update_session("graph-runner-equivalence")
    target = processor.model_metadata.core_target
    for text in ["hi", "what does palbociclib do", "tell me more", "I want to end it all", "thanks"]:
        parsed = await processor.parse_message(UserMessage(text))
        tracker.update(UserUttered(text, parsed["intent"], parsed["entities"], parse_data=parsed))
        ours, rasas = _both_runners(processor.graph_runner, inputs={"__tracker__": tracker}, targets=[target])
        assert ours[target].max_confidence_index == rasas[target].max_confidence_index, text
        assert ours[target].policy_name == rasas[target].policy_name, text
        assert ours[target].probabilities == rasas[target].probabilities, text
        tracker.update(ActionExecuted(processor.domain.action_names_or_texts[ours[target].max_confidence_index]))
        tracker.update(ActionExecuted("action_listen"))


def test_graph_plan_is_computed_once_per_target_list(trained_agent):
    from bot.rasa_ext import graph_runner

    runner = trained_agent.processor.graph_runner
    target = (trained_agent.processor.model_metadata.nlu_target,)
    assert graph_runner.execution_plan(runner, target) is graph_runner.execution_plan(runner, target)
    names = [name for name, _, _ in graph_runner.execution_plan(runner, target)]
    assert names[-1] == target[0] and len(names) == len(set(names))
    for position, (name, _, needs) in enumerate(graph_runner.execution_plan(runner, target)):
        assert all(parent not in names[position:] for parent in needs), "a node runs before what it needs"


def test_input_named_like_a_node_is_refused_as_by_rasa(trained_agent):
    from rasa.engine.exceptions import GraphRunError

    from bot.rasa_ext import graph_runner

    runner = trained_agent.processor.graph_runner
    target = trained_agent.processor.model_metadata.nlu_target
    clash = graph_runner.execution_plan(runner, (target,))[0][0]
    for run in (graph_runner.run, graph_runner._ORIGINAL_RUN):
        with pytest.raises(GraphRunError, match="clashes with a node name"):
            run(runner, inputs={"__message__": clash}, targets=[target])


# -- DIET inference without the per-call overhead (bot/rasa_ext/nlu_inference.py) -------------

def _same_sparse(ours, theirs):
    assert ours.format == theirs.format
    assert ours.shape == theirs.shape and ours.dtype == theirs.dtype
    if ours.format == "coo":
        # same entries in the same order, same index dtype: what DIET's batching reads
        assert ours.row.dtype == theirs.row.dtype and ours.col.dtype == theirs.col.dtype
        assert (ours.row == theirs.row).all() and (ours.col == theirs.col).all()
        assert (ours.data == theirs.data).all()
    else:
        assert (ours != theirs).nnz == 0


@settings(max_examples=60, deadline=None)
@given(rows=st.integers(1, 12), left_cols=st.integers(1, 40), right_cols=st.integers(1, 3000),
       density=st.floats(0.0, 1.0), formats=st.sampled_from(["coo", "csr", "csc", "lil"]),
       right_format=st.sampled_from(["coo", "csr", "csc"]),
       dtypes=st.sampled_from([("float32", "float32"), ("float64", "float32"), ("int64", "float32"), ("float32", "int8")]),
       seed=st.integers(0, 2**16))
def test_sparse_join_is_scipys_hstack(rows, left_cols, right_cols, density, formats, right_format, dtypes, seed):
    import scipy.sparse

    from bot.rasa_ext.nlu_inference import hstack_coo

    left = scipy.sparse.random(rows, left_cols, density=density, format=formats, dtype=dtypes[0], random_state=seed)
    right = scipy.sparse.random(rows, right_cols, density=density / 3, format=right_format, dtype=dtypes[1],
                                random_state=seed + 1)
    _same_sparse(hstack_coo(left, right), scipy.sparse.hstack([left, right]))


def test_sparse_join_refuses_what_rasa_refuses():
    import numpy as np
    import scipy.sparse

    from rasa.shared.nlu.training_data.features import Features

    from bot.rasa_ext import nlu_inference

    assert Features._combine_sparse_features is nlu_inference._combine_sparse_features
    one = Features(scipy.sparse.coo_matrix(np.ones((2, 3))), "sequence", "text", "a")
    other = Features(scipy.sparse.coo_matrix(np.ones((3, 3))), "sequence", "text", "b")
    for combine in (nlu_inference._combine_sparse_features, nlu_inference._ORIGINAL_COMBINE_SPARSE):
        with pytest.raises(ValueError, match="sequence dimensions do not match: 2 != 3"):
            combine(one, other)


PARSE_CASES = [
    "what does palbociclib do", "I want to end it all", "fever of 38.5 on chemo", "my letrozole",
    "hello", "", "/affirm", "🙂" * 40, "<script>alert(1)</script>'; DROP TABLE users;--", "x" * 3000,
    "how do i prepare for the bone marrow biopsy", "about a 6",
]


async def test_parses_are_rasas_to_the_last_digit(trained_agent):
    """Intent, confidences, ranking and entities of the real model with and without the change."""
    import json

    from bot.rasa_ext import nlu_inference

    ours = [await trained_agent.parse_message(text) for text in PARSE_CASES]
    nlu_inference.uninstall()
    try:
        rasas = [await trained_agent.parse_message(text) for text in PARSE_CASES]
    finally:
        nlu_inference.install()
    assert json.dumps(ours, sort_keys=True) == json.dumps(rasas, sort_keys=True)
    assert [p["intent"]["name"] for p in ours][:2] == ["ask_treatment", "crisis"]


async def test_model_outputs_are_rasas_and_the_concrete_function_is_reused(trained_agent, monkeypatch):
    import numpy as np

    from rasa.nlu.classifiers.diet_classifier import DIETClassifier

    from bot.rasa_ext import nlu_inference

    nodes = trained_agent.processor.graph_runner._instantiated_nodes.values()
    model = next(node._component for node in nodes if isinstance(node._component, DIETClassifier)).model
    seen = []
    real_run_inference = model.run_inference
    monkeypatch.setattr(model, "run_inference", lambda data, *a, **k: seen.append(data) or real_run_inference(data, *a, **k))
    await trained_agent.parse_message("what does palbociclib do")
    model_data = seen[-1]
    ours = model.run_inference(model_data)
    concrete = model.__dict__["_companion_concrete"][1]
    model.run_inference(model_data)
    assert model.__dict__["_companion_concrete"][1] is concrete
    nlu_inference.uninstall()
    try:
        rasas = model.run_inference(model_data)
    finally:
        nlu_inference.install()
    assert ours.keys() == rasas.keys() and "i_scores" in ours
    for key in ours:
        if isinstance(ours[key], np.ndarray):
            assert ours[key].dtype == rasas[key].dtype and np.array_equal(ours[key], rasas[key]), key
        else:
            assert type(ours[key]) is type(rasas[key]), key


def test_domain_emptiness_is_rasas_answer(trained_agent):
    from rasa.shared.core.domain import Domain

    from bot.rasa_ext import nlu_inference

    assert Domain.is_empty is nlu_inference._is_empty
    assert trained_agent.domain.is_empty() is nlu_inference._ORIGINAL_IS_EMPTY(trained_agent.domain) is False
    assert Domain.empty().is_empty() is nlu_inference._ORIGINAL_IS_EMPTY(Domain.empty()) is True


# -- past states computed once per tracker state (bot/rasa_ext/tracker_states.py) -----------

async def test_past_states_are_rasas_after_every_event(trained_agent):
    """A real conversation: after each event, every argument combination the policies use
    gives Rasa's states, on the first call and on the repeated (kept) one."""
    from rasa.core.channels import UserMessage
    from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.rasa_ext import tracker_states

    assert DialogueStateTracker.past_states is tracker_states.past_states
    processor = trained_agent.processor
    domain = processor.domain
    tracker = await processor.fetch_tracker_and_update_session("past-states-equivalence")
    rule_only = {"slots": ["requested_slot"], "loops": ["checkin_form"]}
    variants = [{}, {"ignore_rule_only_turns": True, "rule_only_data": rule_only}, {"omit_unset_slots": True}]
    events = []
    for text in ["hi", "what does palbociclib do", "about a 6", "I want to end it all"]:
        parsed = await processor.parse_message(UserMessage(text))
        events += [UserUttered(text, parsed["intent"], parsed["entities"], parse_data=parsed),
                   ActionExecuted("utter_greet"), SlotSet("last_topic", text), ActionExecuted("action_listen")]
    for event in events:
        tracker.update(event)
        for kwargs in variants:
            expected = tracker_states._ORIGINAL_PAST_STATES(tracker, domain, **kwargs)
            assert tracker.past_states(domain, **kwargs) == expected
            assert tracker.past_states(domain, **kwargs) == expected  # the kept result


async def test_past_states_callers_cannot_change_the_kept_result(trained_agent):
    from bot.rasa_ext import tracker_states

    processor = trained_agent.processor
    tracker = await processor.fetch_tracker_and_update_session("past-states-isolation")
    expected = tracker_states._ORIGINAL_PAST_STATES(tracker, processor.domain)
    first = tracker.past_states(processor.domain)
    for state in first:  # what prediction_states does to the user sub-state, and worse
        for sub_state in state.values():
            sub_state.clear()
        state.clear()
    first.clear()
    assert tracker.past_states(processor.domain) == expected


async def test_past_states_are_recomputed_for_a_new_event_or_a_rewound_tracker(trained_agent):
    from rasa.shared.core.events import ActionExecuted, Restarted, UserUttered

    from bot.rasa_ext import tracker_states

    processor = trained_agent.processor
    tracker = await processor.fetch_tracker_and_update_session("past-states-fresh")
    domain = processor.domain
    before = tracker.past_states(domain)
    tracker.update(UserUttered("hi", {"name": "greet", "confidence": 1.0}))
    after = tracker.past_states(domain)
    assert after != before and after == tracker_states._ORIGINAL_PAST_STATES(tracker, domain)
    tracker.update(ActionExecuted("utter_greet"))
    tracker.update(Restarted())  # resets: a new event deque
    assert tracker.past_states(domain) == tracker_states._ORIGINAL_PAST_STATES(tracker, domain)
    other = tracker.copy()  # another tracker with equal events: its own entry, same answer
    assert other.past_states(domain) == tracker.past_states(domain)


# -- rules decoded once for matching (bot/rasa_ext/rule_matching.py) -------------------------

def _rule_policy(agent):
    from rasa.core.policies.rule_policy import RulePolicy

    nodes = agent.processor.graph_runner._instantiated_nodes.values()
    return next(node._component for node in nodes if isinstance(node._component, RulePolicy))


async def test_rule_matching_is_rasas_after_every_event(trained_agent):
    """A real conversation through a form and a crisis: after each event, for both of
    RulePolicy's tables and both of its ways of reading the last user turn (text, intent),
    the applicable rules are Rasa's."""
    from rasa.core.channels import UserMessage
    from rasa.core.policies.rule_policy import RulePolicy
    from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet, UserUttered

    from bot.rasa_ext import rule_matching

    assert RulePolicy._get_possible_keys is rule_matching.get_possible_keys
    processor = trained_agent.processor
    policy = _rule_policy(trained_agent)
    tracker = await processor.fetch_tracker_and_update_session("rule-matching-equivalence")
    events = []
    for text, action in [("hi", "utter_greet"), ("what does palbociclib do", "action_answer_topic"),
                         ("I'd like to check in", "checkin_form"), ("about a 6", "checkin_form"),
                         ("I want to end it all", "utter_crisis"), ("/affirm", "action_listen")]:
        parsed = await processor.parse_message(UserMessage(text))
        events += [UserUttered(text, parsed["intent"], parsed["entities"], parse_data=parsed), ActionExecuted(action)]
        if action == "checkin_form":
            events += [ActiveLoop("checkin_form"), SlotSet("requested_slot", "distress_score")]
        events.append(ActionExecuted("action_listen"))
    compared = set()
    for event in events:
        tracker.update(event)
        for use_text in (True, False):
            states = policy._prediction_states(tracker, processor.domain, use_text,
                                               rule_only_data=policy._get_rule_only_data())
            for table in ("rules", "rules_for_loop_unhappy_path"):
                lookup = policy.lookup[table]
                ours = rule_matching.get_possible_keys(policy, lookup, states)
                assert ours == rule_matching._ORIGINAL(policy, lookup, states), (event, table, use_text)
                compared.add(frozenset(ours))
    assert len(compared) > 5  # the conversation reached different rules, not one answer throughout


def test_rule_matching_is_rasas_on_crafted_tables():
    """Tables Rasa builds in training (shorter and longer rules, conversation starts, list
    values, rules that must not have a slot) and a table changed in place."""
    import json

    from rasa.core.policies.rule_policy import RulePolicy

    from bot.rasa_ext import rule_matching

    policy = RulePolicy.__new__(RulePolicy)  # matching needs no trained state
    start = {"user": {"intent": "greet"}}
    listen = {"prev_action": {"action_name": "action_listen"}, "user": {"intent": "ask_topic"}}
    with_slot = {"prev_action": {"action_name": "action_listen"}, "user": {"intent": "ask_topic"},
                 "slots": {"role": (1.0,)}}
    no_slot = {"prev_action": {"action_name": "action_listen"}, "user": {"intent": "ask_topic"},
               "slots": {"role": "should_not_be_set"}}
    after = {"prev_action": {"action_name": "utter_greet"}}
    greet_later = {"prev_action": {"action_name": "action_listen"}, "user": {"intent": "greet"}}
    rules = [[start], [listen], [with_slot], [no_slot], [after, listen], [start, after, listen],
             [{"prev_action": {"action_name": "action_listen"}, "user": {"intent": "crisis", "entities": ("x",)}}]]
    lookup = {json.dumps(rule, sort_keys=True): "utter_x" for rule in rules}
    conversations = [[], [start], [listen], [after, listen], [start, after, listen], [start, after, with_slot],
                     [{"prev_action": {"action_name": "action_listen"}, "user": {"intent": "crisis", "entities": ("x",)}}],
                     [after, {"prev_action": {"action_name": "action_listen"}, "user": {"intent": "crisis"}}],
                     # a start rule against a later turn (Rasa: not applicable), and a
                     # conversation longer than the longest rule whose oldest turn decides
                     [after, greet_later], [greet_later], [listen, after, listen], [after, listen, after, listen]]
    for states in conversations:
        assert rule_matching.get_possible_keys(policy, lookup, states) == rule_matching._ORIGINAL(policy, lookup, states)
    lookup.pop(json.dumps([listen], sort_keys=True))  # changed in place: prepared again
    lookup[json.dumps([after], sort_keys=True)] = "utter_y"
    for states in conversations:
        assert rule_matching.get_possible_keys(policy, lookup, states) == rule_matching._ORIGINAL(policy, lookup, states)
