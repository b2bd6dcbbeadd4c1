"""Text normalisation and sentence splitting for the safety detector (stdlib only).

HTML entities unescaped, Unicode NFKC, accents stripped, case-folded, zero-width and control
characters removed, contractions and chat slang expanded ("can't" -> "can not", "rn" -> "right now").
The crisis view also undoes disguised spellings (:mod:`bot.safety.fuzzy`)."""

from __future__ import annotations

import html
import re
import unicodedata
from typing import List, Tuple

from bot.safety.fuzzy import deleet, fuzzy_token, join_spaced
from bot.safety.spelling import correct_red_flag_spellings

ZERO_WIDTH = re.compile("[\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff\u00ad]")


APOSTROPHES = re.compile("[\u2018\u2019\u201a\u201b\u2032\u02bc\u00b4`\uff07]")


QUOTES = re.compile('["\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033]')


DASHES = re.compile("[\u2010-\u2015\u2212_/\\\\|~+=]")


CONTRACTIONS: Tuple[Tuple[str, str], ...] = (
    (r"\bcan'?t\b", "can not"),
    (r"\bcannot\b", "can not"),
    (r"\bwon'?t\b", "will not"),
    (r"\bain'?t\b", "am not"),
    (r"\bshan'?t\b", "shall not"),
    (r"\b(do|does|did|is|are|was|were|have|has|had|would|could|should|must|need|might)n'?t\b", r"\1 not"),
    (r"\b(\w+)n't\b", r"\1 not"),
    (r"\bi'?m\b", "i am"),
    (r"\bi'?ve\b", "i have"),
    (
        r"\b(i|you|she|he|we|they|it)'?d (been|gone|had|done|never|already|seen|taken|made|got|known|thought|told|said|"
        r"left|died|come|become|lost|given|written|tried|wanted|woken|woke|fallen|eaten|slept|felt|heard|spoken|run|used|"
        r"stopped|started|finished|decided|planned|saved|hoped|wished|just)\b",
        r"\1 had \2",
    ),
    (r"\bi'd\b", "i would"),
    (r"\bi'll\b", "i will"),
    (r"\b(you|we|they|who|what)'re\b", r"\1 are"),
    (r"\b(you|they)re\b", r"\1 are"),
    (r"\b(he|she|it|that|what|there|who|where|here|how|everything|everyone|everybody|nothing|life|this)'s\b", r"\1 is"),
    # "tonight's the night", "today's the day", "now's the time" (a chosen time; set 21's wording)
    (
        r"\b(tonight|today|tomorrow|now|sunday|monday|tuesday|wednesday|thursday|friday|saturday)'s (the|my)\b",
        r"\1 is \2",
    ),
    (r"\b(s?he|that|what|there)s\b", r"\1 is"),
    (r"\b(\w+)'ll\b", r"\1 will"),
    (r"\b(\w+)'ve\b", r"\1 have"),
    (
        r"\b(\w+)'d (been|gone|had|done|never|already|seen|taken|made|got|known|thought|told|said|left|died|woken|fallen)\b",
        r"\1 had \2",
    ),
    (r"\b(\w+)'d\b", r"\1 would"),
    (r"\bim\b", "i am"),
    (r"\bive\b", "i have"),
)


CONTRACTION_RES = tuple((re.compile(p), r) for p, r in CONTRACTIONS)


SLANG = {
    "wanna": "want to",
    "wana": "want to",
    "wanta": "want to",
    "gonna": "going to",
    "gona": "going to",
    "gotta": "got to",
    "tryna": "trying to",
    "hafta": "have to",
    "finna": "going to",
    "kinda": "kind of",
    "sorta": "sort of",
    "dunno": "do not know",
    "idk": "i do not know",
    "idc": "i do not care",
    "rn": "right now",
    "u": "you",
    "ur": "your",
    "ppl": "people",
    "pls": "please",
    "plz": "please",
    "bc": "because",
    "cuz": "because",
    "coz": "because",
    "cos": "because",
    "tho": "though",
    "thru": "through",
    "abt": "about",
    "b4": "before",
    "2nite": "tonight",
    "tonite": "tonight",
    "2day": "today",
    "2moro": "tomorrow",
    "2morrow": "tomorrow",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "nite": "night",
    "msg": "message",
    "tbh": "to be honest",
    "ngl": "not going to lie",
    "hubby": "husband",
    "mil": "mother in law",
    "gf": "girlfriend",
    "bf": "boyfriend",
    "lemme": "let me",
    "gimme": "give me",
    "outta": "out of",
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "cant": "can not",
    "wont": "will not",
    "isnt": "is not",
    "wasnt": "was not",
    "arent": "are not",
    "werent": "were not",
    "havent": "have not",
    "hasnt": "has not",
    "hadnt": "had not",
    "wouldnt": "would not",
    "couldnt": "could not",
    "shouldnt": "should not",
    "aint": "am not",
    "theyre": "they are",
    "youre": "you are",
    "whats": "what is",
    "thats": "that is",
    "theres": "there is",
    "shes": "she is",
    "hes": "he is",
    # short crisis words typed fast (blind set 21: "i wsh i was ded", "im gna tak all my pils tonigt");
    # none is an English word, and the edit-distance pass leaves words under five letters alone
    "wsh": "wish",
    "wsih": "wish",
    "gna": "going to",
    "gnna": "going to",
    "tak": "take",
    "tke": "take",
    "pils": "pills",
    "pilz": "pills",
    "tonigt": "tonight",
    "tonght": "tonight",
    "tonihgt": "tonight",
    "2nyt": "tonight",
    "kil": "kill",
    "evrything": "everything",
    "evrythng": "everything",
    "wnt": "want",
    "wnat": "want",
    "wamt": "want",
    "whant": "want",
    "wan": "want",
    "temp's": "temp is",
    "mom's": "mom is",
    "mum's": "mum is",
    "dad's": "dad is",
    "tmp": "temp",
    "sumthing": "something",
    "nothin": "nothing",
    "gud": "good",
    "plzz": "please",
    "ok": "okay",
    "k": "okay",
    "w": "with",
    "hv": "have",
    "rly": "really",
    "rlly": "really",
    "realy": "really",
    "relly": "really",
    "b": "be",
    "shud": "should",
    "shld": "should",
    "wud": "would",
    "wld": "would",
    "cud": "could",
    "cld": "could",
    "sum1": "someone",
    "any1": "anyone",
    "no1": "no one",
    "every1": "everyone",
    "evry1": "everyone",
    "ded": "dead",
    "dyin": "dying",
    "livin": "living",
    "goin": "going",
    "tryin": "trying",
    "feelin": "feeling",
    "thinkin": "thinking",
    "somethin": "something",
    "nuthin": "nothing",
    "anymore": "anymore",
    "nomore": "no more",
    "wiv": "with",
    "becuz": "because",
    "becoz": "because",
    "thot": "thought",
    "thnk": "think",
    "thx": "thanks",
    "bout": "about",
    "abit": "a bit",
    "alot": "a lot",
    "wanted2": "wanted to",
    "want2": "want to",
    "gon": "going to",
    "imma": "i am going to",
    "ima": "i am going to",
    "gunna": "going to",
    "coudnt": "could not",
    "cnt": "can not",
    "dnt": "do not",
    "dont'": "do not",
    "didn't": "did not",
    "ya": "you",
    "yr": "your",
    "2": "2",
}


ING_VERBS = frozenset(
    """killing dying living going cutting hurting ending taking thinking feeling wanting planning harming
saving hoarding stockpiling jumping hanging trying waking giving saying writing talking crying bleeding shaking shivering
vomiting breathing struggling fainting falling burning drinking swallowing overdosing doing getting looking sitting lying
sleeping coping fighting carrying keeping hiding stashing collecting googling researching searching wishing hoping praying
existing leaving losing throwing being having""".split()
)


def unicode_base(text: object) -> str:
    """Unicode clean-up common to both views: lower case, no markup punctuation."""
    if text is None:
        return ""
    if isinstance(text, (bytes, bytearray)):
        text = bytes(text).decode("utf-8", "replace")
    if not isinstance(text, str):
        text = str(text)
    text = html.unescape(text)
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u2103", "\u00b0c").replace("\u2109", "\u00b0f")
    text = ZERO_WIDTH.sub("", text)
    text = APOSTROPHES.sub("'", text)
    text = QUOTES.sub(" ", text)
    text = text.casefold()
    # strip accents (fiancée -> fiancee) but keep other scripts' letters as they are
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    # control characters -> space (newline kept as a sentence break)
    text = "".join(c if (c.isprintable() or c == "\n") else " " for c in text)
    text = text.replace("\u00b0", " degrees ").replace("\u00ba", " degrees ")
    text = re.sub(r"\b(\d{2,3}),(\d)\b", r"\1.\2", text)  # 38,5 -> 38.5
    return text


def clean_text(text: str, crisis: bool) -> str:
    # Line breaks: for crisis matching they are plain spaces (people break lines mid-sentence; recall
    # first). For urgent matching a blank line ends a sentence, so "no fever" does not negate the next line.
    if not crisis:
        text = re.sub(r"\n[ \t\r]*\n\s*", " . ", text)
    text = re.sub(r"[\n\r]", " ", text)
    if crisis:
        text = join_spaced(text)
        text = deleet(text)
    text = re.sub(r"\bw/o\b", " without ", text)
    text = re.sub(r"\bw/", " with ", text)
    text = DASHES.sub(" ", text)
    text = re.sub(r"-", " ", text)
    # keep letters, digits, apostrophes inside words, sentence punctuation and '*' (wildcard)
    text = re.sub(r"[^\w'.,!?;:\n* ]", " ", text)
    text = re.sub(r"(?<![a-z])'|'(?![a-z])", " ", text)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = correct_red_flag_spellings(text)
    for pat, rep in CONTRACTION_RES:
        text = pat.sub(rep, text)
    words = re.split(r"(\s+|[.,!?;:\n])", text)
    out = []
    for w in words:
        if not w:
            continue
        if w in SLANG and w != "2":
            out.append(SLANG[w])
        elif w.endswith("in") and len(w) >= 5 and (w + "g") in ING_VERBS:
            out.append(w + "g")
        elif crisis and w.isalpha() is False and "*" in w and len(w) <= 13:
            fixed = fuzzy_token(w)
            out.append(fixed.replace("*", "") if fixed == w else fixed)
        elif crisis and w.isalpha():
            out.append(fuzzy_token(w))
        else:
            out.append(w)
    text = "".join(out).replace("*", "")
    text = re.sub(r"\bmy self\b", "myself", text)
    text = re.sub(r"\b(her|him|them|your|our) ?(self|selves)\b", r"\1\2", text)
    text = re.sub(r"[ \t]+", " ", text)
    return text.strip()


FILLER_ADVERBS = re.compile(
    r"\b(?:really|actually|literally|honestly|basically|totally|completely|truly|seriously|genuinely|properly|"
    r"even|kind of|sort of|kinda|sorta|pretty much|quite|very|so|anymore really|rly|fr|ngl|lol|tbh|like)\s+"
    # ", just ..." introduces what the person has instead ("not suicidal, just flat"): kept
    r"|(?<!, )\b(?:just|simply)\s+"
)


def drop_fillers(text: str) -> str:
    text = re.sub(r"\b(can|could)\s+(?:barely|hardly|scarcely|only just)\b", r"\1 not", text)
    text = re.sub(r"\b(?:barely|hardly|scarcely) able to\b", "can not", text)
    return re.sub(r"\s+", " ", FILLER_ADVERBS.sub("", text)).strip()


def normalise(text: object) -> str:
    """The normalised text the urgent rules see (exposed for tests and debugging)."""
    return clean_text(unicode_base(text), crisis=False)


def crisis_views(base: str) -> List[str]:
    views = [clean_text(base, crisis=True)]
    if re.search(r"([a-z])\1\1", base):
        collapsed = clean_text(re.sub(r"([a-z])\1{2,}", r"\1", base), crisis=True)
        if collapsed not in views:
            views.append(collapsed)
        two = clean_text(re.sub(r"([a-z])\1{2,}", r"\1\1", base), crisis=True)
        if two not in views:
            views.append(two)
    de_adv = drop_fillers(views[0])
    if de_adv not in views:
        views.append(de_adv)
    # Last: the whole message as one sentence, so a thought split by full stops
    # ("I want it to stop. All of it. Forever.") is still seen whole.
    joined = SENT_SPLIT.sub(" ", views[0])
    joined = re.sub(r"\s+", " ", joined).strip()
    if joined != views[0]:
        views.append(joined)
    return views


SENT_SPLIT = re.compile(r"(?<!\d)\.(?!\d)|[!?;\n]+")


CLAUSE_BREAK = re.compile(r",|:|\bbut\b|\bhowever\b|\balthough\b|\bthough\b|\bwhereas\b")


def split_sentences(text: str, keep_punct: bool = False) -> List[str]:
    if not keep_punct:
        return [s.strip() for s in SENT_SPLIT.split(text) if s and s.strip()]
    out, last = [], 0
    for m in SENT_SPLIT.finditer(text):
        piece = text[last : m.end()].strip()
        if piece.strip(".!?;\n "):
            out.append(piece)
        last = m.end()
    tail = text[last:].strip()
    if tail:
        out.append(tail)
    return out


def clause_prefix(sentence: str, start: int, limit: int = 120) -> str:
    pre = sentence[max(0, start - limit) : start]
    parts = CLAUSE_BREAK.split(pre)
    return parts[-1] if parts else pre
