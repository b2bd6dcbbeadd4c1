"""The safety rule catalogue (bot/safety/rules/): every rule is named, explained, sourced, reviewable,
and its own examples hold through the whole detector.

``fires_on``: the detector must decide the message by exactly this rule (``finding.rule_id``).
``does_not_fire_on``: near misses (an idiom, a negation, a question, an exclusion) this rule must not
decide. A rule edited so that its examples no longer hold fails here, by id.
"""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.safety import assess
from bot.safety.finding import SafetyFinding
from bot.safety.rules import CRISIS_RULES, ORDER, URGENT_RULES, all_rules, catalogue
from bot.safety.rules.base import STATUSES

ROOT = Path(__file__).resolve().parents[1]
RULES = all_rules()
CRISIS_CATEGORIES = {"suicidal_ideation", "self_harm", "plan_or_intent", "method", "goodbye"}
URGENT_CATEGORIES = {
    "neutropenic_fever",
    "spinal_cord_compression",
    "hypercalcaemia",
    "bleeding",
    "breathlessness",
    "chest_pain",
    "fracture",
    "fainting",
    "confusion",
}
ID_PREFIX = {
    "suicidal_ideation": "crisis.ideation.",
    "self_harm": "crisis.self_harm.",
    "method": "crisis.method.",
    "plan_or_intent": "crisis.plan.",
    "goodbye": "crisis.goodbye.",
    "neutropenic_fever": "urgent.fever.",
    "spinal_cord_compression": "urgent.spinal.",
    "hypercalcaemia": "urgent.hypercalcaemia.",
    "confusion": "urgent.confusion.",
    "bleeding": "urgent.bleeding.",
    "breathlessness": "urgent.breathing.",
    "chest_pain": "urgent.chest.",
    "fracture": "urgent.fracture.",
    "fainting": "urgent.fainting.",
}

FIRES = [pytest.param(rule, text, id=f"{rule.id}|{text[:40]}") for rule in RULES for text in rule.fires_on]
NOT_FIRES = [pytest.param(rule, text, id=f"{rule.id}|{text[:40]}") for rule in RULES for text in rule.does_not_fire_on]


@pytest.mark.parametrize("rule,text", FIRES)
def test_rule_decides_its_fires_on_examples(rule, text):
    finding = assess(text)
    assert finding is not None, f"{rule.id} should fire on {text!r}"
    assert finding.rule_id == rule.id, f"{text!r} decided by {finding.rule_id}, not {rule.id}"
    assert finding.kind == rule.kind
    # a crisis about someone else is reported as third_party; a match with an intent cue becomes plan_or_intent
    allowed = {rule.category, "third_party", "plan_or_intent"} if rule.kind == "crisis" else {rule.category}
    assert finding.category in allowed


@pytest.mark.parametrize("rule,text", NOT_FIRES)
def test_rule_does_not_decide_its_near_misses(rule, text):
    finding = assess(text)
    assert finding is None or finding.rule_id != rule.id, f"{rule.id} must not decide {text!r}"


def test_ids_are_unique_stable_and_named_after_their_category():
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids)) == 185
    for rule in RULES:
        assert re.fullmatch(r"(crisis|urgent)\.[a-z_]+\.[a-z0-9_]+", rule.id), rule.id
        assert rule.id.startswith(ID_PREFIX[rule.category]), rule.id
        assert rule.kind == ("crisis" if rule.category in CRISIS_CATEGORIES else "urgent_symptom")
    assert {r.category for r in CRISIS_RULES} == CRISIS_CATEGORIES
    assert {r.category for r in URGENT_RULES} == URGENT_CATEGORIES


def test_evaluation_order_lists_every_crisis_rule_once():
    assert len(ORDER) == len(set(ORDER)) == len(CRISIS_RULES) == 159
    assert tuple(r.id for r in CRISIS_RULES) == ORDER


def test_every_rule_is_explained_sourced_reviewable_and_has_both_kinds_of_example():
    for rule in RULES:
        assert len(rule.rationale) >= 20 and not rule.rationale.startswith("TODO"), rule.id
        assert rule.fires_on and rule.does_not_fire_on, rule.id
        assert rule.sources, rule.id
        assert all(s.url.startswith("https://") and s.title for s in rule.sources), rule.id
        assert rule.review.status in STATUSES, rule.id
        if rule.review.status == "reviewed":  # a sign-off names who, when, and the revision it applies to
            assert rule.review.reviewer and re.fullmatch(r"\d{4}-\d{2}-\d{2}", rule.review.date), rule.id
        if rule.check is not None:  # vetoes are named, documented functions, not lambdas
            assert rule.check.__name__ != "<lambda>" and rule.check.__doc__, rule.id


def test_catalogue_lists_every_rule_as_plain_data():
    rows = catalogue()
    assert [r["id"] for r in rows] == [rule.id for rule in RULES]
    json.dumps(rows)  # plain data, ready for a review sheet
    row = next(r for r in rows if r["id"] == "crisis.method.lethal_dose")
    assert row["category"] == "method" and row["kind"] == "crisis"
    assert row["file"] == "bot/safety/rules/crisis_method_medicine.py"
    assert "what is a lethal dose" in row["examples"]["fires_on"]
    assert row["review"]["status"] == "pending" and row["review"]["current"] is False
    assert row["sources"] and row["rationale"].startswith("A lethal")
    rigors = next(r for r in rows if r["id"] == "urgent.fever.rigors")
    assert {"kind": "sentence", "detail": rigors["exclusions"][0]["detail"]} in rigors["exclusions"]
    assert "hot flush" in rigors["exclusions"][0]["detail"]


def test_findings_carry_the_deciding_rule_id_without_changing_equality_or_fields():
    finding = assess("what is a lethal dose")
    assert finding.rule_id == "crisis.method.lethal_dose"
    assert assess("my temp is 38.2").rule_id == "urgent.fever.temperature_reading"
    assert assess("She's confused and drowsy").rule_id == "urgent.hypercalcaemia.two_signs"
    plain = SafetyFinding(
        kind=finding.kind, category=finding.category, matched=finding.matched, third_party=finding.third_party
    )
    assert finding == plain and plain.rule_id == ""
    assert {f.name for f in dataclasses.fields(SafetyFinding)} == {"kind", "category", "matched", "third_party"}
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.rule_id = "x"  # type: ignore[misc]


def test_detector_stays_stdlib_only_so_it_works_with_everything_else_down():
    code = (
        "import sys; import bot.safety.detector, bot.safety.rules; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'sqlalchemy', 'rasa', 'aiohttp', 'redis', 'yaml', 'telegram', 'psycopg2', 'asyncpg'}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert out.stdout.strip() == "[]"


def test_no_safety_module_over_800_lines():
    for path in sorted((ROOT / "bot" / "safety").rglob("*.py")):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 800, path


def test_the_nlu_component_reports_the_deciding_rule_to_staff():
    from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
    from rasa.shared.nlu.training_data.message import Message

    from bot.safety.component import SafetyOverride

    message = Message(data={TEXT: "can you overdose on paracetamol?"})
    message.set(INTENT, {"name": "ask_medication", "confidence": 0.9}, add_to_output=True)
    message.set(ENTITIES, [], add_to_output=True)
    SafetyOverride().process([message])
    assert message.get(INTENT)["name"] == "crisis"
    assert message.get("safety")["rule_id"] == "crisis.method.lethal_dose"


def test_hazard_log_cites_only_code_and_tests_that_exist():
    log = (ROOT / "docs" / "clinical-safety" / "hazard-log.md").read_text(encoding="utf-8")
    cited = re.findall(r"`((?:bot|tests)/[\w/]+\.py)::(\w+)`", log)
    assert len(cited) > 60
    for path, name in cited:
        source = (ROOT / path).read_text(encoding="utf-8")
        assert re.search(rf"^\s*(?:async def|def|class) {name}\b", source, re.M), f"{path}::{name} not found"
    for hazard in (
        "H1 Missed crisis",
        "H2 False alarm",
        "H3 Wrong triage",
        "H4 Outdated",
        "H5 Alert not seen",
        "H6 Message lost",
        "H7 Data leak",
    ):
        section = log.split(f"## {hazard}")[1].split("\n## ")[0]
        assert re.search(r"`bot/[\w/]+\.py::\w+`", section) and re.search(r"`tests/[\w/]+\.py::\w+`", section), hazard
