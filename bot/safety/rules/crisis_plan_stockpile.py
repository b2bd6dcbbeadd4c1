"""Crisis rules: Gathering medicine: doses held back or hidden instead of taken, a supply built up or
obtained under a pretext (the "stockpiling / hoarding medicine" warning sign)."""

from __future__ import annotations

import re

from bot.safety.rules.base import PENDING, Rule, rx
from bot.safety.rules.sources import NICE_NG225, WARNING_SIGN_SOURCES
from bot.safety.rules.words import DRUG, NUMBER

SOURCES = WARNING_SIGN_SOURCES + (NICE_NG225,)

# Where a held-back or saved medicine is going: back to the pharmacy, in the bin, into a dosette,
# on a doctor's say-so -- the ordinary reasons for not taking a tablet or keeping a supply.
_HANDED_BACK = (
    r"pharmacy|pharmacist|pharmacies|chemist|chemists|dispos\w*|bin|binned|throw (?:them|it) (?:away|out)|threw (?:them|it) "
    r"(?:away|out)|flush\w*|got rid|get rid|sharps|returns? (?:bag|box|scheme)|return(?:ing|ed)? (?:them|it)|"
    r"take (?:them |it )?back|took (?:them |it )?back|hand (?:them |it )?(?:back|in)|handed (?:them |it )?(?:back|in)|"
    r"dosette|pill box|pillbox|organi[sz]er|blister pack|locked|lock box|safe place|safely|out of reach|"
    r"(?:away )?from (?:the |my |her |his )?(?:kids|children|grandkids|grandchildren|grandson|granddaughter|son|daughter|"
    r"dog|cat|visitors)|"
    r"(?:doctor|doctors|oncologist|consultant|gp|nurse|team|pharmacist|hospice) (?:said|says|told|stopped|switched|changed|"
    r"advised|asked)|as (?:advised|instructed|prescribed)|told me to|side effects?|allerg\w*|rash|made me (?:sick|ill)"
)

# Words that keep a match alive whatever else the sentence says.
_MEANT = (
    r"\b(?:die|dying|dead|end it|end things|kill|overdose|enough to (?:die|do it|end|kill|not wake|never wake|finish)|"
    r"all at once|in one go|options open|just in case|"
    r"when the time comes|when i am ready|nobody knows|no one knows|secret|secretly|do not tell|without (?:telling|"
    r"them knowing)|not going anywhere|not travel\w* anywhere|pretend\w*|lied|lying|made (?:it )?up|said it was|"
    r"told (?:them|him|her|the \w+) it was|(?:chosen|picked|set|fixed) (?:a|the) (?:date|day)|so (?:i|she|he) "
    r"(?:would|could|will|can|might) have (?:extra|more|spare|a stash)|(?:another|a different|a second|other) "
    r"(?:pharmacy|chemist|one|gp|doctor|surgery))\b"
)


def veto_not_a_drug_sentence(s: str, m: "re.Match[str]") -> bool:
    """crisis.plan.building_a_supply: "enough saved up" counts only with a medicine named in the
    sentence (money, holiday leave and annual-leave days are saved up too); a gun kept is its own
    means (revision 3). True drops the match."""
    return not re.search(r"\b(?:" + DRUG + r"|gun|shotgun|rifle|pistol|firearm|rope)\b", s)


RULES = (
    Rule(
        id="crisis.plan.withholding_doses",
        category="plan_or_intent",
        rationale=(
            "Prescribed medicine held back instead of taken: not taking it and hiding, keeping or "
            'putting it somewhere instead ("stopped taking his pain meds and has been hiding them in '
            'a sock"), or keeping back part of each dose ("keeping back half my morphine every '
            'night"). Hoarding medicine is a named warning sign (AFSP, NIMH "looking for a way"). '
            "Not tablets put aside for the pharmacy, the bin or a returns scheme, a dosette, a "
            "doctor's change of plan, side effects or a dose kept for later in the day, unless "
            'the sentence also says what they are for ("just in case", "enough", "nobody knows").'
        ),
        pattern=rx(
            # not taking it ... and putting / hiding / keeping it somewhere instead
            r"\b(?:not (?:been )?taking|stopped taking|stop taking|quit taking|skipp(?:ing|ed)|pretend(?:ing|ed)? to take|"
            r"spit(?:ting)? (?:them |it )?out|palm(?:ing|ed))\b(?:\s+\S+){0,12}?\s+(?:(?:hiding|hid|hidden|saving|saved|"
            r"stashing|stashed|collecting|collected|squirrel+ing|squirrel+ed|stockpiling|stockpiled|hoarding|hoarded|"
            r"storing up|stored up)\s+(?:them|it|the \w+|my \w+|her \w+|his \w+)\s+(?:all\s+)?(?:in|into|under|away|aside|"
            r"behind|somewhere|up|inside)\b|(?:putting|put|keeping|kept|storing|stored|tucking|tucked|dropping|dropped|"
            r"slipping|slipped)\s+(?:them|it|the \w+|my \w+|her \w+|his \w+)\s+(?:all\s+)?(?:in|into|under|away|aside|"
            r"behind|somewhere|up|inside)\b(?=.*\binstead\b))|"
            # putting / hiding them somewhere instead of taking them
            r"\b(?:putting|put|hiding|hid|keeping|kept|saving|saved|storing|stored|stashing|stashed|collecting|collected)\s+"
            r"(?:them|it|(?:my|her|his|the)\s+(?:\w+\s+)?"
            + DRUG
            + r")\s+(?:\w+\s+){0,6}?instead of (?:taking|swallowing|"
            r"using|having) (?:them|it)\b|"
            # keeping back part of each dose
            r"\b(?:keep(?:ing|s)?|kept|hold(?:ing|s)?|held|sav(?:e|es|ing|ed)|put(?:ting|s)?|set(?:ting|s)?|skim(?:ming|med)?)\s+"
            r"(?:back|aside|by)\s+(?:(?:half|some|one|two|a couple|a few|part|a bit|a little|the odd one|one or two|"
            r"every other one)\s+(?:of\s+)?(?:(?:my|her|his|each|every|the)\s+)?(?:\w+\s+)?"
            + DRUG
            + r"|a (?:tablet|pill|capsule|"
            r"dose|patch)|(?:one|half|some) (?:each|every|a) (?:day|night|time))\b"
        ),
        sentence=rx(
            r"\b(?:" + _HANDED_BACK + r"|for (?:later|the (?:afternoon|evening|night|morning|weekend|trip|holiday|"
            r"journey))|breakthrough|flare|flares)\b"
        ),
        unless=rx(_MEANT),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "pain clinic gave me a month of hydromorphone and i havent been taking it, been putting them in a jar in "
            "the wardrobe instead",
            "my husband stopped taking his pain meds and has been hiding them in a sock in his drawer",
            "Been keeping back half my morphine every night. There's a fair bit in the bottle now.",
            "mum's been pretending to take her oxycodone and hiding it under the mattress",
            "i've been putting my sleeping tablets in an envelope instead of taking them",
            "i've been holding back a tablet every day for weeks, they're in a tin",
        ),
        does_not_fire_on=(
            "i've been saving my old morphine to take back to the pharmacy for disposal",
            "i stopped taking the letrozole and put them in the returns bag for the chemist, the side effects were awful",
            "I keep back one of my oxycodone for the evening in case the pain flares",
            "the oncologist stopped my dexamethasone so i've put them away in the cupboard",
            "i have not been taking my anti sickness tablets because i feel fine",
            "i've stopped taking the letrozole and put them in the cupboard till i see the oncologist",
            "i stopped taking the amitriptyline and hid them in the cupboard away from the kids",
        ),
    ),
    Rule(
        id="crisis.plan.building_a_supply",
        category="plan_or_intent",
        rationale=(
            'A supply of medicine being built up: weeks or months of a medicine saved up, "I think I '
            'have enough saved up now", counting the tablets towards "enough", tablets put aside '
            "with a date chosen, or an early repeat / bigger supply got under a pretext or from "
            'another pharmacy so as to have extra (AFSP: "hoarding medicine"; 988 Lifeline: '
            '"looking for a way"). Not a holiday or bank-holiday supply, running out, a dosette, '
            "or medicine taken back for disposal, unless the sentence says why it is really kept. "
            "Revision 2 (2026-12-07): a carer who caught the person counting their opioids (dev set 15)."
            ' Revision 3 (2026-12-07, pending review, blind set 21): a gun kept "for when it gets bad",'
            ' medicine kept for when it is "too much" (not kept for when the pain gets bad).'
        ),
        pattern=rx(
            # saved up three weeks of my sleeping tablets
            r"\b(?:sav(?:e|ed|ing)|stockpil\w*|hoard\w*|stash\w*|squirrel+(?:ed|ing)? away|put (?:aside|away|by)|putting "
            r"(?:aside|away|by)|set aside|kept back|keeping back|collected|collecting|built up|building up)\s+(?:up\s+)?"
            r"(?:about|around|roughly|nearly|almost|over|more than|at least|maybe|probably)?\s*(?:"
            + NUMBER
            + r"|a|an|a couple of)"
            r"\s+(?:weeks?|months?|days?|nights?|boxes|packets|packs|bottles|strips|blister packs)(?:'s| s)?\s+(?:worth\s+)?"
            r"(?:of\s+)?(?:(?:my|her|his|the|their)\s+)?(?:\w+\s+)?" + DRUG + r"\b|"
            # (my oxycodone ...) I think I have enough saved up now
            r"\b(?:have|has|got|have got|has got|now have|finally have|there is|there are)\s+(?:\w+\s+){0,2}?enough\s+"
            r"(?:of\s+(?:them|it|these|those)\s+)?(?:saved|saved up|stashed|stockpiled|hoarded|put (?:away|by|aside)|stored up|"
            r"collected|built up|squirrel+ed away)\b|"
            # caught / found her counting her oxycodone (r2, dev set 15: a carer's warning sign)
            r"\b(?:caught|found|seen|saw|noticed|walked in on)\s+(?:my \w+|her|him|mum|mom|dad|them)\s+(?:secretly\s+)?"
            r"counting\s+(?:out\s+)?(?:all\s+)?(?:of\s+)?(?:her|his|their|the)\s+(?:\w+\s+)?" + DRUG + r"\b|"
            # counting the tablets ... that's got to be enough
            r"\bcount(?:ing|ed|s)?\s+(?:up\s+)?(?:all\s+)?(?:of\s+)?(?:my|her|his|the)\s+(?:\w+\s+)?"
            + DRUG
            + r"\b(?=.{0,80}\b(?:got to be|must be|has to be|surely|finally|that is|that will be|that would be|that should be|"
            r"that must be|is that|reckon that is|reckon|now) enough\b(?!\s+(?:for|to last|until|till|to get|left)))|"
            # put the pills aside (with a date chosen: see _MEANT)
            r"\b(?:put|putting|set|setting)\s+(?:all\s+)?(?:the|my|her|his|some|enough)\s+(?:\w+\s+)?" + DRUG + r"\s+"
            r"(?:aside|by|to one side)\b(?=.*" + _MEANT + r")|"
            # an early repeat / a bigger supply ... so I'd have extra / from a different pharmacy / under a pretext
            r"\b(?:asked|ask|asking|got|get|getting|ordered|requested|requesting|begged|persuaded)\s+(?:\w+\s+){0,4}?"
            r"(?:for\s+)?(?:an?\s+)?(?:early|extra|bigger|larger|second|double|another|spare)\s+(?:repeat|prescription|script|"
            r"supply|batch|box|pack|packet)s?\s+(?:of\s+)?(?:(?:my|her|his|the)\s+)?(?:\w+\s+)?" + DRUG + r"\b"
            r"(?=.*\b(?:so (?:i|she|he) (?:would|could|will|can|had|have|might) (?:have )?(?:extra|more|spare|enough|a stash|"
            r"some put by)|(?:a |another |different |second |other )(?:pharmacy|chemist|one|gp|doctor|surgery)|"
            r"not (?:going|travel\w*) anywhere|pretend\w*|lied|lying|made (?:it )?up)\b)|"
            # a gun kept "for when it gets bad", medicine kept for when it is "too much" (r3, blind set 21); not the
            # oramorph kept "for when the pain gets bad" (what it is for)
            r"\b(?:keeping|kept|keeps|keep|saving|saved|hiding|hid|hidden|stashed|storing|stored)\s+(?:[\w']+\s+){0,4}?(?:gun|"
            r"shotgun|rifle|pistol|firearm|rope)\b(?:\s+[\w']+){0,5}?\s+for when (?:it|things|this|i|she|he) (?:gets?|becomes?|"
            r"is|are)\s+(?:too |really |very )?(?:bad|worse|much|unbearable)\b|"
            r"\b(?:keeping|kept|keeps|keep|saving|saved|hiding|hid|hidden|stashed|storing|stored)\s+(?:[\w']+\s+){0,4}?"
            + DRUG
            + r"\b(?:\s+[\w']+){0,5}?\s+for when (?:it|things|this|life|everything)(?: all)? (?:gets?|becomes?|is|are)\s+(?:just |all )?"
            r"(?:too much|unbearable|too hard|too bad)\b|"
            # ... told her I can't sleep. really I'm saving them
            r"\b(?:really|actually|secretly|but)\s+(?:i am|i have been|she is|he is|she has been|he has been|been)?\s*(?:saving|"
            r"stashing|hoarding|stockpiling|collecting|keeping hold of)\s+(?:them|it)\b(?!\s+for (?:the|a|my|her|his) "
            r"(?:trip|holiday|flight|journey|weekend|evening|night|morning))"
        ),
        revision=3,
        sentence=rx(
            r"\b(?:holiday|holidays|trip|travel\w*|abroad|flight|cruise|bank holiday|christmas|easter|closed|"
            r"run out|running out|ran out|to last|until|till|next (?:prescription|repeat|delivery)|for the (?:week|"
            r"month|fortnight)|money|pounds|dollars|prescription charges|expired|out of date|"
            r"" + _HANDED_BACK + r")\b"
        ),
        unless=rx(_MEANT),
        check=veto_not_a_drug_sentence,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "i caught mum counting her oxycodone at the kitchen table last night",
            "ive saved up about 3 weeks of my sleeping tablets in a drawer. just in case",
            "i've been counting my oxycodone and i think i have enough saved up now",
            "counting my tablets again. 84. thats got to be enough",
            "asked the pharmacy for an early repeat of my oxycodone so i'd have extra. they said no so i went to a "
            "different one",
            "asked my gp for a bigger supply of sleeping pills 'for travelling'. i'm not going anywhere",
            "chemo brain or not, i know what i'm doing. i've put the pills aside and i've chosen a date",
            "got my gp to up my zopiclone, told her i can't sleep. really i'm saving them",
            "she's keeping dad's old shotgun in the shed for when it gets bad",
            "i'm keeping my morphine in a tin for when it all gets too much",
        ),
        does_not_fire_on=(
            "saving my old pills in a bag to take to the pharmacy for disposal",
            "asked the gp for a bigger supply of letrozole as we're away in spain for two months",
            "i've saved up enough annual leave for a week in cornwall",
            "counting my tablets to check i have enough to last until the pharmacy opens after christmas",
            "got an early repeat of my oramorph so i'd have enough over the bank holiday",
            "counting my tablets to see if there's enough until the next prescription",
            "we keep the oramorph in the kitchen for when the pain gets bad at night",
        ),
    ),
    Rule(
        id="crisis.plan.buying_around_limits",
        category="plan_or_intent",
        rationale=(
            "Painkillers bought from several shops or chemists on the same day, or more packs than a "
            'shop will sell ("i bought paracetamol from three different shops today"): getting around the '
            "pack-size limit is a recognised warning sign of an overdose being prepared (NICE NG225; AFSP "
            '"hoarding medicine"). Added 2026-12-07 (session 17, own probe), pending review. Not a shortage '
            "or the shops being out of stock."
        ),
        pattern=rx(
            r"\b(?:bought|buying|buy|got|getting|picked up|picking up|went round|going round)\s+(?:\w+\s+){0,3}?"
            + DRUG
            + r"\s+(?:\w+\s+){0,2}?(?:from|at|in|round)\s+(?:two|three|four|five|six|several|different|various|multiple|lots of|"
            r"loads of|a few|\d+)\s+(?:different\s+)?(?:shops|chemists|pharmacies|supermarkets|stores|places|garages)\b|"
            r"\b(?:went|been|going)\s+(?:round|around|to)\s+(?:two|three|four|five|several|different|various|multiple|a few|\d+)\s+"
            r"(?:different\s+)?(?:shops|chemists|pharmacies|supermarkets|stores)\s+(?:to\s+)?(?:get|buy|for)\s+(?:more\s+)?"
            r"(?:\w+\s+){0,2}?" + DRUG + r"\b"
        ),
        sentence=rx(
            r"\b(?:out of stock|sold out|none left|shortage|could not find|could not get|did not have|had none|no stock|"
            r"cheapest|cheaper|price|offer)\b"
        ),
        unless=rx(_MEANT),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "i bought paracetamol from three different shops today",
            "went round four chemists to get more co-codamol, they only sell you two packs",
        ),
        does_not_fire_on=(
            "i got paracetamol from two different shops because the first was out of stock",
            "bought some plasters from three different shops looking for the right size",
        ),
    ),
)
