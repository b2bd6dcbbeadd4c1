"""Urgent: hypercalcaemia named, or two of its signs together."""

from __future__ import annotations

from bot.safety.rules.base import PENDING, Rule, rx
from bot.safety.rules.sources import CRUK_HIGH_CALCIUM, MARIE_CURIE_HYPERCALCAEMIA

THIRST = (
    r"(?:(?:extremely|really|very|so|incredibly|constantly|always|super|unbearably|insanely|excessively|"
    r"abnormally|terribly|desperately|ridiculously|mega|crazy)\s+thirsty|thirsty all (?:the time|day)|"
    r"thirsty constantly|constant(?:ly)? thirst|extreme thirst|excessive thirst|unquenchable thirst|"
    r"(?:can not|could not) (?:stop drinking|quench)|drinking (?:loads|so much|gallons|litres|liters|constantly|"
    r"all the time|tons|non stop|nonstop|water all day)|thirsty|thirst)"
)


POLYURIA = (
    r"(?:(?:peeing|weeing|urinating|pissing|passing water|going to the (?:toilet|loo|bathroom)|"
    r"up to the (?:toilet|loo))\s+(?:a lot|loads|constantly|all the time|so much|every (?:hour|half hour|"
    r"\d+ minutes|five minutes|ten minutes)|more|much more|non stop|nonstop|frequently|so often|a lot more|"
    r"loads more|far more|endlessly|all day|all night)|(?:keeps?|kept|constantly|always) (?:weeing|peeing|urinating|needing the "
    r"(?:toilet|loo|bathroom)|going to the (?:toilet|loo|bathroom))|(?:passing|pass|producing) (?:a lot of|lots of|loads of|"
    r"large amounts of|more|huge amounts of) (?:urine|water|wee|pee)|(?:need|needing|needs|have|has) to "
    r"(?:pee|wee|urinate) (?:all the time|constantly|every|a lot|so much)|(?:frequent|excessive) "
    r"(?:urination|peeing|weeing)|polyuria|peeing for england|weeing for england|constantly (?:peeing|weeing))"
)


VOMIT = (
    r"(?:vomit(?:ing|ed|s)?|throwing up|threw up|throw up|throws up|been sick|being sick|keep being sick|"
    r"keeps being sick|puking|puked|(?:can not|could not|unable to) keep (?:anything|food|water|fluids|drinks) down)"
)


CONFUSED_SIGN = (
    r"(?:confused|confusion|disorient\w*|muddled|not making (?:any )?sense|talking nonsense|"
    r"talking gibberish|delirious|delirium|not (?:herself|himself|themselves|myself)|"
    r"away with the fairies|foggy and confused)"
)


DROWSY = (
    r"(?:drowsy|drowsiness|(?:so|very|really|extremely|incredibly|unusually) sleepy|sleeping all (?:day|the time)|"
    r"sleeps all day|sleepy all (?:day|the time)|(?:can not|could not) stay awake|hard to (?:wake|rouse)|"
    r"difficult to (?:wake|rouse)|keeps? falling asleep|lethargic|lethargy|dozing off all the time|"
    r"(?:hard|difficult|struggling|a struggle|impossible) to stay awake|can barely stay awake)"
)


CONSTIP = r"(?:constipated|constipation|(?:have not|has not|had not|not) (?:pooed|been for a poo|opened (?:my|her|his) bowels))"


HYPERCALC_DIRECT = rx(
    r"\b(?:hypercalcaemia|hypercalcemia|high calcium|raised calcium|calcium (?:is|was|levels? (?:are|is|were|was)) "
    r"(?:high|raised|up|too high|very high))\b"
)


# the six signs in one pattern (for the review sheet; the urgent pass matches them one by one)
SIGNS = rx(r"\b(?:" + "|".join((THIRST, POLYURIA, VOMIT, CONFUSED_SIGN, DROWSY, CONSTIP)) + r")\b")

SOURCES = (CRUK_HIGH_CALCIUM, MARIE_CURIE_HYPERCALCAEMIA)

HYPERCALCAEMIA_NAMED_RULE = Rule(
    id="urgent.hypercalcaemia.named",
    category="hypercalcaemia",
    kind="urgent_symptom",
    pattern=HYPERCALC_DIRECT,
    rationale="Hypercalcaemia or a high calcium level named as current.",
    sources=SOURCES,
    review=PENDING,
    fires_on=(
        "my calcium is high again",
        "the nurse said my calcium levels are too high",
    ),
    does_not_fire_on=(
        "What is hypercalcaemia?",
        "my calcium was high in march but they sorted it with a drip, it's been normal since",
    ),
)

HYPERCALCAEMIA_SIGNS_RULE = Rule(
    id="urgent.hypercalcaemia.two_signs",
    category="hypercalcaemia",
    kind="urgent_symptom",
    pattern=SIGNS,
    rationale=(
        "Two or more different signs in one message: extreme thirst, passing a lot of urine, "
        "vomiting, confusion, drowsiness, constipation. One sign alone is not enough."
    ),
    sources=SOURCES,
    review=PENDING,
    fires_on=(
        "She's confused and drowsy",
        "mum's been really hard to wake today and confused about where she is",
        "wife is so thirsty she's drinking jugs of water, weeing constantly, and now she's muddled about what day it is",
    ),
    does_not_fire_on=(
        "extreme thirst",
        "thirsty because it's 35 degrees in adelaide today and the aircon's broken lol",
    ),
)

RULES = (HYPERCALCAEMIA_NAMED_RULE, HYPERCALCAEMIA_SIGNS_RULE)
