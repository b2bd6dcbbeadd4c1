"""The safety replies' review record: ``bot/content/reply_review.yml`` (why each reply is worded
as it is, its public sources, the file's review record) beside the replies themselves, read
from ``domain.yml`` as Rasa sends them.

This module only reads the two files for the review list (bot/content/review_items.py); the
reply path never imports it. Safety replies are always sent, reviewed or not.
"""

from __future__ import annotations

import dataclasses
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple

import yaml

from bot.safety.rules.base import STATUSES, Review, Source
from bot.settings import PROJECT_ROOT

SIDECAR_FILE = Path(__file__).resolve().parent / "reply_review.yml"
DOMAIN_FILE = PROJECT_ROOT / "domain.yml"
#: the shape of a safety rule's review record (bot/safety/rules/base.py::Review)
REVIEW_STATUSES = STATUSES
REVIEW_FIELDS = tuple(f.name for f in dataclasses.fields(Review))
CATEGORIES = ("crisis", "urgent_symptom", "medicines", "scope")
NOT_SET = "(not set)"


class ReplyReviewError(ValueError):
    """reply_review.yml is malformed or names a response domain.yml lacks."""


@dataclass(frozen=True)
class ReplyEntry:
    """One response's entry in reply_review.yml."""

    response: str
    title: str
    category: str
    rationale: str
    sources: Tuple[Source, ...]  # a public page: title (the file's 'name') and url
    sent: str
    open_questions: Tuple[str, ...]
    review: Mapping[str, Any]


@dataclass(frozen=True)
class Variant:
    """One variant of a domain response: its slot conditions and what the person gets."""

    conditions: Tuple[Tuple[str, Any], ...]  # (slot, value) in file order; value None = slot not set
    text: str
    buttons: Tuple[Tuple[str, str], ...]  # (title, payload)
    raw: Mapping[str, Any]  # the variant as written (hashed: every field counts)

    @property
    def label(self) -> str:
        """``region=UK, crisis_about=other``; ``no slot condition (the default)`` without."""
        if not self.conditions:
            return "no slot condition (the default)"
        return ", ".join(f"{name}={NOT_SET if value is None else value}" for name, value in self.conditions)


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ReplyReviewError(f"reply review: {where} must be non-empty text")
    return " ".join(value.split())


def _review(raw: Any, where: str) -> Dict[str, Any]:
    if not isinstance(raw, Mapping) or set(raw) != set(REVIEW_FIELDS):
        raise ReplyReviewError(f"reply review: {where} needs a review record with exactly {', '.join(REVIEW_FIELDS)}")
    if raw["status"] not in REVIEW_STATUSES:
        raise ReplyReviewError(f"reply review: {where} review status must be one of {', '.join(REVIEW_STATUSES)}")
    if raw["status"] != "pending" and not (str(raw["reviewer"] or "").strip() and str(raw["date"] or "").strip()):
        raise ReplyReviewError(f"reply review: {where} is {raw['status']} but names no reviewer or date")
    if not isinstance(raw["version"], int) or isinstance(raw["version"], bool) or raw["version"] < 1:
        raise ReplyReviewError(f"reply review: {where} review version must be a positive integer")
    return {k: raw[k] for k in REVIEW_FIELDS}


def _sources(raw: Any, where: str) -> Tuple[Source, ...]:
    if not isinstance(raw, list) or not raw:
        raise ReplyReviewError(f"reply review: {where} needs a list of public sources")
    out = []
    for i, source in enumerate(raw):
        if not isinstance(source, Mapping) or set(source) != {"name", "url"}:
            raise ReplyReviewError(f"reply review: {where} source {i + 1} must be {{name, url}}")
        url = _text(source["url"], f"{where} source {i + 1} url")
        if not url.startswith("https://"):
            raise ReplyReviewError(f"reply review: {where} source {i + 1} must link with https://")
        out.append(Source(_text(source["name"], f"{where} source {i + 1} name"), url))
    return tuple(dict.fromkeys(out))


def parse_sidecar(data: Any) -> Tuple[ReplyEntry, ...]:
    """The entries of a loaded reply_review.yml, validated, in file order."""
    if not isinstance(data, Mapping) or not isinstance(data.get("responses"), Mapping) or not data["responses"]:
        raise ReplyReviewError("reply review: the file needs a non-empty 'responses' mapping")
    entries = []
    for name, raw in data["responses"].items():
        where = f"responses.{name}"
        if not isinstance(name, str) or not name.startswith("utter_"):
            raise ReplyReviewError(f"reply review: {where} is not a response name (utter_...)")
        if not isinstance(raw, Mapping):
            raise ReplyReviewError(f"reply review: {where} must be a mapping")
        unknown = set(raw) - {"title", "category", "rationale", "sources", "sent", "open_questions", "review"}
        if unknown:
            raise ReplyReviewError(f"reply review: {where} has unknown fields {sorted(unknown)}")
        if raw.get("category") not in CATEGORIES:
            raise ReplyReviewError(f"reply review: {where} category must be one of {', '.join(CATEGORIES)}")
        questions = raw.get("open_questions") or []
        if not isinstance(questions, list):
            raise ReplyReviewError(f"reply review: {where} open_questions must be a list")
        entries.append(
            ReplyEntry(
                response=name,
                title=_text(raw.get("title"), f"{where} title"),
                category=raw["category"],
                rationale=_text(raw.get("rationale"), f"{where} rationale"),
                sources=_sources(raw.get("sources"), where),
                sent=_text(raw.get("sent"), f"{where} sent"),
                open_questions=tuple(_text(q, f"{where} open question") for q in questions),
                review=_review(raw.get("review"), where),
            )
        )
    return tuple(entries)


def parse_variants(name: str, raw: Any) -> Tuple[Variant, ...]:
    """Every variant of domain response ``name``, in file order."""
    if not isinstance(raw, list) or not raw:
        raise ReplyReviewError(f"reply review: domain response {name} has no variants")
    variants = []
    for i, variant in enumerate(raw):
        where = f"domain response {name} variant {i + 1}"
        if not isinstance(variant, Mapping) or not isinstance(variant.get("text"), str):
            raise ReplyReviewError(f"reply review: {where} has no text")
        conditions = []
        for condition in variant.get("condition") or []:
            if not isinstance(condition, Mapping) or condition.get("type") != "slot" or "name" not in condition:
                raise ReplyReviewError(f"reply review: {where} has a condition that is not a slot condition")
            conditions.append((str(condition["name"]), condition.get("value")))
        buttons = tuple((str(b.get("title", "")), str(b.get("payload", ""))) for b in variant.get("buttons") or [] if b)
        # as the outage path sends it (bot/channels/safety_replies.py::render); Rasa's folded
        # blocks carry no surrounding white space either
        variants.append(Variant(tuple(conditions), variant["text"].strip(), buttons, variant))
    return tuple(variants)


def _read_yaml(path: Path) -> Any:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _stamp(path: Path) -> Tuple[str, int, int]:
    st = os.stat(path)
    return (str(path), st.st_mtime_ns, st.st_size)


_lock = threading.Lock()
_cache: Dict[Tuple[Any, ...], Tuple[Tuple[ReplyEntry, Tuple[Variant, ...]], ...]] = {}


def load(
    sidecar: Optional[Path] = None, domain: Optional[Path] = None
) -> Tuple[Tuple[ReplyEntry, Tuple[Variant, ...]], ...]:
    """(entry, variants) for every response in the sidecar, in its order. Re-read when either
    file changes on disk (the console shows what a restart of Rasa would send)."""
    sidecar = Path(sidecar or SIDECAR_FILE)
    domain = Path(domain or DOMAIN_FILE)
    key = (_stamp(sidecar), _stamp(domain))
    with _lock:
        if key in _cache:
            return _cache[key]
    entries = parse_sidecar(_read_yaml(sidecar))
    responses = (_read_yaml(domain) or {}).get("responses") or {}
    missing = [e.response for e in entries if e.response not in responses]
    if missing:
        raise ReplyReviewError(f"reply review: {sidecar.name} names responses domain.yml lacks: {', '.join(missing)}")
    loaded = tuple((e, parse_variants(e.response, responses[e.response])) for e in entries)
    with _lock:
        _cache.clear()  # one version of the files at a time
        _cache[key] = loaded
    return loaded


def response_names(sidecar: Optional[Path] = None) -> List[str]:
    """The responses the sidecar lists (without reading domain.yml)."""
    return [e.response for e in parse_sidecar(_read_yaml(Path(sidecar or SIDECAR_FILE)))]
