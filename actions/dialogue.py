"""Conversation glue: first contact, and yes/no answers to whatever the bot last offered
(the ``pending_offer`` slot: more_detail, human, caregiver_flag, delete)."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import identify, run_db, settings
from actions.content import detail_for
from actions.escalation import CAREGIVER_FLAGGED, HUMAN_REQUESTED, open_escalation
from actions.privacy import delete_data
from bot import users
from bot.db.session import session_scope

REGIONS = {"US", "UK", "CA", "AU", "EU"}


class ActionFirstContact(Action):
    """Register the person (pseudonymously), note consent and their region."""

    def name(self) -> Text:
        return "action_first_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        key, channel = identify(tracker)
        metadata = tracker.latest_message.get("metadata") or {}
        region = str(metadata.get("region") or tracker.get_slot("region") or settings().default_region).upper()
        region = region if region in REGIONS else "US"
        role = metadata.get("role") if metadata.get("role") in ("patient", "caregiver") else tracker.get_slot("role")

        def register():
            with session_scope(settings().database_url) as session:
                users.get_or_create_user(session, key, channel, role=role, region=region, conversation_id=tracker.sender_id)
                users.record_consent(session, key)

        try:
            await run_db(register)
        except Exception:  # the greeting already went out; registration retries next time
            pass
        events: List[Dict[Text, Any]] = [SlotSet("region", region)]
        if role:
            events.append(SlotSet("role", role))
        return events


class ActionAffirm(Action):
    def name(self) -> Text:
        return "action_affirm"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        offer = tracker.get_slot("pending_offer")
        if offer == "more_detail":
            detail = detail_for(tracker)
            if detail:
                dispatcher.utter_message(text=detail)
                return [SlotSet("pending_offer", None)]
        elif offer == "human":
            await open_escalation(tracker, reason="request_human", excerpt=tracker.get_slot("offer_context"))
            dispatcher.utter_message(text=HUMAN_REQUESTED)
            return [SlotSet("pending_offer", None), SlotSet("offer_context", None)]
        elif offer == "caregiver_flag":
            await open_escalation(tracker, reason="caregiver_flag", excerpt=tracker.get_slot("offer_context"))
            dispatcher.utter_message(text=CAREGIVER_FLAGGED)
            return [SlotSet("pending_offer", None), SlotSet("offer_context", None)]
        elif offer == "delete":
            return await delete_data(dispatcher, tracker)
        elif offer == "reminder":
            return [SlotSet("pending_offer", None), FollowupAction("reminder_form")]
        dispatcher.utter_message(text="Okay! What would you like to know or do?")
        dispatcher.utter_message(response="utter_capabilities")
        return [SlotSet("pending_offer", None)]


class ActionDeny(Action):
    def name(self) -> Text:
        return "action_deny"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        if tracker.get_slot("pending_offer") == "delete":
            dispatcher.utter_message(response="utter_delete_cancelled")
        else:
            dispatcher.utter_message(text="Okay. Is there anything else I can help with?")
        return [SlotSet("pending_offer", None)]
