"""Escalation to human support staff: after a crisis or red flag, on request, on a
caregiver's flag, and from high distress scores (actions/checkin.py).

Recording never blocks the reply and is never lost: ``record_or_spool`` writes to the
database or, when that fails, to a local spool that the scheduler replays.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timezone
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import first_contact_notice, identify, latest_intent, latest_text, role_of, run_db, settings
from actions.triage import staff_excerpt, urgent_explanation
from bot.escalation import service as escalation_service
from bot.support_hours import SupportHoursError, load_support_hours
from bot.triage import TREATMENT_SPECIFIC

logger = logging.getLogger(__name__)

# Replies that promise a person say truthfully when one will see it (support hours, issue 19).
# Used when the hours cannot be read: true at any hour, promises no time.
TEAM_ALERTED = (
    "I've alerted our support team. A member of the team will see this and get in touch "
    "as soon as they can. If you are in danger before then, please use the numbers above."
)
HUMAN_REQUESTED = (
    "I've asked our support team to get in touch with you. They'll reply here as soon as "
    'someone is available. If things feel unsafe in the meantime, say "crisis" or call '
    "your emergency number."
)
CAREGIVER_FLAGGED = (
    "Thank you. I've flagged this to our support team so someone can check in. You're "
    "doing a lot by noticing. If she or he is in danger, call your emergency number now."
)
# Distress about someone else ("my wife isn't coping") gets the caregiver offer even when
# the role slot is unset (restored: 0982ca6 removed it while action_respond_distress uses it).
THIRD_PERSON = re.compile(
    r"\b(she|he|her|him|his|hers|they|them|my (wife|husband|partner|mum|mom|mother|"
    r"dad|father|sister|brother|daughter|son|friend|aunt|gran|grandma|nan))\b",
    re.I,
)
IN_HOURS = "A member of the team will see this soon."
# Out of hours: {when} is e.g. "9:00 on Monday"; the crisis lines follow or are just above.
ALERTED_CLOSED = {
    "crisis": (
        "I've alerted our support team. The team is back at {when}; until then, the numbers "
        "above are there for you at any time, and if you are in danger, call your emergency "
        "number now."
    ),
    "urgent_symptom": (
        "I've alerted our support team. The team is back at {when}; until then, please don't "
        "wait for us: call your oncology hotline or emergency services now, as above."
    ),
}
HUMAN_REQUESTED_CLOSED = (
    "I've asked our support team to get in touch with you. The team is back at {when} and "
    "will reply here then. Until then, if things feel unsafe, you can talk to someone now:"
)
CAREGIVER_FLAGGED_CLOSED = (
    "Thank you. I've flagged this to our support team. The team is back at {when} and "
    "someone will check in then. You're doing a lot by noticing. Until then, if she or he "
    "is in danger, call your emergency number now. Crisis lines also help people who are "
    "worried about someone else:"
)
DISTRESS_CLOSED = (
    "The team is back at {when} and will reach out then; until then, the lines above are there for you at any time."
)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def team_back_at(tracker: Tracker) -> Optional[str]:
    """ "" when the team is in, else when it is back, e.g. "9:00 on Monday" (in the person's
    zone when it differs from the team's); None when the hours cannot be read."""
    try:
        hours = load_support_hours()
        now = _now()
        if hours.is_open(now):
            return ""
        from actions.care_reminders import person_timezone  # late: a large module

        return hours.describe_next_open(now, tz=person_timezone(tracker))
    except (SupportHoursError, ValueError) as exc:
        # A bad setting must not cost the person the reply; staff see it in the log.
        logger.error("support hours unavailable, promising no time: %s", exc)
        return None


def alerted_reply(tracker: Tracker, reason: str) -> str:
    """After a crisis or urgent-symptom reply: who will see it, and when."""
    when = team_back_at(tracker)
    if when is None:
        return TEAM_ALERTED
    if when:
        return ALERTED_CLOSED["crisis" if reason == "crisis" else "urgent_symptom"].format(when=when)
    return (
        "I've alerted our support team. "
        + IN_HOURS
        + " If you are in danger before then, please use the numbers above."
    )


def tell_human_requested(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """Confirm a request for a person; out of hours add when and the crisis lines."""
    when = team_back_at(tracker)
    if when is None:
        dispatcher.utter_message(text=HUMAN_REQUESTED)
    elif when:
        dispatcher.utter_message(text=HUMAN_REQUESTED_CLOSED.format(when=when))
        dispatcher.utter_message(response="utter_crisis_lines")
    else:
        dispatcher.utter_message(
            text=(
                "I've asked our support team to get in touch with you. " + IN_HOURS + " They'll "
                'reply here. If things feel unsafe in the meantime, say "crisis" or call your '
                "emergency number."
            )
        )


def tell_caregiver_flagged(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """Confirm a caregiver's flag; out of hours add when and the crisis lines."""
    when = team_back_at(tracker)
    if when is None:
        dispatcher.utter_message(text=CAREGIVER_FLAGGED)
    elif when:
        dispatcher.utter_message(text=CAREGIVER_FLAGGED_CLOSED.format(when=when))
        dispatcher.utter_message(response="utter_crisis_lines")
    else:
        dispatcher.utter_message(
            text=(
                "Thank you. I've flagged this to our support team so someone can check in. "
                + IN_HOURS
                + " You're doing a lot by noticing. If she or he is in danger, call "
                "your emergency number now."
            )
        )


def distress_followup(tracker: Tracker) -> Optional[str]:
    """After a high distress score (crisis lines already shown): when a person will see it."""
    when = team_back_at(tracker)
    if when is None:
        return None
    return DISTRESS_CLOSED.format(when=when) if when else IN_HOURS


def flag_basis(tracker: Tracker) -> Optional[str]:
    """Why the NLU flagged the latest message (see escalation_service.basis_from_parse)."""
    return escalation_service.basis_from_parse(tracker.latest_message)


async def open_escalation(
    tracker: Tracker,
    *,
    reason: str,
    score: Optional[int] = None,
    excerpt: Optional[str] = None,
    basis: Optional[str] = None,
) -> bool:
    """Record an escalation for this person. Returns True when stored, False when spooled."""
    key, channel = identify(tracker)
    severity = escalation_service.severity_for(reason, score)
    stored = await run_db(
        escalation_service.record_or_spool,
        settings(),
        user_key=key,
        channel=channel,
        severity=severity,
        reason=reason,
        excerpt=(excerpt if excerpt is not None else latest_text(tracker))[:1000],
        conversation_id=tracker.sender_id,
        basis=basis,
    )
    if stored is None:
        logger.warning("escalation spooled (database unavailable): reason=%s", reason)
        return False
    return True


class ActionEscalate(Action):
    """Runs right after the crisis / red-flag replies, which never depend on it."""

    def name(self) -> Text:
        return "action_escalate"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        reason = "crisis" if latest_intent(tracker) == "crisis" else "urgent_symptom"
        memory: List[Dict[Text, Any]] = []
        excerpt = None
        if reason == "urgent_symptom" and tracker.get_slot("red_flag") == TREATMENT_SPECIFIC:
            # The urgent reply already went out (no action needed); this adds what the symptom
            # may mean on the medicine named, and tells staff which row of the table fired.
            explained = urgent_explanation(tracker)
            if explained is not None:
                result, text, memory = explained
                dispatcher.utter_message(text=text)
                excerpt = staff_excerpt(tracker, result)
        await open_escalation(tracker, reason=reason, basis=flag_basis(tracker), excerpt=excerpt)
        # Spooled or stored, the team will get it: the person is told the same thing.
        dispatcher.utter_message(text=alerted_reply(tracker, reason))
        return memory + [
            SlotSet("red_flag", None),
            SlotSet("crisis_about", None),
            SlotSet("crisis_basis", None),
            SlotSet("pending_offer", None),
        ]


class ActionRequestHuman(Action):
    def name(self) -> Text:
        return "action_request_human"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        await open_escalation(tracker, reason="request_human")
        tell_human_requested(dispatcher, tracker)
        return [SlotSet("pending_offer", None)]


class ActionRespondDistress(Action):
    """Acknowledge distress; offer a check-in, support options and a person.

    A caregiver worried about the patient is offered a flag to the support team.
    """

    def name(self) -> Text:
        return "action_respond_distress"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        text = latest_text(tracker)
        notice = await first_contact_notice(dispatcher, tracker)
        if "history" in tracker.get_latest_entity_values("crisis_about"):
            # marked by bot/safety/component.py::apply_history: suicidal thoughts or self-harm told
            # as history that is over. Not an alarm, and not nothing: thanks, the lines in case the
            # thoughts come back, and a person offered (who opens a request if the person says yes).
            dispatcher.utter_message(
                text=(
                    "Thank you for telling me that. It takes trust to share, and it helps us "
                    "support you well. I'm glad things are better now. If thoughts of suicide or "
                    "self-harm ever come back, even a little, for you or for someone you care "
                    "for, please tell the care team or reach a crisis line at any time, day or night:"
                )
            )
            dispatcher.utter_message(response="utter_crisis_lines")
            dispatcher.utter_message(
                text="Would you like someone from our support team to know, so they can keep it in mind?",
                buttons=[
                    {"title": "Yes, let them know", "payload": "/affirm"},
                    {"title": "No, thank you", "payload": "/deny"},
                ],
            )
            return notice + [SlotSet("pending_offer", "human"), SlotSet("offer_context", text[:500])]
        if role_of(tracker) == "caregiver" or THIRD_PERSON.search(text):
            dispatcher.utter_message(
                text=(
                    "It sounds like you're really worried about someone you care for. That's "
                    "a heavy thing to hold. Would you like me to alert our support team so a "
                    "person can check in with them (and with you)?"
                ),
                buttons=[
                    {"title": "Yes, alert the team", "payload": "/affirm"},
                    {"title": "Not now", "payload": "/deny"},
                ],
            )
            return notice + [SlotSet("pending_offer", "caregiver_flag"), SlotSet("offer_context", text[:500])]
        dispatcher.utter_message(
            text=(
                "I'm sorry you're feeling this way. It makes sense to feel scared or low with "
                "so much going on, and you don't have to carry it alone. Would you like to "
                "talk to a person from our support team? I can also do a quick check-in with "
                "you, or share support options like counselling and support groups."
            ),
            buttons=[
                {"title": "Talk to a person", "payload": "/affirm"},
                {"title": "Check in", "payload": "/start_checkin"},
                {"title": "Support options", "payload": "/ask_support"},
            ],
        )
        return notice + [SlotSet("pending_offer", "human"), SlotSet("offer_context", text[:500])]
