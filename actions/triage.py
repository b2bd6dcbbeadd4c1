"""Side-effect triage in the conversation (bot/triage): reply, escalation, memory.

The knowledge-answer action (actions/content.py) asks ``triage_turn`` first: when the
person describes a symptom that the triage table covers for a medicine they named now
or earlier (slot ``current_medicine``), they get the triage reply instead of the
general answer, and emergency / hotline levels open an escalation (critical / high).
Red flags the safety detector recognises never get here: they take the urgent rule
(utterances only) before any action runs, whatever medicine is remembered. Nor do
treatment-specific red flags for a medicine named in the message: the NLU promotes them to
``urgent_symptom`` (bot/triage/nlu_router.py), and ``action_escalate`` adds the medicine's
explanation with ``urgent_explanation`` after the urgent reply.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Sequence, Text, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import identify, latest_text, role_of, run_db, settings
from bot.escalation import service as escalation_service
from bot.triage import TriageResult, assess, remember, render, staff_summary

logger = logging.getLogger(__name__)

SLOT = "current_medicine"
REASON = "urgent_symptom"  # an existing escalation reason: triage findings are symptoms
SEVERITY = {"emergency": "critical", "hotline": "high"}
TEAM_TOLD = {
    "patient": "I've also let our support team know, so a person can check on you.",
    "caregiver": "I've also let our support team know, so a person can check in with you both.",
}


def treatment_entities(tracker: Tracker) -> List[str]:
    return [str(v) for v in tracker.get_latest_entity_values("treatment")]


def memory_events(tracker: Tracker) -> List[Dict[Text, Any]]:
    """SlotSet for ``current_medicine`` when this message names or stops a medicine."""
    before = tracker.get_slot(SLOT)
    after = remember(latest_text(tracker), before, treatment_entities(tracker))
    return [SlotSet(SLOT, after)] if after != before else []


async def escalate(tracker: Tracker, result: TriageResult) -> bool:
    """Record the escalation for this triage (stored: True; spooled: False)."""
    key, channel = identify(tracker)
    excerpt = staff_excerpt(tracker, result)
    stored = await run_db(
        escalation_service.record_or_spool,
        settings(),
        user_key=key,
        channel=channel,
        severity=SEVERITY[result.level],
        reason=REASON,
        excerpt=excerpt[: escalation_service.EXCERPT_MAX],
        conversation_id=tracker.sender_id,
    )
    if stored is None:
        logger.warning("triage escalation spooled (database unavailable): level=%s", result.level)
        return False
    return True


def staff_excerpt(tracker: Tracker, result: TriageResult) -> str:
    """What staff see for a triage escalation: the table row's summary, then the message."""
    return f"{staff_summary(result)} {latest_text(tracker)}"


def urgent_explanation(tracker: Tracker) -> Optional[Tuple[TriageResult, str, List[Dict[Text, Any]]]]:
    """For a promoted treatment-specific red flag: the triage result, its explanation for this
    person (what it may mean on that medicine) and the medicine-memory events; else None."""
    region = tracker.get_slot("region")
    result = assess(
        latest_text(tracker), tracker.get_slot(SLOT), region=region, treatment_entities=treatment_entities(tracker)
    )
    if result is None or not result.escalates:
        return None
    return result, render(result, region=region, role=role_of(tracker)), memory_events(tracker)


async def triage_turn(
    dispatcher: CollectingDispatcher, tracker: Tracker, earlier_events: Sequence[Dict[Text, Any]] = ()
) -> Optional[List[Dict[Text, Any]]]:
    """Answer with triage and return its events, or None when triage does not apply.

    ``earlier_events`` are this turn's events so far (the first-contact notice may have
    just set the region)."""
    text = latest_text(tracker)
    region = next((e.get("value") for e in earlier_events if e.get("name") == "region"), None) or tracker.get_slot(
        "region"
    )
    result = assess(text, tracker.get_slot(SLOT), region=region, treatment_entities=treatment_entities(tracker))
    if result is None:
        return None
    role = role_of(tracker)
    reply = render(result, region=region, role=role)
    if result.escalates:
        try:
            await escalate(tracker, result)
        except Exception:  # noqa: BLE001 - the reply must reach the person whatever happens
            logger.exception("triage escalation failed")
        else:
            reply = f"{reply}\n{TEAM_TOLD[role]}"
    dispatcher.utter_message(text=reply)
    return memory_events(tracker) + [SlotSet("pending_offer", None)]
