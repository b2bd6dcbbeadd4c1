"""``assess``: a message (and the medicines remembered from earlier) -> triage or None.

Stateless: the caller passes what it remembers and stores what ``remember`` returns.
The medicines used are those named now plus those remembered, minus any the person
says they stopped. Rows for class ``any`` apply with no medicine; the level is the
highest of all matching rows, so a remembered medicine can only add rows, never lower
the level. A general question ("does Enhertu cause a cough?") is not triaged: it gets
the knowledge answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from bot.triage.concepts import find_concepts, normalise
from bot.triage.lexicon import classes_of, load_lexicon
from bot.triage.table import ANY, LEVELS, Row, load_table

MAX_REMEMBERED = 4
HEAD, TAIL = 3_000, 1_000  # a long message is read by its start and end (where people put what matters)
#: NLU ``treatment`` entity values (DESIGN.md contract) -> the lexicon's class-level medicine.
ENTITY_MEDICINE = {
    "chemotherapy": "chemotherapy_generic",
    "hormone_therapy": "hormone_generic",
    "immunotherapy": "immunotherapy_generic",
    "her2_targeted": "her2_generic",
    "cdk46_inhibitor": "cdk46_generic",
    "parp_inhibitor": "parp_generic",
    "bisphosphonate": "bisphosphonate_generic",
    "denosumab": "denosumab",
}


@lru_cache(maxsize=1)
def _value_of_class() -> Dict[str, str]:
    """Lexicon class -> NLU ``treatment`` value: the classes of each value's class-level medicine
    (the class shared by several, marrow_suppressing, names none)."""
    lexicon = load_lexicon()
    counts: Dict[str, int] = {}
    for medicine_id in ENTITY_MEDICINE.values():
        for cls in lexicon.get(medicine_id).classes:  # type: ignore[union-attr]
            counts[cls] = counts.get(cls, 0) + 1
    return {
        cls: value
        for value, medicine_id in ENTITY_MEDICINE.items()
        for cls in lexicon.get(medicine_id).classes  # type: ignore[union-attr]
        if counts[cls] == 1
    }


def treatment_value(medicine_id: str) -> Optional[str]:
    """The NLU ``treatment`` value (DESIGN.md contract) of a lexicon medicine, by its first class
    that names one (Enhertu -> her2_targeted, Ibrance -> cdk46_inhibitor), or None."""
    medicine = load_lexicon().get(medicine_id)
    if medicine is None:
        return None
    table = _value_of_class()
    return next((table[c] for c in medicine.classes if c in table), None)


_GENERAL_QUESTION = re.compile(
    r"^(?:what|whats|what's|why|how|which|when|is|are|does|do|can|could|will|would|should)\b"
)
# An episode the person says is over ("had a fever last month, it's gone"), with nothing
# saying it is back or happening now, is not triaged (the knowledge answer follows).
# "Gone" / "stopped" followed by what the body part became is a change, not an end: "my
# skin has gone yellow", "my legs have stopped working".
_BECAME = (
    r"(?:a bit |a little |slightly |quite |very |really |all )?"
    r"(?:yellow\w*|numb|pale|white|blue|grey|gray|red|black|dark|weak|cold|hot|swollen|stiff|worse|funny|weird|"
    r"floppy|dizzy|puffy|tight|hard|blotchy|working|moving)\b"
)
_OVER = re.compile(
    rf"\b(?:it's|it has|it is|has|have|they've|they have) (?:all )?"
    rf"(?:(?:gone|stopped)(?!\s+{_BECAME})|settled|cleared|passed|healed)\b|"
    r"\bwent away\b|\b(?:all )?better now\b|\blast (?:year|month)\b|\b(?:years|months) ago\b|\bused to (?:get|have)\b"
)
_CURRENT = re.compile(
    r"\b(?:still|again|now|today|tonight|back|worse|worsening|keeps?|this (?:morning|week|evening))\b"
)
_PERSONAL = re.compile(
    r"\b(?:i|i'm|im|i've|ive|i'd|my|me|myself|she|she's|he|he's|her|his|him|mum|mom|wife|husband|partner|we|our)\b"
)


@dataclass(frozen=True)
class Finding:
    row: Row
    medicine_id: Optional[str]
    matched: str


@dataclass(frozen=True)
class TriageResult:
    level: str
    findings: Tuple[Finding, ...]
    medicines: Tuple[str, ...]

    @property
    def escalates(self) -> bool:
        return self.level in ("emergency", "hotline")


def parse_memory(value: Optional[str]) -> List[str]:
    """Medicine ids from the ``current_medicine`` slot value ("id,id"); unknown ids dropped."""
    lexicon = load_lexicon()
    ids = [v.strip() for v in str(value or "").split(",") if v.strip()]
    return [i for i in dict.fromkeys(ids) if lexicon.get(i)]


def medicines_now(text: str, treatment_entities: Iterable[str] = ()) -> Tuple[List[str], List[str]]:
    """(named, stopped) in this message; the NLU entity stands in when no name is found."""
    named, stopped = load_lexicon().find(text)
    if not named and not stopped:
        named = [ENTITY_MEDICINE[e] for e in dict.fromkeys(treatment_entities) if e in ENTITY_MEDICINE]
    return named, stopped


def remember(text: str, remembered: Optional[str], treatment_entities: Iterable[str] = ()) -> Optional[str]:
    """The new ``current_medicine`` slot value after this message (newest first), or None."""
    named, stopped = medicines_now(text, treatment_entities)
    ids = [i for i in dict.fromkeys(named + parse_memory(remembered)) if i not in stopped]
    return ",".join(ids[:MAX_REMEMBERED]) or None


def is_over(text: str) -> bool:
    norm = normalise(text)
    return bool(_OVER.search(norm)) and not _CURRENT.search(norm)


def is_general_question(text: str) -> bool:
    norm = normalise(text)
    return bool(_GENERAL_QUESTION.search(norm)) and not _PERSONAL.search(norm)


def assess(
    text: str,
    remembered_medicine: Optional[str] = None,
    *,
    region: Optional[str] = None,
    treatment_entities: Sequence[str] = (),
) -> Optional[TriageResult]:
    """Triage for ``text``, or None when no row of the table applies."""
    if len(text or "") > HEAD + TAIL:  # chat channels cut at 4,000; REST takes any size
        text = f"{text[:HEAD]}\n{text[-TAIL:]}"
    if not text or not text.strip() or is_general_question(text) or is_over(text):
        return None
    concepts = find_concepts(text, region)
    if not concepts:
        return None
    named, stopped = medicines_now(text, treatment_entities)
    medicines = [i for i in dict.fromkeys(named + parse_memory(remembered_medicine)) if i not in stopped]
    by_class = classes_of(load_lexicon(), medicines)
    table = load_table()
    findings: List[Finding] = []
    for symptom, matched in concepts.items():
        row = table.row(ANY, symptom)
        if row is not None:
            findings.append(Finding(row, None, matched))
        for cls, ids in by_class.items():
            row = table.row(cls, symptom)
            if row is not None:
                findings.append(Finding(row, ids[0], matched))
    if not findings:
        return None
    findings.sort(key=lambda f: -f.row.rank)
    level = LEVELS[findings[0].row.rank]
    used = tuple(dict.fromkeys(f.medicine_id for f in findings if f.medicine_id))
    return TriageResult(level, tuple(findings), used)
