"""Daily check-in reminders chosen by conversation: offered after a check-in, the time
asked in a small form, stored in the database (delivered by the scheduler + notifier)."""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import identify, run_db, settings
from bot import users
from bot.checkins import reminders
from bot.checkins.parsing import parse_time_of_day
from bot.db.session import session_scope

logger = logging.getLogger(__name__)
RE_ASK_TIME = 'Sorry, I didn\'t catch a time. Please type a time like "9am", "2:30 pm" or "18:00".'


class ValidateReminderForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_reminder_form"

    def validate_reminder_time(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        hhmm = parse_time_of_day(str(slot_value or ""))
        if hhmm is None:
            dispatcher.utter_message(text=RE_ASK_TIME)
        return {"reminder_time": hhmm}


class ActionSetReminder(Action):
    def name(self) -> Text:
        return "action_set_reminder"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        key, channel = identify(tracker)
        hhmm = tracker.get_slot("reminder_time")
        metadata = tracker.latest_message.get("metadata") or {}
        tz = str(metadata.get("timezone") or "UTC")

        def store() -> str:
            with session_scope(settings().database_url) as session:
                users.get_or_create_user(session, key, channel, conversation_id=tracker.sender_id)
                try:
                    user = reminders.set_reminder(session, key, hhmm, tz)
                except ValueError:  # unknown time zone from the client: fall back to UTC
                    user = reminders.set_reminder(session, key, hhmm, "UTC")
                return user.timezone

        try:
            zone = await run_db(store)
        except Exception:
            logger.exception("could not store reminder")
            dispatcher.utter_message(text="Sorry, I couldn't save your reminder just now. Please try again later.")
            return [SlotSet("reminder_time", None)]
        dispatcher.utter_message(
            text=f"Done. I'll remind you to check in every day at {hhmm} ({zone}). "
            'Say "delete my data" any time to stop reminders and remove your data.'
        )
        return [SlotSet("reminder_time", None)]
