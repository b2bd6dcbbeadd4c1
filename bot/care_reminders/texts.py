"""What the person reads: warm, short, plain. Never dosing advice."""

from __future__ import annotations

import re
from datetime import date
from typing import Optional

from bot.care_reminders.parsing import format_date, format_time

DOSE = "Time for your {label} ({time}). Tap Taken when you've had it."
FOLLOWUP = (
    "Just checking — did you get to take your {label}? No worries if not; if you're "
    "unsure what to do about a missed dose, your care team or pharmacist can tell you."
)
DAY_BEFORE = "A reminder: your {label} is tomorrow, {day}, at {time}."
DAY_OF = "Your {label} is today at {time}. I hope it goes smoothly."
GENERAL_TIP = (
    "It can help to write down any questions and bring a list of your medicines. "
    "If you're unsure how to prepare, your care team can tell you."
)
BIOPSY_TIP_EXTRA = (
    "You may want to arrange a lift home, and check with your care team "
    "about blood thinners and whether you can eat and drink beforehand."
)
ASK_TEAM = "For any questions about your doses, your care team or pharmacist is the best person to ask."

REPLY_TAKEN = "Thanks — I've noted that you've had your {label}."
REPLY_SKIPPED = "Okay, I've noted that you skipped this one."
REPLY_SNOOZED = "No problem — I'll remind you again in 30 minutes."
REPLY_SNOOZE_LIMIT = (
    "I've already reminded you a few times for this one, so I won't snooze it "
    "again. Tap Taken or Skip when you're ready."
)
REPLY_ALREADY = "That's already noted — thank you."
REPLY_TOO_LATE = "That one has already been noted, so there's nothing to snooze."


def dose_text(label: str, hhmm: str) -> str:
    """The dose reminder."""
    return DOSE.format(label=label, time=format_time(hhmm))


def followup_text(label: str) -> str:
    """The one gentle follow-up when a dose reminder got no reply."""
    return FOLLOWUP.format(label=label)


def _preparation_tip(label: str) -> str:
    """A general preparation tip from the reviewed knowledge content where one fits."""
    if re.search(r"biops", label, re.I):
        try:
            from bot.content import load_knowledge
            from bot.content.gate import is_servable

            knowledge = load_knowledge()
            topic = knowledge.topic("biopsy", "preparation")
            if not is_servable(knowledge, topic):  # production: clinician-reviewed text only
                return BIOPSY_TIP_EXTRA
            return f"{topic.short} {BIOPSY_TIP_EXTRA}"
        except Exception:  # noqa: BLE001 - content problems must not stop a reminder
            return BIOPSY_TIP_EXTRA
    return GENERAL_TIP


def day_before_text(label: str, day: date, hhmm: str) -> str:
    """The evening-before appointment reminder, with a preparation tip."""
    return DAY_BEFORE.format(label=label, day=format_date(day), time=format_time(hhmm)) + " " + _preparation_tip(label)


def day_of_text(label: str, hhmm: str) -> str:
    """The short same-day appointment reminder."""
    return DAY_OF.format(label=label, time=format_time(hhmm))


def reply_text(outcome: str, label: Optional[str] = None) -> str:
    """The chat answer to a Taken / Snooze / Skip button press."""
    return {
        "taken": REPLY_TAKEN.format(label=label or "medicine"),
        "skipped": REPLY_SKIPPED,
        "snoozed": REPLY_SNOOZED,
        "snooze_limit": REPLY_SNOOZE_LIMIT,
        "already": REPLY_ALREADY,
        "too_late": REPLY_TOO_LATE,
    }[outcome]
