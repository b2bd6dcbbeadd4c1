"""The detector's answer: a :class:`SafetyFinding` (crisis or urgent red flag) with the id of the rule that decided."""

from __future__ import annotations

from dataclasses import dataclass

CRISIS = "crisis"
URGENT = "urgent_symptom"


@dataclass(frozen=True)
class SafetyFinding:
    kind: str  # "crisis" or "urgent_symptom"
    category: str
    matched: str  # the (normalised) text span that triggered
    third_party: bool  # reported about someone else
    # The id of the catalogue rule that decided (bot/safety/rules), e.g. "crisis.method.lethal_dose".
    # Deliberately an attribute, not a dataclass field: findings compare equal on what they say, not on
    # which rule said it, and the field set (kind, category, matched, third_party) is a tested contract.
    rule_id = ""


def make_finding(kind: str, category: str, matched: str, third_party: bool, rule_id: str) -> SafetyFinding:
    finding = SafetyFinding(kind=kind, category=category, matched=matched, third_party=third_party)
    object.__setattr__(finding, "rule_id", rule_id)  # frozen: set once, here
    return finding
