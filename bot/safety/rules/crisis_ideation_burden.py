"""Crisis rules: Others better off without the writer, being a burden, choosing the time of one's death, pacts."""

from __future__ import annotations

import re

from bot.safety.rules.base import PENDING, Rule, rx
from bot.safety.rules.sources import CRISIS_SOURCES, WARNING_SIGN_SOURCES
from bot.safety.rules.words import BURDEN, DEATH_CUE, GO_NOT_LEAVING, SELF_REMOVAL


def veto_burden_remove_myself(s: str, m: "re.Match[str]") -> bool:
    """Exclusion of crisis.ideation.burden_remove_myself (see its rationale); True drops the match."""
    # ending a relationship ("end it with my boyfriend, he's been useless", dev set 19)
    if re.search(
        r"\bend (?:it|things) with (?:my |him|her|them|the )(?:\w+ )?(?:boyfriend|girlfriend|partner|husband|wife|fella|"
        r"man|bloke|ex|him|her)?\b",
        s,
    ) and not re.search(r"\b(?:myself|my life|for good|for ever|forever|die|dead)\b", s):
        return True
    return not BURDEN.search(s) and not re.search(
        r"\b(?:save|spare|saving|sparing)\s+(?:everyone|everybody|them|them all|my family|the family|my \w+|the \w+|"
        r"you all|all of them|him|her)\s+(?:the\s+)?(?:bother|trouble|hassle|expense|cost|money|effort|burden|pain|"
        r"heartache|misery|grief)\b",
        s,
    )


def veto_choose_my_time(s: str, m: "re.Match[str]") -> bool:
    """Exclusion of crisis.ideation.choose_my_time (see its rationale); True drops the match."""
    return (
        (
            bool(re.match(r"(?:rather|prefer|want|would|going|will|get|like|let|to)\b", m.group(0)))
            and not DEATH_CUE.search(s)
        )
        or (
            bool(re.match(r"tak", m.group(0)))
            and not re.search(
                r"\b(?:die|dying|death|dead|end it|end things|pills|tablets|morphine|overdose|(?:when|if|once) (?:it|things|"
                r"the pain) gets? (?:too )?(?:bad|worse|much|unbearable)|before it (?:gets|takes)|own terms)\b",
                s,
            )
        )
        or (
            ("own terms" in m.group(0))
            and bool(
                re.search(
                    r"\b(?:at home|hospice|hospital|peacefully|comfortably|with (?:my )?(?:family|loved ones)|surrounded|"
                    r"resuscitat\w*|dnr|dnacpr|machines|advance (?:directive|decision|care)|palliative|pain relief|"
                    r"living will|funeral|in my own bed)\b",
                    s,
                )
            )
        )
    )


SOURCES = CRISIS_SOURCES

RULES = (
    Rule(
        id="crisis.ideation.better_off_dead",
        category="suicidal_ideation",
        rationale=('"Better off dead", "happier dead", "better off without me", "better off if I was gone".'),
        pattern=rx(
            r"\b(?:happier|better|easier)\s+(?:off\s+)?dead\b|\bbetter off (?:dead|gone|not (?:here|alive|around)|"
            r"without (?:me|her|him|them|us)|if (?:i|she|he|they) (?:just |simply )?(?:was|were|am|is|died|had died|"
            r"was dead|were dead|was gone|were gone|was not here|were not here|was not around|were not around|"
            r"did not exist|never existed|disappeared|was no longer)\b)"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I'd be better off dead",
            "my family would be better off if i was gone",
            "everyone would be better off without me. the bills, the driving to appointments, all of it",
        ),
        does_not_fire_on=(
            "dead chuffed, my tumour markers have gone down",
            "gone off my food",
        ),
    ),
    Rule(
        id="crisis.ideation.family_better_without_me",
        category="suicidal_ideation",
        rationale=(
            'Everyone / the family would be better off without the writer; not "better off '
            'financially / with more help".'
        ),
        pattern=rx(
            r"\b(?:everyone|everybody|they|my family|my kids|the kids|my children|my husband|my wife|"
            r"my partner|the world|people|we|all of them|the family|you all)\s+(?:would|will)\s+(?:all\s+|honestly\s+|probably\s+)?"
            r"be\s+(?:better|happier|fine|okay|easier)\s+(?:off\s+)?(?:without\s+(?:me|her|him)|if\s+(?:i|she|he)\s+"
            r"(?:was|were|had)\s+(?:gone|dead|died|not here|not around|never born))\b|"
            r"\b(?:everyone|everybody|they|my family|my kids|the kids|my children|my husband|my wife|my partner|"
            r"the world|all of them|the family)\s+(?:would|will)\s+(?:all\s+|honestly\s+|probably\s+)?be\s+better\s+off\b"
        ),
        after=rx(
            r"\s+(?:financially|in|at|going|getting|if we|if they|with (?:a|an|more|less|some|their|the|"
            r"extra|another|regular|proper|better)\b(?![^.?!]{0,60}\bthan (?:with |having )?(?:me|her|him)\b)|"
            r"once)"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "everyone would be better off if i",
            "I reckon the family would be fine if I had died last year",
            "my wife said the kids would be better off if she, then she stopped talking",
        ),
        does_not_fire_on=(
            "the kids would be better off with a bit more routine at home",
            "i think the kids would be better off with more routine while i'm in treatment, any ideas?",
        ),
    ),
    Rule(
        id="crisis.ideation.better_if_i_was_gone",
        category="suicidal_ideation",
        rationale=(
            "It would be better, easier or a relief if the writer was not here, died or "
            'disappeared; not "better if I wasn\'t so tired / in pain / in hospital".'
        ),
        pattern=rx(
            r"\b(?:better|easier|happier|simpler|lighter|a relief|relief|fine|okay|calmer|peaceful)\b(?:\s+\w+){0,8}?\s+"
            r"if\s+(?:i|she|he)\s+(?:just\s+|simply\s+|were to\s+|was to\s+)?(?:was not|were not|am not|died|had died|"
            r"was dead|were dead|was gone|were gone|did not exist|never existed|disappeared|did not wake up|"
            r"never woke up|was no longer (?:here|around|alive)|were no longer (?:here|around|alive)|"
            r"was not around|were not around|was not here|were not here|just went|just died|ended it|killed (?:myself|herself|himself))\b"
        ),
        after=rx(
            r"\s+(?:so|too|as|that|very|quite|always|feeling|ill|sick|tired|poorly|on|taking|having|doing|working|stuck|"
            r"in (?:\w+\s+){0,2}?(?:pain|hospital|agony|discomfort|bed)|here (?:in|at|on) (?!this earth|earth))\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "he'd be happier if I wasn't around",
            "I keep thinking it would be easier if I just didn't exist anymore",
            "my partner keeps saying the money would be better spent if she wasn't around and she's been so quiet",
        ),
        does_not_fire_on=(
            "I'd be better if I wasn't so tired",
            "it would be easier if I wasn't in so much pain",
        ),
    ),
    Rule(
        id="crisis.ideation.nobody_would_miss_me",
        category="suicidal_ideation",
        rationale="Nobody would miss, mourn or notice if the writer died or was gone.",
        pattern=rx(
            r"\b(?:no one|noone|nobody|no body|not a single person|not one person|none of them)\s+(?:would|will|is going to|"
            r"even)\s+(?:even\s+|really\s+)?(?:miss|mourn)\s+(?:me|her|him)\b|"
            r"\b(?:no one|noone|nobody|no body|none of them|would anyone|would anybody|does anyone|would they even)\s+"
            r"(?:would|will|is going to|even)?\s*(?:even\s+|really\s+)?(?:care|notice|miss me|miss her|miss him)\s+"
            r"(?:if|when)\s+(?:i|she|he)\s+(?:died|was gone|were gone|was dead|disappeared|did not wake up|never woke up|"
            r"killed|ended|just went|was not here|were not here|was not around|went)\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "nobody would miss me",
            "Nobody would care if I disappeared tomorrow",
            "nobody would notice if i disappeared. they'd be sad for a week and then relieved",
        ),
        does_not_fire_on=(
            "hospice care",
            "respite care",
        ),
    ),
    Rule(
        id="crisis.ideation.easier_when_gone",
        category="suicidal_ideation",
        rationale=(
            'Easier, better or a relief for everyone when the writer is gone; "my funeral would'
            ' be a relief for them"; not funeral, insurance or paperwork planning.'
        ),
        pattern=rx(
            r"\b(?:relieved|relief|easier|better|happier|lighter|freer|kinder|simpler)\b(?:\s+\w+){0,6}?\s+(?:if|when|once)\s+"
            r"(?:i|she|he)\s+(?:was|were|am|is|had|just|finally)?\s*(?:gone|dead|died|not here|not around|no longer here|"
            r"no longer around|out of the way|out of the picture|off their hands)\b|"
            r"\b(?:my|her|his) (?:funeral|death|dying|being gone|not being here)\b(?:\s+\w+){0,10}?\s+(?:easier|better|relief|"
            r"relieved|lighter|peace|free|freer)\s+(?:\w+\s+){0,4}?(?:for|on|to)\s+(?:everyone|everybody|them|all of them|the family|my family|"
            r"his family|her family|my kids|the kids|my husband|my wife|you all)\b"
        ),
        negatable=False,
        sentence=rx(
            r"\b(?:plan|planning|arrange|arranging|organise|organising|organize|wishes|prepaid|pre paid|"
            r"insurance|will and|paperwork|admin)\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I'm worthless and everyone would be relieved if I was gone",
            "I keep imagining my funeral and how much easier it would be for everyone",
        ),
        does_not_fire_on=(
            "planning my funeral now makes it easier for my family",
            "it would be easier if I wasn't in so much pain",
        ),
    ),
    Rule(
        id="crisis.ideation.worth_more_dead",
        category="suicidal_ideation",
        rationale='"Worth more dead" (life insurance).',
        pattern=rx(
            r"\bworth more (?:to (?:them|everyone|everybody|my family|the family|my kids|the kids|my husband|my wife|anyone)\s+)?"
            r"(?:dead|gone|in the ground)\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "honestly I'm worth more to them dead",
            "I'm worth more to my kids dead than alive",
            "honestly I'm worth more dead, at least the mortgage would be paid off",
        ),
        does_not_fire_on=(
            "I'm a bit more thirsty than usual",
            "I'm dead against having more chemo",
        ),
    ),
    Rule(
        id="crisis.ideation.burden_remove_myself",
        category="suicidal_ideation",
        rationale=(
            "Should just disappear, slip away, stop being around or go, when being a burden or "
            '"saving everyone the bother" is in the sentence.'
        ),
        pattern=rx(
            r"\b(?:should|might as well|may as well|ought to|better|need to|have to|it is time (?:i|she|he)|time for me to|"
            r"going to|will|could)\s+(?:just\s+|quietly\s+|finally\s+)?" + SELF_REMOVAL + r"\b" + GO_NOT_LEAVING + r"|"
            r"\b(?:should|might as well|may as well|ought to|better|need to|have to|it is time (?:i|she|he)|time for me to)\s+"
            r"(?:just\s+|quietly\s+|finally\s+)?(?:go|leave)\b(?=\s*(?:$|[,.!?;]|and (?:save|spare|let|give|free|stop)|for good|"
            r"forever|for ever|now\s*(?:$|[,.!?;])|quietly\s*(?:$|[,.!?;])))"
        ),
        negatable=False,
        check=veto_burden_remove_myself,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "costing the NHS a fortune, might as well go now",
            "I should just go and save my family the heartache",
            "I'm just a drain on the NHS and my family now, I should just go and save everyone the bother",
        ),
        does_not_fire_on=(
            "i'm going to end it with my girlfriend, she's been useless since the diagnosis",
            "i have to go now",
            "i need to go now, my husband needs me",
        ),
    ),
    Rule(
        id="crisis.ideation.stop_being_a_burden",
        category="suicidal_ideation",
        rationale=(
            "Deciding to stop being a burden (not by moving into care or asking for help), "
            '"they\'d be free if I wasn\'t here", "do everyone a favour and go".'
        ),
        pattern=rx(
            r"\b(?:decided|going|plan|planning|time|want|need|choose|chosen|determined|ready)\s+to\s+stop\s+being\s+"
            r"(?:a burden|one|a problem|a drain|a nuisance|a bother|in the way|a weight)\b(?!\s+(?:and|by|so) (?:move|moving|go into|"
            r"going into|ask|asking|get|getting|accept|accepting|let|letting|hire|hiring|pay|paying|learn|learning|doing|do|"
            r"look|looking|start|starting))|"
            r"\b(?:free|freer|be free|finally free|relieved|better off|happier|rid of me)\b(?:\s+\w+){0,3}?\s+if (?:i|she|he) (?:was not|"
            r"were not|was no longer|were no longer|am not|was gone|were gone) (?:here|around|alive|in the picture|gone)?\s*"
            r"(?:anymore|any more)?(?=\s*(?:$|[,.!?;]|and\b|anymore\b))|"
            r"\bdo (?:everyone|everybody|them|my family|the family|the world|you all) a (?:favou?r|kindness)\s+(?:and|by)\s+"
            r"(?:just\s+)?(?:go|going|leave|leaving|disappear|disappearing|die|dying|end(?:ing)? it|not being here|dropping dead|"
            r"drop dead|killing myself|kill myself|topping myself)\b" + GO_NOT_LEAVING
        ),
        negatable=False,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I'll do everyone a favour and disappear",
            "I'm a burden on my wife, she'd be free if I wasn't here",
            "I'm such a burden on my husband, he'd finally be free if I wasn't here anymore",
        ),
        does_not_fire_on=(
            "do everyone a favour and go to bed",
            "Hi, Sam here",
        ),
    ),
    Rule(
        id="crisis.ideation.choose_my_time",
        category="suicidal_ideation",
        rationale=(
            'Choosing when one dies, "on my own terms", "beat the cancer to it", "take matters '
            'into my own hands", a date picked next to letters or goodbyes; not advance care '
            "planning, hospice or resuscitation wishes. Revision 2 (2026-12-07, pending review, dev set"
            ' 18): "I\'m not going to wait for the cancer" (not "... for it to get worse before I ring").'
        ),
        pattern=rx(
            r"\b(?:choose|chose|choosing|decide|deciding|pick|picking|control|controlling|be in (?:charge|control) of|"
            r"(?:have )?(?:a |the )?say (?:in|over)|set|setting)\s+(?:\w+\s+){0,2}?(?:when|the (?:day|date|time|moment|hour))\s+"
            r"(?:i|she|he)\s+(?:go|goes|die|dies|end it|leave|check out|exit|pass|am going)\b" + GO_NOT_LEAVING + r"|"
            r"\b(?:rather|prefer to|want to|would like to|going to|will|get to|like to|let me|to)\s+(?:\w+\s+){0,2}?"
            r"(?:choose|decide|pick)\s+(?:when|the (?:day|date|time|moment))(?=\s*(?:$|[,.!?;]|myself|for myself|than|rather|"
            r"instead|not\b|and\b|(?:i|she|he) (?:go|die|leave|end it)\b|it (?:happens|ends)\b))|"
            r"\b(?:go|going|die|dying|leave|leaving|end it|end things|exit|check out|bow out|go out)\s+(?:\w+\s+){0,2}?on (?:my|her|his) "
            r"own terms\b|\bon (?:my|her|his) own terms\b(?:\s+\w+){0,3}?\s+(?:die|dying|death|go|going|end it|end things)\b|"
            r"\bbeat(?:ing)? (?:it|the cancer|cancer|the disease|this disease|the tumou?rs?) to it\b|"
            r"\b(?:go|die|end it|end things|do it|check out|take myself out)\b"
            + GO_NOT_LEAVING
            + r"(?:\s+\w+){0,3}?\s+before "
            r"(?:it|the cancer|cancer|this disease|the disease|the tumou?rs?|the mets|it all) (?:gets|takes|does|kills|finishes|"
            r"has a chance)\b|"
            # "I'm not going to wait for the cancer" (revision 2, dev set 18); not "... for it to get worse before I ring"
            r"\b(?:i am|i|she is|he is) (?:not going to|not gonna|will not|refuse to) wait (?:around )?(?:any longer )?for "
            r"(?:the cancer|cancer|it|the disease|this disease|the tumou?rs?|the mets|the end|nature)\b"
            r"(?=\s*(?:$|[,.!?;]|to (?:decide|take|get me|finish|kill|do it|choose|end)\b|anymore|any more|any longer))|"
            r"\btak(?:e|ing|en)\s+(?:matters|things|it)\s+into (?:my|her|his) own hands\b(?!\s+and (?:go|call|ring|phone|ask|see|get|"
            r"book|complain|change|email|write))|"
            r"\b(?:chosen|picked|set|fixed|decided on|choose|pick|chose|choosing|picking)\s+(?:a|the|my|her|his)\s+(?:date|day|time)\b"
            r"(?!\s+(?:for|of|to|with|at|on|in|when (?:we|you|the|my)))(?=.*\b(?:letters|affairs|note|notes|goodbye|goodbyes|"
            r"given away|gave away|said my|everything is sorted|sorted everything|will is|made my will|ready to go)\b)|"
            r"\b(?:letters|affairs|goodbyes)\b.{0,60}?\b(?:chosen|picked|set|fixed|decided on|choose|pick|chose)\s+(?:a|the|my)\s+"
            r"(?:date|day|time)\b(?!\s+(?:for|of|to|with|at|on|in))"
        ),
        negatable=False,
        check=veto_choose_my_time,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I want to beat the cancer to it",
            "my letters are done, now I just have to pick a date",
            "sorted the will, the dog is going to jen, paid off the card. now i can go on my own terms this weekend",
            "the will is signed. i'm not going to wait for the cancer.",
        ),
        does_not_fire_on=(
            "I want to choose when I have my chemo",
            "Cancer Council",
            "i'm not going to wait for the cancer to get worse before i ring the team",
        ),
        revision=2,
    ),
    Rule(
        id="crisis.ideation.pact_or_follow",
        category="suicidal_ideation",
        rationale=(
            'Someone joining or following the patient in death ("he says he\'ll go too"), or the'
            ' reverse; suicide pacts; "end it together"; not pets or old age.'
        ),
        pattern=rx(
            r"\b(?:join|follow|die with|go with|be buried with)\s+(?:me|her|him|mum|mom|dad|you|us|my \w+)\s+(?:when|after|once|"
            r"if|the day|as soon as)\s+(?:i|she|he|mum|mom|dad|you|my \w+)\s+(?:(?:die|dies|am gone|is gone|are gone|pass away|"
            r"passes away|pass|passes|am dead|is dead)\b|(?:go|goes|leave|leaves)\b(?=\s*(?:$|[,.!?;]|too\b|as well\b|for good\b|"
            r"and\b(?!\s+(?:see|get|buy)))))|"
            r"\bif (?:i|she|he|mum|mom|dad|you) (?:die|dies|go|goes|pass|passes|am gone|is gone)\b(?:\s+\w+){0,2}?[\s,]+"
            r"(?:she|he|they|i) (?:is|are|am|will|would|will be|would be)?\s*(?:going|go|gone|follow|join|die|dead|end it)\s+"
            r"(?:too|as well|with (?:me|her|him|you)|right after)\b|"
            r"\b(?:suicide pact|death pact|a pact to (?:die|end|go))\b|"
            r"\b(?:die|dying|end it|ending it|end things|ending things|end our lives|ending our lives|kill ourselves|"
            r"take our (?:own )?lives)\s+together\b"
            r"(?!\s+(?:of|in|at|when we are|holding))|\btake (?:both )?our (?:own )?lives\b"
        ),
        negatable=False,
        sentence=rx(r"\b(?:dog|cat|pet|puppy|kitten|parrot|old age|when we are old|at a hundred|at 100)\b"),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I want to join my husband when he goes",
            "my daughter says if I die she's going too",
            "my wife says she wants to go with me, she says she'll follow me when I die",
        ),
        does_not_fire_on=(
            "my husband will join me when I go to the hospice open day",
            "How can I help my husband when he's in pain?",
        ),
    ),
    Rule(
        id="crisis.ideation.absence_as_kindness",
        category="suicidal_ideation",
        rationale=(
            'Her own absence offered as a kindness or a gift to the family: "the kindest thing I can '
            'do for my family is not be here for Christmas", "kinder all round if I removed myself", '
            '"the best gift I could give them is to be gone" (NIMH, AFSP, 988 Lifeline: talking '
            "about being a burden to others). Not being away for Christmas because of travel, a "
            'hospital stay or a prognosis someone gave, or "the kindest thing is to let her go '
            'peacefully".'
        ),
        pattern=rx(
            r"\b(?:kindest|best|most loving|fairest|right|kind|loving|unselfish|selfless|only|greatest|last)\s+(?:thing|gift|"
            r"option|choice|way|present)\b(?:\s+\w+){0,8}?\s+(?:is|would be|will be|might be|to)\s+(?:for me\s+)?(?:to\s+)?"
            r"(?:just\s+)?(?:not (?:to )?(?:be|being) (?:here|around|alive)|be gone|disappear|not exist|remove myself|take myself out|"
            r"not wake up|stop being here|not (?:be|being) (?:a )?(?:burden|problem) (?:any more|anymore|for long))\b|"
            r"\b(?:kinder|kindest|easier|better|best|fairer|a gift|a favou?r|a relief|a blessing)\s+(?:all round|all around|for "
            r"(?:everyone|everybody|them|all|all of them|my family|the family|the kids|my \w+))\s+if\s+(?:i|she|he)\s+"
            r"(?:just\s+)?(?:removed (?:myself|herself|himself)|took (?:myself|herself|himself) out|was not (?:here|around)|"
            r"were not (?:here|around)|was gone|were gone|disappeared|did not wake up|was dead|died|went)\b|"
            r"\b(?:decided|choose|chosen|choosing|kinder|kindest|easier|a gift|a favou?r)\b(?:\s+\w+){0,6}?\s+"
            r"not (?:to )?(?:still )?(?:be|being) (?:here|around|alive)\s+(?:for|at|by|on)\s+(?:christmas|xmas|easter|new year|"
            r"(?:her|his|their|my|the) (?:\w+\s+)?(?:birthday|wedding|anniversary|graduation|christening))\b"
        ),
        after=rx(
            r"\s+(?:when|while|during|for (?:the|this|that) (?:visit|argument|row|fight|meeting|procedure|conversation|"
            r"appointment|operation|scan)|people|anyone|anybody|crowds|others|other people|children|kids|germs|"
            r"sick|ill|colds?|infections?|at the weekend|this weekend|today|tonight|alone|on my own|by myself|"
            r"in (?:the|this) (?:house|flat|ward|hospital|town|city|country|heat|cold|room))\b"
        ),
        sentence=rx(
            r"\b(?:hospital|ward|travel\w*|visit\w*|abroad|away|holiday|trip|flight|staying|cruise|spain|france|"
            r"doctors?|oncologist|prognosis|told me|they say|they think|afraid|scared|worried|fear|may not|"
            r"might not|work|shift|on call|peacefully|let (?:her|him|them) go)\b"
        ),
        unless=rx(r"\b(?:die|dying|dead|end it|end things|kill|pills|overdose|for good|forever|burden)\b"),
        negatable=False,
        sources=WARNING_SIGN_SOURCES,
        review=PENDING,
        fires_on=(
            "i think the kindest thing i can do for my family is not be here for christmas",
            "i'm a burden on everyone. kinder all round if i removed myself from the equation",
            "the best gift i could give the kids is to be gone before the money runs out",
            "i've decided the kindest thing is not to be around for her wedding",
        ),
        does_not_fire_on=(
            "i won't be here for christmas, we're flying to my sister's in spain",
            "the kindest thing for mum now is to let her go peacefully, the hospice agrees",
            "i probably won't be here for christmas, i'll be in hospital for the transplant",
            "the doctors think i may not be here for christmas and i'm scared",
            "the best thing is not to be around when they argue about the will",
            "the best thing for me is not to be around people with colds during chemo",
        ),
    ),
)
