"""Staff see why a message was flagged (issue 18): the safety rule id (or "model" /
"semantic.*") travels from the NLU parse result through action_escalate, the escalation
service and the spool to ``escalations.basis`` (migration 0008), merges keep every basis,
and the console page and JSON API show each with the rule's plain-English rationale."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
from alembic import command
from markupsafe import escape
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from sqlalchemy import select

from actions import common
from actions.escalation import ActionEscalate, ActionRequestHuman
from bot.console.basis import NOT_A_RULE, UNKNOWN, explain
from bot.db.models import Escalation
from bot.db.session import alembic_config, dispose_engines, make_engine, session_scope, upgrade
from bot.escalation import service as escalations
from bot.safety.component import apply_finding, apply_semantic_reading
from bot.safety.detector import assess
from bot.safety.rules import catalogue
from tests.action_harness import ent, run, tracker
from tests.test_console_api import (  # noqa: F401 - pytest fixtures
    BEARER,
    add_escalation,
    client,
    client_factory,
    fake_rasa,
    login,
    staff_accounts,
)

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
RATIONALE = {rule["id"]: rule["rationale"] for rule in catalogue()}
LETHAL = "how many of my oxycodone would be a lethal dose"
FEVER = "my temperature is 38.5 and I am on chemo"


def parsed(text: str, intent: str = "out_of_scope") -> dict:
    """The parse result the Rasa server hands the action server, made by the real safety
    component on the real detector's finding."""
    message = Message(data={TEXT: text, INTENT: {"name": intent, "confidence": 0.6}, ENTITIES: []})
    apply_finding(message, assess(text))
    return {"text": text, **message.as_dict(only_output_properties=True)}


def _tracker_for(latest: dict, sender="user-1"):
    t = tracker(latest["text"], latest["intent"]["name"], latest.get("entities"), sender=sender)
    t.latest_message.update(latest)
    return t


def _rows(url):
    with session_scope(url) as s:
        return [(e.reason, e.basis) for e in s.execute(select(Escalation).order_by(Escalation.id)).scalars()]


# --- action: the parse result reaches the row ------------------------------------------------


async def test_rule_id_of_a_detector_crisis_reaches_the_escalation(action_db):
    latest = parsed(LETHAL)
    assert latest["safety"]["rule_id"] == "crisis.method.lethal_dose"  # the component's own output
    await run(ActionEscalate(), _tracker_for(latest))
    assert _rows(action_db) == [("crisis", ["crisis.method.lethal_dose"])]


async def test_urgent_rule_then_crisis_rule_from_one_person_keep_both(action_db):
    await run(ActionEscalate(), _tracker_for(parsed(FEVER)))
    await run(ActionEscalate(), _tracker_for(parsed(LETHAL)))
    assert _rows(action_db) == [("crisis", ["urgent.fever.temperature_reading", "crisis.method.lethal_dose"])]


async def test_model_only_crisis_and_urgent_are_marked_model(action_db):
    crisis = tracker(
        "i don't see the point any more",
        "crisis",
        [ent("crisis_about", "self"), ent("crisis_basis", "model")],
        sender="a",
    )
    await run(ActionEscalate(), crisis)
    urgent = tracker("something feels very wrong", "urgent_symptom", [ent("red_flag", "general")], sender="b")
    await run(ActionEscalate(), urgent)
    assert _rows(action_db) == [("crisis", ["model"]), ("urgent_symptom", ["model"])]


async def test_semantic_reader_catch_is_named(action_db):
    class Catch:  # a reading that says "urgent"; the component decides what to set
        def veto(self):
            return False

        def catch(self):
            return "urgent_symptom"

        def as_dict(self):
            return {"urgent": 0.9}

    message = Message(
        data={TEXT: "my legs went all funny", INTENT: {"name": "out_of_scope", "confidence": 0.1}, ENTITIES: []}
    )
    apply_semantic_reading(message, Catch())
    latest = {"text": "my legs went all funny", **message.as_dict(only_output_properties=True)}
    await run(ActionEscalate(), _tracker_for(latest))
    assert _rows(action_db) == [("urgent_symptom", ["semantic.urgent_symptom"])]


async def test_no_basis_when_nothing_flagged_it_and_a_bad_rule_id_is_not_stored(action_db):
    await run(ActionRequestHuman(), tracker("can i talk to a person", "request_human", sender="a"))
    bad = tracker("x", "crisis", [ent("crisis_basis", "detector")], sender="b")
    bad.latest_message["safety"] = {"kind": "crisis", "rule_id": "<script>alert(1)</script>"}
    messages, _ = await run(ActionEscalate(), bad)
    assert "support team" in messages[0]["text"]  # the escalation is never lost over it
    assert _rows(action_db) == [("request_human", None), ("crisis", None)]


async def test_basis_survives_the_spool_when_the_database_is_down(tmp_path, monkeypatch, action_db):
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    common.settings.cache_clear()
    await run(ActionEscalate(), _tracker_for(parsed(LETHAL)))
    spooled = list((tmp_path / "var" / "spool").rglob("*.json"))
    assert len(spooled) == 1
    assert json.loads(spooled[0].read_text())["record"]["basis"] == "crisis.method.lethal_dose"
    monkeypatch.setenv("DATABASE_URL", action_db)
    common.settings.cache_clear()
    assert escalations.drain_spool(common.settings()) == 1
    assert _rows(action_db) == [("crisis", ["crisis.method.lethal_dose"])]


# --- service: merges keep every basis --------------------------------------------------------


def _open(session, key, reason, basis, now=T0):
    return escalations.open_escalation(
        session,
        user_key=key,
        channel="telegram",
        severity=escalations.severity_for(reason),
        reason=reason,
        excerpt="text",
        now=now,
        dedup_minutes=30,
        basis=basis,
    )


def test_merge_keeps_every_basis_once_in_order(db_url, make_key):
    key = make_key("p")
    with session_scope(db_url) as s:
        _open(s, key, "urgent_symptom", "urgent.fever.rigors")
        _open(s, key, "crisis", "model", T0 + timedelta(minutes=1))
        _open(s, key, "crisis", "urgent.fever.rigors", T0 + timedelta(minutes=2))
        _open(s, key, "request_human", None, T0 + timedelta(minutes=3))
        esc, created = _open(s, key, "crisis", "crisis.plan.has_a_plan", T0 + timedelta(minutes=4))
        assert not created
    with session_scope(db_url) as s:
        esc = s.execute(select(Escalation)).scalar_one()
        assert esc.basis == ["urgent.fever.rigors", "model", "crisis.plan.has_a_plan"]
        assert esc.reasons == ["crisis", "urgent_symptom", "request_human"] and esc.occurrences == 5
        # outside the dedup window: a new escalation with only its own basis
        _open(s, key, "crisis", None, T0 + timedelta(hours=2))
    assert _rows(db_url)[1] == ("crisis", None)


def test_basis_is_validated_and_capped(db_url, make_key):
    with session_scope(db_url) as s:
        for bad in ("", "Crisis.X", "a b", "x" * 81, "crisis.'; drop table escalations;--", 7):
            with pytest.raises(ValueError):
                _open(s, make_key("v"), "crisis", bad)
    key = make_key("w")
    with session_scope(db_url) as s:
        for i in range(escalations.BASIS_MAX_ITEMS + 3):
            _open(s, key, "crisis", f"rule.n{i}", T0 + timedelta(seconds=i))
    with session_scope(db_url) as s:
        basis = s.execute(select(Escalation.basis)).scalar_one()
    assert basis == [f"rule.n{i}" for i in range(3, escalations.BASIS_MAX_ITEMS + 3)]


# --- migration 0008 ---------------------------------------------------------------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'm.db'}"
    return request.getfixturevalue("fresh_pg_database")()


def test_migration_adds_a_null_basis_and_downgrades(empty_url):
    upgrade(empty_url, "0007")
    engine = make_engine(empty_url)
    try:
        with engine.begin() as conn:
            conn.execute(
                sa.text("INSERT INTO users (id, user_key, channel, created_at) VALUES (1, :k, 'telegram', :t)"),
                {"k": "k" * 64, "t": T0},
            )
            conn.execute(
                sa.text(
                    "INSERT INTO escalations (id, user_id, severity, reason, reasons, status, channel, occurrences, "
                    "created_at, updated_at, last_seen_at) VALUES (1, 1, 'critical', 'crisis', '[\"crisis\"]', "
                    "'open', 'telegram', 1, :t, :t, :t)"
                ),
                {"t": T0},
            )
        upgrade(empty_url)
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT basis FROM escalations")).scalar_one() is None
        with session_scope(empty_url) as s:  # the model reads the old row: no basis
            assert s.get(Escalation, 1).basis is None
        command.downgrade(alembic_config(empty_url), "0007")
        with engine.connect() as conn:
            assert "basis" not in {c["name"] for c in sa.inspect(conn).get_columns("escalations")}
            assert conn.execute(sa.text("SELECT count(*) FROM escalations")).scalar() == 1
    finally:
        engine.dispose()
        dispose_engines(empty_url)


# --- console: staff read why -------------------------------------------------------------------


def test_explain_names_rules_semantic_model_and_unknown():
    rule, model, semantic, gone = explain(["crisis.method.lethal_dose", "model", "semantic.crisis", "old.rule"])
    assert rule == {
        "id": "crisis.method.lethal_dose",
        "source": "rule",
        "kind": "crisis",
        "category": "method",
        "rationale": RATIONALE["crisis.method.lethal_dose"],
        "review_item": "rule:crisis.method.lethal_dose",
    }
    assert (model["source"], model["rationale"]) == ("model", NOT_A_RULE["model"][1])
    assert (semantic["source"], semantic["kind"]) == ("semantic", "crisis")
    assert (gone["source"], gone["rationale"], gone["review_item"]) == ("unknown", UNKNOWN, None)
    assert explain(None) == []


async def test_detail_page_and_api_show_the_rationale(client, db_url, make_key):
    esc_id = add_escalation(db_url, make_key)
    with session_scope(db_url) as s:
        _open(s, make_key("person-1", "widget"), "crisis", "crisis.method.lethal_dose", datetime.now(timezone.utc))
        _open(s, make_key("person-1", "widget"), "crisis", "model", datetime.now(timezone.utc))
    plain = add_escalation(db_url, make_key, raw="person-2", reason="request_human")

    api = await (await client.get(f"/api/escalations/{esc_id}", headers=BEARER)).json()
    assert [b["id"] for b in api["basis"]] == ["crisis.method.lethal_dose", "model"]
    assert api["basis"][0]["rationale"] == RATIONALE["crisis.method.lethal_dose"]
    listed = await (await client.get("/api/escalations", headers=BEARER)).json()
    assert {e["id"]: len(e["basis"]) for e in listed["escalations"]} == {esc_id: 2, plain: 0}
    spec = await (await client.get("/api/openapi.json", headers=BEARER)).json()
    assert "basis" in spec["components"]["schemas"]["Escalation"]["properties"]

    await login(client)
    page = await (await client.get(f"/escalations/{esc_id}")).text()
    assert "Why it was flagged" in page
    assert str(escape(RATIONALE["crisis.method.lethal_dose"])) in page
    assert 'href="/content/rule:crisis.method.lethal_dose"' in page
    assert str(escape(NOT_A_RULE["model"][1])) in page
    other = await (await client.get(f"/escalations/{plain}")).text()
    assert "Why it was flagged" not in other


# --- the backstop (escalations the action path missed) carries the basis too ------------------


def test_backstop_records_the_basis_from_the_user_event(tmp_path, monkeypatch, db_url):
    from bot.config import load_settings
    from bot.escalation import backstop

    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("COMPANION_VAR_DIR", str(tmp_path / "var"))
    settings = load_settings()
    event = {
        "event": "user",
        "sender_id": "tg-abc",
        "text": LETHAL,
        "input_channel": "rest",
        "timestamp": T0.timestamp(),
        "parse_data": parsed(LETHAL),
    }
    record = backstop.record_from_event(event)
    assert record["basis"] == "crisis.method.lethal_dose"
    model_only = dict(
        event, parse_data={"intent": {"name": "crisis"}, "entities": [{"entity": "crisis_basis", "value": "model"}]}
    )
    assert backstop.record_from_event(model_only)["basis"] == "model"
    backstop.backstop_spool(settings).append(backstop.KIND, record)
    assert backstop.replay_backstop(settings) == 1
    assert _rows(db_url) == [("crisis", ["crisis.method.lethal_dose"])]
