"""Whether a matched crisis or symptom is about the writer or someone else (she, he, my mum ...).

A reported quote ("she told me 'I want to die'") is third party; "he'd be better off if I wasn't here"
is the writer. With no subject in the sentence, the last subject of up to three earlier sentences
carries over."""

from __future__ import annotations

import re
from typing import Optional, Sequence

from bot.safety.rules.words import KIN
from bot.safety.text import normalise

SUBJECT = re.compile(
    r"(?P<third>\b(?:she|he|they|(?:my|our|her|his|their|the)\s+(?:\w+\s+)?"
    + KIN
    + r"|mum|mom|dad|mummy|daddy|nan|gran|granny|grandma|grandpa)\b)"
    r"|(?P<first>\b(?:i|part of me|me myself)\b)"
)


THIRD_IN_MATCH = re.compile(
    r"\b(?:herself|himself|themselves|themself|(?:her|his|their)\s+(?:own\s+)?(?:life|pills|tablets|meds|"
    r"medication|morphine|things|stuff|belongings|wrists?|throat|arms?|kids|children|family)|without (?:her|him|them)|"
    r"(?:she|he) (?:was|were|is|had|would|did|never|does|could|will)|from (?:my|our) (?:\w+\s+)?" + KIN + r")\b"
)


FIRST_IN_MATCH = re.compile(r"\b(?:myself|me|my|i|mine)\b")


SECOND_IN_MATCH = re.compile(r"\b(?:yourself|yourselves|kys|you)\b")


THIRD_VERB_START = re.compile(
    r"^(?:wants|wishes|says|talks|keeps|has|is|hopes|prays|thinks|feels|tells|told|said|texted|"
    r"messaged|wrote|writes|mentions|mentioned|talked|threatened|threatens|tried|attempted)\b"
)


REPORT = re.compile(
    r"\b(?:she|he|they|(?:my|our)\s+(?:\w+\s+)?" + KIN + r"|mum|mom|dad)\s+(?:\w+\s+){0,3}?"
    r"(?:said|says|told|tells|texted|texts|messaged|wrote|writes|posted|keeps saying|kept saying|"
    r"has been saying|has said|mentioned|mentions|talks|talked|has been talking|keeps talking)\b"
)


def last_subject(text: str) -> Optional[str]:
    last = None
    for m in SUBJECT.finditer(text):
        last = "third" if m.group("third") else "first"
    return last


def is_third_party(sentences: Sequence[str], idx: int, start: int, matched: str) -> bool:
    """Decide whether the matched span is about someone other than the writer."""
    if THIRD_IN_MATCH.search(matched):
        return True
    if SECOND_IN_MATCH.search(matched):
        return False
    sentence = sentences[idx]
    prefix = sentence[max(0, start - 200) : start]
    # "she told me 'I want to die'" -- a reported first-person quote; not past a "but" of the
    # writer's own ("my husband says i'm overreacting but honestly i want to die")
    if REPORT.search(re.split(r"\b(?:but|though|although)\b", prefix)[-1]):
        return True
    if re.search(r"\b(?:myself|my own life|my life|kill me|me\b)|\bif i\b|\bto live i do not\b", matched):
        # "he'd be better off if I wasn't here", "... someone who wants to live. i don't": the writer is at risk
        return False
    subj = last_subject(prefix)
    if subj is not None:
        return subj == "third"
    if prefix.strip() and THIRD_VERB_START.search(matched):
        return True
    if re.match(r"^(?:i|my)\b", matched):
        return False
    # carry over from previous sentences (no subject here: "Talking about ending it all.")
    for j in range(idx - 1, max(-1, idx - 4), -1):
        subj = last_subject(sentences[j])
        if subj is not None:
            return subj == "third"
    return False


# The writer's own crisis words, for a message only the classifier (or the semantic reader) called a
# crisis: "I want to end it", "I've been saving my pills", "without me". A word of someone else
# between "I" and the crisis word ("I'm scared she will die") is the writer's worry, not theirs.
_NOT_THIRD = r"(?!(?:she|he|they|her|him|them|his|mum|mom|dad|it is her|it is his)\b)"
OWN_CRISIS = re.compile(
    r"\b(?:myself|my own life|my life|kill me|end me|without me|me next|my turn|if i (?:was|were|am|died|did not)|"
    r"(?:my|our) (?:pills|tablets|meds|medication|medicines|morphine|painkillers|oxycodone|insulin|sleeping pills)|"
    r"(?:i|we)\s+(?:"
    + _NOT_THIRD
    + r"\w+\s+){0,3}?(?:die|dying|dead|end|ending|kill|killing|hurt|hurting|cut|cutting|overdose|"
    r"jump|jumping|drive|take all|take every|take the lot|saving|save up|stockpil\w*|hoard\w*|say goodbye|gone|"
    r"not wake|burden|give up|giving up|no point|can not go on|can not do this|a plan|plan)\b|"
    # any wish or limit of the writer's own keeps the direct question (the reply before this check)
    r"i (?:just |really |honestly |so )?(?:want|wish|wanna|can not|cannot|feel|am done|am tired|have had enough|"
    r"give up|need it to|need this to)|"
    r"both of us|the two of us|we both|together)"
)


def reported_about_someone_else(text: str) -> bool:
    """A message whose crisis, found by the classifier alone, is told about someone else: a
    relative or friend reported as the subject ("my brother said he's going to drive off the
    road", "he keeps asking where we keep the morphine") and nothing of the writer's own
    ("I want to die too", "my pills", "both of us"). The reply then speaks to the person who is
    worried instead of asking them whether they are thinking of ending their life."""
    norm = normalise(text)
    first = SUBJECT.search(norm)
    third = bool(REPORT.search(norm)) or bool(first and first.group("third"))
    return third and not OWN_CRISIS.search(norm)
