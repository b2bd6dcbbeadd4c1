"""Checks on the clinician-reviewable knowledge content (bot/content/knowledge.yml)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Iterator, List, Tuple

import pytest
import yaml

from bot.content import (
    DEFAULT_PATH,
    ENTITY_FOR_CATEGORY,
    INTENT_CATEGORY,
    NO_SIDE_EFFECTS_TEXT,
    Knowledge,
    Topic,
    fill_region,
    load_knowledge,
)
from bot.content.sources import SOURCES

# Entity values of the NLU contract (DESIGN.md, "NLU contract"), per content category.
CONTRACT_KEYS = {
    "condition": ["metastasis", "circulating_tumor_cells", "marrow_effects"],
    "symptom": ["fatigue", "bone_pain", "anemia", "infection", "bleeding", "weight_loss", "cognitive"],
    "biopsy": ["preparation", "sample_collection", "lab_analysis"],
    "test": ["mri", "ct", "pet", "blood_test", "tumor_marker", "molecular_profiling", "her2_testing"],
    "treatment": [
        "chemotherapy",
        "hormone_therapy",
        "immunotherapy",
        "her2_targeted",
        "cdk46_inhibitor",
        "parp_inhibitor",
        "bisphosphonate",
        "denosumab",
        "clinical_trials",
    ],
    "support": ["support_group", "counseling", "palliative_care", "caregiver_support"],
}
ALL_KEYS = [(c, k) for c, keys in CONTRACT_KEYS.items() for k in ["general", *keys]]

DOSING = re.compile(
    r"\b\d+(\.\d+)?\s?(mg|milligrams?|mcg|micrograms?|ml|millilit(er|re)s?|tablets? a day|pills? a day|units)\b", re.I
)
SURVIVAL = re.compile(
    r"\d+\s?%|percent|median survival|months to live|years to live|life expectancy|survival rate", re.I
)
UK_SPELLINGS = re.compile(
    r"tumour|anaemi|haem|counsell|centre|colour|oedema|oesophag|favour|behaviour|specialis(e|ed|es|ing|ation)\b|organis(e|ed|ation)",
    re.I,
)
EMERGENCY = re.compile(r"oncology hotline|emergency services", re.I)
SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z\"(]|$)")
TOPIC_KEY = re.compile(r"^[a-z][a-z0-9_]*$")

SHORT_MAX = 450
MORE_MAX = 1200
# Side effects list what to report at once (FDA labels): room for the full red-flag list.
SIDE_EFFECTS_MAX = 600


@pytest.fixture(scope="module")
def kb() -> Knowledge:
    return load_knowledge()


def all_topics(kb: Knowledge) -> Iterator[Topic]:
    for category in kb.categories():
        for key in kb.keys(category):
            yield kb.topic(category, key)


def all_texts(kb: Knowledge) -> Iterator[Tuple[str, str]]:
    """Every piece of user-facing text, named."""
    for name in ("care_team_line", "capabilities", "disclaimer"):
        yield name, getattr(kb, name)
    for t in all_topics(kb):
        for field in ("title", "short", "more", "caregiver", "side_effects"):
            value = getattr(t, field)
            if value:
                yield f"{t.name}.{field}", value


def sentences(text: str) -> int:
    return len(SENTENCE_END.findall(text.strip()))


# --------------------------------------------------------------- coverage


def test_categories_match_intents(kb: Knowledge) -> None:
    assert set(INTENT_CATEGORY.values()) == set(CONTRACT_KEYS) == set(kb.categories())
    assert set(ENTITY_FOR_CATEGORY) == set(CONTRACT_KEYS)


@pytest.mark.parametrize("category,key", ALL_KEYS)
def test_every_contract_value_has_an_entry(kb: Knowledge, category: str, key: str) -> None:
    assert key in kb.keys(category)
    topic = kb.topic(category, key)
    assert (topic.category, topic.key) == (category, key)


def test_topic_keys_can_be_entity_values(kb: Knowledge) -> None:
    # New topics may be added (DESIGN.md: a new entity value equals its topic key).
    for category in kb.categories():
        for key in kb.keys(category):
            assert TOPIC_KEY.match(key), f"{category}.{key}"


def test_unknown_or_missing_key_falls_back_to_general(kb: Knowledge) -> None:
    for category in kb.categories():
        assert kb.topic(category, None).key == "general"
        assert kb.topic(category, "no_such_thing").key == "general"
    assert kb.topic("treatment", " Chemotherapy ").key == "chemotherapy"
    with pytest.raises(KeyError):
        kb.topic("astrology", None)


# ------------------------------------------------------------ field rules


def test_no_empty_fields(kb: Knowledge) -> None:
    assert kb.version == 1 and kb.reviewed.strip()
    for name, text in all_texts(kb):
        assert text.strip(), name
    for t in all_topics(kb):
        for field in ("title", "short", "more"):
            assert getattr(t, field).strip(), f"{t.name}.{field}"
        assert t.sources, t.name


def test_no_duplicated_texts(kb: Knowledge) -> None:
    texts: List[str] = []
    for t in all_topics(kb):
        texts += [t.short, t.more] + [x for x in (t.caregiver, t.side_effects) if x]
    dupes = [text[:60] for text, n in Counter(texts).items() if n > 1]
    assert not dupes, dupes


def test_titles_are_unique_and_short(kb: Knowledge) -> None:
    titles = [t.title for t in all_topics(kb)]
    assert len(titles) == len(set(titles))
    assert all(len(title) <= 80 for title in titles)


@pytest.mark.parametrize("category,key", ALL_KEYS)
def test_lengths(kb: Knowledge, category: str, key: str) -> None:
    t = kb.topic(category, key)
    assert len(t.short) <= SHORT_MAX, (t.name, len(t.short))
    assert len(t.more) <= MORE_MAX, (t.name, len(t.more))
    if t.caregiver:
        assert len(t.caregiver) <= SHORT_MAX, (t.name, len(t.caregiver))
    if t.side_effects:
        assert len(t.side_effects) <= SIDE_EFFECTS_MAX, (t.name, len(t.side_effects))


@pytest.mark.parametrize("category,key", ALL_KEYS)
def test_short_answers_are_two_to_four_sentences(kb: Knowledge, category: str, key: str) -> None:
    # Up to four short sentences (within the length limit) rather than three long ones:
    # short sentences keep the grade level down (tests/test_content_readability.py).
    t = kb.topic(category, key)
    for field in ("short", "caregiver"):
        text = getattr(t, field)
        if text:
            assert 2 <= sentences(text) <= 4, (t.name, field, sentences(text))


def test_every_treatment_has_side_effects(kb: Knowledge) -> None:
    for key in kb.keys("treatment"):
        t = kb.topic("treatment", key)
        assert t.side_effects and t.side_effects.strip(), t.name
        assert t.side_effects != t.short and t.side_effects != t.more


def test_every_symptom_names_its_emergency(kb: Knowledge) -> None:
    for key in kb.keys("symptom"):
        t = kb.topic("symptom", key)
        for field in ("short", "more", "caregiver"):
            text = getattr(t, field)
            assert text, f"{t.name}.{field} missing"
            assert EMERGENCY.search(text), f"{t.name}.{field} lacks hotline/emergency advice"
        assert t.provenance and "clinical-safety.md" in t.provenance, t.name


def test_every_entry_keeps_its_provenance_for_staff(kb: Knowledge) -> None:
    # Where the text came from stays in the file for the reviewing clinician (never shown).
    for t in all_topics(kb):
        assert t.provenance and t.provenance.strip(), t.name


def test_capabilities_and_disclaimer(kb: Knowledge) -> None:
    caps = kb.capabilities.lower()
    for word in (
        "symptom",
        "biopsy",
        "test",
        "treatment",
        "support",
        "mood",
        "0 to 10",
        "chart",
        "reminder",
        "delete my data",
        "emergenc",
    ):
        assert word in caps, word
    disclaimer = kb.disclaimer.lower()
    assert "not a doctor" in disclaimer and "emergency" in disclaimer


# ---------------------------------------------------------- safety of text


def test_no_dosing_advice(kb: Knowledge) -> None:
    for name, text in all_texts(kb):
        assert not DOSING.search(text), (name, DOSING.search(text))


def test_no_survival_statistics(kb: Knowledge) -> None:
    for name, text in all_texts(kb):
        assert not SURVIVAL.search(text), (name, SURVIVAL.search(text))


def test_spelling_is_consistently_us(kb: Knowledge) -> None:
    for name, text in all_texts(kb):
        assert not UK_SPELLINGS.search(text), (name, UK_SPELLINGS.search(text))


# ---------------------------------------------------------------- render


@pytest.mark.parametrize("category,key", ALL_KEYS)
def test_render_adds_public_sources_and_care_team_line(kb: Knowledge, category: str, key: str) -> None:
    t = kb.topic(category, key)
    for kwargs in ({}, {"detail": True}, {"role": "caregiver"}, {"aspect": "side_effects"}):
        text = kb.render(t, **kwargs)
        body, _, tail = text.partition("\n\nSource: ")
        assert body.strip() and body == kb.body(t, **kwargs), kwargs
        assert tail.endswith("\n" + kb.care_team_line), kwargs
        shown = (
            t.side_effects_sources if kwargs.get("aspect") and t.side_effects and t.side_effects_sources else t.sources
        )
        assert tail[: -len(kb.care_team_line) - 1] == "\n".join(f"{s.name} ({s.url})" for s in shown), kwargs


def test_render_short_detail_and_caregiver(kb: Knowledge) -> None:
    for t in all_topics(kb):
        short = kb.render(t)
        assert short.startswith(fill_region(t.short, None))
        detail = kb.render(t, detail=True)
        assert detail.startswith(fill_region(t.more, None)) and detail != short
        caregiver = kb.render(t, role="caregiver")
        if t.caregiver:
            assert caregiver.startswith(fill_region(t.caregiver, None)) and caregiver != short, t.name
        else:
            assert caregiver == short, t.name
        # detail ignores role; None role means patient
        assert kb.render(t, role="caregiver", detail=True) == detail
        assert kb.render(t, role=None) == short


def test_caregiver_versions_exist_where_they_matter(kb: Knowledge) -> None:
    for category in ("symptom", "biopsy", "support"):
        for key in kb.keys(category):
            assert kb.topic(category, key).caregiver, f"{category}.{key}"


def test_render_side_effects(kb: Knowledge) -> None:
    chemo = kb.topic("treatment", "chemotherapy")
    text = kb.render(chemo, aspect="side_effects", region="US")
    assert text.startswith(f"Side effects of {chemo.title}: ")
    assert chemo.side_effects_sources and f"Source: {chemo.side_effects_sources[0].name}" in text
    # aspect wins over detail
    assert kb.render(chemo, aspect="side_effects", detail=True) == text

    mri = kb.topic("test", "mri")
    fallback = kb.render(mri, aspect="side_effects")
    assert fallback.startswith(NO_SIDE_EFFECTS_TEXT)
    assert "care team" in NO_SIDE_EFFECTS_TEXT and "don't have side-effect details" in NO_SIDE_EFFECTS_TEXT
    assert fallback.endswith(kb.care_team_line)


def test_render_rejects_unknown_role_and_aspect(kb: Knowledge) -> None:
    t = kb.topic("condition", None)
    with pytest.raises(ValueError):
        kb.render(t, role="doctor")
    with pytest.raises(ValueError):
        kb.render(t, aspect="dosage")


# ---------------------------------------------------------------- loader


def test_load_is_cached_and_read_only(kb: Knowledge) -> None:
    assert load_knowledge() is kb
    assert load_knowledge(DEFAULT_PATH) is kb
    with pytest.raises(TypeError):
        kb.topics["symptom"]["fatigue"] = kb.topics["symptom"]["general"]  # type: ignore[index]


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "knowledge.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture()
def raw() -> dict:
    return yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))


@pytest.mark.parametrize("field", ["title", "short", "more"])
def test_validation_names_the_bad_entry(tmp_path: Path, raw: dict, field: str) -> None:
    raw["topics"]["test"]["pet"][field] = "   "
    with pytest.raises(ValueError, match=rf"topics\.test\.pet\.{field}"):
        load_knowledge(_write(tmp_path, raw))


def test_validation_missing_field_and_unknown_field(tmp_path: Path, raw: dict) -> None:
    del raw["topics"]["biopsy"]["preparation"]["more"]
    with pytest.raises(ValueError, match=r"topics\.biopsy\.preparation\.more"):
        load_knowledge(_write(tmp_path, raw))
    raw["topics"]["biopsy"]["preparation"]["more"] = "Text."
    raw["topics"]["biopsy"]["preparation"]["caregivers"] = "typo"
    with pytest.raises(ValueError, match=r"topics\.biopsy\.preparation.*caregivers"):
        load_knowledge(_write(tmp_path, raw))  # failed loads are not cached


def test_validation_requires_general_and_top_level_text(tmp_path: Path, raw: dict) -> None:
    del raw["topics"]["support"]["general"]
    with pytest.raises(ValueError, match=r"topics\.support"):
        load_knowledge(_write(tmp_path, raw))
    raw2 = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    raw2["disclaimer"] = ""
    with pytest.raises(ValueError, match="disclaimer"):
        load_knowledge(_write(tmp_path, raw2))


@pytest.mark.parametrize("bad", [[], "nci_breast", ["nci_breast", "no_such_source"], [3]])
def test_validation_rejects_bad_public_sources(tmp_path: Path, raw: dict, bad: object) -> None:
    raw["topics"]["test"]["pet"]["sources"] = bad
    with pytest.raises(ValueError, match=r"topics\.test\.pet\.sources"):
        load_knowledge(_write(tmp_path, raw))


def test_validation_rejects_unknown_placeholder(tmp_path: Path, raw: dict) -> None:
    raw["topics"]["test"]["pet"]["short"] = "A fever of {fevr} or higher. Call now."
    with pytest.raises(ValueError, match=r"topics\.test\.pet\.short.*fevr"):
        load_knowledge(_write(tmp_path, raw))


def test_public_source_catalogue_is_https_and_used(kb: Knowledge) -> None:
    used = {s for t in all_topics(kb) for s in (*t.sources, *t.side_effects_sources)}
    for source_id, source in SOURCES.items():
        assert source.url.startswith("https://") and " " not in source.url, source_id
        assert source.name.strip() and "(" not in source.name, source_id
    assert len(used) >= 10


def test_texts_used_outside_the_renderer_have_no_placeholders(kb: Knowledge) -> None:
    # bot/care_reminders/texts.py puts biopsy.preparation.short into a reminder as it is.
    assert "{" not in kb.topic("biopsy", "preparation").short
