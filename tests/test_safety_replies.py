"""The worker's crisis / urgent replies are the domain's own responses, chosen like Rasa
chooses them, in the order of the safety rules (bot/channels/safety_replies.py)."""

from __future__ import annotations

import pytest
import yaml

from bot.channels.safety_replies import (
    CRISIS_RESPONSES,
    DOMAIN_FILE,
    URGENT_RESPONSES,
    render,
    safety_slots,
    safety_texts,
)
from bot.config import PROJECT_ROOT
from bot.safety.detector import assess


def _variants(name):
    return yaml.safe_load(DOMAIN_FILE.read_text())["responses"][name]


def test_sequences_are_the_safety_rules():
    rules = yaml.safe_load((PROJECT_ROOT / "data" / "rules" / "rules.yml").read_text())["rules"]
    steps = {r["rule"]: [s["action"] for s in r["steps"] if "action" in s] for r in rules}
    assert steps["crisis gets crisis lines, then an escalation"] == [*CRISIS_RESPONSES, "action_escalate"]
    assert steps["urgent symptom gets emergency advice, then an escalation"] == [*URGENT_RESPONSES, "action_escalate"]


@pytest.mark.parametrize(
    "region, line",
    [
        ("UK", "116 123"),
        ("CA", "9-8-8"),
        ("AU", "13 11 14"),
        ("EU", "112"),
        ("US", "988"),
        (None, "988"),
        ("XX", "988"),
    ],
)
def test_crisis_lines_by_region(region, line):
    texts = safety_texts(assess("I want to end my life"), region)
    assert len(texts) == 2 and line in texts[1]
    assert texts[0] == next(v["text"] for v in _variants("utter_crisis") if not v.get("condition")).strip()


def test_someone_else_in_crisis_gets_the_third_party_text():
    finding = assess("my mum says she wants to kill herself")
    assert finding is not None and finding.third_party
    assert safety_slots(finding, "UK")["crisis_about"] == "other"
    first, lines = safety_texts(finding, "UK")
    assert first.startswith("Thank you for telling me") and "116 123" in lines


def test_urgent_fever_uses_the_region_threshold_and_emergency_number():
    finding = assess("I'm on chemo and my temperature is 38.9")
    assert finding is not None and finding.category == "neutropenic_fever"
    uk, uk_number = safety_texts(finding, "UK")
    us, us_number = safety_texts(finding, "US")
    assert "37.5 °C" in uk and "A&E" in uk and uk_number == "Emergency number: 999."
    assert "38.0 °C (100.4 °F)" in us and "acetaminophen" in us and "911" in us_number
    none, _ = safety_texts(finding, None)
    assert "many UK teams use 37.5" in none


def test_unknown_response_and_no_match():
    assert render("utter_does_not_exist", {}) is None
    assert render("utter_crisis_lines", {"region": "UK"}).startswith("- Samaritans")
