"""Medication and appointment reminders by conversation: set up (a form that fills a
draft from what the person said and asks only for what is missing, then confirms it in
plain words), list / pause / resume / change / delete, Taken / Snooze / Skip replies,
and the adherence summary. Scheduling and storage live in ``bot.care_reminders``.

No dosing advice anywhere: we store what the person asks us to remind them of, never a
dose, and point dose questions to the care team or pharmacist.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import identify, latest_intent, latest_text, run_db, says_no, settings
from bot import users
from bot.care_reminders import parsing, service
from bot.db.session import session_scope
from bot.dialogue import OUTRANKING_INTENTS
from bot.timezones import local_today, zone

logger = logging.getLogger(__name__)

# Form slots in asking order; each maps to a field of the draft (see ReminderDraft.missing()).
FIELD_SLOTS = {
    "label": "care_label",
    "time_of_day": "care_time",
    "pattern": "care_pattern",
    "start_date": "care_date",
}
SLOT_FIELDS = {slot: field for field, slot in FIELD_SLOTS.items()}
_CANCEL = re.compile(r"^\s*(cancel|stop|never ?mind|forget it|quit|exit|no thanks)\b", re.IGNORECASE)
SAVE_FAILED = "Sorry, I couldn't save that just now. Please try again in a little while."
DB_FAILED = "Sorry, I can't reach your reminders just now. Please try again in a little while."
RE_ASK = {
    "care_label": 'Sorry, I didn\'t catch what the reminder is for. For example "my Ibrance" or "my biopsy appointment".',
    "care_time": 'Sorry, I didn\'t catch a time. Please type a time like "9am", "2:30 pm" or "18:00".',
    "care_pattern": (
        'Sorry, I didn\'t catch how often. For example "every day", "21 days on, 7 off", '
        '"every 4 weeks" or "just once".'
    ),
    "care_date": 'Sorry, I didn\'t catch a date. For example "tomorrow", "Friday", "the 3rd" or "12 December".',
}
# Only a fallback when neither the channel nor the person told us their zone; the
# confirmation always names the zone so the person can correct it.
REGION_TIMEZONES = {
    "US": "America/New_York",
    "UK": "Europe/London",
    "CA": "America/Toronto",
    "AU": "Australia/Sydney",
    "EU": "Europe/Berlin",
}
INTERRUPTING_INTENTS = {"crisis", "urgent_symptom", "ask_dosing"} | OUTRANKING_INTENTS
CANCEL_HINT = ' (Say "cancel" to stop setting it up.)'


def person_timezone(tracker: Tracker) -> str:
    """The person's IANA zone: the widget/channel metadata, else what we stored, else the default."""
    metadata = tracker.latest_message.get("metadata") or {}
    region = str(tracker.get_slot("region") or settings().default_region).upper()
    for candidate in (
        metadata.get("timezone"),
        tracker.get_slot("care_timezone"),
        settings().default_timezone or REGION_TIMEZONES.get(region),
    ):
        try:
            if candidate:
                zone(str(candidate))
                return str(candidate)
        except ValueError:
            continue
    return "UTC"


def draft_of(tracker: Tracker) -> Optional[parsing.ReminderDraft]:
    raw = tracker.get_slot("care_draft")
    return parsing.ReminderDraft.from_dict(raw) if isinstance(raw, dict) else None


def _merge(draft: parsing.ReminderDraft, update: parsing.ReminderDraft) -> parsing.ReminderDraft:
    values = draft.to_dict()
    values.update({k: v for k, v in update.to_dict().items() if v is not None})
    return parsing.ReminderDraft.from_dict(values)


class ValidateCareReminderForm(FormValidationAction):
    """Keeps the draft in ``care_draft`` and asks only for the fields still missing."""

    def name(self) -> Text:
        return "validate_care_reminder_form"

    async def required_slots(
        self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Text]:
        raw = tracker.get_slot("care_draft")
        if not isinstance(raw, dict):
            return ["care_draft"]
        if raw.get("_done"):
            # care_draft stays listed (it is filled, so nothing more is asked) because the
            # SDK drops extracted values of slots that are not in this list.
            return ["care_draft"]
        draft = parsing.ReminderDraft.from_dict(raw)
        missing = [FIELD_SLOTS[field] for field in draft.missing() if field in FIELD_SLOTS]
        return ["care_draft"] + (missing or ["care_confirm"])

    async def validate_care_draft(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        """The draft was checked while it was extracted."""
        return {"care_draft": slot_value}

    async def extract_care_draft(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        if latest_intent(tracker) in INTERRUPTING_INTENTS:
            # Extract nothing: the form then rejects this turn and the rules for a crisis,
            # a red flag, a request for a person, privacy, deletion or a dose question
            # answer it instead (and a privacy question is not read as "no").
            return {}
        text = latest_text(tracker)[:2000]
        timezone = person_timezone(tracker)
        today = local_today(timezone)
        requested = tracker.get_slot("requested_slot")
        raw = tracker.get_slot("care_draft")
        if not isinstance(raw, dict) or requested in (None, "care_draft"):
            # Activation: read everything the opening message says.
            draft = parsing.parse_reminder_request(text, today)
            said_something = any(v is not None for k, v in draft.to_dict().items() if k != "kind")
            if isinstance(raw, dict) and not raw.get("_done") and not said_something:
                # Resumed after a pause ("carry on"): keep the draft as it was.
                return {"care_draft": raw}
            return {"care_draft": {**draft.to_dict(), "_timezone": timezone}}
        draft = parsing.ReminderDraft.from_dict(raw)
        state = {"_timezone": raw.get("_timezone") or timezone}
        if _CANCEL.search(text) or (requested != "care_confirm" and latest_intent(tracker) == "deny"):
            return {"care_draft": {**draft.to_dict(), **state, "_done": True, "_confirmed": False}}
        if requested == "care_confirm":
            if (
                latest_intent(tracker) == "affirm"
                or re.match(r"^\s*(yes|yep|yeah|ok|okay|sure|correct|that'?s right)\b", text, re.I)
            ) and not says_no(text):
                return {"care_draft": {**draft.to_dict(), **state, "_done": True, "_confirmed": True}}
            correction = parsing.parse_reminder_request(text, today)
            if any(v is not None for k, v in correction.to_dict().items() if k != "kind"):
                return {"care_draft": {**_merge(draft, correction).to_dict(), **state}}
            return {"care_draft": {**draft.to_dict(), **state, "_done": True, "_confirmed": False}}
        update = self._answer_for(requested, text, today)
        if update is None:
            dispatcher.utter_message(text=RE_ASK.get(requested, RE_ASK["care_label"]) + CANCEL_HINT)
            return {"care_draft": {**draft.to_dict(), **state}}
        return {"care_draft": {**_merge(draft, update).to_dict(), **state}}

    @staticmethod
    def _answer_for(requested: Optional[str], text: str, today: date) -> Optional[parsing.ReminderDraft]:
        """Read the answer to the question just asked; None when it gives nothing usable."""
        field = SLOT_FIELDS.get(requested or "")
        if field == "label":
            label = parsing.parse_label(text)
            if not label and 0 < len(text) <= 60 and re.search(r"[A-Za-z]", text):
                label = re.sub(r"^\s*(my|the)\s+", "", text.strip(), flags=re.I)[:60]
            return parsing.ReminderDraft(label=label) if label else None
        if field == "pattern":
            found = parsing.parse_pattern(text)
        else:
            found = parsing.parse_when(text, today)
        found = found if isinstance(found, parsing.ReminderDraft) else parsing.ReminderDraft.from_dict(found or {})
        value = getattr(found, field, None)
        return found if value is not None else None


class ActionAskCareConfirm(Action):
    """Reads the reminder back in plain words before anything is stored."""

    def name(self) -> Text:
        return "action_ask_care_confirm"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        draft = draft_of(tracker)
        timezone = (tracker.get_slot("care_draft") or {}).get("_timezone") or person_timezone(tracker)
        if draft is None:
            return []
        dispatcher.utter_message(
            text=f"Let me check I have this right: {parsing.describe(draft, timezone)}. Shall I set it up?",
            buttons=[{"title": "Yes, set it up", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}],
        )
        return []


class ActionSaveCareReminder(Action):
    """Stores a confirmed draft (or says nothing was set up) and clears the form state."""

    def name(self) -> Text:
        return "action_save_care_reminder"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        raw = tracker.get_slot("care_draft") or {}
        reset = [SlotSet("care_draft", None)]
        if not raw.get("_confirmed"):
            dispatcher.utter_message(
                text="OK, I haven't set up a reminder. You can ask again any time, for example "
                '"remind me to take my tablets at 9 every morning".'
            )
            return reset
        draft = parsing.ReminderDraft.from_dict(raw)
        timezone = raw.get("_timezone") or person_timezone(tracker)
        key, channel = identify(tracker)

        def store() -> str:
            with session_scope(settings().database_url) as session:
                users.get_or_create_user(session, key, channel, conversation_id=tracker.sender_id)
                reminder = service.create_reminder(
                    session,
                    user_key=key,
                    channel=channel,
                    draft=draft,
                    timezone=timezone,
                    conversation_id=tracker.sender_id,
                )
                return parsing.describe(reminder, timezone)

        try:
            described = await run_db(store)
        except ValueError as exc:  # e.g. a one-off date already past
            dispatcher.utter_message(text=f"I couldn't set that up: {exc}. Could you tell me again?")
            return reset
        except Exception:
            logger.exception("could not store care reminder")
            dispatcher.utter_message(text=SAVE_FAILED)
            return reset
        note = (
            ""
            if channel == "telegram"
            else (" Reminders are sent on Telegram; in this chat you can still review them any time.")
        )
        dispatcher.utter_message(
            text=f'Done — I\'ll remind you: {described}.{note} Say "my reminders" to see, pause or change them.'
        )
        return reset + [SlotSet("care_timezone", timezone)]


_OPS = (
    ("delete", re.compile(r"\b(delete|remove|cancel|get rid of|stop (?:all )?(?:my )?reminders? for good)\b", re.I)),
    ("pause", re.compile(r"\b(pause|hold|stop|mute|suspend|turn off|switch off|break from)\b", re.I)),
    (
        "resume",
        re.compile(r"\b(resume|restart|unpause|start again|turn (?:back )?on|switch (?:back )?on|back on)\b", re.I),
    ),
    ("change", re.compile(r"\b(change|move|switch|update|reschedule|make it|instead)\b", re.I)),
)


def operation_for(text: str) -> str:
    """Which management operation the person asks for (default: list)."""
    for op, pattern in _OPS:
        if pattern.search(text):
            return op
    return "list"


class ActionManageReminders(Action):
    """List, pause, resume, change (time/date) or delete reminders by conversation.

    Buttons come back as ``/manage_reminders{"reminder_op": ..., "reminder_id": ...}``."""

    def name(self) -> Text:
        return "action_manage_reminders"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        key, _channel = identify(tracker)
        text = latest_text(tracker)[:2000]
        entities = {e.get("entity"): e.get("value") for e in tracker.latest_message.get("entities") or []}
        op = str(entities.get("reminder_op") or operation_for(text))
        chosen = str(entities.get("reminder_id") or "")
        timezone = person_timezone(tracker)
        changes = parsing.parse_when(text, local_today(timezone)) if op == "change" else None
        if isinstance(changes, dict):
            changes = parsing.ReminderDraft.from_dict(changes)

        def work() -> Dict[str, Any]:
            with session_scope(settings().database_url) as session:
                if chosen.isdigit():
                    targets = [r for r in service.list_reminders(session, key) if r.id == int(chosen)]
                else:
                    targets = service.find_reminders(session, key, None if op == "list" else text)
                    if not targets and op != "list":  # "pause my reminder": no label named
                        targets = service.list_reminders(session, key)
                views = [
                    {"id": r.id, "label": r.label, "status": r.status, "text": parsing.describe(r, r.timezone)}
                    for r in targets
                ]
                if op == "list" or len(targets) != 1:
                    return {"done": None, "views": views}
                target = targets[0]
                if op == "delete":
                    service.delete_reminder(session, key, target.id)
                elif op == "pause":
                    service.pause_reminder(session, key, target.id)
                elif op == "resume":
                    service.resume_reminder(session, key, target.id)
                elif op == "change":
                    if changes is None or (changes.time_of_day is None and changes.start_date is None):
                        return {"done": "need_change", "views": views}
                    service.update_reminder(session, key, target.id, changes)
                    session.flush()
                    views = [{**views[0], "text": parsing.describe(target, target.timezone)}]
                return {"done": op, "views": views}

        try:
            result = await run_db(work)
        except LookupError:
            dispatcher.utter_message(text='I couldn\'t find that reminder. Say "my reminders" to see them.')
            return []
        except ValueError as exc:
            dispatcher.utter_message(text=f"I couldn't change that: {exc}.")
            return []
        except Exception:
            logger.exception("reminder management failed")
            dispatcher.utter_message(text=DB_FAILED)
            return []
        self._reply(dispatcher, op, result)
        return []

    @staticmethod
    def _reply(dispatcher: CollectingDispatcher, op: str, result: Dict[str, Any]) -> None:
        views, done = result["views"], result["done"]
        if not views:
            dispatcher.utter_message(
                text="You don't have any reminders with me yet. You can say, for example, \"remind me "
                'to take my Ibrance at 9 every morning" or "I have a scan on Friday at 10".'
            )
            return
        if done is None and op != "list":  # several match: let the person pick
            dispatcher.utter_message(
                text="Which reminder do you mean?",
                buttons=[
                    {
                        "title": v["label"][:40],
                        "payload": f'/manage_reminders{{"reminder_op": "{op}", "reminder_id": "{v["id"]}"}}',
                    }
                    for v in views[:8]
                ],
            )
            return
        if done is None:
            lines = [f"• {v['text']}" + (" (paused)" if v["status"] == "paused" else "") for v in views]
            dispatcher.utter_message(
                text="Your reminders:\n"
                + "\n".join(lines)
                + '\n\nYou can say "pause my … reminder", "move my … reminder to 8am" or "delete my … reminder".'
            )
            return
        view = views[0]
        messages = {
            "delete": f"Deleted your reminder for {view['label']}.",
            "pause": f'Paused your reminder for {view["label"]}. Say "resume my {view["label"]} reminder" to turn it back on.',
            "resume": f"Your reminder for {view['label']} is back on: {view['text']}.",
            "change": f"Changed. Now: {view['text']}.",
            "need_change": f'What should change for {view["label"]}? For example "move my {view["label"]} reminder to 8am".',
        }
        dispatcher.utter_message(text=messages[done])


REPLY_TEXT = {
    "taken": "Thanks — noted as taken.",
    "snooze": "OK, I'll remind you again in 30 minutes.",
    "skip": (
        "OK, noted as skipped. If you're not sure what to do about a missed dose, your care team "
        "or pharmacist can tell you — please don't double up unless they say so."
    ),
}


class ActionReminderReply(Action):
    """Records a Taken / Snooze / Skip button press for one reminder occurrence."""

    def name(self) -> Text:
        return "action_reminder_reply"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        key, _channel = identify(tracker)
        entities = {e.get("entity"): e.get("value") for e in tracker.latest_message.get("entities") or []}
        # Buttons send '/reminder_reply{"reminder_reply": "taken:123"}' (Telegram caps
        # callback data at 64 bytes, so reply and occurrence travel as one short value).
        reply, _, occurrence = str(entities.get("reminder_reply") or "").lower().partition(":")
        occurrence = occurrence or str(entities.get("occurrence_id") or "")
        if reply not in REPLY_TEXT or not occurrence.isdigit():
            dispatcher.utter_message(text="Sorry, I couldn't tell which reminder that was for.")
            return []

        def record() -> Any:
            with session_scope(settings().database_url) as session:
                return service.record_reply(session, user_key=key, occurrence_id=int(occurrence), reply=reply)

        try:
            outcome = await run_db(record)
        except LookupError:
            dispatcher.utter_message(text="Sorry, I couldn't find that reminder any more.")
            return []
        except ValueError as exc:
            dispatcher.utter_message(text=str(exc))
            return []
        except Exception:
            logger.exception("could not record reminder reply")
            dispatcher.utter_message(text=DB_FAILED)
            return []
        message = getattr(outcome, "message", None) or REPLY_TEXT[reply]
        dispatcher.utter_message(text=message)
        return []


class ActionAdherenceSummary(Action):
    """ "How have I done with my tablets?" — taken / skipped / missed over 7 and 28 days."""

    def name(self) -> Text:
        return "action_adherence_summary"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        key, _channel = identify(tracker)

        def summarise() -> str:
            with session_scope(settings().database_url) as session:
                return service.render_adherence(service.adherence_summary(session, key))

        try:
            dispatcher.utter_message(text=await run_db(summarise))
        except Exception:
            logger.exception("adherence summary failed")
            dispatcher.utter_message(text=DB_FAILED)
        return []
