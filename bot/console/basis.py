"""Why a message was flagged, in plain English for staff (issue 18).

An escalation's ``basis`` is a list of short identifiers stored by the assistant: a
safety rule id from the catalogue (bot/safety/rules), "semantic.crisis" /
"semantic.urgent_symptom" (the semantic second reader) or "model" (the NLU classifier
alone). Staff should read why, not just an id, so each becomes the rule's rationale as
the catalogue states it (read-only here), with a link to the rule's review page.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, List, Optional

from bot.safety.rules import catalogue

# Bases that are not catalogue rules: what decided, said so that staff can weigh it.
NOT_A_RULE = {
    "model": (
        "model",
        "The language model alone classed this message as a crisis or urgent "
        "symptom; no safety rule matched. Read the conversation to judge it.",
    ),
    "semantic.crisis": (
        "semantic",
        "No safety rule matched, but the message reads very like the "
        "crisis examples the assistant was trained on (the semantic "
        "second reader), so it was treated as a possible crisis.",
    ),
    "semantic.urgent_symptom": (
        "semantic",
        "No safety rule matched, but the message reads very like "
        "the urgent-symptom examples the assistant was trained on "
        "(the semantic second reader), so it got the urgent advice.",
    ),
}
UNKNOWN = "No explanation on record for this identifier (a rule that has since been renamed or removed)."


@lru_cache(maxsize=1)
def _rules() -> Dict[str, Dict[str, Any]]:
    """The catalogue by rule id (built once per process: rules are code)."""
    return {rule["id"]: rule for rule in catalogue()}


def explain_one(basis_id: str) -> Dict[str, Any]:
    """One basis as ``{id, source, kind, category, rationale, review_item}``; ``source`` is
    rule | semantic | model | unknown, ``review_item`` the /content item id of a rule."""
    rule = _rules().get(basis_id)
    if rule is not None:
        return {
            "id": basis_id,
            "source": "rule",
            "kind": rule["kind"],
            "category": rule["category"],
            "rationale": rule["rationale"],
            "review_item": f"rule:{basis_id}",
        }
    source, rationale = NOT_A_RULE.get(basis_id, ("unknown", UNKNOWN))
    kind = basis_id.split(".", 1)[1] if source == "semantic" else None
    return {
        "id": basis_id,
        "source": source,
        "kind": kind,
        "category": None,
        "rationale": rationale,
        "review_item": None,
    }


def explain(basis: Optional[List[str]]) -> List[Dict[str, Any]]:
    """Every basis of an escalation, explained, in the stored order ([] when none)."""
    return [explain_one(b) for b in basis or [] if isinstance(b, str)]
