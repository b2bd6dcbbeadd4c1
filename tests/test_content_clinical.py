"""Clinical corrections of issue 18, each pinned to what a person is shown, and the rule
that replies cite named public sources, never internal documents.

Facts: /work/shared/clinical-safety.md (FDA labels, NICE CG75/NG234, ASCO)."""

from __future__ import annotations

import re
from typing import Iterator, Tuple

import pytest

from bot.content import Knowledge, Topic, load_knowledge

INTERNAL = re.compile(r"\bseed\b|clinical[-_ ]safety|\breview|\bdraft\b|\.md\b|provenance|\bpending\b", re.I)
PUBLIC_LINK = re.compile(r"https?://(www\.)?[a-z0-9.-]+\.(gov|org|uk|net|org\.uk|nhs\.uk)/?\S*", re.I)


@pytest.fixture(scope="module")
def kb() -> Knowledge:
    return load_knowledge()


def views(kb: Knowledge, topic: Topic, region: str = "US") -> Iterator[Tuple[str, str]]:
    """Every reply a person can get for ``topic``: both roles, short / detail / side effects."""
    for role in ("patient", "caregiver"):
        for name, kwargs in (("short", {}), ("more", {"detail": True}), ("side_effects", {"aspect": "side_effects"})):
            yield f"{role}.{name}", kb.render(topic, role=role, region=region, **kwargs)


def text(kb: Knowledge, category: str, key: str, region: str = "US", **kwargs) -> str:
    """Answer text alone (no sources line)."""
    return kb.body(kb.topic(category, key), region=region, **kwargs)


def all_of(kb: Knowledge, category: str, key: str, region: str = "US") -> str:
    topic = kb.topic(category, key)
    return " ".join(
        kb.body(topic, region=region, **kw)
        for kw in ({}, {"detail": True}, {"role": "caregiver"}, {"aspect": "side_effects"})
    )


# ------------------------------------------------------------------ sources shown to people


def test_no_reply_shows_internal_sources_and_every_reply_links_a_public_one(kb: Knowledge) -> None:
    checked = 0
    for category in kb.categories():
        for key in kb.keys(category):
            topic = kb.topic(category, key)
            for region in ("US", "UK"):
                for name, reply in views(kb, topic, region):
                    where = f"{category}.{key} {name} {region}"
                    assert not INTERNAL.search(reply), (where, INTERNAL.search(reply).group(0))
                    _, _, cited = reply.partition("\n\nSource: ")
                    assert PUBLIC_LINK.search(cited), where
                    checked += 1
    assert checked == 12 * sum(len(kb.keys(c)) for c in kb.categories()) >= 12 * 39


def test_staff_provenance_is_kept_but_never_rendered(kb: Knowledge) -> None:
    topic = kb.topic("symptom", "infection")
    assert "clinical-safety.md" in (topic.provenance or "") and topic.review_note
    for _, reply in views(kb, topic):
        assert topic.provenance not in reply and topic.review_note not in reply


# ------------------------------------------------------------------ HER2 is a tissue test


def test_her2_is_not_presented_as_a_blood_marker(kb: Knowledge) -> None:
    marker = kb.topic("test", "tumor_marker")
    assert "HER2" not in marker.short and "HER2" not in (marker.caregiver or "")
    for sentence in re.split(r"(?<=[.!?])\s+", marker.more):
        if "HER2" in sentence:  # only to say it is not one
            assert re.search(r"not a blood marker|tissue|about HER2 testing", sentence), sentence
    both = marker.short + marker.more
    for name in ("CA 15-3", "CA 27-29", "CEA"):
        assert name in both, name
    assert re.search(r"not (be )?used alone|not decide treatment on markers alone", both)


def test_her2_testing_has_its_own_answer(kb: Knowledge) -> None:
    her2 = kb.topic("test", "her2_testing")
    assert her2.key == "her2_testing"
    short, detail = text(kb, "test", "her2_testing"), text(kb, "test", "her2_testing", detail=True)
    assert re.search(r"tissue", short) and re.search(r"not in the blood", short)
    assert "IHC" in detail and "FISH" in detail and "HER2-low" in detail


# ------------------------------------------------------------------ treatment red flags


def test_her2_drugs_lung_heart_pregnancy_and_her2_low(kb: Knowledge) -> None:
    se = text(kb, "treatment", "her2_targeted", aspect="side_effects")
    assert re.search(r"deruxtecan", se) and re.search(r"lung", se)
    assert re.search(r"at once|right away|now", se) and all(w in se for w in ("cough", "breathlessness", "fever"))
    assert "heart" in se and re.search(r"unborn baby|pregnan", se) and re.search(r"birth control|contracept", se)
    assert "HER2-low" in text(kb, "treatment", "her2_targeted")


def test_denosumab_jaw_and_severe_low_calcium(kb: Knowledge) -> None:
    se = text(kb, "treatment", "denosumab", aspect="side_effects")
    assert all(w in se for w in ("jaw pain", "loose teeth", "bone showing", "dentist"))
    assert re.search(r"Severe low calcium is an emergency: call emergency services", se)
    assert all(w in se for w in ("spasms", "seizure", "fainting")) and re.search(r"racing|uneven heartbeat", se)


def test_cdk46_lung_inflammation_warning(kb: Knowledge) -> None:
    se = text(kb, "treatment", "cdk46_inhibitor", aspect="side_effects")
    assert "lung inflammation" in se and "2019" in se
    assert re.search(r"right away about a new cough or breathlessness", se)
    assert any(
        s.url.startswith("https://www.fda.gov/") for s in kb.topic("treatment", "cdk46_inhibitor").side_effects_sources
    )


def test_immunotherapy_immune_side_effects_mean_calling_now(kb: Knowledge) -> None:
    se = text(kb, "treatment", "immunotherapy", aspect="side_effects")
    assert re.search(r"hotline now", se)
    for sign in (
        "chest pain",
        "blood in your stool",
        "severe belly pain",
        "extreme thirst",
        "passing a lot of urine",
        "confusion",
        "diarrhea",
        "cough",
        "yellow skin",
    ):
        assert sign in se, sign
    assert re.search(r"racing|pounding|palpitation", se)


def test_tamoxifen_unusual_vaginal_bleeding(kb: Knowledge) -> None:
    assert re.search(
        r"tamoxifen.*unusual vaginal bleeding", text(kb, "treatment", "hormone_therapy", aspect="side_effects")
    )


def test_parp_inhibitors_are_not_all_tablets(kb: Knowledge) -> None:
    short = text(kb, "treatment", "parp_inhibitor")
    assert "capsules" in short and not re.match(r"PARP inhibitors are tablets", short)


# ------------------------------------------------------------------ fever

FEVER_ENTRIES = [("symptom", "infection"), ("treatment", "chemotherapy"), ("symptom", "general")]


@pytest.mark.parametrize("category,key", FEVER_ENTRIES)
def test_fever_threshold_is_region_aware_and_defers_to_the_team(kb: Knowledge, category: str, key: str) -> None:
    us, uk = all_of(kb, category, key, "US"), all_of(kb, category, key, "UK")
    assert "38.0 °C (100.4 °F)" in us and "37.5" not in us
    assert "37.5 °C" in uk and "38.0" not in uk
    assert "the temperature your team gave you" in us
    assert "below 36 °C" in us
    assert "{" not in us + uk


def test_fever_is_urgent_whatever_the_treatment(kb: Knowledge) -> None:
    for category, key in [("symptom", "infection"), ("symptom", "general"), ("treatment", "general")]:
        assert "whatever your treatment" in all_of(kb, category, key), (category, key)
    # no longer tied to chemotherapy only
    assert "fever on chemotherapy" not in text(kb, "symptom", "general")


def test_regular_paracetamol_can_hide_a_fever(kb: Knowledge) -> None:
    detail = text(kb, "symptom", "infection", detail=True)
    assert re.search(r"acetaminophen \(paracetamol\) regularly can hide a fever", detail)


def test_the_region_defaults_to_us_wording(kb: Knowledge) -> None:
    topic = kb.topic("symptom", "infection")
    assert kb.body(topic) == kb.body(topic, region="US") == kb.body(topic, region="xx")
    assert kb.body(topic, region="uk") == kb.body(topic, region="UK") != kb.body(topic)
    for region in ("CA", "AU", "EU"):
        assert "38.0 °C" in kb.body(topic, region=region)


# ------------------------------------------------------------------ spinal pain (NICE CG75)


def test_spinal_pain_alone_needs_the_team_within_24_hours(kb: Knowledge) -> None:
    short = text(kb, "symptom", "bone_pain")
    assert re.search(
        r"new, getting worse, worse at night or worse when you strain needs a call to your team within 24 hours", short
    )
    assert re.search(
        r"numbness, weakness, or bladder or bowel trouble, call your oncology hotline or emergency services now", short
    )
    assert "within 24 hours" in text(kb, "symptom", "bone_pain", role="caregiver")
    assert "within 24 hours" in text(kb, "symptom", "general", detail=True)
    assert any("nice.org.uk" in s.url for s in kb.topic("symptom", "bone_pain").sources)


# ------------------------------------------------------------------ urgent responses (domain.yml)


@pytest.fixture(scope="module")
def urgent_response():
    """The utter_urgent_symptom text Rasa picks for given slots (Rasa's own variation filter)."""
    from pathlib import Path

    from rasa.core.nlg.generator import ResponseVariationFilter
    from rasa.shared.utils.io import read_yaml_file

    responses = read_yaml_file(Path(__file__).resolve().parent.parent / "domain.yml")["responses"]
    chooser = ResponseVariationFilter(responses)

    def pick(**slots: object) -> str:
        found = chooser.responses_for_utter_action("utter_urgent_symptom", "rest", slots)
        assert len(found) == 1, (slots, len(found))  # one answer, not a random choice
        return " ".join(found[0]["text"].split())

    return pick


@pytest.mark.parametrize(
    "region,threshold",
    [
        (None, "38.0 °C (100.4 °F)"),
        ("US", "38.0 °C (100.4 °F)"),
        ("CA", "38.0 °C (100.4 °F)"),
        ("AU", "38.0 °C (100.4 °F)"),
        ("EU", "38.0 °C (100.4 °F)"),
        ("UK", "37.5 °C"),
    ],
)
def test_fever_response_is_region_aware(urgent_response, region, threshold) -> None:
    text = urgent_response(red_flag="neutropenic_fever", region=region)
    assert f"A temperature of {threshold} or higher" in text
    assert "whatever your treatment" in text and "below 36 °C" in text
    assert "your team gave you" in text and "can hide a fever" in text
    assert "after chemotherapy" not in text
    assert ("37.5" in text) == (region in (None, "UK"))  # an unknown region also hears the UK figure


def test_spinal_response_adds_pain_alone_within_24_hours(urgent_response) -> None:
    text = urgent_response(red_flag="spinal_cord_compression", region="US")
    assert "same-day" in text and "within 24 hours" in text and "worse at night" in text


# ------------------------------------------------------------------ the answer action passes the region


@pytest.mark.parametrize(
    "slots,threshold", [({"region": "UK"}, "37.5 °C"), ({"region": "US"}, "38.0 °C (100.4 °F)"), ({}, None)]
)  # no slot: COMPANION_DEFAULT_REGION
async def test_answer_action_uses_the_persons_region(kb: Knowledge, slots: dict, threshold: str) -> None:
    from actions.common import settings
    from actions.content import ActionAnswerTopic, detail_for
    from tests.action_harness import ent, run, tracker

    if threshold is None:
        threshold = "37.5 °C" if settings().default_region == "UK" else "38.0 °C (100.4 °F)"

    messages, _ = await run(
        ActionAnswerTopic(), tracker("what about infections", "ask_symptom", [ent("symptom", "infection")], slots=slots)
    )
    assert f"{threshold} or higher" in messages[0]["text"]
    detail = detail_for(tracker("tell me more", "affirm", slots={**slots, "last_topic": "treatment:chemotherapy"}))
    assert detail and f"{threshold} or higher" in detail
