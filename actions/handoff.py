"""Live handoff: while a staff member has taken over, the bot holds back its replies.

The staff console reads the person's messages from the Rasa tracker and relays staff
replies through Rasa's API; this action only keeps the bot silent (crisis and urgent
rules still answer, see data/rules/rules.yml)."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher


class ActionHandoffHold(Action):
    def name(self) -> Text:
        return "action_handoff_hold"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        return []
