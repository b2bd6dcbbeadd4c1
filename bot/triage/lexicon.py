"""Medicine lexicon: which medicines a message names (brand, generic, misspelling).

Loaded from ``medicines.yml`` next to this module and validated. A name counts on word
boundaries; a longer name wins over a shorter one inside it ("trastuzumab deruxtecan"
is Enhertu, not Herceptin). Single-word names of 7+ letters also match one typing slip
(one letter added, dropped, changed or two swapped). A name after "stopped", "no
longer", "came off" ... is reported as stopped, so it is forgotten rather than used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

import yaml

from bot.triage.concepts import normalise

LEXICON_PATH = Path(__file__).with_name("medicines.yml")
FUZZY_MIN_LEN = 7
_STOPPED_BEFORE = re.compile(
    r"\b(?:stopped|stopping|quit|finished|no longer (?:on|taking|having)|not (?:on|taking|having) (?:the )?|"
    r"came off|come off|coming off|taken off|used to (?:be on|take|have)|off)\s*(?:the |my |her |his )?$"
)
_STOPPED_AFTER = re.compile(
    r"^\s*(?:was |has been |got |have been |were )?(?:stopped|finished|discontinued)\b|^\s*any ?more\b"
)


@dataclass(frozen=True)
class Medicine:
    id: str
    display: str
    names: Tuple[str, ...]
    classes: Tuple[str, ...]


@dataclass(frozen=True, eq=False)
class Lexicon:
    version: int
    classes: Mapping[str, str]
    medicines: Mapping[str, Medicine]

    def get(self, medicine_id: str) -> Optional[Medicine]:
        return self.medicines.get(medicine_id)

    def mentions(self, text: str) -> List[Tuple[str, str]]:
        """(medicine id, the words as matched) for each medicine named in ``text``, stopped or
        not, typing slips included ("palbocyclib" -> palbociclib). The words are lower case."""
        norm = normalise(text)
        return [(medicine_id, norm[start:end]) for start, end, medicine_id in _matches(self, norm)]

    def find(self, text: str) -> Tuple[List[str], List[str]]:
        """(named, stopped): medicine ids named in ``text``, in order, and those said to be stopped."""
        norm = normalise(text)
        named: List[str] = []
        stopped: List[str] = []
        for start, end, medicine_id in _matches(self, norm):
            is_stopped = bool(_STOPPED_BEFORE.search(norm[max(0, start - 40) : start])) or bool(
                _STOPPED_AFTER.search(norm[end : end + 30])
            )
            target = stopped if is_stopped else named
            if medicine_id not in target:
                target.append(medicine_id)
        named = [m for m in named if m not in stopped]
        return named, stopped


def _name_pattern(name: str) -> str:
    parts = [re.escape(p) for p in re.split(r"[\s-]+", name.strip().lower()) if p]
    return r"[\s-]*".join(parts)


def _matches(lexicon: Lexicon, norm: str) -> List[Tuple[int, int, str]]:
    regex, by_name, single = _compiled(lexicon)
    spans: List[Tuple[int, int, str]] = []
    for m in regex.finditer(norm):
        key = re.sub(r"[\s-]+", " ", m.group(0)).strip()
        spans.append((m.start(), m.end(), by_name[key]))
    taken = [(s, e) for s, e, _ in spans]
    for m in re.finditer(r"[a-z][a-z-]{%d,}" % (FUZZY_MIN_LEN - 1), norm):
        if any(s <= m.start() < e for s, e in taken):
            continue
        word = m.group(0)
        for name, medicine_id in single:
            if abs(len(name) - len(word)) <= 1 and _within_one_edit(word, name):
                spans.append((m.start(), m.end(), medicine_id))
                break
    return sorted(spans)


@lru_cache(maxsize=4)
def _compiled(lexicon: Lexicon):
    by_name: Dict[str, str] = {}
    for medicine in lexicon.medicines.values():
        for name in medicine.names:
            by_name[re.sub(r"[\s-]+", " ", name.lower()).strip()] = medicine.id
    ordered = sorted(by_name, key=len, reverse=True)
    regex = re.compile(r"(?<![\w/-])(?:" + "|".join(_name_pattern(n) for n in ordered) + r")(?![\w/-])")
    single = tuple((n, by_name[n]) for n in ordered if " " not in n and "-" not in n and len(n) >= FUZZY_MIN_LEN)
    return regex, by_name, single


def _within_one_edit(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance <= 1 (optimal string alignment)."""
    if a == b:
        return True
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if len(long_) - len(short) != 1:
        return False
    i = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
    return short[i:] == long_[i + 1 :]


def _strings(value, where: str) -> Tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"medicines: {where} must be a non-empty list of strings")
    return tuple(v.strip() for v in value)


def parse_lexicon(data) -> Lexicon:
    """Validate the raw YAML of medicines.yml."""
    if not isinstance(data, dict) or not isinstance(data.get("version"), int):
        raise ValueError("medicines: a mapping with an integer 'version' is required")
    classes = data.get("classes")
    if not isinstance(classes, dict) or not classes:
        raise ValueError("medicines: 'classes' must be a non-empty mapping")
    medicines: Dict[str, Medicine] = {}
    seen: Dict[str, str] = {}
    for medicine_id, entry in (data.get("medicines") or {}).items():
        if not isinstance(entry, dict) or not isinstance(entry.get("display"), str):
            raise ValueError(f"medicines: {medicine_id} needs a display name")
        names = _strings(entry.get("names"), f"{medicine_id}.names")
        own = _strings(entry.get("classes"), f"{medicine_id}.classes")
        unknown = sorted(set(own) - set(classes))
        if unknown:
            raise ValueError(f"medicines: {medicine_id} has unknown class(es) {unknown}")
        for name in names:
            key = re.sub(r"[\s-]+", " ", name.lower()).strip()
            if key in seen and seen[key] != medicine_id:
                raise ValueError(f"medicines: name {name!r} belongs to {seen[key]} and {medicine_id}")
            seen[key] = medicine_id
        medicines[str(medicine_id)] = Medicine(str(medicine_id), entry["display"].strip(), names, own)
    if not medicines:
        raise ValueError("medicines: no medicines")
    return Lexicon(data["version"], dict(classes), medicines)


@lru_cache(maxsize=4)
def load_lexicon(path: Optional[str] = None) -> Lexicon:
    with open(path or LEXICON_PATH, encoding="utf-8") as handle:
        return parse_lexicon(yaml.safe_load(handle))


def classes_of(lexicon: Lexicon, medicine_ids: Sequence[str]) -> Dict[str, List[str]]:
    """class -> the medicines (in order) that belong to it."""
    out: Dict[str, List[str]] = {}
    for medicine_id in medicine_ids:
        medicine = lexicon.get(medicine_id)
        for cls in medicine.classes if medicine else ():
            out.setdefault(cls, []).append(medicine_id)
    return out
