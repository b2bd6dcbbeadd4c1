"""Issue 17 end to end over REST (real Rasa server + trained model + action server):
requests that outrank an open form, topics resolved by meaning, the topic menu, and
factual questions with alarming words next to true crises."""

from __future__ import annotations

import uuid

import pytest
import requests
from sqlalchemy import func, select

from bot.db.models import CareReminder, Escalation
from bot.db.session import session_scope
from tests.servers import started_stack, texts

pytestmark = pytest.mark.integration

LONDON = {"timezone": "Europe/London"}
PRIVACY = "What I keep"
SCORE_QUESTION = "how much distress have you felt"
CONFIRM_QUESTION = "Shall I set it up"


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    s = started_stack(tmp_path_factory.mktemp("e2e-meaning"))
    yield s
    s.stop_all()


def sender() -> str:
    return f"meaning-{uuid.uuid4().hex[:10]}"


def active_loop(stack, me: str):
    r = requests.get(f"{stack.rasa_url}/conversations/{me}/tracker", params={"token": stack.token}, timeout=30)
    r.raise_for_status()
    return (r.json().get("active_loop") or {}).get("name")


def count(stack, model, **where) -> int:
    with session_scope(stack.env["DATABASE_URL"]) as s:
        q = select(func.count()).select_from(model)
        for k, v in where.items():
            q = q.where(getattr(model, k) == v)
        return s.execute(q).scalar_one()


def start_checkin(stack, me):
    assert SCORE_QUESTION in texts(stack.say(me, "can we do a check in"))
    assert active_loop(stack, me) == "checkin_form"


def start_care_reminder(stack, me):
    assert CONFIRM_QUESTION in texts(stack.say(me, "remind me to take my letrozole at 9 every morning", LONDON))
    assert active_loop(stack, me) == "care_reminder_form"


STARTS = {
    "checkin_form": (start_checkin, SCORE_QUESTION),
    "care_reminder_form": (start_care_reminder, CONFIRM_QUESTION),
}


@pytest.mark.parametrize("form", sorted(STARTS))
def test_a_privacy_question_is_answered_and_the_form_asks_again(stack, form):
    me = sender()
    start, question = STARTS[form]
    start(stack, me)
    reply = texts(stack.say(me, "wait, who can see what I tell you?", LONDON))
    assert PRIVACY in reply
    assert question in reply, reply  # the same question again: resumed at once
    assert active_loop(stack, me) == form


@pytest.mark.parametrize("form", sorted(STARTS))
def test_asking_for_a_person_pauses_the_form_escalates_and_carry_on_resumes(stack, form):
    me = sender()
    start, question = STARTS[form]
    start(stack, me)
    before = count(stack, Escalation, reason="request_human")
    reply = texts(stack.say(me, "I'd rather talk to a real person please", LONDON))
    assert "paused" in reply.lower()
    assert active_loop(stack, me) is None
    assert count(stack, Escalation, reason="request_human") == before + 1
    resumed = texts(stack.say(me, "ok let's carry on", LONDON))
    assert question in resumed, resumed
    assert active_loop(stack, me) == form


@pytest.mark.parametrize("form", sorted(STARTS))
def test_delete_my_data_is_never_read_as_the_forms_answer(stack, form):
    """The reported bug: "delete my data" at the reminder's yes/no was taken as "no"."""
    me = sender()
    start, _ = STARTS[form]
    start(stack, me)
    reminders_before = count(stack, CareReminder)
    reply = texts(stack.say(me, "delete my data", LONDON))
    assert "delete" in reply.lower() and "paused" in reply.lower()
    assert active_loop(stack, me) is None
    assert count(stack, CareReminder) == reminders_before  # nothing stored by the form
    # the pending question is now the deletion: "no" cancels it and offers the way back
    cancelled = texts(stack.say(me, "/deny", LONDON))
    assert "carry on" in cancelled.lower()
    assert count(stack, CareReminder) == reminders_before


@pytest.mark.parametrize(
    "question,needle",
    [
        ("what exactly do they test the marrow sample for", "lab"),
        ("i keep losing my train of thought and can't concentrate, is that the cancer", "concentrat"),
        ("how would i go about getting onto a clinical trial", "trial"),
        ("how do i keep weight on", "weight"),
    ],
)
def test_seed_questions_get_their_topic_not_the_section(stack, question, needle):
    reply = texts(stack.say(sender(), question)).lower()
    assert needle in reply, reply[:300]
    assert "pick a topic" not in reply


def test_a_question_it_cannot_place_gets_the_topic_menu(stack):
    replies = stack.say(sender(), "tell me about the treatments")
    menu = [r for r in replies if (r.get("text") or "").startswith("Or pick a topic")]
    assert menu, texts(replies)
    payloads = [b["payload"] for b in menu[0]["buttons"]]
    assert '/ask_treatment{"treatment":"her2_targeted"}' in payloads
    # a button leads to that topic
    herceptin = texts(stack.say(sender(), '/ask_treatment{"treatment":"her2_targeted"}')).lower()
    assert "her2" in herceptin


def test_parse_carries_only_topic_keys(stack):
    for text in (
        "my hips ache at night",
        "i've lost a lot of weight, how do i keep it on",
        "is there anywhere i can talk to people going through the same",
    ):
        parse = stack.parse(text)
        for ent in parse["entities"]:
            if ent["entity"] in ("symptom", "biopsy_step", "test", "treatment", "resource"):
                assert "_" in ent["value"] or ent["value"].isalpha() and ent["value"].islower(), ent
                assert ent["value"] not in ("ache", "hips", "keep", "lost", "people going"), ent


@pytest.mark.parametrize(
    "text",
    [
        "how do they find out what my HER2 status is",
        "is HER2 tested on the biopsy tissue or in the blood",
    ],
)
def test_factual_questions_are_not_crises(stack, text):
    parse = stack.parse(text)
    assert parse["intent"]["name"] not in ("crisis", "urgent_symptom"), parse


@pytest.mark.parametrize(
    "text",
    [
        "how many of my oxycodone would it take to not wake up",
        "I've given the dog to my sister and written my letters, I won't need anything after friday",
        "my husband keeps saying he's going to overdose on his tablets",
    ],
)
def test_true_crises_next_to_them_still_fire(stack, text):
    assert stack.parse(text)["intent"]["name"] == "crisis"
