"""Urgent: fainting, collapse, unresponsive."""

from __future__ import annotations

from bot.safety.rules.base import PENDING, Rule, rx
from bot.safety.rules.sources import NHS_FAINTING
from bot.safety.rules.words import KIN

FAINT = rx(
    # no memory of going down (revision 2, dev set 6)
    r"\b(?:do not|does not|did not|can not|could not) remember (?:falling|going down|hitting the floor|(?:how|what) "
    r"(?:i|she|he) (?:ended up|got) on the floor)\b|"
    r"\b(?:faint(?:ed|ing|s)?|passed out|pass(?:es|ing)? out|blacked out|black(?:ing|s)? out|collaps(?:ed|ing|es)|"
    r"lost consciousness|loss of consciousness|losing consciousness|unconscious|unresponsive|keeled over|"
    r"came round on the floor|came to on the floor|(?:came|come|coming) (?:round|to) (?:on|in) (?:the|a) (?:\w+ )?"
    r"(?:floor|ground|pavement|bath|toilet)|woke up on the (?:\w+ )?floor|found (?:my |our )?(?:me|her|him|them|"
    + KIN
    + r"|mum|mom|dad) (?:on the floor|"
    r"collapsed|unconscious|lying on the floor|slumped|not breathing|unresponsive)|(?:not|is not|was not|is barely) "
    r"responding|(?:can not|could not) be woken|(?:feel|feeling|felt|feels) (?:really |very |so |a bit |quite )?"
    r"(?:faint|like (?:i am|i was|she is|he is|she was|he was) (?:going|about) to (?:faint|pass out|collapse|black out))|"
    r"(?:about|going) to (?:faint|pass out|collapse|black out)\b(?!\s+(?:from|with) (?:boredom|laughing|hunger))|"
    r"(?:almost|nearly) (?:fainted|passed out|collapsed|blacked out)|went down like a (?:sack|stone|log))\b"
)


FAINT_EXCL = rx(
    r"\b(?:faint (?:line|hope|smell|sound|idea|memory|chance|praise|heart|mark|glow)|collapsed? (?:vein|veins|lung)|"
    r"(?:price|bill|cost|invoice|quote|news|charges?|parking|fees?|receipt|price tag)\b.{0,30}\b(?:fainted|passed out|collapsed)|(?:fainted|passed out|collapsed)\b"
    r".{0,30}\b(?:price|bill|cost|invoice|quote|charges?|parking|fees?|receipt)|passed out (?:leaflets|flyers|of|from)|(?:wifi|internet|power|tent|"
    r"building|bridge|chair|economy|shelf|roof) (?:\w+ )?collaps\w*|black out (?:blinds|curtains)|blackout|"
    r"laughing|laughed|drunk)\b"
)


SOURCES = (NHS_FAINTING,)

FAINTING_RULE = Rule(
    id="urgent.fainting.faint_or_collapse",
    category="fainting",
    kind="urgent_symptom",
    pattern=FAINT,
    sentence=FAINT_EXCL,
    rationale=(
        "Fainting, passing out, collapse, unresponsive, about to faint; not a faint line or hope, a "
        "collapsed vein, a price that made someone faint, laughing or being drunk."
    ),
    sources=SOURCES,
    review=PENDING,
    fires_on=(
        "He's unconscious",
        "I came round on the bathroom floor",
        "grandad was shaking all over and not responding for about 2 mins, now he's really sleepy and won't talk",
    ),
    does_not_fire_on=(
        "What causes fainting in cancer patients?",
        "that fainting episode last month turned out to be low iron, had a transfusion and feel loads better",
    ),
)

RULES = (FAINTING_RULE,)
