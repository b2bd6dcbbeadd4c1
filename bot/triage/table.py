"""The triage table (``table.yml``): treatment class x symptom concept -> level, the
words shown, public sources and the clinician's review record. Validated on load."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Dict, Mapping, Optional, Tuple
from urllib.parse import urlparse

import yaml

from bot.triage.concepts import LABELS
from bot.triage.lexicon import load_lexicon

TABLE_PATH = Path(__file__).with_name("table.yml")
#: Ascending urgency; the index is the rank.
LEVELS = ("next_visit", "hotline", "emergency")
ANY = "any"
REVIEW_STATUSES = ("draft", "reviewed", "returned")
PLACEHOLDERS = {"name", "fever_threshold"}
#: Public sources a row may cite (named organisations, not internal documents).
PUBLIC_SOURCE_HOSTS = (
    "fda.gov",
    "dailymed.nlm.nih.gov",
    "cancer.gov",
    "nice.org.uk",
    "nhs.uk",
    "cancer.org",
    "macmillan.org.uk",
    "cancerresearchuk.org",
    "breastcancernow.org",
)
# Words that would make a row dosing advice; the table must never contain them.
DOSING = re.compile(
    r"\b\d+\s*(?:mg|mcg|ml|g|milligrams?|tablets?|pills?|capsules?)\b|\bdoses?\b|\bdosing\b|"
    r"\b(?:stop|skip|halve|double) (?:taking|your|the)\b",
    re.I,
)


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class Review:
    status: str
    reviewer: Optional[str]
    date: str
    version: int


@dataclass(frozen=True)
class Row:
    cls: str
    symptom: str
    level: str
    says: str
    sources: Tuple[Source, ...]
    review: Review
    # a hotline row whose words say "call the hotline now" (clinical-safety.md lists the sign as
    # "call the hotline now"): promoted to urgent_symptom like an emergency row (bot/triage/nlu_router.py)
    now: bool = False

    @property
    def id(self) -> str:
        return f"{self.cls}.{self.symptom}"

    @property
    def rank(self) -> int:
        return LEVELS.index(self.level)


@dataclass(frozen=True, eq=False)
class Table:
    version: int
    rows: Mapping[Tuple[str, str], Row]

    def row(self, cls: str, symptom: str) -> Optional[Row]:
        return self.rows.get((cls, symptom))


def _source(raw, where: str) -> Source:
    if not isinstance(raw, dict) or not all(isinstance(raw.get(k), str) and raw[k].strip() for k in ("title", "url")):
        raise ValueError(f"triage: {where} source needs a title and a url")
    url = urlparse(raw["url"])
    host = url.hostname or ""
    if url.scheme != "https" or not any(host == h or host.endswith("." + h) for h in PUBLIC_SOURCE_HOSTS):
        raise ValueError(f"triage: {where} source {raw['url']!r} is not a public https source")
    return Source(raw["title"].strip(), raw["url"].strip())


def _review(raw, where: str) -> Review:
    if not isinstance(raw, dict) or raw.get("status") not in REVIEW_STATUSES:
        raise ValueError(f"triage: {where} needs a review record with status in {REVIEW_STATUSES}")
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValueError(f"triage: {where} review version must be a positive integer")
    try:
        date.fromisoformat(str(raw.get("date")))
    except ValueError:
        raise ValueError(f"triage: {where} review date must be YYYY-MM-DD") from None
    reviewer = raw.get("reviewer")
    if raw["status"] != "draft" and not (isinstance(reviewer, str) and reviewer.strip()):
        raise ValueError(f"triage: {where} is {raw['status']} but names no reviewer")
    return Review(raw["status"], reviewer, str(raw["date"]), version)


def _row(raw, classes) -> Row:
    if not isinstance(raw, dict):
        raise ValueError("triage: every row must be a mapping")
    cls, symptom, level, says = raw.get("class"), raw.get("symptom"), raw.get("level"), raw.get("says")
    where = f"row {cls}.{symptom}"
    if cls != ANY and cls not in classes:
        raise ValueError(f"triage: {where}: unknown class")
    if symptom not in LABELS:
        raise ValueError(f"triage: {where}: unknown symptom concept")
    if level not in LEVELS:
        raise ValueError(f"triage: {where}: level must be one of {LEVELS}")
    if not isinstance(says, str) or not says.strip():
        raise ValueError(f"triage: {where}: 'says' is empty")
    fields = {f for _, f, _, _ in string.Formatter().parse(says) if f}
    if fields - PLACEHOLDERS or (cls == ANY and "name" in fields):
        raise ValueError(f"triage: {where}: unknown or unusable placeholder(s) {sorted(fields)}")
    if DOSING.search(says):
        raise ValueError(f"triage: {where}: reads like dosing advice")
    sources = raw.get("sources")
    if not isinstance(sources, list) or not sources:
        raise ValueError(f"triage: {where}: at least one public source is required")
    now = raw.get("now", False)
    if not isinstance(now, bool) or (now and (level != "hotline" or "hotline now" not in says.lower())):
        raise ValueError(f"triage: {where}: 'now' is only for a hotline row that says to call the hotline now")
    return Row(
        str(cls),
        symptom,
        level,
        " ".join(says.split()),
        tuple(_source(s, where) for s in sources),
        _review(raw.get("review"), where),
        now,
    )


def parse_table(data, classes) -> Table:
    """Validate the raw YAML of table.yml against the lexicon's classes."""
    if not isinstance(data, dict) or not isinstance(data.get("version"), int):
        raise ValueError("triage: a mapping with an integer 'version' is required")
    rows: Dict[Tuple[str, str], Row] = {}
    for raw in data.get("rows") or []:
        row = _row(raw, classes)
        if (row.cls, row.symptom) in rows:
            raise ValueError(f"triage: duplicate row {row.id}")
        rows[(row.cls, row.symptom)] = row
    if not rows:
        raise ValueError("triage: no rows")
    return Table(data["version"], rows)


@lru_cache(maxsize=4)
def load_table(path: Optional[str] = None) -> Table:
    with open(path or TABLE_PATH, encoding="utf-8") as handle:
        return parse_table(yaml.safe_load(handle), load_lexicon().classes)
