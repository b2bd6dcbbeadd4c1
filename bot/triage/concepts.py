"""Symptom concepts for side-effect triage: lay phrasings -> a concept name.

Each concept is a list of patterns over lower-cased text with straight apostrophes.
A match that a negation ("no fever", "I don't have a cough") governs in the same
clause does not count. Temperatures written as numbers are read separately, because
what counts as a fever depends on the region's threshold (clinical-safety.md,
"Thresholds that vary": 38.0 °C in US guidance and NICE, 37.5 °C on many UK hotlines,
below 36 °C can be sepsis too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

#: Concept -> (what the person told us, for the reply and the staff excerpt; patterns).
_PATTERNS: Dict[str, Tuple[str, Tuple[str, ...]]] = {
    "cough": (
        "a cough",
        (
            r"\bcough(?:s|ing|ed)?\b",
            r"\bhacking\b",
        ),
    ),
    "breathless": (
        "breathlessness",
        (
            r"\bbreathless(?:ness)?\b",
            r"\bshort(?:ness)? of breath\b",
            r"\bout of breath\b",
            r"\b(?:can't|cannot|cant|struggling to|struggle to|hard to|difficult to|trouble) (?:catch (?:my|her|his) )?breath(?:e|ing)?\b",
            r"\bbreathing (?:is |feels |has been |got )?(?:hard|harder|difficult|laboured|labored|tight|heavy)\b",
            r"\bwinded\b",
            r"\bpuffed out\b",
            r"\bwheez\w*",
        ),
    ),
    "fever": (
        "a fever or shivering",
        (
            r"\bfevers?\b",
            r"\bfeverish\b",
            r"\bhigh temp(?:erature)?\b",
            r"\b(?:have|has|got|had|having|running|run|with) (?:a )?(?:bit of a |slight |high )?temp(?:erature)?\b",
            r"\bshiver(?:s|ing|y)?\b",
            r"\bchills\b",
            r"\brigou?rs\b",
            r"\bshaking with cold\b",
            r"\bhot and cold\b",
        ),
    ),
    "suddenly_unwell": (
        "feeling suddenly unwell",
        (
            r"\b(?:suddenly|all of a sudden)\b(?:\s+\w+){0,3}\s+(?:unwell|ill|awful|rough|terrible|poorly)\b",
            r"\b(?:unwell|ill|awful|rough|poorly)\b(?:\s+\w+){0,2}\s+(?:suddenly|all of a sudden)\b",
        ),
    ),
    "infection_signs": (
        "signs of an infection",
        (
            r"\bsore throat\b",
            r"\bburn(?:s|ing)? when (?:i |she |he )?(?:pee|wee|urinat)\w*",
            r"\bflu[ -]?like\b",
            r"\bchesty\b",
            r"\bcold sores?\b",
        ),
    ),
    "jaw": (
        "jaw pain or loose teeth",
        (
            r"\bjaw\b(?:\s+\S+){0,5}?\s+(?:pain|painful|ache|aches|aching|hurts?|hurting|sore|swollen|swelling|numb|heavy|tender|throbbing)\b",
            r"\b(?:pain|painful|ache|aching|sore|swelling|swollen|hurts?|hurting|throbbing)\b(?:\s+\S+){0,4}?\s+jaw\b",
            r"\bloose (?:tooth|teeth)\b",
            r"\bwobbly (?:tooth|teeth)\b",
            r"\b(?:tooth|teeth)\b(?:\s+\S+){0,4}?\s+(?:loose|wobbly|wobbling|falling out|fell out|came out)\b",
            r"\b(?:exposed|bare) bone\b",
            r"\bbone (?:is )?(?:showing|poking|sticking)\b",
            r"(?#keeps-negation)\b(?:gum|gums|socket|mouth)\b(?:\s+\S+){0,4}?\s+(?:won't|wont|not|isn't|hasn't|doesn't) heal(?:ed|ing)?\b",
        ),
    ),
    "cramps": (
        "cramps or twitching",
        (
            r"\bcramp(?:s|ing|y)?\b",
            r"\btwitch(?:es|ing|y)?\b",
        ),
    ),
    "tingling": (
        "tingling or numbness",
        (
            r"\btingl\w*",
            r"\bpins and needles\b",
            r"\bnumb(?:ness)? (?:in|around|on) (?:my |her |his |the )?(?:mouth|lips?|fingers?|finger ?tips|toes?|hands?|feet|foot|face)\b",
            r"\b(?:fingers?|finger ?tips|toes?|hands?|feet|lips?|mouth) (?:are |is |feel |feels |felt |going |gone |have gone |has gone )?numb\b",
        ),
    ),
    "spasms_seizure": (
        "muscle spasms or a seizure",
        (
            r"\bspasms?\b",
            # a carpopedal spasm told in lay words (blind set O, read after its measurement): "my hands
            # keep cramping into claws", "fingers locking up", "hands curled and stuck"
            r"\b(?:hands?|fingers?|feet|toes?|wrists?)\b(?:\s+\w+){0,4}?\s+(?:cramp\w*|curl\w*|lock\w*|seiz\w*|pull\w*|twist\w*)"
            r"\s+(?:up\s+)?(?:into\s+(?:a\s+)?claws?|like\s+(?:a\s+)?claws?|and\s+(?:stay|stick|get)\s+stuck|up\s+and\s+(?:won\S*t|will\s+not)"
            r"\s+(?:open|straighten|move))",
            r"\b(?:claw\s+hands?|hands?\s+(?:like|into)\s+(?:a\s+)?claws?|clawed\s+hands?|locked\s+(?:jaw|fingers|hands))\b",
            r"\bseizures?\b",
            r"\bconvuls\w*",
            r"\b(?:had|having|have) (?:a )?fits?\b",
        ),
    ),
    "palpitations": (
        "palpitations",
        (
            r"\bpalpitations?\b",
            r"\bheart (?:is |keeps |was |has been )?(?:racing|pounding|fluttering|skipping|jumping|thumping|beating (?:fast|funny|oddly|irregularly|strangely))\b",
            r"\b(?:racing|pounding|fluttering|irregular) (?:heart|heartbeat|pulse)\b",
        ),
    ),
    "fainting": (
        "fainting",
        (
            r"\bfaint(?:ed|ing|ness)?\b",
            r"\bpass(?:ed)? out\b",
            r"\bblack(?:ed)? out\b",
            r"\bcollaps(?:e|ed|ing)\b",
        ),
    ),
    "leg_swelling": (
        "a swollen or painful calf or leg",
        (
            r"\bcal(?:f|ves)\b(?:\s+\S+){0,4}?\s+(?:swollen|swelling|puffy|painful|pain|sore|tender|red|hot|warm|throbbing|hard|aching|hurts?)\b",
            r"\b(?:swollen|swelling|puffy|painful|pain in|sore|tender|red|hot|warm|throbbing)\b(?:\s+\S+){0,3}?\s+cal(?:f|ves)\b",
            r"\b(?:leg|legs|ankle|ankles|thigh|foot|feet)\b(?:\s+\S+){0,4}?\s+(?:swollen|swelling|puffy|swelled|red and hot|hot and red|hot|warm)\b",
            r"\b(?:swollen|swelling|puffy|swelled)\b(?:\s+\S+){0,3}?\s+(?:leg|legs|ankle|ankles|thigh|foot|feet)\b",
        ),
    ),
    "chest_pain": (
        "chest pain",
        (
            r"\bchest\b(?:\s+\S+){0,4}?\s+(?:pains?|hurts?|hurting|tight|tightness|pressure|heavy|heaviness|ache|aching|sore)\b",
            r"\b(?:pains?|tightness|pressure|heaviness|ache)\b(?:\s+\S+){0,2}?\s+(?:in|across|on) (?:my |the |her |his )?chest\b",
        ),
    ),
    "diarrhoea": (
        "diarrhoea",
        (
            r"\bdia?r+h?o?e?a\w*",
            r"\bdiahr+o?e?a\w*",
            r"\bthe runs\b",
            r"\bthe squits\b",
            r"\b(?:loose|watery|runny) (?:stools?|poos?|bowels?|motions?|movements?)\b",
            r"\b(?:stools?|poo|poos|bowel movements?) (?:is |are |have been |has been )?(?:loose|watery|runny)\b",
            r"\bgoing to the (?:toilet|loo|bathroom) (?:a lot|all the time|\d+ times|constantly|non ?stop)\b",
        ),
    ),
    "blood_in_stool": (
        "blood in the stool",
        (
            r"\bblood\w* (?:in|on) (?:my |the |her |his )?(?:stools?|poo|poos|bowel motions?|toilet paper|bum)\b",
            r"\bbloody (?:stools?|poo|poos|diarr\w*)\b",
            r"\bbleeding from (?:my |the |her |his )?(?:bottom|bum|back passage|rectum)\b",
        ),
    ),
    "bruising_bleeding": (
        "bruising or bleeding",
        (
            r"\bbruis\w*",
            r"\bnose ?bleeds?\b",
            r"\bnose (?:is |keeps )?bleeding\b",
            r"\bbleed(?:ing|s)? gums?\b",
            r"\bgums? (?:are |keep |keeps )?bleed\w*",
            r"\bpetechiae\b",
            r"\b(?:tiny|little|small|pin ?prick) (?:red|purple) (?:spots|dots)\b",
            r"\bblood in (?:my |the |her |his )?(?:pee|urine|wee)\b",
            r"\bbleed(?:ing|s)?\b",
        ),
    ),
    "tiredness": (
        "tiredness",
        (
            r"\btired(?:ness)?\b",
            r"\bexhaust\w*",
            r"\bfatigue\w*",
            r"\bwiped out\b",
            r"\bworn out\b",
            r"\bno energy\b",
            r"\bknackered\b",
            r"\bshattered\b",
        ),
    ),
    "severe_tiredness": (
        "severe tiredness",
        (
            r"\b(?:extremely|extreme|severe|severely|unbearably|totally|completely|utterly) (?:tired|exhausted|fatigued|weak)\b",
            r"\b(?:exhausted|tired) all the time\b",
            r"\bcan't (?:get|stay) (?:out of|up)\b(?:\s+\S+){0,3}?\s+bed\b",
            r"\btoo (?:tired|weak|exhausted) to\b",
        ),
    ),
    "headache": ("a headache", (r"\bheadaches?\b", r"\bhead (?:is )?(?:pounding|splitting)\b")),
    "yellow_skin": (
        "yellow skin or eyes",
        (
            r"\byellow\w* (?:skin|eyes)\b",
            # "my eyes have gone yellow", "her skin has turned a bit yellowish"
            r"\b(?:skin|eyes|whites of (?:my|her|his) eyes) (?:(?:have|has|had) )?"
            r"(?:are |is |look |looks |going |gone |turned |turning |become |got |gotten |went )?"
            r"(?:a bit |a little |slightly |quite |very |really )?(?:yellow|yellowish)\b",
            r"\bjaundic\w*",
        ),
    ),
    "thirst_urine": (
        "extreme thirst or passing a lot of urine",
        (
            r"\b(?:extremely|extreme|very|really|so|always|constantly) thirsty\b",
            r"\bthirsty all the time\b",
            r"\bextreme thirst\b",
            r"\b(?:peeing|weeing|passing (?:a lot of )?(?:urine|water)|urinating) (?:a lot|loads|all the time|constantly|much more)\b",
        ),
    ),
    "confusion": ("confusion", (r"\bconfus\w*", r"\bmuddled\b", r"\bdisorient\w*")),
    "belly_pain": (
        "belly pain",
        (
            r"\b(?:stomach|tummy|belly|abdominal|abdomen) (?:pains?|ache|aches|cramps?|hurts?)\b",
            r"\bpains? in (?:my |the |her |his )?(?:stomach|tummy|belly|abdomen)\b",
        ),
    ),
    "vaginal_bleeding": (
        "unusual vaginal bleeding",
        (
            r"\bvaginal (?:bleed\w*|spotting|blood)\b",
            r"\bspotting\b",
            r"\bperiods? (?:has |have )?(?:come back|started again|returned)\b",
            r"\bbleeding after (?:the |my )?menopause\b",
            r"\bpost[ -]?menopausal bleed\w*",
            r"\bbleeding (?:from )?down (?:below|there)\b",
        ),
    ),
    "hot_flushes": (
        "hot flushes or sweats",
        (
            r"\bhot (?:flush|flushes|flash|flashes)\b",
            r"\bnight sweats\b",
            r"\bsweats\b",
        ),
    ),
    "pregnancy": (
        "a possible pregnancy",
        (
            r"\bpregnan\w*",
            r"\bmissed (?:my |a |her )?period\b",
        ),
    ),
    "less_urine": (
        "passing much less urine",
        (
            r"\b(?:peeing|weeing|passing (?:urine|water)|urinating) (?:much |a lot |far )?less\b",
            r"(?#keeps-negation)\b(?:hardly|barely|not) (?:peeing|weeing|passing (?:urine|water)|urinating)\b",
            r"\bless (?:urine|pee|wee)\b",
        ),
    ),
}

CONCEPTS: Dict[str, Tuple["re.Pattern[str]", ...]] = {
    name: tuple(re.compile(p) for p in patterns) for name, (_, patterns) in _PATTERNS.items()
}
LABELS: Dict[str, str] = {name: label for name, (label, _) in _PATTERNS.items()}
#: Concepts read from a temperature written as a number.
READING_CONCEPTS = ("fever", "raised_temperature")
LABELS["raised_temperature"] = "a raised temperature"

_CLAUSE_SPLIT = re.compile(
    r"(?<!\d)\.|\.(?!\d)|[;!?\n]+|,\s*(?=but\b|though\b|however\b)|\bbut\b|\bhowever\b|\balthough\b"
)
# A negation in the words just before a match ("no fever", "I haven't got a cough",
# "without any bruising"); "not" + "only" is not a negation of the symptom.
_NEGATION = re.compile(
    r"\b(?:no|not(?! only| just)|never|without|nor|zero|denies|free of|no sign of|"
    r"don't|dont|do not|doesn't|does not|didn't|haven't|havent|hasn't|hasnt|isn't|aren't|wasn't|"
    r"no more|none)\b(?:\s+\S+){0,3}?\s*$"
)
# "No fever but a cough": the negation ends at a comma before a new symptom noun.
_NEG_WINDOW_WORDS = 5

_TEMP_CONTEXT = re.compile(r"\btemp\w*|\bfever\w*|\bthermometer\b|°|\bdegrees?\b|\bdeg\b")
_READING = re.compile(r"(?<![\d.])(\d{2,3}(?:[.,]\d{1,2})?)\s*(?:°|º|deg(?:rees?)?)?\s*([cf])?\b")

THRESHOLD_C = {"UK": 37.5}
DEFAULT_THRESHOLD_C = 38.0
LOW_C = 36.0
RAISED_FROM_C = 37.5


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, single spaces."""
    text = (text or "").replace("\u2019", "'").replace("\u2018", "'").lower()
    return re.sub(r"\s+", " ", text).strip()


def clauses(text: str) -> List[str]:
    """The clauses a negation can govern."""
    return [c.strip() for c in _CLAUSE_SPLIT.split(text) if c and c.strip()]


# A negation inside the matched words: "my calf isn't swollen", "jaw is not sore".
_INNER_NEGATION = re.compile(r"\b(?:not|isn't|aren't|wasn't|no longer|never|don't|doesn't|hasn't|haven't|no)\b")


KEEPS_NEGATION = "(?#keeps-negation)"  # marks a pattern whose own words say "not" ("won't heal")


def _negated(clause: str, start: int, matched: str = "", keeps: bool = False) -> bool:
    if not keeps and _INNER_NEGATION.search(matched):
        return True
    before = clause[:start].split()
    window = " ".join(before[-_NEG_WINDOW_WORDS:])
    # a comma after the negation starts a new item: "no fever, a cough" -> cough not negated
    window = window.rsplit(",", 1)[-1] if "," in window else window
    return bool(_NEGATION.search(window + " ")) if window else False


def fever_threshold_c(region: Optional[str]) -> float:
    return THRESHOLD_C.get((region or "").upper(), DEFAULT_THRESHOLD_C)


@dataclass(frozen=True)
class Reading:
    celsius: float
    written: str


def temperature_readings(text: str) -> List[Reading]:
    """Body temperatures written as numbers (°C or °F) in a message that talks about temperature."""
    found: List[Reading] = []
    for clause in clauses(text):
        if not _TEMP_CONTEXT.search(clause):
            continue
        for m in _READING.finditer(clause):
            value = float(m.group(1).replace(",", "."))
            unit = m.group(2)
            if unit == "f" or (unit is None and 93 <= value <= 110):
                celsius = (value - 32) * 5 / 9
            elif unit == "c" or (unit is None and 33 <= value <= 43):
                celsius = value
            else:
                continue
            if 30 <= celsius <= 45:
                found.append(Reading(round(celsius, 1), m.group(0).strip()))
    return found


def find_concepts(text: str, region: Optional[str] = None) -> Dict[str, str]:
    """Concepts present (and not negated) in ``text``: concept -> the words that matched."""
    norm = normalise(text)
    found: Dict[str, str] = {}
    for clause in clauses(norm):
        for name, patterns in CONCEPTS.items():
            if name in found:
                continue
            for pattern in patterns:
                hit = next(
                    (
                        m
                        for m in pattern.finditer(clause)
                        if not _negated(clause, m.start(), m.group(0), KEEPS_NEGATION in pattern.pattern)
                    ),
                    None,
                )
                if hit is not None:
                    found[name] = hit.group(0)
                    break
    threshold = fever_threshold_c(region)
    for reading in temperature_readings(norm):
        if reading.celsius >= threshold or reading.celsius < LOW_C:
            found.setdefault("fever", reading.written)
        elif reading.celsius >= RAISED_FROM_C:
            found.setdefault("raised_temperature", reading.written)
    # a more specific concept says the same as the general one
    if "severe_tiredness" in found:
        found.pop("tiredness", None)
    return found
