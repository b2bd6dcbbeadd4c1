"""Crisis rule: Plan or intent: an overdose already taken (a medical emergency as well as a crisis).

Moved out of crisis_plan.py (2026-12-07) when its revision 2 took that module over the 800-line
limit; the rule id and its place in the evaluation order are unchanged."""

from __future__ import annotations

import re

from bot.safety.rules.base import PENDING, Rule, rx
from bot.safety.rules.sources import NICE_NG225, WARNING_SIGN_SOURCES
from bot.safety.rules.words import DRUG, KIN

OVERDOSE_TAKEN_CUE = re.compile(
    r"\b(?:sorry|forgive|goodbye|bye|wanted (?:someone|somebody|you|anyone|one person) to know|love you|on purpose|"
    r"deliberately|sleepy|drowsy|eyes|too late|do not call|do not tell|please do not|it is done|done it|will not wake|"
    r"not wake up|never wake|kick in|kicks in|going to sleep now|feel (?:weird|strange|funny|sick|dizzy|numb)|numb|"
    r"all at once|in one go|at once|with (?:vodka|wine|whisky|whiskey|alcohol|gin|rum|booze)|what happens now|"
    r"how long (?:until|till|will it|does it)|overdose|extra|too many|"
    # taken a short while ago: an overdose in progress (r2, dev set 14: "I took 20 of my sleeping
    # tablets about an hour ago")
    r"(?:an|one|two|three|half an|a few|a couple of|\d+) (?:hours?|minutes?|mins?) ago|just now|"
    r"earlier (?:tonight|this evening)|"
    # r3 (blind set 21): "messaged 'i'm done, i've taken everything' and now she isn't answering"
    r"(?:i|she|he) (?:am|is) done|(?:is|are|was) not (?:answering|picking up|replying)|no answer|"
    r"can not (?:reach|get hold of|get through to) (?:her|him|them))\b"
)


OVERDOSE_TAKER = re.compile(
    r"(?:^|\b(?:i|she|he|(?:my|our) (?:\w+\s+)?" + KIN + r"|mum|mom|dad)\s+)(?:(?:have|has|had|is|just|already|now|"
    r"also|actually)\s+){0,3}$"
)


def veto_overdose_taken(s: str, m: "re.Match[str]") -> bool:
    """Exclusion of crisis.plan.overdose_taken: someone (I, she, my mum ...) or nobody named before the
    verb (not "they took everything", "the chemo took it all"); "everything / the lot" needs a medicine,
    a pill box or a cabinet in sight; a count taken "just" / "already" stands alone; otherwise the
    sentence must say what it means (OVERDOSE_TAKEN_CUE). True drops the match."""
    prefix = s[: m.start()]
    if not OVERDOSE_TAKER.search(prefix):
        return True
    counted = re.search(
        r"\b(?:[1-9]\d+|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|a hundred|dozens|"
        r"handful|load|loads|bunch)\b",
        m.group(0),
    )
    if counted and re.search(r"\b(?:just|already)\s+$", prefix):
        return False
    # fifteen or more of a medicine people overdose on stands alone (r2: "I've taken 30
    # paracetamol"); counts over days or a course are the rule's sentence exclusions
    if re.search(r"\b(?:1[5-9]|[2-9]\d|\d{3,}|fifteen|twenty|thirty|forty|fifty|sixty|a hundred|dozens)\b", m.group(0)):
        return False
    if not counted and not re.search(
        r"\b(?:" + DRUG + r"|pill box|pillbox|dosette|blister\w*|cabinet|medicine|bottles?|"
        r"packets?|boxes|box|stash|cupboard|on purpose|deliberately|overdose|goodbye|(?:i|she|he) (?:am|is) done|"
        r"(?:is|are|was) not (?:answering|picking up|replying))\b",
        s,
    ):
        return True  # "took everything / the lot" with no medicine in sight
    return not OVERDOSE_TAKEN_CUE.search(s)


RULES = (
    Rule(
        id="crisis.plan.overdose_taken",
        category="plan_or_intent",
        rationale=(
            'An overdose already taken: "I\'ve taken everything in my pill box. sorry", "just took '
            '30 tramadol", "took about 10 extra pills tonight on purpose". Everything, all or the '
            "whole supply needs a word of what it means (sorry, goodbye, wanted someone to know, "
            'on purpose, sleepy now); a count of ten or more of a medicine needs that or "just" / '
            '"already". A medical emergency as well as a crisis (NICE NG225: self-poisoning). Not '
            "the day's or the morning's tablets, a course finished, mg / ml doses or tablets "
            "counted over a week. Revision 2 (2026-12-07, pending review): fifteen or more stands "
            'alone ("I\'ve taken 30 paracetamol"), and "an hour ago" / "just now" says what a count '
            'of ten or more means ("I took 20 of my sleeping tablets about an hour ago"). Revision 3'
            " (2026-12-07, pending review, blind set 21): \"I'm done, I've taken everything\" with the"
            " person gone quiet (not answering, no answer)."
        ),
        pattern=rx(
            r"\b(?:taken|took|swallowed|downed|necked)\s+(?:just\s+)?(?:everything|all of (?:them|it)|the lot|them all|it all|"
            r"the whole (?:lot|box|bottle|packet|pack|strip|blister pack|supply|stash|tub|jar)|every (?:single )?(?:pill|tablet|one)|"
            r"all (?:of )?(?:my|her|his|the) (?:\w+\s+){0,2}?(?:"
            + DRUG
            + r"|pill box|pillbox|dosette|blister packs?|supply|"
            r"stash|bottle|box|packets?))\b(?!\s+(?:in\b(?!\s+(?:my|her|his|the) (?:pill|dosette|blister|box|bottle|cupboard|"
            r"drawer|cabinet|packet|bag|stash|bathroom))|out|off|away|back|home|apart|down|up|from|to|into|round|over|with me|"
            r"on board|personally))|"
            r"\b(?:taken|took|swallowed|downed|necked)\s+(?:about\s+|around\s+|like\s+|over\s+|at least\s+|nearly\s+|almost\s+)?"
            r"(?:[1-9]\d+|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|a hundred|dozens of|a handful of|"
            r"a load of|loads of|a bunch of)\s+(?:(?:of\s+)?(?:my|her|his|the)\s+)?(?!(?:mg|ml|mls|mcg|micrograms?|"
            r"milligrams?|units?|drops|puffs|minutes|mins|hours|days|weeks|years|percent)\b)(?:\w+\s+)?" + DRUG + r"\b"
        ),
        sentence=rx(
            r"\b(?:this morning|morning|today's|tonight's|for today|for the day|with (?:breakfast|lunch|dinner|"
            r"food|water|milk)|as prescribed|on time|usual|reminder|remember|forgot|forget|missed|did i|"
            r"have i|should i|can i|do i|when (?:do|should|can)|side effects?|course|antibiotics|chemo|cycle|"
            r"schedule|a day|per day|each day|every day|daily|a week|this week|this month|in total|so far|"
            r"altogether|in the last|over the|since|capecitabine|xeloda|dexamethasone|creon|steroids|"
            r"vitamins?|supplements?|calcium|pharmacy|pharmacist|chemist|dispos\w*|return\w*)\b"
        ),
        unless=rx(
            r"\b(?:on purpose|deliberately|goodbye|forgive me|too late|all at once|in one go|overdose|wanted "
            r"(?:someone|somebody|you|anyone) to know)\b"
        ),
        before=rx(
            r"\b(?:if|what if|what happens if|what would happen if|imagine|wonder(?:ing)?|in case|suppose|supposing|"
            r"should|could|would|can|do|does|did)\s+(?:\w+\s+){0,3}?$"
        ),
        check=veto_overdose_taken,
        revision=3,
        negatable=False,
        sources=WARNING_SIGN_SOURCES + (NICE_NG225,),
        review=PENDING,
        fires_on=(
            "i've taken everything in my pill box. sorry. just wanted someone to know",
            "i just took 30 tramadol",
            "took about 10 extra pills tonight on purpose. feeling really sleepy now",
            "mum says she's taken everything in her dosette at once and she's sorry",
            "dad just took 20 of his oxycodone",
            "I took 20 of my sleeping tablets about an hour ago.",
            "i've taken 30 paracetamol",
            "mum has swallowed 16 of her morphine tablets",
            "she texted 'i'm done, i've taken everything' and she's not picking up",
        ),
        does_not_fire_on=(
            "i've taken everything in my pill box for today, do i need anything else before chemo",
            "took all my tablets this morning, sorry i forgot to tell you yesterday",
            "i have taken 30 tramadol over the last fortnight, is that a lot",
            "she took 10 mg of oxycodone at 6",
            "took everything in my stride today, sorry for the long message",
            "what if I took all my pills at once",
            "they took everything when they cleared the flat, sorry for the rant",
            "took the lot to the pharmacy for disposal, sorry it took so long",
            "I took 2 of my sleeping tablets about an hour ago and still can't sleep",
            "she has taken 21 palbociclib tablets this cycle",
            "i took 28 letrozole tablets over the month, do i need a new box",
            "i have taken everything in my stride, she is not answering her phone though",
        ),
    ),
    Rule(
        id="crisis.plan.found_trying_to_take_them_all",
        category="plan_or_intent",
        rationale=(
            "Someone found, caught or stopped trying to take all their pills (blind set 26, read after its "
            'measurement: "my granddaughter found my gran trying to take all her pills this afternoon and she says '
            "she'll try again\"; 2026-12-08, pending review): an attempt interrupted, told by a caregiver (NICE NG225: "
            'self-poisoning). Not a muddle over doses ("by mistake", "confused", "forgot she had taken them").'
        ),
        pattern=rx(
            r"\b(?:found|caught|stopped|saw|walked in on|came in to find)\s+(?:her|him|them|me|my \w+|mum|mom|dad|nan|gran|"
            r"grandma|grandad|granddad)\s+(?:\w+\s+)?(?:trying to|about to|in the middle of|going to)\s+(?:take|taking|swallow|"
            r"swallowing|down|downing)\s+(?:all|every|the whole|the lot|a handful|handfuls|loads)\b"
        ),
        negatable=False,
        sentence=rx(
            r"\b(?:by mistake|mistake|confused|muddled|mixed up|forgot|forgotten|dementia|double dose|twice)\b"
        ),
        sources=(NICE_NG225,) + WARNING_SIGN_SOURCES,
        review=PENDING,
        fires_on=("i walked in on my husband about to swallow the whole box of his sleeping tablets",),
        does_not_fire_on=(
            "found mum trying to take all her morning tablets again at teatime, she's so muddled with the new meds",
        ),
    ),
)
