"""The knowledge topics added for the gaps of issue 18 (biopsy aftercare, bone and
supportive treatments, newer breast cancer medicines, fertility, brain spread,
helplines and trial finders): each entry's key clinical facts are pinned here, so an
edit that drops or changes one fails; every new key also renders through the answer
action the way the NLU will select it (entity value == topic key)."""

from __future__ import annotations

import re
from typing import Iterator, List, Tuple

import pytest
import textstat

from actions.content import ActionAnswerTopic
from bot.content import ENTITY_FOR_CATEGORY, INTENT_CATEGORY, Knowledge, Topic, load_knowledge
from tests.action_harness import ent, run, slot_events, tracker

#: New topic keys per category. They are entity values the NLU may return
#: (DESIGN.md, NLU contract: new values equal their topic key).
GAP_KEYS = {
    "symptom": ("brain_metastases",),
    "biopsy": ("sedation", "aftercare", "results"),
    "test": ("pik3ca_esr1_akt1_test",),
    "treatment": (
        "radiotherapy",
        "bone_surgery",
        "pain_relief",
        "blood_transfusion",
        "growth_factor",
        "serd",
        "pi3k_akt_inhibitor",
        "sacituzumab_govitecan",
        "ovarian_suppression",
        "fertility_pregnancy",
    ),
    "support": ("helplines", "trial_finder"),
}
GAP_TOPICS = [(c, k) for c, keys in GAP_KEYS.items() for k in keys]
INTENT_FOR_CATEGORY = {category: intent for intent, category in INTENT_CATEGORY.items()}

MAX_GRADE = 8.0  # Flesch-Kincaid grade of every reply text (issue 18)
SHORT_MAX, MORE_MAX, SIDE_EFFECTS_MAX = 450, 1200, 600  # as tests/test_content.py
SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z\"(]|$)")
GENDERED = re.compile(r"\b(she|her|hers|herself|he|him|his|himself)\b", re.I)
INTERNAL = re.compile(r"seed article|clinical-safety\.md|pending clinical review|review_note|provenance", re.I)


@pytest.fixture(scope="module")
def kb() -> Knowledge:
    return load_knowledge()


def t(kb: Knowledge, category: str, key: str) -> Topic:
    topic = kb.topic(category, key)
    assert (topic.category, topic.key) == (category, key), f"{category}.{key} missing"
    return topic


def replies(topic: Topic) -> Iterator[Tuple[str, str]]:
    for field in ("short", "more", "caregiver", "side_effects"):
        text = getattr(topic, field)
        if text:
            yield field, text


def sentence_of(text: str, word: str) -> str:
    """The sentence of ``text`` that contains ``word`` (case-insensitive)."""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if word.lower() in sentence.lower():
            return sentence
    raise AssertionError(f"{word!r} not in {text!r}")


# ------------------------------------------------------------------ shape


@pytest.mark.parametrize("category,key", GAP_TOPICS)
def test_entry_is_complete(kb: Knowledge, category: str, key: str) -> None:
    topic = t(kb, category, key)
    assert topic.caregiver, "every new entry has a caregiver version"
    assert topic.sources and all(s.url.startswith("https://") for s in topic.sources)
    if category == "treatment":
        assert topic.side_effects and topic.side_effects_sources
        assert all(s.url.startswith("https://") for s in topic.side_effects_sources)
    assert topic.provenance and topic.review_note, "staff-only provenance and review note"


@pytest.mark.parametrize("category,key", GAP_TOPICS)
def test_lengths_sentences_and_grade(kb: Knowledge, category: str, key: str) -> None:
    topic = t(kb, category, key)
    for field, text in replies(topic):
        limit = {"more": MORE_MAX, "side_effects": SIDE_EFFECTS_MAX}.get(field, SHORT_MAX)
        assert len(text) <= limit, (field, len(text))
        if field in ("short", "caregiver"):
            assert 2 <= len(SENTENCE_END.findall(text)) <= 3, field
        for region in ("US", "UK"):
            filled = kb.body(
                topic,
                detail=field == "more",
                role="caregiver" if field == "caregiver" else "patient",
                aspect="side_effects" if field == "side_effects" else None,
                region=region,
            )
            grade = textstat.flesch_kincaid_grade(filled)
            assert grade <= MAX_GRADE, (field, region, grade)


@pytest.mark.parametrize("category,key", GAP_TOPICS)
def test_caregiver_text_is_gender_neutral(kb: Knowledge, category: str, key: str) -> None:
    caregiver = t(kb, category, key).caregiver or ""
    assert "person you care for" in caregiver
    assert not GENDERED.search(caregiver), GENDERED.search(caregiver)


@pytest.mark.parametrize("category,key", GAP_TOPICS)
def test_replies_show_public_sources_only(kb: Knowledge, category: str, key: str) -> None:
    topic = t(kb, category, key)
    for kwargs in ({}, {"detail": True}, {"role": "caregiver"}, {"aspect": "side_effects"}):
        text = kb.render(topic, **kwargs)
        assert not INTERNAL.search(text), (kwargs, INTERNAL.search(text))
        assert text.endswith(kb.care_team_line)
        shown = kb.public_sources(topic, aspect=kwargs.get("aspect"))
        assert all(s.url in text for s in shown)


# ------------------------------------------------------- clinical facts


def test_biopsy_sedation_means_no_driving_for_a_day(kb: Knowledge) -> None:
    aftercare, sedation = t(kb, "biopsy", "aftercare"), t(kb, "biopsy", "sedation")
    for text in (aftercare.short, aftercare.more, aftercare.caregiver, sedation.more, sedation.caregiver):
        rule = sentence_of(text, "drive")
        assert re.search(r"\bnot drive|must not drive|do not drive", rule, re.I), rule
        assert "24 hours" in rule, rule
    assert re.search(r"adult (must )?take you home|take them home", aftercare.short + aftercare.caregiver)


def test_biopsy_aftercare_dressing_and_when_to_call(kb: Knowledge) -> None:
    aftercare = t(kb, "biopsy", "aftercare")
    assert re.search(r"dressing on and dry for about (a day|24 hours)", aftercare.short + aftercare.more)
    call = sentence_of(aftercare.more, "keeps bleeding")
    assert "Call your team or hotline" in call and "red, swollen" in call
    assert "fever" in sentence_of(aftercare.more, "pain gets worse")
    assert "pain medicines make bleeding more likely" in aftercare.more  # ask before NSAIDs


def test_biopsy_sedation_options_and_duration(kb: Knowledge) -> None:
    sedation = t(kb, "biopsy", "sedation")
    assert "local anesthetic" in sedation.short and "gas and air" in sedation.short
    assert "sedation" in sedation.short and "awake" in sedation.short
    assert "Entonox" in sedation.more and "about 30 minutes" in sedation.more


def test_biopsy_results_times_are_realistic(kb: Knowledge) -> None:
    results = t(kb, "biopsy", "results")
    assert "one to two weeks" in results.short and "one to two weeks" in results.caregiver
    assert "longer" in sentence_of(results.short, "gene tests")
    assert "does not mean bad news" in results.more
    assert "call your team or hotline" in sentence_of(results.more, "fever")


def test_brain_spread_red_flags_are_an_emergency(kb: Knowledge) -> None:
    brain = t(kb, "symptom", "brain_metastases")
    for field in ("short", "more", "caregiver"):
        text = getattr(brain, field)
        assert "emergency services" in sentence_of(text, "seizure"), field
        # Everything before the same-day hotline advice is the emergency part.
        assert "oncology hotline today" in text, field  # the slower signs: same day
        emergency = text[: text.index("oncology hotline today")]
        assert "emergency services now" in emergency, field
        for sign in ("seizure", "headache", "weakness", "confusion"):
            assert sign in emergency, (field, sign)
    assert "Do not drive after a seizure" in brain.more
    assert "MRI" in brain.more


def test_radiotherapy_pain_flare_and_cord_compression(kb: Knowledge) -> None:
    rt = t(kb, "treatment", "radiotherapy")
    assert "pain flare" in rt.more and "keep taking your pain relief" in rt.more
    emergency = sentence_of(rt.side_effects, "numbness")
    assert "bladder" in emergency and "emergency services now" in rt.side_effects
    assert any(s.url.endswith("/cg81") for s in rt.sources)


def test_bone_surgery_methods_and_warning_signs(kb: Knowledge) -> None:
    surgery = t(kb, "treatment", "bone_surgery")
    for word in ("rod", "plates", "joint", "bone cement"):
        assert word in surgery.short + surgery.more, word
    urgent = sentence_of(surgery.side_effects, "at once")
    for sign in ("fever", "swollen leg", "chest pain", "breathlessness"):
        assert sign in urgent, sign
    assert "pain after a fall" in surgery.more and "emergency services" in surgery.more


def test_pain_relief_safety_lines(kb: Knowledge) -> None:
    pain = t(kb, "treatment", "pain_relief")
    assert "bleeding" in sentence_of(pain.more, "ibuprofen") and "platelets" in pain.more
    assert "hide a fever" in pain.more
    assert "Only take what your team prescribes" in pain.more
    assert "constipation" in pain.side_effects
    assert "at once" in sentence_of(pain.side_effects, "shallow breathing")
    assert "emergency services" in sentence_of(pain.caregiver, "hard to wake")


def test_transfusion_reactions_are_reported_at_once(kb: Knowledge) -> None:
    transfusion = t(kb, "treatment", "blood_transfusion")
    report = sentence_of(transfusion.side_effects, "right away")
    for sign in ("fever", "breathlessness", "dark urine"):
        assert sign in report, sign
    assert "red blood cells or platelets" in transfusion.short


def test_growth_factor_spleen_warning(kb: Knowledge) -> None:
    gf = t(kb, "treatment", "growth_factor")
    assert "filgrastim" in gf.short and "white blood cells" in gf.short
    assert "Bone pain" in gf.side_effects
    spleen = sentence_of(gf.side_effects, "spleen")
    assert "at once" in spleen and "upper left belly" in spleen and "left shoulder" in spleen
    assert "fever still means calling your hotline" in gf.more


def test_serd_route_and_esr1(kb: Knowledge) -> None:
    serd = t(kb, "treatment", "serd")
    assert "Fulvestrant is an injection" in serd.short and "elacestrant is a tablet" in serd.short
    assert "ESR1" in sentence_of(serd.more, "Elacestrant is for")
    assert "nausea" in serd.side_effects and "where the injection went in" in serd.side_effects


def test_pi3k_akt_inhibitors_need_a_gene_test_and_watch_blood_sugar(kb: Knowledge) -> None:
    pi3k = t(kb, "treatment", "pi3k_akt_inhibitor")
    assert "with fulvestrant" in pi3k.short and "gene test" in pi3k.short
    assert "PIK3CA" in sentence_of(pi3k.more, "Alpelisib is used")
    capi = sentence_of(pi3k.more, "Capivasertib is used")
    assert all(gene in capi for gene in ("PIK3CA", "AKT1", "PTEN"))
    sugar = sentence_of(pi3k.side_effects, "blood sugar")
    assert "thirsty" in sugar and "urine" in sugar and "confused" in sugar
    assert "hotline now" in sugar  # very high sugar (ketoacidosis) cannot wait a day
    assert "at once" in sentence_of(pi3k.side_effects, "blisters")
    assert "cough" in sentence_of(pi3k.side_effects, "lungs")


def test_biomarker_test_entry(kb: Knowledge) -> None:
    test = t(kb, "test", "pik3ca_esr1_akt1_test")
    for gene in ("PIK3CA", "ESR1", "AKT1", "PTEN"):
        assert gene in test.short, gene
    assert "blood sample" in test.short and "tissue" in test.short
    assert "do not pass to your family" in test.more
    assert "ESR1" in sentence_of(test.more, "usual test for")
    assert "tissue test may still find one" in test.more


def test_sacituzumab_fever_and_diarrhea(kb: Knowledge) -> None:
    sg = t(kb, "treatment", "sacituzumab_govitecan")
    assert "Trop-2" in sg.short
    us = kb.body(sg, aspect="side_effects", region="US")
    uk = kb.body(sg, aspect="side_effects", region="UK")
    assert "38.0 °C (100.4 °F) or higher" in us and "37.5 °C or higher" in uk
    assert "the one your team gave you" in us
    assert "hotline now" in sentence_of(us, "diarrhea that")
    assert "contraception" in sg.more
    assert "hotline now" in sg.caregiver and "fever" in sg.caregiver


def test_ovarian_suppression(kb: Knowledge) -> None:
    os_ = t(kb, "treatment", "ovarian_suppression")
    assert "goserelin" in os_.short and "have not had their menopause" in os_.short
    assert "contraception without hormones" in os_.more
    assert "Men with breast cancer" in os_.more
    assert "at once" in sentence_of(os_.side_effects, "belly pain")
    assert "bones can thin" in os_.side_effects


def test_fertility_pregnancy_and_contraception(kb: Knowledge) -> None:
    fert = t(kb, "treatment", "fertility_pregnancy")
    assert "harm an unborn baby" in fert.short and "harm an unborn baby" in fert.caregiver
    assert "not advised" in sentence_of(fert.short, "hormones")
    assert "fertility specialist before treatment starts" in fert.more
    assert "tell your team straight away" in fert.more and "do not stop any medicine" in fert.more
    assert "at once" in sentence_of(fert.side_effects, "pregnant")


# Region -> the organisations and numbers that must follow the region label.
HELPLINES = {
    "US": [("American Cancer Society", "1-800-227-2345")],
    "UK": [("Macmillan", "0808 808 00 00"), ("Breast Cancer Now", "0808 800 6000")],
    "Australia": [("Cancer Council", "13 11 20")],
    "Canada": [("Canadian Cancer Society", "1-888-939-3333")],
}
PHONE = re.compile(r"\b1-8\d\d-[\dA-Z-]{7,}\d|\b0808 ?\d{3} ?\d{2} ?\d{2}\b|\b0808 \d{3} \d{4}\b|\b13 11 20\b")


def _region_segments(text: str, labels: List[str]) -> dict:
    """Split ``text`` at each region label ("US:" / "In the US,"): label -> its segment."""
    pattern = re.compile(r"\b(?:In (?:the )?)?(" + "|".join(labels) + r")\b[:,]")
    marks = [(m.group(1), m.start()) for m in pattern.finditer(text)]
    return {
        label: text[start : (marks[i + 1][1] if i + 1 < len(marks) else len(text))]
        for i, (label, start) in enumerate(marks)
    }


@pytest.mark.parametrize("field", ["short", "more", "caregiver"])
def test_helpline_numbers_per_region(kb: Knowledge, field: str) -> None:
    text = getattr(t(kb, "support", "helplines"), field)
    segments = _region_segments(text, list(HELPLINES))
    assert set(segments) == set(HELPLINES), segments.keys()
    for region, lines in HELPLINES.items():
        for org, number in lines:
            assert org in segments[region] and number in segments[region], (region, org, number)
        # no number of another region slipped into this one
        allowed = {n for _, n in lines} | {"1-800-422-6237"}
        assert set(PHONE.findall(segments[region])) <= allowed, (region, PHONE.findall(segments[region]))


def test_helplines_are_not_emergency_lines(kb: Knowledge) -> None:
    helplines = t(kb, "support", "helplines")
    assert "not for emergencies" in helplines.more
    assert "oncology hotline or emergency services" in helplines.more
    assert "1-800-422-6237" in helplines.more  # NCI Cancer Information Service
    urls = {s.url for s in helplines.sources}
    for site in ("cancer.org/", "macmillan.org.uk", "breastcancernow.org", "cancer.org.au", "cancer.ca"):
        assert any(site in url for url in urls), site


def test_trial_finders(kb: Knowledge) -> None:
    finder = t(kb, "support", "trial_finder")
    for name in ("ClinicalTrials.gov", "Cancer Research UK", "Australian Cancer Trials"):
        assert name in finder.short and name in finder.caregiver, name
    assert "0808 800 4040" in finder.more and "1-800-422-6237" in finder.more
    assert "talk it through with your oncologist" in finder.more
    urls = {s.url for s in finder.sources}
    for url in (
        "https://clinicaltrials.gov/",
        "https://www.cancerresearchuk.org/about-cancer/find-a-clinical-trial",
        "https://www.australiancancertrials.gov.au/",
    ):
        assert url in urls, url


# --------------------------------------------- through the answer action


@pytest.mark.parametrize("category,key", GAP_TOPICS)
async def test_new_key_renders_through_the_answer_action(kb: Knowledge, category: str, key: str) -> None:
    """The NLU sets the category's entity to the key; the action answers that topic."""
    entity = ENTITY_FOR_CATEGORY[category]
    assert entity, category
    intent = INTENT_FOR_CATEGORY[category]
    messages, events = await run(ActionAnswerTopic(), tracker("question", intent, [ent(entity, key)]))
    topic = kb.topic(category, key)
    assert messages[0]["text"].startswith(kb.body(topic) + "\n\nSource: ")
    assert slot_events(events)["last_topic"] == f"{category}:{key}"

    carer, _ = await run(
        ActionAnswerTopic(), tracker("question", intent, [ent(entity, key)], slots={"role": "caregiver"})
    )
    assert carer[0]["text"].startswith(kb.body(topic, role="caregiver") + "\n\nSource: ")
    assert topic.caregiver and kb.body(topic, role="caregiver") != kb.body(topic)


async def test_side_effects_follow_up_on_a_new_treatment(kb: Knowledge) -> None:
    t_ = tracker("and the side effects?", "ask_treatment", slots={"last_topic": "treatment:growth_factor"})
    messages, _ = await run(ActionAnswerTopic(), t_)
    topic = kb.topic("treatment", "growth_factor")
    assert messages[0]["text"].startswith(f"Side effects of {topic.title}: ")
    assert "spleen" in messages[0]["text"]
