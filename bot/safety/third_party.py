"""Whether a matched crisis or symptom is about the writer or someone else (she, he, my mum ...).

A reported quote ("she told me 'I want to die'") is third party; "he'd be better off if I wasn't here"
is the writer. With no subject in the sentence, the last subject of up to three earlier sentences
carries over."""

from __future__ import annotations

import re
from typing import Optional, Sequence

from bot.safety.rules.words import KIN

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
    # "she told me 'I want to die'" -- a reported first-person quote
    if REPORT.search(prefix):
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
