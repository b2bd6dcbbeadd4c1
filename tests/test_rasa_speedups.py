"""Measured speed-ups of Rasa internals (bot/rasa_ext/*.py) give Rasa's own answers, are
installed only by ``python -m bot.rasa_server`` (bot/rasa_ext/speedups.py), and can be put
back. Tests that go through Rasa's own entry points run twice: with every speed-up
installed and with none (stock Rasa, as with COMPANION_RASA_SPEEDUPS=0)."""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
import sys
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from bot.rasa_ext import action_validation
from bot.rasa_ext import speedups as ext

ACTION = RemoteAction("action_answer_topic", None)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def verdict(func, result):
    try:
        return ("ok", func(ACTION, result))
    except ValidationError as exc:
        return ("error", exc.message, list(exc.path))


@contextlib.contextmanager
def speedups_state(on: bool):
    """Every speed-up installed (``on``) or none; what was installed before is put back."""
    before = ext.installed()
    ext.install() if on else ext.uninstall()
    try:
        yield on
    finally:
        ext.uninstall()
        for name in before:
            ext._module(name).install()


@pytest.fixture(params=["on", "off"])
def speedups(request):
    """True: Rasa as ``python -m bot.rasa_server`` runs it; False: stock Rasa."""
    with speedups_state(request.param == "on") as on:
        yield on


@pytest.fixture
def speedups_on():
    with speedups_state(True):
        yield


# -- installation: one explicit place, version guard, switch, log line, undo ---------------

# Every replaced attribute, as (module, class, attribute) -- the nine the issue lists.
REPLACED = [
    ("rasa.utils.endpoints", "EndpointConfig", "session"),
    ("rasa.core.actions.action", "RemoteAction", "_validate_action_result"),
    ("rasa.shared.core.events", "Event", "resolve_by_type"),
    ("rasa.engine.runner.dask", "DaskGraphRunner", "run"),
    ("rasa.shared.nlu.training_data.features", "Features", "_combine_sparse_features"),
    ("rasa.utils.tensorflow.models", "RasaModel", "_rasa_predict"),
    ("rasa.shared.core.domain", "Domain", "is_empty"),
    ("rasa.core.policies.rule_policy", "RulePolicy", "_get_possible_keys"),
    ("rasa.shared.core.trackers", "DialogueStateTracker", "past_states"),
]

FRESH_PROCESS = textwrap.dedent("""
    import importlib, json, sys
    replaced = json.loads(sys.argv[1])
    def current():
        return [vars(getattr(importlib.import_module(m), c))[a] for m, c, a in replaced]
    stock = current()
    # what Rasa imports from endpoints*.yml, and the package itself
    import bot.rasa_ext, bot.rasa_ext.tracker_store, bot.rasa_ext.lock_store
    untouched = all(x is y for x, y in zip(current(), stock))
    from bot.rasa_ext import speedups
    patched = speedups.install()
    changed = [x is not y for x, y in zip(current(), stock)]
    speedups.uninstall()
    restored = [x is y for x, y in zip(current(), stock)]
    print(json.dumps({"untouched": untouched, "patched": patched, "changed": changed, "restored": restored,
                      "installed_after": speedups.installed()}))
""")


@pytest.mark.integration  # a fresh Python process importing Rasa
def test_importing_our_stores_patches_nothing_and_every_patch_can_be_undone():
    import json

    result = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", FRESH_PROCESS, json.dumps(REPLACED)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": ROOT},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["untouched"] is True
    assert seen["patched"] == [f"{c}.{a}" for _, c, a in REPLACED]
    assert seen["changed"] == [True] * 9
    assert seen["restored"] == [True] * 9, "uninstall() must put back Rasa's own objects"
    assert seen["installed_after"] == []


@pytest.fixture
def clean_rasa():
    with speedups_state(False):
        yield


def _records(caplog):
    return [r for r in caplog.records if r.name == "bot.rasa_ext.speedups"]


def test_server_start_installs_all_on_the_verified_rasa_and_says_so_once(clean_rasa, caplog):
    caplog.set_level(logging.INFO, logger="bot.rasa_ext.speedups")
    patched = ext.install_for_server(environ={}, version="3.6.21")
    assert ext.installed() == list(ext.MODULES)
    assert patched == [f"{c}.{a}" for _, c, a in REPLACED]
    [record] = _records(caplog)
    assert record.levelno == logging.INFO
    assert all(name in record.getMessage() for name in patched) and "3.6.21" in record.getMessage()
    assert ext.install_for_server(environ={"COMPANION_RASA_SPEEDUPS": "1"}, version="3.6.21") == patched


@pytest.mark.parametrize("version", ["3.6.20", "3.7.0", "3.6.21.post1", "unknown"])
def test_another_rasa_version_runs_stock_rasa_with_a_warning(clean_rasa, caplog, version):
    caplog.set_level(logging.INFO, logger="bot.rasa_ext.speedups")
    assert ext.install_for_server(environ={}, version=version) == []
    assert ext.installed() == []
    [record] = _records(caplog)
    assert record.levelno == logging.WARNING and "3.6.21" in record.getMessage() and "stock Rasa" in record.getMessage()


def test_the_switch_runs_stock_rasa(clean_rasa, caplog):
    caplog.set_level(logging.INFO, logger="bot.rasa_ext.speedups")
    assert ext.install_for_server(environ={"COMPANION_RASA_SPEEDUPS": "0"}, version="3.6.21") == []
    assert ext.installed() == []
    [record] = _records(caplog)
    assert record.levelno == logging.INFO and "COMPANION_RASA_SPEEDUPS=0" in record.getMessage()


@pytest.mark.parametrize("value", ["yes", "2", "off", "\x00", "<b>1</b>", pytest.param("1" * 10_000, id="huge")])
def test_a_wrong_switch_value_is_refused_by_name(clean_rasa, value):
    with pytest.raises(ValueError, match="COMPANION_RASA_SPEEDUPS must be 1 .* or 0"):
        ext.install_for_server(environ={"COMPANION_RASA_SPEEDUPS": value}, version="3.6.21")
    assert ext.installed() == []


def test_entry_point_installs_then_runs_rasa_run_with_the_same_arguments(clean_rasa, monkeypatch):
    import rasa.__main__

    from bot import rasa_server

    seen = {}
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    monkeypatch.setattr(rasa_server, "_log_to_stderr", lambda: None)
    monkeypatch.setattr(rasa.__main__, "main", lambda: seen.update(argv=list(sys.argv), installed=ext.installed()))
    monkeypatch.delenv("COMPANION_RASA_SPEEDUPS", raising=False)
    rasa_server.main(["--enable-api", "-p", "5999", "-m", "models/companion.tar.gz"])
    assert seen == {
        "argv": ["rasa", "run", "--enable-api", "-p", "5999", "-m", "models/companion.tar.gz"],
        "installed": list(ext.MODULES),
    }
    ext.uninstall()
    monkeypatch.setenv("COMPANION_RASA_SPEEDUPS", "0")
    rasa_server.main(["--enable-api"])
    assert seen == {"argv": ["rasa", "run", "--enable-api"], "installed": []}
    monkeypatch.setenv("COMPANION_RASA_SPEEDUPS", "maybe")
    with pytest.raises(SystemExit, match="COMPANION_RASA_SPEEDUPS must be"):
        rasa_server.main(["--enable-api"])


@pytest.mark.integration  # a fresh Python process importing Rasa
def test_entry_point_is_rasas_command_line_and_logs_the_line():
    """The real thing in a fresh process: Rasa's own `rasa run` parser answers, after our line."""
    result = subprocess.run(
        [sys.executable, "-W", "ignore", "-m", "bot.rasa_server", "--help"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": ROOT, "COMPANION_RASA_SPEEDUPS": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.startswith("usage: rasa run") and "--enable-api" in result.stdout
    lines = [line for line in result.stderr.splitlines() if "bot.rasa_ext.speedups" in line]
    assert len(lines) == 1 and " INFO " in lines[0] and "DaskGraphRunner.run" in lines[0], result.stderr[-3000:]


# -- the cached action-response validator (bot/rasa_ext/action_validation.py) ---------------


CASES = [
    {"events": [], "responses": []},
    {
        "events": [{"event": "slot", "name": "last_topic", "value": "biopsy:general"}],
        "responses": [{"text": "A biopsy...", "buttons": [{"title": "Tell me more", "payload": "/affirm"}]}],
    },
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
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["event", "name", "text", "value", "x"]), inner, max_size=3)
    ),
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


EVENT_NAMES = [
    branch["properties"]["event"]["const"]
    for branch in RemoteAction.action_response_format_spec()["properties"]["events"]["items"]["oneOf"]
]
event_fields = st.dictionaries(
    st.sampled_from(
        [
            "name",
            "value",
            "text",
            "timestamp",
            "metadata",
            "entities",
            "parse_data",
            "policy",
            "confidence",
            "hide_rule_turn",
            "input_channel",
        ]
    ),
    json_values | st.floats(allow_nan=False) | st.just([{"entity": "e", "value": 1, "start": 0}]),
    max_size=4,
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(EVENT_NAMES + ["not_an_event", ""]) | json_values, event_fields), max_size=4))
def test_same_verdict_on_events_of_every_type(events):
    # every event type of the schema, with fields of the right and the wrong types
    result = {"events": [{"event": name, **fields} for name, fields in events]}
    assert verdict(action_validation.validate_action_result, result) == verdict(action_validation._ORIGINAL, result)


def test_valid_responses_skip_the_full_validator_and_invalid_ones_get_rasas_error(monkeypatch):
    full = action_validation.response_validator()
    calls = []
    monkeypatch.setattr(
        full, "iter_errors", lambda instance: calls.append(instance) or type(full).iter_errors(full, instance)
    )
    valid = {
        "events": [{"event": name} for name in EVENT_NAMES if name not in ("slot", "entities")]
        + [{"event": "slot", "name": "last_topic", "value": None}, {"event": "entities", "entities": []}],
        "responses": [{"text": "hello"}],
    }
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


def test_event_lookup_is_rasas_answer_for_every_event_type(speedups):
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    from bot.rasa_ext import event_lookup

    assert (Event.resolve_by_type is event_lookup.resolve_by_type) is speedups
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
        seen["connections"].add(request.transport.get_extra_info("peername"))  # one per TCP connection
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


async def test_action_calls_reuse_one_connection(speedups):
    from rasa.utils.endpoints import EndpointConfig

    from bot.rasa_ext import action_client

    assert (EndpointConfig.session is action_client.shared_session) is speedups
    runner, port, seen = await _start_counting_server()
    try:
        for _ in range(5):
            assert await _endpoint(port).request(json={"next_action": "x"}, method="post") == {
                "events": [],
                "responses": [{"text": "ok"}],
            }
        assert seen["requests"] == 5
        # Rasa's own session opens one connection per call
        assert len(seen["connections"]) == (1 if speedups else 5)
    finally:
        await action_client.close_sessions()
        await runner.cleanup()


async def test_action_server_restart_is_survived(speedups):
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


async def test_errors_are_rasas(speedups):
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
    """(the run Rasa calls now, Rasa's own run)."""
    from bot.rasa_ext import graph_runner

    return runner.run(**kwargs), graph_runner._ORIGINAL_RUN(runner, **kwargs)


@pytest.mark.parametrize(
    "text",
    [
        "what does palbociclib do",
        "I want to end it all",
        "fever of 38.5 on chemo",
        "hello",
        "",
        "/affirm",
        "🙂" * 40,
        "<script>alert(1)</script>'; DROP TABLE users;--",
    ],
)
def test_parse_graph_gives_rasas_answer(trained_agent, text, speedups):
    from rasa.core.channels import UserMessage
    from rasa.engine.runner.dask import DaskGraphRunner

    from bot.rasa_ext import graph_runner

    assert (DaskGraphRunner.run is graph_runner.run) is speedups
    processor = trained_agent.processor
    target = processor.model_metadata.nlu_target
    ours, rasas = _both_runners(processor.graph_runner, inputs={"__message__": [UserMessage(text)]}, targets=[target])
    assert ours.keys() == rasas.keys() == {target}
    ours_msg, rasa_msg = ours[target][0], rasas[target][0]
    assert ours_msg.get("intent") == rasa_msg.get("intent")
    assert ours_msg.get("intent_ranking") == rasa_msg.get("intent_ranking")
    assert ours_msg.get("entities") == rasa_msg.get("entities")


async def test_prediction_graph_gives_rasas_answer(trained_agent, speedups):
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
    for position, (_, _, needs) in enumerate(graph_runner.execution_plan(runner, target)):
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
@given(
    rows=st.integers(1, 12),
    left_cols=st.integers(1, 40),
    right_cols=st.integers(1, 3000),
    density=st.floats(0.0, 1.0),
    formats=st.sampled_from(["coo", "csr", "csc", "lil"]),
    right_format=st.sampled_from(["coo", "csr", "csc"]),
    dtypes=st.sampled_from([("float32", "float32"), ("float64", "float32"), ("int64", "float32"), ("float32", "int8")]),
    seed=st.integers(0, 2**16),
)
def test_sparse_join_is_scipys_hstack(rows, left_cols, right_cols, density, formats, right_format, dtypes, seed):
    import scipy.sparse

    from bot.rasa_ext.nlu_inference import hstack_coo

    left = scipy.sparse.random(rows, left_cols, density=density, format=formats, dtype=dtypes[0], random_state=seed)
    right = scipy.sparse.random(
        rows, right_cols, density=density / 3, format=right_format, dtype=dtypes[1], random_state=seed + 1
    )
    _same_sparse(hstack_coo(left, right), scipy.sparse.hstack([left, right]))


def test_sparse_join_refuses_what_rasa_refuses(speedups):
    import numpy as np
    import scipy.sparse
    from rasa.shared.nlu.training_data.features import Features

    from bot.rasa_ext import nlu_inference

    assert (Features._combine_sparse_features is nlu_inference._combine_sparse_features) is speedups
    one = Features(scipy.sparse.coo_matrix(np.ones((2, 3))), "sequence", "text", "a")
    other = Features(scipy.sparse.coo_matrix(np.ones((3, 3))), "sequence", "text", "b")
    for combine in (
        nlu_inference._combine_sparse_features,
        nlu_inference._ORIGINAL_COMBINE_SPARSE,
        Features._combine_sparse_features,
    ):
        with pytest.raises(ValueError, match="sequence dimensions do not match: 2 != 3"):
            combine(one, other)


PARSE_CASES = [
    "what does palbociclib do",
    "I want to end it all",
    "fever of 38.5 on chemo",
    "my letrozole",
    "hello",
    "",
    "/affirm",
    "🙂" * 40,
    "<script>alert(1)</script>'; DROP TABLE users;--",
    "x" * 3000,
    "how do i prepare for the bone marrow biopsy",
    "about a 6",
]


async def test_parses_are_rasas_to_the_last_digit(trained_agent, speedups):
    """Intent, confidences, ranking and entities of the real model as it runs now and with
    stock Rasa."""
    import json

    ours = [await trained_agent.parse_message(text) for text in PARSE_CASES]
    ext.uninstall()  # the fixture puts back what was there
    rasas = [await trained_agent.parse_message(text) for text in PARSE_CASES]
    assert json.dumps(ours, sort_keys=True) == json.dumps(rasas, sort_keys=True)
    assert [p["intent"]["name"] for p in ours][:2] == ["ask_treatment", "crisis"]


async def test_model_outputs_are_rasas_and_the_concrete_function_is_reused(trained_agent, monkeypatch, speedups_on):
    import numpy as np
    from rasa.nlu.classifiers.diet_classifier import DIETClassifier

    from bot.rasa_ext import nlu_inference

    nodes = trained_agent.processor.graph_runner._instantiated_nodes.values()
    model = next(node._component for node in nodes if isinstance(node._component, DIETClassifier)).model
    seen = []
    real_run_inference = model.run_inference
    monkeypatch.setattr(
        model, "run_inference", lambda data, *a, **k: seen.append(data) or real_run_inference(data, *a, **k)
    )
    await trained_agent.parse_message("what does palbociclib do")
    model_data = seen[-1]
    ours = model.run_inference(model_data)
    concrete = model.__dict__["_companion_concrete"][1]
    model.run_inference(model_data)
    assert model.__dict__["_companion_concrete"][1] is concrete
    nlu_inference.uninstall()  # the fixture puts it back
    rasas = model.run_inference(model_data)
    assert ours.keys() == rasas.keys() and "i_scores" in ours
    for key in ours:
        if isinstance(ours[key], np.ndarray):
            assert ours[key].dtype == rasas[key].dtype and np.array_equal(ours[key], rasas[key]), key
        else:
            assert type(ours[key]) is type(rasas[key]), key


def test_domain_emptiness_is_rasas_answer(trained_agent, speedups):
    from rasa.shared.core.domain import Domain

    from bot.rasa_ext import nlu_inference

    assert (Domain.is_empty is nlu_inference._is_empty) is speedups
    assert trained_agent.domain.is_empty() is nlu_inference._ORIGINAL_IS_EMPTY(trained_agent.domain) is False
    assert Domain.empty().is_empty() is nlu_inference._ORIGINAL_IS_EMPTY(Domain.empty()) is True


# -- past states computed once per tracker state (bot/rasa_ext/tracker_states.py) -----------


async def test_past_states_are_rasas_after_every_event(trained_agent, speedups):
    """A real conversation: after each event, every argument combination the policies use
    gives Rasa's states, on the first call and on the repeated (kept) one."""
    from rasa.core.channels import UserMessage
    from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.rasa_ext import tracker_states

    assert (DialogueStateTracker.past_states is tracker_states.past_states) is speedups
    processor = trained_agent.processor
    domain = processor.domain
    tracker = await processor.fetch_tracker_and_update_session("past-states-equivalence")
    rule_only = {"slots": ["requested_slot"], "loops": ["checkin_form"]}
    variants = [{}, {"ignore_rule_only_turns": True, "rule_only_data": rule_only}, {"omit_unset_slots": True}]
    events = []
    for text in ["hi", "what does palbociclib do", "about a 6", "I want to end it all"]:
        parsed = await processor.parse_message(UserMessage(text))
        events += [
            UserUttered(text, parsed["intent"], parsed["entities"], parse_data=parsed),
            ActionExecuted("utter_greet"),
            SlotSet("last_topic", text),
            ActionExecuted("action_listen"),
        ]
    for event in events:
        tracker.update(event)
        for kwargs in variants:
            expected = tracker_states._ORIGINAL_PAST_STATES(tracker, domain, **kwargs)
            assert tracker.past_states(domain, **kwargs) == expected
            assert tracker.past_states(domain, **kwargs) == expected  # the kept result


async def test_past_states_callers_cannot_change_the_kept_result(trained_agent, speedups):
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


async def test_past_states_are_recomputed_for_a_new_event_or_a_rewound_tracker(trained_agent, speedups):
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


async def test_rule_matching_is_rasas_after_every_event(trained_agent, speedups):
    """A real conversation through a form and a crisis: after each event, for both of
    RulePolicy's tables and both of its ways of reading the last user turn (text, intent),
    the applicable rules are Rasa's."""
    from rasa.core.channels import UserMessage
    from rasa.core.policies.rule_policy import RulePolicy
    from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet, UserUttered

    from bot.rasa_ext import rule_matching

    assert (RulePolicy._get_possible_keys is rule_matching.get_possible_keys) is speedups
    processor = trained_agent.processor
    policy = _rule_policy(trained_agent)
    tracker = await processor.fetch_tracker_and_update_session("rule-matching-equivalence")
    events = []
    for text, action in [
        ("hi", "utter_greet"),
        ("what does palbociclib do", "action_answer_topic"),
        ("I'd like to check in", "checkin_form"),
        ("about a 6", "checkin_form"),
        ("I want to end it all", "utter_crisis"),
        ("/affirm", "action_listen"),
    ]:
        parsed = await processor.parse_message(UserMessage(text))
        events += [UserUttered(text, parsed["intent"], parsed["entities"], parse_data=parsed), ActionExecuted(action)]
        if action == "checkin_form":
            events += [ActiveLoop("checkin_form"), SlotSet("requested_slot", "distress_score")]
        events.append(ActionExecuted("action_listen"))
    compared = set()
    for event in events:
        tracker.update(event)
        for use_text in (True, False):
            states = policy._prediction_states(
                tracker, processor.domain, use_text, rule_only_data=policy._get_rule_only_data()
            )
            for table in ("rules", "rules_for_loop_unhappy_path"):
                lookup = policy.lookup[table]
                ours = policy._get_possible_keys(lookup, states)  # what Rasa calls now
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
    with_slot = {
        "prev_action": {"action_name": "action_listen"},
        "user": {"intent": "ask_topic"},
        "slots": {"role": (1.0,)},
    }
    no_slot = {
        "prev_action": {"action_name": "action_listen"},
        "user": {"intent": "ask_topic"},
        "slots": {"role": "should_not_be_set"},
    }
    after = {"prev_action": {"action_name": "utter_greet"}}
    greet_later = {"prev_action": {"action_name": "action_listen"}, "user": {"intent": "greet"}}
    rules = [
        [start],
        [listen],
        [with_slot],
        [no_slot],
        [after, listen],
        [start, after, listen],
        [{"prev_action": {"action_name": "action_listen"}, "user": {"intent": "crisis", "entities": ("x",)}}],
    ]
    lookup = {json.dumps(rule, sort_keys=True): "utter_x" for rule in rules}
    conversations = [
        [],
        [start],
        [listen],
        [after, listen],
        [start, after, listen],
        [start, after, with_slot],
        [{"prev_action": {"action_name": "action_listen"}, "user": {"intent": "crisis", "entities": ("x",)}}],
        [after, {"prev_action": {"action_name": "action_listen"}, "user": {"intent": "crisis"}}],
        # a start rule against a later turn (Rasa: not applicable), and a
        # conversation longer than the longest rule whose oldest turn decides
        [after, greet_later],
        [greet_later],
        [listen, after, listen],
        [after, listen, after, listen],
    ]
    for states in conversations:
        assert rule_matching.get_possible_keys(policy, lookup, states) == rule_matching._ORIGINAL(
            policy, lookup, states
        )
    lookup.pop(json.dumps([listen], sort_keys=True))  # changed in place: prepared again
    lookup[json.dumps([after], sort_keys=True)] = "utter_y"
    for states in conversations:
        assert rule_matching.get_possible_keys(policy, lookup, states) == rule_matching._ORIGINAL(
            policy, lookup, states
        )
