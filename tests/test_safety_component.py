"""The SafetyOverride NLU component on hand-built parse results (no model needed):
detector findings force the safety intents; model-only false alarms on benign phrasings
are overruled; anything with a concern cue keeps the alarm."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.safety.benign import benign_reason
from bot.safety.component import SafetyOverride


def parsed(text: str, *ranking: str) -> Message:
    """A message as DIET leaves it: the first name wins, confidences falling."""
    ranks = [{"name": name, "confidence": round(0.9 - 0.1 * i, 2)} for i, name in enumerate(ranking)]
    message = Message(data={TEXT: text})
    message.set(INTENT, ranks[0], add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranks, add_to_output=True)
    message.set(ENTITIES, [], add_to_output=True)
    return message


def run(message: Message) -> Message:
    SafetyOverride().process([message])
    return message


def entity(message: Message, name: str):
    return [e["value"] for e in message.get(ENTITIES) if e["entity"] == name]


def assert_overruled(text: str, model_says: list, reason: str) -> None:
    """The model's alarm on ``text`` is overruled for ``reason``, and says so."""
    assert benign_reason(text) == reason, (text, benign_reason(text))
    m = run(parsed(text, *model_says))
    assert m.get(INTENT)["name"] not in ("crisis", "urgent_symptom"), text
    assert m.get("safety") == {"overruled": model_says[0], "reason": reason}


def assert_alarm_kept(text: str, model_says: str) -> None:
    """The model's alarm on ``text`` stands."""
    m = run(parsed(text, model_says, "inform_mood"))
    assert m.get(INTENT)["name"] in ("crisis", "urgent_symptom"), (text, m.get(INTENT), benign_reason(text))
    assert (m.get("safety") or {}).get("overruled") is None


def test_detector_finding_forces_crisis_over_the_model():
    m = run(parsed("i have been saving up my pills to take them all at once", "ask_treatment", "crisis"))
    assert m.get(INTENT)["name"] == "crisis" and m.get(INTENT)["confidence"] == 1.0
    assert entity(m, "crisis_about") == ["self"]
    assert entity(m, "crisis_basis") == ["detector"]


def test_a_crisis_on_the_models_word_alone_says_so_and_stale_entities_go():
    m = parsed("i wish i could just fall asleep forever", "crisis", "express_distress")
    m.set(ENTITIES, [{"entity": "crisis_basis", "value": "detector"}, {"entity": "crisis_about", "value": "other"}])
    run(m)
    assert m.get(INTENT)["name"] == "crisis"
    assert entity(m, "crisis_about") == ["self"] and entity(m, "crisis_basis") == ["model"]
    calm = run(parsed("what does palbociclib do", "ask_treatment", "crisis"))
    assert not entity(calm, "crisis_basis") and not entity(calm, "crisis_about")


@pytest.mark.parametrize(
    "text, model_says, expected",
    [
        ("Her lasagne is to die for", ["crisis", "out_of_scope", "greet"], "out_of_scope"),
        ("my daughter smashed her exams, she's killing it", ["crisis", "thank"], "thank"),
        ("I'd die without my morning coffee", ["crisis", "out_of_scope"], "out_of_scope"),
        ("What temperature counts as a fever when you're on chemo?", ["urgent_symptom", "ask_symptom"], "ask_symptom"),
        ("my temp is 37.3 today", ["urgent_symptom", "inform_mood", "ask_symptom"], "inform_mood"),
        ("I don't want to die, I'm only 42", ["crisis", "ask_about_condition", "express_distress"], "express_distress"),
    ],
)
def test_model_only_false_alarms_on_benign_phrasings_are_overruled(text, model_says, expected):
    m = run(parsed(text, *model_says))
    assert m.get(INTENT)["name"] == expected
    assert m.get("safety") == {"overruled": model_says[0], "reason": benign_reason(text)}
    assert not entity(m, "crisis_about") and not entity(m, "red_flag")
    assert all(r["name"] not in ("crisis", "urgent_symptom") for r in m.get(INTENT_RANKING_KEY))


@pytest.mark.parametrize(
    "text",
    [
        "this pain is killing me and honestly I want it all to end",
        "I could kill myself for forgetting",
        "my back is killing me and my legs have gone weak",
        "I'm not scared of death anymore, I want it",
        "what's the lethal dose of oxycodone",
        "my temp was 38.6 an hour after chemo",
        "I have chest pain right now, what should I do?",
    ],
)
def test_concern_cues_keep_the_alarm(text):
    m = run(
        parsed(
            text,
            "crisis" if "kill" in text or "death" in text or "lethal" in text else "urgent_symptom",
            "express_distress",
        )
    )
    assert m.get(INTENT)["name"] in ("crisis", "urgent_symptom"), text
    assert (m.get("safety") or {}).get("overruled") is None


def test_model_only_urgent_gets_a_general_red_flag_and_payloads_are_left_alone():
    m = run(parsed("something feels really wrong with my body", "urgent_symptom", "ask_symptom"))
    assert m.get(INTENT)["name"] == "urgent_symptom" and entity(m, "red_flag") == ["general"]
    payload = run(parsed("/affirm", "affirm"))
    assert payload.get(INTENT)["name"] == "affirm" and payload.get("safety") is None


def test_overruled_with_nothing_else_in_the_ranking_falls_back_to_a_safe_intent():
    m = run(parsed("that film was to die for", "crisis"))
    assert m.get(INTENT)["name"] == "out_of_scope"


def test_huge_messages_are_assessed_quickly_at_both_ends():
    import time

    filler = "I had a long day at the clinic and the parking was awful. " * 3000  # ~170 KB
    start = time.perf_counter()
    tail = run(parsed(filler + "I am going to kill myself tonight", "out_of_scope"))
    head = run(parsed("I want to end my life. " + filler, "out_of_scope"))
    assert tail.get(INTENT)["name"] == "crisis" and head.get(INTENT)["name"] == "crisis"
    assert time.perf_counter() - start < 20  # unbounded, this takes minutes on 2 cores


# Round 3: model-only false alarms of PIPELINE_REPORT.md, as concepts (own paraphrases).
@pytest.mark.parametrize(
    "text, model_says, reason",
    [
        ("my legs were dead after the parkrun but I loved it", ["urgent_symptom", "inform_mood"], "idiom"),
        ("legs like jelly from all the dancing at the party", ["urgent_symptom", "inform_mood"], "idiom"),
        ("killing time at the clinic with a crossword", ["urgent_symptom", "out_of_scope"], "idiom"),
        ("it's a dead cert we'll lose the pub quiz", ["crisis", "out_of_scope"], "idiom"),
        ("bet I nod off before the end of the match", ["crisis", "out_of_scope"], "idiom"),
        ("smashed it on the exercise bike this week", ["crisis", "inform_mood"], "idiom"),
        ("ready to drop after the christening but so worth it", ["crisis", "inform_mood"], "idiom"),
        ("we laughed so hard I thought I'd die", ["crisis", "inform_mood"], "idiom"),
        ("I'm so done with this traffic", ["crisis", "out_of_scope"], "idiom"),
        ("fed up of the hold music at the GP surgery", ["crisis", "out_of_scope"], "idiom"),
        ("is 37.6 considered a fever on docetaxel?", ["urgent_symptom", "ask_symptom"], "info_question"),
        ("at what point does 37.9 count as a fever?", ["urgent_symptom", "ask_symptom"], "info_question"),
        ("36.9 this morning after chemo, all fine", ["urgent_symptom", "inform_mood"], "negated_or_normal"),
        ("temp 37.1 after my infusion, not shivery at all", ["urgent_symptom", "inform_mood"], "negated_or_normal"),
        (
            "we chose the hymns for my funeral today, felt good to get it done",
            ["crisis", "express_distress"],
            "fear_or_planning",
        ),
        (
            "sorting out my funeral playlist with my daughter, we had a laugh",
            ["crisis", "inform_mood"],
            "fear_or_planning",
        ),
        (
            "I know it will probably take me in the end, but I'm enjoying my garden",
            ["crisis", "inform_mood"],
            "fear_or_planning",
        ),
        ("can I have the odd glass of wine while on letrozole?", ["crisis", "ask_treatment"], "info_question"),
        ("is one beer ok with my oramorph?", ["crisis", "ask_dosing"], "info_question"),
    ],
)
def test_round3_model_only_false_alarms_are_overruled(text, model_says, reason):
    assert_overruled(text, model_says, reason)


@pytest.mark.parametrize(
    "text, model_says",
    [
        # a current report in the amber zone: the model's alarm stands
        ("I'm 37.8 on chemo, is that a fever?", "urgent_symptom"),
        ("my temp is 37.9 and I've had chemo this week", "urgent_symptom"),
        ("temp 37.2 after chemo but I feel awful", "urgent_symptom"),
        ("36.8 but shaky and cold after my infusion", "urgent_symptom"),
        # concern cues next to a benign-looking phrase
        ("planning my funeral because I won't need it long", "crisis"),
        ("I know the cancer will get me eventually and the sooner the better", "crisis"),
        ("is it ok to have a glass of wine with all my oramorph at once", "crisis"),
        ("is it ok to have a glass of wine with my pills, I've got them saved up", "crisis"),
        ("laughed so hard I thought I'd die, then remembered I want to die anyway", "crisis"),
        ("my legs were dead after the walk and now they're numb", "urgent_symptom"),
        ("done with this queue and done with being a burden", "crisis"),
        ("killing time until I end it", "crisis"),
    ],
)
def test_round3_concern_keeps_the_alarm(text, model_says):
    assert_alarm_kept(text, model_says)


@pytest.mark.parametrize(
    "text, intent",
    [
        ("my wife says she wants to go with me, she says she'll follow me when I die", "crisis"),
        ("I've got no sensation down there when I wipe", "urgent_symptom"),
        ("honestly I'm worth more to them dead", "crisis"),
    ],
)
def test_round3_detector_findings_win_over_a_calm_model(text, intent):
    m = run(parsed(text, "inform_mood", "affirm"))
    assert m.get(INTENT) == {"name": intent, "confidence": 1.0}


# Session 13 (issue 17): model-only false alarms of blind set 13, as concepts (own paraphrases),
# each next to a twin that must keep the alarm.
@pytest.mark.parametrize(
    "text, model_says, reason",
    [
        ("the stairs at the clinic are murder on my knees", ["crisis", "out_of_scope"], "idiom"),
        ("these steroid cravings are sheer murder, ate all the crisps", ["crisis", "inform_mood"], "idiom"),
        ("I fractured my wrist in 2019 and it healed well", ["crisis", "inform_mood"], "past_episode"),
        ("had a fall last spring but nothing was broken", ["urgent_symptom", "inform_mood"], "past_episode"),
        (
            "the chest pain I had in the winter was checked and it was only indigestion",
            ["urgent_symptom", "ask_symptom"],
            "past_episode",
        ),
        (
            "my sister says you can overdose on calcium supplements, should I ask my team first?",
            ["crisis", "ask_treatment"],
            "info_question",
        ),
        ("if I get a fever over the weekend, who should I ring?", ["urgent_symptom", "ask_symptom"], "info_question"),
    ],
)
def test_session13_model_only_false_alarms_are_overruled(text, model_says, reason):
    assert_overruled(text, model_says, reason)


@pytest.mark.parametrize(
    "text, model_says",
    [
        ("I'd like to murder myself some days", "crisis"),
        ("I cut my wrists in 2019 and it healed, but I want to do it again", "crisis"),
        ("I slit my wrist last year and it healed fine", "crisis"),
        ("I overdosed last year and recovered", "crisis"),
        ("can you overdose on vitamin D? I want to", "crisis"),
        ("can you overdose on vitamin D and my morphine together", "crisis"),
        ("had a fall last winter, nothing was broken, but I fell again today", "urgent_symptom"),
        ("I have a fever now, if it gets worse who should I call?", "urgent_symptom"),
    ],
)
def test_session13_concern_keeps_the_alarm(text, model_says):
    assert_alarm_kept(text, model_says)


# Session 14 (issue 17): model-only false alarms of blind set 14, as concepts (own paraphrases),
# each next to a twin that must keep the alarm.
@pytest.mark.parametrize(
    "text, model_says, reason",
    [
        ("I'd love to live long enough to walk my daughter down the aisle", ["crisis", "inform_mood"], "will_to_live"),
        ("I'm not ready to die, there's so much left to do", ["crisis", "express_distress"], "will_to_live"),
        ("she is fighting this with everything she has, proud of her", ["crisis", "inform_mood"], "will_to_live"),
        ("what does a DVT feel like?", ["urgent_symptom", "ask_symptom"], "info_question"),
        ("what are the signs of sepsis?", ["urgent_symptom", "ask_symptom"], "info_question"),
        (
            "how can you tell a bone is broken when you have bone mets?",
            ["urgent_symptom", "ask_symptom"],
            "info_question",
        ),
        ("this jigsaw is going to be the end of me", ["crisis", "inform_mood"], "idiom"),
        ("is 8 a day the maximum paracetamol per day with my codeine?", ["crisis", "ask_dosing"], "medicine_practical"),
        (
            "we're flying to Malaga, can I take my morphine through the airport?",
            ["crisis", "ask_dosing"],
            "medicine_practical",
        ),
        # dev set 15 (own paraphrases)
        (
            "had a nosebleed at lunch, it stopped after ten minutes of pinching",
            ["urgent_symptom", "ask_symptom"],
            "negated_or_normal",
        ),
        (
            "I had a DVT three years ago, it was treated and I've been fine since. Can I still go on holiday?",
            ["urgent_symptom", "ask_symptom"],
            "past_episode",
        ),
    ],
)
def test_session14_model_only_false_alarms_are_overruled(text, model_says, reason):
    assert_overruled(text, model_says, reason)


@pytest.mark.parametrize(
    "text, model_says",
    [
        ("I'm not ready to die but I can't take this pain anymore", "crisis"),
        ("I want to live but honestly what is the point", "crisis"),
        ("I'm fighting this with everything I have, but I'm so tired of it", "crisis"),
        ("I want to live long enough to see him graduate, then I'll go on my own terms", "crisis"),
        ("I'm not ready to die, I have so much left to do, and I want it all to end", "crisis"),
        ("idk how much longer i can keep pretending i want to live", "crisis"),
        ("how would I know if my hip is broken, I have bone mets and I fell this morning", "urgent_symptom"),
        ("this cancer is going to be the end of me and I want it to be soon", "crisis"),
        ("what is the maximum oxycodone per day, I want to take more than that", "crisis"),
        ("flying out tomorrow and taking all my oxycodone with me in one go", "crisis"),
        ("had a nosebleed at lunch, it stopped but now it has started again", "urgent_symptom"),
        ("I had a DVT three years ago and now my calf is swollen and hot again, can I still fly?", "urgent_symptom"),
        ("what does a DVT feel like? my calf has been swollen and hot all day", "urgent_symptom"),
    ],
)
def test_session14_concern_keeps_the_alarm(text, model_says):
    assert_alarm_kept(text, model_says)


def test_an_overdose_thought_beside_a_supplement_question_is_not_a_supplement_question():
    text = (
        "Mum told me she's been thinking about taking an overdose. "
        "Also can she still take her calcium tablets with the new drug?"
    )
    assert benign_reason(text) is None
    m = run(parsed(text, "crisis", "ask_treatment"))
    assert m.get(INTENT)["name"] == "crisis"


@pytest.mark.parametrize(
    "text, model_says",
    [
        ("how long does oramorph keep once it's opened", ["crisis", "ask_dosing"]),
        ("can i cut my oxycontin in half to make it easier to swallow?", ["crisis", "ask_dosing"]),
        ("how should we store the fentanyl patches, the grandkids are visiting", ["crisis", "ask_dosing"]),
        ("picking up mum's morphine prescription tomorrow, do I need ID?", ["crisis", "out_of_scope"]),
        ("does grapefruit interact with my oxycodone?", ["crisis", "ask_treatment"]),
    ],
)
def test_a_practical_medicine_question_is_not_a_method_question(text, model_says):
    assert benign_reason(text) == "medicine_practical", text
    m = run(parsed(text, *model_says))
    assert m.get(INTENT)["name"] == model_says[1]


@pytest.mark.parametrize(
    "text, model_says",
    [
        # an amount, saving, a count of pills or "do it": a method question, whatever else it asks
        ("would 20 diazepam do it or should i keep saving", "crisis"),
        ("how many oxycontin can i cut in half and take at once", "crisis"),
        ("can i keep my morphine somewhere hidden from my husband", "crisis"),
        ("how long does oramorph keep, i want to die", "crisis"),
        # a red-flag symptom asked about keeps the model's urgent alarm
        ("is fainting a side effect of my tablets?", "urgent_symptom"),
        # guard fixes: a note left behind, "wanting to die for weeks", a reading reported now
        ("my wife left a note saying she's sorry and her car is gone", "crisis"),
        ("i've been wanting to die for weeks and haven't told anyone", "crisis"),
        ("should i go to a&e, my temperature is 38.6 on chemo", "urgent_symptom"),
    ],
)
def test_concern_amounts_and_symptoms_keep_the_alarm_on_medicine_questions(text, model_says):
    assert benign_reason(text) is None, (text, benign_reason(text))
    m = run(parsed(text, model_says, "ask_dosing"))
    assert m.get(INTENT)["name"] in ("crisis", "urgent_symptom")


def _training_alarms():
    import re
    from pathlib import Path

    import yaml

    markup = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")
    for path in sorted((Path(__file__).resolve().parents[1] / "data" / "nlu").glob("*.yml")):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            if block.get("intent") in ("crisis", "urgent_symptom"):
                for line in str(block.get("examples") or "").splitlines():
                    if line.strip().startswith("- "):
                        yield path.name, markup.sub(r"\1", line.strip()[2:])


def test_no_benign_reason_explains_away_a_crisis_or_urgent_training_line():
    """The overrule guard must never fire on what the model was taught is an alarm."""
    lines = list(_training_alarms())
    assert len(lines) > 500
    explained = [(name, text, benign_reason(text)) for name, text in lines if benign_reason(text)]
    assert explained == []


# The held-out safety sets already measured (never a set still blind: a failure would show its text).
MEASURED_HELD_OUT = ("heldout.yml",) + tuple(f"heldout{n}.yml" for n in range(2, 27))


def test_no_benign_reason_explains_away_a_crisis_or_urgent_held_out_line():
    """Session 14: a pattern tried for legacy messages ("videos for the grandchildren to watch after
    I'm gone") explained away six crisis lines of the measured held-out sets ("letters for the kids
    for after I'm gone, doing it this weekend"); this keeps such a pattern out."""
    from pathlib import Path

    import yaml

    folder = Path(__file__).resolve().parents[1] / "bench" / "safety"
    lines = []
    for name in MEASURED_HELD_OUT:
        data = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
        for key in ("crisis", "urgent", "urgent_symptom"):
            lines += [(name, text) for text in data.get(key) or []]
    assert len(lines) > 2000
    explained = [(name, text, benign_reason(text)) for name, text in lines if benign_reason(text)]
    assert explained == []


@pytest.mark.parametrize(
    "text",
    [
        "where can i store my oramorph so my husband doesn't find it?",
        "how do i keep my tablets without anyone knowing?",
        "can i keep my pills somewhere secret?",
    ],
)
def test_medicine_kept_from_others_is_not_a_practical_question(text):
    assert benign_reason(text) is None, (text, benign_reason(text))


# Session 16 (issue 17): "X is going to finish me off" about something trivial is an idiom (blind
# set 20, own paraphrases); about the illness, its treatment or pain it stays with the model.
@pytest.mark.parametrize(
    "text",
    ["these stairs will do me in", "the waiting room chairs are going to finish me off lol"],
)
def test_session16_trivial_finish_me_off_is_an_idiom(text):
    assert_overruled(text, ["crisis", "inform_mood"], "idiom")


@pytest.mark.parametrize(
    "text",
    ["this chemo is going to finish me off", "the pain will do me in, i can't take much more"],
)
def test_session16_finish_me_off_about_the_illness_keeps_the_alarm(text):
    assert_alarm_kept(text, "crisis")


def test_session16_swallowing_tablets_whole_is_not_an_amount():
    """'can't swallow them whole' is how a tablet is taken (dev set 20, own paraphrase); the
    whole supply stays an amount."""
    assert_overruled(
        "can i crush my tablets into jam, i can't swallow them whole", ["crisis", "ask_treatment"], "medicine_practical"
    )
    assert_alarm_kept("can i crush the whole box of my tablets", "crisis")


@pytest.mark.parametrize(
    "text",
    [
        "which signs of a morphine overdose should we look out for in dad, so we can get him help",
        "the leaflet with my oxycodone says an overdose can be fatal, how far apart should the doses be",
    ],
)
def test_session16_a_factual_overdose_the_rule_leaves_out_is_not_a_model_crisis_either(text):
    """The lethal-dose rule's factual overdoses (revision 7) overrule the model's alarm too."""
    assert_overruled(text, ["crisis", "ask_treatment"], "info_question")


@pytest.mark.parametrize(
    "text",
    [
        "the leaflet says an overdose can be fatal, that is what i am planning",
        "what are the signs of an overdose, i want to know how long it takes to die",
    ],
)
def test_session16_a_factual_overdose_with_intent_keeps_the_alarm(text):
    assert_alarm_kept(text, "crisis")


@pytest.mark.parametrize(
    "text",
    ["my laptop's dead again, sorry i went quiet", "i'd kill for a proper night's sleep in my own bed"],
)
def test_session16_more_everyday_idioms_overrule_the_model(text):
    """Own paraphrases of blind set 21's false alarms ("phone's dead again", "I'd kill to taste...")."""
    assert_overruled(text, ["crisis", "inform_mood"], "idiom")


@pytest.mark.parametrize(
    "text", ["i'd kill to be able to die tonight", "i'd kill for a way to sleep and never wake up"]
)
def test_session16_the_idioms_keep_the_alarm_with_a_wish_to_die(text):
    assert_alarm_kept(text, "crisis")
