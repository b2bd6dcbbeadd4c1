"""Every reply text of every knowledge entry reads at grade 8 or below (Flesch-Kincaid,
textstat), and every entry has a gender-neutral caregiver version.

Parametrised over the loaded file, so entries added later are checked too. The text
checked is what the person sees (``Knowledge.body``: region wording filled in, the
"Side effects of ..." lead-in included), for the US and the UK wording."""

from __future__ import annotations

import re
from typing import Dict, List, Tuple

import pytest
import textstat

from bot.content import Knowledge, load_knowledge

MAX_GRADE = 8.0
REGIONS = ("US", "UK")
# field -> how that text is rendered
VIEWS: Dict[str, Dict[str, object]] = {
    "short": {"role": "patient"},
    "more": {"detail": True},
    "caregiver": {"role": "caregiver"},
    "side_effects": {"aspect": "side_effects"},
}
# Caregiver texts are for "the person you care for": men get breast cancer too.
GENDERED = re.compile(r"\b(she|her|hers|herself|he|him|his|himself|wife|husband|mother|mum|mom)\b", re.I)

_KB = load_knowledge()
ENTRIES: List[Tuple[str, str]] = [(c, k) for c in _KB.categories() for k in _KB.keys(c)]
TEXTS = [
    (category, key, field) for category, key in ENTRIES for field in VIEWS if getattr(_KB.topic(category, key), field)
]


def grade(text: str) -> float:
    return float(textstat.flesch_kincaid_grade(text))


@pytest.fixture(scope="module")
def kb() -> Knowledge:
    return load_knowledge()


def test_the_measure_tells_plain_from_dense_text() -> None:
    # Guard the instrument: if textstat changed behaviour, the checks below would be empty.
    plain = "Call your team if you feel unwell. Keep your phone near you. Rest when you can."
    dense = (
        "Interstitial lung disease and pneumonitis, including fatal cases, have been reported "
        "in patients treated with antibody-drug conjugates targeting human epidermal growth factor receptors."
    )
    assert grade(plain) < 4 < MAX_GRADE < grade(dense)


@pytest.mark.parametrize("category,key,field", TEXTS, ids=[".".join(t) for t in TEXTS])
def test_reply_text_is_at_most_grade_8(kb: Knowledge, category: str, key: str, field: str) -> None:
    topic = kb.topic(category, key)
    for region in REGIONS:
        text = kb.body(topic, region=region, **VIEWS[field])  # type: ignore[arg-type]
        assert grade(text) <= MAX_GRADE, (f"{category}.{key}.{field}", region, grade(text), text)


@pytest.mark.parametrize("category,key", ENTRIES, ids=[".".join(e) for e in ENTRIES])
def test_every_entry_has_a_gender_neutral_caregiver_version(kb: Knowledge, category: str, key: str) -> None:
    topic = kb.topic(category, key)
    assert topic.caregiver, f"{category}.{key} has no caregiver version"
    assert topic.caregiver != topic.short
    found = GENDERED.search(topic.caregiver)
    assert not found, (f"{category}.{key}.caregiver assumes a gender", found.group(0) if found else None)
    assert kb.render(topic, role="caregiver") != kb.render(topic, role="patient")


@pytest.mark.parametrize("name", ["care_team_line", "capabilities", "disclaimer"])
def test_shared_texts_are_at_most_grade_8(kb: Knowledge, name: str) -> None:
    # The care-team line ends every answer, so it counts as reply text too.
    assert grade(getattr(kb, name)) <= MAX_GRADE, (name, grade(getattr(kb, name)))


def test_fallback_side_effects_text_is_at_most_grade_8() -> None:
    from bot.content import NO_SIDE_EFFECTS_TEXT

    assert grade(NO_SIDE_EFFECTS_TEXT) <= MAX_GRADE
