"""When a matched phrase does not count: negated ("I'm not suicidal", "no fever"), hedged ("not sure I
don't want to"), hypothetical ("if I get a fever"), in the remote past, or a general question.

Crisis negation is trusted only when it is close and unhedged (recall first); urgent context also
drops information questions with no current event ("can chemo cause fever?")."""

from __future__ import annotations

import re

from bot.safety.rules.words import KIN
from bot.safety.text import CLAUSE_BREAK, clause_prefix

CRISIS_NEG_FILLER = (
    r"(?:i|am|was|were|is|are|be|been|being|have|has|had|having|feel|feeling|felt|feels|going|to|"
    r"want|wanted|wanting|wants|planning|plan|plans|intend|intending|intention|ever|currently|"
    r"at|all|any|thoughts|thought of|of|about|do|does|did|would|will|try|trying|tried|the|a|urge|"
    r"urges|desire|wish|wishes|wishing|so|she|he|they|it|thinking|actually|like|that|"
    r"myself|herself|himself|gonna|really want|remotely|even|considering|contemplating)"
)


CRISIS_NEG = re.compile(
    r"(?:(?<!can )(?<!could )(?<!cannot )\b(?:not|never|no longer|nor|neither)\s+(?:" + CRISIS_NEG_FILLER + r"\s+){0,6}"
    r"|\b(?:no|without|zero|denies|denied|deny|free of|free from|none)\s+"
    r"(?:(?:any|current|active|recent|real|more|further|suicidal|thoughts?|plans?|intentions?|"
    r"intent|urges?|desires?|wish|wishes|ideation|history|feelings?|of|about|to|for|or|and|"
    r"self harm|signs?|risk)\s+){0,5})$"
)


HEDGE = re.compile(
    r"\b(?:not sure|unsure|do not know|not saying|can not promise|can not say|can not guarantee|"
    r"will not promise|not certain|maybe|perhaps|might|probably|kind of|sort of|i guess|part of me|"
    r"not really|not always|not completely|not totally|not entirely|sometimes|some days|at times|"
    r"lately|these days|most days|right now|at the moment|for now|at least|anymore|any more|"
    r"today|tonight|not now|honestly not|or am i|am i|still)\b"
)
# "is it normal to not want to live?" questions the negation it stands right before; far from it, in
# the message read as one sentence, it belongs to another question ("is it normal to think about death
# a lot? I don't want to die", blind set 24, read after its measurement)
HEDGE_QUESTION = re.compile(r"\bis it normal\b(?:\s+\w+){0,5}\s*$")


BUT_CUE = re.compile(
    r"\bbut\b.{0,60}?\b(?:think|thought|thinking|thoughts|urge|urges|tempt\w*|wonder\w*|sometimes|"
    r"still|it|that|those|them|feel like|do not know|not sure|scared|worried|afraid|part of me|if|"
    r"when|want|wanted|wish|plan|how|keep)\b"
)


JUST_INSTEAD = re.compile(r"[^.,;]{0,25}?,?\s*\b(?:just|only|simply|merely)\b")


def crisis_negated(sentence: str, start: int, end: int) -> bool:
    prefix = clause_prefix(sentence, start, 90)
    if not CRISIS_NEG.search(prefix):
        return False
    # "not suicidal, just really flat today": what follows "just" is the lesser state the
    # person has instead, so a hedge there ("today") does not undo the negation.
    instead = JUST_INSTEAD.match(sentence, end)
    if HEDGE.search(sentence[: instead.end()] if instead else sentence) or HEDGE_QUESTION.search(sentence[:start]):
        return False
    if BUT_CUE.search(sentence[end : end + 120]):
        return False
    return True


URGENT_NEG_FILLER = (
    r"(?:i|she|he|they|it|is|am|are|was|were|have|has|had|having|got|get|gets|getting|any|a|an|the|my|her|"
    r"his|their|signs?|of|feel|feeling|felt|feels|been|being|do|does|did|seem|seems|show|showing|shows|"
    r"sort|kind|real|more|further|new|with|or|and|currently|actually|experienced|experiencing|noticed|"
    r"notice|noticing|complained|complaining|about|obvious|really|much|too|ever|at|all|high|raised|"
    r"significant|severe|bad|sudden|like|running|developed|developing|suffering|from|reported|had any)"
)


URGENT_NEG = re.compile(
    r"\b(?:no|not|never|without|denies|denied|deny|none|nor|neither|free of|free from|zero|nothing like|"
    r"no longer|no more|no sign of|no signs of|absence of|ruled out)\s+(?:" + URGENT_NEG_FILLER + r"\s+){0,5}$"
)


# "no chest pain or breathlessness": the negation covers the next item of a short list
URGENT_NEG_LIST = re.compile(
    r"\b(?:no|not|without|denies|denied|never had|nor)\s+(?:(?!sure\b|know\b|certain\b|if\b|whether\b|the\b)\w+\s+){1,3}"
    r"(?:or|nor)\s+$"
)


REMOTE_PAST = re.compile(
    r"(?<!since )(?<!for )\b(?:last year|years ago|a year ago|months ago|last month|(?:\w+ )?months back|as a (?:child|kid|teenager|baby)|"
    r"when i was (?:young|little|a kid|a child|younger|pregnant|a teenager|at school)|in the past|"
    r"back in (?:19|20)\d\d|in (?:19|20)\d\d|before (?:my|the|her|his) diagnosis|used to|history of|"
    r"previously|years back|once had|last time (?:i|she|he) had chemo|during (?:my|her|his) first|"
    r"first time round)\b"
)


NOW_TURN = re.compile(r"\b(?:and now|but now|now|today|tonight|this (?:morning|afternoon|evening|week))\b")


HYPO_IF = re.compile(
    r"\b(?:if|in case|unless|suppose|supposing|what if|should (?:i|she|he|we|you|they) (?:get|have|develop|notice|"
    r"experience|feel|start|ever)|when to|when should|when do (?:i|we|you) (?:need|call|worry|go)|"
    r"in the event|before it|to prevent|to avoid|watch for|watch out for|look out for|looking out for|"
    r"keep an eye (?:out )?for|check for|warned (?:me |us )?about|told (?:me |us )?about|"
    r"told (?:me |us )?to (?:watch|look|call|ring|phone)|aware of|risk of|risks of|chance of|chances of|"
    r"likelihood of|signs? of|symptoms? of|sign that|how (?:do|can|would|will) (?:i|you|we|one|someone) "
    r"(?:know|tell|spot|recognise|recognize|prevent|avoid|treat|manage)|about|regarding|information on|info on|"
    r"leaflet on|leaflet about|definition of|meaning of|what is|what are|what does|what do|explain|"
    r"cause|causes|caused by|causing|lead to|leads to|result in|prevent|preventing|prevention of|avoid|"
    r"avoiding|such as|including|e g|questions? about|question on|worry about|worried about|anxious about|"
    r"scared of|afraid of|fear of|frightened of|terrified of|nervous about|paranoid about|reduce the risk)\b"
)


HYPO_STRONG = re.compile(
    r"(?:if|in case|unless|suppose|supposing|what if|should|when to|when should|when do|in the event|before it|"
    r"to prevent|to avoid|how)\b"
)


HYPO_NOT = re.compile(
    r"\b(?:even if|as if|as though|know if|sure if|wonder if|wondering if|tell if|ask if|asking if|see if|check if)\s*$"
)


Q_START = re.compile(
    r"^(?:what|which|why|how|when|where|who|can|could|does|do|did|is|are|should|would|will|may|might|tell me|"
    r"explain|any|is it|are there|i want to know|i would like to know|i was wondering|wondering|curious|"
    r"quick question|question)\b(?!\s+not\b)"
)


GENERIC = re.compile(
    r"\b(?:can|could|may|might) (?:be|cause|mean|lead|indicate|happen|signal|show)|is an? (?:common |rare |serious |"
    r"possible |known |typical )?(?:sign|symptom|side effect|complication|emergency|problem)|are (?:common |rare |"
    r"possible |known |typical )?(?:signs|symptoms|side effects|complications)|in general|generally|usually|"
    r"typically|normally|people (?:with|on|who|having)|patients (?:with|on|who|having)|someone (?:with|on|who)|"
    r"anyone (?:with|on|who)|a person (?:with|on)|women (?:with|on)|side effects?|the signs|the symptoms|"
    r"warning signs|red flags?|common\b"
)


STRIP_Q = re.compile(
    r"\b(?:what|how|when|where|why|which)?\s*(?:should|can|could|do|does|would|will|shall|might|may|must|did)\s+"
    r"(?:i|you|we|one|she|he|they)\b|\b(?:tell|give|show|help|explain to|remind|let) (?:me|us)\b|"
    r"\bi (?:want|would like|need|wanted) to (?:know|ask|understand|learn|check)\b|\bi (?:was|am) (?:wondering|curious|"
    r"asking|reading)\b|\bi wonder\b|\bi (?:read|heard|have read|have heard|saw|have seen)\b|"
    r"\b(?:the |a |this |that )?(?:leaflet|booklet|website|article|guidance|guide|book|poster|card|app|google|internet)\s+"
    r"(?:says|said|told|tells|mentions|recommends)\b|\bi have (?:a|some|another) questions?\b|\bmy questions? is\b|\bmy (?:nurse|doctor|oncologist|gp|team|consultant) "
    r"(?:said|says|told|mentioned|warned)\b|\bi (?:know|understand|think|guess)\b|\bcan i (?:ask|check)\b"
)


CURRENT = re.compile(
    r"^\s*(?:got|have got|had|running|been running|still got|still running|just had)\b|"  # dropped subject: a report
    r"\b(?:i|me|my|mine|she|he|her|his|him|they|them|their|we|us|our)\b|\b" + KIN + r"\b|"
    r"\b(?:right now|now|currently|at the moment|today|tonight|this (?:morning|afternoon|evening|week)|since|"
    r"for the (?:last|past)|all (?:day|night|morning|week)|last night|yesterday|just now|an hour ago|"
    r"minutes ago|hours ago|this am|this pm|keeps|keep|still|again|suddenly|started|starting|just)\b|"
    r"\b\d{2,3}(?:\.\d)?\s*(?:degrees|c|f|celsius|fahrenheit)\b|\b3[89]\.\d\b|\b4[0-2]\.\d\b|\b10[0-5](?:\.\d)?\b"
)


# "what helps with the sudden chest pain": asking what relieves a red flag that came on suddenly is
# asking about one happening, and the only right answer is the emergency advice (session 16's open
# question, 2026-12-08, pending review)
RELIEF_FOR_SUDDEN = re.compile(
    r"\b(?:what|anything|something)\s+(?:\w+\s+){0,3}?(?:helps?|will help|would help|can help|to do|relieves?|eases?|"
    r"stops?|works?|is good)\s+(?:with|for|about|against)\s+(?:the\s+|this\s+|that\s+|a\s+)?sudden\b"
)


def urgent_context_ok(sentence: str, start: int, end: int, allow_info: bool = False) -> bool:
    """False when the symptom at sentence[start:end] is negated, hypothetical, remote or informational."""
    clause = clause_prefix(sentence, start, 100)
    if URGENT_NEG.search(clause) or URGENT_NEG_LIST.search(clause):
        return False
    if re.match(r"\s*(?:free|gone|has gone|went away|has settled|settled|resolved)\b", sentence[end : end + 20]):
        return False
    suffix = CLAUSE_BREAK.split(sentence[end : end + 100])[0]
    # "... two years ago and now I have a fever of 38.5 again": what follows a turn to the present
    # is current, whatever the clause said of the past before it (blind set 21, read after measurement)
    turns = list(NOW_TURN.finditer(clause))
    recent = clause[turns[-1].end() :] if turns else clause
    if REMOTE_PAST.search(recent + sentence[start:end] + suffix):
        return False
    # hypothetical / informational prefix inside the clause ("if I get a fever", "signs of cord compression")
    for m in HYPO_IF.finditer(clause):
        if HYPO_NOT.search(clause[: m.end()]):
            continue
        if HYPO_STRONG.match(m.group(0)):
            return False
        if re.match(r"\s*(?:my|her|his|their|this|these|our|the current|today)\b", clause[m.end() :]):
            continue  # "worried about my chest pain", "what is this chest pain"
        return False
    if allow_info:
        return True
    stripped = STRIP_Q.sub(" ", sentence)
    stripped = re.sub(
        r"\b(?:my|her|his|their|your)\s+(?:current\s+|new\s+)?(?:medication|medications|meds|medicine|tablets|"
        r"pills|drugs?|treatment|chemo|chemotherapy|therapy|injections?|infusions?|radiotherapy|nurse|"
        r"doctor|oncologist|gp|team|consultant|prescription|hormone therapy|letrozole|tamoxifen)\b",
        " ",
        stripped,
    )
    is_q = sentence.rstrip().endswith("?") or bool(Q_START.match(sentence.strip())) or bool(GENERIC.search(sentence))
    if is_q and not CURRENT.search(stripped) and not RELIEF_FOR_SUDDEN.search(sentence):
        return False
    return True
