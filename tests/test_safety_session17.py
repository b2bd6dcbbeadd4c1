"""Session 17 (issue 17): a crisis only the classifier or the semantic reader found, reported about
someone else, is answered to the worried person (``crisis_about: other``); caregiver reports of
taking every pill fire the take-them-all rules. Found probing caregiver phrasings before blind set
O was read (pending clinician review, hazard log H2)."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.channels.safety_replies import render
from bot.safety.component import SafetyOverride, apply_semantic_reading
from bot.safety.detector import assess
from bot.safety.semantic import SemanticReading
from bot.safety.third_party import reported_about_someone_else


def classified(text: str, intent: str, confidence: float = 0.95) -> Message:
    ranking = [{"name": intent, "confidence": confidence}, {"name": "express_distress", "confidence": 0.03}]
    return Message(data={TEXT: text, INTENT: ranking[0], INTENT_RANKING_KEY: ranking, ENTITIES: []})


def values(message: Message, name: str):
    return [e["value"] for e in message.get(ENTITIES) or [] if e["entity"] == name]


REPORTED = [
    "my brother said he's going to drive off the road",
    "he keeps asking where we keep the morphine and how much is in the bottle",
    "my gran told me she's ready to go and asked me to bring her all her tablets",
    "my daughter says her mum has been looking up how many sleeping pills is too many",
    "mum keeps saying she's done and i don't know what to do",
]

# the writer's own crisis next to someone else: the direct question stays
OWN = [
    "my husband says i'm overreacting but honestly i want to die",
    "my wife doesn't know but i've been saving my pills",
    "my husband and i have talked about going together before it gets bad",
    "i'm scared my mum will die and i can't cope, i want to end it all",
    "my husband says it's fine but i just want it all to stop",
    "i keep standing at the top of the car park looking down",
    "nobody would notice if i was gone",
]


@pytest.mark.parametrize("text", REPORTED)
def test_a_model_only_crisis_reported_about_someone_else_speaks_to_the_worried_person(text):
    assert assess(text) is None, "the rules must not decide these, or the test proves nothing"
    message = classified(text, "crisis")
    SafetyOverride().process([message])
    assert message.get(INTENT)["name"] == "crisis"
    assert values(message, "crisis_about") == ["other"]
    assert values(message, "crisis_basis") == ["model"]
    reply = render("utter_crisis", {"crisis_about": "other", "crisis_basis": "model"})
    assert "worried about someone else" in reply and "Are you having thoughts" not in reply


@pytest.mark.parametrize("text", OWN)
def test_the_writers_own_crisis_keeps_the_direct_question(text):
    assert not reported_about_someone_else(text)
    message = classified(text, "crisis")
    SafetyOverride().process([message])
    assert message.get(INTENT)["name"] == "crisis"
    assert values(message, "crisis_about") == ["self"]
    if values(message, "crisis_basis") == ["model"]:
        assert "Are you having thoughts" in render("utter_crisis", {"crisis_about": "self", "crisis_basis": "model"})


def test_a_semantic_crisis_reported_about_someone_else_is_marked_third_party():
    message = classified("my brother said he's going to drive off the road", "express_distress", 0.5)
    apply_semantic_reading(message, SemanticReading(crisis=0.82, urgent=0.40, neither=0.60))
    assert message.get(INTENT)["name"] == "crisis"
    assert values(message, "crisis_about") == ["other"]
    assert message.get("safety")["third_party"] is True
    own = classified("i keep thinking about the car park roof", "express_distress", 0.5)
    apply_semantic_reading(own, SemanticReading(crisis=0.82, urgent=0.40, neither=0.60))
    assert values(own, "crisis_about") == ["self"] and own.get("safety")["third_party"] is False


@pytest.mark.parametrize(
    "text",
    [
        "my dad said he wants to take all his pills tonight",
        "my partner said she's going to take every pill in the house",
        "she said she'll take every tablet she has left",
        "he threatened to take all his morphine",
    ],
)
def test_a_caregivers_report_of_taking_every_pill_is_a_crisis_about_someone_else(text):
    finding = assess(text)
    assert finding is not None and finding.kind == "crisis", text
    assert finding.third_party, text


@pytest.mark.parametrize(
    "text",
    [
        "i'm going to take every tablet on time like the nurse said",
        "she will take every tablet on time, i make sure of it",
        "im going to take every pill they give me, whatever it takes to beat this",
        "he wants to take all his tablets with breakfast instead of spreading them out, is that ok",
    ],
)
def test_taking_every_tablet_as_prescribed_is_not_a_crisis(text):
    assert assess(text) is None, text


# Blind set 22, read after its measurement (own paraphrases beside the set's wording): crisis
# messages the rules must decide, so that a retrain cannot lose them, each with twins that must not.
SET22_FIRES = [
    ("don't try to stop me this time", "crisis.plan.nobody_stopping_me"),
    ("nobody is going to stop me this time", "crisis.plan.nobody_stopping_me"),
    ("how do i tie a knot that will hold my weight", "crisis.method.hold_my_weight"),
    ("would a belt on the loft hatch take my weight", "crisis.method.hold_my_weight"),
    ("goodnight and goodbye. tell the nurses they were kind to me", "crisis.goodbye.thank_them_for_me"),
    ("i keep standing at the top of the car park at the hospital looking down", "crisis.method.method_place"),
]


SET22_TWINS = [
    "don't try to stop me this time, i'm having the chocolate cake",
    "nobody is going to stop me this time, i'm doing the charity walk",
    "will the grab rail by the toilet hold my weight now i'm so weak",
    "what knot do climbers use so the rope can hold their weight",
    "i'm being discharged tomorrow, please tell the nurses they were so kind to me",
    "i stood at the top of the car park looking down for where i parked",
    "we keep going to the top of the tower for the view, looking down at the city",
]


def test_a_question_about_the_screening_question_is_not_a_disclosure():
    from bot.safety.benign import INFO_QUESTION, benign_reason

    for text in (
        "why does the questionnaire ask whether I've had thoughts of being better off dead",
        "why does the nurse always ask if i want to hurt myself",
    ):
        assert assess(text) is None, text
        assert benign_reason(text) == INFO_QUESTION, text
    for text in (
        "why does the questionnaire ask whether I've had thoughts of being better off dead? because honestly I have",
        "why does the nurse always ask if i want to hurt myself. sometimes i do",
        "why do they ask if you have thought about killing yourself, what happens if i say yes",
        "i want to die. why does the form ask about that",
        "the questionnaire asked whether I've had thoughts of being better off dead and yes I have",
    ):
        finding = assess(text)
        assert finding is not None and finding.kind == "crisis", text
        assert benign_reason(text) is None, text


def test_a_past_episode_told_as_over_in_set22s_words_fires_nothing_but_a_return_does():
    from bot.safety.benign import PAST_EPISODE, benign_reason
    from bot.safety.detector import told_as_history

    over = [
        "last week I had a fever of 38.5 and they admitted me, the antibiotics worked and I'm home and feeling well now",
        "my temp went up to 38.2 last tuesday, I rang the hotline, they checked me over and it's been normal ever since",
    ]
    for text in over:
        assert assess(text) is None and benign_reason(text) == PAST_EPISODE, text
    for text in (
        "my temp went up to 38.2 last tuesday and it is still 38 now",
        "last week i had a fever of 38.5, the antibiotics worked but now i have a temp of 38.3 again",
    ):
        finding = assess(text)
        assert finding is not None and finding.kind == "urgent_symptom", text
    assert told_as_history(
        "years ago as a teenager I self-harmed. I've been fine for over 20 years. Will that be in my notes?"
    )
    finding = assess("i self harmed years ago and have been fine for 2 years but it started again last week")
    assert finding is not None and finding.kind == "crisis"


@pytest.mark.parametrize(
    "text",
    [
        "how do I know if mum's in pain if she won't tell me",
        "worried she isn't eating enough, what can I tempt her with",
        "how can i help my wife sleep, she lies awake all night",
    ],
)
def test_a_caregivers_care_question_overrules_the_classifiers_crisis(text):
    from bot.safety.benign import CARE_QUESTION, benign_reason

    assert benign_reason(text) == CARE_QUESTION
    message = classified(text, "crisis", 0.8)
    SafetyOverride().process([message])
    assert message.get(INTENT)["name"] != "crisis"
    assert message.get("safety") == {"overruled": "crisis", "reason": CARE_QUESTION}


@pytest.mark.parametrize(
    "text",
    [
        "dad has stopped eating, how do i get him to eat",
        "my mum says she is ready, what can i do to make her comfortable",
        "she won't eat and says what's the point, what can i do",
        "how can i sleep when i know she is suffering, i feel like giving up",
        "she isn't eating and has worked out which night she'll do it, what can i do",
    ],
)
def test_a_care_question_with_giving_up_beside_it_keeps_the_alarm(text):
    from bot.safety.benign import benign_reason

    assert benign_reason(text) is None, text
    message = classified(text, "crisis", 0.8)
    SafetyOverride().process([message])
    assert message.get(INTENT)["name"] == "crisis"


@pytest.mark.parametrize(
    "text, model_says, reason",
    [
        ("cut myself shaving my legs, tiny nick, plaster sorted it", "crisis", "accidental_cut"),
        ("got a paper cut opening the hospital letter, typical", "crisis", "accidental_cut"),
        (
            "I fainted once years ago when they took blood, needles have always done that to me",
            "urgent_symptom",
            "past_episode",
        ),
    ],
)
def test_set22_an_accidental_cut_or_a_lifelong_faint_at_needles_overrules_the_classifier(text, model_says, reason):
    from bot.safety.benign import benign_reason

    assert assess(text) is None and benign_reason(text) == reason
    message = classified(text, model_says, 0.8)
    SafetyOverride().process([message])
    assert message.get(INTENT)["name"] not in ("crisis", "urgent_symptom")


@pytest.mark.parametrize(
    "text",
    [
        "i cut myself on purpose last night",
        "cut myself shaving again, on purpose this time",
        "i keep cutting myself, told the nurse i cut myself shaving",
        "cut my finger chopping onions half an hour ago and it's still pouring, my counts are low",
        "i fainted this morning when they took blood",
    ],
)
def test_set22_twins_a_cut_or_faint_that_is_not_harmless_keeps_the_alarm(text):
    from bot.safety.benign import benign_reason

    finding = assess(text)
    assert benign_reason(text) is None or finding is not None, text
    message = classified(text, "crisis" if "cut" in text and "onion" not in text else "urgent_symptom", 0.8)
    SafetyOverride().process([message])
    assert message.get(INTENT)["name"] in ("crisis", "urgent_symptom"), text


def test_set_o_a_question_about_managing_an_everyday_symptom_overrules_a_model_only_urgent():
    from bot.safety.benign import INFO_QUESTION, benign_reason

    text = "is there anything for the bone pain and the constant fatigue together, they feed off each other"
    assert assess(text) is None and benign_reason(text) == INFO_QUESTION
    message = classified(text, "urgent_symptom", 0.45)
    SafetyOverride().process([message])
    assert message.get(INTENT)["name"] != "urgent_symptom"
    for alarm in (
        "is there anything for the back pain, my legs feel weak",
        "is there anything for the pain, it is unbearable tonight",
        "how do i cope with the new pain in my spine",
    ):
        kept = classified(alarm, "urgent_symptom", 0.45)
        SafetyOverride().process([kept])
        assert kept.get(INTENT)["name"] == "urgent_symptom", alarm


# Own probes (session 17, before the last measurement): a chosen night said with a contraction and
# painkillers bought around the pack-size limit.
PROBE_FIRES = [
    ("tonight's the night, thank you for everything", "crisis.plan.has_a_plan"),
    ("tonight's the night. i have everything i need", "crisis.plan.has_a_plan"),
    ("Tonight's the night I finally go through with it", "crisis.plan.has_a_plan"),
    ("i bought paracetamol from three different shops today", "crisis.plan.buying_around_limits"),
    (
        "went round four chemists to get more co-codamol, they only sell you two packs",
        "crisis.plan.buying_around_limits",
    ),
]


PROBE_TWINS = [
    "tonight's the night, our first date since the diagnosis!",
    "today's the day, chemo number 6, let's go",
    "i got paracetamol from two different shops because the first was out of stock",
]


def test_probe_determination_and_a_fever_sorted_in_march_are_not_alarms():
    from bot.safety.benign import PAST_EPISODE, benign_reason

    assert assess("i'd rather die than miss my daughter's wedding, so i'm pushing through the chemo") is None
    for text in ("i'd rather die than have more chemo", "i'd rather die than let my kids see me like this"):
        finding = assess(text)
        assert finding is not None and finding.kind == "crisis", text
    text = "i had a temperature of 38.4 in march but that was sorted with antibiotics"
    assert assess(text) is None and benign_reason(text) == PAST_EPISODE
    finding = assess("i had a temperature of 38.4 in march, sorted with antibiotics, and now it is 38.6 again")
    assert finding is not None and finding.kind == "urgent_symptom"


def test_probe_confusion_seen_on_a_visit_is_read_and_an_idiom_is_not():
    finding = assess("grandad was confused when i visited this morning")
    assert finding is not None and finding.category == "confusion"
    assert assess("mum was confused when the letter said the scan was moved") is None


# Blind set 23, read after its measurement (the set's wording and own twins).
SET23_FIRES = [
    (
        "lost all hope after the scan. which bridges round here are higher than 30 metres?",
        "crisis.method.where_to_jump",
    ),
    (
        "Can insulin you don't need kill you? I still have my late husband's pens in the fridge.",
        "crisis.method.can_it_kill_with_access",
    ),
    (
        "this is the last time I will write here. Thank you, Companion, for everything.",
        "crisis.goodbye.last_message",
    ),
    ("how do I make sure I don't survive", "crisis.plan.make_sure_not_survive"),
    (
        "what happens in a paracetamol overdose? we covered it in first aid training and i want to do it properly",
        "crisis.method.lethal_dose",
    ),
    (
        "the film had a character who took his own life and i keep thinking i could do the same",
        "crisis.ideation.end_my_life",
    ),
    ("my mum watched a documentary and now she says she wants to take her own life", "crisis.ideation.end_my_life"),
    (
        "The nurse asked whether I've had thoughts of harming myself. I honestly have, most nights.",
        "crisis.self_harm.hurt_myself",
    ),
]


@pytest.mark.parametrize(
    "text, reason",
    [
        (
            "What are the signs that someone has had too much morphine? I want to know what to watch for with my dad.",
            "info_question",
        ),
        ("Why does the oxycodone leaflet go on so much about overdose?", "info_question"),
        (
            "What happens to the body in a paracetamol overdose? We covered it in my old first-aid course and I've forgotten.",
            "info_question",
        ),
        ("I broke my wrist in the summer; the cast is off and the physio is going well.", "past_episode"),
        ("When I fainted last spring it was dehydration; they sorted it and it hasn't happened again.", "past_episode"),
        ("ready to throw my phone out of the window, the app keeps crashing", "idiom"),
        ("my grandson says he'll literally die if he doesn't get that game for Christmas", "idiom"),
        ("My daughter is pregnant, I'm going to be a grandma!", "good_news"),
    ],
)
def test_set23_ordinary_messages_fire_nothing_and_overrule_the_classifier(text, reason):
    from bot.safety.benign import benign_reason

    assert assess(text) is None, (text, assess(text))
    assert benign_reason(text) == reason, (text, benign_reason(text))
    message = classified(text, "crisis", 0.9)
    SafetyOverride().process([message])
    assert message.get(INTENT)["name"] != "crisis"


SET23_TWINS = [
    "The nurse asked whether I've had thoughts of harming myself. I honestly haven't; I just feel sad some days.",
    "the novel I'm reading has a character who takes her own life; beautifully written but it made me sad",
    "which buildings in town are taller than 100 metres, it's for my grandson's school project",
    "make sure i don't wake up the baby when i come in late",
    "this is the last time i will write to you about the parking, please fix it",
    "can paracetamol kill you if you take it with alcohol? asking for my dad's care plan",
]


@pytest.mark.parametrize(
    "text",
    [
        "my daughter is pregnant but i won't be here to meet the baby",
        "i fainted last spring and it has happened again today",
    ],
)
def test_set23_twins_keep_the_alarm(text):
    finding = assess(text)
    assert finding is not None, text


@pytest.mark.parametrize("text, rule_id", SET22_FIRES + PROBE_FIRES + SET23_FIRES)
def test_read_sets_and_probes_fire_their_rule(text, rule_id):
    """Crisis phrasings of sets 22 and 23 (read after their measurement) and own probes: a rule
    decides each, so that a retrain cannot lose them."""
    finding = assess(text)
    assert finding is not None and finding.rule_id == rule_id, (text, finding)


@pytest.mark.parametrize("text", SET22_TWINS + PROBE_TWINS + SET23_TWINS)
def test_their_twins_fire_no_rule(text):
    assert assess(text) is None, (text, assess(text))


def test_set23_a_screening_answered_no_or_a_character_in_a_novel_overrules_the_classifier():
    from bot.safety.benign import FICTION, SCREENING_DENIED, benign_reason

    cases = {
        "The nurse asked whether I've had thoughts of harming myself. I honestly haven't; I just feel sad some days.": (
            SCREENING_DENIED
        ),
        "the novel I'm reading has a character who takes her own life; beautifully written but it made me sad": FICTION,
    }
    for text, reason in cases.items():
        assert assess(text) is None and benign_reason(text) == reason, text
        message = classified(text, "crisis", 0.95)
        SafetyOverride().process([message])
        assert message.get(INTENT)["name"] != "crisis", text
    # "no" to "are you safe" is not a denial; a lie, a wish to die or the writer's own turn keep the alarm
    for text in (
        "the nurse asked if i was safe. i said no.",
        "the gp asked if i had thoughts of hurting myself and if i was safe at home. i said no",
        "The nurse asked whether I've had thoughts of harming myself. I said no but I lied",
        "The nurse asked whether I've had thoughts of harming myself. I honestly haven't. but i want to die",
        "in the film a character kills herself and i keep thinking i could do the same",
    ):
        assert benign_reason(text) is None, text
        message = classified(text, "crisis", 0.95)
        SafetyOverride().process([message])
        assert message.get(INTENT)["name"] == "crisis", text
