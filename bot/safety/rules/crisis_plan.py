"""Crisis rules: Plan or intent: a time, the means at hand, a stockpile, a plan, a declared last day."""

from __future__ import annotations

import re

from bot.safety.rules.base import PENDING, Rule, rx
from bot.safety.rules.sources import CRISIS_SOURCES, WARNING_SIGN_SOURCES
from bot.safety.rules.words import (
    CALM,
    DIE_PLACE,
    DRUG,
    HAVE_A_PLAN,
    KIN,
    NUMBER,
    PLAN_CRISIS_CUE,
    PLAN_MUNDANE,
    REFL,
)


def veto_doing_it_tonight(s: str, m: "re.Match[str]") -> bool:
    """Exclusion of crisis.plan.doing_it_tonight (see its rationale); True drops the match."""
    return bool(re.search(r"\b(?:by (?:accident|mistake)|accidentally|double dose|extra dose)\b", s)) and not re.search(
        r"\b(?:too many|overdose|all)\b", m.group(0)
    )


def veto_medication_at_hand(s: str, m: "re.Match[str]") -> bool:
    """Exclusion of crisis.plan.medication_at_hand (see its rationale); True drops the match."""
    return bool(
        re.search(
            r"\b(?:in (?:my|her|his) hands?|in front of (?:me|her|him)|counted out|lined up|"
            r"laid out ready|ready to go|on (?:the|my|her|his) (?:table|bed|bedside|side))\b",
            m.group(0),
        )
    ) and not re.search(
        r"\b(?:vodka|alcohol|wine|whisky|whiskey|gin|rum|all|every|tonight|ready|thinking|staring|sit|sitting|sat|goodbye|"
        r"end|enough|die|tempted|swallow|whether|some nights|again|crying|think about|"
        # revision 2: a plea or fear says what the tablets in hand mean ("pls help i have the pills in my hand")
        r"help|pls|plz|please|scared|frightened|terrified|about to|sorry|bye|love you)\b",
        s,
    )


def veto_have_enough(s: str, m: "re.Match[str]") -> bool:
    """Exclusion of crisis.plan.have_enough (see its rationale); True drops the match."""
    return not re.search(
        r"\b(?:speed\w*|hurry|sooner|quicker|faster|myself|end it|end things|do it|all at once|take them all|"
        r"finish (?:it|me|things)|for when|when the time comes|if it gets|if i need (?:to|it)|if i have to|"
        r"make it stop|for good|forever|not wake|never wake)\b",
        s,
    )


def veto_drink_next_to_pills(s: str, m: "re.Match[str]") -> bool:
    """Exclusion of crisis.plan.drink_next_to_pills (see its rationale); True drops the match."""
    return not re.search(
        r"\b(?:all (?:of )?(?:them|my|her|his|the)|every (?:one|single)|whole|the lot|enough|die|end it|"
        r"goodbye|overdose|never wake|not wake|in front of|lined up|counted|ready|at once|together|kill)\b",
        s,
    )


# What makes "I've taken everything / all of them / 30 tramadol" an overdose rather than the day's tablets.
SOURCES = CRISIS_SOURCES

RULES = (
    Rule(
        id="crisis.plan.found_with_means",
        category="plan_or_intent",
        rationale=(
            "Found with pills, standing on a bridge / roof / ledge now, or having bought or "
            "hidden a rope (not for towing, climbing, camping, a washing line)."
        ),
        pattern=rx(
            r"\bfound (?:me|her|him|them) with (?:the|my|her|his|all the|a bottle of|an empty|empty|a handful of|loads of)\s+"
            r"(?:\w+\s+)?" + DRUG + r"\b|"
            r"\b(?:standing|sitting|stood|sat|am|is|i am|she is|he is|currently|right now|now)\s+(?:\w+\s+){0,2}?"
            r"(?:on|at the top of|at the edge of|on the edge of|up on|on top of)\s+(?:the|a|this|that)\s+(?:bridge|roof|rooftop|"
            r"ledge|edge|cliff|cliff edge|balcony|railway|railway line|tracks|platform edge|top floor|car park roof|roof of)\b|"
            r"\b(?:bought|got|has|have|hid|hidden|hiding|keeping|keeps|kept|tied|tying)\s+(?:a|the|some)\s+rope\b"
            r"(?!.*\b(?:tow|towing|climbing|skipping|washing line|boat|tent|camping|swing|dog|tug|garden|gym)\b)"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I'm on the roof",
            "i'm standing on the roof of the car park",
            "After the last scan I stood on the balcony for a long time and thought about going over",
        ),
        does_not_fire_on=(
            "we bought a rope for towing the caravan",
            "What does MSCC stand for?",
        ),
    ),
    Rule(
        id="crisis.plan.pills_laid_out",
        category="plan_or_intent",
        rationale=(
            "Tablets laid, lined or counted out, unless for a dosette or the week, or with a "
            "crisis cue (goodbye, tonight, overdose)."
        ),
        pattern=rx(
            r"\b(?:got|has got|have got|had|laid|lined|set|put|counted|counting|sorted)\s+(?:all\s+)?(?:of\s+)?(?:her|his|my|the)\s+"
            r"(?:\w+\s+)?"
            + DRUG
            + r"\s+(?:all\s+)?out\b(?!\s+(?:for (?:the|my|her|his) (?:week|day|morning|dosette)|into))"
        ),
        sentence=rx(
            r"\b(?:dosette|pill box|pillbox|organi[sz]er|for the week|for the day|weekly|morning meds|nurse)\b"
        ),
        unless=rx(r"\b(?:goodbye|end|die|kill|tonight|plan|gone|overdose|all of them)\b"),
        sources=SOURCES,
        review=PENDING,
        fires_on=("my mum said goodbye to everyone today like she won't see them again and she's got her pills out",),
        does_not_fire_on=(
            "I put my tablets out in the dosette for the week",
            "feeling like a 9 today",
        ),
    ),
    Rule(
        id="crisis.plan.doing_it_tonight",
        category="plan_or_intent",
        rationale=(
            '"Tonight I\'m going to do it / end it", "took an overdose / too many / the whole '
            'box"; not a double dose taken by mistake.'
        ),
        pattern=rx(
            r"\b(?:tonight|tomorrow|today|this weekend|this week|soon|now|later)\s+(?:i am|i will|i|she is|he is|she will|he will)\s+"
            r"(?:going to|gonna|will)?\s*(?:do it|end it|end things|go through with it|take them|take the pills|finish it)\b|"
            r"\b(?:i am|i will|she is|he is|am)\s+(?:ending|doing) (?:it|things|it all)\s+(?:tonight|tomorrow|today|this weekend|"
            r"this week|soon|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b|"
            r"(?<!what if i )(?<!what if she )(?<!what if he )(?<!if i )(?<!if she )(?<!if he )"
            r"\b(?:took|taken|swallowed|had|necked|downed)\s+(?:too many|an overdose|a handful of|loads of|a lot of|a load of|all (?:of )?"
            r"(?:my|her|his|the)|the whole (?:bottle|box|packet)|a whole (?:bottle|box|packet)|extra)\s+(?:of\s+)?(?:my\s+|her\s+|his\s+)?"
            r"(?:\w+\s+)?" + DRUG + r"\b"
        ),
        check=veto_doing_it_tonight,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "tonight I'm going to do it",
            "My sister who is my carer found me after I took too many pills",
            "took a handful of my sleeping tablets about an hour ago. feeling floaty. not sure why im telling a bot",
        ),
        does_not_fire_on=(
            "I took a double dose by mistake",
            "should i take my pills before or after food",
        ),
    ),
    Rule(
        id="crisis.plan.medication_at_hand",
        category="plan_or_intent",
        rationale=(
            "Tablets in my hand, in front of me, lined up or next to alcohol; saved \"so I'd "
            'have enough"; extra bought to save. Not pharmacy, holiday, dosette or how-to-take '
            "questions. Revision 2 (2026-12-07, issue 17): tablets in the hand with a plea or fear (help, "
            'please, scared, sorry, bye: "pls help i have the pills in my hand", blind set 17).'
        ),
        revision=2,
        pattern=rx(
            r"\b"
            + DRUG
            + r"\b(?:\s+\w+){0,6}?\s+(?:in (?:my|her|his) hands?|in front of (?:me|her|him)|(?:on|by) (?:the|my|her|his) "
            r"(?:table|bed|bedside|side)\b(?=.*\b(?:vodka|alcohol|wine|whisky|gin|all|every|tonight|ready|thinking|staring|looking|"
            r"sit|sitting|counted|goodbye|end))|counted out|lined up|laid out ready|ready to go)\b|"
            r"\b(?:sit|sitting|sat|stare|staring|stared|look|looking|looked)\s+(?:at\s+|with\s+)?(?:all\s+)?(?:the|my|her|his)\s+"
            r"(?:\w+\s+)?" + DRUG + r"\b|"
            r"\b(?:bottle|bottles)\s+of\s+(?:vodka|wine|whisky|whiskey|gin|rum|alcohol)\b(?=.*\b" + DRUG + r"\b)|"
            r"\b"
            + DRUG
            + r"\b(?=.*\b(?:vodka|whisky|whiskey|gin|rum)\b)(?=.*\b(?:front of|table|ready|tonight|all (?:my|her|his|of)|"
            r"bottle)\b)|"
            r"\b"
            + DRUG
            + r"\b(?:\s+\w+){0,8}?\s+so (?:that )?(?:i|she|he) (?:would|could|will|can|had|have|might) (?:have )?"
            r"(?:enough|save them|store them|keep them|stock up)\b|"
            r"\b(?:save|saving|saved|store|storing|stash|stashing|hide|hiding|keep|keeping) them (?:up|all|away|somewhere)\b"
            r"(?=.*\b" + DRUG + r"\b)|"
            r"\b(?:bought|buying|buy|got|getting|asked for|asking for|collected|ordered)\s+(?:extra|more|spare|loads of|lots of|a lot of|"
            r"several (?:packs|boxes) of)\s+(?:\w+\s+)?"
            + DRUG
            + r"\b(?=.*\b(?:enough|save|saving|stash|all at once|just in case|"
            r"so i|so she|so he)\b)"
        ),
        sentence=rx(
            r"\b(?:pharmacy (?:is )?closed|holiday|trip|travel|bank holiday|christmas (?:closing|period)|run out|"
            r"running out|ran out|repeat prescription|dosette|pill box|pillbox|organi[sz]er|for the week|"
            r"with food|with water|with breakfast|with milk|before bed|in the morning|which one|side effects?|"
            r"do i take|should i take|can i take|how do i take|when do i take|nurse|pharmacist)\b"
        ),
        check=veto_medication_at_hand,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "Some nights I sit with the pills in my hand",
            "please help, i've got my tablets in my hand",
            "I asked my GP for more sleeping pills so I could save them up",
            "haha guess i'll just die 💀 (not joking this time, the pills are lined up on the bedside table)",
        ),
        does_not_fire_on=(
            "i'd kill for a good nights sleep",
            "i pray every night for more time with my kids",
        ),
    ),
    Rule(
        id="crisis.plan.knows_how",
        category="plan_or_intent",
        rationale=(
            'How, where or when I / she would do it or end it; not "wondering how I\'ll cope", '
            "homework, chores or the school run, unless method words appear."
        ),
        pattern=rx(
            r"\b(?:how|where|when)\s+(?:i|she|he|they)\s+(?:would|had|could|will|might|is going to|am going to|are going to|"
            r"plans? to|planned to|wants? to)\s+(?:do it|end it|end things|go through with it|kill (?:myself|herself|himself)|"
            r"take (?:my|her|his) (?:own )?life)\b(?!\s+(?:all|with|without|on (?:my|her|his) own|alone|by (?:my|her|him)self|"
            r"myself|herself|himself|again|better|properly|differently))"
        ),
        negatable=False,
        before=rx(
            r"\b(?:wonder|wondering|not know|no idea|not sure|unsure|asked me|ask|tell me|show me|explain|learn)\s+$"
        ),
        sentence=rx(
            r"\b(?:homework|recipe|cook|bake|form|exam|task|job|cleaning|tax|garden|diy|knit|drive there|"
            r"cope|manage|kids|children|school run|chemo|work)\b"
        ),
        unless=rx(
            r"\b(?:pills|tablets|overdose|rope|jump|end it|kill|suicide|die|worse|tonight|plan|planned|"
            r"worked out|knows|know exactly)\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "i've worked out how i'd do it",
            "I'm not suicidal but I keep thinking about how I'd do it",
            "nobody will need to worry about me much longer. i've made my peace with how i'm going to do it",
        ),
        does_not_fire_on=(
            "I wonder how I will cope",
            "not sure how i will manage the school run",
        ),
    ),
    Rule(
        id="crisis.plan.deliberate_overdose",
        category="plan_or_intent",
        rationale=(
            'Pills taken deliberately or a double dose "to not wake up", found after taking '
            "pills, stomach pumped (not after food poisoning)."
        ),
        pattern=rx(
            r"\b(?:deliberately|purposely|on purpose|intentionally)\s+(?:took|take|taken|swallowed|had|overdosed|downed|took "
            r"double|took triple)\b|"
            r"\b(?:took|taken|swallowed|had|downed)\s+(?:double|triple|twice|three times|extra|more than)\b(?:\s+\w+){0,3}?"
            r"\s+(?:"
            + DRUG
            + r"|dose|doses)\b(?=.*\b(?:on purpose|deliberately|to see what|to sleep|so i would not|so i do not|"
            r"wake up|die|end it|make it stop|to feel nothing|numb)\b)|"
            r"\bfound (?:me|her|him)\b(?:\s+\w+){0,8}?\s+(?:after|when) (?:i|she|he) (?:had )?(?:taken|took|swallowed)\b|"
            r"\b(?:stomach pumped|had to have (?:my|her|his) stomach pumped)\b(?!\s+(?:after|from|because of) (?:eating|food|bad|"
            r"a night|drinking|poisoning|mushrooms|seafood|the party))"
        ),
        negatable=False,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I deliberately took double my pills last night to see what would happen",
            "My husband came home and found me on the bathroom floor after I'd taken my pills",
        ),
        does_not_fire_on=(
            "I had my stomach pumped after eating bad mushrooms",
            "tonight is my last night in hospital, home tomorrow",
        ),
    ),
    Rule(
        id="crisis.plan.ending_it_soon",
        category="plan_or_intent",
        rationale=(
            '"Tomorrow I\'m ending it", "I\'m ending it all tonight", "I\'m ending my life"; not '
            '"ending it with him" or "ending on a high".'
        ),
        pattern=rx(
            r"\b(?:tonight|tomorrow|today|this weekend|this week|soon|on (?:monday|tuesday|wednesday|thursday|friday|saturday|"
            r"sunday))\s+(?:i am|i will|she is|he is|she will|he will|is when i am|is when i will)\s+(?:ending|doing) (?:it|things|it all)\b|"
            r"\b(?:i am|she is|he is)\s+(?:ending|doing) it (?:all )?(?:tonight|tomorrow|today|this weekend|soon|now)\b|"
            r"\b(?:i am|she is|he is) ending (?:it|it all|things|my life|her life|his life)\b"
        ),
        negatable=False,
        after=rx(r"\s+(?:with|between|off with|on a (?:high|good|positive)|early|there|here|by saying)\b"),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "Tomorrow I'm ending it, I just wanted someone to know",
            "if the scan shows more spread i'm ending things, i've already decided",
        ),
        does_not_fire_on=(
            "I'm ending it with my boyfriend tonight",
            "I'm dying to know my scan results",
        ),
    ),
    Rule(
        id="crisis.plan.stockpiling",
        category="plan_or_intent",
        rationale=(
            "Stockpiling, hoarding, saving or hiding medicine; not for a trip, in the dosette, "
            "or about money, unless with a crisis cue (enough, in case, one day). Revision 2: not "
            "medicine saved to take back to the pharmacy or for disposal, hidden from the "
            "grandchildren or saved for a flight or holiday, unless with such a cue."
        ),
        revision=2,
        pattern=rx(
            r"\b(?:stockpil\w*|stock pil\w*|hoard\w*|stash\w*|squirrel\w* away|sav(?:e|ing|ed) up|been saving|"
            r"saving|saved|collect(?:ing|ed)?|build(?:ing)? up a (?:supply|stock|stash) of|keep(?:ing)? back|"
            r"hid(?:e|ing|den)|hoarded|put(?:ting)? aside|set(?:ting)? aside|secretly keeping|keeping a stash of)\s+"
            r"(?:(?:all|some|a lot of|lots of|loads of|enough|her|his|my|the|their|up|of|away|extra|spare|old|"
            r"leftover|left over)\s+){0,3}(?:\w+\s+)?" + DRUG + r"\b"
        ),
        after=rx(
            r"\s+(?:for (?:the|my|our|a) (?:trip|holiday|flight|journey|weekend|next|travel)|in (?:the|a|my) "
            r"(?:dosette|pill box|pillbox|pill organi[sz]er|organi[sz]er|blister pack|dossette|weekly box)|"
            r"in (?:the|a) (?:fridge|cupboard) (?:so|for|because)|for later in the day)"
        ),
        sentence=rx(
            r"\b(?:money|pounds|dollars|coupon|prescription charges|receipt|nhs|insurance|for the grandkids|"
            r"pharmacy|pharmacist|chemist|dispos\w*|returns? (?:bag|box|scheme)|take (?:them |it )?back|"
            r"hand (?:them |it )?(?:back|in)|get rid|got rid|bin|(?:away )?from (?:the |my |her |his )?(?:kids|"
            r"children|grandkids|grandchildren|visitors|dog|cat)|flight|holiday|trip|travel\w*|abroad)\b"
        ),
        unless=rx(r"\b(?:die|end|enough|kill|just in case|in case|one day|when the time|overdose|all of them|why)\b"),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I've been stockpiling my pills",
            "been saving my zopiclone for weeks now, just in case, u know",
            "my partner said if the scan is bad on the 14th she's going to 'sort it herself'. she's got a stash of tramadol",
        ),
        does_not_fire_on=(
            "how will i know when mum is close, hospice said days to weeks",
            "every 3 weeks",
            "i have been saving my old morphine to take back to the pharmacy for disposal",
            "i've hidden my morphine from the grandkids, they were visiting",
            "been saving my oxycodone for the long flight to australia next month",
        ),
    ),
    Rule(
        id="crisis.plan.stash_enough",
        category="plan_or_intent",
        rationale="A stash or collection of pills; enough saved to kill, die or do it.",
        pattern=rx(
            r"\b(?:stash|stockpile|hoard|secret supply|secret stash|collection)\s+of\s+(?:\w+\s+)?" + DRUG + r"\b|"
            r"\benough\s+(?:\w+\s+){0,2}?(?:"
            + DRUG
            + r"|of (?:them|it|these|those))\s+(?:saved\s+|stored\s+|stashed\s+|"
            r"put away\s+|hidden\s+|now\s+|left\s+)?(?:to|that|so)\s+(?:i\s+|she\s+|he\s+|it\s+)?(?:could\s+|can\s+|would\s+|will\s+)?"
            r"(?:kill|die|end|overdose|do it|not wake|never wake|finish|stop)\b|"
            r"\b(?:have|got|has|had|now have)\s+enough\s+(?:\w+\s+){0,2}?"
            + DRUG
            + r"\s+(?:saved|stored|stashed|put away|"
            r"hidden|collected|now|to do it|to end it)\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I have enough tablets saved to do it",
            "dad asked me to get him enough pills to finish it",
            "dad keeps asking if he's got enough morphine stored for when he decides",
        ),
        does_not_fire_on=(
            "are 20 vitamin d tablets enough",
            "my 10 tablets aren't enough for the pain",
        ),
    ),
    Rule(
        id="crisis.plan.has_a_plan",
        category="plan_or_intent",
        rationale=(
            'Planning to kill oneself, a suicide plan, knowing exactly how, "tonight is the '
            'night", a date set, everything ready, going through with it. Revision 2 (2026-12-07, pending'
            ' review): "tonight\'s the night" is read like "tonight is the night"; a first date, a chemo or a'
            " scan on that day is not a plan unless a word of dying, a means or a goodbye is beside it."
        ),
        pattern=rx(
            r"\bplan(?:s|ning|ned)?\s+(?:to|for|on|how to|how i|how i will|how i would|how i am going to|when to|"
            r"when i will|where to|out how to|out how i)\s+(?:\w+\s+){0,1}?(?:kill|end it|end my|end her|end his|"
            r"end things|end everything|commit|do it|overdose|jump off|jump from|hang|die\b(?! (?:at|in|peacefully|"
            r"comfortably|with|surrounded|naturally))|take (?:my|her|his) (?:own )?life|take (?:all|the) (?:pills|tablets))|"
            r"\b(?:suicide|death|exit|escape) plan\b|"
            r"\b(?:have|made|got|making|make|has|had|come up with|worked out|figured out)\s+(?:a|the|my|her|his)\s+plan\s+"
            r"(?:to|for|how|on how)\s+(?:\w+\s+){0,2}?(?:kill|end|die|do it|overdose|take (?:my|her|his)|jump|hang|go)\b|"
            r"\b(?:know|knows|worked out|figured out|decided|thought about|thinking about|researched|googled|looked up|"
            r"looking up|searched|searching)\s+(?:exactly\s+)?(?:how|when|where)\s+(?:i am going to|i will|i would|"
            r"to|i am gonna|i want to|i could|i might|she will|she would|he will|he would|she is going to|"
            r"he is going to)\s+(?:do it|end it|kill|die|jump|go|end things|end my life|take my life|overdose|hang)\b|"
            r"\b(?:tonight|tomorrow|this weekend|today|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\s+"
            r"(?:is|will be)\s+the\s+(?:night|day)\b|"
            r"\b(?:set|picked|chosen|chose|choose|pick) (?:a|the) (?:date|day|time)\s+(?:to|for|when)\s+(?:\w+\s+){0,1}?"
            r"(?:die|do it|end it|kill|go)\b|"
            r"\b(?:have|got|bought|gathered|collected|sorted|ready|prepared)\s+(?:the|my|all the|everything|all my|a)\s+"
            r"(?:"
            + DRUG
            + r"|rope|gun|noose|ligature|razor|razors|blades)\s+(?:ready|i need|lined up|prepared|for tonight|"
            r"for tomorrow|to do it|to end it)\b|\beverything (?:i need|is ready|ready) (?:to|for) (?:do it|end it|die|"
            r"kill|tonight|end things)\b|\bwhen (?:everyone|they|the kids|my husband|my wife|he|she) (?:is|are|has|have) "
            r"(?:asleep|gone|out|left)\b.{0,40}\b(?:do it|end it|take them|take the pills|go through with)\b|"
            r"\b(?:go|going|went) through with it\b|\b(?:going|planning) to do it (?:tonight|tomorrow|today|soon|this week|"
            r"this weekend|now)\b"
        ),
        # revision 2 (session 17): "tonight's the night" is now read as "tonight is the night" (the text
        # normaliser), so an ordinary big day said that way is told apart: a first date, the last chemo,
        # a scan, a wedding -- unless a word of dying, a means or a goodbye is in the sentence
        sentence=rx(
            r"\b(?:date|dinner|party|chemo|scan|results|appointment|wedding|birthday|anniversary|concert|match|game|"
            r"big day|operation|op|surgery|treatment|infusion|cycle|radiotherapy|holiday|flight|graduation|christening|"
            r"let us go|lets go|woo\w*|yay|excited|fingers crossed|wish me luck)\b"
        ),
        unless=rx(
            r"\b(?:die|dying|dead|death|kill|end it|end things|end my life|overdose|pills|tablets|morphine|rope|gun|noose|"
            r"do it|goodbye|thank you for everything|everything i need|sorry|forgive|last night|not be here|gone|go through|"
            r"burden|stop being|ready|decided|suicid\w*|myself)\b"
        ),
        revision=2,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "Tonight is the night",
            "tonight's the night, thank you for everything",
            "i looked up how to overdose on my painkillers",
            "my brother searched how to overdose on his fentanyl patches, i saw it on his phone",
        ),
        does_not_fire_on=(
            "tonight is my last night in hospital, home tomorrow",
            "we have a plan for the weekend",
            "tonight's the night, our first date since the diagnosis!",
            "today's the day, chemo number 6, let's go",
        ),
    ),
    Rule(
        id="crisis.plan.calm_because_plan",
        category="plan_or_intent",
        rationale=(
            'Feeling calm or at peace because "I have a plan", "don\'t worry, I have a plan"; '
            "not treatment, care or holiday plans unless with a crisis cue."
        ),
        pattern=rx(
            r"\b" + HAVE_A_PLAN + r"[\s,]+(?:(?:so|and|now|then|which is why|that is why)[\s,]+)*(?:i|she|he)\s+"
            r"(?:am|is|feel|feels|am feeling|is feeling|will be|have been|can be)\s+(?:\w+\s+)?(?:(?:at peace|peaceful|calm|"
            r"calmer|relieved|settled)\b|" + CALM + r"\b(?!\s+(?:for|with|about|if|to|at|in|on)))|"
            r"\b" + CALM + r"[\s,]+(?:now[\s,]+)?(?:(?:because|since|as|now that|cos|cause)\s+)?" + HAVE_A_PLAN + r"|"
            r"\b(?:do not|no need to|stop|please do not|you do not need to) worry[\s,]+(?:about me[\s,]+)?(?:\w+[\s,]+){0,3}?"
            + HAVE_A_PLAN
        ),
        negatable=False,
        sentence=PLAN_MUNDANE,
        unless=PLAN_CRISIS_CUE,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "i have a plan now so i'm ok",
            "i'm fine now. i've got a plan so i'm fine",
            "i won't be a burden for much longer, don't worry, i have a plan",
        ),
        does_not_fire_on=(
            "I have a plan so I'm fine for Christmas",
            "I've got a plan with my nurse so I'm fine",
        ),
    ),
    Rule(
        id="crisis.plan.quantity_saved",
        category="plan_or_intent",
        rationale=(
            'A quantity of medicine saved or stashed ("30 oxycodone saved up", "the morphine '
            "I've been saving\"); not a dosette, a holiday supply, disposal or keeping it from "
            "the children."
        ),
        pattern=rx(
            r"\b(?:"
            + NUMBER
            + r"|loads|lots|a lot|a load|heaps|piles|a pile|a stack|a drawer ?full|a bag ?full|a box ?full|"
            r"months|weeks|months worth|weeks worth|"
            + NUMBER
            + r" (?:boxes|packets|packs|bottles|strips|months|weeks|months worth|weeks worth))\s+(?:of\s+)?"
            r"(?:\w+\s+){0,2}?"
            + DRUG
            + r"(?:\s+(?:tablets|pills|capsules|patches))?\s+(?:\w+\s+){0,2}?(?:saved|saved up|stashed|"
            r"stashed away|stockpiled|hoarded|hidden|hid|put away|put by|put aside|set aside|squirrel+ed away|kept back|"
            r"tucked away|stored up)\b|"
            r"\b(?:have|has|got|have got|has got|had|keeps?|kept)\s+(?:all\s+)?(?:my|her|his|the|some|a few|enough)\s+(?:\w+\s+)?"
            + DRUG
            + r"\s+(?:all\s+)?(?:saved|saved up|stashed|stashed away|stockpiled|hoarded|hidden away|put away|squirrel+ed away|"
            r"tucked away|stored up)\b|"
            r"\b"
            + DRUG
            + r"\s+(?:that\s+|which\s+)?(?:i|she|he)\s+(?:have\s+|has\s+|had\s+)?(?:been\s+)?(?:saving|saved|"
            r"saving up|saved up|stockpiling|stockpiled|hoarding|hoarded|hiding|hid|hidden|stashing|stashed|squirrel+ing away|"
            r"putting aside|putting away|keeping back|secretly keeping)\b"
        ),
        sentence=rx(
            r"\b(?:fridge|dosette|pill box|pillbox|organi[sz]er|for the (?:week|month|holiday|trip|journey|flight|"
            r"weekend)|holiday|travel|run out|running out|ran out|pharmacy|pharmacist|return|returning|dispose|"
            r"disposal|take (?:them |it )?back|hand (?:them |it )?back|expired|out of date|in date|money|pounds|"
            r"dollars|for (?:the |my )?(?:kids|grandkids|children|emergencies|winter|headaches)|from (?:the |my )?"
            r"(?:kids|grandkids|children|grandchildren|dog|cat)|locked|lock box|safe place|safely|"
            r"(?:put away|put by|set aside|tucked away|stored up) (?:in|on|at) (?:the|a|my|our) (?:\w+ )?"
            r"(?:cupboard|cabinet|shelf|kitchen|drawer|box|tin|bag))\b"
        ),
        unless=rx(
            r"\b(?:die|end|enough|kill|just in case|overdose|all of them|all at once|why|do it|tonight|secret|"
            r"secretly|nobody knows|no one knows)\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I have 60 oxycodone saved up",
            "the oxycodone I've been saving is in the bathroom",
            "my wife told me tonight she's got her pills saved up and she knows what she'll do with them",
        ),
        does_not_fire_on=(
            "I've got 28 tablets saved in my dosette box",
            "I keep 2 boxes of paracetamol put aside for emergencies",
        ),
    ),
    Rule(
        id="crisis.plan.have_enough",
        category="plan_or_intent",
        rationale=('"I have enough morphine now" with speeding it up, for good or "when the time comes"; not supply.'),
        pattern=rx(
            r"\b(?:have|got|has|have got|has got|now have|finally have)\s+enough\s+(?:\w+\s+){0,2}?" + DRUG + r"\b"
            r"(?!\s+(?:to last|until|till|for (?:the|a|my|this|next)|left|at home|in the house|from))"
        ),
        check=veto_have_enough,
        sources=SOURCES,
        review=PENDING,
        fires_on=("I've got enough morphine for when the time comes",),
        does_not_fire_on=(
            "When the time comes I'd like to die peacefully",
            "I don't want to be resuscitated when the time comes",
        ),
    ),
    Rule(
        id="crisis.plan.drink_next_to_pills",
        category="plan_or_intent",
        rationale=(
            "A glass of vodka or wine next to the pills with all, whole, enough, lined up or "
            "die; one drink with a medicine is not a crisis."
        ),
        pattern=rx(r"\bglass(?:es)?\s+of\s+(?:vodka|wine|whisky|whiskey|gin|rum|alcohol)\b(?=.*\b" + DRUG + r"\b)"),
        check=veto_drink_next_to_pills,
        sources=SOURCES,
        review=PENDING,
        fires_on=("is it ok to have a glass of wine with all my oramorph at once",),
        does_not_fire_on=(
            "is it ok to have a glass of wine with my lorazepam",
            "is it ok to have a glass of wine with my pills, I've got them saved up",
        ),
    ),
    Rule(
        id="crisis.plan.last_day",
        category="plan_or_intent",
        rationale=(
            '"Tonight is my last night", "chose today as my final day"; not the last day of '
            "work, chemo or a holiday unless with alive, goodbye or die."
        ),
        pattern=rx(
            r"\b(?:today|tonight|tomorrow|this|it|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
            r"this (?:weekend|week|morning|evening|afternoon))\s+(?:is|will be|is going to be|has to be|must be|should be|shall be)\s+"
            r"(?:my|her|his)\s+(?:very\s+)?(?:last|final)\s+(?:day|night|morning|evening|weekend|sunset|sunrise)\b"
            r"(?!\s+(?:of|at|in|on|with|before|for|as|off|working|doing|taking|here at|at work|til|till|until|back|seeing|having|"
            r"and then|then|away))|"
            r"\b(?:chosen|picked|set|decided on|chose|pick|choose|choosing)\s+(?:\w+\s+){0,2}?(?:as|to be|for)\s+(?:my|her|his)\s+"
            r"(?:last|final)\s+(?:day|night)\b(?!\s+(?:of|at|in|on|with|before|for|as|off|working|at work))"
        ),
        negatable=False,
        sentence=rx(
            r"\b(?:work|job|shift|holiday|treatment|chemo|chemotherapy|radiotherapy|radiation|course|cycle|"
            r"placement|school|term|ward|trial|leave|tablets|steroids|antibiotics|contract|notice|volunteering|"
            r"office|retire|retirement|retiring|rota|uni|college|class|lesson|diet|hospital|clinic)\b"
        ),
        unless=rx(
            r"\b(?:alive|on earth|decided|goodbye|die|dying|end it|end things|pills|forever|for good|kill|suicide)\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "tonight will be my last night",
            "I've decided today is my last day",
            "this is my last weekend, I've made up my mind",
        ),
        does_not_fire_on=(
            "tonight is my last night in hospital, home tomorrow",
            "who won the football last night",
        ),
    ),
    Rule(
        id="crisis.plan.so_they_can_end_it",
        category="plan_or_intent",
        rationale=(
            'Means gathered, asked for or handed over for a purpose: "bring her all her pills so she '
            'can end it", "saving the patches so I can finally end things / not wake up", "get him '
            'his shotgun so he could just die" (AFSP, 988 Lifeline: looking for a way to kill '
            'oneself, hoarding medicine). "So she can die" counts only with a means named before '
            'it. Not "so she can end it with him", a peaceful or natural death ("so she can die '
            'at home"), or tablets brought to be taken as prescribed. Requests to "help me die" '
            "are crisis.ideation.take_me_let_me_die."
        ),
        pattern=rx(
            r"\bso (?:that )?(?:i|she|he|they|(?:my |our )?"
            + KIN
            + r")\s+(?:can|could|would|will|may|might|is able to|"
            r"are able to)\s+(?:finally\s+|just\s+|then\s+)?(?:end it(?: all)?|end things|end everything|end (?:my|her|his|their)"
            r" (?:own )?(?:life|lives|suffering)|kill "
            + REFL
            + r"|take (?:my|her|his|their) (?:own )?li(?:fe|ves)|finish "
            r"(?:it|things|"
            + REFL
            + r" off)|not wake(?: up)?|never wake(?: up)?|go to sleep (?:for good|forever|and not wake)|"
            r"overdose|take (?:them|it|the lot) all|take all of (?:them|it))\b|"
            r"\b(?:bring|bringing|brought|get|getting|give|giving|hand|fetch|buy|find|collect|pass)\s+(?:me|her|him|them)?\s*"
            r"(?:\w+\s+){0,4}?(?:"
            + DRUG
            + r"|rope|gun|shotgun|knife|knives|razor|blades?|pens)\b(?:\s+\w+){0,6}?\s+so "
            r"(?:that )?(?:i|she|he|they) (?:can|could|would|will|may|might) (?:just\s+)?die\b"
        ),
        after=rx(
            r"\s+(?:with|between|off with|early|for the (?:day|night)|on a (?:high|good|positive)|well|gently|"
            r"with dignity|a good death)\b|" + DIE_PLACE
        ),
        negatable=False,
        sources=WARNING_SIGN_SOURCES,
        review=PENDING,
        fires_on=(
            "grandma keeps begging me to bring her all her pills so she can end it, i don't know what to do",
            "he keeps asking where his tablets are so he can finally end things",
            "dad asked me to get him his shotgun from the loft so he could just die",
            "she wants her insulin pens back so she can not wake up",
        ),
        does_not_fire_on=(
            "can you bring her pills up so she can take them with breakfast",
            "she moved back in with her mum so she can end it with him properly",
            "we're bringing her home from the ward so she can die at home with us",
            "we moved her bed downstairs so she can die in her own room with the garden view, is that normal",
            "i set the alarm early so i can end the day with a walk",
        ),
    ),
    Rule(
        id="crisis.plan.resolve_to_act",
        category="plan_or_intent",
        rationale=(
            'Talk of finding the nerve to act, or of what alone is holding her back: "time I '
            'stopped being a coward and just did it", "if I had a gun I\'d have done it by now", '
            '"if I had the means I would do it", "the only reason I haven\'t done it yet is the '
            'dog". "Do it" is vague, so the rule needs one of these frames (988 Lifeline and '
            "NIMH: talking about killing oneself, a plan or the means). Not finding the courage "
            "to do something else (ring the doctor, shave her head, ask for a second opinion)."
        ),
        pattern=rx(
            r"\b(?:stop|stopped|stopping|quit|quitting)\s+being\s+(?:such\s+|a\s+|so\s+)*(?:coward|cowardly|chicken|scared|"
            r"gutless|spineless|weak|pathetic|a wimp)\b(?=.{0,60}\b(?:(?:just\s+)?(?:do|did|doing|done)\s+it|go(?:es|ing)? "
            r"through with it|went through with it|end it|end things|finish it|get it over with)\b)|"
            r"\b(?:the|enough)\s+(?:guts|courage|nerve|balls|bottle|backbone)\s+(?:to\s+)?(?:just\s+|finally\s+|actually\s+)?"
            r"(?:do it|go through with it|end it|end things|finish it|get it over with)\b|"
            r"\bif (?:i|she|he) (?:had|could get|could find|owned|got hold of|had had|could get hold of|knew where to get)\s+"
            r"(?:the|a|an|some|enough|any|my own|her own|his own)\s+(?:\w+\s+){0,2}?(?:means|gun|shotgun|pistol|rifle|firearm|"
            r"rope|courage|guts|nerve|balls|"
            + DRUG
            + r")\b(?:[\s,]+\w+){0,4}?[\s,]+(?:i would|id|i|she would|she|he would|he)"
            r"\s+(?:would\s+)?(?:have\s+)?(?:do|done|did|end|ended) (?:it|this|things|it all)\b|"
            r"\b(?:if|were it not for|was it not for|but for)\b(?:\s+\S+){0,8}?\s+(?:i would|id|i|she would|she|he would|he)\s+"
            r"(?:would\s+)?have\s+(?:ended it|ended this|ended things|ended it all|ended my life|gone through with it|"
            r"killed myself)\s+(?:already|by now|long ago|ages ago|years ago|a long time ago)\b|"
            r"\b(?:if (?:i|she|he) (?:was not|were not|did not have|had not got|had no) (?:a |the |my |her |his )?(?:mum|mom|"
            r"mother|dad|father|parent|nan|gran|kids|children|dog|cat|pets?|husband|wife|partner|family|grandchildren|faith)|"
            r"(?:if|were|was) it (?:was not|were not|is not|not) for|if not for|but for)\b(?:\s+\S+){0,8}?\s+(?:i would|id|i|"
            r"she would|she|he would|he)\s+(?:would\s+)?have\s+done it\b|"
            r"\bonly (?:reason|thing|one|ones|people|person)\b(?:\s+\w+){0,5}?\s+(?:not|never|stopping me|stops me|keeping me|"
            r"keeps me|holding me back|holds me back)\s+(?:\w+\s+){0,2}?(?:done it|doing it|do it|gone through with it|"
            r"going through with it|ended it|ending it|ended things|killed myself|killing myself)\b"
        ),
        sentence=rx(
            r"\b(?:tell|told|telling|ask|asked|asking|call|ring|phone|book|booked|appointment|oncologist|doctor|gp|"
            r"nurse|second opinion|scan|test|tests|blood|biopsy|chemo|treatment|surgery|operation|shave|shaved|"
            r"haircut|hair|wig|skydive|bungee|swim|dance|sing|speech|presentation|interview|exam|divorce|resign|"
            r"diet|marathon|drive|driving|photo|photos|dating|speak|talk|confront|complain|apply|injection|"
            r"injections|needle|needles|port|picc|mirror|shopping|shop|gym|booking|mammogram|screening|smear|"
            r"dentist|i mean(?! it)|moved|move|moving|retire\w*|travel\w*|quit|quitting)\b"
        ),
        unless=rx(
            r"\b(?:die|dying|dead|kill|end my life|pills|tablets|rope|gun|overdose|suicid\w*|gone|not be here)\b"
        ),
        negatable=False,
        sources=WARNING_SIGN_SOURCES,
        review=PENDING,
        fires_on=(
            "maybe its time i stopped being a coward and just did it",
            "honestly if i had the means i'd do it",
            "honestly if i had a gun id have done it by now",
            "the only reason i havent done it yet is the dog",
            "if i wasnt a mum i'd have ended this already",
        ),
        does_not_fire_on=(
            "i need to stop being a coward and just ring the oncologist about the lump",
            "finally found the courage to do it, i shaved my head before the hair fell out",
            "if i had a car i'd have done it by now, the big shop i mean",
            "i'm not a coward, i just don't want more chemo",
            "the only reason i haven't done it yet is i'm scared of needles, the blood test i mean",
            "stop being a coward and just do it, my friend said about booking the mammogram",
            "if it wasn't for the kids i'd have done it already, moved to the coast i mean",
        ),
    ),
)
