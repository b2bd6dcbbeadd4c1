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
