"""Every fixed reply the assistant sends (domain.yml responses, every variation, and the text
constants of the action modules) reads at grade 8 or below (Flesch-Kincaid, textstat), like the
knowledge texts (tests/test_content_readability.py). Urgent and crisis replies are read by people
who are frightened and unwell, so they must be the plainest of all.

List items and lines are read as sentences (a list of nine items is not one sentence); texts of
fewer than ten words ("Emergency number: 999.") are too short for the formula to mean anything."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path
from typing import List, Tuple

import pytest
import textstat
import yaml

import actions

MAX_GRADE = 8.0
MIN_WORDS = 10
ROOT = Path(__file__).resolve().parents[1]


def as_sentences(text: str) -> str:
    """The text with template slots filled and each line or list item ended as a sentence."""
    text = re.sub(r"\{\w+\}", "it", text)
    lines = [line.strip(" -•*\t") for line in text.splitlines() if line.strip(" -•*\t")]
    return " ".join(line if line.endswith((".", "?", "!", ":")) else line + "." for line in lines)


def grade(text: str) -> float:
    return float(textstat.flesch_kincaid_grade(as_sentences(text)))


def domain_texts() -> List[Tuple[str, str]]:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    out = []
    for name, variants in domain["responses"].items():
        for i, variant in enumerate(variants):
            text = variant.get("text") or ""
            if len(text.split()) >= MIN_WORDS:
                out.append((f"{name}[{i}]", text))
    return out


def action_texts() -> List[Tuple[str, str]]:
    out = []
    for info in pkgutil.iter_modules(actions.__path__):
        module = importlib.import_module(f"actions.{info.name}")
        for name, value in vars(module).items():
            if name.isupper() and isinstance(value, str) and len(value.split()) >= MIN_WORDS:
                out.append((f"actions.{info.name}.{name}", value))
    return out


DOMAIN = domain_texts()
ACTIONS = action_texts()


def test_the_measure_tells_plain_from_dense_text() -> None:
    plain = "Call your hotline now. If you can't reach them, call 999. Stay with her if it is safe."
    dense = (
        "Manifestations including hypercalcaemia-associated polyuria, polydipsia, constipation and altered "
        "consciousness necessitate immediate medical evaluation irrespective of concomitant symptomatology."
    )
    assert grade(plain) <= MAX_GRADE < grade(dense)
    # a bulleted list is read item by item, not as one long sentence
    items = "Here is what I can do:\n- Explain the biopsy\n- Help with check-ins\n- Put you in touch with a person"
    assert grade(items) < grade(items.replace("\n- ", ", "))


def test_every_response_and_action_text_is_found() -> None:
    names = {name.split("[")[0] for name, _ in DOMAIN}
    assert {"utter_urgent_symptom", "utter_crisis", "utter_capabilities", "utter_no_dosing_advice"} <= names
    assert len(ACTIONS) >= 10


@pytest.mark.parametrize("name, text", DOMAIN + ACTIONS, ids=[n for n, _ in DOMAIN + ACTIONS])
def test_reply_is_at_most_grade_8(name: str, text: str) -> None:
    assert grade(text) <= MAX_GRADE, (name, round(grade(text), 1), text)


def test_a_list_reply_keeps_one_line_per_item() -> None:
    """utter_capabilities was a folded YAML block: its nine items reached the person as one line."""
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    text = domain["responses"]["utter_capabilities"][0]["text"]
    items = [line for line in text.splitlines() if line.startswith("- ")]
    assert len(items) >= 8 and all(" - " not in item for item in items)
