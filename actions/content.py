"""Knowledge answers: one action renders every topic from bot/content/knowledge.yml.

Short answer first with a "Tell me more" button; the detail comes from the affirm
handler (actions/dialogue.py) via the ``last_topic`` slot. A short follow-up such as
"and what about the side effects?" keeps the previous topic of the same kind.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import first_contact_notice, latest_intent, latest_text, role_of, settings
from actions.triage import memory_events, triage_turn
from bot.content import ENTITY_FOR_CATEGORY, INTENT_CATEGORY, load_knowledge
from bot.content.gate import render_gated

SIDE_EFFECTS = re.compile(r"side[\s-]?effects?|side effx|what does it do to (me|her|him)", re.I)
FOLLOW_UP_START = re.compile(r"^(and|what about|how about|also|but|so)\b", re.I)
MORE_BUTTON = {"title": "Tell me more", "payload": "/affirm"}
MENU_INTRO = "Or pick a topic:"


def topic_menu(category: str) -> List[Dict[str, str]]:
    """Buttons for every topic of ``category``: what a question we cannot place gets,
    instead of a guess (the NLU's topic resolver leaves the topic empty when unsure)."""
    entity = ENTITY_FOR_CATEGORY.get(category)
    intent = next((i for i, c in INTENT_CATEGORY.items() if c == category), None)
    if not entity or not intent:
        return []
    knowledge = load_knowledge()
    return [
        {"title": knowledge.topic(category, key).title, "payload": f'/{intent}{{"{entity}":"{key}"}}'}
        for key in knowledge.keys(category)
        if key != "general"
    ]


def aspect_of(text: str) -> Optional[str]:
    return "side_effects" if SIDE_EFFECTS.search(text) else None


def is_follow_up(text: str, aspect: Optional[str]) -> bool:
    """A short or "and what about ..." message refers back to the previous topic."""
    return bool(aspect) or bool(FOLLOW_UP_START.search(text)) or len(text.split()) <= 4


def region_of(tracker: Tracker) -> str:
    """The person's region (slot, else COMPANION_DEFAULT_REGION): picks wording such as the fever threshold."""
    return str(tracker.get_slot("region") or settings().default_region).upper()


def resolve_topic(tracker: Tracker) -> Tuple[str, Optional[str], Optional[str]]:
    """Work out (category, key, aspect) for the latest question."""
    category = INTENT_CATEGORY[latest_intent(tracker) or ""]  # KeyError as before for no intent
    entity = ENTITY_FOR_CATEGORY.get(category)
    text = latest_text(tracker)
    aspect = aspect_of(text)
    key = next(tracker.get_latest_entity_values(entity), None) if entity else None
    if key is None:
        previous = tracker.get_slot("last_topic") or ""
        prev_category, _, prev_key = previous.partition(":")
        if prev_category == category and prev_key != "general" and is_follow_up(text, aspect):
            key = prev_key
    return category, key, aspect


class ActionAnswerTopic(Action):
    """Answer a knowledge question (condition, symptom, biopsy, test, treatment, support)."""

    def name(self) -> Text:
        return "action_answer_topic"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        events = await first_contact_notice(dispatcher, tracker)
        # A symptom on a medicine the person named (now or earlier) gets side-effect triage.
        triaged = await triage_turn(dispatcher, tracker, events)
        if triaged is not None:
            return events + triaged
        knowledge = load_knowledge()
        category, key, aspect = resolve_topic(tracker)
        topic = knowledge.topic(category, key)
        # first_contact_notice may have just set the region slot: prefer what it set.
        region = next((e["value"] for e in events if e.get("name") == "region"), None) or region_of(tracker)
        # production: only clinician-reviewed text is served (bot/content/gate.py)
        text = render_gated(knowledge, topic, role=role_of(tracker), detail=False, aspect=aspect, region=region)
        dispatcher.utter_message(text=text, buttons=[MORE_BUTTON])
        if key is None:
            menu = topic_menu(category)
            if menu:
                dispatcher.utter_message(text=MENU_INTRO, buttons=menu)
        return (
            events
            + [
                SlotSet("last_topic", f"{category}:{key or 'general'}"),
                SlotSet("pending_offer", "more_detail"),
            ]
            + memory_events(tracker)
        )


def detail_for(tracker: Tracker) -> Optional[str]:
    """The "tell me more" text for the last topic, or None when there is none."""
    last = tracker.get_slot("last_topic")
    if not last:
        return None
    category, _, key = last.partition(":")
    knowledge = load_knowledge()
    topic = knowledge.topic(category, None if key == "general" else key)
    return render_gated(knowledge, topic, role=role_of(tracker), detail=True, region=region_of(tracker))
