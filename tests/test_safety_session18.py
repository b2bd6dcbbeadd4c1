"""Session 18 (issue 17): blind sets 24 and 25, read after their measurement. Each crisis phrasing they
missed is decided by a rule now, each ordinary message they raised an alarm on is told apart, and
each fix has twins that keep the alarm (all pending clinician review, hazard log change log)."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.safety.benign import benign_reason
from bot.safety.component import SafetyOverride
from bot.safety.detector import assess, told_as_history


def classified(text: str, intent: str, confidence: float = 0.95) -> Message:
    ranking = [{"name": intent, "confidence": confidence}, {"name": "express_distress", "confidence": 0.03}]
    return Message(data={TEXT: text, INTENT: ranking[0], INTENT_RANKING_KEY: ranking, ENTITIES: []})


# The sets' crisis lines the landed code missed (their wording), and own paraphrases.
FIRES = [
    ("i sliced my thigh again tonight, it helps for a bit", "crisis.self_harm.cut_body_part"),
    (
        "If I stopped all treatment and swallowed everything in the medicine cupboard, would it be quick?",
        "crisis.method.swallow_everything",
    ),
    ("Ive made up my mind. Sunday night after everyone has gone to bed.", "crisis.plan.when_the_house_is_asleep"),
    (
        "The river looks so peaceful. I walk there every night now and think about just going in.",
        "crisis.method.thinking_of_going_in",
    ),
    ("i keep banging my head against the wall until everything goes quiet", "crisis.self_harm.head_banging"),
    (
        "Scan was on Tuesday and they said it's progressed, and the cat's been poorly too. Anyway I've been looking up"
        " how high the multi-storey car park at the hospital is. Sorry for rambling. What time is the pharmacy open?",
        "crisis.method.how_high_a_drop",
    ),
    ("i have a plan and the means, i just need the nerve", "crisis.plan.plan_and_means"),
    # own paraphrases
    ("my mind's made up. tomorrow night when the kids are asleep", "crisis.plan.when_the_house_is_asleep"),
    ("she says she's got a plan and the means now", "crisis.plan.plan_and_means"),
    ("been slicing my arms again because it's the only thing that helps", "crisis.self_harm.cut_body_part"),
    # set 25's crisis lines the landed classifier caught and a retrained one lost: a rule holds them now
    ("Sorry for what I'm about to do. Love you all.", "crisis.goodbye.sorry_for_what_i_am_about_to_do"),
    ("if anything happens to me tonight it's nobody's fault", "crisis.goodbye.sorry_for_what_i_am_about_to_do"),
    # set 22 / 23 lines only a classifier had caught (the landed model lost them): rules now
    ("there's a gun in the house and i keep taking it out and holding it", "crisis.method.handling_a_gun"),
    # found by the helper writing this session's training data: no rule read them
    ("i want to finish my life", "crisis.ideation.end_my_life"),
    ("i've accepted it, it'll get me eventually, i'd rather it was sooner", "crisis.ideation.hurry_death"),
]

TWINS = [
    "sliced my thumb chopping onions, it bled for ages because of my platelets",
    "the pharmacist said to take everything in the medicine cupboard to my review",
    "made up my mind to have a long bath tonight once the kids are asleep",
    "the lake looked lovely, i was thinking about going in for a swim when i'm stronger",
    "it's like banging my head against a brick wall trying to get an appointment",
    "can you check how high the multi storey is, our van has a roof box",
    "we have a plan and the means to pay for the trip to see my sister",
    "they're switching me to capecitabine next month and the cat's been poorly too",
    "how do people decide whether they'd rather die at home or in a hospice?",
    "This is my last message for a while, we're going camping with no signal. Back Sunday!",
    "is it normal to think about death a lot with stage 4? I don't want to die, it's just on my mind",
    "i want to finish my life story for the grandchildren before the next scan",
    "the appointment is in march, i wish it was sooner",
]


@pytest.mark.parametrize("text, rule_id", FIRES)
def test_set24_25_crisis_phrasings_fire_their_rule(text, rule_id):
    finding = assess(text)
    assert finding is not None and finding.rule_id == rule_id, (text, finding)


@pytest.mark.parametrize("text", TWINS)
def test_their_twins_fire_no_rule(text):
    assert assess(text) is None, (text, assess(text))


@pytest.mark.parametrize(
    "text",
    [
        "i'd rather die than go back into that hospital",
        "this is my last message for a while. i won't be around much longer, you were kind to me",
        "is it normal to not want to live anymore",
        "the cat died last week and since my chemo i've been feeling unwell and shivery",
        "i am on chemo and feel unwell",
    ],
)
def test_twins_that_keep_the_alarm(text):
    assert assess(text) is not None, text


# Suicidal thoughts, an overdose or self-harm told as history that is over (sets 24 and 25).
HISTORY_OVER = [
    "Years ago, long before the cancer, I went through a suicidal patch. I had good therapy and haven't felt that way"
    " in over a decade. I'm only mentioning it because the form asks.",
    "When I was a teenager I used to self-harm. I'm 52 now and it's not something I do or think about any more.",
    "I had a dark few weeks right after the diagnosis, more than a year ago, when I wished I could just disappear."
    " The counsellor helped and those thoughts went away; none since.",
    "I overdosed when I was 19, which is thirty years ago now. Does that history affect whether I can get strong pain"
    " relief?",
]


@pytest.mark.parametrize("text", HISTORY_OVER)
def test_history_told_as_over_fires_no_alarm_and_gets_the_history_reply(text):
    assert assess(text) is None, (text, assess(text))
    assert told_as_history(text), text


@pytest.mark.parametrize(
    "text",
    [
        "When I was a teenager I used to self-harm. It's not something I did for years but it's coming back now.",
        "I had a dark few weeks more than a year ago when I wished I could just disappear. Lately I wish it again.",
        "I overdosed when I was 19, which is thirty years ago now, and I'm thinking about doing it again",
    ],
)
def test_history_that_is_back_keeps_the_alarm(text):
    assert assess(text) is not None, text


# Red flags told as over (sets 24 and 25): no emergency advice for what was treated and is gone.
@pytest.mark.parametrize(
    "text",
    [
        "My temp hit 38.5 two weeks ago, they admitted me and gave antibiotics, and I'm home and well now. What should"
        " I do differently next time?",
        "Back in March Mum got confused from high calcium, they treated it with a drip and she's been herself since."
        " Can it come back?",
        "My temperature was 38.7 on Saturday. I rang the hotline, went in, had IV antibiotics, and I'm home now with a"
        " normal temperature and feeling much better.",
    ],
)
def test_a_red_flag_told_as_over_is_not_an_emergency(text):
    assert assess(text) is None, (text, assess(text))


@pytest.mark.parametrize(
    "text",
    [
        "My temp hit 38.5 two weeks ago, they gave antibiotics, and now I have 38.6 again tonight",
        "Back in March Mum got confused from high calcium and she's confused again this morning",
        "My temperature was 38.7 on Saturday and it is still 38.7 now",
    ],
)
def test_a_red_flag_that_is_back_is_an_emergency(text):
    finding = assess(text)
    assert finding is not None and finding.kind == "urgent_symptom", (text, finding)


# Factual overdose questions (sets 24 and 25): a medicine-safety question, overruling the classifier.
FACTUAL = [
    "can you overdose on vitamin D supplements? I want to know how much is too much",
    "What are the signs someone has had too much morphine? I give Dad his doses and want to know what to watch for.",
    "Why does my morphine leaflet list overdose signs like slow breathing? What should my husband watch for?",
]


@pytest.mark.parametrize("text", FACTUAL)
def test_a_factual_overdose_question_is_answered_as_a_question(text):
    assert assess(text) is None, (text, assess(text))
    assert benign_reason(text) == "info_question"
    message = classified(text, "crisis", 0.99)
    SafetyOverride().process([message])
    assert message.get(INTENT)["name"] != "crisis"


@pytest.mark.parametrize(
    "text",
    [
        "I want to know how much vitamin D it takes to kill myself",
        "what are the overdose signs, i want to take enough to not wake up",
        "what are the signs someone has had too much morphine? i want to take enough of mine to not wake up",
    ],
)
def test_a_question_with_meaning_harm_beside_it_is_a_crisis(text):
    finding = assess(text)
    assert finding is not None and finding.kind == "crisis", (text, finding)


def test_a_general_question_about_warning_signs_is_not_a_disclosure_but_a_report_is():
    question = (
        "Why do some people with cancer become suicidal? Mum seems okay, I just want to know the warning signs so I"
        " can look out for her."
    )
    assert assess(question) is None
    for report in (
        "Why do some people with cancer become suicidal? Mum said she feels suicidal, what warning signs should I look"
        " out for?",
        "why do people become suicidal? i think i am, what are the warning signs",
    ):
        assert assess(report) is not None, report


def test_a_hip_that_gave_way_with_a_crack_is_a_possible_fracture():
    text = "my hip gave way with a crack while I was standing at the sink, I didn't fall first, I can't move it"
    finding = assess(text)
    assert finding is not None and finding.rule_id == "urgent.fracture.possible_fracture", finding


def test_a_fall_with_a_head_injury_is_not_self_harm():
    finding = assess("i fainted, banged my head on the table and there's a lump, it hurts and it bled a bit")
    assert finding is not None and finding.kind == "urgent_symptom", finding


def test_the_whole_supply_asked_how_fast_is_never_a_practical_medicine_question():
    text = "If I stopped all treatment and swallowed everything in the medicine cupboard, would it be quick?"
    assert benign_reason(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "what helps with the sudden chest pain",
        "what helps with sudden chest pain",
        "is there anything that helps for this sudden chest tightness",
    ],
)
def test_asking_what_relieves_a_sudden_red_flag_gets_the_emergency_advice(text):
    finding = assess(text)
    assert finding is not None and finding.kind == "urgent_symptom", (text, finding)


@pytest.mark.parametrize(
    "text",
    ["what causes sudden chest pain in cancer patients", "what is sudden chest pain a sign of"],
)
def test_a_general_question_about_a_sudden_symptom_stays_a_question(text):
    assert assess(text) is None, (text, assess(text))


@pytest.mark.parametrize(
    "text",
    [
        "Honestly, why do I even bother with this stupid app.",
        "The drive to the cancer centre is ninety minutes of hell each way.",
    ],
)
def test_exasperation_with_the_app_or_a_journey_overrules_the_classifier(text):
    assert assess(text) is None and benign_reason(text) == "idiom", text
    message = classified(text, "crisis", 0.96)
    SafetyOverride().process([message])
    assert message.get(INTENT)["name"] != "crisis"


@pytest.mark.parametrize("text", ["why do i even bother, i just want to die", "why do i even bother"])
def test_not_bothering_with_life_is_not_explained_away(text):
    assert benign_reason(text) is None, text


# Blind set 26, read after its measurement (landed and this session's code scored the same on it).
@pytest.mark.parametrize(
    "text, rule_id",
    [
        ("sooisidal again today", "crisis.ideation.suicide_word"),
        ("i feel suisidal tonight", "crisis.ideation.suicide_word"),
        (
            "my granddaughter found my gran trying to take all her pills this afternoon and she says she'll try again",
            "crisis.plan.found_trying_to_take_them_all",
        ),
    ],
)
def test_set26_crisis_lines_fire_their_rule(text, rule_id):
    finding = assess(text)
    assert finding is not None and finding.rule_id == rule_id, (text, finding)


def test_set26_a_misspelling_rule_turns_no_english_word_into_suicidal():
    for text in ("the seidel is full", "my sister went sightseeing", "she sells sea shells", "a suede coat"):
        assert assess(text) is None, text


def test_set26_history_and_a_fever_told_as_over_are_not_alarms():
    history = "i used to self harm as a teenager, i haven't for thirty years, should i tell the oncologist"
    assert assess(history) is None and told_as_history(history)
    fever = "i had a fever last week and they treated it in hospital, i'm home now and it's gone"
    assert assess(fever) is None and benign_reason(fever) == "past_episode"
    message = classified(fever, "urgent_symptom", 0.72)
    SafetyOverride().process([message])
    assert message.get(INTENT)["name"] != "urgent_symptom"


@pytest.mark.parametrize(
    "text",
    [
        "i used to self harm as a teenager, i haven't for thirty years but it's coming back now",
        "i had a fever last week, they treated it, but it's back tonight at 38.5",
        "she was unwell last week and now she's gone, i can't wake her",
    ],
)
def test_set26_twins_keep_the_alarm(text):
    assert benign_reason(text) is None, text
