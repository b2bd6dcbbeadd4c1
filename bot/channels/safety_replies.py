"""The crisis and urgent-symptom replies, read from ``domain.yml``, for a channel process
that must answer while Rasa is unreachable (issue 19).

No wording lives here: the texts are the domain's own responses (``utter_crisis`` +
``utter_crisis_lines``; ``utter_urgent_symptom`` + ``utter_emergency_number``), chosen
with the slots Rasa's rules would have set (region, red-flag category, whose crisis;
bot/safety/component.py) and in the order of those rules (data/rules/rules.yml). A variant
is chosen as Rasa does: one whose conditions all match, else the variant without
conditions (Rasa picks randomly among several matches; the domain is written so that
at most one matches, and the first is taken here).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional

import yaml

from bot.config import PROJECT_ROOT
from bot.safety.detector import CRISIS, SafetyFinding

DOMAIN_FILE = PROJECT_ROOT / "domain.yml"
REGIONS = ("US", "UK", "CA", "AU", "EU")
# The responses the safety rules send, in order (data/rules/rules.yml: "crisis gets crisis lines,
# then an escalation"; "urgent symptom gets emergency advice, then an escalation").
CRISIS_RESPONSES = ("utter_crisis", "utter_crisis_lines")
URGENT_RESPONSES = ("utter_urgent_symptom", "utter_emergency_number")


@functools.lru_cache(maxsize=4)
def _responses(path: Path) -> Dict[str, List[Dict[str, Any]]]:
    with open(path, encoding="utf-8") as handle:
        domain = yaml.safe_load(handle) or {}
    return domain.get("responses") or {}


def _matches(variant: Mapping[str, Any], slots: Mapping[str, Any]) -> bool:
    for condition in variant.get("condition") or []:
        if condition.get("type") != "slot":
            return False
        if slots.get(condition.get("name")) != condition.get("value"):
            return False
    return True


def render(name: str, slots: Mapping[str, Any], path: Path = DOMAIN_FILE) -> Optional[str]:
    """The text of response ``name`` for these slot values (None if the domain lacks it)."""
    variants = _responses(path).get(name) or []
    conditional = [v for v in variants if v.get("condition") and _matches(v, slots)]
    plain = [v for v in variants if not v.get("condition")]
    chosen = next(iter(conditional or plain), None)
    return str(chosen["text"]).strip() if chosen and chosen.get("text") else None


def safety_slots(finding: SafetyFinding, region: Optional[str]) -> Dict[str, Any]:
    """The slots the safety component and rules would set for this finding."""
    region = (region or "").upper()
    slots: Dict[str, Any] = {"region": region if region in REGIONS else None}
    if finding.kind == CRISIS:
        slots.update(crisis_about="other" if finding.third_party else "self", crisis_basis="detector")
    else:
        slots.update(red_flag=finding.category)
    return slots


def safety_texts(finding: SafetyFinding, region: Optional[str], path: Path = DOMAIN_FILE) -> List[str]:
    """The messages a person gets for this finding, in the rules' order."""
    names = CRISIS_RESPONSES if finding.kind == CRISIS else URGENT_RESPONSES
    slots = safety_slots(finding, region)
    return [text for text in (render(name, slots, path) for name in names) if text]
