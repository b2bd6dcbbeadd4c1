"""Medication and appointment reminders end to end over REST: the real Rasa server with
the trained model, the real action server and a real SQLite database; the scheduler's
planner is called on that database in between, as ``python -m bot scheduler`` would."""

from __future__ import annotations

import json
import re
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from bot.care_reminders import service
from bot.db.models import CareReminder, Outbox, ReminderOccurrence
from bot.db.session import session_scope
from tests.servers import started_stack, texts

pytestmark = pytest.mark.integration
LONDON = {"timezone": "Europe/London"}
TG_UTC = {"timezone": "UTC", "channel": "telegram"}  # as the Telegram worker declares itself


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    s = started_stack(tmp_path_factory.mktemp("e2e-care"))
    yield s
    s.stop_all()


def sender() -> str:
    return f"care-{uuid.uuid4().hex[:10]}"


def reminders(stack):
    with session_scope(stack.env["DATABASE_URL"]) as s:
        return [
            (r.label, r.kind, r.pattern, r.time_of_day, r.timezone, r.status)
            for r in s.execute(select(CareReminder).order_by(CareReminder.id)).scalars()
        ]


def test_everything_in_one_message_then_confirm_list_and_pause(stack):
    me = sender()
    before = len(reminders(stack))
    confirm = stack.say(me, "remind me to take my Ibrance at 9 every morning", LONDON)
    text = texts(confirm)
    assert "Ibrance" in text and "Europe/London" in text and "Shall I set it up" in text
    assert [b["payload"] for r in confirm for b in r.get("buttons") or []] == ["/affirm", "/deny"]
    done = texts(stack.say(me, "/affirm", LONDON))
    assert "Done" in done and "Ibrance" in done
    stored = reminders(stack)
    assert len(stored) == before + 1
    assert stored[-1] == ("Ibrance", "medication", "daily", "09:00", "Europe/London", "active")

    listing = texts(stack.say(me, "what reminders do I have?", LONDON))
    assert "Ibrance" in listing
    assert "Paused" in texts(stack.say(me, "pause my Ibrance reminder", LONDON))
    assert reminders(stack)[-1][-1] == "paused"


def test_missing_details_are_asked_for_and_no_stores_nothing(stack):
    me = sender()
    before = reminders(stack)
    assert "What should I remind you about" in texts(stack.say(me, "set a med reminder", LONDON))
    asked = texts(stack.say(me, "my letrozole", LONDON))
    assert "What time" in asked, asked
    assert "How often" in texts(stack.say(me, "10pm", LONDON))
    confirm = texts(stack.say(me, "every day", LONDON))
    assert "letrozole" in confirm.lower() and "10:00 pm" in confirm.lower()
    assert "haven't set up" in texts(stack.say(me, "/deny", LONDON))
    assert reminders(stack) == before


def test_appointment_gets_day_before_and_day_of_reminders(stack):
    me = sender()
    confirm = texts(stack.say(me, "I have my bone marrow biopsy on the 3rd at 10am", LONDON))
    assert "biopsy" in confirm.lower() and "day before" in confirm.lower()
    assert "Done" in texts(stack.say(me, "yes", LONDON))
    label, kind, pattern, at, _, status = reminders(stack)[-1]
    assert (kind, pattern, at, status) == ("appointment", "once", "10:00", "active")
    assert "biopsy" in label.lower()


def test_dose_questions_never_get_advice(stack):
    me = sender()
    for question in (
        "should I take two if I missed one?",
        "how much ibrance should i take",
        "I forgot my tablet this morning, should I take it now",
    ):
        answer = texts(stack.say(me, question, LONDON))
        assert "can't give advice about doses" in answer, (question, answer)
        assert "pharmacist" in answer and "care team" in answer
        assert not re.search(r"\b\d+\s*(mg|tablets?|pills?)\b", answer, re.I)


def test_crisis_during_set_up_still_gets_crisis_lines(stack):
    me = sender()
    stack.say(me, "set a reminder for my tablets", LONDON)
    replies = texts(stack.say(me, "i want to end my life", LONDON))
    assert "988" in replies or "Samaritans" in replies or "116 123" in replies


def test_taken_button_records_the_dose_and_adherence_summarises(stack):
    me = sender()
    now = datetime.now(timezone.utc)
    # Due earlier TODAY: "an hour ago" just after midnight would be yesterday's time, and a
    # daily reminder set now starts tonight (found at 00:07 UTC).
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    due = now - timedelta(hours=1) if now - timedelta(hours=1) >= midnight else midnight + (now - midnight) / 2
    an_hour_ago = due.strftime("%H:%M")
    stack.say(me, f"remind me to take my letrozole at {an_hour_ago} every day", TG_UTC)
    assert "Done" in texts(stack.say(me, "yes", TG_UTC))
    url = stack.env["DATABASE_URL"]
    with session_scope(url) as s:  # the scheduler's pass, one day later
        [reminder] = s.execute(select(CareReminder).where(CareReminder.label == "letrozole")).scalars().all()
        reminder.planned_until = datetime.now(timezone.utc) - timedelta(days=1, hours=2)
        rid = reminder.id
    with session_scope(url) as s:
        service.plan_due(s, datetime.now(timezone.utc))
    with session_scope(url) as s:
        occ = (
            s.execute(
                select(ReminderOccurrence).where(
                    ReminderOccurrence.reminder_id == rid, ReminderOccurrence.status == "sent"
                )
            )
            .scalars()
            .one()
        )
        row = (
            s.execute(select(Outbox).where(Outbox.kind == "care_reminder").order_by(Outbox.id.desc())).scalars().first()
        )
        buttons = row.payload["buttons"]
        occ_id = occ.id
    assert [b["title"] for b in buttons] == ["Taken", "Snooze 30 min", "Skip"]
    assert all(len(b["payload"].encode()) <= 64 for b in buttons)  # Telegram callback limit
    taken = texts(stack.say(me, buttons[0]["payload"], TG_UTC))
    assert "taken" in taken.lower()
    with session_scope(url) as s:
        assert s.get(ReminderOccurrence, occ_id).status == "taken"
    summary = texts(stack.say(me, "how have I done with my tablets?", TG_UTC))
    assert "taken" in summary.lower() and ("care team" in summary or "pharmacist" in summary)
    entities = json.loads("{" + buttons[0]["payload"].split("{", 1)[1])
    assert entities == {"reminder_reply": f"taken:{occ_id}"}
