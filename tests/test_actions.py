"""Action unit tests in the financial-demo style: run each action with a
CollectingDispatcher and a hand-built tracker, assert returned events and messages,
and check what landed in a real (SQLite) database."""

from __future__ import annotations

import base64

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions import common
from actions.checkin import (
    RE_ASK_NUMBER,
    RE_ASK_RANGE,
    ActionLogMood,
    ActionMoodHistory,
    ActionSubmitCheckin,
    ValidateCheckinForm,
)
from actions.common import says_no
from actions.content import ActionAnswerTopic
from actions.dialogue import ActionAffirm, ActionDeny
from actions.escalation import ActionEscalate, ActionRespondDistress
from bot.content import load_knowledge
from bot.db.models import Checkin, Escalation, Outbox
from bot.db.session import session_scope
from bot.privacy.pseudonym import user_key
from tests.action_harness import DOMAIN, count, ent, run, slot_events, tracker

# ---- knowledge answers ---------------------------------------------------------------


async def test_answer_topic_uses_entity_and_sets_follow_up_slots():
    messages, events = await run(
        ActionAnswerTopic(), tracker("what does ibrance do", "ask_treatment", [ent("treatment", "cdk46_inhibitor")])
    )
    k = load_knowledge()
    expected = k.render(k.topic("treatment", "cdk46_inhibitor"), role="patient")
    assert messages[0]["text"] == expected
    assert "Source:" in expected
    assert messages[0]["buttons"][0]["payload"] == "/affirm"
    assert slot_events(events) == {
        "last_topic": "treatment:cdk46_inhibitor",
        "pending_offer": "more_detail",
        "current_medicine": "palbociclib",
    }  # remembered for side-effect triage


async def test_follow_up_keeps_topic_and_answers_side_effects():
    t = tracker("and what about the side effects?", "ask_treatment", slots={"last_topic": "treatment:denosumab"})
    messages, events = await run(ActionAnswerTopic(), t)
    k = load_knowledge()
    assert messages[0]["text"] == k.render(k.topic("treatment", "denosumab"), aspect="side_effects")
    assert slot_events(events)["last_topic"] == "treatment:denosumab"


async def test_new_general_question_does_not_reuse_old_topic():
    t = tracker(
        "which treatments are used for cancer that has spread to the bone marrow",
        "ask_treatment",
        slots={"last_topic": "treatment:denosumab"},
    )
    messages, events = await run(ActionAnswerTopic(), t)
    assert slot_events(events)["last_topic"] == "treatment:general"


async def test_caregiver_gets_caregiver_wording():
    k = load_knowledge()
    topic = k.topic("symptom", "fatigue")
    patient, _ = await run(ActionAnswerTopic(), tracker("so tired", "ask_symptom", [ent("symptom", "fatigue")]))
    carer, _ = await run(
        ActionAnswerTopic(),
        tracker("she is so tired", "ask_symptom", [ent("symptom", "fatigue")], slots={"role": "caregiver"}),
    )
    assert carer[0]["text"] == k.render(topic, role="caregiver")
    assert carer[0]["text"] != patient[0]["text"]


async def test_affirm_after_answer_gives_detail():
    t = tracker("tell me more", "affirm", slots={"pending_offer": "more_detail", "last_topic": "biopsy:preparation"})
    messages, events = await run(ActionAffirm(), t)
    k = load_knowledge()
    assert messages[0]["text"] == k.render(k.topic("biopsy", "preparation"), detail=True)
    assert slot_events(events)["pending_offer"] is None


async def test_deny_clears_offer():
    messages, events = await run(ActionDeny(), tracker("no", "deny", slots={"pending_offer": "human"}))
    assert slot_events(events) == {"pending_offer": None}
    assert messages


# ---- check-in form validation ---------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected, reask",
    [
        ("about a 6", 6, None),
        ("7 out of 10", 7, None),
        ("0", 0, None),
        ("ten", 10, None),
        ("eleven", None, RE_ASK_RANGE),
        ("-3", None, RE_ASK_RANGE),
        ("idk", None, RE_ASK_NUMBER),
        ("", None, RE_ASK_NUMBER),
    ],
)
def test_validate_distress_score(value, expected, reask):
    dispatcher = CollectingDispatcher()
    result = ValidateCheckinForm().validate_distress_score(value, dispatcher, tracker(value), DOMAIN)
    assert result == {"distress_score": expected}
    if reask:
        assert dispatcher.messages[0]["text"] == reask
    else:
        assert dispatcher.messages == []


def test_validate_note_skip_and_long_note():
    d = CollectingDispatcher()
    assert ValidateCheckinForm().validate_mood_note("Skip", d, tracker("skip"), DOMAIN) == {"mood_note": ""}
    assert len(ValidateCheckinForm().validate_mood_note("x" * 5000, d, tracker("x"), DOMAIN)["mood_note"]) == 1000


# ---- check-ins, escalation model -----------------------------------------------------


async def test_high_score_checkin_opens_escalation(action_db):
    t = tracker("/inform_mood", slots={"distress_score": 8, "mood_word": "scared", "mood_note": ""})
    messages, events = await run(ActionSubmitCheckin(), t)
    assert any(m.get("response") == "utter_crisis_lines" for m in messages)
    assert count(action_db, Checkin, score=8) == 1
    assert count(action_db, Escalation, reason="distress_score") == 1
    assert count(action_db, Outbox, kind="escalation_opened") == 1
    assert {"distress_score": None, "mood_word": None, "mood_note": None}.items() <= slot_events(events).items()


async def test_low_score_checkin_does_not_escalate(action_db):
    messages, _ = await run(
        ActionSubmitCheckin(), tracker("2", slots={"distress_score": 2, "mood_word": "ok", "mood_note": ""})
    )
    assert "2 out of 10" in messages[0]["text"]
    assert count(action_db, Checkin) == 1
    assert count(action_db, Escalation) == 0


async def test_middle_score_offers_a_person(action_db):
    messages, events = await run(ActionLogMood(), tracker("about a 5", "inform_mood", [ent("mood_score", "5")]))
    assert slot_events(events)["pending_offer"] == "human"
    assert count(action_db, Escalation) == 0
    assert count(action_db, Checkin, source="inline") == 1


async def test_inline_out_of_range_is_not_stored(action_db):
    messages, _ = await run(ActionLogMood(), tracker("it's a 12", "inform_mood", [ent("mood_score", "12")]))
    assert messages[0]["text"] == RE_ASK_RANGE
    assert count(action_db, Checkin) == 0


async def test_mood_history_summary_and_chart(action_db):
    for score in (2, 5, 7):
        await run(ActionLogMood(), tracker(str(score), "inform_mood", [ent("mood_score", str(score))]))
    messages, _ = await run(ActionMoodHistory(), tracker("how has my mood been", "ask_mood_history"))
    assert "average 4.7/10" in messages[0]["text"]
    assert "highest 7/10" in messages[0]["text"]
    image = messages[1]["image"]
    assert image.startswith("data:image/png;base64,")
    assert base64.b64decode(image.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"


async def test_mood_history_empty(action_db):
    messages, _ = await run(ActionMoodHistory(), tracker("my trend", "ask_mood_history"))
    assert "haven't logged" in messages[0]["text"]


# ---- escalation --------------------------------------------------------------------


async def test_crisis_escalation_recorded_with_pseudonymous_key(action_db):
    messages, events = await run(ActionEscalate(), tracker("i want to end my life", "crisis", sender="tg-42"))
    assert "support team" in messages[0]["text"]
    with session_scope(action_db) as s:
        esc = s.execute(select(Escalation)).scalar_one()
        assert (esc.reason, esc.severity, esc.status) == ("crisis", "critical", "open")
        assert esc.excerpt == "i want to end my life"
        assert esc.user.user_key == user_key("rest", "tg-42")
    assert slot_events(events)["red_flag"] is None


async def test_treatment_specific_red_flag_adds_the_medicine_explanation_and_tells_staff_which_row(action_db):
    # The NLU promoted it to urgent_symptom (bot/triage/nlu_router.py); the urgent reply went out
    # as an utterance before this action; the action adds what it may mean on that medicine.
    text = "I'm on tamoxifen and my right calf is swollen and painful"
    t = tracker(text, "urgent_symptom", slots={"red_flag": "treatment_specific"})
    messages, events = await run(ActionEscalate(), t)
    assert len(messages) == 2
    assert "tamoxifen" in messages[0]["text"].lower() and "help now" in messages[0]["text"].lower()
    assert "support team" in messages[1]["text"]
    slots = slot_events(events)
    assert slots["red_flag"] is None
    assert slots["current_medicine"] == "tamoxifen"  # remembered for later side-effect questions
    with session_scope(action_db) as s:
        esc = s.execute(select(Escalation)).scalar_one()
        assert (esc.reason, esc.severity) == ("urgent_symptom", "critical")  # as every urgent red flag
        assert esc.excerpt.endswith(text) and esc.excerpt != text  # the triage row's summary comes first


async def test_a_detector_red_flag_gets_no_medicine_explanation(action_db):
    t = tracker("my temperature is 38.6 and i'm on olaparib", "urgent_symptom", slots={"red_flag": "neutropenic_fever"})
    messages, _ = await run(ActionEscalate(), t)
    assert len(messages) == 1 and "support team" in messages[0]["text"]


async def test_escalation_spooled_when_database_down(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    monkeypatch.setenv("COMPANION_VAR_DIR", str(tmp_path / "var"))
    common.settings.cache_clear()
    try:
        messages, _ = await run(ActionEscalate(), tracker("my wife said she wants to kill herself", "crisis"))
        assert "support team" in messages[0]["text"]  # the person is still told
        spooled = list((tmp_path / "var" / "spool").rglob("*.json"))
        assert len(spooled) == 1
    finally:
        common.settings.cache_clear()


async def test_caregiver_worry_offer_then_flag(action_db):
    t = tracker("i'm really worried about my wife, she isn't coping", "express_distress", slots={"role": "caregiver"})
    messages, events = await run(ActionRespondDistress(), t)
    slots = slot_events(events)
    assert slots["pending_offer"] == "caregiver_flag"
    t2 = tracker("yes", "affirm", slots={"role": "caregiver", **slots})
    messages, events = await run(ActionAffirm(), t2)
    with session_scope(action_db) as s:
        esc = s.execute(select(Escalation)).scalar_one()
        assert esc.reason == "caregiver_flag"
        assert "worried about my wife" in esc.excerpt


# ---- reminders -----------------------------------------------------------------------


async def test_calm_checkin_offers_reminder_then_time_is_stored(action_db):
    from actions.reminders import RE_ASK_TIME, ActionSetReminder, ValidateReminderForm
    from bot.db.models import User

    messages, events = await run(
        ActionSubmitCheckin(), tracker("skip", slots={"distress_score": 1, "mood_word": "fine", "mood_note": ""})
    )
    assert slot_events(events)["pending_offer"] == "reminder"
    _, events = await run(ActionAffirm(), tracker("yes", "affirm", slots={"pending_offer": "reminder"}))
    assert any(e["event"] == "followup" and e["name"] == "reminder_form" for e in events)

    d = CollectingDispatcher()
    assert ValidateReminderForm().validate_reminder_time("whenever", d, tracker("whenever"), DOMAIN) == {
        "reminder_time": None
    }
    assert d.messages[0]["text"] == RE_ASK_TIME
    assert ValidateReminderForm().validate_reminder_time("9:30 pm", d, tracker("9:30 pm"), DOMAIN) == {
        "reminder_time": "21:30"
    }

    messages, _ = await run(
        ActionSetReminder(),
        tracker("9:30 pm", slots={"reminder_time": "21:30"}, metadata={"timezone": "Europe/London"}),
    )
    assert "21:30 (Europe/London)" in messages[0]["text"]
    with session_scope(action_db) as s:
        user = s.execute(select(User)).scalar_one()
        assert (user.reminder_time, user.timezone) == ("21:30", "Europe/London")
    # with a reminder set, the next calm check-in does not offer it again
    _, events = await run(
        ActionSubmitCheckin(), tracker("skip", slots={"distress_score": 2, "mood_word": "ok", "mood_note": ""})
    )
    assert "pending_offer" not in slot_events(events) or slot_events(events)["pending_offer"] != "reminder"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("9am", "09:00"),
        ("9:30 pm", "21:30"),
        ("18:00", "18:00"),
        ("noon", "12:00"),
        ("25:00", None),
        ("13pm", None),
        ("later", None),
        ("", None),
    ],
)
def test_parse_time_of_day(text, expected):
    from bot.checkins.parsing import parse_time_of_day

    assert parse_time_of_day(text) == expected


async def test_first_contact_without_greeting_gets_privacy_notice_once(action_db):
    from actions.common import PRIVACY_NOTICE
    from bot.db.models import User

    t = tracker(
        "what is a pet scan",
        "ask_diagnosis",
        [ent("test", "pet")],
        slots={"consent_noticed": False},
        metadata={"region": "AU"},
    )
    messages, events = await run(ActionAnswerTopic(), t)
    assert messages[0]["text"] == PRIVACY_NOTICE
    assert "Source:" in messages[1]["text"]
    slots = slot_events(events)
    assert slots["consent_noticed"] is True and slots["region"] == "AU"
    with session_scope(action_db) as s:
        user = s.execute(select(User)).scalar_one()
        assert user.consent_at is not None and user.region == "AU"
    again, _ = await run(
        ActionAnswerTopic(), tracker("what is a pet scan", "ask_diagnosis", [ent("test", "pet")], slots=slots)
    )
    assert PRIVACY_NOTICE not in [m.get("text") for m in again]


@pytest.mark.parametrize(
    "text, refuses",
    [
        ("definitely not", True),
        ("absolutely not, keep it", True),
        ("of course not", True),
        ("no thanks", True),
        ("nah", True),
        ("please don't", True),
        ("not now", True),
        ("yes", False),
        ("yes please", False),
        ("definitely", False),
        ("of course", False),
        ("sure why not", False),
        ("no problem, go ahead", False),
        ("I wouldn't mind", False),
        ("yes delete everything, I don't want it kept", False),
    ],
)
def test_says_no_reads_refusals_not_yes_idioms(text, refuses):
    assert says_no(text) is refuses


async def test_affirm_on_a_refusal_answers_as_deny():
    messages, events = await run(ActionAffirm(), tracker("definitely not", "affirm", slots={"pending_offer": "human"}))
    assert slot_events(events) == {"pending_offer": None}
    assert messages[0]["text"] == "Okay. Is there anything else I can help with?"
