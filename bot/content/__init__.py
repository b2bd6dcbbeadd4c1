"""Clinician-reviewable knowledge content and the code that turns it into replies.

All answers live in ``knowledge.yml`` next to this module. ``load_knowledge()``
reads and validates it once (cached); ``Knowledge.render()`` builds the text
sent to the person: the answer, a blank line, its named public sources with links
(bot/content/sources.py) and the care-team line. Internal provenance
(``provenance``, ``side_effects_provenance``, ``review_note``) is for staff and the
clinician's review sheet and is never rendered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Dict, Mapping, Optional, Tuple, Union

import yaml

from bot.content.sources import PublicSource, resolve

__all__ = [
    "DEFAULT_PATH",
    "ENTITY_FOR_CATEGORY",
    "INTENT_CATEGORY",
    "Knowledge",
    "PLACEHOLDERS",
    "Topic",
    "load_knowledge",
]

DEFAULT_PATH = Path(__file__).with_name("knowledge.yml")

#: NLU intent -> content category (NLU contract in DESIGN.md).
INTENT_CATEGORY: Dict[str, str] = {
    "ask_about_condition": "condition",
    "ask_symptom": "symptom",
    "ask_biopsy": "biopsy",
    "ask_diagnosis": "test",
    "ask_treatment": "treatment",
    "ask_support": "support",
}

#: Content category -> the entity whose value selects the topic (None: no entity).
ENTITY_FOR_CATEGORY: Dict[str, Optional[str]] = {
    "symptom": "symptom",
    "biopsy": "biopsy_step",
    "test": "test",
    "treatment": "treatment",
    "support": "resource",
    "condition": None,
}

GENERAL = "general"
ROLES = ("patient", "caregiver")
ASPECTS = ("side_effects",)

_REQUIRED_TEXT = ("title", "short", "more")
_OPTIONAL_TEXT = ("caregiver", "side_effects", "provenance", "side_effects_provenance", "review_note")
_SOURCE_LISTS = ("sources", "side_effects_sources")
#: Older names of the staff-only provenance fields, still read (never shown).
_LEGACY = {"source": "provenance", "side_effects_source": "side_effects_provenance"}
_TOP_LEVEL_TEXT = ("care_team_line", "capabilities", "disclaimer")
_REPLY_FIELDS = ("short", "more", "caregiver", "side_effects")

DEFAULT_REGION = "US"
#: Region-dependent wording: ``{name}`` in a reply text -> {region: text}, "*" for any other.
#: Fever: 38.0 °C / 100.4 °F in US guidance and NICE; many UK acute-oncology hotlines act
#: at 37.5 °C (clinical-safety.md, "Thresholds that vary"). The texts add "or the
#: temperature your team gave you".
PLACEHOLDERS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "fever": MappingProxyType({"UK": "37.5 °C", "*": "38.0 °C (100.4 °F)"}),
    }
)
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")

NO_SIDE_EFFECTS_TEXT = (
    "I don't have side-effect details for that. Your care team or pharmacist "
    "can tell you what to expect and what to watch for."
)


@dataclass(frozen=True)
class Topic:
    """One answer: a (category, key) entry of knowledge.yml."""

    category: str
    key: str
    title: str
    short: str
    more: str
    sources: Tuple[PublicSource, ...]
    caregiver: Optional[str] = None
    side_effects: Optional[str] = None
    side_effects_sources: Tuple[PublicSource, ...] = ()
    # Staff-only: where the text came from and what the reviewing clinician should check.
    provenance: Optional[str] = None
    side_effects_provenance: Optional[str] = None
    review_note: Optional[str] = None

    @property
    def name(self) -> str:
        """``category.key``, used in error messages and logs."""
        return f"{self.category}.{self.key}"


@dataclass(frozen=True)
class Knowledge:
    """The validated knowledge base."""

    version: int
    reviewed: str
    care_team_line: str
    capabilities: str
    disclaimer: str
    topics: Mapping[str, Mapping[str, Topic]]
    path: Optional[str] = None

    def categories(self) -> Tuple[str, ...]:
        """All content categories, in file order."""
        return tuple(self.topics)

    def keys(self, category: str) -> Tuple[str, ...]:
        """Topic keys of one category, in file order."""
        return tuple(self._category(category))

    def topic(self, category: str, key: Optional[str] = None) -> Topic:
        """The topic for ``key``; the category's "general" topic when key is None or unknown."""
        entries = self._category(category)
        if key is not None:
            found = entries.get(str(key).strip().lower())
            if found is not None:
                return found
        return entries[GENERAL]

    def render(
        self,
        topic: Topic,
        role: Optional[str] = "patient",
        detail: bool = False,
        aspect: Optional[str] = None,
        region: Optional[str] = None,
    ) -> str:
        """Text to send for ``topic``: answer, blank line, "Source: ..." (public names and
        links), care-team line. See ``body`` for which answer text is chosen."""
        body = self.body(topic, role=role, detail=detail, aspect=aspect, region=region)
        # One source a line: links followed by ";" or "," get mangled by some chat clients.
        cited = "\n".join(s.cite() for s in self.public_sources(topic, aspect=aspect))
        return f"{body}\n\nSource: {cited}\n{self.care_team_line}"

    def body(
        self,
        topic: Topic,
        role: Optional[str] = "patient",
        detail: bool = False,
        aspect: Optional[str] = None,
        region: Optional[str] = None,
    ) -> str:
        """The answer text alone, with region wording filled in.

        ``aspect="side_effects"`` wins over ``detail``; ``detail=True`` gives the
        "tell me more" text; otherwise the short answer, or its caregiver
        version when ``role == "caregiver"`` and one exists. ``region`` (US, UK,
        CA, AU, EU; None: the US wording) picks region-dependent wording such as
        the fever threshold.
        """
        role = role or "patient"
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}; expected one of {ROLES}")
        if aspect is not None and aspect not in ASPECTS:
            raise ValueError(f"unknown aspect {aspect!r}; expected one of {ASPECTS}")
        if aspect == "side_effects":
            if not topic.side_effects:
                return NO_SIDE_EFFECTS_TEXT
            # Say which topic the side effects belong to: follow-ups carry it over.
            text = f"Side effects of {topic.title}: {topic.side_effects}"
        elif detail:
            text = topic.more
        elif role == "caregiver" and topic.caregiver:
            text = topic.caregiver
        else:
            text = topic.short
        return fill_region(text, region)

    @staticmethod
    def public_sources(topic: Topic, aspect: Optional[str] = None) -> Tuple[PublicSource, ...]:
        """The public sources shown with an answer (side effects: their own, when listed)."""
        if aspect == "side_effects" and topic.side_effects and topic.side_effects_sources:
            return topic.side_effects_sources
        return topic.sources

    def _category(self, category: str) -> Mapping[str, Topic]:
        try:
            return self.topics[category]
        except KeyError:
            raise KeyError(f"unknown content category {category!r}; known: {', '.join(self.topics)}") from None


def fill_region(text: str, region: Optional[str]) -> str:
    """Replace ``{placeholder}`` wording with the text for ``region`` (unknown: the default)."""
    region = (region or DEFAULT_REGION).upper()

    def one(match: "re.Match[str]") -> str:
        choices = PLACEHOLDERS[match.group(1)]
        return choices.get(region, choices["*"])

    return _PLACEHOLDER.sub(one, text)


def load_knowledge(path: Union[str, Path, None] = None) -> Knowledge:
    """Load and validate knowledge.yml (default: next to this module); cached per path."""
    resolved = Path(path).resolve() if path is not None else DEFAULT_PATH.resolve()
    return _load_cached(str(resolved))


@lru_cache(maxsize=8)
def _load_cached(path: str) -> Knowledge:
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return _parse(data, path)


def _text(value: Any, where: str) -> str:
    """A non-empty string with surrounding whitespace removed, or ValueError naming ``where``."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"knowledge: {where} must be a non-empty string")
    return value.strip()


def _parse(data: Any, path: str) -> Knowledge:
    """Validate the raw YAML and build a Knowledge object."""
    if not isinstance(data, dict):
        raise ValueError(f"knowledge: {path} must contain a mapping at the top level")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ValueError("knowledge: 'version' must be an integer")
    texts = {name: _text(data.get(name), name) for name in _TOP_LEVEL_TEXT}
    reviewed = _text(data.get("reviewed"), "reviewed")

    raw_topics = data.get("topics")
    if not isinstance(raw_topics, dict) or not raw_topics:
        raise ValueError("knowledge: 'topics' must be a non-empty mapping")
    missing = sorted(set(INTENT_CATEGORY.values()) - set(raw_topics))
    if missing:
        raise ValueError(f"knowledge: missing topic categories: {', '.join(missing)}")

    topics: Dict[str, Mapping[str, Topic]] = {}
    for category, entries in raw_topics.items():
        if not isinstance(entries, dict) or not entries:
            raise ValueError(f"knowledge: topics.{category} must be a non-empty mapping")
        if GENERAL not in entries:
            raise ValueError(f"knowledge: topics.{category} has no '{GENERAL}' entry")
        topics[str(category)] = MappingProxyType(
            {str(key): _parse_topic(str(category), str(key), entry) for key, entry in entries.items()}
        )
    # Read-only views: the loaded object is cached and shared by every caller.
    return Knowledge(version=version, reviewed=reviewed, topics=MappingProxyType(topics), path=path, **texts)


def _sources(value: Any, where: str) -> Tuple[PublicSource, ...]:
    """A non-empty list of known public-source ids, resolved; ValueError naming ``where``."""
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ValueError(f"knowledge: {where} must be a non-empty list of source ids (bot/content/sources.py)")
    try:
        return resolve(value)
    except KeyError as exc:
        raise ValueError(f"knowledge: {where}: {exc.args[0]}") from None


def _parse_topic(category: str, key: str, entry: Any) -> Topic:
    """Validate one entry: required fields present and non-empty, no unknown fields,
    known public sources and placeholders."""
    name = f"topics.{category}.{key}"
    if not isinstance(entry, dict):
        raise ValueError(f"knowledge: {name} must be a mapping")
    known = set(_REQUIRED_TEXT) | set(_OPTIONAL_TEXT) | set(_SOURCE_LISTS) | set(_LEGACY)
    unknown = sorted(set(map(str, entry)) - known)
    if unknown:
        raise ValueError(f"knowledge: {name} has unknown field(s): {', '.join(unknown)}")
    fields: Dict[str, Any] = {field: _text(entry.get(field), f"{name}.{field}") for field in _REQUIRED_TEXT}
    for field in _OPTIONAL_TEXT:
        if field in entry:
            fields[field] = _text(entry[field], f"{name}.{field}")
    for old, new in _LEGACY.items():
        if old in entry and new not in entry:
            fields[new] = _text(entry[old], f"{name}.{old}")
    fields["sources"] = _sources(entry.get("sources"), f"{name}.sources")
    if "side_effects_sources" in entry:
        fields["side_effects_sources"] = _sources(entry["side_effects_sources"], f"{name}.side_effects_sources")
    for field in _REPLY_FIELDS:
        for placeholder in _PLACEHOLDER.findall(fields.get(field) or ""):
            if placeholder not in PLACEHOLDERS:
                raise ValueError(f"knowledge: {name}.{field} uses unknown placeholder {{{placeholder}}}")
    return Topic(category=category, key=key, **fields)
