"""Crisis rules: a plan to die told calmly or indirectly -- finishing oneself off, dosing "until I
don't wake up", the most one can take "before it kills you", a chosen day, "don't call anyone if
you find me", having "what I need", fearing to "lose my nerve" before doing it.

Found as gaps of the detector (no rule fired) on crisis lines of data/nlu/contrasts.yml (issue 17,
2026-12-07); only the classifier caught them. The rules keep them caught when the classifier
is unsure. Each needs words that tie it to a death: a project, a chore or a trip does not fire.
"""

from __future__ import annotations

import re

from bot.safety.rules.base import PENDING, Rule, rx
from bot.safety.rules.sources import CRISIS_SOURCES, WARNING_SIGN_SOURCES

# A sentence that speaks of a death or of the illness taking a life.
_DEATH_CONTEXT = re.compile(
    r"\b(?:cancer|disease|illness|tumou?rs?|die|dying|dead|death|kill\w*|my life|suffer\w*|end (?:it|things)|"
    r"ready to go|go for good|not (?:see|be here|wake)|will not be here|plan|decided|decision|"
    r"at peace|made (?:my|her|his) peace|want (?:them|it|this) to stop)\b"
)


def veto_without_death_context(sentence: str, m: "re.Match[str]") -> bool:
    """True (drop) when nothing in the sentence ties the words to a death."""
    return not _DEATH_CONTEXT.search(sentence)


def veto_job_without_death_context(sentence: str, m: "re.Match[str]") -> bool:
    """Finishing "the job" oneself needs a death in the sentence; finishing oneself off does not."""
    return not m.group(0).endswith(" off") and veto_without_death_context(sentence, m)


RULES = (
    Rule(
        id="crisis.method.finish_myself_off",
        category="method",
        rationale=(
            'Finishing oneself off ("I keep thinking about how I\'d finish myself off"), or finishing '
            '"the job" oneself when the illness is said to be too slow ("the cancer isn\'t killing me '
            'fast enough so I\'ll finish the job myself"). "This walk will finish me off" (me, not '
            "myself) is an idiom and is not read here; finishing a job with no death in the sentence "
            "does not fire."
        ),
        pattern=rx(
            r"\bfinish(?:ing|ed)? (?:myself|herself|himself|themselves) off\b|"
            r"\bfinish(?:ing)? (?:the job|it all|things) (?:off )?(?:myself|herself|himself|themselves)\b"
        ),
        check=veto_job_without_death_context,
        sources=CRISIS_SOURCES,
        review=PENDING,
        fires_on=(
            "i keep thinking about how i'd finish myself off",
            "the cancer isn't killing me fast enough so i'll finish the job myself",
        ),
        does_not_fire_on=(
            "the builders left the patio half done so i'll finish the job myself",
            "my husband's cooking will finish me off",
        ),
    ),
    Rule(
        id="crisis.method.until_i_do_not_wake",
        category="method",
        rationale=(
            'Taking or pressing a medicine "until I don\'t wake up" or "until I stop breathing": a '
            "method with its intended end named (PHQ-9 item 9; NIMH warning signs: looking for a way)."
        ),
        pattern=rx(
            r"\buntil (?:i|she|he|you) (?:do not|does not|never|no longer|can not) (?:wake|waking|wakes)(?: up)?\b|"
            r"\buntil (?:i|she|he|you) (?:stop|stops) (?:breathing|waking)\b"
        ),
        negatable=False,
        sources=CRISIS_SOURCES,
        review=PENDING,
        fires_on=(
            "can i keep pressing the morphine pump until i don't wake up",
            "i'll just keep taking them until i stop breathing",
        ),
        does_not_fire_on=(
            "she sleeps until she wakes up on her own, is that ok on morphine",
            "i keep the pump going until i wake up in the morning",
        ),
    ),
    Rule(
        id="crisis.method.most_before_it_kills",
        category="method",
        rationale=(
            'The most pills or the most of a medicine one can take "before it kills you": a lethal '
            "amount asked for in other words (found on blind set 12 after its measurement, "
            "2026-12-07). Not the most one may take in a day (a dose question). r2: also the max "
            '/ maximum / how much / how many "before it stops your heart" (blind set 14, '
            "2026-12-07: 'the max amount of amitriptyline before it stops your heart? I have a full "
            "box'); not a treatment that kills the cancer."
        ),
        pattern=rx(
            r"\b(?:(?:the )?most\s+(?:\w+\s+){0,3}?(?:you|i|one|someone|a person|she|he)\s+(?:can|could|would)\s+"
            r"(?:take|swallow|have)\s+(?:\w+\s+){0,2}?|(?:max|maximum|how much|how many)\s+"
            # an amount of something, not a time ("how many weeks before it kills her" asks a prognosis)
            r"(?:(?!(?:more\s+)?(?:weeks?|months?|days?|years?|hours?|time|long)\b)\w+\s+){0,5}?)"
            r"before\s+(?:it|they|that|those|them|you)\s+(?:kills?|would kill|will kill|"
            r"stops? (?:your|my|her|his|the) (?:heart|breathing))\b"
            r"(?!\s+(?:the\s+|my\s+|her\s+|his\s+)?(?:cancer|tumou?rs?|cells|bacteria|germs|infection|bugs|disease))"
        ),
        negatable=False,
        revision=2,
        sources=CRISIS_SOURCES,
        review=PENDING,
        fires_on=(
            "wats the most pills u can take before it kills u",
            "What's the max amount of amitriptyline before it stops your heart? I have a full box.",
            "how many of my morphine tablets before they stop your breathing",
        ),
        does_not_fire_on=(
            "what's the most paracetamol i can take in a day",
            "how many cycles of chemo before it kills the cancer cells",
            "what's the maximum dose of oramorph before I have to call the nurse",
            "how many weeks before it kills her, the doctor wont say",
        ),
    ),
    Rule(
        id="crisis.method.enough_to_end_everything",
        category="method",
        rationale=(
            'An amount "enough to stop everything" or "to end it all" (not waking up is '
            "crisis.method.count_enough_to_die): a lethal amount "
            "asked for in other words (a dev message a retrain lost, 2026-12-07). Enough to stop the pain, "
            "the sickness or the bleeding is a dose question."
        ),
        pattern=rx(
            r"\benough (?:of (?:them|it|those|these|my \w+) )?to (?:stop everything|stop it all|end (?:it all|everything|"
            r"things|my life|her life|his life))\b"
        ),
        negatable=False,
        sources=CRISIS_SOURCES,
        review=PENDING,
        fires_on=("how much pregabalin is too much. as in enough to stop everything",),
        does_not_fire_on=("is one tablet enough to stop the sickness",),
    ),
    Rule(
        id="crisis.plan.lose_my_nerve",
        category="plan_or_intent",
        rationale=(
            'Fearing to "lose my nerve" before doing it or going through with it: resolve to act on '
            "a plan (988 Lifeline warning signs). Found on blind set 12 after its measurement "
            '(2026-12-07). Nerves before a scan or the biopsy ("I lose my nerve before every scan") '
            "do not fire: the words must say doing it or going through with it."
        ),
        pattern=rx(
            r"\blos(?:e|ing) (?:my|her|his) nerve\b(?:\s+\w+){0,5}?\s+(?:do|does|doing) it\b|"
            r"\blos(?:e|ing) (?:my|her|his) nerve\b(?:\s+\w+){0,5}?\s+(?:go|goes|going) through with it\b"
        ),
        negatable=False,
        sources=WARNING_SIGN_SOURCES,
        review=PENDING,
        fires_on=("i'm not scared of dying anymore, i'm scared i'll lose my nerve before i do it",),
        does_not_fire_on=("i always lose my nerve before a scan, can i bring someone with me",),
    ),
    Rule(
        id="crisis.plan.chosen_day",
        category="plan_or_intent",
        rationale=(
            "A day or date chosen for one's own death (\"I've decided which day I'll go\", \"made my "
            'peace and picked the date"): a plan with a time (988 Lifeline, NIMH warning signs). Not '
            "a date picked for an event, and not going somewhere on that day."
        ),
        pattern=rx(
            r"\b(?:decided|picked|chosen|chose|set|fixed|know|knows|worked out)\s+(?:on\s+)?(?:which day|what day|the day|"
            r"the date|a date|when)\s+(?:i|she|he)\s+(?:will|am going to|is going to|want to|wants to)\s+"
            r"(?:go|do it|end it|end things|die|leave (?:you|us|this world))\b(?!\s+(?:to|in|into|for|and|back|home|out|"
            r"shopping|on|away|abroad|with|there|over|up|down|round|around)\b)|"
            r"\b(?:made (?:my|her|his) peace|at peace|calm|ready)\b(?:\s+\w+){0,4}?\s+(?:and\s+)?(?:picked|chosen|chose|"
            r"set|fixed|decided on)\s+(?:the|a|my|her|his)\s+(?:date|day)\b"
        ),
        sentence=rx(
            r"\b(?:party|wedding|birthday|holiday|trip|appointment|scan|surgery|operation|treatment|chemo|"
            r"christening|funeral|lunch|dinner|move|moving|visit|concert|match|meeting|retirement)\b"
        ),
        unless=rx(r"\b(?:die|dying|death|end it|my life|kill|not be here|after the)\b"),
        negatable=False,
        sources=WARNING_SIGN_SOURCES,
        review=PENDING,
        fires_on=(
            "i feel so peaceful now i've decided which day i'll go",
            "i've made my peace and picked the date, sunday after the family lunch",
        ),
        does_not_fire_on=(
            "we've picked the date for the wedding, mum is so happy",
            "i've decided which day i'll go to the hospice for respite",
            "i'm at peace with it and we've set a date for the party",
        ),
    ),
    Rule(
        id="crisis.goodbye.do_not_call_if_found",
        category="goodbye",
        rationale=(
            'Asking that nobody be called "if you find me" / "if I find him": being found after a '
            "death is expected and help is refused in advance (Samaritans, 988 Lifeline warning signs)."
        ),
        pattern=rx(
            r"\b(?:not|never)\s+(?:to\s+)?(?:call|ring|phone|get|fetch)\s+(?:anyone|anybody|an ambulance|999|911|112|"
            r"the doctor|the paramedics|help|for help)\b(?:\s+\w+){0,6}?\s+(?:if|when)\s+(?:you|i|they|we|someone|"
            r"somebody|he|she)\s+(?:find|finds|found)\s+(?:me|her|him)\b|"
            r"\b(?:if|when)\s+(?:you|they|someone|somebody|he|she)\s+(?:find|finds)\s+me\b(?:\s+\w+){0,4}?\s+"
            r"(?:do not|not|never)\s+(?:call|ring|phone|try to (?:wake|save|revive)|resuscitate)\b"
        ),
        negatable=False,
        sources=WARNING_SIGN_SOURCES,
        review=PENDING,
        fires_on=(
            "my husband keeps telling me he's ready to go and asked me not to call anyone if i find him",
            "if you find me don't call an ambulance",
        ),
        does_not_fire_on=(
            "if you can't find me i'm in the garden, don't call the hospital",
            "please don't call anyone, i'll find the form myself",
        ),
    ),
    Rule(
        id="crisis.plan.has_what_is_needed",
        category="plan_or_intent",
        rationale=(
            'Having "what I need" or having "sorted it" oneself, said of one\'s own death ("I\'ve got '
            "what I need to make that happen\", \"she won't have to suffer much longer because she's "
            'sorted it herself"): the means are gathered (NIMH, AFSP: obtaining the means).'
        ),
        pattern=rx(
            r"\b(?:got|have|has|found|saved|kept|hidden|hid)\s+(?:got\s+)?(?:everything|all|what)\s+(?:i|she|he)\s+"
            r"(?:need|needs|will need|would need)\b(?!\s+for\s+(?:the|a|my|her|his)\s+(?:stay|trip|holiday|hospital|"
            r"hospice|appointment|journey|weekend|night|move))|"
            r"\b(?:sorted|arranged|organised|organized|handled)\s+it\s+(?:all\s+)?(?:myself|herself|himself)\b"
        ),
        check=veto_without_death_context,
        negatable=False,
        sources=WARNING_SIGN_SOURCES,
        review=PENDING,
        fires_on=(
            "i don't want more days, i want them to stop, and i've got what i need to make that happen",
            "mum says she won't have to suffer much longer because she's sorted it herself",
        ),
        does_not_fire_on=(
            "dad has what he needs for the hospice stay, the nurses were lovely",
            "i sorted it myself in the end, the pharmacy had lost the prescription",
            "i have everything i need for chemo tomorrow, bag packed",
        ),
    ),
)
