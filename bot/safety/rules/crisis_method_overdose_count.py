"""Crisis rules: Method: a count of tablets asked about as "enough" -- an overdose question without the word."""

from __future__ import annotations

import re

from bot.safety.rules.base import PENDING, Rule, rx
from bot.safety.rules.sources import CRISIS_SOURCES
from bot.safety.rules.words import DRUG

# DRUG without the words that are not a tablet count ("10 doses", "10 units of insulin", "the lot")
# plus plurals and the usual misspellings.
OD_MED = (
    r"(?:(?!(?:doses?|insulin|the lot|liquid morphine)\b)" + DRUG + r"|tabs|tablts|tabets|tablest|tabelts|pils|pilss|"
    r"sleepers|sleeping tabs|sleep(?:ing)? aids?|nytol|paracetemol|paracetomol|parecetamol|parcetamol|paracetamole|"
    r"zoplicone|zopiclon|zopiclones|temazapam|temazepan|diazapam|diazepan|oxycodon|oxicodone|oxycodones|oxys|morphene|"
    r"morfine|zomorph|mst|codiene|dihydrocodeine|buprenorphine|clonazepam|nitrazepam|promethazine|phenergan|"
    r"nortriptyline|escitalopram|venlafaxine|duloxetine|trazodone|nurofen)s?"
)


# generic words: they count only if no non-overdose medicine is named in the sentence
OD_GENERIC = rx(
    r"^(?:pills?|tablets?|tabs|tablts|tabets|tablest|tabelts|pils|pilss|capsules?|meds|medications?|"
    r"medicines?|drugs|patch(?:es)?)$"
)


# medicines taken many at a time, or not an overdose risk: "are 8 capecitabine enough" is a dose question
NOT_OD_MED = rx(
    r"\b(?:letrozole|anastrozole|exemestane|tamoxifen|capecitabine|xeloda|palbociclib|ribociclib|abemaciclib|"
    r"chemo\w*|dexamethasone|dex|steroids?|prednisolone|creon|pancreatin|enzymes?|vitamins?|multivitamins?|"
    r"calcium|adcal|iron|folic|supplements?|probiotics?|laxatives?|senna|movicol|laxido|lactulose|docusate|"
    r"antibiotics?|amoxicillin|omeprazole|lansoprazole|gaviscon|rennies?|antacids?|ondansetron|metoclopramide|"
    r"domperidone|cyclizine|anti ?sickness|antisickness|mints?|sweets|lozenges|vit d)\b"
)


OD_NUMBER_WORD = (
    r"(?:eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"(?:twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety)(?:\s+(?:one|two|three|four|five|six|seven|eight|nine))?|"
    r"(?:a\s+|one\s+|two\s+|three\s+|a few\s+|a couple of\s+|several\s+)?(?:hundred|dozen)s?)"
)


OD_SMALL_WORD = r"(?:one|two|three|four|five|six|seven|a couple|a couple of|a few|a pair of)"


# a number followed by a unit is an amount, a time or money, not a tablet count
OD_NOT_COUNT = (
    r"(?!\s*(?:mg|mgs|milligrams?|mcg|micrograms?|ug|g|gs|grams?|gms?|ml|mls|millilitres?|milliliters?|units?|iu|"
    r"percent|per cent|minutes?|mins?|seconds?|secs?|hours?|hrs?|hr|days?|weeks?|wks?|months?|years?|yrs?|nights?|"
    r"mornings?|times|x|am|pm|o clock|pounds|quid|dollars|pence|p|kg|kgs|kilos?|lbs?|stone|miles|km|kms|metres?|"
    r"meters?|feet|ft|cm|mm|people|of us|of you|sessions?|cycles?|rounds?|meals?|cups?|glasses|litres?|liters?)\b)"
)


OD_DIGITS = r"(?<![\d.,])(?:[89]|[1-9]\d{1,3})(?:ish)?\b(?![.,]\d)"


OD_CONTAINER = (
    r"(?:boxes|box|packs|pack|packets|packet|bottles|bottle|tubs|tub|jars|jar|strips|strip|blister packs?|blisters|"
    r"cartons?|sheets?|tubes?)"
)


# a count too large for one dose
OD_BIG = (
    r"(?:" + OD_DIGITS + OD_NOT_COUNT + r"|\b" + OD_NUMBER_WORD + r"\b" + OD_NOT_COUNT + r"|"
    r"\b(?:a\s+)?(?:handful|fistful|load|bunch|pile|stack)\b|\b(?:loads|lots|a lot|heaps|this many|that many|"
    r"every (?:single )?one|the lot)\b|\ball(?:\s+of)?(?=\s+(?:my|her|his|their|your|the|them|these|those|\d|"
    + OD_NUMBER_WORD
    + r")\b)|"
    r"\b(?:the|a|an|my|her|his|their)\s+(?:whole|entire|full)\s+(?:\w+\s+)?(?:"
    + OD_CONTAINER
    + r"|supply|prescription|"
    r"stash|lot)\b|"
    r"\b(?:a|one|two|three|four|five|several|a few|a couple of|both|\d+)\s+(?:\w+\s+)?" + OD_CONTAINER + r"\b)"
)


# any count, or "these / those", for the explicit-purpose form
OD_ANY = (
    r"(?:(?<![\d.,])\d{1,4}\b(?![.,]\d)"
    + OD_NOT_COUNT
    + r"|\b"
    + OD_SMALL_WORD
    + r"\b"
    + OD_NOT_COUNT
    + r"|"
    + OD_BIG
    + r"|\b(?:these|those|them|they|it all|all of it)\b)"
)


# "20 temazepam", "30 of my oxycodone", "40 of her morphine tablets", "twenty of them", "the whole box"
OD_WHAT = (
    r"(?:\s+of)?(?:\s+(?:my|her|his|their|your|the|these|those|them|our))?(?:\s+(?:\w+'s|mum is|mom is|dad is))?"  # "dad's" -> "dad is"
    r"(?:(?:\s+(?!(?:enough|be|is|are|was|were|would|will|could|might|should|do|does|did|to|for|or|and|but|so|if|"
    r"that|which|i|she|he|it|not)\b)[\w']+){0,2}?\s+"
    + OD_MED
    + r"\b(?:\s+(?:tablets?|pills?|capsules?|tabs|patch(?:es)?))?)?"
)


# "would be", "do you think that would", "at once", "with a bottle of wine" ...
OD_LINK = (
    r"(?:[\s,]+(?:left|here|now|saved|saved up|stashed|hidden|would|will|could|might|should|do|does|you|think|i|reckon|"
    r"that|those|these|they|it|still|really|"
    r"actually|definitely|even|be|is|are|just|probably|honestly|surely|alone|altogether|together|all|at once|"
    r"in one go|on (?:their|its) own|by themselves|in total|all at once|taken together|with (?:\w+\s+){0,3}?(?:vodka|"
    r"wine|alcohol|drink|drinks|booze|whisky|whiskey|gin|rum|beer|cider)|on top)){0,5}"
)


OD_ENOUGH = r"(?:enough|enuff|enuf|enugh|enogh|enought|enouf|enouhg|enoguh|nuff|sufficient|suffice|plenty)"


OD_ENOUGH_AS = (
    r"(?:" + OD_ENOUGH + r"|do it|do the job|do the trick|be it|finish (?:me|her|him|it|the job)(?: off)?|"
    r"knock (?:me|her|him) out for good|put (?:me|her|him) (?:to sleep|under) for good)"
)


# the purpose that makes any count a crisis
OD_PURPOSE = (
    r"(?:(?:not|never)\s+(?:to\s+)?(?:wake|waking)(?:\s+(?:up|again|back up))?|die|dying|kill\s+(?:me|myself|her|herself|"
    r"him|himself|someone|a person|you|an adult)|end (?:it|it all|things|everything|my life|her life|his life)|do it|"
    r"finish (?:me|her|him|it)(?: off)?|stop (?:my|her|his|your|a|the) (?:heart|breathing)|stop breathing|"
    r"stop\s*$|stop (?:everything|it all)|not (?:come|wake) back|(?:go to |fall )?(?:sleep|asleep) (?:forever|for good|"
    r"permanently)|overdose|od|be fatal|be lethal|be deadly|not be here|be gone|go for good)"
)


# supply, dosing-rate and does-the-treatment-work questions: "enough to last the week", "8 a day",
# "14 left", "is all my medication enough to control the cancer"
OD_ROUTINE = rx(
    r"\b(?:a|per|each|every|in a|in one) (?:day|night|week|month|fortnight|morning|evening)\b|\b(?:daily|nightly|weekly|"
    r"twice|three times|four times|\d+ times|every \w+ hours)\b|\bleft\b|\b(?:to last|last (?:me|her|him|us|them)|lasts?|"
    r"until|till|til|to see (?:me|her|him|us) through|to get (?:me|her|him|us) (?:through|to))\b|"
    r"\bfor (?:the|a|my|her|his|this|next|our|\d+|two|three|four|five|six|seven|ten|fourteen|a few|a couple of)\s+"
    r"(?:\w+\s+)?(?:days?|nights?|weeks?|weekend|months?|fortnight|holiday|trip|journey|flight|cruise|break|"
    r"christmas|easter|bank holiday|stay|course)\b|"
    r"\b(?:holiday|trip|travel|travelling|traveling|abroad|flight|cruise|prescription|prescribed|repeat|refill|"
    r"pharmacy|pharmacist|chemist|run out|running out|ran out|dosette|pill box|pillbox|organi[sz]er|course of)\b|"
    r"\b(?:to|for)\s+(?:\w+\s+){0,2}?(?:the|my|her|his|this|that)\s+(?:\w+\s+)?(?:cancer|tumou?rs?|disease|infection|"
    r"mets|metastases|spread|side effects?|symptoms|nausea|sickness|inflammation|swelling)\b"
)


def od_count_veto(sentence: str, m: "re.Match[str]") -> bool:
    """True (drop) unless an overdose-prone medicine is what is being counted."""
    meds = [x.group(0) for x in re.finditer(r"\b" + OD_MED + r"\b", sentence)]
    if not meds:
        return True  # "is 20 minutes enough", "would 12 be enough for the party"
    if NOT_OD_MED.search(sentence) and all(OD_GENERIC.match(x) for x in meds):
        return True  # "are 8 capecitabine tablets enough"
    return False


SOURCES = CRISIS_SOURCES

RULES = (
    Rule(
        id="crisis.method.overdose_count_enough",
        category="method",
        rationale=(
            'A count of tablets too large for one dose (8 or more, "all of them", "the whole '
            'box") of a medicine people overdose on, asked about as "enough", "would that do '
            'it" or "would I need more". Not dose or supply questions, mg or minutes, small '
            "counts, or medicines taken by the handful (capecitabine, dexamethasone, Creon)."
        ),
        pattern=rx(
            r"(?:" + OD_BIG + r")" + OD_WHAT + OD_LINK + r"[\s,]+(?:be\s+)?" + OD_ENOUGH_AS + r"\b|"
            r"\b(?:is|would|will|was)\s+(?:it|that)\s+(?:be\s+)?"
            + OD_ENOUGH
            + r"\s+(?:if\s+(?:i|she|he|you|someone)\s+)?"
            r"(?:to\s+|just\s+)?(?:take|took|taking|swallow|swallowed|have|had|down|downed|neck|necked)\s+(?:\w+\s+)?"
            r"(?:" + OD_BIG + r")" + OD_WHAT + r"|"
            r"\b(?:would|will|do|does|did|might|could)\s+(?:i|she|he|you|someone|one|a person)\s+(?:\w+\s+)?need\s+"
            r"(?:to take\s+)?more than\s+(?:" + OD_BIG + r")" + OD_WHAT + r"|"
            r"\bhow many\s+(?:\w+\s+){0,3}?" + OD_MED + r"\s+(?:\w+\s+){0,2}?(?:would|will|might|could)\s+(?:it\s+)?"
            r"(?:be|take to be)\s+"
            + OD_ENOUGH
            + r"\b(?=\s*(?:$|,|or\b|(?:to|for)\s+(?:do it|not wake|never wake|die|end)))"
        ),
        negatable=False,
        check=od_count_veto,
        sentence=OD_ROUTINE,
        unless=rx(r"\b" + OD_ENOUGH + r"\s+to\s+" + OD_PURPOSE + r"|\bnot wake|\bnever wake"),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "could 45 oxy do it",
            "is 20 temazepam enough or would i need more",
            "my mum asked me if 30 of her sleeping tablets would be enough and i don't know what she means by enough",
        ),
        does_not_fire_on=(
            "are 20 vitamin d tablets enough",
            "I have 14 zopiclone left, is that enough until my next prescription",
        ),
    ),
    Rule(
        id="crisis.method.count_enough_to_die",
        category="method",
        rationale='Any count, even "these", asked about as enough to not wake up, die or do it.',
        pattern=rx(
            r"(?:"
            + OD_ANY
            + r")"
            + OD_WHAT
            + OD_LINK
            + r"[\s,]+(?:be\s+)?"
            + OD_ENOUGH
            + r"\s+(?:for (?:me|her|him) )?to\s+"
            r"(?:just\s+)?" + OD_PURPOSE + r"\b"
        ),
        negatable=False,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "would these be enough to never wake up",
            "would 5 temazepam be enough to not wake up",
        ),
        does_not_fire_on=(
            "are these enough to last the week",
            "would these be enough to help with the nausea",
        ),
    ),
    Rule(
        id="crisis.method.can_it_kill_with_access",
        category="method",
        rationale=(
            'Whether a medicine the writer does not need "can kill you", with that medicine at hand ("Can insulin you '
            "don't need kill you? I still have my late husband's pens in the fridge\", blind set 23, read after its "
            "measurement): a lethal-means question next to access. Added 2026-12-07 (session 17), pending review. "
            'Without a word of access in the message ("can paracetamol kill you if you take too much" asked as a '
            "safety question) the classifier and the semantic reader decide."
        ),
        pattern=rx(
            r"\b(?:can|could|would|will|does|do|is)\s+(?:\w+\s+){0,6}?"
            + DRUG
            + r"\b(?:\s+\w+){0,6}?\s+(?:kill|be fatal to|be "
            r"enough to kill)\s+(?:you|me|a person|someone|somebody|people|anyone)\b"
        ),
        negatable=False,
        message_needs=rx(
            r"\b(?:do not need|does not need|not prescribed|someone else s|late (?:husband|wife|partner|mum|mom|dad|father|mother|son|"
            r"daughter) s|(?:husband|wife|partner|mum|mom|dad)s? old|left ?over|leftover|spare|still have|still got|kept|keeping|"
            r"saved|stashed|hidden|in the (?:fridge|drawer|cupboard|cabinet|garage|shed))\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=("Can insulin you don't need kill you? I still have my late husband's pens in the fridge.",),
        does_not_fire_on=("can paracetamol kill you if you take it with alcohol? asking for my dad's care plan",),
    ),
    Rule(
        id="crisis.method.swallow_everything",
        category="method",
        rationale=(
            "Swallowing everything in the medicine cupboard, drawer or box (2026-12-08, pending review, blind set "
            '25: "if I stopped all treatment and swallowed everything in the medicine cupboard, would it be '
            'quick?"): an overdose of the whole supply pictured. "Taking" the lot counts only with a word of '
            "dying or speed beside it: people are told to take every medicine in the cupboard to the pharmacist."
            " Not a toddler or a pet that got into the cupboard (poisoning: urgent care, not this rule)."
        ),
        pattern=rx(
            r"\b(?:swallow|swallowed|swallowing|down|downed|downing|neck|necked|necking|gulp|gulped|scoff|scoffed)\s+"
            r"(?:everything|the lot|all of (?:it|them)|all the (?:pills|tablets|meds|medicines)|every (?:pill|tablet))\s+"
            r"(?:in|from|out of)\s+(?:the|my|our|her|his)\s+(?:\w+\s+)?(?:cupboard|cabinet|drawer|box|bag|tin|shelf|"
            r"dosette|blister packs?)\b|"
            r"\b(?:take|took|taking|takes)\s+(?:everything|the lot|all of (?:it|them)|every (?:pill|tablet))\s+"
            r"(?:in|from|out of)\s+(?:the|my|our|her|his)\s+(?:\w+\s+)?(?:cupboard|cabinet|drawer|box|tin|dosette)\b"
            r"(?=.*\b(?:quick|quickly|painless|peaceful|die|dying|dead|kill|end it|not wake|never wake|be enough|at once|"
            r"in one go|all at once|would it work)\b)"
        ),
        negatable=False,
        sentence=rx(r"\b(?:toddler|baby|child|kid|grandson|granddaughter|grandchild|dog|cat|puppy|accident\w*)\b"),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "what if i just swallowed everything in the bathroom cabinet",
            "what if i just downed the lot from my dosette box",
        ),
        does_not_fire_on=(
            "the pharmacist said to take everything in the medicine cupboard to my review",
            "my toddler swallowed the lot from the medicine drawer, what do i do",
        ),
    ),
)
