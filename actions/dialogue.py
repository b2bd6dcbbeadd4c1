"""Conversation glue: first contact, and yes/no answers to whatever the bot last offered
(the ``pending_offer`` slot: more_detail, human, caregiver_flag, delete)."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import register_contact
from actions.content import detail_for
from actions.escalation import CAREGIVER_FLAGGED, HUMAN_REQUESTED, open_escalation
from actions.privacy import delete_data

class ActionFirstContact(Action):
    """After the greeting (which carries the privacy notice): register the person."""

    def name(self) -> Text:
        return "action_first_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        return await register_contact(tracker)


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
