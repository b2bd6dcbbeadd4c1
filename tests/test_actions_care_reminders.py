"""Actions for medication and appointment reminders (issue 8), financial-demo style:
run each action with a CollectingDispatcher and a hand-built tracker, assert the events
and messages, and check the real (SQLite) database behind them."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions import common
from actions.care_reminders import (
    ActionAdherenceSummary,
    ActionAskCareConfirm,
    ActionManageReminders,
    ActionReminderReply,
    ActionSaveCareReminder,
    ValidateCareReminderForm,
    operation_for,
)
from bot.care_reminders import service
from bot.db.models import CareReminder, ReminderOccurrence
from bot.db.session import session_scope
from bot.privacy.pseudonym import user_key
from tests.action_harness import DOMAIN, ent, run, slot_events, tracker

LONDON = {"timezone": "Europe/London"}
TELEGRAM = {"channel": "telegram"}


def key_of(sender: str = "user-1", channel: str = "rest") -> str:
    return user_key(channel, sender)


async def form_step(text, slots=None, intent=None, sender="user-1"):
    """One turn of the set-up form: the validation action on ``text``."""
    t = tracker(text, intent=intent, slots=slots, sender=sender, metadata=LONDON)
    dispatcher = CollectingDispatcher()
    form = ValidateCareReminderForm()
    events = await form.run(dispatcher, t, DOMAIN)
    values = slot_events(events)
    draft = values.get("care_draft", (slots or {}).get("care_draft"))
    required = await form.required_slots([], dispatcher, tracker(slots={"care_draft": draft}), DOMAIN)
    return draft, required, dispatcher.messages


async def test_opening_message_with_everything_goes_straight_to_confirmation(action_db):
    draft, required, messages = await form_step("remind me to take my Ibrance at 9 every morning")
    assert draft["label"].lower() == "ibrance"
    assert draft["time_of_day"] == "09:00" and draft["pattern"] == "daily"
    assert draft["_timezone"] == "Europe/London"
    assert required == ["care_draft", "care_confirm"]
    assert messages == []

    messages, _ = await run(ActionAskCareConfirm(), tracker(slots={"care_draft": draft}))
    assert "Ibrance" in messages[0]["text"] and "9" in messages[0]["text"]
    assert "Europe/London" in messages[0]["text"]
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/affirm", "/deny"]


async def test_form_asks_only_for_what_is_missing_and_reasks_on_nonsense(action_db):
    draft, required, _ = await form_step("set a reminder please")
    assert required[1] == "care_label"
    draft, required, _ = await form_step("my letrozole", slots={"care_draft": draft, "requested_slot": "care_label"})
    assert draft["label"].lower() == "letrozole" and required[1] == "care_time"
    draft, required, messages = await form_step(
        "whenever really", slots={"care_draft": draft, "requested_slot": "care_time"}
    )
    assert required[1] == "care_time"  # nothing understood: asked again, with a hint
    assert "time" in messages[0]["text"] and "cancel" in messages[0]["text"]
    draft, required, _ = await form_step("10pm", slots={"care_draft": draft, "requested_slot": "care_time"})
    assert draft["time_of_day"] == "22:00" and required[1] == "care_pattern"
    draft, required, _ = await form_step(
        "21 days on, 7 days off", slots={"care_draft": draft, "requested_slot": "care_pattern"}
    )
    assert (draft["pattern"], draft["days_on"], draft["days_off"]) == ("cycle", 21, 7)
    assert required[1] == "care_date"
    draft, required, _ = await form_step("tomorrow", slots={"care_draft": draft, "requested_slot": "care_date"})
    assert draft["start_date"] is not None and required == ["care_draft", "care_confirm"]


async def test_confirmed_draft_is_stored_and_cleared(action_db):
    draft, _, _ = await form_step("remind me to take my Ibrance at 9 every morning")
    draft, required, _ = await form_step(
        "yes", intent="affirm", slots={"care_draft": draft, "requested_slot": "care_confirm"}
    )
    assert required == ["care_draft"] and draft["_confirmed"] is True
    messages, events = await run(
        ActionSaveCareReminder(), tracker("yes", intent="affirm", slots={"care_draft": draft}, metadata=LONDON)
    )
    assert slot_events(events)["care_draft"] is None
    assert "Done" in messages[0]["text"] and "Ibrance" in messages[0]["text"]
    with session_scope(action_db) as s:
        stored = s.execute(select(CareReminder)).scalars().all()
        assert [(r.label.lower(), r.time_of_day, r.pattern, r.timezone, r.status) for r in stored] == [
            ("ibrance", "09:00", "daily", "Europe/London", "active")
        ]


async def test_no_at_confirmation_or_cancel_midway_stores_nothing(action_db):
    draft, _, _ = await form_step("remind me to take my Ibrance at 9 every morning")
    no, required, _ = await form_step(
        "no", intent="deny", slots={"care_draft": draft, "requested_slot": "care_confirm"}
    )
    assert required == ["care_draft"] and no["_confirmed"] is False
    half, _, _ = await form_step("set a med reminder")
    cancelled, required, _ = await form_step("cancel", slots={"care_draft": half, "requested_slot": "care_label"})
    assert required == ["care_draft"] and cancelled["_confirmed"] is False
    for d in (no, cancelled):
        messages, events = await run(ActionSaveCareReminder(), tracker("no", slots={"care_draft": d}))
        assert "haven't set up" in messages[0]["text"]
    with session_scope(action_db) as s:
        assert s.execute(select(CareReminder)).scalars().all() == []


async def test_correction_at_confirmation_updates_the_draft(action_db):
    draft, _, _ = await form_step("remind me to take my Ibrance at 9 every morning")
    draft, required, _ = await form_step(
        "no, at 8pm", intent="deny", slots={"care_draft": draft, "requested_slot": "care_confirm"}
    )
    assert draft["time_of_day"] == "20:00" and required == ["care_draft", "care_confirm"]


def _store(url, sender, text, tz="Europe/London", now=None, channel="rest"):
    from bot.care_reminders.parsing import parse_reminder_request

    now = now or datetime.now(timezone.utc)
    with session_scope(url) as s:
        r = service.create_reminder(
            s,
            user_key=key_of(sender, channel),
            channel=channel,
            draft=parse_reminder_request(text, now.date()),
            timezone=tz,
            now=now,
        )
        return r.id


async def test_list_pause_change_delete_by_conversation(action_db):
    ibrance = _store(action_db, "user-1", "remind me to take my Ibrance at 9 every morning")
    scan = _store(action_db, "user-1", "remind me about my MRI on 12 December 2099 at 9am")
    messages, _ = await run(ActionManageReminders(), tracker("what reminders do I have"))
    assert "Ibrance" in messages[0]["text"] and "MRI" in messages[0]["text"]

    messages, _ = await run(ActionManageReminders(), tracker("pause my Ibrance reminder"))
    assert "Paused" in messages[0]["text"]
    messages, _ = await run(ActionManageReminders(), tracker("move my ibrance reminder to 8am"))
    assert "Changed" in messages[0]["text"]
    messages, _ = await run(ActionManageReminders(), tracker("delete the mri reminder"))
    assert "Deleted" in messages[0]["text"]
    with session_scope(action_db) as s:
        rows = {r.id: r for r in s.execute(select(CareReminder)).scalars()}
        assert scan not in rows
        assert rows[ibrance].status == "paused" and rows[ibrance].time_of_day == "08:00"


async def test_ambiguous_management_asks_which_with_buttons_and_button_acts(action_db):
    first = _store(action_db, "user-1", "remind me to take my Ibrance at 9 every morning")
    _store(action_db, "user-1", "remind me to take my letrozole at 10pm every day")
    messages, _ = await run(ActionManageReminders(), tracker("pause my reminder"))
    assert messages[0]["text"] == "Which reminder do you mean?"
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    assert len(payloads) == 2 and all(p.startswith("/manage_reminders{") for p in payloads)
    messages, _ = await run(
        ActionManageReminders(),
        tracker(
            payloads[0],
            intent="manage_reminders",
            entities=[ent("reminder_op", "pause"), ent("reminder_id", str(first))],
        ),
    )
    assert "Paused" in messages[0]["text"]


async def test_someone_else_cannot_touch_my_reminder(action_db):
    mine = _store(action_db, "user-1", "remind me to take my Ibrance at 9 every morning")
    messages, _ = await run(
        ActionManageReminders(),
        tracker(
            "",
            intent="manage_reminders",
            sender="intruder",
            entities=[ent("reminder_op", "delete"), ent("reminder_id", str(mine))],
        ),
    )
    assert "Deleted" not in messages[0]["text"]
    with session_scope(action_db) as s:
        assert s.get(CareReminder, mine) is not None


async def test_taken_button_is_recorded_and_adherence_reflects_it(action_db):
    start = datetime.now(timezone.utc) - timedelta(days=2)
    an_hour_ago = (datetime.now(timezone.utc) - timedelta(hours=1)).strftime("%H:%M")
    _store(
        action_db,
        "user-1",
        f"remind me to take my Ibrance at {an_hour_ago} every day",
        tz="UTC",
        now=start,
        channel="telegram",
    )  # reminders are pushed on Telegram only
    with session_scope(action_db) as s:
        service.plan_due(s, datetime.now(timezone.utc))
        occurrences = (
            s.execute(
                select(ReminderOccurrence)
                .where(ReminderOccurrence.status == "sent")
                .order_by(ReminderOccurrence.due_at)
            )
            .scalars()
            .all()
        )
        ids = [o.id for o in occurrences]
    assert ids, "a dose in the last day should have been sent"
    messages, _ = await run(
        ActionReminderReply(),
        tracker(
            "/reminder_reply",
            intent="reminder_reply",
            metadata=TELEGRAM,
            entities=[ent("reminder_reply", f"taken:{ids[-1]}")],
        ),
    )
    assert "taken" in messages[0]["text"].lower()
    messages, _ = await run(
        ActionReminderReply(),
        tracker(
            "/reminder_reply",
            intent="reminder_reply",
            sender="intruder",
            entities=[ent("reminder_reply", "skip"), ent("occurrence_id", str(ids[-1]))],
        ),
    )
    assert "couldn't find" in messages[0]["text"]
    with session_scope(action_db) as s:
        assert s.get(ReminderOccurrence, ids[-1]).status == "taken"
    messages, _ = await run(ActionAdherenceSummary(), tracker("how have I done with my tablets?", metadata=TELEGRAM))
    text = messages[0]["text"]
    assert "1" in text and "taken" in text.lower()
    assert "care team" in text or "pharmacist" in text


async def test_reply_with_bad_entities_is_refused_politely(action_db):
    messages, _ = await run(
        ActionReminderReply(),
        tracker(
            "/reminder_reply",
            intent="reminder_reply",
            entities=[ent("reminder_reply", "drop table"), ent("occurrence_id", "1; --")],
        ),
    )
    assert "couldn't tell" in messages[0]["text"]


async def test_database_down_gives_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'missing' / 'x.db'}")
    common.settings.cache_clear()
    try:
        messages, _ = await run(ActionManageReminders(), tracker("my reminders"))
        assert "can't reach your reminders" in messages[0]["text"]
        messages, _ = await run(ActionAdherenceSummary(), tracker("how have I done"))
        assert "can't reach your reminders" in messages[0]["text"]
    finally:
        common.settings.cache_clear()


def test_operation_words():
    assert operation_for("what reminders do I have") == "list"
    assert operation_for("pause my Ibrance reminder") == "pause"
    assert operation_for("delete the biopsy reminder") == "delete"
    assert operation_for("turn my reminders back on") == "resume"
    assert operation_for("move my reminder to 8am") == "change"


async def test_safety_intents_are_not_swallowed_by_the_form(action_db):
    """A crisis typed while the form waits for a time must not be read as an answer:
    the form extracts nothing, Rasa rejects the form's turn and the crisis rule answers."""
    draft, _, _ = await form_step("set a med reminder")
    for intent in ("crisis", "urgent_symptom", "request_human", "ask_dosing"):
        t = tracker("i want to end my life", intent=intent, slots={"care_draft": draft, "requested_slot": "care_label"})
        events = await ValidateCareReminderForm().run(CollectingDispatcher(), t, DOMAIN)
        assert [e for e in events if e.get("name") == "care_draft"] == [], intent


async def test_a_refusal_heard_as_yes_does_not_confirm_the_reminder(action_db):
    """'definitely not' was classified as affirm (blind set G): the confirmation must not take it."""
    draft, _, _ = await form_step("remind me to take my Ibrance at 9 every morning")
    for text in ("definitely not", "absolutely not thanks", "nope"):
        answered, required, _ = await form_step(
            text, intent="affirm", slots={"care_draft": draft, "requested_slot": "care_confirm"}
        )
        assert required == ["care_draft"] and answered["_confirmed"] is False, text
