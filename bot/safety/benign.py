"""Recognise messages that only *look* alarming, to overrule a model-only false alarm.

The NLU model (DIET) fires ``crisis`` on idioms ("her lasagne is to die for", "my feet are
killing me") and ``urgent_symptom`` on questions about fevers or on normal readings. Those
false alarms send people emergency numbers they did not need. The rule-based detector
(``bot.safety.detector``) already ignores such phrasings; this module says *why* a message
is benign so the safety component can overrule the model, and only the model.

Guards (recall first): ``benign_reason`` answers only when

- a benign pattern covers the alarming words: after the idiom spans are masked, no
  alarming word (die, dead, kill, end, suicide, overdose, ...) is left; and
- no concern cue appears anywhere in the message (a wish to die or not wake, "no point",
  "can't go on", "better off without me", "burden", "end it", self-harm words, pills).

The component calls it only when the detector found nothing; a detector finding always
wins. Everything is pure, stdlib-only and works on the detector's normalised text.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from bot.safety.detector import normalise

IDIOM = "idiom"
FEAR_OF_DYING = "fear_or_planning"
INFO_QUESTION = "info_question"
REASSURING = "negated_or_normal"

# Crisis-looking words used figuratively. Each pattern covers the alarming word itself.
_IDIOMS = [re.compile(p) for p in (
    r"\bto die for\b",
    r"\b(?:killing|killed|smashed|nailed) it\b",
    r"\b(?:is|are|was|were|been|keeps?) (?:absolutely |really |just )?killing (?:me|us|him|her|them|my \w+)\b",
    r"\b(?:would|could|will|might|nearly|almost|thought i would|thought i had) (?:have )?(?:die|died) "
    r"(?:of|from|laughing|without|for|if)\b",
    r"\b(?:die|died|dying) (?:of|from) (?:embarrassment|shame|laughter|laughing|boredom|cringe)\b",
    r"\bdying (?:to|for) (?:know|see|try|meet|hear|go|get|tell|a|an|some|my)\b",
    r"\b(?:bored|scared|worried|embarrassed|frightened|sick) to death\b",
    r"\bi (?:could|would|will|am going to|am gonna) (?:honestly |actually |literally )?(?:kill|murder|strangle|throttle) "
    r"(?:him|her|them|my (?!self)\w+|the \w+|a \w+|for a \w+)\b",
    r"\b(?:would|will|is going to|are going to) kill me (?:if|when|for)\b",
    r"\bdead (?:against|tired|on (?:my|her|his) feet|beat|easy|right|set|serious|keen|chuffed|proud|good|jealous)\b",
    r"\b(?:phone|battery|laptop|car|plant|plants|garden|flowers|tablet computer|wifi|signal) (?:is|was|are|were|has|had) "
    r"(?:(?:completely|totally|just) )?(?:dead|died|gone)\b",
    r"\bwanted the (?:ground|floor|earth) to swallow me(?: up)?\b",
    r"\bkill (?:time|an hour|a few hours|the (?:pain|germs|bugs|weeds|mood|vibe))\b",
    r"\b(?:the death of me|over my dead body|dead to the world|dead of night|dead end|deadline|deadlines)\b",
    r"\bend of (?:the (?:day|week|month|road works|queue)|my (?:shift|tether))\b",
)]

# Fear of dying, and calm end-of-life planning, are not a wish to die.
_FEAR_OR_PLANNING = [re.compile(p) for p in (
    r"\b(?:i|she|he|we|they|mum|mom|dad) (?:do|does|did) not want (?:her |him |them |me )?to die\b",
    r"\b(?:scared|afraid|frightened|terrified|worried) (?:of|about) (?:dying|death|the end)\b",
    r"\b(?:scared|afraid|frightened|terrified|worried) (?:i|she|he) (?:am|is|will|might) (?:going to )?die\b",
    r"\b(?:the )?time (?:i|she|he|we) (?:have|has) left\b",
    r"\bstop (?:the )?(?:chemo|chemotherapy|treatment)\b.*\bquality of life\b",
    r"\b(?:will|does|would) it hurt at the end\b",
    r"\b(?:when|after) i am gone\b.*\b(?:kids|children|family|husband|wife|partner|dog|cat)\b",
    r"\bhad a good life\b",
)]

# Questions about red-flag symptoms in general, not a report of one happening now.
_QUESTION_START = re.compile(
    r"^(?:what|how|when|why|which|can|could|does|do|is|are|should|would|at what|where)\b")
_RED_FLAG_TOPIC = re.compile(
    r"\b(?:fever|temperature|temp|chest pain|black stools?|bleeding|bleed|breathless(?:ness)?|"
    r"short of breath|spinal cord|cord compression|hypercalcaemia|hypercalcemia|fracture|confus\w*)\b")
_CURRENT_REPORT = re.compile(
    r"\b(?:i|she|he|my (?:mum|mom|dad|wife|husband|partner)) (?:have|has|am|is|got|have got|has got|"
    r"had|feel|feels|felt|started|keep|keeps)\b(?! to\b)|\bright now\b|\bat the moment\b|\bsince (?:this|last)\b")

# A normal reading or an explicit "no" to the symptom.
_NEGATED_SYMPTOM = re.compile(
    r"\b(?:no|not|without|do not have|does not have|have not got|has not got|never had)\s+(?:a |any )?"
    r"(?:fever|temperature|temp|chest pain|bleeding|breathlessness)\b"
    r"|\b(?:temperature|temp|fever)(?: is| was| has been)? (?:normal|fine|okay|ok|down|gone|back to normal)\b")
_READING = re.compile(r"\b(3[4-9](?:[.,]\d)?|9[0-9](?:[.,]\d)?|1[01][0-9](?:[.,]\d)?)\s*(?:°|degrees?)?\s*([cf])?\b")
_TEMP_WORD = re.compile(r"\b(?:temp|temperature|thermometer|reading|fever)\b")

# Anything here keeps the model's alarm, whatever else the message says.
_CONCERN = re.compile(
    r"\b(?:suicid\w*|kms|kys|unalive|ctb|self[- ]?harm\w*|overdos\w*|lethal|fatal|pills|tablets saved|"
    r"end it|end (?:it|things|my life)|take my (?:own )?life|kill (?:myself|herself|himself)|"
    r"no point|can not go on|cannot go on|can not do this any ?more|better off without|burden|give up|"
    r"giving up|not wake|never wake|not be here|not being here|want (?:it|this|everything) (?:all )?(?:to )?"
    r"(?:end|stop|be over)|(?<!not )(?<!never )want to (?:die|be dead|disappear|go to sleep)|wish (?:i|she|he) (?:was|were|could|would)"
    r" (?:dead|die|gone|not)|ready to go|goodbye|cut(?:ting)? (?:myself|herself|himself)|hurt (?:myself|herself|himself)|"
    r"rope|bridge|jump\w*|bleed(?:ing)? out|wrists?|slit\w*|how long (?:does|would|will) it take to|"
    r"not (?:scared|afraid|frightened) of (?:death|dying)|welcome death|i want it)\b")
# Red-flag symptom words: an idiom next to one ("my back is killing me and my legs are weak")
# may be an emergency described casually, so the model's alarm stands.
_SYMPTOM_WORDS = re.compile(
    r"\b(?:weak|weakness|numb\w*|can not (?:feel|walk|move|stand)|bladder|bowel|pee\w*|wee\w*|poo\w*|wet myself|"
    r"soil\w*|incontinen\w*|pins and needles|fever|"
    r"temperature|shiver\w*|bleed\w*|blood|breath\w*|chest|fracture\w*|fell|fall|broke|confus\w*|drowsy|"
    r"vomit\w*|thirst\w*|faint\w*|collapse\w*)\b")
# Alarming words the masking must remove before a message counts as an idiom.
_ALARM_WORDS = re.compile(r"\b(?:die|dies|died|dying|dead|death|kill|kills|killed|killing|murder|end|ending|gone|"
                          r"suicid\w*|overdos\w*)\b")


def _mask(text: str, patterns: Iterable["re.Pattern[str]"]) -> Optional[str]:
    """``text`` with every pattern's matches blanked, or None if nothing matched."""
    hit = False
    for pattern in patterns:
        text, n = pattern.subn(" ", text)
        hit = hit or n > 0
    return text if hit else None


def _normal_readings_only(text: str) -> bool:
    """All temperature readings in the message are below 37.5 °C / 99.5 °F."""
    if not _TEMP_WORD.search(text):
        return False
    readings = []
    for value, unit in _READING.findall(text):
        number = float(value.replace(",", "."))
        celsius = (number - 32) * 5 / 9 if (unit == "f" or number >= 90) else number
        readings.append(celsius)
    return bool(readings) and max(readings) < 37.5


def benign_reason(text: object) -> Optional[str]:
    """Why an alarming-looking message is not a crisis or an emergency, or None."""
    norm = normalise(text)
    if not norm.strip() or _CONCERN.search(norm):
        return None
    masked = _mask(norm, _IDIOMS)
    if masked is not None and not _ALARM_WORDS.search(masked) and not _SYMPTOM_WORDS.search(norm):
        return IDIOM
    if _mask(norm, _FEAR_OR_PLANNING) is not None:
        return FEAR_OF_DYING
    if _NEGATED_SYMPTOM.search(norm) or _normal_readings_only(norm):
        return REASSURING
    sentences = [s.strip() for s in re.split(r"[.!?\n]+", norm) if s.strip()]
    if sentences and all(
        _QUESTION_START.search(s) and not _CURRENT_REPORT.search(s) for s in sentences
    ) and any(_RED_FLAG_TOPIC.search(s) for s in sentences):
        return INFO_QUESTION
    return None
