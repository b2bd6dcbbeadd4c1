"""Side-effect triage end to end over REST: the real Rasa server with the trained model,
the real action server and a real SQLite database. For every medicine x symptom pair
of issue 18 the person gets the triage reply and the escalation is stored (hotline:
high, emergency: critical); a medicine named earlier is remembered; a remembered
medicine never weakens the urgent rule; the next-visit level does not escalate.
Phrasings differ from the training examples in data/nlu/side_effects.yml."""

from __future__ import annotations

import time
import uuid

import pytest
from sqlalchemy import select

from bot.db.models import Escalation
from bot.db.session import session_scope
from tests.servers import started_stack, texts

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    s = started_stack(tmp_path_factory.mktemp("e2e-triage"))
    yield s
    s.stop_all()


def sender() -> str:
    return f"triage-{uuid.uuid4().hex[:10]}"


def escalations_for(stack, message: str):
    """(reason, severity, excerpt) of escalations whose excerpt holds ``message``."""
    with session_scope(stack.env["DATABASE_URL"]) as s:
        rows = s.execute(select(Escalation).where(Escalation.excerpt.contains(message))).scalars()
        return [(e.reason, e.severity, e.excerpt) for e in rows]


HOTLINE = "Please call your oncology hotline or care team today."
# rows that say "call the hotline now" (pembrolizumab, clinical-safety.md) head the reply with "now"
HOTLINE_NOW = "Please call your oncology hotline now."
EMERGENCY_NUMBER = "911"

# (message, words the reply must hold, escalation severity)
HOTLINE_PAIRS = [
    ("I take Kisqali and there's a new cough I can't shake", ["Kisqali", "lung inflammation"]),
    ("on ibrance and coughing a lot this week", ["Ibrance", "lung inflammation"]),
    ("I have Xgeva every month and my jaw has been aching", ["denosumab", "jawbone"]),
    ("had zometa for a year, now one of my teeth is loose", ["zoledronic acid", "jawbone"]),
    ("I get cramps in my hands since I started Prolia", ["denosumab", "calcium"]),
    ("pins and needles around my mouth, I have denosumab injections", ["denosumab", "calcium"]),
    ("the verzenio is giving me diarrhea", ["Verzenio", "Diarrhoea"]),
    ("I take lynparza and keep finding bruises on my legs", ["Lynparza", "platelets"]),
    ("on talzenna and my gums keep bleeding", ["Talzenna", "bleeding"]),
]
# Signs clinical-safety.md says to call the hotline about *now* (Enhertu's boxed warning, immunotherapy):
# promoted by the NLU to urgent_symptom (bot/triage/nlu_router.py), so they are answered even with the
# action server down, escalate as critical, and the medicine's own explanation is added (2026-12-07).
NOW_PAIRS = [
    ("I'm having Enhertu and have developed a cough", ["Enhertu", "lung inflammation"]),
    ("been on enhertu two months and now I get breathless climbing the stairs", ["Enhertu", "lung"]),
    ("I'm on Keytruda and have had diarrhoea since yesterday", ["Keytruda", "colitis"]),
]
EMERGENCY_PAIRS = [
    ("I'm on tamoxifen and my right calf is swollen and painful", "tamoxifen"),
    ("I take tamoxifen and I have chest pain", "tamoxifen"),
    ("I'm on ibrance and I've got a fever", "fever"),
    ("I had my xgeva injection and now I'm having muscle spasms", "calcium"),
    ("palpitations since my last prolia injection", "calcium"),
]


# message -> "triage" or "urgent": which answered each hotline pair (for the floor below)
HOTLINE_OUTCOMES: dict = {}
# The safety layer (detector, model, semantic reader) may read a hotline symptom as urgent;
# then the urgent rule answers and escalates as critical -- never less. Most hotline pairs
# must still get the medicine's own triage: at most this many may go the urgent way.
MAX_URGENT_INSTEAD = 2


def hotline_outcome(stack, message, needles) -> str:
    replies = texts(stack.say(sender(), message))
    escalations = [e[:2] for e in escalations_for(stack, message)]
    if HOTLINE in replies or HOTLINE_NOW in replies:
        for needle in needles:
            assert needle in replies, (needle, replies)
        assert "Sources: " in replies and "support team" in replies
        assert escalations == [("urgent_symptom", "high")]
        when = "now" if "Keytruda" in message or "enhertu" in message.lower() else "today"
        assert HOTLINE_NOW in replies if when == "now" else HOTLINE in replies
        assert f"[side-effect triage: hotline {when}" in escalations_for(stack, message)[0][2]
        return "triage"
    assert EMERGENCY_NUMBER in replies and "support team" in replies, replies
    assert escalations == [("urgent_symptom", "critical")], (message, replies)
    return "urgent"


@pytest.mark.parametrize("message,needles", HOTLINE_PAIRS)
def test_hotline_pairs_reply_and_escalate(stack, message, needles):
    HOTLINE_OUTCOMES[message] = hotline_outcome(stack, message, needles)


def test_most_hotline_pairs_get_the_medicines_own_triage(stack):
    for message, needles in HOTLINE_PAIRS:
        if message not in HOTLINE_OUTCOMES:  # this test run alone
            HOTLINE_OUTCOMES[message] = hotline_outcome(stack, message, needles)
    urgent = [m for m, outcome in HOTLINE_OUTCOMES.items() if outcome == "urgent"]
    assert len(urgent) <= MAX_URGENT_INSTEAD, urgent


@pytest.mark.parametrize("message,needles", NOW_PAIRS)
def test_call_now_pairs_are_urgent_with_the_medicines_explanation(stack, message, needles):
    replies = texts(stack.say(sender(), message))
    assert "oncology hotline now" in replies and "support team" in replies, replies
    for needle in needles:
        assert needle in replies, (needle, replies)
    assert [e[:2] for e in escalations_for(stack, message)] == [("urgent_symptom", "critical")]


@pytest.mark.parametrize("message,needle", EMERGENCY_PAIRS)
def test_emergency_pairs_reply_and_escalate_critical(stack, message, needle):
    """Either the triage reply or the urgent rule (detector or model) answers; both give
    the emergency number and a critical escalation."""
    replies = texts(stack.say(sender(), message))
    assert EMERGENCY_NUMBER in replies, replies
    assert "emergency" in replies.lower()
    if "This needs help now." in replies:
        assert needle in replies
    assert [e[:2] for e in escalations_for(stack, message)] == [("urgent_symptom", "critical")]


def test_raised_temperature_on_a_marrow_suppressing_medicine_is_at_least_hotline(stack):
    """37.8 °C is below the US fever threshold: triage says call today (high); the model
    may read it as urgent, and the urgent rule then answers (critical). Never less."""
    message = "I take olaparib and my temperature is 37.8"
    replies = texts(stack.say(sender(), message))
    escalations = [e[:2] for e in escalations_for(stack, message)]
    if HOTLINE in replies:
        assert "temperature" in replies and escalations == [("urgent_symptom", "high")]
    else:
        assert EMERGENCY_NUMBER in replies and escalations == [("urgent_symptom", "critical")]


def test_medicine_named_earlier_is_used(stack):
    me = sender()
    first = texts(stack.say(me, "what does Kisqali do?"))
    assert HOTLINE not in first
    message = "I've had a dry cough since the weekend"
    replies = texts(stack.say(me, message))
    assert HOTLINE in replies and "Kisqali (ribociclib)" in replies
    assert [e[:2] for e in escalations_for(stack, message)] == [("urgent_symptom", "high")]


def test_remembered_medicine_does_not_weaken_the_urgent_rule(stack):
    me = sender()
    stack.say(me, "hi", metadata={"region": "UK"})
    stack.say(me, "what are the side effects of tamoxifen?")
    message = "I have a temperature of 38.5 and feel shivery"
    replies = texts(stack.say(me, message))
    assert "999" in replies and "support team" in replies
    assert [e[:2] for e in escalations_for(stack, message)] == [("urgent_symptom", "critical")]


def test_next_visit_does_not_escalate(stack):
    message = "getting hot flushes at night since I started tamoxifen"
    replies = texts(stack.say(sender(), message))
    assert "next visit" in replies and "tamoxifen" in replies
    assert escalations_for(stack, message) == []


def test_no_medicine_no_triage_and_deletion_forgets(stack):
    me = sender()
    message = "I've got a cough that started on monday"
    assert HOTLINE not in texts(stack.say(me, message))
    assert escalations_for(stack, message) == []
    stack.say(me, "I'm on Enhertu")
    assert "delete" in texts(stack.say(me, "delete my data")).lower()
    assert "deleted" in texts(stack.say(me, "yes")).lower()
    time.sleep(5)  # the tracker purge runs right after the turn is saved
    message = "I've got a cough that started on tuesday"
    assert HOTLINE not in texts(stack.say(me, message))
    assert escalations_for(stack, message) == []
