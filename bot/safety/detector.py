"""Rule-based crisis and red-flag symptom detector (pure Python, stdlib only).

``assess(text)`` returns a :class:`SafetyFinding` for a message that shows a
crisis (suicidal thoughts, self-harm, a plan or intent, a method question, a
goodbye message -- the writer's own or someone else's that a caregiver reports)
or an urgent red-flag symptom, and ``None`` otherwise. It does no I/O, keeps no
state and needs no model, so it keeps working when the database, the action
server or the NLU model are down. It is the safety floor under the NLU model,
not a replacement for it.

Pipeline
--------
1. Normalise: HTML entities unescaped, Unicode NFKC, accents stripped,
   case-folded, zero-width/control characters and markup punctuation removed,
   whitespace collapsed, contractions expanded ("don't" -> "do not", "I'm" ->
   "i am", "wanna" -> "want to"), chat slang expanded ("rn", "idk", "u", "2nite").
   For crisis matching only, a second pass also undoes leetspeak inside words
   ("k1ll", "su1c1de", "d!e"), joins spaced/dotted letters ("k.m.s"), treats
   "*" as a wildcard letter ("s**cide") and corrects one- or two-letter typos of
   key words ("sucide", "suicidial", "myslef", "overdoes"); elongated letters
   ("diiie") are tried both kept and collapsed.
   Dropped g's ("thinkin", "killin") are restored, "'d" + participle is read
   as "had" ("I wish I'd gone" is not "would gone").
2. Crisis rules (regular expressions over one sentence at a time), each with
   its category and its own idiom exclusions. They are tried on several views
   of the message: as written, elongations collapsed, filler adverbs removed
   ("can't *really* feel", "I just honestly want to"), and the whole message
   as one sentence (a thought split over full stops). Besides phrase rules
   there are class rules: a desire word (want, wish, hope, pray, long for,
   can't wait, relieved if ...) followed within ten words by a death /
   non-existence / not-waking target; medication at hand, counted out or
   saved "so I'd have enough"; "sad I'm still here"; dying + "sooner / speed
   it up"; a note or letter + "sorry / explaining why"; places (bridge,
   platform, cliff) + a thought about them. Round 3 class rules (concepts
   behind whole-pipeline misses on heldout3/heldout4): making a death look
   like an accident / "worth more dead" (insurance); having "a plan" given as
   the reason for feeling calm; being a burden + removing oneself ("save
   everyone the bother", "stop being a burden"); choosing the time of one's
   death ("on my own terms", "beat the cancer to it", a date picked next to
   letters); someone wanting to follow / join the patient in death (or the
   reverse), pacts; the lethality of a fall from a height; a quantity of
   medication "saved up / stashed", "enough morphine for when the time
   comes"; a declared last day / night; "gone / at peace / over" by a named
   near time; "why am I still alive". Each has its own exclusions (legacy
   and funeral planning, travel and discharge, prognosis given by others,
   dosette boxes, falls that happened, ...); some look at the whole message.
   The first matching *self* finding wins over third-party findings ("he'd
   be happier if I wasn't here" is about the writer); among those,
   plan_or_intent > method > goodbye > self_harm > suicidal_ideation.
3. Urgent rules, only if no crisis matched ("crisis wins over urgent").

Measured limits (bench/safety/REPORT.md)
---------------------------------------
On three held-out sets written independently of the rules, crisis recall at
first measurement was 67.8 %, 69.3 % and 68.6 %. Urgent recall was 84.6 %,
86.2 % and 91.9 %, and false positives on non-crisis text were 0.8 %, 2.3 %
and 2.4 %. Indirect crisis language the rules have not seen is often missed.
This module is a floor that keeps working when everything else is down. It
is not the crisis classifier: combine it with the NLU model (crisis if
either fires).

Recall first -- choices made deliberately
-----------------------------------------
* Any mention of suicide / suicidal fires, even in a question ("what are the
  warning signs of suicide?") -- a human follows up. The only thing that stops it
  is a clear negation (below). Assisted dying / euthanasia / MAiD fire the same
  way, except as law, news or debate with nobody in the message wanting it ("is
  assisted dying legal in victoria? not for me", "a book club article about
  dignitas"); "is it legal here? I want it" fires.
* Not a disclosure, so not fired on: a screening question reported with a clear
  "no" ("the counsellor asked if I ever think about hurting myself, I said no"),
  unless the answer is taken back ("...but I lied"); someone else's suicide long
  ago, remembered ("my uncle took his own life 10 years ago today"), unless the
  writer speaks of joining them or of the same; "die of embarrassment".
* A red flag told as a past episode that is over fires no urgent finding ("admitted
  with neutropenic sepsis in march, fully recovered"): it needs a past time, a word
  saying it resolved, and nothing saying it is back, new or happening now.
* Any mention of an overdose, a lethal/fatal/toxic dose, or "how many pills
  would it take" fires as ``method``, including "can you overdose on
  paracetamol?" and accidental overdoses.
* A count of tablets too large for one dose (8 or more, in digits or words, "all of
  them", "the whole box") of a medicine people overdose on, asked about as "enough" /
  "would that do it" / "would I need more", fires as ``method`` ("is 20 temazepam enough",
  "would thirty of her morphine tablets do it"); so does any count with an explicit purpose
  ("would 5 be enough to not wake up"). Dose and supply questions do not: mg / ml /
  minutes, small counts ("is 2 paracetamol enough for the pain", "would 2 be enough to help
  me sleep"), "a day", "to last the week", "left", medicines taken by the handful
  (capecitabine, dexamethasone, Creon).
* Negation is trusted only when it is unambiguous and close: "not", "never",
  "no longer", "nor" followed by at most a few function words ("I'm not
  suicidal", "I have never had thoughts of hurting myself", "I don't want to
  hurt myself"), or "no/without/denies" + "thoughts/plans/urges ... of"
  ("no thoughts of suicide", "no suicidal ideation"). "can't"/"couldn't" are
  not negations of a crisis ("I can't stop thinking about killing myself",
  "I couldn't kill myself because of my kids" both fire).
* A negation is ignored (the message fires) when the sentence also hedges or
  qualifies it: "not sure", "don't know", "maybe", "might", "not really",
  "sometimes", "lately", "right now", "at the moment", "today", "anymore",
  "part of me", "I guess", "at least" ... and when it is followed by "but"
  plus a thought/urge/want ("I'm not suicidal but I keep thinking about it").
* Negations that ARE the crisis are their own rules and are never suppressed:
  "I don't want to live (anymore)", "don't want to be here / be alive / exist",
  "don't want to wake up" (also "didn't want to wake up this morning"), "not sure
  I want to go on", "can't go on", "can't do this anymore", "can't take it
  anymore", "no point in living", "no reason to live", "don't care if I die",
  "wouldn't mind not waking up", "nobody would miss me".
* "I don't want to die" (fear of dying) is NOT a crisis, nor are "I'm scared of
  dying", "am I going to die", "how long do I have", "I want to die at home /
  peacefully / when the time comes" (place-of-death preferences),
  "talking about dying/death", "thinking about death", "I feel like a burden"
  (alone), "I'm tired of fighting", "I want to stop chemo", "I can't cope"
  (without "anymore"), "I feel hopeless". These are distress or palliative
  conversations handled by the NLU model, not crisis.
* Ambiguous passive wishes fire: "I'd rather die than have more chemo",
  "I'm ready to die", "I want it all to be over", "I wish I could disappear",
  "I'm in a really dark place", "dark thoughts", "just kill me now",
  "I wish the cancer would just take me", "I might do something stupid".
* Goodbye signs fire: "this is goodbye", "giving away my things", "written
  letters to my kids" -- except when the letters are explicitly legacy work
  ("for their birthdays", "memory box", "for when they grow up").
* "kys"/"kill yourself" (abuse directed at someone) fires as crisis too;
  "kms" fires unless it follows a number ("3 kms").
* Idioms that do not fire: "this fatigue / my back is killing me", "dying to
  know/see/try", "to die for", "scared/bored/worried to death", "dead tired",
  "killing it", "I could kill for a coffee", "death by powerpoint",
  "killing myself trying to keep the house clean", "I cut myself shaving",
  "I hurt myself when I fell", "say goodbye to my hair".

Urgent red flags (clinical-safety.md)
--------------------------------------
Categories: neutropenic_fever, spinal_cord_compression, hypercalcaemia,
bleeding, breathlessness, chest_pain, fracture, fainting, confusion.
* Temperatures are parsed ("38.2", "temp of 101", "39 degrees", "38,5 C"):
  >= 38.0 C / >= 100.4 F fires, a reading below that does not (on its own),
  "over 38" counts as >= 38, "under/below 38" does not. "I have a fever /
  high temperature" without a number fires; so do shivering/rigors/shaking
  chills and "feeling unwell after chemo".
* Spinal cord compression: leg numbness/weakness/can't feel or move legs/legs
  giving way fire alone; arm symptoms, tingling or heaviness fire together
  with back/neck pain; band-like pain and bladder/bowel control loss fire;
  saddle anaesthesia in everyday words ("no feeling down below", "can't feel
  the loo roll when I wipe") fires, numbness from sitting or a local
  anaesthetic does not. "Dead" / "like jelly" legs after a walk, a dance or
  the gym are tired legs; "gone dead" still fires. Numb fingers/toes (chemo
  neuropathy) alone do not. Back pain alone does not.
* Hypercalcaemia: two or more of extreme thirst, passing lots of urine,
  vomiting, constipation, confusion, drowsiness.
* Confusion: "very/suddenly confused", a third person "is confused" (not
  "confused about ..."), disoriented, not making sense, can't be woken,
  seizures and stroke signs. "I'm confused (about my treatment)" does not fire.
* Breathlessness on exertion ("on the stairs", "when I walk") or "a bit"
  breathless does not fire unless at rest / sudden / worse / at night.
* An urgent symptom does not fire when negated ("no fever", "she isn't
  breathless"), when only hypothetical ("what should I do if I get a fever"),
  when in the remote past ("I had a fever last year"), or when the sentence is
  an information question with no current event -- no first/third person,
  no time marker, no reading ("can chemo cause fever?", "what are the signs of
  cord compression?", "what does chest pain on treatment mean in general?").
  "I have chest pain", "she has a fever of 38.5", "am I having a heart attack?"
  fire.

``third_party`` is True when the crisis or symptom is about someone else
(she/he/they, "my mum/wife/husband ...", herself/himself, "her pills"). For a
third-party crisis the category is ``"third_party"`` (whatever its sub-type);
urgent findings keep their symptom category. ``matched`` is the triggering span
of the *normalised* text (lower-case, contractions expanded).
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, List, Optional, Sequence, Tuple

__all__ = ["SafetyFinding", "assess", "normalise"]

CRISIS = "crisis"
URGENT = "urgent_symptom"


@dataclass(frozen=True)
class SafetyFinding:
    kind: str          # "crisis" or "urgent_symptom"
    category: str
    matched: str       # the (normalised) text span that triggered
    third_party: bool  # reported about someone else


# ---------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------

_ZERO_WIDTH = re.compile("[\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff\u00ad]")
_APOSTROPHES = re.compile("[\u2018\u2019\u201a\u201b\u2032\u02bc\u00b4`\uff07]")
_QUOTES = re.compile("[\"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033]")
_DASHES = re.compile("[\u2010-\u2015\u2212_/\\\\|~+=]")

_CONTRACTIONS: Tuple[Tuple[str, str], ...] = (
    (r"\bcan'?t\b", "can not"),
    (r"\bcannot\b", "can not"),
    (r"\bwon'?t\b", "will not"),
    (r"\bain'?t\b", "am not"),
    (r"\bshan'?t\b", "shall not"),
    (r"\b(do|does|did|is|are|was|were|have|has|had|would|could|should|must|need|might)n'?t\b", r"\1 not"),
    (r"\b(\w+)n't\b", r"\1 not"),
    (r"\bi'?m\b", "i am"),
    (r"\bi'?ve\b", "i have"),
    (r"\b(i|you|she|he|we|they|it)'?d (been|gone|had|done|never|already|seen|taken|made|got|known|thought|told|said|"
     r"left|died|come|become|lost|given|written|tried|wanted|woken|woke|fallen|eaten|slept|felt|heard|spoken|run|used|"
     r"stopped|started|finished|decided|planned|saved|hoped|wished|just)\b", r"\1 had \2"),
    (r"\bi'd\b", "i would"),
    (r"\bi'll\b", "i will"),
    (r"\b(you|we|they|who|what)'re\b", r"\1 are"),
    (r"\b(you|they)re\b", r"\1 are"),
    (r"\b(he|she|it|that|what|there|who|where|here|how|everything|everyone|everybody|nothing|life|this)'s\b", r"\1 is"),
    (r"\b(s?he|that|what|there)s\b", r"\1 is"),
    (r"\b(\w+)'ll\b", r"\1 will"),
    (r"\b(\w+)'ve\b", r"\1 have"),
    (r"\b(\w+)'d (been|gone|had|done|never|already|seen|taken|made|got|known|thought|told|said|left|died|woken|fallen)\b",
     r"\1 had \2"),
    (r"\b(\w+)'d\b", r"\1 would"),
    (r"\bim\b", "i am"),
    (r"\bive\b", "i have"),
)
_CONTRACTION_RES = tuple((re.compile(p), r) for p, r in _CONTRACTIONS)

_SLANG = {
    "wanna": "want to", "wana": "want to", "wanta": "want to", "gonna": "going to",
    "gona": "going to", "gotta": "got to", "tryna": "trying to", "hafta": "have to",
    "finna": "going to", "kinda": "kind of", "sorta": "sort of", "dunno": "do not know",
    "idk": "i do not know", "idc": "i do not care", "rn": "right now", "u": "you",
    "ur": "your", "ppl": "people", "pls": "please", "plz": "please", "bc": "because",
    "cuz": "because", "coz": "because", "cos": "because", "tho": "though", "thru": "through",
    "abt": "about", "b4": "before", "2nite": "tonight", "tonite": "tonight", "2day": "today",
    "2moro": "tomorrow", "2morrow": "tomorrow", "tmrw": "tomorrow", "tmr": "tomorrow",
    "nite": "night", "msg": "message", "tbh": "to be honest", "ngl": "not going to lie",
    "hubby": "husband", "mil": "mother in law", "gf": "girlfriend", "bf": "boyfriend",
    "lemme": "let me", "gimme": "give me", "outta": "out of", "dont": "do not",
    "doesnt": "does not", "didnt": "did not", "cant": "can not", "wont": "will not",
    "isnt": "is not", "wasnt": "was not", "arent": "are not", "werent": "were not",
    "havent": "have not", "hasnt": "has not", "hadnt": "had not", "wouldnt": "would not",
    "couldnt": "could not", "shouldnt": "should not", "aint": "am not", "theyre": "they are",
    "youre": "you are", "whats": "what is", "thats": "that is", "theres": "there is",
    "shes": "she is", "hes": "he is", "wnt": "want", "wnat": "want", "wamt": "want",
    "whant": "want", "wan": "want", "temp's": "temp is", "mom's": "mom is", "mum's": "mum is",
    "dad's": "dad is", "tmp": "temp", "sumthing": "something", "nothin": "nothing",
    "gud": "good", "plzz": "please", "ok": "okay", "k": "okay", "w": "with", "hv": "have",
    "rly": "really", "rlly": "really", "realy": "really", "relly": "really", "b": "be", "shud": "should",
    "shld": "should", "wud": "would", "wld": "would", "cud": "could", "cld": "could", "sum1": "someone",
    "any1": "anyone", "no1": "no one", "every1": "everyone", "evry1": "everyone", "ded": "dead", "dyin": "dying",
    "livin": "living", "goin": "going", "tryin": "trying", "feelin": "feeling", "thinkin": "thinking",
    "somethin": "something", "nuthin": "nothing", "anymore": "anymore", "nomore": "no more", "wiv": "with",
    "becuz": "because", "becoz": "because", "cuz": "because", "thot": "thought", "thnk": "think", "thx": "thanks",
    "bout": "about", "abit": "a bit", "alot": "a lot", "wanted2": "wanted to", "want2": "want to", "wana": "want to",
    "gon": "going to", "imma": "i am going to", "ima": "i am going to", "gunna": "going to", "finna": "going to",
    "coudnt": "could not", "couldnt": "could not", "shouldnt": "should not", "wouldnt": "would not", "cnt": "can not",
    "dnt": "do not", "dont'": "do not", "didn't": "did not", "ya": "you", "yr": "your", "hes": "he is",
    "2": "2",
}
_ING_VERBS = frozenset("""killing dying living going cutting hurting ending taking thinking feeling wanting planning harming
saving hoarding stockpiling jumping hanging trying waking giving saying writing talking crying bleeding shaking shivering
vomiting breathing struggling fainting falling burning drinking swallowing overdosing doing getting looking sitting lying
sleeping coping fighting carrying keeping hiding stashing collecting googling researching searching wishing hoping praying
existing leaving losing throwing being having""".split())

# Words whose typos we correct (crisis text only). Real English words that sit within
# the edit distance of a key word are protected.
_FUZZY_KEYS = (
    "suicide", "suicidal", "suicides", "myself", "herself", "himself", "yourself",
    "themselves", "overdose", "overdosed", "overdosing", "goodbye", "goodbyes",
    "lethal", "stockpiling", "stockpile", "unalive", "hanging",
)
_FUZZY_PROTECT = frozenset({
    "overdone", "overdue", "overlord", "overrode", "overdo", "suicides",
    "myself", "herself", "himself", "itself", "yourself", "ourself", "themself",
    "goodbye", "goodbyes", "good bye", "mysore", "lethal", "petal", "metal", "legal",
    "hanging", "banging", "changing", "hanging", "ranging", "hinging", "having",
    "stockpile", "unalike", "aerosol", "suite", "outside", "inside", "subside",
    "himselfs", "thyself", "overdrive", "overdose", "overdosed", "overdosing",
})

_LEET = {"1": "i", "3": "e", "0": "o", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"}
_LEET_TOKEN = re.compile(r"[a-z0-9@$!*]+")
_SPACED_LETTERS = re.compile(r"\b(?:[a-z][ .]){2,}[a-z]\b")
_SPACED_KEYS = frozenset({"kms", "kys", "ctb", "suicide", "suicidal", "die", "kill", "killmyself", "sh"})


def _damerau_leq(a: str, b: str, limit: int) -> bool:
    """True when the optimal-string-alignment distance of a and b is <= limit ('*' in a matches anything)."""
    la, lb = len(a), len(b)
    if abs(la - lb) > limit:
        return False
    prev2: List[int] = []
    prev = list(range(lb + 1))
    for i in range(1, la + 1):
        cur = [i] + [0] * lb
        row_min = cur[0]
        for j in range(1, lb + 1):
            cost = 0 if (a[i - 1] == b[j - 1] or a[i - 1] == "*") else 1
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
            if v < row_min:
                row_min = v
        if row_min > limit:
            return False
        prev2, prev = prev, cur
    return prev[lb] <= limit


def _fuzzy_token(tok: str) -> str:
    n = len(tok)
    if n < 5 or n > 13 or tok in _FUZZY_PROTECT:
        return tok
    for key in _FUZZY_KEYS:
        if tok == key:
            return tok
        limit = 1 if len(key) <= 7 else 2
        if abs(len(key) - n) > limit:
            continue
        if tok[0] != key[0] and tok[0] != "*" and tok[1:3] != key[1:3]:
            continue
        if _damerau_leq(tok, key, limit):
            return key
    return tok


def _deleet(text: str) -> str:
    def fix(m: "re.Match[str]") -> str:
        tok = m.group(0)
        if not any(c.isalpha() for c in tok) or tok.isalpha():
            return tok
        if any(c.isdigit() for c in tok) and sum(c.isalpha() for c in tok) < 2:
            return tok  # "38c", "b4", "2nite" and numbers stay
        if re.search(r"\d\d$", tok) or re.match(r"^\d\d", tok):
            return tok  # "ld50", "b12", "covid19", "5fu"
        chars = list(tok)
        for i, c in enumerate(chars):
            if c in _LEET:
                left = i > 0 and chars[i - 1].isalpha()
                right = i + 1 < len(chars) and (chars[i + 1].isalpha() or chars[i + 1] in _LEET)
                if (left and right) or (i == 0 and right and c in "$@"):
                    chars[i] = _LEET[c]
                elif left and i + 1 < len(chars) and chars[i + 1] == "*":
                    chars[i] = _LEET[c]
        return "".join(chars)
    return _LEET_TOKEN.sub(fix, text)


def _join_spaced(text: str) -> str:
    def fix(m: "re.Match[str]") -> str:
        joined = re.sub(r"[ .]", "", m.group(0))
        return joined if joined in _SPACED_KEYS else m.group(0)
    return _SPACED_LETTERS.sub(fix, text)


def _base(text: object) -> str:
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
    text = _ZERO_WIDTH.sub("", text)
    text = _APOSTROPHES.sub("'", text)
    text = _QUOTES.sub(" ", text)
    text = text.casefold()
    # strip accents (fiancée -> fiancee) but keep other scripts' letters as they are
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    # control characters -> space (newline kept as a sentence break)
    text = "".join(c if (c.isprintable() or c == "\n") else " " for c in text)
    text = text.replace("\u00b0", " degrees ").replace("\u00ba", " degrees ")
    text = re.sub(r"\b(\d{2,3}),(\d)\b", r"\1.\2", text)  # 38,5 -> 38.5
    return text


def _clean(text: str, crisis: bool) -> str:
    # Line breaks: for crisis matching they are plain spaces (people break lines mid-sentence; recall
    # first). For urgent matching a blank line ends a sentence, so "no fever" does not negate the next line.
    if not crisis:
        text = re.sub(r"\n[ \t\r]*\n\s*", " . ", text)
    text = re.sub(r"[\n\r]", " ", text)
    if crisis:
        text = _join_spaced(text)
        text = _deleet(text)
    text = re.sub(r"\bw/o\b", " without ", text)
    text = re.sub(r"\bw/", " with ", text)
    text = _DASHES.sub(" ", text)
    text = re.sub(r"-", " ", text)
    # keep letters, digits, apostrophes inside words, sentence punctuation and '*' (wildcard)
    text = re.sub(r"[^\w'.,!?;:\n* ]", " ", text)
    text = re.sub(r"(?<![a-z])'|'(?![a-z])", " ", text)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    for pat, rep in _CONTRACTION_RES:
        text = pat.sub(rep, text)
    words = re.split(r"(\s+|[.,!?;:\n])", text)
    out = []
    for w in words:
        if not w:
            continue
        if w in _SLANG and w != "2":
            out.append(_SLANG[w])
        elif w.endswith("in") and len(w) >= 5 and (w + "g") in _ING_VERBS:
            out.append(w + "g")
        elif crisis and w.isalpha() is False and "*" in w and len(w) <= 13:
            fixed = _fuzzy_token(w)
            out.append(fixed.replace("*", "") if fixed == w else fixed)
        elif crisis and w.isalpha():
            out.append(_fuzzy_token(w))
        else:
            out.append(w)
    text = "".join(out).replace("*", "")
    text = re.sub(r"\bmy self\b", "myself", text)
    text = re.sub(r"\b(her|him|them|your|our) ?(self|selves)\b", r"\1\2", text)
    text = re.sub(r"[ \t]+", " ", text)
    return text.strip()


_FILLER_ADVERBS = re.compile(
    r"\b(?:really|actually|literally|honestly|basically|totally|completely|truly|seriously|genuinely|properly|"
    r"even|kind of|sort of|kinda|sorta|pretty much|quite|very|so|anymore really|rly|fr|ngl|lol|tbh|like)\s+"
    # ", just ..." introduces what the person has instead ("not suicidal, just flat"): kept
    r"|(?<!, )\b(?:just|simply)\s+"
)


def _de_adverb(text: str) -> str:
    text = re.sub(r"\b(can|could)\s+(?:barely|hardly|scarcely|only just)\b", r"\1 not", text)
    text = re.sub(r"\b(?:barely|hardly|scarcely) able to\b", "can not", text)
    return re.sub(r"\s+", " ", _FILLER_ADVERBS.sub("", text)).strip()


def normalise(text: object) -> str:
    """The normalised text the urgent rules see (exposed for tests and debugging)."""
    return _clean(_base(text), crisis=False)


def _crisis_views(base: str) -> List[str]:
    views = [_clean(base, crisis=True)]
    if re.search(r"([a-z])\1\1", base):
        collapsed = _clean(re.sub(r"([a-z])\1{2,}", r"\1", base), crisis=True)
        if collapsed not in views:
            views.append(collapsed)
        two = _clean(re.sub(r"([a-z])\1{2,}", r"\1\1", base), crisis=True)
        if two not in views:
            views.append(two)
    de_adv = _de_adverb(views[0])
    if de_adv not in views:
        views.append(de_adv)
    # Last: the whole message as one sentence, so a thought split by full stops
    # ("I want it to stop. All of it. Forever.") is still seen whole.
    joined = _SENT_SPLIT.sub(" ", views[0])
    joined = re.sub(r"\s+", " ", joined).strip()
    if joined != views[0]:
        views.append(joined)
    return views


# ---------------------------------------------------------------------------
# Sentence, clause, negation, subject helpers
# ---------------------------------------------------------------------------

_SENT_SPLIT = re.compile(r"(?<!\d)\.(?!\d)|[!?;\n]+")
_CLAUSE_BREAK = re.compile(r",|:|\bbut\b|\bhowever\b|\balthough\b|\bthough\b|\bwhereas\b")


def _sentences(text: str, keep_punct: bool = False) -> List[str]:
    if not keep_punct:
        return [s.strip() for s in _SENT_SPLIT.split(text) if s and s.strip()]
    out, last = [], 0
    for m in _SENT_SPLIT.finditer(text):
        piece = text[last:m.end()].strip()
        if piece.strip(".!?;\n "):
            out.append(piece)
        last = m.end()
    tail = text[last:].strip()
    if tail:
        out.append(tail)
    return out


def _clause_prefix(sentence: str, start: int, limit: int = 120) -> str:
    pre = sentence[max(0, start - limit):start]
    parts = _CLAUSE_BREAK.split(pre)
    return parts[-1] if parts else pre


_CRISIS_NEG_FILLER = (
    r"(?:i|am|was|were|is|are|be|been|being|have|has|had|having|feel|feeling|felt|feels|going|to|"
    r"want|wanted|wanting|wants|planning|plan|plans|intend|intending|intention|ever|currently|"
    r"at|all|any|thoughts|thought of|of|about|do|does|did|would|will|try|trying|tried|the|a|urge|"
    r"urges|desire|wish|wishes|wishing|so|she|he|they|it|thinking|actually|like|that|"
    r"myself|herself|himself|gonna|really want|remotely|even|considering|contemplating)"
)
_CRISIS_NEG = re.compile(
    r"(?:(?<!can )(?<!could )(?<!cannot )\b(?:not|never|no longer|nor|neither)\s+(?:" + _CRISIS_NEG_FILLER + r"\s+){0,6}"
    r"|\b(?:no|without|zero|denies|denied|deny|free of|free from|none)\s+"
    r"(?:(?:any|current|active|recent|real|more|further|suicidal|thoughts?|plans?|intentions?|"
    r"intent|urges?|desires?|wish|wishes|ideation|history|feelings?|of|about|to|for|or|and|"
    r"self harm|signs?|risk)\s+){0,5})$"
)
_HEDGE = re.compile(
    r"\b(?:not sure|unsure|do not know|not saying|can not promise|can not say|can not guarantee|"
    r"will not promise|not certain|maybe|perhaps|might|probably|kind of|sort of|i guess|part of me|"
    r"not really|not always|not completely|not totally|not entirely|sometimes|some days|at times|"
    r"lately|these days|most days|right now|at the moment|for now|at least|anymore|any more|"
    r"today|tonight|not now|honestly not|or am i|am i|is it normal|still)\b"
)
_BUT_CUE = re.compile(
    r"\bbut\b.{0,60}?\b(?:think|thought|thinking|thoughts|urge|urges|tempt\w*|wonder\w*|sometimes|"
    r"still|it|that|those|them|feel like|do not know|not sure|scared|worried|afraid|part of me|if|"
    r"when|want|wanted|wish|plan|how|keep)\b"
)


_JUST_INSTEAD = re.compile(r"[^.,;]{0,25}?,?\s*\b(?:just|only|simply|merely)\b")


def _crisis_negated(sentence: str, start: int, end: int) -> bool:
    prefix = _clause_prefix(sentence, start, 90)
    if not _CRISIS_NEG.search(prefix):
        return False
    # "not suicidal, just really flat today": what follows "just" is the lesser state the
    # person has instead, so a hedge there ("today") does not undo the negation.
    instead = _JUST_INSTEAD.match(sentence, end)
    if _HEDGE.search(sentence[:instead.end()] if instead else sentence):
        return False
    if _BUT_CUE.search(sentence[end:end + 120]):
        return False
    return True


_KIN = (
    r"(?:mum|mom|mother|mam|mummy|mommy|mama|momma|dad|father|daddy|papa|wife|husband|partner|spouse|"
    r"fiance|fiancee|girlfriend|boyfriend|daughter|son|child|kid|sister|brother|sis|bro|sibling|"
    r"friend|bestie|mate|gran|granny|grandma|grandmother|nan|nanna|nana|grandad|granddad|grandpa|"
    r"grandfather|aunt|auntie|aunty|uncle|cousin|niece|nephew|patient|client|neighbour|neighbor|"
    r"colleague|flatmate|roommate|teenager|teen|stepmum|stepmom|stepdad|stepdaughter|stepson|"
    r"mother in law|father in law|sister in law|brother in law|loved one|lady|man|woman|relative)s?"
)
_SUBJECT = re.compile(
    r"(?P<third>\b(?:she|he|they|(?:my|our|her|his|their|the)\s+(?:\w+\s+)?" + _KIN +
    r"|mum|mom|dad|mummy|daddy|nan|gran|granny|grandma|grandpa)\b)"
    r"|(?P<first>\b(?:i|part of me|me myself)\b)"
)
_THIRD_IN_MATCH = re.compile(
    r"\b(?:herself|himself|themselves|themself|(?:her|his|their)\s+(?:own\s+)?(?:life|pills|tablets|meds|"
    r"medication|morphine|things|stuff|belongings|wrists?|throat|arms?|kids|children|family)|without (?:her|him|them)|"
    r"(?:she|he) (?:was|were|is|had|would|did|never|does|could|will)|from (?:my|our) (?:\w+\s+)?" + _KIN + r")\b"
)
_FIRST_IN_MATCH = re.compile(
    r"\b(?:myself|me|my|i|mine)\b"
)
_SECOND_IN_MATCH = re.compile(r"\b(?:yourself|yourselves|kys|you)\b")
_THIRD_VERB_START = re.compile(
    r"^(?:wants|wishes|says|talks|keeps|has|is|hopes|prays|thinks|feels|tells|told|said|texted|"
    r"messaged|wrote|writes|mentions|mentioned|talked|threatened|threatens|tried|attempted)\b"
)
_REPORT = re.compile(
    r"\b(?:she|he|they|(?:my|our)\s+(?:\w+\s+)?" + _KIN + r"|mum|mom|dad)\s+(?:\w+\s+){0,3}?"
    r"(?:said|says|told|tells|texted|texts|messaged|wrote|writes|posted|keeps saying|kept saying|"
    r"has been saying|has said|mentioned|mentions|talks|talked|has been talking|keeps talking)\b"
)


def _last_subject(text: str) -> Optional[str]:
    last = None
    for m in _SUBJECT.finditer(text):
        last = "third" if m.group("third") else "first"
    return last


def _is_third_party(sentences: Sequence[str], idx: int, start: int, matched: str) -> bool:
    """Decide whether the matched span is about someone other than the writer."""
    if _THIRD_IN_MATCH.search(matched):
        return True
    if _SECOND_IN_MATCH.search(matched):
        return False
    sentence = sentences[idx]
    prefix = sentence[max(0, start - 200):start]
    # "she told me 'I want to die'" -- a reported first-person quote
    if _REPORT.search(prefix):
        return True
    if re.search(r"\b(?:myself|my own life|my life|kill me|me\b)|\bif i\b", matched):
        return False  # "he'd be better off if I wasn't here": the writer is the one at risk
    subj = _last_subject(prefix)
    if subj is not None:
        return subj == "third"
    if prefix.strip() and _THIRD_VERB_START.search(matched):
        return True
    if re.match(r"^(?:i|my)\b", matched):
        return False
    # carry over from previous sentences (no subject here: "Talking about ending it all.")
    for j in range(idx - 1, max(-1, idx - 4), -1):
        subj = _last_subject(sentences[j])
        if subj is not None:
            return subj == "third"
    return False


# ---------------------------------------------------------------------------
# Crisis rules
# ---------------------------------------------------------------------------

REFL = r"(?:myself|herself|himself|themselves|themself|yourself|yourselves|ourselves|oneself|meself)"
POSS = r"(?:my|her|his|their|your|our|one's)"
ADV = (r"(?:(?:just|really|simply|honestly|actually|literally|seriously|truly|so|fucking|freaking|"
       r"fkn|effing|kind of|sort of|sometimes|often|still|also|even|badly|secretly|quietly|all|"
       r"genuinely|desperately|totally|completely|only|kinda)\s+)")
KILL = r"(?:k+i*l+(?:ing|ed|s)?)"
DRUG = (
    r"(?:pills?|tablets?|meds|medications?|medicines?|painkillers?|pain killers?|sleeping (?:pills|tablets)|"
    r"paracetamol|acetaminophen|tylenol|panadol|ibuprofen|aspirin|morphine|oramorph|oxycodone|oxycontin|"
    r"oxynorm|oxy|codeine|co codamol|cocodamol|tramadol|fentanyl|patch(?:es)?|zopiclone|zolpidem|ambien|"
    r"diazepam|valium|lorazepam|ativan|temazepam|benzos?|xanax|alprazolam|opioids?|opiates?|insulin|"
    r"amitriptyline|sertraline|citalopram|fluoxetine|mirtazapine|antidepressants?|warfarin|digoxin|"
    r"gabapentin|pregabalin|methadone|heroin|barbiturates?|nembutal|pentobarbital|hydromorphone|dilaudid|"
    r"percocet|vicodin|hydrocodone|quetiapine|seroquel|lithium|propranolol|drugs|capsules|dose|doses|"
    r"liquid morphine|oromorph|the lot)"
)

_INTENT_CUE = re.compile(
    r"\b(?:going to|gonna|about to|planning to|planning on|plan to|intend to|intending to|decided to|have decided|"
    r"made up my mind|determined to|(?:i|she|he|they) will (?!not|never|be)|(?:i|she|he) am going|tonight|"
    r"tomorrow|this weekend|when everyone|tried to|attempted|attempt|attempts|attempting)\b"
)
_ACTION = re.compile(
    r"\b(?:k+i*l+\w*|end\w*|tak\w*|took|overdos\w*|od|jump\w*|hang\w*|cut\w*|hurt\w*|harm\w*|shoot\w*|"
    r"drown\w*|off|top|do|die|unaliv\w*|suicid\w*|burn\w*|poison\w*|swallow\w*|step\w*|drive|crash)\b"
)
_INTENT_AFTER = re.compile(r"^\W*(?:\w+\s+){0,3}?(?:tonight|tomorrow|this weekend|today|right now)\b")
_PAST_ATTEMPT = re.compile(r"\b(?:tried to|attempted|attempt|attempts)\b")

# Exclusions shared by several "die" rules: place-of-death / natural-death preferences.
_DIE_PLACE = (
    r"\s+(?:at home|in (?:my |her |his |a |the )?(?:own )?(?:home|bed|hospice|hospital|house)|"
    r"peacefully|comfortably|naturally|in peace|with dignity and|surrounded|with (?:my |her |his )?"
    r"(?:family|loved ones|kids|children|husband|wife|partner)|when (?:the|it is|my|her|his) time|"
    r"of natural|from (?:the )?cancer|of (?:the )?cancer|before (?:my|her|his)|without pain|pain free|"
    r"in (?:my|her|his) sleep when|(?:of|from) (?:embarrassment|shame|laughter|laughing|boredom|cringe|"
    r"curiosity|happiness|excitement|fright|shock))"
)
_FEAR_BEFORE = re.compile(
    r"\b(?:scared|afraid|terrified|worried|worry|worries|fear|fears|frightened|panic|panicking|"
    r"anxious|nightmare|nightmares|dread)\b"
)


@dataclass(frozen=True)
class _Rule:
    category: str
    pattern: "re.Pattern[str]"
    negatable: bool = True
    after: Optional["re.Pattern[str]"] = None     # idiom/exclusion right after the match
    before: Optional["re.Pattern[str]"] = None    # exclusion right before the match (anchored at end)
    sentence: Optional["re.Pattern[str]"] = None  # exclusion anywhere in the sentence
    unless: Optional["re.Pattern[str]"] = None    # ...unless this is also in the sentence
    check: Optional[Callable[[str, "re.Match[str]"], bool]] = None  # extra veto (True = drop)
    message: Optional["re.Pattern[str]"] = None   # exclusion anywhere in the whole message ...
    message_unless: Optional["re.Pattern[str]"] = None  # ...unless this is also in the message


def _r(p: str) -> "re.Pattern[str]":
    return re.compile(p)


_ACCIDENT = _r(
    r"\b(?:fell|fall|falls|falling|fallen|slip|slipped|trip|tripped|lifting|lifted|carrying|moving|"
    r"accident|accidentally|accidental|by mistake|gardening|cooking|chopping|shaving|ironing|"
    r"kettle|oven|stove|door|corner|knife|glass|tin|can opener|paper|at the gym|gym|exercis\w*|"
    r"walking|bumped|banged|knocked|stood up|getting up|getting out of|playing|sport|injection|"
    r"needle|if i (?:fall|move|lift)|walk without|without (?:my|her|his) (?:frame|stick|walker)|"
    r"workout|yoga|dancing|running|doing too much|housework|hoovering|lifting)\b"
)
_ASSISTED_DYING = _r(
    r"\b(?:euthanas(?:ia|e)|euthani[sz](?:e|ed|ing)|assisted (?:dying|death)|dignitas|medical (?:aid|assistance) in "
    r"dying|physician assisted|voluntary assisted dying|right to die|death with dignity|die with dignity|"
    # "maid" / "vad" are ordinary words too (a hotel maid): only in the assisted-dying sense
    r"(?:maid|vad) (?:assessment|assessor|application|request|provider|eligibility|process|track|team|program|programme)|"
    r"(?:get|getting|apply for|applied for|request|requested|qualify for|eligible for|approved for|choose|chose|chosen|"
    r"considering|access|accessing) (?:maid|vad))\b")
_AD_AS_TOPIC = _r(
    r"\b(?:legal|illegal|legali[sz]\w*|law|laws|lawful|bill|act|vote|voted|votes|voting|parliament|mps?|senate|"
    r"government|politics|political|news|article|articles|debate|debated|debating|documentary|podcast|book club|"
    r"film|programme|program|campaign\w*|petition|arguments?|ethics|ethical|countries|country|states?|province|"
    r"in (?:victoria|canada|oregon|switzerland|the us|the uk|scotland|england|wales|jersey|australia|new zealand|"
    r"belgium|the netherlands|holland|spain)|difference between|what does (?:it|that|this) (?:actually )?mean|"
    r"not for me|who qualifies|how does (?:it|that) work (?:there|here))\b")
_AD_WANTED = _r(
    r"\b(?:i|she|he|mum|mom|dad|my (?:wife|husband|partner|mum|mom|dad|mother|father))\s+(?:\w+\s+){0,2}?"
    r"(?:want|wants|wanted|would like|wish|wishes|am considering|is considering|considering|have been thinking|has been "
    r"thinking|thinking (?:about|of)|looking into|is looking|am looking|going to|plan|plans|planning|intend|intends|"
    r"ready|asked (?:me |us )?(?:to|for|about)|keeps asking|begged|begging|applied|apply|qualify|registered|signed up|"
    r"decided)\b(?!\s+to (?:know|understand|learn|read|find out|check|ask))|(?<!not )\bfor (?:me|myself)\b|"
    r"\b(?:can|could|would|do|should) i (?:get|have|qualify|apply|go|ask|be)\b|\bhow (?:do|would|can) i (?:get|apply|"
    r"access|qualify|arrange|ask)\b|\bhelp (?:me|her|him) (?:get|go|apply|arrange)\b|"
    # asked about in the light of one's own illness: read as interest, recall first
    r"\b(?:someone|somebody|people) like (?:me|her|him)\b|\b(?:i am|she is|he is) (?:stage (?:4|four|iv)|terminal|"
    r"dying)\b|\b(?:my|her|his) (?:cancer|diagnosis|prognosis|illness)\b")

_ON_PURPOSE = _r(r"\b(?:on purpose|deliberately|intentionally|to feel|to punish|because i wanted|again|urge|urges|want to)\b")

_DESIRE = (
    r"(?:want|wants|wanted|wanting|wish|wishes|wished|wishing|hope|hopes|hoped|hoping|hopefully|pray|prays|prayed|"
    r"praying|long for|longing for|longs for|ready for|ready to|would welcome|welcome|look forward to|looking forward to|"
    r"looks forward to|can not wait (?:for|to|until)|could not wait|fantasi[sz]e|fantasi[sz]es|fantasi[sz]ing|"
    r"dream (?:of|about)|dreams (?:of|about)|dreaming (?:of|about)|daydream\w* (?:of|about)|would love|would like|"
    r"would rather|rather|prefer|relieved if|a relief if|relief if|glad if|happy if|fine if|okay if|grateful if|"
    r"beg|begging|begged|asking for|ask for|crave|craving|yearn\w*|ache for|aching for|let me|please let|just let)"
)
_DEATH_TARGET = (
    r"(?:death|die|dying|to be dead|be dead|not (?:to )?exist|not existing|stop existing|non existence|nonexistence|"
    r"not being alive|not be alive|not (?:to )?wake(?: up)?|never (?:to )?wake(?: up)?|not waking(?: up)?|never waking(?: up)?|"
    r"never woke(?: up)?|never woken(?: up)?|had never woken|had not woken|the end of (?:it|me|my life|everything)|"
    r"it (?:all )?(?:to )?be over|it all over|my life (?:to )?(?:be )?over|all to end|everything to end|my life to end|"
    r"gone forever|sleep forever|go to sleep (?:for good|forever|permanently)|put me out of my misery|"
    r"put me to sleep (?:for good|forever|permanently|like a dog|and not)|put (?:her|him) out of (?:her|his) misery|"
    r"finish(?:es|ed)? me off|take me (?:now|away|already|tonight|soon|home to)|take me\s*$|takes me|took me|my last breath|"
    r"stop living|stop breathing|my heart (?:to )?stop|not be here|not be around|disappear forever|vanish forever|"
    r"cease to exist|cease existing|not be born|never been born|never born|join (?:my|her|his) late|"
    r"be with (?:my|her|his) late|end it all|ending it all|the sweet release|release of death|eternal sleep|"
    r"not see (?:another|the next|tomorrow|the morning)|no more tomorrows|be gone|be put down|get it over with)"
)

_CRISIS_RULES: Tuple[_Rule, ...] = (
    _Rule("suicidal_ideation", _r(
        r"\b" + _DESIRE + r"\b(?:\s+\w+){0,10}?\s+" + _DEATH_TARGET + r"\b|"
        r"\b" + _DEATH_TARGET + r"\b(?:\s+\w+){0,3}?\s+(?:can not come (?:soon|quick|fast) enough|could not come (?:soon|quick) enough|"
        r"would be (?:a )?welcome|is welcome|please come|come and get me|come for me)\b"),
          after=_r(_DIE_PLACE + r"|\s+(?:from|of) (?:the |this |my |her |his )?(?:cancer|disease|illness|tumou?r)|"
                   r"\s+(?:until|till|before (?:noon|lunch|\d)|for (?:a|the|at least|another) (?:day|week|while|hours?|bit))\b|"
                   r"\s+(?:before|until|till) (?:my|her|his|the) (?:\w+\s+)?(?:wedding|birthday|graduation|christmas|"
                   r"holiday|grandchild|baby)"),
          check=lambda s, m: bool(re.search(
              r"\b(?:not want|not wanting|not ready|not wish|scared|afraid|terrified|fear|frightened|worried|worry|"
              r"worries|nightmare|dread|anxious|not hoping|hope not|hope i do not|hope she does not|hope he does not)\b"
              r"(?:\s+\w+){0,3}?\s*$", s[max(0, m.start() - 40):m.start()]) or re.search(
              r"\b(?:do not|does not|did not|never|not) (?:want|wish|hope|pray|wanting|wishing)", m.group(0))
              or re.search(r"\bhope\b.{0,30}\b(?:the end of it|be over|over with)\b", m.group(0))
              or re.search(r"\bbefore (?:the cancer|cancer|it|this disease|the disease|the tumou?rs?|this illness) "
                           r"(?:takes|gets|kills|finishes) (?:me|her|him)\b", m.group(0))
              or re.search(r"\b(?:when|before|after|once|until|till|by the time|if|in case|for when|at|where) (?:i|she|he|we|they|"
                           r"my|her|his|the) (?:\w+ )?(?:die|dies|died|am dead|is dead|am gone|is gone|death|dying|end)\b",
                           m.group(0))
              or re.search(r"\b(?:talk|talking|speak|speaking|learn|learning|know|ask|asking|questions?|read|reading|hear|"
                           r"plan|planning|prepare|preparing|discuss|discussing|understand|information|info|more|leaflet|"
                           r"explain|think|thinking|write|writing|film|book|documentary|wishes|preferences|"
                           r"funeral|will)\b(?:\s+\w+){0,2}?\s+(?:about|for|on|around|of|regarding)\b", m.group(0))
              or re.search(r"\b(?:know|understand|learn|explain|tell (?:me|her|him|us)) (?:the )?differences? between\b",
                           m.group(0))
              or re.search(r"\b(?:my|her|his) death (?:to be|to happen|to come (?:at|in)|at home|in (?:a|the) hospice)\b",
                           s[m.start():m.end() + 30])
              or re.search(r"\b(?:chemo|treatment|radiotherapy|scan|scans|week|cycle|pain|nausea|waiting|appointment|"
                           r"results|surgery|operation|biopsy|infusion)\b", m.group(0))),
          ),
    # --- explicit words -----------------------------------------------------------------
    _Rule("suicidal_ideation", _r(
        r"\b(?:suicid(?:e|al|es|ally|ality)|sewer ?slide|sewerslide|self ?delet(?:e|ing|ion)|"
        r"un ?aliv(?:e|ing|ed)|ctb|kys|hasten (?:my|her|his|their) death|speed up (?:my|her|his) death)\b")),
    # Assisted dying fires like suicide, except as law, news or debate with nobody wanting it
    # ("is assisted dying legal in victoria? not for me", "a book club article about dignitas").
    _Rule("suicidal_ideation", _ASSISTED_DYING, message=_AD_AS_TOPIC, message_unless=_AD_WANTED),
    _Rule("suicidal_ideation", _r(r"\bkms\b"),
          before=_r(r"(?<!want )(?<!going )(?<!about )(?<!need )(?<!wanna )(?<!gonna )\b\d+(?:\.\d+)?\s*$")),
    _Rule("suicidal_ideation", _r(r"\b" + KILL + r"\s*" + REFL + r"\b|\bkil+\s*my\s*self\b"),
          after=_r(r"\s+(?:trying|working|to get|to keep|to make|to finish|to please|at work|with work|"
                   r"over (?:this|that|it|work|the|a)|laughing|for (?:a|the|my|this|that|work)|doing|"
                   r"to look after|cleaning)")),
    _Rule("suicidal_ideation", _r(
        r"(?:^|\b(?:just|please|pls|somebody|someone|anyone|anybody|god|lord|jesus|cancer|you)\s+"
        r"(?:please\s+|just\s+|come\s+(?:and\s+)?|already\s+)*)kill\s+me\b(?!\s+(?:if|when))")),
    _Rule("suicidal_ideation", _r(
        r"\b(?:wish|want|need|hope|hoping|pray|praying|like)\s+(?:that\s+)?(?:someone|somebody|you|they|god|"
        r"it|the cancer|this cancer|this|something|death|the disease|a bus|the tumou?rs?)\s+(?:would|will|"
        r"to|could)\s+(?:just\s+|finally\s+|hurry up and\s+|come and\s+)?(?:kill|take|finish(?: off)?|"
        r"come for|end)\s+(?:me|her|him)\b")),
    _Rule("suicidal_ideation", _r(
        r"\b(?:god|lord|jesus|death)\s+(?:please\s+)?(?:just\s+)?(?:take|come (?:and )?(?:take|get)|"
        r"come for)\s+me\b|\blet (?:it|the cancer|this|the disease|the tumou?rs?) (?:just )?"
        r"(?:kill|take|finish) me\b|\b(?:let|help) (?:me|her|him) (?:to )?(?:die|go)\b(?!\s+(?:home|out|to|at|peacefully|"
        r"comfortably|in (?:peace|hospital|the hospice|a hospice|her own bed|his own bed|my own bed|comfort)|with dignity))")),
    _Rule("suicidal_ideation", _r(
        r"\b(?:neck|necking|top|topping|off|offing|offed|end|ending|ended|do|doing) (?:myself|herself|himself|themselves|"
        r"yourself)(?: in)?\b"),
          after=_r(r"\s+(?:up|out|over|a favou?r|proud|justice|credit|good|harm)\b"),
          check=lambda s, m: m.group(0).startswith("do") and not m.group(0).endswith(" in")),
    _Rule("suicidal_ideation", _r(
        r"\b(?:end|ends|ending|ended|take|takes|taking|took|taken|terminate|terminating)\s+" + POSS +
        r"\s+(?:own\s+)?(?:life|existence)\b"),
          before=_r(r"\b(?:cancer|it|this|disease|illness|chemo|treatment|which|that|tumou?rs?|has|have|had|"
                    r"nearly|almost|mets|drug|drugs)\s+(?:has\s+|have\s+|had\s+|nearly\s+|almost\s+|will\s+|would\s+)?$"),
          after=_r(r"\s+(?:back|away|over|from (?:me|her|him)|into (?:my|her|his) own hands|in (?:my|her|his) "
                   r"(?:own )?hands|seriously|one day at a time|day by day|as it comes)\b")),
    _Rule("suicidal_ideation", _r(
        r"\b(?:want|wants|wanted|wanting|wish|wishes|going to|gonna|about to|planning to|planning on|plan to|"
        r"thinking (?:about|of)|think about|thought about|thought of|considering|consider|considered|ready to|"
        r"decided to|could just|should just|might just|will just|would just|tempted to|time to|need to|have to|"
        r"like to|would|will|to|just|gonna|might|may|could|should|urge to|close to|talking about|talks about|"
        r"talked about|keeps? talking about|said (?:she|he|they|i) (?:wants?|wanted) to|feel like|feels like|felt like|"
        r"feeling like|researching|googling|looking up|ways to|how to)\s+(?:\w+\s+){0,2}?"
        r"(?:end(?:ing)?|finish(?:ing)? it all)\s+(?:it all|it|things|everything|my suffering|this suffering|"
        r"the suffering|my misery|this misery|it now|my existence|this existence|this life|myself|"
        r"it once and for all)\b"),
          after=_r(r"\s+(?:with|between|off with|early|for the (?:day|night)|there|here|on a (?:high|good|positive)|"
                   r"by saying|now and go|up)\b")),
    _Rule("suicidal_ideation", _r(r"\b(?:end|ending|ended) it all\b")),
    # --- wanting to die / be dead --------------------------------------------------------
    _Rule("suicidal_ideation", _r(
        r"\b(?:want|wants|wanted|wanting|wish|wishes|wished|wishing|hope|hoping|hopes|pray|praying|prays|"
        r"ready|long|longing|longs|desire|would like|would love|would prefer|prefer|like|need|needs|"
        r"choose|choosing|plan|plans|planning|going)\s+" + ADV + r"*(?:to|2)\s+" + ADV +
        r"*(?:d[iy]e|be dead|die already|go to sleep forever|sleep forever|fall asleep forever|not exist|"
        r"stop existing|cease to exist|cease existing|disappear forever|vanish forever|not be alive|"
        r"be gone|be six feet under|be 6 feet under|be in (?:a|my) grave|join (?:my|her|his) (?:late )?\w+ "
        r"in heaven|be with god|be with jesus|meet my maker|not be here|not be around)\b"),
          after=_r(_DIE_PLACE + r"|\s+(?:my|her|his|the) hair|\s+(?:it|them) (?:a|another|back)|\s+for (?:a|my|her|his|the|this|that) (?:\w+\s+)?(?:coffee|cake|chocolate|country|cause|kids|children)"),
          check=lambda s, m: m.group(0).startswith("going") and "going to die" in m.group(0)),
    _Rule("suicidal_ideation", _r(
        r"\b(?:rather|sooner)\s+(?:just\s+)?(?:be dead|die|not (?:be alive|exist|wake up|be here|be around|live))\b"),
          after=_r(r"\s+than (?:wear|eat|be seen|admit|listen|watch|sing|dance|go to (?:a|the) (?:party|gym|wedding))")),
    _Rule("suicidal_ideation", _r(
        r"\bwish(?:ed|es|ing)?\s+(?:that\s+)?(?:i|she|he|they)\s+(?:would|could|was|were|had|did|"
        r"would just|could just|just|were just|was just)?\s*(?:just\s+|already\s+|simply\s+)?"
        r"(?:be dead|dead|died|die|not (?:been born|be born|exist|wake up|be here|be alive|be around|here|alive|around)|"
        r"never (?:been born|be born|born|woke up|wake up|existed|exist)|been (?:dead|never born)|never been born|"
        r"gone(?!\s+(?:to|back|for|out|with|home|and|on|in|through|over|up|down))|disappear|vanish|"
        r"go to sleep (?:forever|and not|and never)|fall asleep and (?:not|never)|not here|not alive)\b")),
    _Rule("suicidal_ideation", _r(
        r"\b(?:want|wish|wanna|would like|like|would love|need)\s+(?:to\s+|i could\s+|i can\s+|i could just\s+)?"
        r"(?:just\s+)?(?:disappear|vanish|fade away|evaporate|cease to exist)\b"),
          after=_r(r"\s+(?:for a (?:while|bit|few|week|day|weekend|couple|month)|on holiday|to (?:a|the|my)|"
                   r"under (?:the|a) (?:duvet|covers|blanket)|into (?:a|my) (?:book|bed)|from (?:work|the ward))")),
    _Rule("suicidal_ideation", _r(
        r"\b(?:happier|better|easier)\s+(?:off\s+)?dead\b|\bbetter off (?:dead|gone|not (?:here|alive|around)|"
        r"without (?:me|her|him|them|us)|if (?:i|she|he|they) (?:just |simply )?(?:was|were|am|is|died|had died|"
        r"was dead|were dead|was gone|were gone|was not here|were not here|was not around|were not around|"
        r"did not exist|never existed|disappeared|was no longer)\b)")),
    _Rule("suicidal_ideation", _r(
        r"\b(?:everyone|everybody|they|my family|my kids|the kids|my children|my husband|my wife|"
        r"my partner|the world|people|we|all of them|the family|you all)\s+(?:would|will)\s+(?:all\s+|honestly\s+|probably\s+)?"
        r"be\s+(?:better|happier|fine|okay|easier)\s+(?:off\s+)?(?:without\s+(?:me|her|him)|if\s+(?:i|she|he)\s+"
        r"(?:was|were|had)\s+(?:gone|dead|died|not here|not around|never born))\b|"
        r"\b(?:everyone|everybody|they|my family|my kids|the kids|my children|my husband|my wife|my partner|"
        r"the world|all of them|the family)\s+(?:would|will)\s+(?:all\s+|honestly\s+|probably\s+)?be\s+better\s+off\b"),
          after=_r(r"\s+(?:financially|in|at|going|getting|if we|if they|with (?:a|an|more|less|some|their|the|"
                   r"extra|another|regular|proper|better)\b(?![^.?!]{0,60}\bthan (?:with |having )?(?:me|her|him)\b)|"
                   r"once)")),
    _Rule("suicidal_ideation", _r(
        r"\b(?:better|easier|happier|simpler|lighter|a relief|relief|fine|okay|calmer|peaceful)\b(?:\s+\w+){0,8}?\s+"
        r"if\s+(?:i|she|he)\s+(?:just\s+|simply\s+|were to\s+|was to\s+)?(?:was not|were not|am not|died|had died|"
        r"was dead|were dead|was gone|were gone|did not exist|never existed|disappeared|did not wake up|"
        r"never woke up|was no longer (?:here|around|alive)|were no longer (?:here|around|alive)|"
        r"was not around|were not around|was not here|were not here|just went|just died|ended it|killed (?:myself|herself|himself))\b"),
          after=_r(r"\s+(?:so|too|as|that|very|quite|always|feeling|ill|sick|tired|poorly|on|taking|having|doing|working|stuck|"
                   r"in (?:\w+\s+){0,2}?(?:pain|hospital|agony|discomfort|bed)|here (?:in|at|on) (?!this earth|earth))\b")),
    _Rule("suicidal_ideation", _r(
        r"\b(?:no one|noone|nobody|no body|not a single person|not one person|none of them)\s+(?:would|will|is going to|"
        r"even)\s+(?:even\s+|really\s+)?(?:miss|mourn)\s+(?:me|her|him)\b|"
        r"\b(?:no one|noone|nobody|no body|none of them|would anyone|would anybody|does anyone|would they even)\s+"
        r"(?:would|will|is going to|even)?\s*(?:even\s+|really\s+)?(?:care|notice|miss me|miss her|miss him)\s+"
        r"(?:if|when)\s+(?:i|she|he)\s+(?:died|was gone|were gone|was dead|disappeared|did not wake up|never woke up|"
        r"killed|ended|just went|was not here|were not here|was not around|went)\b")),
    # --- negations that are the crisis (never suppressed) ---------------------------------------
    _Rule("suicidal_ideation", _r(
        r"\b(?:not|never|no longer|nor)\s+" + ADV + r"*(?:really\s+)?(?:want|wants|wanted|wanting|wish|wishes|"
        r"like|feel like|care|see the point|see a reason|see any reason|see any point|have the will|have a reason|"
        r"have any reason|have the energy|think i (?:want|can)|sure i want|sure i can|sure (?:if|that) i (?:want|can))\s+"
        r"(?:to\s+|2\s+)?(?:live|living|be alive|being alive|stay alive|staying alive|be here|being here|exist|existing|"
        r"be around|being around|go on|going on|carry on|carrying on|keep going|keep living|continue living|"
        r"continue|wake up|waking up|be in this world|be on this earth|see tomorrow|see another day|"
        r"face another day|make it through|get up (?:again|anymore|tomorrow)|keep fighting for my life|"
        r"be part of this world|breathe anymore|do this anymore|do this any more|do life)\b"),
          negatable=False,
          after=_r(r"\s+(?:with\s+)?(?:the|that|this|a|an|another|any|my|her|his|those|these|their)\s+(?!life\b|living\b|"
                   r"existence\b|world\b|way\b|pain\b|suffering\b|body\b|misery\b|illness\b|disease\b|cancer\b|"
                   r"earth\b|planet\b|hell\b|nightmare\b|torture\b|agony\b)[a-z]+|"
                   r"\s+(?:on (?:holiday|a (?:trip|cruise|date|holiday))|on the (?:trip|pill|list|drug|ward|trial|waiting)|"
                   r"with (?:the |this |my |her |his )?(?:treatment|chemo|chemotherapy|radiotherapy|radiation|medication|"
                   r"drug|trial|tablets|pills|injections|infusions|it|the (?:appointment|scan|surgery|operation|study))|"
                   r"(?:with )?(?:the |this |my |her |his )?(?:chemo|chemotherapy|treatment|radiotherapy|radiation|"
                   r"medication|tablets|pills|trial|injections|infusions|conversation|chat|check in|checkin|"
                   r"survey|questionnaire|session|course|cycle|appointment)\b|"
                   r"(?:in|at|near|with|on) (?:a |the |this |that |my |an |her |his )?(?:house|flat|apartment|"
                   r"care home|nursing home|town|city|country|area|street|village|parents|in laws|mum|mom|dad|"
                   r"london|bungalow|hospice|hospital|ward|clinic|place|room|waiting room|queue|appointment|"
                   r"chemo (?:unit|suite|room))|early|at \d|so early|every (?:night|hour|morning)|in the (?:night|middle)|"
                   r"for (?:the|my|her|his) (?:appointment|scan|results|surgery)|to (?:the|a|an|work)\b|"
                   r"when (?:the|my|her|his) (?:results|doctor|oncologist|nurse))"),
          sentence=_r(r"\b(?:do not want to die|scared of dying|afraid of dying|terrified of dying)\b")),
    _Rule("suicidal_ideation", _r(
        r"\b(?:can not|could not|can no longer|am unable to|unable to|do not think i can|not sure i can|"
        r"not sure if i can|not sure how (?:much )?longer i can|do not know how (?:much )?longer i can|"
        r"do not know if i can|no longer able to|too tired to|can not bring myself to)\s+"
        r"(?:go on|carry on|keep going|keep living|continue living|go on living|live like this|live with this|"
        r"do this anymore|do this any more|do it anymore|do it any more|take (?:it|this) (?:anymore|any more)|"
        r"take any more|take much more|cope anymore|cope any more|handle (?:it|this|life) (?:anymore|any more)|"
        r"bear (?:it|this|life|living|to live|existing|being alive)(?: like this| this way)? (?:anymore|any more)|face another day|face tomorrow|keep doing this|"
        r"keep fighting|live anymore|be here anymore|stand (?:it|this|living) (?:anymore|any more)|"
        r"see a way out|see a future|see any future|see a way forward)\b"),
          negatable=False,
          after=_r(r"\s+(?:with|because of|due to) (?:the|my|all|this|these|those|her|his|work|chemo)\s+(?!life\b|living\b|"
                   r"existence\b|world\b)|"
                   r"\s+(?:on (?:holiday|a (?:trip|cruise|date))|to (?:the|a|work|see)|with (?:the |this |my )?"
                   r"(?:treatment|chemo|chemotherapy|radiotherapy|trial|medication|job|work|course)|"
                   r"(?:the |this |my )?(?:chemo|treatment|trial|medication|job|course|shift)\b|"
                   r"at (?:work|the)|working|walking|going to (?:work|the))")),
    _Rule("suicidal_ideation", _r(
        r"\b(?:what is the|what the)\s+(?:real\s+)?(?:point|reason)\s+(?:in\s+|of\s+|to\s+|for\s+)?"
        r"(?:(?:me\s+)?(?:living|live|going on|go on|carrying on|carry on|being alive|be alive|"
        r"being here|be here|staying alive|stay alive|keep going|keeping going|continuing|continue|life|anything|"
        r"it all|any of (?:it|this)|anymore|any more|trying anymore|fighting anymore|waking up|wake up|"
        r"getting up anymore|existing|exist|be around|being around))\b|"
        r"\b(?:no|not (?:any|much of a|a single)|without (?:a|any)|lost (?:my|her|his|the|all)|"
        r"do not see the|can not see the|can not see any|can not find a|can not find any|"
        r"can not think of a|can not think of any|see no|there is no|is there (?:even )?(?:a|any)|"
        r"losing (?:my|her|his|the)|have no|has no|had no|is no)\s+(?:real\s+|single\s+|more\s+|longer\s+)?"
        r"(?:point|reason|purpose|will|meaning|sense|desire|motivation)\s+(?:in\s+|of\s+|to\s+|for\s+)?"
        r"(?:(?:me|her|him)\s+)?(?:living|live|going on|go on|carrying on|carry on|being alive|be alive|"
        r"being here|be here|staying alive|stay alive|keep going|keeping going|continuing|continue|life|anything|"
        r"it all|any of (?:it|this)|anymore|any more|trying anymore|fighting anymore|waking up|wake up|"
        r"getting up anymore|existing|exist|be around|being around)\b"),
          negatable=False,
          after=_r(r"\s+(?:treatment|chemo|with (?:the )?(?:treatment|chemo)|in (?:this|that|the) (?:country|area|house|city))")),
    _Rule("suicidal_ideation", _r(r"\bwhat is the point\s*(?:anymore|any more|now|of it)?\s*$")),
    _Rule("suicidal_ideation", _r(
        r"\b(?:nothing|no one|nobody|nothing left|not much left|no(?:thing)? more)\s+(?:left\s+)?(?:to\s+live\s+for|"
        r"worth living for|to keep going for|to stay alive for|to get up for|to go on for)\b|"
        r"\b(?:life|living|my life|her life|his life|this life|existence|it)\s+(?:is|feels|seems|has become|became|"
        r"is just|just feels|really is)\s+(?:so\s+|completely\s+|totally\s+|just\s+)?(?:not worth (?:living|it)|pointless|"
        r"meaningless|worthless|unbearable|unliveable|unlivable|not worth the effort|over)\b|"
        r"\bnot worth living\b|\bno will to live\b|\b(?:lost|losing|lose) (?:the|my|her|his|all) will to live\b|"
        r"\bgiv(?:e|en|ing) up on (?:life|living|myself|herself|himself|everything)\b|"
        r"\bgave up on (?:life|living|myself|herself|himself)\b"),
          negatable=False,
          before=_r(r"\b(?:makes?|making|made) (?:me )?$")),
    _Rule("suicidal_ideation", _r(
        r"\b(?:tired|sick|weary|exhausted|done|fed up|finished|so over)\s+(?:of|with)\s+(?:living|life|being alive|"
        r"existing|it all|this life|my life|her life|his life|being here|being on this earth|waking up)\b"),
          negatable=False,
          after=_r(r"\s+(?:in|at) (?:this|the|a) (?:house|hospital|ward|town|city|place|country)")),
    _Rule("suicidal_ideation", _r(
        r"\b(?:want|wish|need|just want|wants|wanting)\s+(?:it|it all|this|everything|all of (?:this|it)|the whole thing|"
        r"my life|life|her life|his life)\s+(?:to\s+)?(?:all\s+|just\s+)?(?:be\s+)?(?:over|end|ended|to end|finished|"
        r"done with)\b|"
        r"\b(?:want|wish|need)\s+(?:everything|it all|all of (?:this|it)|my life|life)\s+to\s+(?:just\s+)?stop\b|"
        r"\bwish\s+(?:it|this|everything|it all|my life|life)\s+(?:was|were|would be|would|could|could be|to)\s+"
        r"(?:all\s+|just\s+)?(?:over|end|ended|stop|done|finished)\b")),
    # "never wake up"
    _Rule("suicidal_ideation", _r(
        r"\b(?:want|wants|wish|wishes|hope|hoping|hopes|hopefully|pray|praying|prays|would like|would love|"
        r"like|rather|prefer|fingers crossed|please let me|let me|ready to)\s+(?:\S+\s+){0,5}?"
        r"(?:not|never|do not|would not|will not|did not|does not|no longer)\s+(?:ever\s+)?(?:to\s+)?(?:wake up|"
        r"wake again|wake back up|waking up|open my eyes again|see the morning|see tomorrow|see another day)\b"),
          negatable=False,
          after=_r(r"\s+(?:early|at \d|so early|in the night|every (?:hour|night)|at night|too early|until|till|"
                   r"before (?:noon|lunch|\d)|for (?:a|the|at least|another) (?:day|week|while|hours?|bit))")),
    _Rule("suicidal_ideation", _r(
        r"\b(?:go|goes|going|went|fall|falling|fell|drift off|drifting off)\s+(?:to sleep|asleep|to bed|off)\s+"
        r"(?:\S+\s+){0,3}?(?:and|&)\s+(?:just\s+|simply\s+)?(?:never|not|not ever|not to)\s+wake(?:\s+up|\s+again)?\b|"
        r"\bsleep\s+(?:and|&)\s+(?:just\s+)?(?:never|not)\s+wake\b|\bnever wake up again\b"),
          negatable=False,
          after=_r(r"(?:\s+up)?\s+(?:until|till|before (?:noon|lunch|\d)|for (?:a|the|at least|another) (?:day|week|while|hours?|bit)|"
                   r"early|at \d)"),
          check=lambda s, m: bool(_FEAR_BEFORE.search(s[:m.start()])) and not re.search(
              r"\b(?:want|wish|hope|pray|rather|like to)\b", s[:m.start()])),
    _Rule("suicidal_ideation", _r(
        r"\b(?:nice|fine|ok|okay|alright|all right|a relief|relief|good|great|easier|better|happy|glad|bliss|"
        r"a blessing|blessing|peaceful)\s+(?:if\s+(?:i|she|he)\s+(?:just\s+)?(?:did not|never|do not|would not|"
        r"were to not|was to not|does not|could just not)|to\s+(?:just\s+)?(?:not|never))\s+(?:ever\s+)?(?:wake up|"
        r"wake again|woke up|woke)\b|"
        r"\b(?:would not|do not|will not|wouldn't) (?:mind|care) (?:if (?:i|she|he) (?:died|die|did not wake up|never woke up|"
        r"was gone|was dead|got hit|did not make it|passed away|went)|not waking up|dying|never waking up|being dead)\b|"
        r"\b(?:do not|does not|no longer|would not|did not) (?:care|mind) (?:if|whether) (?:i|she|he) "
        r"(?:die|dies|died|live|lives|lived|wake up|wakes up|woke up|make it|am alive|is alive|was dead|"
        r"live or die|survive)\b"),
          negatable=False,
          after=_r(r"\s+(?:early|at \d|so early|too early)")),
    # not being around / here
    _Rule("suicidal_ideation", _r(
        r"\b(?:not|no longer)\s+(?:being|be)\s+(?:around|here|alive|in this world|on this earth)\b"
        r"(?:\s+(?:anymore|any more))?"),
          negatable=False,
          after=_r(r"\s+(?:for|when|at|to see|on|in time|next|tomorrow for|by|with|during|until|till|while)\b|"
                   r"\s+(?:to|at) (?:the|her|his|my)"),
          before=_r(r"\b(?:scared|afraid|terrified|worried|sad|fear|fearful|hate|hates|the thought|the idea|"
                    r"thinking|worry|worries|upset|anxious|cope with|imagine|imagining)\s+(?:\w+\s+){0,3}$"),
          unless=_r(r"\b(?:talk|talks|talking|talked|keeps|kept|said|says|saying|mentions|mentioned|wants|want|"
                    r"prefer|prefers|rather|would be better)\b")),
    _Rule("goodbye", _r(
        r"\b(?:will not|not going to|will no longer|am not going to|is not going to|may not|might not)\s+be\s+"
        r"(?:here|around|alive|in this world|on this earth)\s+(?:anymore|any more|tomorrow|by (?:the )?(?:morning|"
        r"tomorrow|tonight|the weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday|next week|then)|"
        r"after tonight|after today|much longer to bother|to bother (?:you|anyone)|for (?:you|anyone) to worry)\b"),
          negatable=False),
    _Rule("suicidal_ideation", _r(
        r"\b(?:dark|darkest|suicidal|scary|morbid|black) (?:thoughts|place|hole|headspace|head space)\b|"
        r"\b(?:do|doing|did) (?:something|anything) (?:stupid|silly|drastic|final|i (?:will|would) regret|rash)\b|"
        r"\bthoughts? (?:of|about) (?:ending|hurting|harming|killing|taking|not being (?:here|around|alive)"
        r"(?!\s+(?:for|when|to see|at|on|in time|by))|not waking|being dead|wanting to die)\b|\bend (?:of )?(?:the )?road for me\b|\bthis is the end for me\b|"
        r"\bdeath wish\b|\bpassive (?:ideation|death)\b|\bwant(?:s)? out of (?:this|life|here)\b|"
        r"\bcheck(?:ing)? out (?:for good|permanently|of life)\b|\bfinal exit\b")),
    _Rule("suicidal_ideation", _r(
        r"\b(?:death|dying|being dead|not existing|not being here|not waking up|my funeral|my own funeral)\b"
        r"(?:\s+\w+){0,5}?\s+(?:would be|will be|is|feels like|seems like|sounds like|feeling|feel|sounds|seems|"
        r"looks like|would feel like)\s+(?:\w+\s+)?(?:a relief|relief|relieved|a release|a blessing|welcome|"
        r"a welcome|freedom|bliss|nice|easier|the answer|the only way|the only option|the best option|a mercy|"
        r"a gift|better than this|better than living|an escape|the easy way)\b|"
        r"\b(?:relieved|looking forward|look forward|can not wait|welcome|longing|ready)\s+(?:to|at|for)?\s*"
        r"(?:the thought of\s+)?(?:death|dying|being dead|it all ending|my funeral|the end(?:\s+of (?:me|my life|it all|everything))?"
        r"(?!\s+of)|not waking up)\b|"
        r"\b(?:looking forward to it|look forward to it|can not wait for it)\b(?=.*\b(?:dying|death|die)\b)|"
        r"(?<=\b(?:dying|death)\b).{0,60}\b(?:looking forward to it|look forward to it|can not wait)\b"),
          negatable=True,
          sentence=_r(r"\b(?:plan|planning|planned|arranged|arrangements|prepaid|pre paid|sorted|organised|organized|wishes|"
                      r"insurance|paperwork|will and)\b"),
          before=_r(r"\b(?:what|how|when|is)\s+(?:\w+\s+)?$")),
    _Rule("suicidal_ideation", _r(
        r"\b(?:hope|hoping|hopes|wish|wishing|pray|praying|want|wants)\s+(?:that\s+)?(?:the cancer|cancer|it|the disease|"
        r"death|the tumou?rs?|this illness)\s+(?:just\s+|will\s+|would\s+|to\s+)?(?:wins?|takes? me|gets? me|hurr(?:y|ies) up|"
        r"is quick|comes? quickly|comes? soon|finish(?:es)? me|gets? it over with|takes? over quickly|spreads? faster|"
        r"wins? quickly)\b|"
        r"\b(?:deserve|deserves|deserved)\s+to\s+(?:die|be dead|suffer and die|not (?:live|exist|be here))\b|"
        r"\b(?:do not|does not|did not) deserve to (?:live|be alive|exist|be here)\b|"
        r"\b(?:should|might as well|may as well|ought to|could just|better just)\s+(?:just\s+|go and\s+)?(?:die|be dead|"
        r"drop dead|not exist|not be here|not be alive|disappear|end it|kill myself|not wake up)\b|"
        r"\b(?:happily|gladly|rather|prefer to|would love to)\s+(?:just\s+)?(?:not exist|be dead|die|not be here|not be alive|"
        r"not wake up|never wake up|stop existing|cease to exist)\b|"
        r"\b(?:planning|plan|planned|planning out|organising|organizing)\s+(?:my|her|his)\s+(?:exit|suicide|way out|"
        r"escape from life|final exit|death)\b(?!\s+(?:from|strategy|interview|at work|with the (?:hospice|palliative)))|"
        r"\bwhat is (?:even |really |actually )?the point (?:of|in) (?:me|my life|her life|his life|being me|anything|"
        r"any of (?:this|it)|it all|living|going on|carrying on|even trying|trying anymore|existing)\b|"
        r"\b(?:better|happier|easier|lighter|simpler)\s+(?:off\s+)?without\s+(?:me|her|him)\b|"
        r"\b(?:no|not (?:a|any)|is no|there is no)\s+(?:real\s+|good\s+)?(?:reason|point|purpose)\s+for\s+(?:me|her|him)\s+to\s+"
        r"(?:live|keep going|go on|carry on|be here|be alive|stay|exist|continue|keep living|get up|bother)\b|"
        r"\bif (?:i|she|he) (?:died|was gone|were gone|disappeared|killed (?:myself|herself|himself)|did not wake up|"
        r"was dead|were dead|just went|passed|vanished|was not here|were not here)\b(?:\s+\w+){0,4}?\s+(?:nobody|no one|"
        r"noone|none of them|would anyone|would anybody|anyone|everyone|they|it)\b(?:\s+\w+){0,3}?\s+(?:notice|care|miss|"
        r"mind|be better|be relieved|be happier|be fine|be easier|relief)\b|"
        r"\b(?:when|once|after|if) (?:i am|i was|i were|she is|he is|she was|he was) (?:gone|dead|not here|not around)\b"
        r"(?:\s+\w+){0,5}?\s+(?:finally\s+)?(?:be free|be better off|be happier|be relieved|be rid|be a relief|"
        r"be easier for)\b|\b(?:be |finally be )?(?:free of|free from|rid of|shot of) (?:me|her|him)\b|"
        r"\bpain of (?:living|life|being alive|existing|existence|being me|waking up)\b|"
        r"\bhate (?:being alive|living|existing|that i am (?:still )?alive|that i woke up|waking up alive|being me so much)\b|"
        r"\b(?:disappointed|gutted|upset|sad|annoyed|angry) (?:that |when |because )?(?:i|she|he) (?:woke|wake|wakes|"
        r"am still alive|is still alive|survived)\b(?!\s+(?:up\s+)?(?:at|early|so early|again at|in the night|to|with|from|"
        r"because|after|the|my|her|his|surgery|the operation))|"
        r"\bwant(?:s|ed)? out\s*(?:$|and\b|of (?:this life|life|it all|everything|this world|existence)\b)|"
        r"\bwhy (?:should|would|do|does|bother|even|must|keep)\s+(?:i|she|he|anyone)?\s*(?:even\s+)?(?:bother\s+)?"
        r"(?:keep|carry|go|stay|bother|continue)\s*(?:on\s+)?(?:living|going|on|alive|trying|fighting|existing|waking up|"
        r"getting up)\b|\bwhy bother (?:living|going on|carrying on|anymore|with (?:life|living|anything))\b|"
        r"\b(?:had|have had|has had) enough of (?:life|living|everything|being alive|it all|this life|existing|this world)\b|"
        r"\b(?:feel|feels|felt|feeling) like (?:dying|giving up on life|not existing|not being here|disappearing forever|"
        r"ending it|ending things|ending everything|ending my life|just ending it|i should not be alive|i should not be here)\b|"
        r"\b(?:do not|can not|could not|no longer) see (?:a|any) (?:way out|way forward|reason to (?:live|go on|carry on)|"
        r"point (?:in|to) (?:living|anything|going on))\b"),
          negatable=False,
          after=_r(r"\s+(?:of (?:this|the) (?:hospital|ward|house|place|relationship|job|marriage|chat|group))\b|"
                   r"\s+(?:of|from) (?:work|the job|my job)|"
                   r"\s+(?:at \d+(?:am|pm|\b)|at night|early|so early|in the night|during the night|every (?:night|hour|morning)|drenched|"
                   r"soaked|sweating|coughing|needing|in (?:a|the) (?:sweat|night))\b")),
    _Rule("goodbye", _r(
        r"\b(?:say|said|saying|says)\s+(?:my |her |his |our )?(?:final |last )?goodbyes\b|"
        r"\b(?:said|say|saying|says)\s+goodbye\s+to\s+(?:(?:the|my|her|his|our)\s+(?:dog|dogs|cat|cats|pets|kids|children|family|"
        r"husband|wife|partner|son|daughter|sons|daughters|parents|friends|grandchildren)|everyone|everybody|all of us|us all|"
        r"all of them|the family|all her friends|all his friends)\b|"
        r"\b(?:like|as if|as though|acting like)\s+(?:she|he|i|they)\s+(?:will not|would not|is not going to|am not going to|"
        r"was not going to|will never|would never)\s+see\s+(?:them|us|you|anyone|everyone|me|her|him)\s+again\b|"
        r"\b(?:note|letter|message|text|email|voicemail|card)\s+(?:\w+\s+){0,4}?(?:saying|that said|said|says|to say)\s+"
        r"(?:goodbye|good bye|farewell|sorry for everything|(?:she|he|i) (?:loves?|loved) (?:us|me|them|everyone) and goodbye)\b"),
          sentence=_r(r"\b(?:vet|vets|put down|put to sleep|rehom\w*|before (?:she|he|they|mum|dad|my \w+) (?:died|passed|went)|"
                      r"at the (?:airport|station|door|school gate)|holiday|moving|new job|leaving do|work)\b")),
    _Rule("plan_or_intent", _r(
        r"\bfound (?:me|her|him|them) with (?:the|my|her|his|all the|a bottle of|an empty|empty|a handful of|loads of)\s+"
        r"(?:\w+\s+)?" + DRUG + r"\b|"
        r"\b(?:standing|sitting|stood|sat|am|is|i am|she is|he is|currently|right now|now)\s+(?:\w+\s+){0,2}?"
        r"(?:on|at the top of|at the edge of|on the edge of|up on|on top of)\s+(?:the|a|this|that)\s+(?:bridge|roof|rooftop|"
        r"ledge|edge|cliff|cliff edge|balcony|railway|railway line|tracks|platform edge|top floor|car park roof|roof of)\b|"
        r"\b(?:bought|got|has|have|hid|hidden|hiding|keeping|keeps|kept|tied|tying)\s+(?:a|the|some)\s+rope\b"
        r"(?!.*\b(?:tow|towing|climbing|skipping|washing line|boat|tent|camping|swing|dog|tug|garden|gym)\b)")),
    _Rule("method", _r(
        r"\b(?:thinking (?:about|of)|think (?:about|of)|thought (?:about|of)|want to|wanting to|going to|gonna|tempted to|could just|might just|feel like|urge to|"
        r"about to|will just|planning to|considering)\s+(?:\w+\s+)?"
        r"(?:taking|take|drinking|drink|swallowing|swallow|downing|"
        r"down|necking|neck)\s+(?:all|all of|the whole|a whole|every one of|the rest of|the lot|them all|it all|the bottle|"
        r"everything|both boxes|the box|the packet)\b(?:\s+(?:of\s+)?(?:my|her|his|the|these|those|them)?\s*(?:\w+\s+)?"
        r"(?:" + DRUG + r"|bottle|box|packet|lot))?|"
        r"\bwhat (?:if|happens if|would happen if|will happen if)\s+(?:i|she|he|someone|you|a person|somebody)\s+"
        r"(?:took|take|drank|drink|drinks|swallowed|swallow|had|ate|injected|used|takes)\s+(?:all|a whole|the whole|every|"
        r"loads of|lots of|a lot of|a handful of|a bunch of|\d{2,}|twenty|thirty|fifty|forty|a hundred|too many|too much|"
        r"a bottle|a box|a packet|double|triple|ten times)\b|"
        r"\bhow\s+(?:many|much)\s+(?:\S+\s+){0,4}?" + DRUG + r"\s+(?:it|that)\s+(?:would|will|does|might|could)\s+take\b|"
        r"\bhow\s+(?:many|much)\s+(?:\S+\s+){0,4}?" + DRUG + r"\s+(?:would|might|could)\s+be\s+(?:too (?:much|many)|"
        r"fatal|lethal|deadly|dangerous|an overdose|enough)\b|"
        r"\b(?:a|any|some|other|another|good|easy|quick|simple|painless)\s+(?:way|ways|method|methods|means|option|options|pill|"
        r"drug|injection)\s+(?:to|of|for|that would|that will|that could|which would|which will)\s+(?:just\s+)?"
        r"(?:let me\s+|make me\s+|help me\s+)?(?:die|kill (?:myself|me)|end (?:it|my life|things)|commit suicide|not wake up|"
        r"never wake up|put me to sleep forever|unalive)\b(?!\s+(?:at home|peacefully|in (?:a|the) hospice|comfortably|naturally|"
        r"with dignity and|when (?:the|my) time))|"
        r"\b(?:thinking about|want to|tempted to|could just|urge to|keep thinking about|might just|feel like)\s+"
        r"(?:driving|drive|swerving|swerve|crashing|crash|steering|steer)\s+(?:my car\s+|the car\s+)?(?:off|into|in front of)\s+"
        r"(?:the|a|an|oncoming)?\s*(?:road|motorway|edge|cliff|embankment|traffic|lorry|truck|wall|tree|bridge|river|bus)\b|"
        r"\b(?:going to|gonna|want to|wants to|threaten\w* to|about to|will|tempted to|thinking (?:about|of)|might|urge to)\s+"
        r"jump(?:ing)?\b(?!\s+(?:in|into|on|at|to|for|up|ahead|the queue|through|back|over|out of bed|around|right in|"
        r"straight in|onto the|off the phone|off (?:a|the) (?:bridge|building|roof|cliff|balcony)))")),
    _Rule("suicidal_ideation", _r(r"\b(?:want|wants|wanted|ready|ready for me|time for me|let me|let her|let him) to (?:just )?go"
                                  r"(?:\s+now)?\s*$"),
          sentence=_r(r"^"), unless=_r(r"\b(?:had enough|done|tired|can not|no point|let me|let her|let him|god|time|"
                                       r"ready to go (?:now|to (?:heaven|god|jesus))|over|pointless|finished)\b")),
    _Rule("method", _r(
        r"\b(?:will|would|might|could|is going to|says (?:she|he) will|threaten\w* to)\s+(?:just\s+)?(?:take|swallow|down|drink)\s+"
        r"(?:them all|all of them|the lot|all (?:of )?(?:my|her|his|the|these|those) \w+|the whole (?:bottle|box|packet|lot))\b"),
          after=_r(r"\s+(?:back|with (?:food|breakfast|meals?|water|lunch|dinner|milk)|at (?:breakfast|night|bedtime|once)|"
                   r"in the morning|every|each|as prescribed|later)\b"),
          check=lambda s, m: not re.search(r"\b" + DRUG + r"\b", s)),
    _Rule("plan_or_intent", _r(
        r"\b(?:got|has got|have got|had|laid|lined|set|put|counted|counting|sorted)\s+(?:all\s+)?(?:of\s+)?(?:her|his|my|the)\s+"
        r"(?:\w+\s+)?" + DRUG + r"\s+(?:all\s+)?out\b(?!\s+(?:for (?:the|my|her|his) (?:week|day|morning|dosette)|into))"),
          sentence=_r(r"\b(?:dosette|pill box|pillbox|organi[sz]er|for the week|for the day|weekly|morning meds|nurse)\b"),
          unless=_r(r"\b(?:goodbye|end|die|kill|tonight|plan|gone|overdose|all of them)\b")),
    _Rule("method", _r(
        r"\bhow\s+(?:much|many)\s+(?:\S+\s+){0,4}?(?:is|are|would be|will be|becomes)\s+(?:fatal|lethal|deadly|an overdose|"
        r"too much to survive|enough to (?:kill|die))\b|\bld ?50\b|"
        r"\b(?:pills?|tablets?|drugs?|something|injection|medications?|medicines?|a way)\s+(?:that|which|to)\s+(?:would|will|could|"
        r"can|might)?\s*(?:let|make|help)\s+(?:me|her|him)\s+(?:just\s+)?(?:die|go to sleep forever|sleep forever|not wake up|"
        r"never wake up|slip away|go)\b|"
        r"\b(?:" + DRUG + r")\s+and\s+(?:vodka|alcohol|wine|whisky|whiskey|gin|booze|drink|a bottle of \w+)\s+(?:ready|lined up|"
        r"next to me|here|in front of me|at hand)\b|\b(?:vodka|alcohol|booze|wine|whisky|whiskey|gin)\s+and\s+(?:" + DRUG +
        r")\s+(?:ready|lined up|next to me|here|in front of me|at hand)\b|"
        r"\b(?:stop|stopped|stopping|quit|quitting)\s+(?:eating|drinking|eating and drinking)\b(?=.*\b(?:die|dying|death|end|"
        r"faster|quicker|sooner|go)\b)|"
        r"\b(?:looking at|staring at|drawn to|standing by|standing near|walked to|keep going to|keep thinking about)\s+"
        r"(?:the\s+)?(?:train tracks|railway line|railway tracks|railway|tracks|cliff edge|cliffs|the edge)\b|"
        r"\buse (?:it|the knife|a knife|the blade|a blade|a razor|the razor|the gun|a gun|them|the pills) on " + REFL + r"\b"),
          negatable=False),
    _Rule("suicidal_ideation", _r(
        r"\b(?:do not|can not|could not) see why (?:i|she|he) (?:should|would|need to|have to|must) (?:carry on|go on|keep going|"
        r"live|bother|stay alive|be here|continue|keep living|keep fighting)\b|"
        r"\b(?:not taking|stop taking|stopping|skip|skipping|stopped taking|hide|hiding|throw away|throwing away|flush|flushing)\s+"
        r"(?:all\s+)?(?:my|her|his)\s+(?:\w+\s+)?(?:meds|medication|medications|pills|tablets|insulin|steroids|anticoagulants|"
        r"blood thinners|injections)\s+(?:and|so|to)\s+(?:just\s+)?(?:let|letting|hope|hoping|wait|waiting|see)\s+"
        r"(?:it|the end|death|things)\s+(?:happen|come|for it to)\b|"
        r"\b(?:be|join|reunite|reunited)\s+(?:with\s+)?(?:my|her|his)\s+late\s+\w+\b|"
        r"\b(?:want|wants|ready|wish|hope|hoping|can not wait|long|longing|would love)\s+(?:to\s+)?(?:see|join|be with|meet|"
        r"go to)\s+(?:\w+\s+){0,3}?in heaven\b|"
        r"\bcan not (?:do it |take it |cope |go on |do this )?any ?more\s*$|"
        r"\b(?:will not|not going to|am not going to|is not going to) be a (?:burden|problem|bother|nuisance|trouble|weight)\s+"
        r"(?:(?:to|for|on) (?:anyone|you|them|anybody|everyone|you all|my family|the family)\s+)?(?:much longer|for long|anymore|"
        r"any more|soon|for much longer|after (?:today|tonight|this))\b|"
        r"\bsoon (?:i|she|he) (?:will not|will no longer|am not going to) be (?:a )?(?:burden|problem|bother|here|around)\b|"
        r"\b(?:i|she|he) (?:have|has|got|have got|has got|made|have made|has made) a plan\s*(?:now|already|sorted)?\s*$|"
        r"\b(?:want|wants|wanted|wish|wishes)\s+to\s+(?:\w+\s+){0,4}?and\s+(?:just\s+)?(?:die|be dead|never wake up|"
        r"not wake up|end it|disappear forever)\b"),
          negatable=True,
          after=_r(_DIE_PLACE)),
    _Rule("suicidal_ideation", _r(
        r"\b(?:thought|thinking|think|thoughts)\s+(?:about|of)\s+(?:hanging|jumping|overdosing|cutting|drowning|shooting|gassing|"
        r"poisoning|slitting|hurting|harming|ending|killing|taking (?:all|an overdose|the lot)|stabbing|crashing)\b"
        r"(?!\s+(?:up|the|a|some|out|washing|pictures|curtains|coat|clothes|wallpaper|down on|back on|in the|into the "
        r"(?:pool|sea for a swim)|through|ahead|hair|my hair|the hair|queue|at the chance))")),
    _Rule("goodbye", _r(
        r"\b(?:note|letter|message|video)\s+(?:\w+\s+){0,8}?(?:explaining why|to explain why|saying why|so (?:they|he|she|you) "
        r"(?:understand|know why)|explaining (?:everything|what i (?:did|have done)))\b")),
    _Rule("method", _r(r"\b(?:would|will|could|can|do|does|might)\s+(?:i|she|he|you|someone|one)\s+die\s+(?:faster|quicker|"
                       r"sooner|more quickly)\b"),
          sentence=_r(r"\b(?:chemo|chemotherapy|treatment|treatments|radiotherapy|trial|medication|drug|tablets|"
                      r"hospice|palliative|cancer)\b")),
    _Rule("suicidal_ideation", _r(r"\bpart of me (?:wants|wishes|hopes|would welcome|longs for|would like|is ready)\b"),
          sentence=_r(r"^"), unless=_r(r"\b(?:death|die|dying|end|gone|it over|not wake|not be here|dead)\b")),
    _Rule("suicidal_ideation", _r(r"\b(?:want|need|wish)\s+(?:it|this|everything|it all|all of it)\s+(?:all\s+)?to\s+(?:just\s+)?stop\b"),
          sentence=_r(r"^"), unless=_r(r"\b(?:forever|for good|permanently|all of it|had enough|for ever|never come back|"
                                       r"no more|everything|can not go on|can not anymore|can not do this)\b")),
    _Rule("suicidal_ideation", _r(
        r"\b(?:not|never|no longer)\s+(?:want|wants|wanted|wanting|wish|like|feel like|care)\s+to\s+(?:see|live (?:to see|through))\s+"
        r"(?:another|one more|the next|next)\s+(?:birthday|christmas|day|year|morning|summer|spring|winter|autumn|week|"
        r"new year|anniversary|mothers day)\b|"
        r"\b(?:not|never|no longer)\s+(?:want|wants|wanted|wanting)\s+to\s+(?:do|live)\s+(?:this|that|my|her|his)\s+life\b|"
        r"\b(?:no|the only|only one|one)\s+way out\s+(?:except|but|other than|apart from|is|left is)\s+(?:to\s+)?(?:dying|death|die|"
        r"suicide|ending it|end it|to end it|killing myself)\b|"
        r"\bwhy (?:can not|could not|will not) (?:i|she|he) (?:just )?(?:die|be dead|go|stop existing)\b|"
        r"\b(?:a )?better (?:place|world)\s+without\s+(?:me|her|him)\b|"
        r"\bhow much longer (?:i|she|he) (?:want|wants|can|could|will be able|am able|is able) to (?:keep going|go on|carry on|live|"
        r"do this|cope|fight|keep fighting|be here|keep living|take (?:it|this))\b|"
        r"\b(?:decided|made up my mind|made up her mind|made up his mind|determined|planned)\b(?:\s+\w+){0,3}?\s+(?:not going to|"
        r"will not|am not going to|is not going to) be (?:here|around|alive)\b|"
        r"\b(?:can not|could not|do not)\s+see\s+(?:myself|her|him|herself|himself)\s+(?:being\s+)?(?:here|around|alive)\s+"
        r"(?:next|by|for|in|at|much|after)\b(?=.*\b(?:made up|decided|my mind|plan|going to|will|ready|enough|goodbye)\b)|"
        r"\b(?:kinder|fairer|better|easier|best) (?:to|for|on) (?:everyone|everybody|them|my family|the family|all of them|my kids|"
        r"my husband|my wife) if (?:i|she|he)\b|"
        r"\bcan not face (?:another|one more|living|life|going on|tomorrow|waking up)\b|"
        r"\b(?:only|one|the only|just one|only one) way out\s*$|\b(?:the )?only way out (?:is|left|now)\b|"
        r"\bif (?:i|she|he) (?:was not|were not|was no longer|were no longer|did not exist|was gone|were gone|was dead|were dead|"
        r"died|disappeared)\b(?:\s+(?:here|around|alive))?(?:\s+\w+){0,6}?\s+(?:would|will|could)\s+(?:\w+\s+){0,3}?"
        r"(?:stop|better|easier|happier|fine|okay|relief|relieved|free|lighter|end|be over)\b|"
        r"\b(?:should|might as well|may as well|better|ought to) (?:just (?:go|check out)\s*$|leave this world)|"
        r"\bhow (?:many|much) (?:of (?:my|her|his|the) )?" + DRUG + r"(?:\s+(?:bottles|boxes|packets|packs|strips|tablets|pills))?\s+"
        r"would (?:i|you|someone|one|she|he|a person) need\b|"
        r"\b(?:written|wrote|finished|done|sorted|prepared) (?:all )?(?:my|her|his) (?:letters|notes|goodbye letters)\b"
        r"(?=.*\b(?:ready|goodbye|time|done now|tonight|tomorrow|it is time|the end|over|gone)\b)"),
          negatable=False),
    _Rule("plan_or_intent", _r(
        r"\b(?:tonight|tomorrow|today|this weekend|this week|soon|now|later)\s+(?:i am|i will|i|she is|he is|she will|he will)\s+"
        r"(?:going to|gonna|will)?\s*(?:do it|end it|end things|go through with it|take them|take the pills|finish it)\b|"
        r"\b(?:i am|i will|she is|he is|am)\s+(?:ending|doing) (?:it|things|it all)\s+(?:tonight|tomorrow|today|this weekend|"
        r"this week|soon|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b|"
        r"(?<!what if i )(?<!what if she )(?<!what if he )(?<!if i )(?<!if she )(?<!if he )"
        r"\b(?:took|taken|swallowed|had|necked|downed)\s+(?:too many|an overdose|a handful of|loads of|a lot of|a load of|all (?:of )?"
        r"(?:my|her|his|the)|the whole (?:bottle|box|packet)|a whole (?:bottle|box|packet)|extra)\s+(?:of\s+)?(?:my\s+|her\s+|his\s+)?"
        r"(?:\w+\s+)?" + DRUG + r"\b"),
          check=lambda s, m: bool(re.search(r"\b(?:by (?:accident|mistake)|accidentally|double dose|extra dose)\b", s))
          and not re.search(r"\b(?:too many|overdose|all)\b", m.group(0))),
    _Rule("method", _r(
        r"\bif (?:i|she|he) (?:just )?(?:took|take|swallowed|swallow|drank)\s+(?:all|the whole|a whole|every)\s+(?:of\s+)?"
        r"(?:my|her|his|the)?\s*(?:\w+\s+)?(?:" + DRUG + r"|bottle|box|packet|lot)\b|"
        r"\b(?:in the garage with the (?:car|engine) running|(?:car|engine) running in (?:the|a) (?:closed )?garage|"
        r"sat in the (?:car|garage) with the engine (?:on|running))\b|"
        r"\b(?:bridge|cliff|cliffs|tracks|railway line|railway|car park roof|multi storey|tower block|roof|balcony)\b"
        r"(?:\s+\w+){0,8}?\s+(?:thought about it|thinking about it|think about it|thought about jumping|thinking about jumping|"
        r"thought about doing it|felt drawn|wanted to jump|pictured myself)\b"),
          negatable=False),
    _Rule("self_harm", _r(
        r"\b(?:i have been|i am|i have started|started|been|keep|kept|i keep|still|back to|caught me)\s+cutting\s*"
        r"(?:again|myself|\s*$)|\bcutting\s*$"),
          sentence=_r(r"\b(?:hair|grass|hedge|lawn|coupons|veg|vegetables|onions|wood|cake|bread|nails|toenails|"
                      r"hairdresser|barber|fabric|pattern)\b")),
    _Rule("self_harm", _r(r"\b(?:what|something) (?:i|she|he) (?:might|could|may|will|would|am going to|is going to) do to " + REFL +
                          r"\b")),
    _Rule("goodbye", _r(
        r"\b(?:tell|let) (?:the|my|our|her|his)?\s*(?:kids|children|family|boys|girls|grandkids|grandchildren|husband|wife|"
        r"everyone|everybody) (?:that )?(?:i|she|he) (?:love|loves|loved|am sorry|is sorry|was sorry)\b|"
        r"\b(?:will not|would not|is not going to|am not going to|does not|do not)\s+need (?:it|them|this|these|those|my \w+|"
        r"her \w+|his \w+|anything|any of (?:it|this|them))\s+(?:soon|much longer|for much longer|where (?:i am|she is|he is) going|"
        r"after (?:tonight|today|this week)|anymore(?= soon))\b|"
        r"\bsort(?:ing|ed)? out who (?:gets|will get|should have|is having) (?:my|her|his)\b"),
          sentence=_r(r"\b(?:wig|crutches|walking stick|wheelchair|cast|sling|scarf|hat|chemo|hair)\b")),
    # G1/G2: medication at hand, counted out, saved up "so I'd have enough"
    _Rule("plan_or_intent", _r(
        r"\b" + DRUG + r"\b(?:\s+\w+){0,6}?\s+(?:in (?:my|her|his) hands?|in front of (?:me|her|him)|(?:on|by) (?:the|my|her|his) "
        r"(?:table|bed|bedside|side)\b(?=.*\b(?:vodka|alcohol|wine|whisky|gin|all|every|tonight|ready|thinking|staring|looking|"
        r"sit|sitting|counted|goodbye|end))|counted out|lined up|laid out ready|ready to go)\b|"
        r"\b(?:sit|sitting|sat|stare|staring|stared|look|looking|looked)\s+(?:at\s+|with\s+)?(?:all\s+)?(?:the|my|her|his)\s+"
        r"(?:\w+\s+)?" + DRUG + r"\b|"
        r"\b(?:bottle|bottles)\s+of\s+(?:vodka|wine|whisky|whiskey|gin|rum|alcohol)\b(?=.*\b" + DRUG + r"\b)|"
        r"\b" + DRUG + r"\b(?=.*\b(?:vodka|whisky|whiskey|gin|rum)\b)(?=.*\b(?:front of|table|ready|tonight|all (?:my|her|his|of)|"
        r"bottle)\b)|"
        r"\b" + DRUG + r"\b(?:\s+\w+){0,8}?\s+so (?:that )?(?:i|she|he) (?:would|could|will|can|had|have|might) (?:have )?"
        r"(?:enough|save them|store them|keep them|stock up)\b|"
        r"\b(?:save|saving|saved|store|storing|stash|stashing|hide|hiding|keep|keeping) them (?:up|all|away|somewhere)\b"
        r"(?=.*\b" + DRUG + r"\b)|"
        r"\b(?:bought|buying|buy|got|getting|asked for|asking for|collected|ordered)\s+(?:extra|more|spare|loads of|lots of|a lot of|"
        r"several (?:packs|boxes) of)\s+(?:\w+\s+)?" + DRUG + r"\b(?=.*\b(?:enough|save|saving|stash|all at once|just in case|"
        r"so i|so she|so he)\b)"),
          sentence=_r(r"\b(?:pharmacy (?:is )?closed|holiday|trip|travel|bank holiday|christmas (?:closing|period)|run out|"
                      r"running out|ran out|repeat prescription|dosette|pill box|pillbox|organi[sz]er|for the week|"
                      r"with food|with water|with breakfast|with milk|before bed|in the morning|which one|side effects?|"
                      r"do i take|should i take|can i take|how do i take|when do i take|nurse|pharmacist)\b"),
          check=lambda s, m: bool(re.search(r"\b(?:in (?:my|her|his) hands?|in front of (?:me|her|him)|counted out|lined up|"
                                            r"laid out ready|ready to go|on (?:the|my|her|his) (?:table|bed|bedside|side))\b",
                                            m.group(0))) and not re.search(
              r"\b(?:vodka|alcohol|wine|whisky|whiskey|gin|rum|all|every|tonight|ready|thinking|staring|sit|sitting|sat|goodbye|"
              r"end|enough|die|tempted|swallow|whether|some nights|again|crying|think about)\b", s)),
    # G3: goodbye signs anywhere in the message (note/letter + sorry/why; "sorry for everything" + bye)
    _Rule("goodbye", _r(
        r"\b(?:note|letter|letters|message|text|email|video)\b(?:\s+\w+){0,8}?\s+(?:saying|that says|that said|to say|says|"
        r"said|explaining|to explain|telling (?:them|him|her|us|everyone))\s+(?:why|sorry|goodbye|good bye|farewell|"
        r"how sorry|what i did|what i am going to do|i love)\b|"
        r"\b(?:sorry for everything|forgive me|please forgive me|i love you all|love you all|take care of each other|"
        r"look after each other|it is not your fault|it was not your fault|do not blame yourself|do not blame yourselves|"
        r"this is not your fault)\b(?=.*\b(?:bye|goodbye|good bye|farewell|last|note|letter|gone|end|forever|"
        r"for good|sorry)\b)|"
        r"\b(?:bye|goodbye|good bye|farewell)\b(?=.*\b(?:sorry for everything|forgive me|love you all|"
        r"take care of each other|look after each other|not your fault|for the last time)\b)|"
        r"^\s*(?:sorry for everything|forgive me)\s*$|"
        r"\bfound (?:my|her|his|the) (?:suicide |goodbye |last )?(?:note|letter)\b(?!\s+(?:from (?:the|my) (?:doctor|gp|school|"
        r"hospital)|about|for (?:the|my) (?:milkman|neighbour)))"),
          sentence=_r(r"\b(?:appointment|clinic|hospital|gp|doctor|results|school|shopping|milkman|delivery|parcel)\b"),
          unless=_r(r"\b(?:sorry|goodbye|bye|forgive|why|suicide)\b"),
          check=lambda s, m: bool(re.search(r"\b(?:bye for now|see you|talk (?:to you )?(?:soon|tomorrow|later)|speak soon|"
                                            r"until next time|till next time|night night|catch you later|for now|"
                                            r"for today|said yesterday|i said|i did yesterday|earlier)\b", s))),
    # G4: still here / woke up again with sadness
    _Rule("suicidal_ideation", _r(
        r"\b(?:sad|disappointed|upset|gutted|angry|annoyed|devastated|cry|crying|cried|hate|hating|sorry|unfortunately|sadly|"
        r"why am i)\b(?:\s+\w+){0,4}?\s+(?:that\s+|because\s+|when\s+)?(?:i am|i am still|i|she is|he is)\s+(?:still\s+)?"
        r"(?:here|alive|breathing|around|woke up|waking up|wake up)\b(?!\s+(?:at|to|early|for|in|with|on|because))|"
        r"\b(?:still|another day)\s+(?:here|alive)\b(?=.*\b(?:sad|disappointed|unfortunately|sadly|why|wish|hate|"
        r"do not want|cry|gutted)\b)"),
          negatable=False,
          sentence=_r(r"\b(?:glad|grateful|thankful|happy|lucky|blessed|thank god|thankfully|relieved)\b")),
    # G5: dying + hurry/sooner
    _Rule("suicidal_ideation", _r(
        r"\b(?:die|dying|death|the end|dead|going)\b(?:\s+\w+){0,10}?\s+(?:sooner|quicker|faster|speed (?:it|things|this) up|"
        r"hurry (?:it|things|up)|get it over with|over with sooner|come (?:sooner|quicker|faster))\b|"
        r"\b(?:speed (?:it|things|this|my death|the end) up|hurry (?:it|things|death|the end) (?:up|along)|"
        r"hasten (?:it|things|the end))\b(?=.*\b(?:die|dying|death|end|dead)\b)"),
          sentence=_r(r"\b(?:recover|recovery|heal|healing|results|scan|appointment|treatment|chemo|chemotherapy|"
                      r"radiotherapy|trial|medication|prognosis|oncologist|doctor|the cure|hair to grow|without treatment)\b")),
    # G6: how she'd do it / knows how to do it
    _Rule("plan_or_intent", _r(
        r"\b(?:how|where|when)\s+(?:i|she|he|they)\s+(?:would|had|could|will|might|is going to|am going to|are going to|"
        r"plans? to|planned to|wants? to)\s+(?:do it|end it|end things|go through with it|kill (?:myself|herself|himself)|"
        r"take (?:my|her|his) (?:own )?life)\b(?!\s+(?:all|with|without|on (?:my|her|his) own|alone|by (?:my|her|him)self|"
        r"myself|herself|himself|again|better|properly|differently))"),
          negatable=False,
          before=_r(r"\b(?:wonder|wondering|not know|no idea|not sure|unsure|asked me|ask|tell me|show me|explain|learn)\s+$"),
          sentence=_r(r"\b(?:homework|recipe|cook|bake|form|exam|task|job|cleaning|tax|garden|diy|knit|drive there|"
                      r"cope|manage|kids|children|school run|chemo|work)\b"),
          unless=_r(r"\b(?:pills|tablets|overdose|rope|jump|end it|kill|suicide|die|worse|tonight|plan|planned|"
                    r"worked out|knows|know exactly)\b")),
    # G7: relief / easier for everyone if gone (any order)
    _Rule("suicidal_ideation", _r(
        r"\b(?:relieved|relief|easier|better|happier|lighter|freer|kinder|simpler)\b(?:\s+\w+){0,6}?\s+(?:if|when|once)\s+"
        r"(?:i|she|he)\s+(?:was|were|am|is|had|just|finally)?\s*(?:gone|dead|died|not here|not around|no longer here|"
        r"no longer around|out of the way|out of the picture|off their hands)\b|"
        r"\b(?:my|her|his) (?:funeral|death|dying|being gone|not being here)\b(?:\s+\w+){0,10}?\s+(?:easier|better|relief|"
        r"relieved|lighter|peace|free|freer)\s+(?:\w+\s+){0,4}?(?:for|on|to)\s+(?:everyone|everybody|them|all of them|the family|my family|"
        r"his family|her family|my kids|the kids|my husband|my wife|you all)\b"),
          negatable=False,
          sentence=_r(r"\b(?:plan|planning|arrange|arranging|organise|organising|organize|wishes|prepaid|pre paid|"
                      r"insurance|will and|paperwork|admin)\b")),
    # G8: no point / see the point (of|in) living, nothing left for me to live for
    _Rule("suicidal_ideation", _r(
        r"\b(?:not|no longer|never|can not|could not)\s+(?:really\s+)?(?:see|find)\s+(?:the|any|a|much)\s+(?:point|reason|purpose)\s+"
        r"(?:in|of|to|for)\s+(?:(?:me|her|him)\s+)?(?:living|life|going on|carrying on|being alive|staying alive|being here|"
        r"existing|anything|it all|waking up|getting up|continuing|keep going|trying anymore)\b(?!\s+without)|"
        r"\b(?:not|no longer|never|can not)\s+(?:really\s+)?(?:see|find)\s+(?:the|any|a|much)\s+(?:point|reason|purpose)\s+"
        r"(?:in|of|to|for)\s+(?:living|life|going on|being alive)\s+without\b|"
        r"\bnothing\s+(?:left\s+)?(?:for (?:me|her|him)\s+)?(?:left\s+)?to\s+(?:live|stay|keep going|get up|go on)\s+for\b"),
          negatable=False),
    # G9: method places with thinking/standing/looking
    _Rule("method", _r(
        r"\b(?:thinking|thought|think|standing|stood|sitting|sat|staring|stared|looking|looked|waiting|walked|walking|drove|"
        r"driving|keep going)\b(?:\s+\w+){0,6}?\s+(?:the\s+)?(?:trains?|platform edge|train tracks|railway|tracks|"
        r"bridge|cliff|cliffs|cliff edge|river|sea|motorway|roof|rooftop|ledge|balcony|top floor|multi storey|car park roof)\b"),
          negatable=False,
          check=lambda s, m: not re.search(
              r"\b(?:(?:thinking|thought|think|thinks)\s+(?:about|of)\s+(?:it|that|jumping|the drop|the edge|doing it|stepping|"
              r"falling|going over|the trains?|the water|the height|how high|how far|the fall|throwing|ending|letting go|"
              r"how easy)|jump|jumping|drawn to|pull of|pulled towards|tempted|could just|wanted to|urge|step off|"
              r"step out|lean over)\b", s),
          sentence=_r(r"\b(?:train (?:was|is) (?:late|delayed|cancelled)|missed (?:the|my) train|commute|holiday|view|"
                      r"sunset|walk the dog|dog walk|picnic|swim|swimming|paddle|fishing|photos|ticket|strike|station cafe|"
                      r"hospital transport|taxi|parking)\b")),
    # G10: deliberate overdose / found after taking pills / stomach pumped
    _Rule("plan_or_intent", _r(
        r"\b(?:deliberately|purposely|on purpose|intentionally)\s+(?:took|take|taken|swallowed|had|overdosed|downed|took "
        r"double|took triple)\b|"
        r"\b(?:took|taken|swallowed|had|downed)\s+(?:double|triple|twice|three times|extra|more than)\b(?:\s+\w+){0,3}?"
        r"\s+(?:" + DRUG + r"|dose|doses)\b(?=.*\b(?:on purpose|deliberately|to see what|to sleep|so i would not|so i do not|"
        r"wake up|die|end it|make it stop|to feel nothing|numb)\b)|"
        r"\bfound (?:me|her|him)\b(?:\s+\w+){0,8}?\s+(?:after|when) (?:i|she|he) (?:had )?(?:taken|took|swallowed)\b|"
        r"\b(?:stomach pumped|had to have (?:my|her|his) stomach pumped)\b(?!\s+(?:after|from|because of) (?:eating|food|bad|"
        r"a night|drinking|poisoning|mushrooms|seafood|the party))"),
          negatable=False),
    _Rule("suicidal_ideation", _r(
        r"\bif (?:i|she|he) (?:do not|does not|did not|never|would not|will not) (?:ever )?wake(?: up)?\b(?:[\s,]+\w+){0,3}?[\s,]*"
        r"(?:good|fine|great|so be it|whatever|i do not care|who cares|better|even better|all the better|that is fine|"
        r"that would be fine|that would be good|bring it on|i would be happy|i would not mind|that is okay|okay by me)\b"),
          negatable=False),
    # G11: death ... I want it
    _Rule("suicidal_ideation", _r(
        r"\b(?:death|dying|the end|to die)\b(?:[\s,]+\w+){0,8}?[\s,]+(?:i|she|he)\s+(?:want|wants|welcome|welcomes|long for|"
        r"longs for|crave|am ready for|is ready for|look forward to|looks forward to|would welcome|pray for|prays for|"
        r"hope for|hopes for)\s+it\b"),
          negatable=False),
    # G12: dose that stops breathing / heart
    _Rule("method", _r(
        r"\b(?:what|which|how much|how many|what size)\s+(?:\w+\s+){0,4}?(?:dose|amount|quantity|number|lot|mg)?\s*"
        r"(?:of\s+(?:\w+\s+)?)?(?:" + DRUG + r"\s+)?(?:(?:would|will|does|could|can|might|to)\s+(?:\w+\s+)?)?(?:stop|stops|slow|"
        r"shut down)\s+(?:your|my|her|his|a person's|someone's|the)\s+(?:breathing|heart|lungs)\b|"
        r"\b(?:stop|stops|stopping)\s+(?:your|my|her|his|a person's|someone's)\s+(?:breathing|heart)\b(?=.*\b" + DRUG +
        r"\b)"),
          negatable=False),
    # G13: blades / razors with bath or wrists
    _Rule("method", _r(
        r"\b(?:razor|razors|razor blades?|blade|blades|knife|stanley knife|scalpel)\b(?=.*\b(?:bath|wrists?|veins?|painful|"
        r"bleed|bleeding out|arms?|deep|would it hurt|does it hurt|myself|herself|himself)\b)"),
          sentence=_r(r"\b(?:shav\w*|legs? hair|kitchen|cooking|chopping|recipe|garden|hedge|sharpen|dishwasher|"
                      r"shop|bought new|blunt)\b")),
    # plan: progressive "I'm ending it tomorrow"
    _Rule("plan_or_intent", _r(
        r"\b(?:tonight|tomorrow|today|this weekend|this week|soon|on (?:monday|tuesday|wednesday|thursday|friday|saturday|"
        r"sunday))\s+(?:i am|i will|she is|he is|she will|he will|is when i am|is when i will)\s+(?:ending|doing) (?:it|things|it all)\b|"
        r"\b(?:i am|she is|he is)\s+(?:ending|doing) it (?:all )?(?:tonight|tomorrow|today|this weekend|soon|now)\b|"
        r"\b(?:i am|she is|he is) ending (?:it|it all|things|my life|her life|his life)\b"),
          negatable=False,
          after=_r(r"\s+(?:with|between|off with|on a (?:high|good|positive)|early|there|here|by saying)\b")),
    # wishes the chemo/cancer would kill me
    _Rule("suicidal_ideation", _r(
        r"\b(?:wish|wishes|wished|wishing|hope|hopes|hoping|pray|prays|praying)\s+(?:that\s+)?(?:the\s+)?(?:chemo|chemotherapy|"
        r"treatment|cancer|tumou?rs?|disease|illness|mets|morphine|radiotherapy|drugs?)\s+(?:would|will|could|just)\s+"
        r"(?:just\s+|finally\s+)?(?:kill|finish|end|take)\s+(?:me|her|him)\b"),
          negatable=False),
    _Rule("self_harm", _r(r"\b(?:do|doing|did|does) (?:something|anything) (?:stupid |silly |bad |terrible )?to " + REFL + r"\b")),
    # --- self-harm ------------------------------------------------------------------------
    _Rule("self_harm", _r(r"\bself\s*harm(?:ing|ed|s)?\b|\bself\s*injur(?:y|e|ed|ing|ious|ies)\b|\bself\s*mutilat\w*")),
    _Rule("self_harm", _r(
        r"\b(?:cut|cuts|cutting|burn|burns|burning|burnt|burned|hurt|hurts|hurting|harm|harms|harming|harmed|"
        r"injure|injuring|injured|scratch|scratching|scratched|punch|punching|punched|hit|hitting|bang|banging|"
        r"starve|starving|starved|mutilate|mutilating|bruise|bruising|carve|carving|"
        r"pick at|picking at)\s+" + REFL + r"\b"),
          sentence=_ACCIDENT, unless=_ON_PURPOSE,
          after=_r(r"\s+(?:by|with) (?:worrying|thinking|overthinking|working)|\s+over (?:this|it|that)|\s+up about")),
    _Rule("self_harm", _r(
        r"\b(?:cut|cutting|cuts|slash|slashing|slashed|carve|carving|carved|burn|burning|burned|burnt|scratch|scratching|"
        r"scratched|stabbed|stab|stabbing|hit|hitting|punched|punching|bit|biting)\s+(?:my|her|his|their)\s+(?:own\s+|left\s+|right\s+)?"
        r"(?:arms?|thighs?|skin|legs?|stomach|tummy|hips?|body|wrists?|hands?|face|head)\b(?=.*\b(?:on purpose|deliberately|"
        r"intentionally|to feel|to punish|to cope|because|again|so i|so that|until|till|urge|release|numb)\b)|"
        r"\b(?:cut|cutting|cuts|slash|slashing|carve|carving|burn|burning|scratch|scratching)\s+(?:my|her|his|their)\s+"
        r"(?:arms?|thighs?|skin|legs|stomach|tummy|hips?|body|wrists?)\b"),
          sentence=_r(r"\b(?:shaving|cooking|chopping|gardening|accident|accidentally|by mistake|on (?:a|the) "
                      r"(?:fence|nail|glass|knife|tin|door|table|oven|stove|kettle|bramble|rose|branch|corner)|"
                      r"picc|port|line|cannula|needle|surgery|operation|scar|radiotherapy|radiation|sunburn|sun)\b"),
          unless=_ON_PURPOSE),
    _Rule("self_harm", _r(
        r"\b(?:cutting|self harming|harming myself|hurting myself|burning myself)\s+again\b|"
        r"\b(?:urges?|urge|tempted|temptation|wanting|want)\s+to\s+(?:cut|self harm|harm myself|hurt myself|burn myself)\b|"
        r"\brelaps(?:e|ed|ing)\s+(?:into|on|with)?\s*(?:self harm|cutting)\b|\b(?:razor|blade)s?\s+(?:to|on|against)\s+"
        r"(?:my|her|his)\s+(?:arm|arms|skin|wrist|wrists|thigh|thighs|leg|legs)\b")),
    # --- method ----------------------------------------------------------------------------
    _Rule("method", _r(
        r"\b(?:lethal|fatal|deadly|toxic|killing|overdose|dangerous|poisonous|life threatening)\s+"
        r"(?:dose|doses|dosage|amount|amounts|quantity|level|levels|number|mix|combination)\b|"
        r"\boverdos(?:e|ed|es|ing)\b|\bod(?:ing|ed|d|\'d)?\s+on\b")),
    _Rule("method", _r(
        r"\bhow\s+(?:many|much)\s+(?:\S+\s+){0,5}?(?:would|will|does|do|could|can|should|to|might|is)\s+(?:it\s+)?"
        r"(?:take\s+to\s+)?(?:kill|be (?:fatal|lethal|deadly|enough to (?:kill|die))|(?:to\s+)?(?:die|overdose|od|"
        r"end it|end my life|not wake up|never wake up|kill (?:me|you|someone|a person|myself|her|him|a human)|"
        r"stop (?:my|your|her|his|a) heart))\b")),
    _Rule("method", _r(
        r"\bhow\s+(?:many|much)\s+(?:\S+\s+){0,4}?" + DRUG + r"\s+(?:\S+\s+){0,3}?(?:would|will|does|do|could|might)\s+"
        r"(?:it|that)\s+take\b|\bhow\s+(?:many|much)\s+" + DRUG + r"\s+(?:would|does|will)\s+it\s+take\b|"
        r"\bhow\s+many\s+(?:would|does|will)\s+it\s+take\b")),
    _Rule("method", _r(
        r"\b(?:take|took|taking|takes|swallow|swallowed|swallowing|down|downed|neck|necked|necking)\s+"
        r"(?:all|all of|the whole|a whole|every one of|every single one of|the rest of|an entire|the entire)\s+"
        r"(?:(?:my|her|his|the|these|those|them|of)\s+){0,2}(?:\w+\s+){0,2}?(?:bottle|box|packet|pack|lot|strip|"
        r"stash|supply|tub|jar|blister)s?\b|"
        r"\b(?:take|took|taking|swallow|swallowed|swallowing|down|downed)\s+(?:all|all of|every one of|the rest of)\s+"
        r"(?:(?:my|her|his|the|these|those|them|of)\s+){0,2}(?:\w+\s+){0,2}?" + DRUG +
        r"\s+(?:at once|in one go|together|at the same time|and (?:go to sleep|die|not wake|never wake|end|just go)|"
        r"with (?:alcohol|vodka|wine|whisky|whiskey|gin|drink|booze))\b|"
        r"\bwhat (?:if|happens if|would happen if)\s+(?:i|she|he|someone|you)\s+(?:took|take|swallowed|swallow|takes)\s+"
        r"(?:all|a whole|the whole|every|loads of|lots of|a lot of|a handful of|a bunch of|\d{2,}|twenty|thirty|fifty|"
        r"forty|a hundred|too many|too much)\b")),
    _Rule("method", _r(
        r"\b(?:easiest|easy|quickest|quick|fastest|fast|painless|painlessly|least painful|less painful|best|surest|"
        r"simplest|most peaceful|peaceful|gentlest|gentle|quietest|humane|most reliable|reliable|sure|certain|"
        r"cleanest|clean|effective|most effective|guaranteed|foolproof|quickest|fool proof|good|any)\s+"
        r"(?:way|ways|method|methods|means|option|options)\s+(?:to|of|for)\s+(?:go\s*$|go (?:peacefully|quietly|painlessly|"
        r"for good|forever|tonight)|die|dying|kill|killing|end|ending|"
        r"commit|committing|suicide|do it|doing it|not wake|never wake|unalive|off|top|check out|exit|"
        r"go to sleep forever|get out of (?:here|this life|life)|take my|take her|take his|overdose)\b"),
          after=_r(r"\s+(?:the|my|her|his|this|a|an)\s+(?:treatment|chemo|conversation|day|session|relationship|"
                   r"call|chat|pain|suffering from|nausea|week|letter)|\s+(?:it|things) (?:with|between)|"
                   r"\s+from (?:cancer|breast|bone|the cancer)")),
    _Rule("method", _r(
        r"\bhow\s+(?:do|does|would|could|can|should|might|to|did|do you|does one|might one)\s+"
        r"(?:i|you|one|someone|somebody|a person|people|she|he|we)?\s*(?:go about\s+)?(?:kill|killing|end|ending|"
        r"commit|overdose|hang|poison|unalive|off|top|drown|shoot|slit|od)\s+(?:myself|themselves|yourself|oneself|"
        r"herself|himself|my life|it all|it|suicide|your life|their life|one's life|a life|her life|his life|"
        r"things|everything)\b|"
        r"\bhow\s+(?:can|could|should|might|do|would)\s+(?:i|you|one|someone|a person)\s+(?:just\s+)?die\b|"
        r"\bhow\s+to\s+(?:just\s+)?die\b|\bhow\s+(?:long|quickly|fast)\s+(?:does it take|would it take|until|to)\s+"
        r"(?:to\s+)?(?:bleed out|bleed to death|die from (?:an )?overdos|die of (?:an )?overdos|die if|"
        r"suffocate|hang|drown)"),
          after=_r(r"\s+(?:from|of|with|when|because|in|at|well|peacefully|gracefully|with dignity|comfortably)\b|"
                   r"\s+(?:the|my|this) (?:treatment|chemo|conversation|chat|session)")),
    _Rule("method", _r(
        r"\b(?:jump|jumping|jumped|jumps|throw (?:myself|herself|himself)|throwing (?:myself|herself|himself)|"
        r"threw (?:myself|herself|himself)|leap|leaping|fling (?:myself|herself|himself))\s+"
        r"(?:off|from|in front of|under|out of|into|onto)\s+(?:a|the|that|this|my|our|an|some)?\s*"
        r"(?:\w+\s+){0,2}?(?:bridge|bridges|building|buildings|roof|rooftop|cliff|cliffs|balcony|tower|train|trains|"
        r"bus|lorry|truck|window|ledge|car park|multi storey|overpass|flyover|motorway|highway|traffic|river|"
        r"sea|tracks?|platform|skyscraper|block of flats|flats|height|heights|edge|top floor|dam|quarry|car)\b"),
          after=_r(r"\s+(?:to|and) (?:the|a) (?:pool|water|lake)\b")),
    _Rule("method", _r(
        r"\b(?:step|stepping|stepped|walk|walking|walked|run|running|lie|lying|lay|laying)\s+(?:out\s+)?"
        r"(?:in front of|under|onto|into)\s+(?:a|the|an|some|oncoming)?\s*(?:train|bus|car|lorry|truck|traffic|"
        r"tracks|railway line|sea|ocean|river|lake)\b|"
        r"\b(?:tallest|highest|high enough|tall enough|deadliest)\s+(?:bridge|bridges|building|buildings|cliff|"
        r"cliffs|tower|towers|car park|car parks|point to jump|place to jump|floor|places to jump|spot to jump)\b|"
        r"\b(?:bridge|bridges|building|buildings|cliff|cliffs)\s+(?:that are\s+|which are\s+|over\s+)?"
        r"(?:taller|higher|over|above|more than)\s+(?:than\s+)?\d*|"
        r"\bhow\s+(?:high|tall|far)\s+(?:up\s+)?(?:does|do|would|should|is|must|has)\s+(?:a|the|you|one|someone)?\s*"
        r"(?:bridge|building|fall|drop|jump|floor|height|need to (?:jump|fall|be))|\bsurvive (?:a|the) (?:fall|jump) from\b|"
        r"\bhigh enough to (?:die|kill)\b|\bfatal (?:fall|height|jump|drop)\b|"
        r"\b(?:drive|driving|drove|crash|crashing|steer|steering)\s+(?:my|the|her|his)?\s*(?:car\s+)?(?:into|off)\s+"
        r"(?:a|the|an)?\s*(?:wall|tree|bridge|cliff|river|lake|oncoming|lorry|truck|sea|quarry)\b|"
        r"\bcrash (?:my|the|her|his) car (?:on purpose|deliberately)\b"),
          sentence=_r(r"\b(?:deer|accident happened|nearly crashed|almost crashed|icy|skidded)\b")),
    _Rule("method", _r(
        r"\b(?:noose|ligature|hang|hanging|hanged)\s+(?:myself|herself|himself|themselves|yourself)\b|\bnoose\b|"
        r"\brope (?:to|around|round) (?:my|her|his) neck\b|\b(?:buy|buying|bought|get|getting) (?:a |some |the )?rope\b"
        r"(?=.*\b(?:end|hang|die|myself|neck|it all)\b)|"
        r"\b(?:shoot|shooting|shot) (?:myself|herself|himself|themselves)\b|\bgun (?:to|in) (?:my|her|his) (?:head|mouth)\b|"
        r"\bblow (?:my|her|his) brains out\b|\bput a bullet\b|\bbullet (?:in|through) (?:my|her|his) (?:head|brain)\b|"
        r"\b(?:buy|buying|bought|get|getting|got|borrow|borrowing) (?:a|my|the) (?:gun|firearm|pistol|rifle|shotgun|"
        r"handgun)\b|"
        r"\b(?:slit|slash|slashing|slitting|cut|cutting|open|opening) (?:my|her|his|their) (?:wrists?|throat|veins)\b|"
        r"\b(?:drown|drowning|poison|poisoning|gas|gassing|electrocute|electrocuting|suffocate|suffocating|"
        r"strangle|strangling) (?:myself|herself|himself|themselves)\b|"
        r"\bcarbon monoxide\b(?! (?:alarm|detector|poisoning from (?:the|a) (?:boiler|heater)))|\bexhaust (?:fumes|pipe)\b|"
        r"\bhose ?pipe (?:to|from|on) (?:the )?exhaust\b|\bcharcoal (?:in|burning|bbq in)\b|\bhelium (?:tank|bag|hood|and a bag)\b|"
        r"\b(?:exit|suicide) bag\b|\bplastic bag over (?:my|her|his) head\b|\bput (?:my|her|his) head in (?:the|an|a) "
        r"(?:oven|gas oven)\b|\b(?:drink|drinking|drank) (?:bleach|antifreeze|weed killer|poison)\b|\brat poison\b|"
        r"\bcyanide\b|\bnembutal\b|\bpentobarbital\b|\bsodium nitrite\b|\bbleed (?:out|to death)\b(?=.*\b(?:want|how|going|let|would|could|wish|gonna|long)\b)"),
          after=_r(r"\s+(?:in the (?:morning|evening)|up|out|off|for (?:the|a))\b")),
    _Rule("method", _r(
        r"\b(?:can|could|would|will|does|do|did)\s+(?:you|i|someone|a person|one|she|he|people)\s+(?:actually\s+)?"
        r"(?:die|be killed)\s+(?:from|of|by|if)\s+(?:taking|too many|too much|an overdose|overdosing|mixing|"
        r"swallowing|drinking|a (?:bottle|packet|box)|(?:all|a lot|lots) of|(?:\d+|twenty|thirty|fifty) )|"
        r"\b" + DRUG + r"\s+(?:\w+\s+){0,4}?(?:would|will|could|might|can|does|do)\s+(?:\w+\s+)?"
        r"(?:kill|be fatal (?:to|for)|be lethal (?:to|for)|be deadly (?:to|for)|be enough to kill)\s+"
        r"(?:me|you|someone|a person|her|him|a human|an adult)\b|"
        r"\b(?:would|will|could|can|does|is|are)\s+(?:\d+|twenty|thirty|forty|fifty|a hundred|a (?:bottle|box|packet|handful) of|"
        r"all (?:of )?(?:my|her|his|the|these|those)|a whole (?:bottle|box|packet)|this many|that many|these|those)\s+"
        r"(?:\w+\s+){0,4}?(?:kill|be fatal|be lethal|be deadly)\b|"  # "be enough": _OD_SUFFICIENCY_RULES
        r"\b(?:mix|mixing|mixed|combine|combining)\s+(?:\w+\s+){0,3}?(?:with|and)\s+(?:\w+\s+){0,3}?"
        r"(?:to|so (?:i|she|he|it))\s+(?:die|kill|end|not wake|never wake|stop)\b|"
        r"\bstop(?:ped|ping|s)?\s+(?:taking\s+)?(?:all\s+|all of\s+)?(?:my|her|his)?\s*(?:\w+\s+)?(?:meds|medication|"
        r"medications|medicine|pills|tablets|insulin|treatment|eating|drinking|eating and drinking)\s+"
        r"(?:so (?:that )?(?:i|she|he) (?:can |will |would |could )?(?:die|go|not wake up|just go|end it)|"
        r"(?:and|to|until (?:i|she|he)) (?:just )?(?:die|dies|end it|fade away|waste away|go)\b(?! (?:to|home|out|back)))")),
    # --- plan / intent -----------------------------------------------------------------------
    _Rule("plan_or_intent", _r(
        r"\b(?:stockpil\w*|stock pil\w*|hoard\w*|stash\w*|squirrel\w* away|sav(?:e|ing|ed) up|been saving|"
        r"saving|saved|collect(?:ing|ed)?|build(?:ing)? up a (?:supply|stock|stash) of|keep(?:ing)? back|"
        r"hid(?:e|ing|den)|hoarded|put(?:ting)? aside|set(?:ting)? aside|secretly keeping|keeping a stash of)\s+"
        r"(?:(?:all|some|a lot of|lots of|loads of|enough|her|his|my|the|their|up|of|away|extra|spare|old|"
        r"leftover|left over)\s+){0,3}(?:\w+\s+)?" + DRUG + r"\b"),
          after=_r(r"\s+(?:for (?:the|my|our|a) (?:trip|holiday|flight|journey|weekend|next|travel)|in (?:the|a|my) "
                   r"(?:dosette|pill box|pillbox|pill organi[sz]er|organi[sz]er|blister pack|dossette|weekly box)|"
                   r"in (?:the|a) (?:fridge|cupboard) (?:so|for|because)|for later in the day)"),
          sentence=_r(r"\b(?:money|pounds|dollars|coupon|prescription charges|receipt|nhs|insurance|for the grandkids)\b"),
          unless=_r(r"\b(?:die|end|enough|kill|just in case|in case|one day|when the time|overdose|all of them|why)\b")),
    _Rule("plan_or_intent", _r(
        r"\b(?:stash|stockpile|hoard|secret supply|secret stash|collection)\s+of\s+(?:\w+\s+)?" + DRUG + r"\b|"
        r"\benough\s+(?:\w+\s+){0,2}?(?:" + DRUG + r"|of (?:them|it|these|those))\s+(?:saved\s+|stored\s+|stashed\s+|"
        r"put away\s+|hidden\s+|now\s+|left\s+)?(?:to|that|so)\s+(?:i\s+|she\s+|he\s+|it\s+)?(?:could\s+|can\s+|would\s+|will\s+)?"
        r"(?:kill|die|end|overdose|do it|not wake|never wake|finish|stop)\b|"
        r"\b(?:have|got|has|had|now have)\s+enough\s+(?:\w+\s+){0,2}?" + DRUG + r"\s+(?:saved|stored|stashed|put away|"
        r"hidden|collected|now|to do it|to end it)\b")),
    _Rule("plan_or_intent", _r(
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
        r"(?:" + DRUG + r"|rope|gun|noose|ligature|razor|razors|blades)\s+(?:ready|i need|lined up|prepared|for tonight|"
        r"for tomorrow|to do it|to end it)\b|\beverything (?:i need|is ready|ready) (?:to|for) (?:do it|end it|die|"
        r"kill|tonight|end things)\b|\bwhen (?:everyone|they|the kids|my husband|my wife|he|she) (?:is|are|has|have) "
        r"(?:asleep|gone|out|left)\b.{0,40}\b(?:do it|end it|take them|take the pills|go through with)\b|"
        r"\b(?:go|going|went) through with it\b|\b(?:going|planning) to do it (?:tonight|tomorrow|today|soon|this week|"
        r"this weekend|now)\b")),
    # --- goodbye -----------------------------------------------------------------------------
    _Rule("goodbye", _r(
        r"\b(?:this is|it is|this will be|this is my|it is my|so this is)\s+(?:my\s+|the\s+)?(?:final|last|real)?\s*"
        r"(?:goodbye|farewell|good bye|bye)\b(?!\s+(?:for now|for today|until|till|for the day|for tonight|from me for now|"
        r"for this week|till next))|"
        r"\b(?:goodbye|farewell|good bye|bye bye|bye)\s+(?:forever|for ever|for good|cruel world|world|"
        r"everyone|everybody|all of you|my friends|my loves|my darlings|my babies)\b"
        r"(?!\s+(?:see you|talk (?:to you|soon)|until|till|tomorrow|later|for now|next|for today|have a|x+\s*$))|"
        r"\bsaying (?:my |her |his |our )?(?:final |last )?goodbyes\b|\b(?:my|a) (?:final|last) goodbye\b|"
        r"\b(?:want|need|going|have|time|wanted|had|ready|trying|like)\s+to\s+say\s+goodbye\s+to\s+(?:everyone|everybody|"
        r"the world|you all|all of you|my (?:kids|children|family|husband|wife|partner|friends|son|sons|daughter|"
        r"daughters|mum|mom|dad|parents|loved ones|sister|brother|grandchildren|babies))\b"),
          sentence=_r(r"\b(?:before (?:she|he|they|mum|dad|my \w+) (?:died|passed|went)|got to say goodbye|"
                      r"did not get to|never got to|hair|eyebrows|nails|breast|boob|job|house|holiday|trip|"
                      r"airport|leaving for|before i go (?:away|on|to)|move|moving)\b")),
    _Rule("goodbye", _r(
        r"\b(?:this is|this will be|these are|consider this|here is|here are|this is probably|this might be|"
        r"this could be)\s+(?:my|the|her|his)\s+(?:very\s+)?(?:last|final)\s+(?:message|messages|text|post|words|note|"
        r"chat|time (?:you will|you would|anyone will) hear from me|time i (?:talk|write|message))\b|"
        r"\b(?:you|they|nobody|no one|anyone|everyone)\s+(?:will not|will never|are not going to|would not|"
        r"will no longer)\s+(?:hear|see)\s+(?:from\s+)?(?:me|her|him)\s+(?:again|anymore|any more|after (?:today|"
        r"tonight|this)|ever again)\b|"
        r"\bby the time (?:you|anyone|someone|somebody|they|my \w+|the \w+) (?:read|reads|see|sees|find|finds|get|gets|"
        r"hear|hears) (?:this|these|it|me)\b|"
        r"\b(?:suicide|goodbye|farewell|final|last) (?:note|notes|letter|letters|message|messages|video|videos)\b|"
        r"\bmy last (?:day|night|morning|sunset|weekend) (?:alive|on earth|on this earth|of my life|in this world|ever|here)\b|"
        r"\b(?:will not|would not|do not|will no longer) need (?:this|these|you|them|it|my \w+|any of (?:this|it|my \w+))\s+"
        r"(?:anymore |any more )?(?:where (?:i am|she is|he is) going|after (?:tonight|today|tomorrow))\b|"
        r"\bwhere (?:i am|she is|he is) going\b(?=.*\b(?:need|take)\b)|"
        r"\b(?:tell|let) (?:my |our )?(?:kids|children|family|husband|wife|partner|son|sons|daughter|daughters|mum|mom|"
        r"dad|parents|everyone|everybody|them|my loved ones) (?:know )?(?:that )?(?:i|how much i) (?:love|loved|am sorry|"
        r"was sorry|tried|did my best|never meant)\b|"
        r"\b(?:please )?look after (?:my|the) (?:kids|children|cat|dog|pets|family) (?:for me )?(?:when i am gone|after i am gone|"
        r"after i go|once i am gone|for me now)\b(?=.*\b(?:tonight|tomorrow|soon|now|goodbye|sorry)\b)"),
          sentence=_r(r"\b(?:my (?:last|final) (?:message|text) (?:was|about|on)|last message (?:i|you) sent|"
                      r"the last message|read my last|your last|did you get my last|final letter from the|"
                      r"last letter from|appointment letter|discharge letter|clinic letter|hospital letter)\b")),
    _Rule("goodbye", _r(
        r"\b(?:wrote|written|writing|write|left|leave|leaving|finished|prepared|preparing|drafted|recorded|recording)\s+"
        r"(?:(?:a |some |the |my |her |his |all the |all my |little )*(?:letter|letters|videos)|"
        r"(?:a |some |the |my |her |his |all the |all my |little )*(?:goodbye |farewell |final |last )"
        r"(?:note|notes|message|messages|video|videos|card|cards))\s+"
        r"(?:to|for)\s+(?:each of\s+|all of\s+)?(?:us|us all|them all|all of us|everyone|everybody|"
        r"(?:my|her|his|the|our|all)\s+(?:\w+\s+){0,1}?"
        r"(?:kids|children|family|husband|wife|son|sons|daughter|daughters|mum|mom|dad|parents|partner|everyone|"
        r"loved ones|friends|grandchildren|girls|boys|babies|sister|brother))\b"),
          sentence=_r(r"\b(?:birthday|birthdays|memory box|memory boxes|legacy|wedding|weddings|graduation|"
                      r"milestones?|when (?:they|he|she) (?:are|is|grow|grows|get|gets) (?:older|up|bigger)|grow up|"
                      r"each year|every year|christmas|future birthdays|18th|21st|first day at|shopping|school trip|"
                      r"thank you (?:card|note)s?|get well|party|reminder|remind|appointment)\b")),
    _Rule("goodbye", _r(
        r"\b(?:giv(?:e|es|ing|en)|gave|gifting|gifted|hand(?:ing|ed)? out|sorting out who gets)\s+(?:away\s+)?"
        r"(?:all\s+(?:of\s+)?)?(?:my|her|his|their)\s+(?:\w+\s+){0,1}?(?:things|stuff|belongings|possessions|"
        r"jewel(?:le)?ry|clothes|books|pets|cat|dog|cats|dogs|collection|treasures|savings|furniture|records|games|"
        r"plants|everything|valuables|prized \w+|guitar|car|bike|laptop|tools|watch|rings?|necklaces?|medals|art|paintings|"
        r"photos|photographs|instruments?|cameras?|phone|money)\s*(?:away)?\b|"
        r"\bgiv(?:e|es|ing|en)\s+(?:all\s+)?(?:of\s+)?(?:my|her|his|their)\s+(?:\w+\s+){1,2}?away\b|"
        r"\b(?:been|keeps?|kept|started|is|was|has been) saying goodbye\b(?!\s+to (?:my|her|his|the) (?:hair|eyebrows))|"
        r"\bgiv(?:e|ing|en)\s+(?:everything|all (?:my|her|his) (?:stuff|things))\s+away\b|\bgave\s+(?:everything|"
        r"all (?:my|her|his) (?:stuff|things))\s+away\b"),
          check=lambda s, m: not re.search(r"\baway\b", m.group(0)) and not re.search(
              r"\b(?:away|to (?:charity|my|her|his|the|friends|family|people))\b", s[m.end():m.end() + 40]),
          sentence=_r(r"\b(?:spring clean|declutter|decluttering|moving house|downsizing|charity shop|"
                      r"too small|grown out|do not fit|does not fit|no longer fit|allergic|allergy|allergies)\b")),
)

# ---------------------------------------------------------------------------
# Round 3 (concepts from the whole-pipeline misses on heldout3/heldout4, written as classes
# of phrasing, not as the sentences themselves; see bench/safety/NOTES.md)
# ---------------------------------------------------------------------------

_NUMBER = (r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
           r"sixty|seventy|eighty|ninety|a hundred|hundreds|dozens|several|a few)")
# Something said about a death in the near, named future ("by tomorrow", "this time tomorrow")
_SOON_ANCHOR = _r(
    r"\b(?:by (?:tomorrow|tonight|the morning|morning|the weekend|midnight|sunrise|dawn|then|next week|the end of (?:the|this|"
    r"today|tonight)(?: day| week| night)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|the time (?:you|anyone|"
    r"anybody|they|he|she|my \w+|the \w+) (?:wake|wakes|get up|gets up|read|reads|see|sees|find|finds|get back|gets back|"
    r"come back|comes back|get home|gets home|get here|gets here|notice|notices))|this time tomorrow|"
    r"before (?:the )?(?:morning|sunrise|dawn|tomorrow|midnight|the sun comes up|(?:you|anyone|they|he|she) (?:wake|wakes))|"
    r"tomorrow|tonight|in the morning)\b")
# Ordinary reasons for being gone / over by tomorrow: travel, discharge, a prognosis someone else gave
_SOON_MUNDANE = _r(
    r"\b(?:doctor|doctors|nurse|nurses|oncologist|consultant|gp|team|prognosis|they (?:say|think|reckon|said)|told me|"
    r"(?:days|weeks|months) left|ambulance|transport|taxi|flight|plane|train|bus|coach|discharged|discharge|holiday|trip|"
    r"work|shift|appointment|ward|shops|shopping|operation|surgery|scan|results|biopsy|exam|interview|test|treatment|"
    r"chemo|radiotherapy|infusion|course|visit|visiting|staying|stay|hotel|sister's|brother's|mum's|mom's|dad's|"
    r"friend's|house|home|back)\b")
_SOON_CRISIS_CUE = _r(r"\b(?:goodbye|bye|love you|sorry|forgive|pills|tablets|overdose|forever|for good|kill|suicide|"
                      r"note|letter|end it|at peace|no more pain|out of (?:everyone's|your|their) way)\b")
_CALM = (r"(?:fine|okay|alright|all right|calm|calmer|at peace|peaceful|relieved|better|good|settled|content|happy|"
         r"sorted|ready)")
_HAVE_A_PLAN = (
    r"(?:(?:i|she|he)\s+|^\s*)(?:have|has|have got|has got|got|made|have made|has made|now have|finally have|have finally got|"
    r"came up with|have come up with|worked out|have worked out|have sorted|have sorted out|have figured out|figured out)\s+"
    r"(?:a|my|the|her|his)\s+plan\b(?!\s+(?:for|to|with|b\b|be\b|of|in place|from|at|on|about|that|which|the|my|our|we|is|was|"
    r"and (?:the|my) (?:doctor|nurse|team)))")
_PLAN_MUNDANE = _r(
    r"\b(?:treatment|chemo|chemotherapy|radiotherapy|oncolog\w*|doctor|nurse|team|care|appointment|scan|hospice|"
    r"palliative|pain|diet|exercise|money|budget|bills|holiday|trip|wedding|party|work|job|weekend|christmas|birthday|"
    r"garden|school|dinner|lunch|shopping|meds|medication|sleep|fatigue|tired|symptoms|gp|physio|walk|walking)\b")
_PLAN_CRISIS_CUE = _r(r"\b(?:end|die|dying|pills|tablets|tonight|goodbye|do it|gone|over soon|no more|worry about me|"
                      r"do not worry|dont worry|stop worrying|nothing to worry)\b")
_BURDEN = _r(
    r"\b(?:burden|burdens|drain|waste of (?:space|money|resources|oxygen|time|a bed|everyone's time)|dead weight|"
    r"millstone|nuisance|liability|in (?:the|everyone's) way|a problem|a bother|so much trouble|useless|costing "
    r"(?:everyone|them|the nhs))\b")
_SELF_REMOVAL = (
    r"(?:disappear|bow out|slip away|fade away|vanish|get out of (?:the|everyone's|everyone is|everybody is|their|your) way|"
    r"take myself out of (?:the|this) (?:picture|equation)|remove myself|stop being (?:here|around|a burden|a problem|"
    r"a drain|a nuisance|one)|not be here|be gone|end it|end things)")
_GO_NOT_LEAVING = (
    r"(?!\s+(?:to|into|in|home|out|back|for|on|off|abroad|shopping|away for|round|over|up|down|ahead|first|by|via|"
    r"and (?:see|get|have|ask|tell|lie|sit|rest|sleep|check|make|buy|pick|collect|grab|find|sort|visit|call|ring|phone)|"
    r"private|privately|the|a|an|it|some|that|this (?!world)|work|early))")
_DEATH_CUE = _r(
    r"\b(?:die|dying|death|dead|going soon|go soon|one of us|take me|takes me|gets me|get me|kills me|kill me|my end|"
    r"cancer|tumou?rs?|disease|illness|mets|"
    r"the end|my time|own terms|it or me|me or it|me or the cancer|cancer or me|beat (?:it|the cancer|cancer) to it)\b")
_HEIGHT_OBJECT = (
    r"(?:floors?|stor(?:e)?ys?|stories|metres|meters|feet|ft|buildings?|bridges?|roofs?|rooftop|balcony|balconies|"
    r"windows?|cliffs?|car park|multi storey|towers?|tower block|block of flats|ledge|overpass|flyover|heights?|top floor)")
_LETHAL_WORD = _r(
    r"\b(?:fatal|lethal|deadly|kill|kills|killed|killing|die|dies|dying|dead|death|survive|survivable|surviving|"
    r"survived|certain|instant|instantly|enough|guaranteed|painless|quick)\b")
_ROUND3_RULES: Tuple[_Rule, ...] = (
    # --- staged accident / insurance payout -------------------------------------------------------
    _Rule("method", _r(
        r"\b(?:make|makes|making|made)\s+(?:it|this|that|things|everything|(?:my|her|his|the) (?:death|crash|fall|overdose|"
        r"drowning|suicide))\s+(?:\w+\s+)?(?:look|looks|seem|seems|appear|appears)\s+(?:like\s+)?(?:an?\s+)?(?:accident|"
        r"accidental|natural causes|a natural death|unintentional)\b|"
        r"\b(?:stage|staging|staged|fake|faking|faked|set up|setting up)\s+(?:an?|my|her|his|the)\s+(?:own\s+)?(?:\w+\s+)?"
        r"(?:accident|crash|fall|overdose|death|drowning)\b"),
          sentence=_r(r"\b(?:film|movie|book|novel|tv|series|episode|drama|detective|crime|murder mystery|podcast|"
                      r"(?:kill|murder|strangle|throttle|smother|poison|bump off) (?:him|her|them|my (?!self)\w+))\b"),
          check=lambda s, m: bool(re.match(r"(?:stag|fak|set)", m.group(0))) and not re.search(
              r"\b(?:insurance|pay ?out|policy|the money|so (?:that )?(?:no ?one|nobody|they|the kids|the children|my \w+)|"
              r"nobody would|no one would|myself|herself|himself|die|dead|kill)\b", s)),
    _Rule("method", _r(
        r"\b(?:look|looks|looked|seem|seems|seemed|appear|appears|pass(?:es|ed)? (?:it )?off|passed (?:it )?off)\s+(?:(?:like|as)\s+"
        r"(?:an?\s+)?(?:accident|accidental (?:death|overdose)|natural causes|a natural death)|accidental)\b"),
          check=lambda s, m: not re.search(
              r"\b(?:insurance|pay ?out|policy|the money|so (?:that )?(?:no ?one|nobody|they|the kids|the children|my \w+)|"
              r"nobody would|no one would|on purpose|deliberately|myself|herself|himself|make it|making it)\b", s)),
    _Rule("suicidal_ideation", _r(
        r"\bworth more (?:to (?:them|everyone|everybody|my family|the family|my kids|the kids|my husband|my wife|anyone)\s+)?"
        r"(?:dead|gone|in the ground)\b")),
    # --- a plan, disclosed as the reason for feeling calm ---------------------------------------------
    _Rule("plan_or_intent", _r(
        r"\b" + _HAVE_A_PLAN + r"[\s,]+(?:(?:so|and|now|then|which is why|that is why)[\s,]+)*(?:i|she|he)\s+"
        r"(?:am|is|feel|feels|am feeling|is feeling|will be|have been|can be)\s+(?:\w+\s+)?(?:(?:at peace|peaceful|calm|"
        r"calmer|relieved|settled)\b|" + _CALM + r"\b(?!\s+(?:for|with|about|if|to|at|in|on)))|"
        r"\b" + _CALM + r"[\s,]+(?:now[\s,]+)?(?:(?:because|since|as|now that|cos|cause)\s+)?" + _HAVE_A_PLAN + r"|"
        r"\b(?:do not|no need to|stop|please do not|you do not need to) worry[\s,]+(?:about me[\s,]+)?(?:\w+[\s,]+){0,3}?"
        + _HAVE_A_PLAN), negatable=False,
          sentence=_PLAN_MUNDANE, unless=_PLAN_CRISIS_CUE),
    # --- burden + removing oneself ----------------------------------------------------------------
    _Rule("suicidal_ideation", _r(
        r"\b(?:should|might as well|may as well|ought to|better|need to|have to|it is time (?:i|she|he)|time for me to|"
        r"going to|will|could)\s+(?:just\s+|quietly\s+|finally\s+)?" + _SELF_REMOVAL + r"\b" + _GO_NOT_LEAVING + r"|"
        r"\b(?:should|might as well|may as well|ought to|better|need to|have to|it is time (?:i|she|he)|time for me to)\s+"
        r"(?:just\s+|quietly\s+|finally\s+)?(?:go|leave)\b(?=\s*(?:$|[,.!?;]|and (?:save|spare|let|give|free|stop)|for good|"
        r"forever|for ever|now\s*(?:$|[,.!?;])|quietly\s*(?:$|[,.!?;])))"),
          negatable=False,
          check=lambda s, m: not _BURDEN.search(s) and not re.search(
              r"\b(?:save|spare|saving|sparing)\s+(?:everyone|everybody|them|them all|my family|the family|my \w+|the \w+|"
              r"you all|all of them|him|her)\s+(?:the\s+)?(?:bother|trouble|hassle|expense|cost|money|effort|burden|pain|"
              r"heartache|misery|grief)\b", s)),
    _Rule("suicidal_ideation", _r(
        r"\b(?:decided|going|plan|planning|time|want|need|choose|chosen|determined|ready)\s+to\s+stop\s+being\s+"
        r"(?:a burden|one|a problem|a drain|a nuisance|a bother|in the way|a weight)\b(?!\s+(?:and|by|so) (?:move|moving|go into|"
        r"going into|ask|asking|get|getting|accept|accepting|let|letting|hire|hiring|pay|paying|learn|learning|doing|do|"
        r"look|looking|start|starting))|"
        r"\b(?:free|freer|be free|finally free|relieved|better off|happier|rid of me)\b(?:\s+\w+){0,3}?\s+if (?:i|she|he) (?:was not|"
        r"were not|was no longer|were no longer|am not|was gone|were gone) (?:here|around|alive|in the picture|gone)?\s*"
        r"(?:anymore|any more)?(?=\s*(?:$|[,.!?;]|and\b|anymore\b))|"
        r"\bdo (?:everyone|everybody|them|my family|the family|the world|you all) a (?:favou?r|kindness)\s+(?:and|by)\s+"
        r"(?:just\s+)?(?:go|going|leave|leaving|disappear|disappearing|die|dying|end(?:ing)? it|not being here|dropping dead|"
        r"drop dead|killing myself|kill myself|topping myself)\b" + _GO_NOT_LEAVING), negatable=False),
    # --- choosing the time of one's own death -------------------------------------------------------
    _Rule("suicidal_ideation", _r(
        r"\b(?:choose|chose|choosing|decide|deciding|pick|picking|control|controlling|be in (?:charge|control) of|"
        r"(?:have )?(?:a |the )?say (?:in|over)|set|setting)\s+(?:\w+\s+){0,2}?(?:when|the (?:day|date|time|moment|hour))\s+"
        r"(?:i|she|he)\s+(?:go|goes|die|dies|end it|leave|check out|exit|pass|am going)\b" + _GO_NOT_LEAVING + r"|"
        r"\b(?:rather|prefer to|want to|would like to|going to|will|get to|like to|let me|to)\s+(?:\w+\s+){0,2}?"
        r"(?:choose|decide|pick)\s+(?:when|the (?:day|date|time|moment))(?=\s*(?:$|[,.!?;]|myself|for myself|than|rather|"
        r"instead|not\b|and\b|(?:i|she|he) (?:go|die|leave|end it)\b|it (?:happens|ends)\b))|"
        r"\b(?:go|going|die|dying|leave|leaving|end it|end things|exit|check out|bow out|go out)\s+(?:\w+\s+){0,2}?on (?:my|her|his) "
        r"own terms\b|\bon (?:my|her|his) own terms\b(?:\s+\w+){0,3}?\s+(?:die|dying|death|go|going|end it|end things)\b|"
        r"\bbeat(?:ing)? (?:it|the cancer|cancer|the disease|this disease|the tumou?rs?) to it\b|"
        r"\b(?:go|die|end it|end things|do it|check out|take myself out)\b" + _GO_NOT_LEAVING + r"(?:\s+\w+){0,3}?\s+before "
        r"(?:it|the cancer|cancer|this disease|the disease|the tumou?rs?|the mets|it all) (?:gets|takes|does|kills|finishes|"
        r"has a chance)\b|"
        r"\btak(?:e|ing|en)\s+(?:matters|things|it)\s+into (?:my|her|his) own hands\b(?!\s+and (?:go|call|ring|phone|ask|see|get|"
        r"book|complain|change|email|write))|"
        r"\b(?:chosen|picked|set|fixed|decided on|choose|pick|chose|choosing|picking)\s+(?:a|the|my|her|his)\s+(?:date|day|time)\b"
        r"(?!\s+(?:for|of|to|with|at|on|in|when (?:we|you|the|my)))(?=.*\b(?:letters|affairs|note|notes|goodbye|goodbyes|"
        r"given away|gave away|said my|everything is sorted|sorted everything|will is|made my will|ready to go)\b)|"
        r"\b(?:letters|affairs|goodbyes)\b.{0,60}?\b(?:chosen|picked|set|fixed|decided on|choose|pick|chose)\s+(?:a|the|my)\s+"
        r"(?:date|day|time)\b(?!\s+(?:for|of|to|with|at|on|in))"),
          negatable=False,
          check=lambda s, m: (
              (bool(re.match(r"(?:rather|prefer|want|would|going|will|get|like|let|to)\b", m.group(0)))
               and not _DEATH_CUE.search(s))
              or (bool(re.match(r"tak", m.group(0))) and not re.search(
                  r"\b(?:die|dying|death|dead|end it|end things|pills|tablets|morphine|overdose|(?:when|if|once) (?:it|things|"
                  r"the pain) gets? (?:too )?(?:bad|worse|much|unbearable)|before it (?:gets|takes)|own terms)\b", s))
              or (("own terms" in m.group(0)) and bool(re.search(
                  r"\b(?:at home|hospice|hospital|peacefully|comfortably|with (?:my )?(?:family|loved ones)|surrounded|"
                  r"resuscitat\w*|dnr|dnacpr|machines|advance (?:directive|decision|care)|palliative|pain relief|"
                  r"living will|funeral|in my own bed)\b", s))))),
    # --- someone wanting to die with / follow the patient (or the patient someone else) -------------------
    _Rule("suicidal_ideation", _r(
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
        r"(?!\s+(?:of|in|at|when we are|holding))|\btake (?:both )?our (?:own )?lives\b"),
          negatable=False,
          sentence=_r(r"\b(?:dog|cat|pet|puppy|kitten|parrot|old age|when we are old|at a hundred|at 100)\b")),
    # --- lethality of a fall / jump from a height -----------------------------------------------------
    _Rule("method", _r(
        r"\b(?:jump|jumps|jumping|jumped|leap|leaps|leaping|fall|falling|falls|a fall|drop|dropping|plunge|plunging|"
        r"throw(?:ing)? (?:myself|herself|himself|yourself|someone|a person|oneself)|step(?:ping)? off|go(?:ing)? off|"
        r"went off)\s+(?:\w+\s+){0,2}?(?:from|off|out of|of)\s+(?:a\s+|the\s+|an\s+)?(?:\w+\s+){0,2}?" + _HEIGHT_OBJECT + r"\b|"
        r"\bhow (?:many|high|far|tall)\s+(?:\w+\s+){0,2}?(?:floors?|stor(?:e)?ys?|stories|metres|meters|feet|up)\b|"
        r"\b(?:what|which) (?:height|floor|storey)\b"),
          negatable=False,
          check=lambda s, m: not _LETHAL_WORD.search(s) or bool(re.search(
              r"\b(?:fell|fallen|has fallen|had a fall|parachut\w*|skydiv\w*|bungee|diving board|trampoline|pool|lake|"
              r"sea|river|swim\w*|ladder|stairs|bed|chair|toilet|bath|kerb|curb|cat|dog|phone|x ?ray|scan|bone|"
              r"fracture|hip)\b", s))),
    # --- stockpiled medication: a quantity "saved up", or the drug "I've been saving" ----------------------
    _Rule("plan_or_intent", _r(
        r"\b(?:" + _NUMBER + r"|loads|lots|a lot|a load|heaps|piles|a pile|a stack|a drawer ?full|a bag ?full|a box ?full|"
        r"months|weeks|months worth|weeks worth|"
        + _NUMBER + r" (?:boxes|packets|packs|bottles|strips|months|weeks|months worth|weeks worth))\s+(?:of\s+)?"
        r"(?:\w+\s+){0,2}?" + DRUG + r"(?:\s+(?:tablets|pills|capsules|patches))?\s+(?:\w+\s+){0,2}?(?:saved|saved up|stashed|"
        r"stashed away|stockpiled|hoarded|hidden|hid|put away|put by|put aside|set aside|squirrel+ed away|kept back|"
        r"tucked away|stored up)\b|"
        r"\b(?:have|has|got|have got|has got|had|keeps?|kept)\s+(?:all\s+)?(?:my|her|his|the|some|a few|enough)\s+(?:\w+\s+)?"
        + DRUG + r"\s+(?:all\s+)?(?:saved|saved up|stashed|stashed away|stockpiled|hoarded|hidden away|put away|squirrel+ed away|"
        r"tucked away|stored up)\b|"
        r"\b" + DRUG + r"\s+(?:that\s+|which\s+)?(?:i|she|he)\s+(?:have\s+|has\s+|had\s+)?(?:been\s+)?(?:saving|saved|"
        r"saving up|saved up|stockpiling|stockpiled|hoarding|hoarded|hiding|hid|hidden|stashing|stashed|squirrel+ing away|"
        r"putting aside|putting away|keeping back|secretly keeping)\b"),
          sentence=_r(r"\b(?:fridge|dosette|pill box|pillbox|organi[sz]er|for the (?:week|month|holiday|trip|journey|flight|"
                      r"weekend)|holiday|travel|run out|running out|ran out|pharmacy|pharmacist|return|returning|dispose|"
                      r"disposal|take (?:them |it )?back|hand (?:them |it )?back|expired|out of date|in date|money|pounds|"
                      r"dollars|for (?:the |my )?(?:kids|grandkids|children|emergencies|winter|headaches)|from (?:the |my )?"
                      r"(?:kids|grandkids|children|grandchildren|dog|cat)|locked|lock box|safe place|safely|"
                      r"(?:put away|put by|set aside|tucked away|stored up) (?:in|on|at) (?:the|a|my|our) (?:\w+ )?"
                      r"(?:cupboard|cabinet|shelf|kitchen|drawer|box|tin|bag))\b"),
          unless=_r(r"\b(?:die|end|enough|kill|just in case|overdose|all of them|all at once|why|do it|tonight|secret|"
                    r"secretly|nobody knows|no one knows)\b")),
    _Rule("plan_or_intent", _r(
        r"\b(?:have|got|has|have got|has got|now have|finally have)\s+enough\s+(?:\w+\s+){0,2}?" + DRUG + r"\b"
        r"(?!\s+(?:to last|until|till|for (?:the|a|my|this|next)|left|at home|in the house|from))"),
          check=lambda s, m: not re.search(
              r"\b(?:speed\w*|hurry|sooner|quicker|faster|myself|end it|end things|do it|all at once|take them all|"
              r"finish (?:it|me|things)|for when|when the time comes|if it gets|if i need (?:to|it)|if i have to|"
              r"make it stop|for good|forever|not wake|never wake)\b", s)),
    # --- a single drink is not a crisis; a glass of something next to the pills with intent is ----------
    _Rule("plan_or_intent", _r(r"\bglass(?:es)?\s+of\s+(?:vodka|wine|whisky|whiskey|gin|rum|alcohol)\b(?=.*\b" + DRUG + r"\b)"),
          check=lambda s, m: not re.search(
              r"\b(?:all (?:of )?(?:them|my|her|his|the)|every (?:one|single)|whole|the lot|enough|die|end it|"
              r"goodbye|overdose|never wake|not wake|in front of|lined up|counted|ready|at once|together|kill)\b", s)),
    # --- a declared last day / night ------------------------------------------------------------------------
    _Rule("plan_or_intent", _r(
        r"\b(?:today|tonight|tomorrow|this|it|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
        r"this (?:weekend|week|morning|evening|afternoon))\s+(?:is|will be|is going to be|has to be|must be|should be|shall be)\s+"
        r"(?:my|her|his)\s+(?:very\s+)?(?:last|final)\s+(?:day|night|morning|evening|weekend|sunset|sunrise)\b"
        r"(?!\s+(?:of|at|in|on|with|before|for|as|off|working|doing|taking|here at|at work|til|till|until|back|seeing|having|"
        r"and then|then|away))|"
        r"\b(?:chosen|picked|set|decided on|chose|pick|choose|choosing)\s+(?:\w+\s+){0,2}?(?:as|to be|for)\s+(?:my|her|his)\s+"
        r"(?:last|final)\s+(?:day|night)\b(?!\s+(?:of|at|in|on|with|before|for|as|off|working|at work))"),
          negatable=False,
          sentence=_r(r"\b(?:work|job|shift|holiday|treatment|chemo|chemotherapy|radiotherapy|radiation|course|cycle|"
                      r"placement|school|term|ward|trial|leave|tablets|steroids|antibiotics|contract|notice|volunteering|"
                      r"office|retire|retirement|retiring|rota|uni|college|class|lesson|diet|hospital|clinic)\b"),
          unless=_r(r"\b(?:alive|on earth|decided|goodbye|die|dying|end it|end things|pills|forever|for good|kill|suicide)\b")),
    # --- "by tomorrow I'll be gone" -----------------------------------------------------------------------
    _Rule("goodbye", _r(
        r"\b(?:i|she|he)\s+(?:will|am going to|is going to|shall|should|will probably|will definitely|will already|"
        r"will be long)\s+(?:already\s+|probably\s+|definitely\s+|long\s+)?be\s+(?:gone|dead|no more|not here|no longer here|"
        r"history|six feet under|at peace|out of (?:everyone's|your|their) (?:hair|way))\b"
        r"(?!\s+(?:to|for|on|out|away|till|until|all|at|with|shopping|a few|overnight|back|from|in|into|by (?:\d|nine|ten|"
        r"eleven|noon|lunch|midday)|when i get|before you get))|"
        r"\b(?:it|everything|this|all (?:of )?this|the pain|my suffering|the suffering)\s+(?:will|is going to|shall)\s+"
        r"(?:all\s+)?be\s+(?:over|finished)\b(?!\s+(?:with|and|for|soon enough|in a (?:few|couple)))|"
        r"\b(?:i|she|he)\s+(?:will not|am not going to|is not going to|will no longer|will not still)\s+be\s+(?:here|around|alive)\b"
        r"(?!\s+(?:for|when|to|at|on|in|with|all))"),
          negatable=False,
          check=lambda s, m: not _SOON_ANCHOR.search(s),
          message=_SOON_MUNDANE, message_unless=_SOON_CRISIS_CUE),
    # --- "why am I even still alive" ------------------------------------------------------------------------
    _Rule("suicidal_ideation", _r(
        r"\bwhy\s+(?:am|is|are)\s+(?:i|she|he)\s+(?:(?:even|still|actually|really)\s+)+(?:alive|here|breathing|living|around|"
        r"on this earth|in this world|bothering|existing|fighting)\b|"
        r"\bwhy\s+(?:am|is)\s+(?:i|she|he)\s+(?:alive|breathing|existing)\b|"
        r"\bwhat\s+(?:am|is)\s+(?:i|she|he)\s+(?:(?:even|still)\s+)+(?:alive|here|living|breathing|around)\s+for\b|"
        r"\bwhy\s+(?:did|do|does|must|should)\s+(?:i|she|he)\s+(?:(?:even|still|have to|ever)\s+)+(?:wake up|survive|"
        r"live through|make it through|exist|live)\b|"
        r"\bwhy\s+(?:will not|would not|does not|can not|could not|do not)\s+(?:god|my body|the cancer|cancer|death|it|"
        r"this disease|the disease|this body|my heart)\s+(?:just\s+)?(?:(?:take|kill|finish|let)\s+(?:me|her|him)\b|"
        r"(?:give up|stop|pack (?:it |up )?in|shut down|give out|quit)\b(?!\s+(?:hurting|aching|itching|bleeding|being|"
        r"doing|making|feeling|working so)))|"
        r"\bwhy\s+(?:does|do|would|will|did)\s+(?:god|the universe|my body|this body|everyone|they|the doctors|you)\s+"
        r"(?:still\s+)?(?:keep|keeps|kept)\s+(?:me|her|him)\s+(?:alive|going|here|breathing)\b"),
          negatable=False,
          after=_r(r"\s+(?:so|(?:this|that) (?:fast|hard|heavily|badly|quickly|much|loud)|like (?:this|that)|fast|heavily|hard|"
                   r"badly|through|in (?:the|this|a|hospital)|at (?:the|this|\d)|on (?:the|this|a)|waiting|with (?:the|this|my)|"
                   r"against all)\b"),
          message=_r(r"\b(?:glad|grateful|thankful|lucky|blessed|thank god|thankfully|miracle|amazing|not complaining|lol|"
                     r"haha|ward|hospital|waiting room|queue|clinic|discharged|discharge|appointment|transport|"
                     r"(?:doctors?|they|oncologist|consultant) (?:gave|said|told))\b"),
          message_unless=_r(r"\b(?:want to die|wish i (?:was|were) dead|end it|kill myself|no point|do not want to (?:be here|"
                            r"live|wake))\b")),
)

# ---------------------------------------------------------------------------
# A medicine count asked about as "enough": an overdose question without the word
# ("is 20 temazepam enough or would I need more", "would 30 of my oxycodone do it").
# What sets it apart from a dose question ("is 2 paracetamol enough for the pain", "is 500mg
# enough", "is 20 minutes enough"): a count of tablets, not mg or minutes, too large for one
# dose (8 or more, in digits or words, "all of them", "the whole box"), of a medicine people
# overdose on, asked about as "enough" / "do it" / "would I need more". Supply questions
# ("enough to last the week", "8 a day", "14 left") and medicines taken by the handful
# (capecitabine, dexamethasone, Creon, vitamins ...) do not count. Any count, even "these",
# fires with an explicit purpose ("enough to not wake up", "enough to do it").
# ---------------------------------------------------------------------------

# DRUG without the words that are not a tablet count ("10 doses", "10 units of insulin", "the lot")
# plus plurals and the usual misspellings.
_OD_MED = (
    r"(?:(?!(?:doses?|insulin|the lot|liquid morphine)\b)" + DRUG + r"|tabs|tablts|tabets|tablest|tabelts|pils|pilss|"
    r"sleepers|sleeping tabs|sleep(?:ing)? aids?|nytol|paracetemol|paracetomol|parecetamol|parcetamol|paracetamole|"
    r"zoplicone|zopiclon|zopiclones|temazapam|temazepan|diazapam|diazepan|oxycodon|oxicodone|oxycodones|oxys|morphene|"
    r"morfine|zomorph|mst|codiene|dihydrocodeine|buprenorphine|clonazepam|nitrazepam|promethazine|phenergan|"
    r"nortriptyline|escitalopram|venlafaxine|duloxetine|trazodone|nurofen)s?"
)
# generic words: they count only if no non-overdose medicine is named in the sentence
_OD_GENERIC = _r(r"^(?:pills?|tablets?|tabs|tablts|tabets|tablest|tabelts|pils|pilss|capsules?|meds|medications?|"
                 r"medicines?|drugs|patch(?:es)?)$")
# medicines taken many at a time, or not an overdose risk: "are 8 capecitabine enough" is a dose question
_NOT_OD_MED = _r(
    r"\b(?:letrozole|anastrozole|exemestane|tamoxifen|capecitabine|xeloda|palbociclib|ribociclib|abemaciclib|"
    r"chemo\w*|dexamethasone|dex|steroids?|prednisolone|creon|pancreatin|enzymes?|vitamins?|multivitamins?|"
    r"calcium|adcal|iron|folic|supplements?|probiotics?|laxatives?|senna|movicol|laxido|lactulose|docusate|"
    r"antibiotics?|amoxicillin|omeprazole|lansoprazole|gaviscon|rennies?|antacids?|ondansetron|metoclopramide|"
    r"domperidone|cyclizine|anti ?sickness|antisickness|mints?|sweets|lozenges|vit d)\b")
_OD_NUMBER_WORD = (
    r"(?:eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"(?:twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety)(?:\s+(?:one|two|three|four|five|six|seven|eight|nine))?|"
    r"(?:a\s+|one\s+|two\s+|three\s+|a few\s+|a couple of\s+|several\s+)?(?:hundred|dozen)s?)"
)
_OD_SMALL_WORD = r"(?:one|two|three|four|five|six|seven|a couple|a couple of|a few|a pair of)"
# a number followed by a unit is an amount, a time or money, not a tablet count
_OD_NOT_COUNT = (
    r"(?!\s*(?:mg|mgs|milligrams?|mcg|micrograms?|ug|g|gs|grams?|gms?|ml|mls|millilitres?|milliliters?|units?|iu|"
    r"percent|per cent|minutes?|mins?|seconds?|secs?|hours?|hrs?|hr|days?|weeks?|wks?|months?|years?|yrs?|nights?|"
    r"mornings?|times|x|am|pm|o clock|pounds|quid|dollars|pence|p|kg|kgs|kilos?|lbs?|stone|miles|km|kms|metres?|"
    r"meters?|feet|ft|cm|mm|people|of us|of you|sessions?|cycles?|rounds?|meals?|cups?|glasses|litres?|liters?)\b)"
)
_OD_DIGITS = r"(?<![\d.,])(?:[89]|[1-9]\d{1,3})(?:ish)?\b(?![.,]\d)"
_OD_CONTAINER = (
    r"(?:boxes|box|packs|pack|packets|packet|bottles|bottle|tubs|tub|jars|jar|strips|strip|blister packs?|blisters|"
    r"cartons?|sheets?|tubes?)"
)
# a count too large for one dose
_OD_BIG = (
    r"(?:" + _OD_DIGITS + _OD_NOT_COUNT + r"|\b" + _OD_NUMBER_WORD + r"\b" + _OD_NOT_COUNT + r"|"
    r"\b(?:a\s+)?(?:handful|fistful|load|bunch|pile|stack)\b|\b(?:loads|lots|a lot|heaps|this many|that many|"
    r"every (?:single )?one|the lot)\b|\ball(?:\s+of)?(?=\s+(?:my|her|his|their|your|the|them|these|those|\d|" +
    _OD_NUMBER_WORD + r")\b)|"
    r"\b(?:the|a|an|my|her|his|their)\s+(?:whole|entire|full)\s+(?:\w+\s+)?(?:" + _OD_CONTAINER + r"|supply|prescription|"
    r"stash|lot)\b|"
    r"\b(?:a|one|two|three|four|five|several|a few|a couple of|both|\d+)\s+(?:\w+\s+)?" + _OD_CONTAINER + r"\b)"
)
# any count, or "these / those", for the explicit-purpose form
_OD_ANY = (
    r"(?:(?<![\d.,])\d{1,4}\b(?![.,]\d)" + _OD_NOT_COUNT + r"|\b" + _OD_SMALL_WORD + r"\b" + _OD_NOT_COUNT + r"|" +
    _OD_BIG + r"|\b(?:these|those|them|they|it all|all of it)\b)"
)
# "20 temazepam", "30 of my oxycodone", "40 of her morphine tablets", "twenty of them", "the whole box"
_OD_WHAT = (
    r"(?:\s+of)?(?:\s+(?:my|her|his|their|your|the|these|those|them|our))?(?:\s+(?:\w+'s|mum is|mom is|dad is))?"  # "dad's" -> "dad is"
    r"(?:(?:\s+(?!(?:enough|be|is|are|was|were|would|will|could|might|should|do|does|did|to|for|or|and|but|so|if|"
    r"that|which|i|she|he|it|not)\b)[\w']+){0,2}?\s+" + _OD_MED + r"\b(?:\s+(?:tablets?|pills?|capsules?|tabs|patch(?:es)?))?)?"
)
# "would be", "do you think that would", "at once", "with a bottle of wine" ...
_OD_LINK = (
    r"(?:[\s,]+(?:left|here|now|saved|saved up|stashed|hidden|would|will|could|might|should|do|does|you|think|i|reckon|"
    r"that|those|these|they|it|still|really|"
    r"actually|definitely|even|be|is|are|just|probably|honestly|surely|alone|altogether|together|all|at once|"
    r"in one go|on (?:their|its) own|by themselves|in total|all at once|taken together|with (?:\w+\s+){0,3}?(?:vodka|"
    r"wine|alcohol|drink|drinks|booze|whisky|whiskey|gin|rum|beer|cider)|on top)){0,5}"
)
_OD_ENOUGH = r"(?:enough|enuff|enuf|enugh|enogh|enought|enouf|enouhg|enoguh|nuff|sufficient|suffice|plenty)"
_OD_ENOUGH_AS = (r"(?:" + _OD_ENOUGH + r"|do it|do the job|do the trick|be it|finish (?:me|her|him|it|the job)(?: off)?|"
                 r"knock (?:me|her|him) out for good|put (?:me|her|him) (?:to sleep|under) for good)")
# the purpose that makes any count a crisis
_OD_PURPOSE = (
    r"(?:(?:not|never)\s+(?:to\s+)?(?:wake|waking)(?:\s+(?:up|again|back up))?|die|dying|kill\s+(?:me|myself|her|herself|"
    r"him|himself|someone|a person|you|an adult)|end (?:it|it all|things|everything|my life|her life|his life)|do it|"
    r"finish (?:me|her|him|it)(?: off)?|stop (?:my|her|his|your|a|the) (?:heart|breathing)|stop breathing|"
    r"stop\s*$|stop (?:everything|it all)|not (?:come|wake) back|(?:go to |fall )?(?:sleep|asleep) (?:forever|for good|"
    r"permanently)|overdose|od|be fatal|be lethal|be deadly|not be here|be gone|go for good)"
)
# supply, dosing-rate and does-the-treatment-work questions: "enough to last the week", "8 a day",
# "14 left", "is all my medication enough to control the cancer"
_OD_ROUTINE = _r(
    r"\b(?:a|per|each|every|in a|in one) (?:day|night|week|month|fortnight|morning|evening)\b|\b(?:daily|nightly|weekly|"
    r"twice|three times|four times|\d+ times|every \w+ hours)\b|\bleft\b|\b(?:to last|last (?:me|her|him|us|them)|lasts?|"
    r"until|till|til|to see (?:me|her|him|us) through|to get (?:me|her|him|us) (?:through|to))\b|"
    r"\bfor (?:the|a|my|her|his|this|next|our|\d+|two|three|four|five|six|seven|ten|fourteen|a few|a couple of)\s+"
    r"(?:\w+\s+)?(?:days?|nights?|weeks?|weekend|months?|fortnight|holiday|trip|journey|flight|cruise|break|"
    r"christmas|easter|bank holiday|stay|course)\b|"
    r"\b(?:holiday|trip|travel|travelling|traveling|abroad|flight|cruise|prescription|prescribed|repeat|refill|"
    r"pharmacy|pharmacist|chemist|run out|running out|ran out|dosette|pill box|pillbox|organi[sz]er|course of)\b|"
    r"\b(?:to|for)\s+(?:\w+\s+){0,2}?(?:the|my|her|his|this|that)\s+(?:\w+\s+)?(?:cancer|tumou?rs?|disease|infection|"
    r"mets|metastases|spread|side effects?|symptoms|nausea|sickness|inflammation|swelling)\b")


def _od_count_veto(sentence: str, m: "re.Match[str]") -> bool:
    """True (drop) unless an overdose-prone medicine is what is being counted."""
    meds = [x.group(0) for x in re.finditer(r"\b" + _OD_MED + r"\b", sentence)]
    if not meds:
        return True  # "is 20 minutes enough", "would 12 be enough for the party"
    if _NOT_OD_MED.search(sentence) and all(_OD_GENERIC.match(x) for x in meds):
        return True  # "are 8 capecitabine tablets enough"
    return False


_OD_SUFFICIENCY_RULES: Tuple[_Rule, ...] = (
    # a large count + "enough" / "do it" / "would I need more"
    _Rule("method", _r(
        r"(?:" + _OD_BIG + r")" + _OD_WHAT + _OD_LINK + r"[\s,]+(?:be\s+)?" + _OD_ENOUGH_AS + r"\b|"
        r"\b(?:is|would|will|was)\s+(?:it|that)\s+(?:be\s+)?" + _OD_ENOUGH + r"\s+(?:if\s+(?:i|she|he|you|someone)\s+)?"
        r"(?:to\s+|just\s+)?(?:take|took|taking|swallow|swallowed|have|had|down|downed|neck|necked)\s+(?:\w+\s+)?"
        r"(?:" + _OD_BIG + r")" + _OD_WHAT + r"|"
        r"\b(?:would|will|do|does|did|might|could)\s+(?:i|she|he|you|someone|one|a person)\s+(?:\w+\s+)?need\s+"
        r"(?:to take\s+)?more than\s+(?:" + _OD_BIG + r")" + _OD_WHAT + r"|"
        r"\bhow many\s+(?:\w+\s+){0,3}?" + _OD_MED + r"\s+(?:\w+\s+){0,2}?(?:would|will|might|could)\s+(?:it\s+)?"
        r"(?:be|take to be)\s+" + _OD_ENOUGH + r"\b(?=\s*(?:$|,|or\b|(?:to|for)\s+(?:do it|not wake|never wake|die|end)))"),
          negatable=False, check=_od_count_veto,
          sentence=_OD_ROUTINE, unless=_r(r"\b" + _OD_ENOUGH + r"\s+to\s+" + _OD_PURPOSE + r"|\bnot wake|\bnever wake")),
    # any count (even "these") + "enough to not wake up / to do it / to die"
    _Rule("method", _r(
        r"(?:" + _OD_ANY + r")" + _OD_WHAT + _OD_LINK + r"[\s,]+(?:be\s+)?" + _OD_ENOUGH + r"\s+(?:for (?:me|her|him) )?to\s+"
        r"(?:just\s+)?" + _OD_PURPOSE + r"\b"), negatable=False),
)

_CRISIS_RULES = _CRISIS_RULES + _ROUND3_RULES + _OD_SUFFICIENCY_RULES

_CRISIS_RANK = {"plan_or_intent": 0, "method": 1, "goodbye": 2, "self_harm": 3, "suicidal_ideation": 4}


_DO_IT_EXCL = re.compile(
    r"\s+(?:all|with|without|on (?:my|her|his|our) own|alone|by (?:my|her|him)self|myself|herself|himself|again|"
    r"properly|differently|better|for (?:me|her|him|you|them)|at home|at work)\b"
)


def _rule_hits(rule: _Rule, sentence: str, message: str = "") -> List["re.Match[str]"]:
    hits: List["re.Match[str]"] = []
    for m in rule.pattern.finditer(sentence):
        if m.group(0).endswith("do it") and _DO_IT_EXCL.match(sentence, m.end()):
            continue
        if rule.after is not None and rule.after.match(sentence, m.end()):
            continue
        if rule.before is not None and rule.before.search(sentence[max(0, m.start() - 60):m.start()]):
            continue
        if rule.sentence is not None and rule.sentence.search(sentence) and not (
                rule.unless is not None and rule.unless.search(sentence)):
            continue
        if rule.check is not None and rule.check(sentence, m):
            continue
        hits.append(m)
    # the whole-message exclusion is only looked at once the rule has matched (it is rare; messages can be long)
    if hits and rule.message is not None and rule.message.search(message) and not (
            rule.message_unless is not None and rule.message_unless.search(message)):
        return []
    return hits


# "could just die of embarrassment": the hyperbole, not a wish.
_DIE_IDIOM_AFTER = re.compile(r"\s+(?:of|from) (?:embarrassment|shame|laughing|laughter|boredom|cringe|happiness|joy)\b")
# A screening question reported with a clear "no" ("the counsellor asked if I ever think about
# hurting myself, I said no and I meant it") is not a disclosure -- unless the answer is taken back.
# The question must be about the writer ("asked me whether I...", "asks everyone if they..."):
# "she asked about killing herself and I said no" is her crisis, not a screening.
_SCREENING_QUESTION = re.compile(
    r"\b(?:asked|asks|ask|asking)\s+(?:me\s+|us\s+|everyone\s+|every patient\s+|all (?:her |his |their )?patients\s+|"
    r"patients\s+|people\s+)?(?:if|whether)\s+(?:i|we|they|people|patients|anyone|everyone)\b[^.?!;]{0,90}$|"
    r"\b(?:asked|asks)\s+(?:me|us)\s+about\b[^.?!;]{0,90}$|\b(?:screening|questionnaire)\b[^.?!;]{0,90}$")
_SAID_NO = re.compile(
    r"\b(?:i|she|he|we) (?:said|say|told (?:them|her|him|the \w+)|answered|replied|put|ticked)(?: that)? (?:no|not|"
    r"i was not|i am not|i do not|i did not|i had not|i have not|never|she was not|he was not|she is not|he is not|"
    r"she does not|he does not)\b|\bthe answer (?:is|was) no\b")
_SCREENING_TAKEN_BACK = re.compile(
    r"\b(?:lied|lie|lying|was not honest|not (?:really )?true|not the truth|should have said yes|actually (?:i|she|he) "
    r"(?:do|does|have|has)|but (?:i|she|he) (?:do|does|have|has|think|thinks|am|is|keep|keeps|sometimes|still))\b")
# Someone's suicide long ago, remembered ("my uncle took his own life 10 years ago today"):
# grief, unless the writer speaks of joining them or it is happening again.
_COMPLETED_SUICIDE = re.compile(
    r"\b(?:took|taken) (?:his|her|their) (?:own )?life|killed (?:himself|herself|themselves)|(?:died|died by|death by|"
    r"lost (?:him|her|them|my \w+|our \w+) to) suicide|committed suicide\b")
_LONG_AGO = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twenty|many|several|a few|few) years ago|years ago|"
    r"decades ago|anniversary|when i was (?:a |little|young|small|\d+)|as a (?:child|kid|teenager)|back in (?:19|20)\d\d|"
    r"in (?:19|20)\d\d\b")
_FOLLOWING = re.compile(
    r"\b(?:join|be with|see|follow) (?:him|her|them)\b|\bsame\b|\bagain\b|\b(?:tried|attempt\w*)\b|\bnow (?:i|she|he)\b|"
    r"\b(?:i|she|he) (?:want|wants|wish|wishes|plan|plans|am going|is going|think|thinks|keep thinking)\b"
    r"[^.?!]{0,40}\b(?:too|as well|do it|like (?:him|her|them))\b")


def _denied_screening(sentence: str, start: int, message: str) -> bool:
    return bool(_SCREENING_QUESTION.search(sentence[max(0, start - 120):start]) and _SAID_NO.search(message)
                and not _SCREENING_TAKEN_BACK.search(message))


def _past_loss(matched: str, message: str) -> bool:
    return bool(_COMPLETED_SUICIDE.search(matched) and _LONG_AGO.search(message) and not _FOLLOWING.search(message))


def _assess_crisis_view(text: str) -> Optional[SafetyFinding]:
    sentences = _sentences(text)
    best: Optional[Tuple[Tuple[int, int, int], SafetyFinding]] = None
    for idx, sentence in enumerate(sentences):
        for rule in _CRISIS_RULES:
            for m in _rule_hits(rule, sentence, text):
                if rule.negatable and _crisis_negated(sentence, m.start(), m.end()):
                    continue
                if _DIE_IDIOM_AFTER.match(sentence, m.end()) and re.search(r"\bdie$", m.group(0)):
                    continue
                if _denied_screening(sentence, m.start(), text) or _past_loss(m.group(0), text):
                    continue
                matched = m.group(0).strip()
                category = rule.category
                window = sentence[max(0, m.start() - 40):m.end()]
                if category in ("suicidal_ideation", "self_harm", "method") and _ACTION.search(matched) and (
                        _INTENT_CUE.search(window) or _INTENT_AFTER.search(sentence[m.end():m.end() + 40])):
                    if _PAST_ATTEMPT.search(window) or not re.search(
                            r"\b(?:what if|how|can|could|would|should|if)\b", sentence[max(0, m.start() - 40):m.start()]):
                        category = "plan_or_intent"
                third = _is_third_party(sentences, idx, m.start(), matched)
                finding = SafetyFinding(
                    kind=CRISIS, category="third_party" if third else category,
                    matched=matched, third_party=third)
                key = (1 if third else 0, _CRISIS_RANK[category], idx)
                if best is None or key < best[0]:
                    best = (key, finding)
    return best[1] if best else None


# ---------------------------------------------------------------------------
# Urgent red flags
# ---------------------------------------------------------------------------

_URGENT_NEG_FILLER = (
    r"(?:i|she|he|they|it|is|am|are|was|were|have|has|had|having|got|get|gets|getting|any|a|an|the|my|her|"
    r"his|their|signs?|of|feel|feeling|felt|feels|been|being|do|does|did|seem|seems|show|showing|shows|"
    r"sort|kind|real|more|further|new|with|or|and|currently|actually|experienced|experiencing|noticed|"
    r"notice|noticing|complained|complaining|about|obvious|really|much|too|ever|at|all|high|raised|"
    r"significant|severe|bad|sudden|like|running|developed|developing|suffering|from|reported|had any)"
)
_URGENT_NEG = re.compile(
    r"\b(?:no|not|never|without|denies|denied|deny|none|nor|neither|free of|free from|zero|nothing like|"
    r"no longer|no more|no sign of|no signs of|absence of|ruled out)\s+(?:" + _URGENT_NEG_FILLER + r"\s+){0,5}$"
)
# "no chest pain or breathlessness": the negation covers the next item of a short list
_URGENT_NEG_LIST = re.compile(
    r"\b(?:no|not|without|denies|denied|never had|nor)\s+(?:(?!sure\b|know\b|certain\b|if\b|whether\b|the\b)\w+\s+){1,3}"
    r"(?:or|nor)\s+$")
_REMOTE_PAST = re.compile(
    r"(?<!since )(?<!for )\b(?:last year|years ago|a year ago|months ago|last month|(?:\w+ )?months back|as a (?:child|kid|teenager|baby)|"
    r"when i was (?:young|little|a kid|a child|younger|pregnant|a teenager|at school)|in the past|"
    r"back in (?:19|20)\d\d|in (?:19|20)\d\d|before (?:my|the|her|his) diagnosis|used to|history of|"
    r"previously|years back|once had|last time (?:i|she|he) had chemo|during (?:my|her|his) first|"
    r"first time round)\b"
)
_HYPO_IF = re.compile(
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
_HYPO_STRONG = re.compile(
    r"(?:if|in case|unless|suppose|supposing|what if|should|when to|when should|when do|in the event|before it|"
    r"to prevent|to avoid|how)\b"
)
_HYPO_NOT = re.compile(r"\b(?:even if|as if|as though|know if|sure if|wonder if|wondering if|tell if|ask if|asking if|see if|check if)\s*$")
_Q_START = re.compile(
    r"^(?:what|which|why|how|when|where|who|can|could|does|do|did|is|are|should|would|will|may|might|tell me|"
    r"explain|any|is it|are there|i want to know|i would like to know|i was wondering|wondering|curious|"
    r"quick question|question)\b(?!\s+not\b)"
)
_GENERIC = re.compile(
    r"\b(?:can|could|may|might) (?:be|cause|mean|lead|indicate|happen|signal|show)|is an? (?:common |rare |serious |"
    r"possible |known |typical )?(?:sign|symptom|side effect|complication|emergency|problem)|are (?:common |rare |"
    r"possible |known |typical )?(?:signs|symptoms|side effects|complications)|in general|generally|usually|"
    r"typically|normally|people (?:with|on|who|having)|patients (?:with|on|who|having)|someone (?:with|on|who)|"
    r"anyone (?:with|on|who)|a person (?:with|on)|women (?:with|on)|side effects?|the signs|the symptoms|"
    r"warning signs|red flags?|common\b"
)
_STRIP_Q = re.compile(
    r"\b(?:what|how|when|where|why|which)?\s*(?:should|can|could|do|does|would|will|shall|might|may|must|did)\s+"
    r"(?:i|you|we|one|she|he|they)\b|\b(?:tell|give|show|help|explain to|remind|let) (?:me|us)\b|"
    r"\bi (?:want|would like|need|wanted) to (?:know|ask|understand|learn|check)\b|\bi (?:was|am) (?:wondering|curious|"
    r"asking|reading)\b|\bi wonder\b|\bi (?:read|heard|have read|have heard|saw|have seen)\b|"
    r"\b(?:the |a |this |that )?(?:leaflet|booklet|website|article|guidance|guide|book|poster|card|app|google|internet)\s+"
    r"(?:says|said|told|tells|mentions|recommends)\b|\bi have (?:a|some|another) questions?\b|\bmy questions? is\b|\bmy (?:nurse|doctor|oncologist|gp|team|consultant) "
    r"(?:said|says|told|mentioned|warned)\b|\bi (?:know|understand|think|guess)\b|\bcan i (?:ask|check)\b"
)
_CURRENT = re.compile(
    r"^\s*(?:got|have got|had|running|been running|still got|still running|just had)\b|"  # dropped subject: a report
    r"\b(?:i|me|my|mine|she|he|her|his|him|they|them|their|we|us|our)\b|\b" + _KIN + r"\b|"
    r"\b(?:right now|now|currently|at the moment|today|tonight|this (?:morning|afternoon|evening|week)|since|"
    r"for the (?:last|past)|all (?:day|night|morning|week)|last night|yesterday|just now|an hour ago|"
    r"minutes ago|hours ago|this am|this pm|keeps|keep|still|again|suddenly|started|starting|just)\b|"
    r"\b\d{2,3}(?:\.\d)?\s*(?:degrees|c|f|celsius|fahrenheit)\b|\b3[89]\.\d\b|\b4[0-2]\.\d\b|\b10[0-5](?:\.\d)?\b"
)
_CHEMO = re.compile(
    r"\b(?:chemo|chemotherapy|infusion|treatment|cycle|round|paclitaxel|taxol|docetaxel|taxotere|capecitabine|"
    r"xeloda|eribulin|halaven|carboplatin|cisplatin|doxorubicin|epirubicin|cyclophosphamide|gemcitabine|"
    r"vinorelbine|enhertu|trastuzumab deruxtecan|sacituzumab|trodelvy|palbociclib|ribociclib|abemaciclib|"
    r"immunotherapy|pembrolizumab|keytruda|zoledronic|denosumab|neutropenic|neutropaenic|low white|"
    r"low (?:blood )?counts?|neutrophils)\b"
)


def _urgent_context_ok(sentence: str, start: int, end: int, allow_info: bool = False) -> bool:
    """False when the symptom at sentence[start:end] is negated, hypothetical, remote or informational."""
    clause = _clause_prefix(sentence, start, 100)
    if _URGENT_NEG.search(clause) or _URGENT_NEG_LIST.search(clause):
        return False
    if re.match(r"\s*(?:free|gone|has gone|went away|has settled|settled|resolved)\b", sentence[end:end + 20]):
        return False
    suffix = _CLAUSE_BREAK.split(sentence[end:end + 100])[0]
    if _REMOTE_PAST.search(clause + sentence[start:end] + suffix):
        return False
    # hypothetical / informational prefix inside the clause ("if I get a fever", "signs of cord compression")
    for m in _HYPO_IF.finditer(clause):
        if _HYPO_NOT.search(clause[:m.end()]):
            continue
        if _HYPO_STRONG.match(m.group(0)):
            return False
        if re.match(r"\s*(?:my|her|his|their|this|these|our|the current|today)\b", clause[m.end():]):
            continue  # "worried about my chest pain", "what is this chest pain"
        return False
    if allow_info:
        return True
    stripped = _STRIP_Q.sub(" ", sentence)
    stripped = re.sub(r"\b(?:my|her|his|their|your)\s+(?:current\s+|new\s+)?(?:medication|medications|meds|medicine|tablets|"
                      r"pills|drugs?|treatment|chemo|chemotherapy|therapy|injections?|infusions?|radiotherapy|nurse|"
                      r"doctor|oncologist|gp|team|consultant|prescription|hormone therapy|letrozole|tamoxifen)\b", " ", stripped)
    is_q = sentence.rstrip().endswith("?") or bool(_Q_START.match(sentence.strip())) or bool(_GENERIC.search(sentence))
    if is_q and not _CURRENT.search(stripped):
        return False
    return True


_TEMP_WORD = re.compile(
    r"\b(?:temp|temps|temperature|temperatures|tempreture|temprature|temperture|tempature|fever|fevers|feverish|"
    r"febrile|pyrexia|pyrexic|thermometer|degrees|reading|readings|running|spiked|spiking|spike|hot|burning up|"
    r"chills|shivering|shivers|rigou?rs|celsius|fahrenheit)\b"
)
_NUM = re.compile(
    r"(?<![\d.])(?P<cmp>(?:over|above|more than|higher than|greater than|at least|under|below|less than|"
    r"lower than|just under|almost|nearly|about|around)\s+)?(?P<num>\d{2,3}(?:\.\d{1,2})?)"
    r"(?:\s*(?P<unit>degrees? c(?:elsius)?|degrees? f(?:ahrenheit)?|degrees?|deg|celsius|centigrade|fahrenheit|c|f)\b)?"
)
_NUM_NOT_TEMP = re.compile(
    r"\s*(?:years?|yrs?|yo|year old|mg|mcg|ml|kg|kilos?|lbs?|pounds|stone|hours?|hrs?|minutes?|mins?|days?|weeks?|"
    r"months?|%|percent|pills?|tablets?|times|am|pm|o clock|cycles?|rounds?|bpm|beats|breaths|mmhg|over \d|\/|"
    r"units?|doses?|sessions?|miles|km|kms|metres|meters|cm|mm|x|people|patients)\b"
)
_NUM_PRE_OK = re.compile(
    r"(?:temp|temps|temperature|tempreture|temprature|temperture|tempature|fever|thermometer|reading|readings|reads|read|"
    r"spiked|spiking|spike|hit|hits|running|registering|registered|showing|shows|showed|measured|says|said|of|is|was|"
    r"at|to|up|been|now|has been|went|gone|around|about|over|above|nearly|almost|just|still|currently|highest|high|"
    r"reached|reaching|rose|rising|climbed|climbing|back|under|below|less than|more than|than|between|and|it|"
    r"c|f|oral|ear|forehead|armpit|:)$"
)


def _temperature_readings(sentence: str) -> List[Tuple[float, bool, "re.Match[str]"]]:
    """(value in celsius, is_lower_bound_only, match) for each plausible temperature in the sentence."""
    has_ctx = bool(_TEMP_WORD.search(sentence))
    out = []
    for m in _NUM.finditer(sentence):
        num_s, unit, cmp_ = m.group("num"), (m.group("unit") or "").strip(), (m.group("cmp") or "").strip()
        if _NUM_NOT_TEMP.match(sentence, m.end()) and not (
                "." in num_s and re.search(r"\b(?:temp|temperature|fever|thermometer|reading)\s*(?:is|was|of|at)?\s*$",
                                           sentence[max(0, m.start() - 30):m.start()])):
            continue
        try:
            val = float(num_s)
        except ValueError:  # pragma: no cover - regex guarantees a number
            continue
        if not unit:
            if not has_ctx:
                continue
            before = sentence[max(0, m.start() - 60):m.start()].split()
            before = [w for w in before if w not in ("a", "an", "the", "my", "her", "his", "temperature", "temp")] or before
            near = " ".join(sentence[max(0, m.start() - 60):m.start()].split()[-4:])
            if "." not in num_s and not re.search(
                    r"\b(?:temp|temps|temperature|tempreture|temprature|temperture|tempature|fever|thermometer|reading|"
                    r"reads|spiked|spiking|hit|running|registering|showing|measured|reached|degrees)\b", near):
                continue
            if "." in num_s and not _NUM_PRE_OK.search(sentence[max(0, m.start() - 25):m.start()].rstrip()) \
                    and not re.search(r"\b(?:temp|temperature|fever|degrees|thermometer)\b", near) and not has_ctx:
                continue
        is_f = unit.startswith(("f", "degrees f", "degree f", "fahrenheit")) or (not unit.endswith("c") and 93 <= val <= 110)
        if unit in ("c", "celsius", "centigrade") or unit.endswith(" c") or unit.endswith("celsius"):
            is_f = False
        if is_f:
            if not 93 <= val <= 110:
                continue
            celsius = (val - 32) * 5 / 9
            celsius = 38.0 if abs(val - 100.4) < 0.05 else celsius
        else:
            if not 34 <= val <= 44:
                continue
            celsius = val
        lower = cmp_ in ("under", "below", "less than", "lower than", "just under", "almost", "nearly")
        out.append((celsius, lower, m))
    return out


_U = _r  # alias for readability below

_FEVER_WORDS = _U(
    r"\b(?:fever|fevers|feverish|febrile|pyrexia|pyrexic|high (?:temp|temperature)|raised (?:temp|temperature)|"
    r"(?:temp|temperature) (?:is|was|has been|has gone|went|is going|keeps going|keeps|has|spiked|spiking|shot|keeps spiking)"
    r"\s*(?:really\s+|very\s+|quite\s+|so\s+|a bit\s+|right\s+)?(?:up|high|higher|rising|raised|sky high|through the roof)|"
    r"running (?:a |a high |a bit of a |a slight |quite a )?(?:temp|temperature|fever)|burning up|"
    r"(?:have|has|had|got|with|having|develop(?:ed)?|running) (?:a |an )?(?!normal |low |regular |good |fine |steady )(?:\w+ ){0,2}?"
    r"(?:temp|temperature)\b(?! (?:of|check|reading|was|is|at|probe|strip|gun))|"
    r"spik(?:ed|ing|es) (?:a )?(?:temp|temperature|fever)|neutropenic (?:sepsis|fever)|neutropaenic (?:sepsis|fever)|"
    r"febrile neutropenia|sepsis|septic|(?:feels|feel|felt|feeling) (?:really |very |so )?(?:hot and cold|burning hot|"
    r"feverish|boiling hot))\b"
)
_RIGORS = _U(
    r"\b(?:shivering|shivers|shivery|shiver|rigou?rs|shaking chills|the chills|chills|shaking (?:uncontrollably|all over|"
    r"violently|and cold|and shivering)|(?:can not|could not) stop shaking|teeth (?:are )?chattering|uncontrollable shaking|"
    r"hot and cold|hot then cold|hot one minute and cold|sweats and chills|cold sweats?|clammy and shaking|the shakes|"
    r"shaky and (?:cold|hot|shivery|feverish))\b"
)
_RIGOR_EXCL = _U(
    r"\b(?:gives? me (?:the )?chills|gave me (?:the )?chills|send(?:s)? (?:a )?(?:chills?|shivers?)|chills? down|"
    r"shivers? down|shiver (?:down|up)|(?:cold|freezing) (?:outside|out|weather|today|house|room|in here)|snow|rain|"
    r"air ?con|air conditioning|swim|swimming|pool|winter|heating (?:is )?(?:off|broken)|chill out|chilling|"
    r"hot flush|hot flushes|hot flash|hot flashes|menopaus\w*|scary|spooky|horror|film|movie|story|song|music)\b"
)
_UNWELL = _U(
    r"\b(?:feel|feeling|felt|feels|is|seems|looks|been|am|was|became|getting)\s+(?:really\s+|very\s+|so\s+|quite\s+|"
    r"extremely\s+|a bit\s+|suddenly\s+|really really\s+)?(?:unwell|flu ?like|fluey|shivery|poorly|rough and shivery|"
    r"like (?:i have|i have got|she has|he has) (?:the )?flu|grotty and hot)\b|\bflu like symptoms\b"
)

_BACK_PAIN = _U(
    r"\b(?:pain|pains|ache|aching|agony|soreness|shooting pains?|stabbing pains?)\s+(?:\w+\s+){0,2}?(?:down|across|along|"
    r"around|up|in|through) (?:my|her|his|the) (?:back|spine|neck|lower back|upper back|middle back)\b|"
    r"\b(?:back|spine|spinal|neck|lower back|upper back|middle back|mid back|backache|back ache)\b(?:\s+\w+){0,4}?\s*"
    r"(?:pain|pains|ache|aching|aches|hurts|hurting|is sore|agony|killing|throbbing|stabbing|shooting|worse|worsening|"
    r"spasms?|painful|sore|tender|hurts so much|really hurting)\b|\b(?:pain|pains|ache|aching|agony|soreness)\s+(?:\w+\s+){0,3}?in (?:my|her|his|the) "
    r"(?:back|spine|neck|lower back|upper back|middle back)\b|\bbackache\b|\bsciatica\b"
)
_LIMB = r"(?:legs?|thighs?|knees|arms?|hands?|feet|foot|toes|fingers|lower body|bottom half|waist down)"
_LEG = r"(?:legs?|thighs?|lower body|bottom half|from the waist down|waist down|both feet)"
_NEURO_WORD = (
    r"(?:numb|numbness|tingl\w*|pins and needles|weak|weakness|weaker|heavy|heaviness|dead|wobbly|jelly|"
    r"giving way|gave way|give way|buckl\w*|won't hold|will not hold|would not hold|can not hold|paralys\w*|"
    r"paralyz\w*|no feeling|lost feeling|loss of feeling|lost the feeling|can not feel|could not feel|"
    r"can not move|could not move|can not lift|could not lift|not working|stopped working|floppy|clumsy|"
    r"unsteady|keep giving way|keeps giving way)"
)
_NEURO_STRONG = (
    r"(?:numb|numbness|weak|weakness|weaker|giving way|gave way|give way|buckl\w*|won't hold|will not hold|"
    r"would not hold|can not hold|paralys\w*|paralyz\w*|no feeling|lost feeling|loss of feeling|lost the feeling|"
    r"can not feel|could not feel|can not move|could not move|can not lift|could not lift|not working|"
    r"stopped working|floppy|keep giving way|keeps giving way|like jelly|gone dead|dead|went from under|gone from under|"
    r"go from under|gave out|give out|will not work|would not work|will not support|would not support|will not move|"
    r"would not move|can not support|will not hold|would not carry)"
)


def _near(a: str, b: str, gap: int = 4) -> "re.Pattern[str]":
    return _U(r"\b" + a + r"\b(?:\s+\w+){0," + str(gap) + r"}?\s+" + b + r"\b|\b" + b + r"\b(?:\s+\w+){0," +
              str(gap) + r"}?\s+" + a + r"\b")


_LEG_STRONG = _near(_LEG, _NEURO_STRONG, 4)
_LIMB_NEURO = _near(_LIMB, _NEURO_WORD, 4)
_WALK = _U(
    r"\b(?:can not|could not|unable to|struggling to|struggle to|difficulty|trouble|hard to|not able to)\s+"
    r"(?:walk|walking|stand|standing|stand up|get up|move (?:my|her|his) legs)\b"
)
_WALK_STRONG = _U(
    r"\b(?:can not|could not|unable to|not able to)\s+(?:walk|stand|stand up|move (?:my|her|his) legs|feel (?:my|her|his) legs)\b"
    r"(?:\s+(?:suddenly|anymore|any more|properly|at all|since|today|this morning|now))|"
    r"\bsuddenly\s+(?:can not|could not|unable to)\s+(?:walk|stand)\b|\b(?:can not|could not) (?:feel|move) (?:my|her|his|either|both) "
    r"(?:legs?|feet|lower body)\b"
)
_SADDLE = (r"(?:down below|down there|(?:my|her|his) (?:privates|private parts|private area|genitals|genital area|vagina|"
           r"vulva|labia|perineum|anus|back passage|bottom|bum|backside|buttocks|bum cheeks|groin|crotch|saddle area|"
           r"inner thighs)|between (?:my|her|his) legs|around (?:my|her|his) (?:bottom|bum|back passage|anus|privates))")
_SCC_DIRECT = _U(
    r"\bband(?:s)?\s+(?:like|of pain)|\bband like\b|\blike a (?:tight )?(?:band|belt|girdle|corset)\b|\blike a (?:tight )?(?:band|belt|girdle|vice|corset)\b(?:\s+\w+){0,3}?\s*"
    r"(?:around|round|across|pain|squeez)|\b(?:tight )?band (?:of pain )?(?:around|round|across) (?:my|her|his|the)\b|"
    r"\bbelt(?: like)? (?:pain|of pain)\b|\bgirdle (?:pain|like)\b|\bpain (?:that )?(?:wraps|wrapping|goes|going|spreads|"
    r"spreading|radiates|radiating|travels|travelling) (?:all the way )?(?:around|round) (?:my|her|his|the) (?:chest|ribs|body|"
    r"tummy|stomach|waist|belly|middle|trunk|side)\b|"
    r"\b(?:cord compression|spinal cord compression|mscc|compress(?:ed|ion of|ing) (?:the |my |her |his )?(?:spinal )?cord)\b|"
    r"\b(?:can not|could not|unable to|not able to|struggling to|difficulty|trouble|hard to)\s+(?:pee|wee|urinate|pass urine|"
    r"pass water|empty (?:my|her|his) bladder|control (?:my|her|his) (?:bladder|bowels?|wee|pee|poo|toilet))\b|"
    r"\b(?:can not|could not|unable to) (?:hold|hold in|control|stop) (?:my |her |his |the )?(?:wee|pee|urine|bladder|bowels?|"
    r"poo|water)\b|\b(?:can not|could not|unable to) control (?:when|if|my|her|his)\b(?:\s+\w+){0,3}?\s+(?:wee|pee|bladder|bowels?|poo|"
    r"toilet|go)\b|\b(?:accidents?|leaking|leaks) (?:with|from) (?:my|her|his) (?:bladder|bowels?|wee|pee)\b|"
    r"\b(?:had|passed|done|produced) (?:no|hardly any) (?:wee|pee|urine|water)\b|"
    r"\b(?:have not|has not|had not|not|did not)\s+(?:had|done|passed|been for)\s+(?:a |any )?(?:wee|pee|urine|water)\s+"
    r"(?:since|all day|for|in)\b|\burine (?:keeps |is |has been )?leaking\b|"
    r"\bleaking (?:urine|wee|pee)\b|\b(?:have not|has not|had not|not) been able to (?:pass urine|pass water|urinate|go for a wee|"
    r"wee|pee)\b|\bno (?:wee|pee|urine) (?:since|all day|for|in)\b|"
    r"\b(?:lost|losing|loss of|no|lack of) (?:control (?:of|over) )?(?:my |her |his |the )?(?:bladder|bowel|bowels)"
    r"(?: control)?\b|\b(?:wet|wetting|soiled|soiling|pooed|pooped|peed|weed|wee d|peeing|weeing|pooing|pooping|"
    r"wees|pees)\s+(?:myself|herself|himself|"
    r"themselves|the bed|my pants|her pants|his pants)\b|\bincontinen(?:t|ce)\b|"
    r"\b(?:have not|has not|had not|not|did not)\s+(?:peed|weed|urinated|passed urine|passed water|been able to pee|"
    r"been able to wee|been for a wee|been to the toilet)\s+(?:since|all day|in|for)\b|"
    r"\bnumb(?:ness)?\s+(?:around|in|between|on)\s+(?:my|her|his|the)\s+(?:bottom|bum|groin|genitals|saddle|buttocks|"
    r"private|privates|inner thighs|backside)\b|\b(?:bottom|bum|groin|genitals|saddle area|buttocks|backside|private parts|"
    r"privates)\s+(?:feels|feel|is|are|has gone|have gone|gone|went|has been|feeling)\s+(?:\w+\s+)?numb\b|\bsaddle (?:numbness|anaesthesia|anesthesia|area)\b|"
    r"\b(?:can not|could not) (?:feel|tell) (?:when|if) (?:i|she|he) (?:need|needs) (?:to go|to pee|to wee|to poo|the toilet|the loo)\b|"
    r"\b(?:can not|could not) feel (?:my|her|his) (?:bottom|bum|bladder)\b|"
    r"\b(?:no|lost|lost the|losing|loss of|reduced|less|lack of|without|not much|hardly any|barely any|lost all|gone)\s+"
    r"(?:\w+\s+)?(?:feeling|sensation)\s+(?:\w+\s+){0,2}?" + _SADDLE + r"|"
    r"\b" + _SADDLE + r"\s+(?:\w+\s+){0,3}?(?:feels?|is|are|has gone|have gone|gone|went|going|feeling|has been|has|have)\s+"
    r"(?:\w+\s+)?(?:numb|dead|no feeling|no sensation|lost (?:its|all|the) feeling)\b|"
    r"\b(?:can not|could not|do not|barely|hardly|can hardly|can barely)\s+feel\s+(?:anything\s+|much\s+|a thing\s+)?"
    r"(?:\w+\s+)?(?:" + _SADDLE + r"|(?:the )?(?:toilet|loo) (?:paper|roll|tissue)|(?:anything|it|myself|much) when "
    r"(?:i|she|he) (?:wipe|wipes))\b|"
    r"\b(?:numb|numbness|no feeling|no sensation|feel nothing|can not feel (?:anything|it|a thing))\b(?:\s+\w+){0,4}?\s+when "
    r"(?:i|she|he) (?:wipe|wipes|wiping)\b|"
    r"\bnumb(?:ness)?\s+(?:\w+\s+){0,2}?" + _SADDLE
)
_SCC_EXCL = _U(
    r"\b(?:stress incontinence|when (?:i|she|he) (?:sneeze|sneezes|cough|coughs|laugh|laughs|jump)|laughing|"
    r"pelvic floor|bowel control pad|always had|after childbirth|since (?:i|she) had (?:the )?(?:kids|children|baby)|"
    r"from sitting|after sitting|sitting (?:on|for|in) (?:a|the|that|this|hard|those)|hard (?:chair|seat|bench)|"
    r"long (?:drive|flight|journey|car journey)|bike ride|cycling|spin class|local anaesthetic|local anesthetic|epidural|"
    r"(?:at|from) the dentist)\b"
)

_THIRST = (r"(?:(?:extremely|really|very|so|incredibly|constantly|always|super|unbearably|insanely|excessively|"
           r"abnormally|terribly|desperately|ridiculously|mega|crazy)\s+thirsty|thirsty all (?:the time|day)|"
           r"thirsty constantly|constant(?:ly)? thirst|extreme thirst|excessive thirst|unquenchable thirst|"
           r"(?:can not|could not) (?:stop drinking|quench)|drinking (?:loads|so much|gallons|litres|liters|constantly|"
           r"all the time|tons|non stop|nonstop|water all day)|thirsty|thirst)")
_POLYURIA = (r"(?:(?:peeing|weeing|urinating|pissing|passing water|going to the (?:toilet|loo|bathroom)|"
             r"up to the (?:toilet|loo))\s+(?:a lot|loads|constantly|all the time|so much|every (?:hour|half hour|"
             r"\d+ minutes|five minutes|ten minutes)|more|much more|non stop|nonstop|frequently|so often|a lot more|"
             r"loads more|far more|endlessly|all day|all night)|(?:keeps?|kept|constantly|always) (?:weeing|peeing|urinating|needing the "
             r"(?:toilet|loo|bathroom)|going to the (?:toilet|loo|bathroom))|(?:passing|pass|producing) (?:a lot of|lots of|loads of|"
             r"large amounts of|more|huge amounts of) (?:urine|water|wee|pee)|(?:need|needing|needs|have|has) to "
             r"(?:pee|wee|urinate) (?:all the time|constantly|every|a lot|so much)|(?:frequent|excessive) "
             r"(?:urination|peeing|weeing)|polyuria|peeing for england|weeing for england|constantly (?:peeing|weeing))")
_VOMIT = (r"(?:vomit(?:ing|ed|s)?|throwing up|threw up|throw up|throws up|been sick|being sick|keep being sick|"
          r"keeps being sick|puking|puked|(?:can not|could not|unable to) keep (?:anything|food|water|fluids|drinks) down)")
_CONFUSED_SIGN = (r"(?:confused|confusion|disorient\w*|muddled|not making (?:any )?sense|talking nonsense|"
                  r"talking gibberish|delirious|delirium|not (?:herself|himself|themselves|myself)|"
                  r"away with the fairies|foggy and confused)")
_DROWSY = (r"(?:drowsy|drowsiness|(?:so|very|really|extremely|incredibly|unusually) sleepy|sleeping all (?:day|the time)|"
           r"sleeps all day|sleepy all (?:day|the time)|(?:can not|could not) stay awake|hard to (?:wake|rouse)|"
           r"difficult to (?:wake|rouse)|keeps? falling asleep|lethargic|lethargy|dozing off all the time|"
           r"(?:hard|difficult|struggling|a struggle|impossible) to stay awake|can barely stay awake)")
_CONSTIP = r"(?:constipated|constipation|(?:have not|has not|had not|not) (?:pooed|been for a poo|opened (?:my|her|his) bowels))"
_CONFUSION_EXCL_AFTER = _U(
    r"\s+(?:about|by|as to|with|over|regarding|why|what|how|whether|if|which|on|at the|between)\b"
    r"(?!\s+(?:where (?:she|he|i|they) (?:is|am|are|was|were|lives|live)|who (?:i|she|he|we|they) (?:am|is|are)|"
    r"what day|what time|what year|the day|the time|the date|people|everything|simple things|her own|his own))"
)
_HYPERCALC_DIRECT = _U(r"\b(?:hypercalcaemia|hypercalcemia|high calcium|raised calcium|calcium (?:is|was|levels? (?:are|is|were|was)) "
                       r"(?:high|raised|up|too high|very high))\b")

_CONFUSION_STRONG = _U(
    r"\b(?:very|really|extremely|suddenly|increasingly|severely|more|so|quite|acutely|totally|completely|badly)\s+"
    r"(?:confused|disorient\w*|muddled)\b|\bdisorient(?:ed|ated)\b|\bdelirious\b|\bdelirium\b|"
    r"\b(?:does not|did not|do not|can not|could not) (?:know|recognise|recognize) (?:where (?:she|he|i) (?:is|am|was)|"
    r"who (?:i|she|he|we) (?:am|is|are)|me|us|anyone|her own|his own|what day)\b|"
    r"\bnot making (?:any )?sense\b|\btalking (?:nonsense|gibberish|rubbish and)\b|"
    r"\b(?:slurr(?:ed|ing) (?:her|his|my)? ?(?:words|speech)|slurred speech|speech (?:is|was) slurred|face (?:is )?drooping|"
    r"drooping face|having a stroke|had a stroke|seizure|seizures|convuls\w+|having a fit|had a fit(?! (?:when|about|over|because|"
    r"of (?:laughing|the giggles)|at))|fitting)\b|"
    r"\b(?:can not|could not|unable to) (?:wake|rouse) (?:her|him|them|me)\b|\b(?:hard|difficult|impossible) to (?:wake|rouse)\b|"
    r"\b(?:keeps?|kept) (?:getting|going) confused\b(?!\s+(?:about|by|with|over) (?:the|my|her|his|all|which|this|these|"
    r"those|what (?:to|the)|how|forms|appointments|tablets|meds|remote|phone))|"
    r"\b(?:she|he|they|mum|mom|dad|" + _KIN + r")\s+(?:is|seems|was|has been|looks)\s+(?:really\s+|very\s+|so\s+|a bit\s+)?"
    r"(?:not with it|away with the fairies|out of it)\b|"
    r"\b(?:will not|would not|does not|did not|can not|could not|is not)\s+(?:wake|waking)\s+(?:up\s+)?(?:properly|fully|at all)\b|"
    r"\b(?:getting|became|become|gone) (?:very |really |more |so )?confused\b"
)
_CONFUSION_3P = _U(
    r"\b(?:she|he|they|" + _KIN + r"|mum|mom|dad)\s+(?:is|seems|was|has been|became|got|gets|is getting|looks|sounds|"
    r"appears|seemed|became|has become|is being|is acting|acting|is also)\s+(?:really\s+|very\s+|so\s+|quite\s+|a bit\s+|"
    r"a little\s+|suddenly\s+|more\s+|all\s+)?(?:confused|muddled|disorient\w*)\b"
)
_CONFUSION_3P_LOOSE = _U(
    r"\b(?:she|he|" + _KIN + r"|mum|mom|dad)\s+(?:\w+\s+){1,5}?(?<!not )(?<!never )(?<!no longer )(?:confused|disorient\w*|"
    r"muddled|delirious)\b"
    r"(?!\s+(?:about|by|as to|with|over|regarding|why|what|how|whether|if|which|on))"
)
_CONFUSION_1P = _U(
    r"\b(?:i|me)\s+(?:feel|am feeling|felt|have been feeling|keep feeling|have been)\s+(?:really\s+|very\s+|so\s+|"
    r"quite\s+|a bit\s+|)?(?:confused|muddled|disorient\w*)\b(?=\s*(?:and|$|,|\.|today|all|since|lately|this))"
)
_CONFUSION_IDIOM = _U(r"\bconfused (?:about|by|as to|with|over|regarding|why|what|how|whether|if|which|when|where|on)\b|"
                      r"\b(?:chemo brain|brain fog|forgetful)\b")

_BLEEDING = _U(
    r"\b(?:bleed|bleeding|blood|nosebleed|nose bleed|bleeds|bled)\b(?:\s+\w+){0,6}?\s+(?:will not|would not|does not|"
    r"did not|can not|could not|not|has not|is not|keeps not|never) (?:stop|stopping|stopped|stop bleeding|clot|slow|"
    r"slowing|ease|easing)\b|"
    r"\b(?:will not|would not|does not|did not|can not|could not|is not going to|just will not|still will not) "
    r"(?:stop|quit) (?:bleeding|gushing|pouring|oozing)\b|"
    r"\b(?:can not|could not|unable to|not able to|struggling to) (?:stop|stem) (?:my|her|his|the) (?:nose|gums?|cut|wound|"
    r"finger|arm|leg|head|mouth|lip|port|line|picc)\s+(?:from\s+)?bleeding\b|"
    r"\b(?:can not|could not|unable to|not able to|struggling to|cannot) (?:stop|stem|control) (?:the |it |her |him |my |his |this )?"
    r"(?:bleeding|blood|bleed|nosebleed|nose bleed)\b|"
    r"\b(?:bleeding|bled|bleeds) (?:non stop|nonstop|constantly|heavily|badly|profusely|everywhere|through|a lot|"
    r"loads|for (?:over |more than |nearly |almost )?(?:an hour|hours|\d+ (?:min|mins|minutes|hours?)|half an hour|"
    r"twenty|thirty|forty|45))\b|"
    r"\b(?:heavy|severe|uncontrolled|uncontrollable|massive|profuse|serious|constant|non stop|major) (?:bleeding|bleed|haemorrhage|hemorrhage)\b|"
    r"\b(?:haemorrhag\w*|hemorrhag\w*)\b|\b(?:lots of|so much|loads of|a lot of|pools? of|blood everywhere|pouring|gushing|"
    r"spurting|soaked (?:through )?(?:with|in)) blood\b|\bblood everywhere\b|\bpouring (?:with )?blood\b|"
    r"\b(?:nose|gums?|cut|wound|mouth|line|picc|port site) (?:has been |is |are |have been |keeps? )?(?:bleeding|pouring) "
    r"(?:for|since|non stop|constantly|heavily|and (?:will|would) not)\b|"
    r"\bstill bleeding (?:after|since|hours)\b|"
    r"\bblood (?:is |keeps |kept |has been |was |just |keeps on )?(?:pouring|gushing|streaming|pumping|spurting|running|"
    r"dripping) (?:out )?(?:from|out of|down)\b|"
    r"\b(?:vomit|sick|phlegm|sputum|spit|mucus)\s+(?:has|had|have|with|contains|contained|containing|is full of|is|was)\s+"
    r"(?:some |a lot of |lots of |bits of |streaks of |fresh |bright red |dark )?blood\b|"
    r"\b(?:nosebleed|nose bleed|bleed|bleeding)\b(?:\s+\w+){0,5}?\s+(?:going|going on|lasting|lasted|gone on|been going)\s+"
    r"(?:for\s+)?(?:over\s+|more than\s+|nearly\s+|almost\s+)?(?:an hour|hours|half an hour|ages|\d+ (?:min|mins|minutes|hours?)|"
    r"twenty|thirty|forty|45)\b|"
    r"\bblood\b(?:\s+\w+){0,3}?\s+(?:when|as|every time|whenever|if) (?:i|she|he) (?:cough|coughs|coughed|am coughing|"
    r"is coughing)\b|\bblood (?:is )?(?:pouring|gushing|streaming|pumping|spurting|dripping everywhere) "
    r"(?:from|out of|down)\b|"
    r"\b(?:vomit(?:ing|ed|s)?|throwing up|threw up|throw up|throws up|being sick|been sick|sick(?:ing)? up|coughing|coughed|"
    r"coughs|cough|spitting|spat|bringing up|brought up|puking|puked)\s+(?:up\s+)?(?:up\s+)?(?:fresh |bright red |dark |some |a lot of |"
    r"lots of |a bit of )?(?:blood|clots)\b|"
    r"\bblood (?:in|on) (?:my|her|his|the)?\s*(?:vomit|sick|phlegm|sputum|spit|tissue when (?:i|she|he) cough)\b|"
    r"\bblood (?:when|if|every time|whenever) (?:i|she|he) (?:cough|coughs|coughed|spit|spits|vomit|vomits|am sick|is sick)\b|"
    r"\bbloody (?:sputum|phlegm|mucus|vomit)\b|\bcoffee grounds?\b|\b(?:haemoptysis|hemoptysis|haematemesis|hematemesis|"
    r"melaena|melena)\b|"
    r"\bblack (?:and )?(?:tarry |tar like |sticky |runny )?(?:stools?|poo|poos|poop|bowel movements?|motions|diarrhoea|diarrhea)\b|"
    r"\btarry (?:stools?|poo|poos|poop|motions)\b|\b(?:stools?|poo|poos|poop|motions|bowel movements?)\s+(?:is|are|was|"
    r"were|has been|have been|look|looks|looked|gone|turned|coming out|came out|have gone|has gone|have turned|has turned|"
    r"went|are now|is now|seem|seems)\s+(?:very |really |completely |jet |)?"
    r"(?:black|tarry|like tar|tar like)\b"
)
_BLEEDING_EXCL = _U(r"\b(?:blood (?:test|tests|count|counts|results|pressure|sugar|work|transfusion|donor)|when (?:i|she|he) brush)\b")

_BREATH = _U(
    r"\b(?:short(?:ness)? of breath|breathless(?:ness)?|out of breath|(?:can not|could not|cannot) (?:breathe|breath)\b|"
    r"(?:can not|could not) catch (?:my|her|his|their) breath|"
    r"(?:fighting|fights|battling|straining|labouring|laboring) (?:to breathe|to breath|for breath|for air|to get (?:air|a breath))|"
    r"struggling (?:to breathe|to breath|for breath|for air|"
    r"to get (?:my|her|his)? ?breath)|struggles? to breathe|difficulty (?:in )?breathing|trouble breathing|"
    r"breathing (?:difficulties|problems|is difficult|is hard|is bad|is awful|is really bad|is very bad|is laboured|"
    r"is labored|is fast|is rapid|is shallow|is noisy|is rattly|is heavy|sounds? (?:bad|awful|rattly|wet))|"
    r"hard to breathe|hard time breathing|hard for (?:me|her|him) to breathe|fighting for (?:breath|air)|"
    r"gasping(?: for (?:air|breath))?|(?:can not|could not) get (?:enough )?(?:air|my breath|her breath|his breath)|"
    r"laboured breathing|labored breathing|rapid breathing|fast breathing|(?:lips|face|fingers|fingertips|skin) "
    r"(?:are |is |have |has )?(?:gone |turning |turned |going |looking |look |looks |went |)(?:a bit |slightly |very |really )?"
    r"(?:blue|grey|gray|purple|bluish|blueish)|breathing (?:has |is )?(?:got|gotten|getting|become|became|gone) (?:much |a lot |"
    r"really |so |very )?(?:worse|bad|laboured|labored|difficult|fast|noisy)|"
    r"breathing (?:is |sounds |seems |looks |)(?:really |very |so |quite )?"
    r"(?:fast|rapid|shallow|laboured|labored|noisy|rattly|difficult|heavy|gaspy)|blue lips|wheezing badly|suffocating|air hunger|"
    r"(?:not|can not) breath(?:e|ing) properly|breathing really fast|panting (?:at rest|all the time)|"
    r"breathless at rest|puffed out (?:at rest|sitting)|(?:can not|could not) (?:speak|talk|finish) (?:in )?(?:full |whole |a )?"
    r"sentences?|too breathless to (?:talk|speak|walk|eat))\b"
)
_BREATH_IDIOM = _U(
    r"\b(?:through (?:my|her|his|the) nose|blocked nose|stuffy|laugh|laughing|laughed|funny|hilarious|take my breath|"
    r"took my breath|breath ?taking|catch my breath after|smoke|anxiety attack|panic attack|in this heat|humid)\b"
)
_EXERTION = _U(
    r"\b(?:stairs|staircase|steps|walking|walk|walks|hill|hills|uphill|climb|climbing|exercise|exercising|exertion|gym|"
    r"running|jogging|housework|hoovering|vacuuming|gardening|carrying|shopping|on exertion|when (?:i|she|he) (?:do|move|"
    r"exert|rush|hurry)|doing (?:anything|things|too much|much)|after (?:a|my|her|his) (?:walk|shower|bath)|"
    r"swimming|dancing|cycling|bike|physio|yoga|sex)\b"
)
_AT_REST = _U(
    r"\b(?:at rest|resting|sitting|sat|lying|laying|in bed|doing nothing|while (?:talking|eating|sitting|resting)|"
    r"even (?:when|while|at|sitting|lying|resting|talking)|talking|asleep|sleeping|wakes? (?:me|her|him) up|"
    r"woke (?:me|her|him) up|at night|all the time|constantly|suddenly|sudden|worse|worsening|getting worse|much worse|"
    r"severe|badly|really bad|very bad|can not breathe|gasping|blue|can not speak|can not talk|can not finish|"
    r"even (?:a few|one|two|short)|to the (?:toilet|loo|bathroom)|across the room|a few steps)\b"
)
_BREATH_MILD = _U(r"\b(?:a (?:bit|little|tad) (?:more )?|slightly |mildly |somewhat |bit more |a touch )(?:short of breath|breathless|"
                  r"out of breath|puffed)\b")

_CHEST = _U(
    r"\b(?:chest (?:wall )?(?:pain|pains|ache|aches|is (?:really |very |so |quite |a bit |)(?:tight|hurting|painful|heavy|sore|killing)|feels (?:tight|heavy|"
    r"crushed|like|sore|painful|squeezed)|hurts|hurting|tightness|pressure|discomfort|tight)|"
    r"(?:pain|pains|ache|tightness|pressure|heaviness|crushing|squeezing|stabbing|sharp pain|burning pain|weight)\s+"
    r"(?:\w+\s+){0,2}?(?:in|on|across|around) (?:the (?:middle|centre|center|left|right|left side|right side) of )?"
    r"(?:my|her|his|the|their) chest|tight chest|heavy chest|"
    r"tightness (?:in|across|of|around) (?:the|my|her|his) chest|heart attack|angina|crushing (?:pain|feeling|sensation)|"
    r"pain (?:in|down) (?:my|her|his) (?:left )?arm and (?:my |her |his )?(?:chest|jaw))\b"
)
_CHEST_EXCL = _U(r"\b(?:(?:nearly|almost) (?:had|have|gave (?:me|her|him)) a heart attack|band like|band of pain|like a (?:tight )?(?:band|belt|girdle)|chest infection|off (?:my|her|his|your) chest|chest (?:x ?ray|scan|port|drain|wall radiotherapy|hair)|"
                 r"heartburn|indigestion after|chest of drawers)\b")

_FRACTURE = _U(
    r"\b(?:think|thinks|thought|might|may|could|probably|possibly|must|feels like|feel like|seems like|i reckon|"
    r"i suspect|suspect|worried|scared|afraid|looks like)\s+(?:\w+\s+){0,4}?(?:broken|broke|fractured|cracked|snapped)\b|"
    r"\b(?:broke|broken|fractured|cracked|snapped)\s+(?:my|her|his|a|the|their|another|one of (?:my|her|his))?\s*"
    r"(?:\w+\s+)?(?:hip|hips|leg|legs|arm|arms|wrist|wrists|rib|ribs|bone|bones|ankle|ankles|femur|thigh|pelvis|"
    r"back|spine|vertebra|vertebrae|collarbone|collar bone|shoulder|elbow|knee|foot|toe|toes|finger|fingers|hand|"
    r"neck|kneecap|shin|humerus|sternum)\b|"
    r"\b(?:hip|hips|leg|arm|rib|ribs|bone|wrist|ankle|femur|thigh|pelvis|shoulder|back|spine|collarbone)\s+"
    r"(?:is |has |just |has just |may have |might have |might be |may be |could be |looks |feels |suddenly |just suddenly )?"
    r"(?:cracked|snapped|broken|fractured|gave way and)\b|"
    r"\b(?:heard|felt)\s+(?:a |something |it |this |an awful |a loud )?(?:crack|snap|pop|crunch|click and (?:then )?pain)\b|"
    r"\b(?:can not|could not|unable to|can not even|not able to|could not even|struggling to)\s+(?:put|bear|take|stand)\s+"
    r"(?:any\s+)?(?:weight|pressure)\s+(?:on|through)\b|\b(?:can not|could not) (?:bear|take) weight\b|"
    r"\bnon weight bearing\b|\bfracture(?:d|s)?\b|\bpathological fracture\b|"
    r"\b(?:something|it|a bone|the bone)\s+(?:just\s+)?(?:cracked|snapped|popped|crunched|went|broke|gave)\s+in\s+(?:my|her|his)\s+"
    r"(?:hip|back|leg|arm|ribs?|shoulder|pelvis|thigh|spine|neck|wrist|ankle|knee|chest|side)\b|"
    r"\b(?:can not|could not|unable to|not able to)\s+(?:stand|walk|put any weight|bear weight)\s+on\s+(?:my|her|his|the)\s+"
    r"(?:left |right |bad )?(?:leg|foot|hip|ankle|knee)\b|"
    r"\b(?:wrist|arm|leg|hip|ankle|shoulder|finger|fingers|foot|knee|elbow)\s+(?:looks|is|looking|is sticking out|is bent)\s+"
    r"(?:all\s+)?(?:wrong|deformed|bent|at a (?:funny|weird|strange|odd) angle|out of shape|the wrong way|misshapen)\b|"
    r"\b(?:hip|thigh|leg|arm|ribs?|pelvis|groin|shoulder|femur|back)\b(?:\s+\w+){0,5}?\s+(?:hurting|hurts|hurt|pain|painful|"
    r"agony|aching|ache|excruciating|agonising|agonizing)\b(?:\s+\w+){0,4}?\s+(?:out of nowhere|out of the blue|for no reason|"
    r"with no injury|without (?:an |any )?(?:injury|fall|reason))\b|"
    r"\b(?:hip|thigh|leg|arm|ribs?|pelvis|groin|shoulder|femur)\s+(?:\w+\s+)?(?:suddenly|out of nowhere)\s+(?:started\s+|became\s+|"
    r"got\s+|went\s+)?(?:really\s+|very\s+)?(?:hurting|hurts|painful|agony|excruciating|agonising|agonizing|snapped|cracked|gave way)\b|"
    r"\b(?:sudden|suddenly|out of nowhere|out of the blue)\b(?:\s+\w+){0,4}?\s+(?:severe |sharp |bad |agonising |"
    r"agonizing |excruciating |terrible |awful |horrendous )?(?:pain|agony|ache)\s+(?:in|at)\s+(?:my|her|his|the)\s+"
    r"(?:hip|thigh|leg|arm|ribs?|pelvis|groin|shoulder|femur|upper arm|back)\b|"
    r"\b(?:pain|agony|ache)\b(?:\s+\w+){0,8}?\s+(?:without|with no|no|not from|despite no|for no)\s+(?:any\s+|an\s+|obvious\s+|"
    r"real\s+|apparent\s+)?(?:injury|injuries|fall|falling|reason|knock|bump|trauma|accident)\b"
)
_FRACTURE_EXCL = _U(r"\b(?:broken heart|heart broken|heartbroken|broke the news|broken (?:phone|glasses|record|sleep|"
                    r"english|promise)|break my back (?:to|for|doing)|breaking (?:my|her|his) back (?:to|for|doing|trying)|"
                    r"fracture risk|risk of (?:a )?fracture|prevent fractures?|bone density|dexa|broken bones? in the past)\b")
_FALL = _U(
    r"\b(?:fell|fallen|had a fall|has had a fall|had a bad fall|taken a fall|took a (?:tumble|fall|nasty fall)|"
    r"slipped and fell|tripped and fell|have fallen|has fallen|keeps? falling|kept falling|been falling|"
    r"started falling|collapsed and fell|found (?:her|him|them) on the floor|on the floor and (?:can not|could not) get up|"
    r"(?:slipped|tripped|stumbled|lost (?:my|her|his) (?:balance|footing))\s+(?:on|in|over|down|and|while|getting|going|"
    r"coming|at|backwards|off))\b"
)
_FALL_EXCL_AFTER = _U(
    r"\s+(?:asleep|apart|in love|behind|through|ill|sick|pregnant|short|for|foul|prey|victim|silent|silent|quiet|for it|victim|flat|into (?:a |the )?"
    r"(?:depression|routine|habit|place|trap|hole of)|off the wagon|on deaf|out(?!\s+of\s+(?:bed|the bed|a|her|his|my|the|"
    r"bed))|between|under|within|to pieces|in to|into place|by the wayside|in with|off a cliff|in (?:my|her|his) "
    r"estimation|to bits|about laughing|in line|(?:my|her|his|their|our) (?:words|tongue|own feet laughing))\b"
)
_FALL_EXCL_SENT = _U(r"\b(?:cap|lid|label|tooth|teeth|plaster|dressing|scab|wig|glasses|phone|bottle|cup|picture|book|box|"
                     r"it|this|that|something|thing|things|bag|keys|ring|button|tablet|pill|leaves|snow|rain|"
                     r"hair|eyelashes|eyebrows|nails|lashes|platelets|counts?|levels?|markers?|tumou?r markers?|"
                     r"weight|temperature|temp|fell asleep|night fell|darkness|numbers?|scores?|prices?|rates?)\b"
                     r"(?:\s+\w+){0,3}?\s+(?:fell|fallen|falling)|\b(?:fell|fallen|falling)\s+out\b(?! of (?:bed|the bed|a chair|the chair|"
                     r"her chair|his chair|my chair|the bath|the car|wheelchair))")
_FAINT = _U(
    r"\b(?:faint(?:ed|ing|s)?|passed out|pass(?:es|ing)? out|blacked out|black(?:ing|s)? out|collaps(?:ed|ing|es)|"
    r"lost consciousness|loss of consciousness|losing consciousness|unconscious|unresponsive|keeled over|"
    r"came round on the floor|came to on the floor|(?:came|come|coming) (?:round|to) (?:on|in) (?:the|a) (?:\w+ )?"
    r"(?:floor|ground|pavement|bath|toilet)|woke up on the (?:\w+ )?floor|found (?:my |our )?(?:her|him|them|" + _KIN + r"|mum|mom|dad) (?:on the floor|"
    r"collapsed|unconscious|lying on the floor|slumped|not breathing|unresponsive)|(?:not|is not|was not|is barely) "
    r"responding|(?:can not|could not) be woken|(?:feel|feeling|felt|feels) (?:really |very |so |a bit |quite )?"
    r"(?:faint|like (?:i am|i was|she is|he is|she was|he was) (?:going|about) to (?:faint|pass out|collapse|black out))|"
    r"(?:about|going) to (?:faint|pass out|collapse|black out)\b(?!\s+(?:from|with) (?:boredom|laughing|hunger))|"
    r"(?:almost|nearly) (?:fainted|passed out|collapsed|blacked out)|went down like a (?:sack|stone|log))\b"
)
_FAINT_EXCL = _U(
    r"\b(?:faint (?:line|hope|smell|sound|idea|memory|chance|praise|heart|mark|glow)|collapsed? (?:vein|veins|lung)|"
    r"(?:price|bill|cost|invoice|quote|news|charges?|parking|fees?|receipt|price tag)\b.{0,30}\b(?:fainted|passed out|collapsed)|(?:fainted|passed out|collapsed)\b"
    r".{0,30}\b(?:price|bill|cost|invoice|quote|charges?|parking|fees?|receipt)|passed out (?:leaflets|flyers|of|from)|(?:wifi|internet|power|tent|"
    r"building|bridge|chair|economy|shelf|roof) (?:\w+ )?collaps\w*|black out (?:blinds|curtains)|blackout|"
    r"laughing|laughed|drunk)\b"
)

# "dead" / "like jelly" legs are also how people describe tired legs after a walk or a dance; then only
# "gone/went dead" (numbness) still counts.
_TIRED_LEGS = _U(r"(?<!gone )(?<!went )(?<!going )(?<!go )\b(?:dead|like jelly|jelly)\b")
_TIRED_CONTEXT = _U(
    r"\b(?:walk|walks|walking|walked|hike|hiking|run|running|ran|gym|exercise|exercising|workout|class|dancing|danced|"
    r"dance|stairs|shopping|wedding|party|day out|trip|swim|swimming|cycle|cycling|bike ride|yoga|pilates|gardening|"
    r"standing all day|on my feet all day|marathon|parkrun|steps|step count|sightseeing|zumba)\b")


def _leg_strong(sentence: str) -> Optional["re.Match[str]"]:
    for m in _LEG_STRONG.finditer(sentence):
        if _TIRED_LEGS.search(m.group(0)) and _TIRED_CONTEXT.search(sentence):
            continue
        if _urgent_context_ok(sentence, m.start(), m.end()):
            return m
    return None


# Things, not people, that slip ("my wig slipped at the shops")
_SLIPPED_THING = _U(
    r"\b(?:wig|hat|scarf|headscarf|head scarf|turban|glasses|specs|dressing|plaster|bandage|mask|prosthesis|prosthetic|"
    r"bra|strap|tube|line|picc|cannula|needle|knife|pen|phone|grip|hand|fingers|mind|tongue|standards|appointment|date|"
    r"schedule|it|this|that|cap|lid|bag)\s+(?:\w+\s+){0,1}$")

_URGENT_RANK = ("fainting", "breathlessness", "chest_pain", "bleeding", "neutropenic_fever",
                "spinal_cord_compression", "hypercalcaemia", "confusion", "fracture")


def _first_ok(pattern: "re.Pattern[str]", sentence: str, allow_info: bool = False) -> Optional["re.Match[str]"]:
    for m in pattern.finditer(sentence):
        if _urgent_context_ok(sentence, m.start(), m.end(), allow_info):
            return m
    return None


def _assess_urgent(text: str) -> Optional[SafetyFinding]:
    sentences = _sentences(text, keep_punct=True)
    found: List[Tuple[str, str, int, int]] = []  # (category, matched, sentence index, start)

    def add(cat: str, m: "re.Match[str]", idx: int) -> None:
        found.append((cat, m.group(0).strip(), idx, m.start()))

    back_pain_any = any(_first_ok(_BACK_PAIN, s, allow_info=False) for s in sentences)
    hyper_signs = {}
    for idx, s in enumerate(sentences):
        # fever ----------------------------------------------------------------------------
        readings = _temperature_readings(s)
        fever_reading = None
        low_reading = None
        for celsius, lower, m in readings:
            if not _urgent_context_ok(s, m.start(), m.end(), allow_info=False):
                continue
            if celsius >= 38.0 - 1e-9 and not lower:
                fever_reading = m
                break
            low_reading = m
        if fever_reading is not None:
            add("neutropenic_fever", fever_reading, idx)
        elif low_reading is None:
            m = _first_ok(_FEVER_WORDS, s)
            if m is not None:
                add("neutropenic_fever", m, idx)
        if not _RIGOR_EXCL.search(s):
            m = _first_ok(_RIGORS, s)
            if m is not None:
                add("neutropenic_fever", m, idx)
        if _CHEMO.search(s):
            m = _first_ok(_UNWELL, s)
            if m is not None:
                add("neutropenic_fever", m, idx)
        # spinal cord compression ------------------------------------------------------------------
        if not _SCC_EXCL.search(s):
            m = _first_ok(_SCC_DIRECT, s)
            if m is not None:
                add("spinal_cord_compression", m, idx)
        m = _leg_strong(s) or _first_ok(_WALK_STRONG, s)
        if m is not None:
            add("spinal_cord_compression", m, idx)
        if back_pain_any:
            m = _first_ok(_LIMB_NEURO, s) or _first_ok(_WALK, s)
            if m is not None:
                add("spinal_cord_compression", m, idx)
        # hypercalcaemia / confusion -------------------------------------------------------------
        m = _first_ok(_HYPERCALC_DIRECT, s)
        if m is not None:
            add("hypercalcaemia", m, idx)
        for name, pat in (("thirst", _THIRST), ("pee", _POLYURIA), ("vomit", _VOMIT), ("confused", _CONFUSED_SIGN),
                          ("drowsy", _DROWSY), ("constipation", _CONSTIP)):
            for mm in _U(r"\b" + pat + r"\b").finditer(s):
                if name == "confused" and _CONFUSION_EXCL_AFTER.match(s, mm.end()):
                    continue
                if name == "vomit" and re.match(r"\s+(?:up\s+)?(?:blood|clots)", s[mm.end():]):
                    pass
                if _urgent_context_ok(s, mm.start(), mm.end()):
                    hyper_signs.setdefault(name, (mm, idx))
                    break
        if not _CONFUSION_IDIOM.search(s) or _CONFUSION_STRONG.search(s):
            m = (_first_ok(_CONFUSION_STRONG, s) or _first_ok(_CONFUSION_3P, s) or _first_ok(_CONFUSION_1P, s)
                 or _first_ok(_CONFUSION_3P_LOOSE, s))
            if m is not None and not (re.search(r"confused|muddled$", m.group(0)) and _CONFUSION_EXCL_AFTER.match(s, m.end())):
                add("confusion", m, idx)
        # bleeding -------------------------------------------------------------------------------------
        if not (_BLEEDING_EXCL.search(s) and not re.search(r"\b(?:will not|would not|can not) stop\b", s)):
            m = _first_ok(_BLEEDING, s)
            if m is not None:
                add("bleeding", m, idx)
        # breathlessness -------------------------------------------------------------------------------
        for m in _BREATH.finditer(s):
            if _BREATH_IDIOM.search(s) and not _AT_REST.search(s):
                break
            if not _urgent_context_ok(s, m.start(), m.end()):
                continue
            strong = re.match(r"(?:can not|could not|cannot) (?:breathe|breath)|gasping|struggling|fighting|lips|face|"
                              r"fingers|blue|suffocating|air hunger|laboured|labored", m.group(0))
            here = _clause_prefix(s, m.start(), 200) + m.group(0) + _CLAUSE_BREAK.split(s[m.end():])[0]
            if not strong and (_EXERTION.search(here) or _BREATH_MILD.search(here)) and not _AT_REST.search(
                    _EXERTION.sub(" ", here)):
                continue
            add("breathlessness", m, idx)
            break
        # chest pain -----------------------------------------------------------------------------------
        if not _CHEST_EXCL.search(s) or re.search(r"\bchest (?:pain|tightness)\b", s):
            m = _first_ok(_CHEST, s)
            if m is not None:
                add("chest_pain", m, idx)
        # fracture / fall ------------------------------------------------------------------------------
        if not _FRACTURE_EXCL.search(s):
            m = _first_ok(_FRACTURE, s)
            if m is not None and not (re.match(r"(?:worried|scared|afraid)", m.group(0)) and re.search(
                    r"\b(?:will|might|could|would)\s+(?:\w+\s+)?(?:break|fracture)\b", s)):
                add("fracture", m, idx)
        if not _FALL_EXCL_SENT.search(s):
            for m in _FALL.finditer(s):
                if _FALL_EXCL_AFTER.match(s, m.end()):
                    continue
                if re.match(r"(?:slipped|tripped|stumbled)", m.group(0)) and _SLIPPED_THING.search(s[max(0, m.start() - 40):m.start()]):
                    continue
                if _urgent_context_ok(s, m.start(), m.end()):
                    add("fracture", m, idx)
                    break
        # fainting -------------------------------------------------------------------------------------
        if not _FAINT_EXCL.search(s):
            m = _first_ok(_FAINT, s)
            if m is not None:
                add("fainting", m, idx)

    distinct = [k for k in hyper_signs]
    if len(distinct) >= 2:
        mm, idx = hyper_signs[distinct[0]]
        parts = " + ".join(hyper_signs[k][0].group(0) for k in distinct)
        found.append(("hypercalcaemia", parts, idx, mm.start()))

    if not found:
        return None
    found.sort(key=lambda f: (_URGENT_RANK.index(f[0]), f[2], f[3]))
    cat, matched, idx, start = found[0]
    third = _is_third_party(sentences, idx, start, matched)
    return SafetyFinding(kind=URGENT, category=cat, matched=matched, third_party=third)


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------

# A red flag told as a past episode that is over ("admitted with neutropenic sepsis in march,
# fully recovered"; "my hip fracture from last spring has healed"): a time in the past, a word
# saying it resolved, and nothing saying it is back, new or happening now.
_EPISODE_PAST = re.compile(
    r"\b(?:last (?:week|month|year|spring|summer|autumn|fall|winter|time|cycle|round)|in (?:january|february|march|april|"
    r"may|june|july|august|september|october|november|december)|back in|(?:\d+|a|an|one|two|three|four|five|six|a few|few|"
    r"couple of|several) (?:days|weeks|months|years) ago|(?:was|were) admitted|earlier this (?:year|month))\b")
_EPISODE_OVER = re.compile(
    r"\b(?:fully recovered|recovered|(?:has |have )?healed|all clear|resolved|sorted (?:it|out|now)|(?:been )?normal since|"
    r"(?:been )?(?:fine|ok|okay|good|great|well) since|nothing since|none since|not (?:had|happened) (?:one|any|it) since|"
    r"(?:doing|feeling) (?:much |a lot |loads |so much |way )?better|back to normal|(?:all )?fine now|came home|home now|"
    r"discharged)\b")
_EPISODE_NOW = re.compile(
    r"\b(?:still|right now|tonight|this (?:morning|afternoon|evening)|worse|worsening|new|returned|came back|come back|"
    r"coming back|back again|has (?:started|come) again|(?:happened|happening|started|starting) again|again (?:today|"
    r"tonight|now|this)|but now|now (?:i|she|he|my|her|his|it) (?:have|has|am|is|are|feel|feels|got|keep|keeps)|"
    r"today (?:i|she|he) (?:have|has|am|is|feel|feels)|since (?:being |getting |i |she |he |we )?(?:discharged|came home|"
    r"coming home|got home|getting home|going home)|(?:i|she|he|mum|mom|dad|my \w+) (?:have got|has got|have|has|am|is|"
    r"feel|feels|keep|keeps|can not)\s+(?:\w+\s+){0,3}?(?:fever|temp|temperature|shiver\w*|shak\w*|bleed\w*|pain|"
    r"breathless\w*|short of breath|chest|confus\w*|numb\w*|weak\w*|vomit\w*|sick|unwell|poorly|hot|cold|seiz\w*|"
    r"faint\w*|dizzy|3[89](?:[.,]\d)?))\b")


def _resolved_episode(text: str) -> bool:
    return bool(_EPISODE_PAST.search(text) and _EPISODE_OVER.search(text) and not _EPISODE_NOW.search(text))


def assess(text: str) -> Optional[SafetyFinding]:
    """Return the most important safety finding in ``text`` (crisis wins over urgent), or None."""
    base = _base(text)
    if not base.strip():
        return None
    best: Optional[SafetyFinding] = None
    for view in _crisis_views(base):
        finding = _assess_crisis_view(view)
        if finding is None:
            continue
        if best is None or (best.third_party and not finding.third_party):
            best = finding
        if not best.third_party:
            break
    if best is not None:
        return best
    urgent_text = _clean(base, crisis=False)
    finding = _assess_urgent(urgent_text)
    if finding is None:
        de_adv = _de_adverb(urgent_text)
        if de_adv != urgent_text:
            finding = _assess_urgent(de_adv)
    if finding is not None and _resolved_episode(urgent_text):
        return None
    return finding
