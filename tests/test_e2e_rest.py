"""End-to-end over the REST channel: the real Rasa server with the trained model, the
real action server, a real SQLite database. Marked ``integration`` (slow start-up)."""

from __future__ import annotations

import base64
import time
import uuid

import pytest
import requests
from sqlalchemy import func, select

from bot.db.models import Checkin, Escalation, Outbox, User
from bot.db.session import session_scope
from tests.servers import started_stack, texts

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    s = started_stack(tmp_path_factory.mktemp("e2e"))
    yield s
    s.stop_all()


def sender() -> str:
    return f"e2e-{uuid.uuid4().hex[:10]}"


def db_count(stack, model, **where) -> int:
    with session_scope(stack.env["DATABASE_URL"]) as s:
        q = select(func.count()).select_from(model)
        for k, v in where.items():
            q = q.where(getattr(model, k) == v)
        return s.execute(q).scalar_one()


def test_api_requires_token(stack):
    assert requests.post(f"{stack.rasa_url}/model/parse", json={"text": "hi"}, timeout=10).status_code == 401
    assert stack.parse("what does herceptin do")["intent"]["name"] == "ask_treatment"


def test_multi_turn_conversation_covers_topics(stack):
    me = sender()
    greet = stack.say(me, "hello")
    assert "Companion" in texts(greet)
    assert any(r.get("buttons") for r in greet)

    r = stack.say(me, "how do I prepare for the bone marrow biopsy?")
    assert "Source:" in texts(r) and "care team" in texts(r).lower()
    short = texts(r)
    more = texts(stack.say(me, "tell me more"))
    assert more and more != short

    ibrance = texts(stack.say(me, "what does Ibrance do?"))
    assert "palbociclib" in ibrance.lower() or "cdk4/6" in ibrance.lower()
    side = texts(stack.say(me, "and what about the side effects?"))
    assert side != ibrance and "side effect" in side.lower()

    for question, needle in [
        ("why am i bruising so easily", "bruis"),
        ("what is a PET scan", "pet"),
        ("what does stage 4 mean", "stage 4"),
        ("is there a support group for people like me", "group"),
    ]:
        answer = texts(stack.say(me, question)).lower()
        assert needle in answer, (question, answer[:200])
    assert "welcome" in texts(stack.say(me, "thanks")).lower()


def test_crisis_gets_lines_escalation_and_outbox(stack):
    me = sender()
    replies = texts(stack.say(me, "I don't want to wake up tomorrow. I've written goodbye letters."))
    assert "988" in replies
    assert "support team" in replies
    assert "glad you told me" in replies and "Are you having thoughts" not in replies  # a rule matched
    with session_scope(stack.env["DATABASE_URL"]) as s:
        esc = s.execute(select(Escalation).order_by(Escalation.id.desc())).scalars().first()
        assert esc.reason == "crisis" and esc.severity == "critical"
        assert "goodbye letters" in esc.excerpt
        assert s.execute(select(func.count()).select_from(Outbox).where(Outbox.payload.isnot(None))).scalar_one() >= 1


def test_crisis_on_the_models_word_alone_asks_directly_and_still_escalates(stack):
    # a crisis training example the rule-based detector does not match: only DIET says crisis
    me = sender()
    before = db_count(stack, Escalation, reason="crisis")
    parsed = stack.parse("i wish i could just fall asleep forever")
    assert parsed["intent"]["name"] == "crisis" and "kind" not in (parsed.get("safety") or {})
    replies = texts(stack.say(me, "i wish i could just fall asleep forever"))
    assert "Are you having thoughts of ending your" in replies and "988" in replies and "support team" in replies
    assert db_count(stack, Escalation, reason="crisis") == before + 1


def test_region_changes_crisis_lines(stack):
    me = sender()
    stack.say(me, "hi", metadata={"region": "UK"})
    assert "116 123" in texts(stack.say(me, "i want to kill myself"))


def test_idiom_is_not_a_crisis(stack):
    replies = texts(stack.say(sender(), "this fatigue is killing me"))
    assert "988" not in replies


def test_crisis_told_as_history_gets_its_own_reply_and_no_alarm(stack):
    """bot/safety/crisis_history.py through the whole stack: no crisis escalation, the lines for
    the person's region "if it ever comes back", and a person offered; yes opens a request."""
    me = sender()
    stack.say(me, "hi", metadata={"region": "UK"})
    crises = db_count(stack, Escalation, reason="crisis")
    replies = texts(stack.say(me, "I took an overdose when I was 20. I'm 61 now and I've been well ever since."))
    assert "ever come back" in replies and "116 123" in replies, replies
    assert "support team" in replies
    assert db_count(stack, Escalation, reason="crisis") == crises
    humans = db_count(stack, Escalation, reason="request_human")
    stack.say(me, "yes please")
    assert db_count(stack, Escalation, reason="request_human") == humans + 1


def test_urgent_symptom_emergency_advice_and_escalation(stack):
    me = sender()
    before = db_count(stack, Escalation, reason="urgent_symptom")
    replies = texts(stack.say(me, "I had chemo 5 days ago and my temperature is 38.6"))
    assert "oncology hotline" in replies.lower() and "38.0" in replies
    assert db_count(stack, Escalation, reason="urgent_symptom") == before + 1


def test_checkin_high_score_escalates_low_does_not(stack):
    high, low = sender(), sender()
    before = db_count(stack, Escalation, reason="distress_score")
    assert "0 to 10" in texts(stack.say(high, "I want to do a check in"))
    stack.say(high, '/inform_mood{"mood_score": "8"}')
    stack.say(high, "terrified")
    done = texts(stack.say(high, "skip"))
    assert "8 out of 10" in done and "988" in done
    assert db_count(stack, Escalation, reason="distress_score") == before + 1

    stack.say(low, "check in")
    assert "0 to 10" in texts(stack.say(low, "eleven"))  # kind re-ask
    stack.say(low, "2")
    stack.say(low, "calm")
    assert "2 out of 10" in texts(stack.say(low, "nothing to add"))
    assert db_count(stack, Escalation, reason="distress_score") == before + 1
    assert db_count(stack, Checkin, score=2) >= 1

    history = stack.say(low, "how has my mood been?")
    assert "average" in texts(history)
    image = next(r["image"] for r in history if r.get("image"))
    assert base64.b64decode(image.split(",", 1)[1])[:4] == b"\x89PNG"


def test_delete_my_data_leaves_nothing(stack):
    me = sender()
    stack.say(me, "check in")
    stack.say(me, "3")
    stack.say(me, "tired")
    stack.say(me, "skip")
    assert db_count(stack, Checkin) >= 1
    assert "delete" in texts(stack.say(me, "delete my data")).lower()
    reply = texts(stack.say(me, "yes"))
    assert "deleted" in reply.lower()
    time.sleep(5)  # the tracker purge runs right after the turn is saved
    from bot.privacy.pseudonym import user_key

    key = user_key("rest", me)
    with session_scope(stack.env["DATABASE_URL"]) as s:
        assert s.execute(select(User).where(User.user_key == key)).first() is None
    tracker = requests.get(
        f"{stack.rasa_url}/conversations/{me}/tracker", params={"token": stack.token}, timeout=10
    ).json()
    assert not [e for e in tracker["events"] if e.get("event") == "user"]


@pytest.mark.parametrize(
    "body",
    [
        {"sender": "bad-1", "message": ""},
        {"sender": "bad-2", "message": "   "},
        {"sender": "bad-3", "message": "x" * 10000},
        {"sender": "bad-4", "message": "😢😢😢"},
        {"sender": "bad-5", "message": "¿Dónde está el hospital?"},
        {"sender": "bad-6", "message": "<script>alert(1)</script>'; DROP TABLE users;--"},
    ],
)
def test_bad_text_gets_a_reply_and_next_message_works(stack, body):
    r = requests.post(f"{stack.rasa_url}/webhooks/rest/webhook", json=body, timeout=60)
    assert r.status_code < 500
    assert texts(stack.say(body["sender"], "what is a ct scan"))


@pytest.mark.parametrize("raw", [b"{not json", b'{"sender": 5, "message": ["a"]}', b"\x00\xff\xfe"])
def test_malformed_requests_rejected_without_crash(stack, raw):
    r = requests.post(
        f"{stack.rasa_url}/webhooks/rest/webhook", data=raw, headers={"Content-Type": "application/json"}, timeout=30
    )
    assert r.status_code < 500 or r.status_code == 500 and stack.procs["rasa"].poll() is None
    assert texts(stack.say(sender(), "hello"))


def test_crisis_reply_survives_action_server_down(stack):
    me = sender()
    stack.stop_actions()
    try:
        replies = texts(stack.say(me, "my mum told me she wants to end her life"))
        assert "988" in replies
        # The Rasa-side backstop spooled it; the scheduler turns it into an escalation.
        import subprocess
        import sys

        from tests.servers import ROOT

        subprocess.run(
            [sys.executable, "-m", "bot", "scheduler", "--once"], cwd=ROOT, env=stack.env, check=True, timeout=120
        )
        with session_scope(stack.env["DATABASE_URL"]) as s:
            found = s.execute(select(Escalation).where(Escalation.excerpt.contains("end her life"))).scalars().all()
        assert len(found) == 1
    finally:
        stack.start_actions()
