"""Mood diary: the check-in form (0-10 distress thermometer, mood word, note), quick
scores outside the form, and the mood history with a chart.

Replies follow the escalation model in DESIGN.md (NCCN Distress Thermometer cut-off 4,
see shared/clinical-safety.md): 0-3 acknowledge, 4-6 offer support and a person,
7-10 open an escalation.
"""

from __future__ import annotations

import base64
import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import identify, run_db, settings
from actions.escalation import distress_followup, open_escalation
from bot.checkins import service as checkins
from bot.checkins.parsing import OUT_OF_RANGE, parse_score_detail
from bot.db.session import session_scope
from bot.users import get_user

logger = logging.getLogger(__name__)

SKIP_WORDS = {"skip", "no", "nothing", "none", "nope", "n/a", "na", "-", "no thanks"}
RE_ASK_RANGE = "The scale goes from 0 to 10. Which number from 0 to 10 fits best?"
RE_ASK_NUMBER = (
    "That's okay, it can be hard to put a number on it. Roughly: 0 means no distress and "
    "10 the worst you can imagine. Tap or type any number from 0 to 10."
)
SPOOLED = (
    "I couldn't save this just now because of a problem on our side. I've kept it safe, "
    "and it will be added to your diary soon."
)


def band_reply(score: int) -> Dict[str, Any]:
    """The reply for a distress score, by the escalation model's bands."""
    if score <= 3:
        return {
            "text": (
                f"Thank you for checking in. I've noted {score} out of 10. Say \"how has my "
                'mood been" any time to see your trend.'
            )
        }
    if score <= 6:
        return {
            "text": (
                f"Thank you for telling me. {score} out of 10 means things have been hard. "
                "Talking can help: would you like a person from our support team to get in "
                "touch, or to see support options like counselling and support groups?"
            ),
            "buttons": [
                {"title": "Talk to a person", "payload": "/affirm"},
                {"title": "Support options", "payload": "/ask_support"},
            ],
        }
    return {
        "text": (
            f"Thank you for telling me. {score} out of 10 is a lot to carry. I've let our "
            "support team know so a person can reach out to you. If you have thoughts of "
            "harming yourself, or feel unsafe, please reach out now:"
        )
    }


async def save_and_reply(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    score: int,
    mood_word: Optional[str],
    note: Optional[str],
    source: str,
) -> List[Dict[Text, Any]]:
    """Store a check-in (or spool it), reply by band and escalate a high score."""
    key, channel = identify(tracker)
    stored = await run_db(
        checkins.record_or_spool,
        settings(),
        user_key=key,
        channel=channel,
        score=score,
        mood_word=mood_word,
        note=note,
        source=source,
        conversation_id=tracker.sender_id,
    )
    reply = band_reply(score)
    dispatcher.utter_message(**reply)
    events: List[Dict[Text, Any]] = []
    if score >= 7:
        dispatcher.utter_message(response="utter_crisis_lines")
        await open_escalation(
            tracker,
            reason="distress_score",
            score=score,
            excerpt=f"Distress check-in {score}/10" + (f": {mood_word}" if mood_word else ""),
        )
        when_seen = distress_followup(tracker)
        if when_seen:
            dispatcher.utter_message(text=when_seen)
        events.append(SlotSet("pending_offer", None))
    elif score >= 4:
        events += [SlotSet("pending_offer", "human"), SlotSet("offer_context", f"Distress check-in {score}/10")]
    elif source == "form" and not await run_db(_has_reminder, key):
        dispatcher.utter_message(
            text="Would you like a daily reminder to check in?",
            buttons=[{"title": "Yes, remind me", "payload": "/affirm"}, {"title": "No thanks", "payload": "/deny"}],
        )
        events.append(SlotSet("pending_offer", "reminder"))
    if stored is None:
        dispatcher.utter_message(text=SPOOLED)
    return events


def _has_reminder(user_key: str) -> bool:
    """True when a reminder is set; also True when the DB is down (don't offer then)."""
    try:
        with session_scope(settings().database_url) as session:
            user = get_user(session, user_key)
            return bool(user and user.reminder_time)
    except Exception:
        return True


class ValidateCheckinForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_checkin_form"

    def validate_distress_score(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        parsed = parse_score_detail(str(slot_value if slot_value is not None else ""))
        if parsed.ok:
            return {"distress_score": parsed.score}
        dispatcher.utter_message(text=RE_ASK_RANGE if parsed.reason == OUT_OF_RANGE else RE_ASK_NUMBER)
        return {"distress_score": None}

    def validate_mood_word(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        word = " ".join(str(slot_value or "").split())[:60]
        if not word:
            dispatcher.utter_message(text='Just a word or two is fine, for example "tired" or "hopeful".')
            return {"mood_word": None}
        return {"mood_word": word}

    def validate_mood_note(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        note = " ".join(str(slot_value or "").split())
        if note.lower() in SKIP_WORDS:
            note = ""
        return {"mood_note": note[:1000]}


class ActionSubmitCheckin(Action):
    def name(self) -> Text:
        return "action_submit_checkin"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        score = int(tracker.get_slot("distress_score"))
        events = await save_and_reply(
            dispatcher,
            tracker,
            score,
            tracker.get_slot("mood_word"),
            tracker.get_slot("mood_note") or None,
            source="form",
        )
        return events + [
            SlotSet("distress_score", None),
            SlotSet("mood_word", None),
            SlotSet("mood_note", None),
        ]


class ActionLogMood(Action):
    """A score given outside the form ("about a 6") is logged straight away."""

    def name(self) -> Text:
        return "action_log_mood"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        raw = next(tracker.get_latest_entity_values("mood_score"), None)
        text = str(raw) if raw is not None else (tracker.latest_message.get("text") or "")
        parsed = parse_score_detail(text)
        if not parsed.ok or parsed.score is None:  # a parse that is ok carries its score
            dispatcher.utter_message(
                text=RE_ASK_RANGE
                if parsed.reason == OUT_OF_RANGE
                else "Would you like to do a quick check-in? Tap a number from 0 (no distress) to 10.",
                buttons=[{"title": "Check in", "payload": "/start_checkin"}],
            )
            return []
        return await save_and_reply(dispatcher, tracker, parsed.score, None, None, source="inline")


def mood_history_text(summary_7, summary_30) -> str:
    """Plain-language 7- and 30-day summary (distress: lower is better)."""
    trend_words = {
        "improving": "your distress has been going down",
        "worse": "your distress has been going up",
        "steady": "your distress has been about the same",
        "not_enough_data": "there aren't enough check-ins yet to see a trend",
    }
    parts = []
    for label, s in (("Last 7 days", summary_7), ("Last 30 days", summary_30)):
        if not s.count:
            parts.append(f"{label}: no check-ins.")
            continue
        day, score = s.highest
        parts.append(
            f"{label}: {s.count} check-in{'s' if s.count != 1 else ''}, average {s.average}/10, "
            f"highest {score}/10 on {day:%a %d %b}; {trend_words.get(s.trend, s.trend)}."
        )
    return "\n".join(parts)


class ActionMoodHistory(Action):
    def name(self) -> Text:
        return "action_mood_history"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        key, _ = identify(tracker)

        def load():
            with session_scope(settings().database_url) as session:
                s7 = checkins.mood_summary(session, key, 7)
                s30 = checkins.mood_summary(session, key, 30)
                png = checkins.render_mood_chart(session, key, days=30) if s30.count else None
                return s7, s30, png

        try:
            s7, s30, png = await run_db(load)
        except Exception:  # database down: say so plainly, keep the conversation going
            logger.exception("mood history unavailable")
            dispatcher.utter_message(
                text="Sorry, I can't reach your mood diary right now. Please try again in a few minutes."
            )
            return []
        if not s30.count:
            dispatcher.utter_message(
                text='You haven\'t logged any check-ins in the last 30 days. Say "check in" to start.',
                buttons=[{"title": "Check in", "payload": "/start_checkin"}],
            )
            return []
        dispatcher.utter_message(text=mood_history_text(s7, s30))
        if png:
            dispatcher.utter_message(image="data:image/png;base64," + base64.b64encode(png).decode("ascii"))
        return []
