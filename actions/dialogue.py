"""Conversation glue: first contact, and yes/no answers to whatever the bot last offered
(the ``pending_offer`` slot: more_detail, human, caregiver_flag, delete), and pausing /
resuming a form that an outranking request interrupted (bot/dialogue/interrupt_policy.py)."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import latest_text, register_contact, says_no
from actions.content import detail_for
from actions.escalation import open_escalation, tell_caregiver_flagged, tell_human_requested
from actions.privacy import delete_data


class ActionFirstContact(Action):
    """After the greeting (which carries the privacy notice): register the person."""

    def name(self) -> Text:
        return "action_first_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        return await register_contact(tracker)


#: What each form is called when we tell the person it was paused.
FORM_LABELS = {
    "care_reminder_form": "setting up your reminder",
    "reminder_form": "setting up your daily check-in reminder",
    "checkin_form": "your mood check-in",
}


def paused_form_of(tracker: Tracker) -> str:
    """The form that was active before the latest deactivation (or "")."""
    deactivated = False
    for event in reversed(tracker.events):
        if event.get("event") == "active_loop":
            if event.get("name") is None:
                deactivated = True
            elif deactivated:
                return str(event["name"])
    return ""


class ActionPauseForm(Action):
    """Remember a form an outranking request interrupted, and say how to pick it up."""

    def name(self) -> Text:
        return "action_pause_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        form = paused_form_of(tracker)
        if form not in FORM_LABELS:
            return []
        dispatcher.utter_message(
            text=f'I\'ve paused {FORM_LABELS[form]}. Say "carry on" when you want to pick it up where we left off.'
        )
        return [SlotSet("paused_form", form)]


def resume_paused_form(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[Text, Any]]:
    """Events that resume the paused form (slots already filled are kept), or []."""
    form = tracker.get_slot("paused_form")
    if form not in FORM_LABELS:
        return []
    dispatcher.utter_message(text=f"Okay, let's carry on with {FORM_LABELS[form]}.")
    return [SlotSet("paused_form", None), SlotSet("pending_offer", None), FollowupAction(form)]


class ActionAffirm(Action):
    def name(self) -> Text:
        return "action_affirm"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        if says_no(latest_text(tracker)):
            # "definitely not" heard as yes: answer it as the no it is (never delete or escalate on it)
            return await ActionDeny().run(dispatcher, tracker, domain)
        offer = tracker.get_slot("pending_offer")
        if offer == "more_detail":
            detail = detail_for(tracker)
            if detail:
                dispatcher.utter_message(text=detail)
                return [SlotSet("pending_offer", None)]
        elif offer == "human":
            await open_escalation(tracker, reason="request_human", excerpt=tracker.get_slot("offer_context"))
            tell_human_requested(dispatcher, tracker)
            return [SlotSet("pending_offer", None), SlotSet("offer_context", None)]
        elif offer == "caregiver_flag":
            await open_escalation(tracker, reason="caregiver_flag", excerpt=tracker.get_slot("offer_context"))
            tell_caregiver_flagged(dispatcher, tracker)
            return [SlotSet("pending_offer", None), SlotSet("offer_context", None)]
        elif offer == "delete":
            return await delete_data(dispatcher, tracker)
        elif offer == "reminder":
            return [SlotSet("pending_offer", None), FollowupAction("reminder_form")]
        resumed = resume_paused_form(dispatcher, tracker)
        if resumed:
            return resumed
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
            if tracker.get_slot("paused_form") in FORM_LABELS:
                dispatcher.utter_message(
                    text=f'Say "carry on" if you want to go back to {FORM_LABELS[tracker.get_slot("paused_form")]}.'
                )
        else:
            dispatcher.utter_message(text="Okay. Is there anything else I can help with?")
        return [SlotSet("pending_offer", None)]
