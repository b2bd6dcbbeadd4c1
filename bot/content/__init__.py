"""Clinician-reviewable knowledge content and the code that turns it into replies.

All answers live in ``knowledge.yml`` next to this module. ``load_knowledge()``
reads and validates it once (cached); ``Knowledge.render()`` builds the text
sent to the person: the answer, a blank line, its source and the care-team line.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Dict, Mapping, Optional, Tuple, Union

import yaml

__all__ = [
    "DEFAULT_PATH",
    "ENTITY_FOR_CATEGORY",
    "INTENT_CATEGORY",
    "Knowledge",
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

_REQUIRED_FIELDS = ("title", "short", "more", "source")
_OPTIONAL_FIELDS = ("caregiver", "side_effects", "side_effects_source", "review_note")
_TOP_LEVEL_TEXT = ("care_team_line", "capabilities", "disclaimer")

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
    source: str
    caregiver: Optional[str] = None
    side_effects: Optional[str] = None
    side_effects_source: Optional[str] = None
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
    ) -> str:
        """Text to send for ``topic``: answer, blank line, "Source: ...", care-team line.

        ``aspect="side_effects"`` wins over ``detail``; ``detail=True`` gives the
        "tell me more" text; otherwise the short answer, or its caregiver
        version when ``role == "caregiver"`` and one exists.
        """
        role = role or "patient"
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}; expected one of {ROLES}")
        if aspect is not None and aspect not in ASPECTS:
            raise ValueError(f"unknown aspect {aspect!r}; expected one of {ASPECTS}")

        source = topic.source
        if aspect == "side_effects":
            if topic.side_effects:
                # Say which topic the side effects belong to: follow-ups carry it over.
                body = f"Side effects of {topic.title}: {topic.side_effects}"
                source = topic.side_effects_source or topic.source
            else:
                body = NO_SIDE_EFFECTS_TEXT
        elif detail:
            body = topic.more
        elif role == "caregiver" and topic.caregiver:
            body = topic.caregiver
        else:
            body = topic.short
        return f"{body}\n\nSource: {source}\n{self.care_team_line}"

    def _category(self, category: str) -> Mapping[str, Topic]:
        try:
            return self.topics[category]
        except KeyError:
            raise KeyError(
                f"unknown content category {category!r}; known: {', '.join(self.topics)}"
            ) from None


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
    return Knowledge(
        version=version, reviewed=reviewed, topics=MappingProxyType(topics), path=path, **texts
    )


def _parse_topic(category: str, key: str, entry: Any) -> Topic:
    """Validate one entry: required fields present and non-empty, no unknown fields."""
    name = f"topics.{category}.{key}"
    if not isinstance(entry, dict):
        raise ValueError(f"knowledge: {name} must be a mapping")
    unknown = sorted(set(entry) - set(_REQUIRED_FIELDS) - set(_OPTIONAL_FIELDS))
    if unknown:
        raise ValueError(f"knowledge: {name} has unknown field(s): {', '.join(map(str, unknown))}")
    fields = {field: _text(entry.get(field), f"{name}.{field}") for field in _REQUIRED_FIELDS}
    for field in _OPTIONAL_FIELDS:
        if field in entry:
            fields[field] = _text(entry[field], f"{name}.{field}")
    return Topic(category=category, key=key, **fields)
