"""Urgent: chest pain."""

from __future__ import annotations

from bot.safety.rules.base import PENDING, Rule, rx
from bot.safety.rules.sources import NHS_CHEST_PAIN

CHEST = rx(
    r"\b(?:chest (?:wall )?(?:pain|pains|ache|aches|is (?:really |very |so |quite |a bit |)(?:tight|hurting|painful|heavy|sore|killing)|feels (?:tight|heavy|"
    r"crushed|like|sore|painful|squeezed)|hurts|hurting|tightness|pressure|discomfort|tight)|"
    r"(?:pain|pains|ache|tightness|pressure|heaviness|crushing|squeezing|stabbing|sharp pain|burning pain|weight)\s+"
    r"(?:\w+\s+){0,2}?(?:in|on|across|around) (?:the (?:middle|centre|center|left|right|left side|right side) of )?"
    r"(?:my|her|his|the|their) chest|tight chest|heavy chest|"
    r"tightness (?:in|across|of|around) (?:the|my|her|his) chest|heart attack|angina|crushing (?:pain|feeling|sensation)|"
    r"pain (?:in|down) (?:my|her|his) (?:left )?arm and (?:my |her |his )?(?:chest|jaw))\b"
)


CHEST_EXCL = rx(
    r"\b(?:(?:nearly|almost) (?:had|have|gave (?:me|her|him)) a heart attack|band like|band of pain|like a (?:tight )?(?:band|belt|girdle)|chest infection|off (?:my|her|his|your) chest|chest (?:x ?ray|scan|port|drain|wall radiotherapy|hair)|"
    r"heartburn|indigestion after|chest of drawers)\b"
)


SOURCES = (NHS_CHEST_PAIN,)

CHEST_PAIN_RULE = Rule(
    id="urgent.chest.chest_pain",
    category="chest_pain",
    kind="urgent_symptom",
    pattern=CHEST,
    sentence=CHEST_EXCL,
    rationale=(
        'Chest pain, tightness or pressure, pain spreading to the arm or jaw, "heart attack"; not a '
        'chest infection, a chest x-ray or port, heartburn, band-like pain (spinal) or "nearly had a '
        'heart attack".'
    ),
    sources=SOURCES,
    review=PENDING,
    fires_on=(
        "my chest hurts",
        "my partner is having chest pains right now",
        "sharp pain in my chest when i breathe in, started an hour ago, and i'm all clammy",
    ),
    does_not_fire_on=(
        "no chest pain, just tired",
        "no fever, no chest pain, no breathlessness, just a runny nose. ok to go to my grandson's party?",
    ),
)

RULES = (CHEST_PAIN_RULE,)
