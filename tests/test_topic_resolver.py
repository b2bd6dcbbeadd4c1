"""bot/nlu/topic_resolver.py: topic entities carry contract values, filled by meaning.

The resolver is trained here on the real training data (data/nlu) with the real encoder;
intents are given, so these tests pin the resolver, not DIET.
"""

from __future__ import annotations

from typing import Dict, List, Optional

import pytest
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message

from bot.content import ENTITY_FOR_CATEGORY, INTENT_CATEGORY
from bot.nlu.minilm_featurizer import SENTENCE_EMBEDDING
from bot.nlu.topic_resolver import (
    EXTRACTOR_NAME,
    TopicResolver,
    _cause_only,
    _follow_up,
    allowed_topics,
    asks_if_chemo,
    medicine_matches,
)
from bot.triage.engine import treatment_value
from bot.triage.lexicon import load_lexicon

#: The NLU contract (DESIGN.md): these values must always be reachable.
CONTRACT = {
    "symptom": ["fatigue", "bone_pain", "anemia", "infection", "bleeding", "weight_loss", "cognitive"],
    "biopsy_step": ["preparation", "sample_collection", "lab_analysis"],
    "test": ["mri", "ct", "pet", "blood_test", "tumor_marker", "molecular_profiling"],
    "treatment": [
        "chemotherapy",
        "hormone_therapy",
        "immunotherapy",
        "her2_targeted",
        "cdk46_inhibitor",
        "parp_inhibitor",
        "bisphosphonate",
        "denosumab",
    ],
    "resource": ["support_group", "counseling", "palliative_care", "caregiver_support"],
}
INTENT_FOR_ENTITY = {e: i for i, c in INTENT_CATEGORY.items() for k, e in ENTITY_FOR_CATEGORY.items() if k == c and e}

#: Lay phrasings without the topic's usual name, one or more per contract value.
LAY: Dict[str, List[str]] = {
    "fatigue": ["i'm wiped out by mid afternoon every day, why", "no energy to even get dressed lately"],
    "bone_pain": ["my hips ache at night, is that the cancer", "deep ache in my ribs and thighs"],
    "anemia": ["why am i so pale and out of breath on the stairs", "my red cells are low, what does that mean"],
    "infection": ["i keep catching every cold going", "why do i get ill so easily now"],
    "bleeding": ["why do i bruise so easily", "my gums bleed when i brush my teeth"],
    "weight_loss": ["how do i keep weight on", "i've lost a lot of weight without trying"],
    "cognitive": ["i keep forgetting words and can't focus", "my memory has gone foggy since treatment"],
    "preparation": ["what should i do the day before the marrow test", "can i eat before they take the marrow sample"],
    "sample_collection": ["how do they actually get the marrow out", "does the needle into the hip bone hurt"],
    "lab_analysis": ["what do they look for in the marrow sample", "what is the sample tested for"],
    "mri": ["the scan in the big noisy tube with magnets", "do i need the magnet scan"],
    "ct": ["what is a cat scan", "the x-ray scan that takes slices of the body"],
    "pet": ["the scan where they inject sugar that lights up", "what is a pet-ct"],
    "blood_test": ["what does my full blood count show", "why do they keep taking blood every visit"],
    "tumor_marker": ["what is ca 15-3", "what do the cancer markers in my blood mean"],
    "molecular_profiling": ["should my tumour have genetic testing", "what is next generation sequencing of the tumor"],
    "chemotherapy": ["what does chemo do", "how does capecitabine work"],
    "hormone_therapy": ["what does letrozole do", "how does fulvestrant work"],
    "immunotherapy": ["what is keytruda", "how does pembrolizumab work"],
    "her2_targeted": ["what does herceptin do", "how does enhertu work"],
    "cdk46_inhibitor": ["what does ibrance do", "how does ribociclib work"],
    "parp_inhibitor": ["what is olaparib", "what does lynparza do"],
    "bisphosphonate": ["what is zoledronic acid for", "why do i get zometa"],
    "denosumab": ["what is xgeva", "what is the bone injection denosumab"],
    "support_group": [
        "is there anywhere i can talk to people going through the same",
        "is there a group for people like me",
    ],
    "counseling": ["i'd like some therapy to help me cope", "can i see a counsellor"],
    "palliative_care": ["what is palliative care", "who helps with comfort and symptom control"],
    "caregiver_support": ["i'm looking after my wife and need help myself", "support for carers"],
}


@pytest.fixture(scope="module")
def resolver(tmp_path_factory):
    storage = LocalModelStorage(tmp_path_factory.mktemp("resolver"))
    component = TopicResolver.create(TopicResolver.get_default_config(), storage, Resource("topic"), None)
    component.train(load_data("data/nlu"))
    # load from storage, as the server does
    return TopicResolver.load(TopicResolver.get_default_config(), storage, Resource("topic"), None)


def parse(resolver: TopicResolver, text: str, intent: str, entities: Optional[list] = None) -> List[dict]:
    message = Message(data={TEXT: text, INTENT: {"name": intent, "confidence": 0.9}, ENTITIES: entities or []})
    resolver.process([message])
    return message.get(ENTITIES) or []


def topic_values(entities: List[dict], entity: str) -> List[str]:
    return [e["value"] for e in entities if e["entity"] == entity]


def test_contract_values_are_all_topic_keys():
    allowed = allowed_topics()
    for entity, values in CONTRACT.items():
        assert set(values) <= set(allowed[entity]), entity


@pytest.mark.parametrize(
    "entity,value,text",
    [(e, v, t) for e, values in CONTRACT.items() for v in values for t in LAY[v]],
)
def test_every_contract_value_is_reached_from_lay_phrasings(resolver, entity, value, text):
    """No span from DIET: the lexicon or the nearest neighbour must find the topic."""
    got = topic_values(parse(resolver, text, INTENT_FOR_ENTITY[entity]), entity)
    assert got and got[0] == value, f"{text!r} -> {got}"


@pytest.mark.parametrize(
    "entity,fragment,expected",
    [
        ("symptom", "ache", None),
        ("symptom", "hips", None),
        ("symptom", "keep", None),
        ("resource", "people going", None),
        ("treatment", "Herceptin", "her2_targeted"),
        ("treatment", "palbociclib", "cdk46_inhibitor"),
        ("symptom", "tiredness", "fatigue"),
    ],
)
def test_a_fragment_never_reaches_the_parse(resolver, entity, fragment, expected):
    """A DIET value that is not a topic key is mapped through the synonyms or dropped."""
    ents = [{"entity": entity, "value": fragment, "start": 0, "end": len(fragment), "extractor": "DIETClassifier"}]
    got = parse(resolver, "hello there", "greet", ents)
    assert topic_values(got, entity) == ([expected] if expected else [])


def test_every_value_left_in_a_parse_is_a_topic_key(resolver):
    allowed = allowed_topics()
    for entity, values in CONTRACT.items():
        for value in values:
            for text in LAY[value]:
                for ent in parse(resolver, text, INTENT_FOR_ENTITY[entity]):
                    if ent["entity"] in allowed:
                        assert ent["value"] in allowed[ent["entity"]]


def test_a_valid_diet_value_is_kept(resolver):
    ents = [{"entity": "symptom", "value": "anemia", "start": 10, "end": 16, "extractor": "DIETClassifier"}]
    got = parse(resolver, "what does that mean for me", "ask_symptom", ents)
    assert topic_values(got, "symptom") == ["anemia"]


def test_two_medicines_are_both_found(resolver):
    got = parse(resolver, "my wife started palbociclib and fulvestrant, how do they work together", "ask_treatment")
    assert set(topic_values(got, "treatment")) == {"cdk46_inhibitor", "hormone_therapy"}


def test_a_question_it_cannot_place_gets_no_topic(resolver):
    """No guess: the action then offers the topic menu."""
    for text in ("tell me about treatments", "what are the options", "hmm"):
        assert topic_values(parse(resolver, text, "ask_treatment"), "treatment") == [], text


def test_nearest_neighbour_entity_is_marked_and_scored(resolver):
    got = parse(resolver, "i'm wiped out by mid afternoon every day, why", "ask_symptom")
    ent = next(e for e in got if e["entity"] == "symptom")
    assert ent["extractor"] == EXTRACTOR_NAME
    assert 0.0 < ent["confidence_entity"] <= 1.0


def test_reuses_the_featurizers_embedding(resolver, monkeypatch):
    """With the featurizer's sentence embedding on the message, nothing is encoded again."""
    import numpy as np

    from bot.nlu import topic_resolver as tr

    vector = tr.get_encoder().embed(["how do i keep weight on"])[0]
    monkeypatch.setattr(tr, "get_encoder", lambda *a, **k: pytest.fail("encoded twice"))
    message = Message(data={TEXT: "how do i keep weight on", INTENT: {"name": "ask_symptom"}, ENTITIES: []})
    message.set(SENTENCE_EMBEDDING, np.asarray(vector))
    resolver.process([message])
    assert topic_values(message.get(ENTITIES), "symptom") == ["weight_loss"]
    assert SENTENCE_EMBEDDING not in message.as_dict(only_output_properties=True)


def test_other_entities_are_untouched(resolver):
    ents = [
        {"entity": "mood_score", "value": "6", "start": 0, "end": 1},
        {"entity": "crisis_about", "value": "self", "start": 0, "end": 0},
    ]
    got = parse(resolver, "6", "inform_mood", ents)
    assert got == ents


@pytest.mark.parametrize("text", ["", " ", "\x00\x01", "😀" * 50, "a" * 20000])
def test_odd_inputs_do_not_crash(resolver, text):
    parse(resolver, text, "ask_symptom")


@pytest.mark.parametrize(
    "text,intent,entity,expected",
    [
        (
            "my ribs ache at night and i've lost a lot of weight without trying",
            "ask_symptom",
            "symptom",
            {"bone_pain", "weight_loss"},
        ),
        (
            "she bruises so easily and keeps catching every cold going",
            "ask_symptom",
            "symptom",
            {"bleeding", "infection"},
        ),
        ("what is a cat scan, and do i need the magnet scan too", "ask_diagnosis", "test", {"ct", "mri"}),
    ],
)
def test_a_two_part_question_gets_both_topics(resolver, text, intent, entity, expected):
    """Each clause without a topic found so far is placed by meaning on its own."""
    assert set(topic_values(parse(resolver, text, intent), entity)) == expected


def test_a_one_word_clause_is_not_guessed(resolver):
    """'tablet' alone is near hormone tablets, but not near enough to be a topic."""
    got = parse(resolver, "how is enhertu given, drip or tablet", "ask_treatment")
    assert topic_values(got, "treatment") == ["her2_targeted"]


def test_a_clause_that_holds_a_found_topic_is_not_placed_again(resolver):
    ents = [{"entity": "symptom", "value": "fatigue", "start": 0, "end": 9, "extractor": "DIETClassifier"}]
    got = parse(resolver, "tiredness, is that normal", "ask_symptom", ents)
    assert topic_values(got, "symptom") == ["fatigue"]


@pytest.mark.parametrize(
    "clause, follow_up",
    [
        (" is that because of the marrow", True),
        (" why is it given by drip", True),
        (" is this normal when it's in the marrow", True),
        (" my mum", True),
        (" her", True),
        (" will they do an mri now", False),
        (" weight going down what does it all mean", False),
        (" every little cut gets infected", False),
        (" pet", False),
    ],
)
def test_follow_up_clauses_are_told_from_second_topics(clause, follow_up):
    assert _follow_up(clause) is follow_up


@pytest.mark.parametrize(
    "text, found, surface",
    [
        ("she's had three infections since christmas, is that because of the marrow", "infection", "infections"),
        ("what's pamidronate and why is it given by drip", "bisphosphonate", "pamidronate"),
        ("where can I find a local support group to go to with my mum", "support_group", "support group"),
    ],
)
def test_a_follow_up_clause_adds_no_second_topic(resolver, text, found, surface):
    """Once a topic is found, a clause that points back at it is not placed as another topic."""
    entity = resolver.entity_of[found]
    start = text.index(surface)
    ents = [
        {"entity": entity, "value": found, "start": start, "end": start + len(surface), "extractor": "DIETClassifier"}
    ]
    intent = {"symptom": "ask_symptom", "treatment": "ask_treatment", "resource": "ask_support"}[entity]
    assert topic_values(parse(resolver, text, intent, ents), entity) == [found]


@pytest.mark.parametrize(
    "text,surface",
    [
        ("what does a rising ca 27.29 mean", "ca 27.29"),
        ("my CA 15-3 went up, why", "ca 15-3"),
        ("is pet/ct better than a bone scan", "pet/ct"),
    ],
)
def test_a_surface_form_with_punctuation_is_found_as_written(resolver, text, surface):
    """Surfaces are stored normalised ("ca 27 29"); the message keeps its punctuation."""
    spans = [text.lower()[a:b] for _, (a, b) in resolver.lexicon_matches(text, "test")]
    assert surface in spans, spans


def test_every_specific_medicine_of_the_triage_lexicon_has_a_contract_treatment_value():
    """The lexicon and the NLU contract stay in step: a medicine added to medicines.yml whose
    classes name no treatment topic fails here instead of going unplaced."""
    allowed = set(allowed_topics()["treatment"])
    for medicine_id in load_lexicon().medicines:
        assert treatment_value(medicine_id) in allowed, medicine_id


@pytest.mark.parametrize(
    "text, expected",
    [
        ("is palbocyclib a type of chemo", ["cdk46_inhibitor"]),
        ("my mums zolendronic infusion made her achy", ["bisphosphonate"]),
        ("what does Trodelvy do", ["chemotherapy"]),
        ("on kiskali and letrozol, why both", ["cdk46_inhibitor", "hormone_therapy"]),
        ("why am i on Herceptin AND Perjeta", ["her2_targeted", "her2_targeted"]),
        ("does chemo or immunotherapy work better", []),
        ("what should i eat this week", []),
    ],
)
def test_medicines_are_found_by_the_triage_lexicon_typos_included(text, expected):
    found = medicine_matches(text)
    assert [value for value, _ in found] == expected
    for _, (start, end) in found:
        assert text[start:end].strip() and text[start:end].lower() == text.lower()[start:end]


def test_a_misspelt_medicine_becomes_the_treatment_topic_of_the_parse(resolver):
    got = parse(resolver, "is palbocyclib a type of chemo", "ask_treatment")
    assert "cdk46_inhibitor" in topic_values(got, "treatment")
    got = parse(resolver, "my mums zolendronic infusion made her achy, is that common", "ask_treatment")
    assert topic_values(got, "treatment") == ["bisphosphonate"]


@pytest.mark.parametrize(
    "text, medicine, asked",
    [
        ("is Enhertu a chemo or something else", "Enhertu", True),
        ("is palbocyclib a type of chemo", "palbocyclib", True),
        ("t-dxd?? is that a chemo or something else", "t-dxd", True),
        ("is kisqali classed as chemotherapy", "kisqali", True),
        ("is immunotherapy chemo", "immunotherapy", True),
        ("can you have chemo and immunotherapy at the same time", "immunotherapy", False),
        ("is herceptin given with chemo", "herceptin", False),
        ("is there a chemo that works with herceptin", "herceptin", False),
        ("herceptin and chemo together, is that normal", "herceptin", False),
    ],
)
def test_a_medicine_asked_about_as_a_chemo_is_told_from_two_treatments(text, medicine, asked):
    start = text.find(medicine)
    assert asks_if_chemo(text, start, start + len(medicine)) is asked


@pytest.mark.parametrize(
    "text, expected",
    [
        # the named medicine is the topic; "a chemo" is the class asked about
        ("is Enhertu a chemo or something else", ["her2_targeted"]),
        ("is palbocyclib a type of chemo", ["cdk46_inhibitor"]),
        # two treatments really asked about keep both
        ("can I have chemo and herceptin at the same time", ["chemotherapy", "her2_targeted"]),
    ],
)
def test_the_class_asked_about_is_not_a_second_topic(resolver, text, expected):
    got = parse(resolver, text, "ask_treatment")
    assert sorted(topic_values(got, "treatment")) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("does an mri show the spine better than a ct", ["ct", "mri"]),
        ("she has a pet next week and a blood count on friday", ["blood_test", "pet"]),
        ("ct or mri for the hip, which is better", ["ct", "mri"]),
    ],
)
def test_two_letter_and_three_letter_scan_names_are_found(resolver, text, expected):
    """Acronyms shorter than the lexicon's minimum are whole test names (short_lexicon_surfaces)."""
    assert sorted(topic_values(parse(resolver, text, "ask_diagnosis"), "test")) == expected


def test_short_surfaces_other_than_the_acronyms_stay_out_of_the_lexicon(resolver):
    """'one', 'two', 'hip' are annotated somewhere, but alone they name no topic."""
    assert resolver.lexicon_matches("one or two things about my hip", "symptom") == []


@pytest.mark.parametrize(
    "clause, cause_only",
    [
        (" is that because of the marrow thing", True),
        (" which one is from the marrow", True),
        (" are both of those from the cancer", True),
        # session 17 (set O, read after its measurement): "... is the disease doing this"
        (" is the disease doing this", True),
        (" is the tumour behind it", True),
        (" is she losing weight", False),
        (" is it the bone pain", False),
        (" and why am i so tired", False),
        ("", False),
    ],
)
def test_a_clause_asking_only_for_the_cause_is_told_apart(clause, cause_only):
    assert _cause_only(clause) is cause_only


@pytest.mark.parametrize(
    "text, expected",
    [
        ("he picks up every bug going, is that because of the marrow thing", ["infection"]),
        ("tired all day and my bones ache, which one is from the marrow", ["bone_pain", "fatigue"]),
    ],
)
def test_a_cause_clause_adds_no_topic(resolver, text, expected):
    """'..., is that because of the marrow' asks about the cause of what was described; placed on
    its own the clause lands on whatever topic sits nearest the word marrow."""
    assert sorted(topic_values(parse(resolver, text, "ask_symptom"), "symptom")) == expected


def test_an_overruled_alarm_gets_the_topic_of_the_question_it_becomes(resolver):
    """Blind set R (read after its measurement): "what's the point of zolodronic acid drips if it
    doesn't kill the cancer" was classified crisis, the benign check overruled it to ask_treatment,
    and the topic was lost (the resolver had seen a crisis). The topics of the next-ranked knowledge
    intents are kept aside and the overruled question carries its own."""
    from rasa.shared.nlu.constants import INTENT_RANKING_KEY

    from bot.nlu.topic_resolver import OVERRULE_TOPICS
    from bot.safety.component import SafetyOverride
    from bot.safety.semantic import SEMANTIC_SAFETY, SemanticReading

    text = "what's the point of zolodronic acid drips if they don't kill the cancer, is it just for the bones"
    ranking = [
        {"name": "crisis", "confidence": 0.52},
        {"name": "ask_treatment", "confidence": 0.30},
        {"name": "ask_about_condition", "confidence": 0.13},
    ]
    message = Message(data={TEXT: text, INTENT: ranking[0], INTENT_RANKING_KEY: ranking, ENTITIES: []})
    resolver.process([message])
    assert topic_values(message.get(ENTITIES) or [], "treatment") == []  # a crisis carries no topic
    assert topic_values(message.get(OVERRULE_TOPICS)["ask_treatment"], "treatment") == ["bisphosphonate"]
    # the classifier was unsure and the message sits among ordinary examples: the semantic reader overrules
    message.set(SEMANTIC_SAFETY, SemanticReading(crisis=0.41, urgent=0.30, neither=0.62))
    SafetyOverride().process([message])
    assert message.get(INTENT)["name"] == "ask_treatment", message.get("safety")
    assert topic_values(message.get(ENTITIES) or [], "treatment") == ["bisphosphonate"]
    assert "topics_if_overruled" not in message.as_dict(only_output_properties=True)


def test_a_crisis_that_stands_carries_no_topic(resolver):
    from rasa.shared.nlu.constants import INTENT_RANKING_KEY

    from bot.safety.component import SafetyOverride

    text = "what's the point of the zoledronic acid drips, i want to die"
    ranking = [{"name": "crisis", "confidence": 0.9}, {"name": "ask_treatment", "confidence": 0.08}]
    message = Message(data={TEXT: text, INTENT: ranking[0], INTENT_RANKING_KEY: ranking, ENTITIES: []})
    resolver.process([message])
    SafetyOverride().process([message])
    assert message.get(INTENT)["name"] == "crisis"
    assert topic_values(message.get(ENTITIES) or [], "treatment") == []
