"""What a clinician reviews: every knowledge entry (as people see it) and every safety rule.

An item's version is the SHA-256 of exactly the text a person sees -- for a knowledge
entry, every reply ``Knowledge.render`` can produce from it (patient and caregiver,
short answer, "tell me more", side effects, per region where the wording differs) and
its title (menu buttons), so any edit to the answer, its title, its sources or the
care-team line changes the hash. A safety
rule has no reply of its own: its version is the hash of its catalogue entry (pattern,
rationale, sources, examples), everything but the review record itself. A safety reply (a
fixed response in domain.yml listed in bot/content/reply_review.yml) shows every variant of
the response as the person gets it, with its slot conditions; its version covers every
variant as written (text, conditions, buttons), its rationale and its sources. Safety replies
are always sent: their review record is for clinicians, the serving gate never reads it.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import inspect
import json
import logging
import re
import threading
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Tuple

from bot.content import Knowledge, Topic, load_knowledge

logger = logging.getLogger(__name__)

KNOWLEDGE_PREFIX = "knowledge:"
RULE_PREFIX = "rule:"
REPLY_PREFIX = "reply:"
KINDS = ("knowledge", "rule", "reply")
ITEM_ID = re.compile(r"^(?:knowledge|rule|reply):[A-Za-z0-9_.:-]{1,140}$")
REGIONS = ("US", "UK", "CA", "AU", "EU")
#: Topic fields people see as sources; fields never shown to people (staff only).
PUBLIC_SOURCE_FIELDS = ("sources", "source", "side_effects_sources", "side_effects_source")
STAFF_FIELDS = ("provenance", "side_effects_provenance", "internal_sources", "review_note", "review")
#: Every way one entry can be rendered: (view key, render keyword arguments).
VIEWS: Tuple[Tuple[str, Dict[str, Any]], ...] = (
    ("patient/short", {"role": "patient"}),
    ("caregiver/short", {"role": "caregiver"}),
    ("patient/more", {"role": "patient", "detail": True}),
    ("caregiver/more", {"role": "caregiver", "detail": True}),
    ("patient/side_effects", {"role": "patient", "aspect": "side_effects"}),
    ("caregiver/side_effects", {"role": "caregiver", "aspect": "side_effects"}),
)


@dataclass(frozen=True)
class View:
    """One text exactly as a person sees it."""

    key: str  # e.g. "caregiver/short" or "patient/short@UK"
    role: str
    label: str
    text: str


@dataclass(frozen=True)
class ReviewItem:
    """A reviewable item and the version (hash) of its current text."""

    item_id: str
    kind: str  # "knowledge" | "rule" | "reply"
    category: str
    title: str
    views: Tuple[View, ...]
    public_sources: Tuple[Tuple[str, str], ...]  # (name, url or "")
    staff_notes: Tuple[Tuple[str, str], ...]
    text_hash: str
    #: the review record the file itself carries (a rule's ``review`` field, a reply's entry
    #: in reply_review.yml), if any
    file_review: Optional[Mapping[str, Any]] = None


def text_hash(parts: Iterable[Tuple[str, str]]) -> str:
    """SHA-256 (hex) of (key, text) pairs, order kept: moving text between views counts."""
    canonical = json.dumps([[k, t] for k, t in parts], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def knowledge_item_id(topic: Topic) -> str:
    return f"{KNOWLEDGE_PREFIX}{topic.category}.{topic.key}"


# --- knowledge entries ---------------------------------------------------------------------


def _render_variants(knowledge: Knowledge, topic: Topic, kwargs: Dict[str, Any]) -> List[Tuple[str, str]]:
    """(region suffix, text) for one view; one entry when every region reads the same."""
    takes_region = "region" in inspect.signature(knowledge.render).parameters
    if not takes_region:
        return [("", knowledge.render(topic, **kwargs))]
    texts = [(region, knowledge.render(topic, region=region, **kwargs)) for region in REGIONS]
    if len({t for _, t in texts}) == 1:
        return [("", texts[0][1])]
    return [(f"@{region}", text) for region, text in texts]


def person_views(knowledge: Knowledge, topic: Topic) -> Tuple[View, ...]:
    """Every reply the entry gives, rendered by the same code the action uses."""
    views = []
    for key, kwargs in VIEWS:
        if kwargs.get("aspect") == "side_effects" and not getattr(topic, "side_effects", None):
            continue  # the generic "no side-effect details" text is not this entry's
        role = kwargs["role"]
        what = {"short": "answer", "more": '"tell me more"', "side_effects": "side effects"}[key.split("/")[1]]
        for suffix, text in _render_variants(knowledge, topic, kwargs):
            region = f" ({suffix[1:]})" if suffix else ""
            views.append(View(key=key + suffix, role=role, label=f"{role.capitalize()}: {what}{region}", text=text))
    return tuple(views)


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        name = value.get("name") or value.get("title") or ""
        url = value.get("url") or ""
        if name or url:
            return f"{name} {url}".strip() if name != url else str(url)
        return json.dumps(dict(value), ensure_ascii=False, default=str)
    if dataclasses.is_dataclass(value):
        return _as_text(dataclasses.asdict(value))
    if isinstance(value, (list, tuple)):
        return "; ".join(_as_text(v) for v in value)
    return str(value)


_URL = re.compile(r"https?://\S+")


def _source_pair(value: Any) -> Tuple[str, str]:
    """(name, url) of a public source given as an object, a mapping or a string."""
    name = (_rule_field(value, "name") or _rule_field(value, "title")) if not isinstance(value, str) else None
    url = _rule_field(value, "url") if not isinstance(value, str) else None
    if name or url:
        return str(name or url), str(url or "")
    text = _as_text(value)
    found = _URL.search(text)
    return text, found.group(0).rstrip(").,;") if found else ""


def _sources(obj: Any, names: Iterable[str]) -> Tuple[Tuple[str, str], ...]:
    pairs = []
    for name in names:
        value = _rule_field(obj, name)
        if not value:
            continue
        pairs.extend(_source_pair(v) for v in (value if isinstance(value, (list, tuple)) else [value]))
    return tuple(dict.fromkeys(pairs))


def _field_texts(obj: Any, names: Iterable[str]) -> List[Tuple[str, str]]:
    out = []
    for name in names:
        value = getattr(obj, name, None)
        if value in (None, "", (), []):
            continue
        if isinstance(value, (list, tuple)):
            out.extend((name, _as_text(v)) for v in value)
        else:
            out.append((name, _as_text(value)))
    return out


def knowledge_item(knowledge: Knowledge, topic: Topic) -> ReviewItem:
    views = person_views(knowledge, topic)
    return ReviewItem(
        item_id=knowledge_item_id(topic),
        kind="knowledge",
        category=topic.category,
        title=topic.title,
        views=views,
        public_sources=_sources(topic, PUBLIC_SOURCE_FIELDS),
        staff_notes=tuple(_field_texts(topic, STAFF_FIELDS)),
        # the title is shown too (topic menu buttons, "Side effects of <title>")
        text_hash=text_hash([("title", topic.title)] + [(v.key, v.text) for v in views]),
    )


# Items and hashes are computed once per loaded knowledge object (load_knowledge caches
# it, and it is immutable): rendering every view of every entry takes ~0.1 s.
_cache_lock = threading.Lock()
_cache: Dict[str, Any] = {"knowledge": None, "items": None, "hashes": {}}


def _cached(knowledge: Knowledge) -> Dict[str, Any]:
    if _cache["knowledge"] is not knowledge:
        _cache.update(knowledge=knowledge, items=None, hashes={})
    return _cache


def knowledge_items(knowledge: Optional[Knowledge] = None) -> List[ReviewItem]:
    knowledge = knowledge or load_knowledge()
    with _cache_lock:
        cache = _cached(knowledge)
        if cache["items"] is None:
            cache["items"] = tuple(
                knowledge_item(knowledge, knowledge.topic(c, k))
                for c in knowledge.categories()
                for k in knowledge.keys(c)
            )
            cache["hashes"] = {i.item_id: i.text_hash for i in cache["items"]}
        return list(cache["items"])


def current_hash(knowledge: Knowledge, topic: Topic) -> str:
    """The entry's version (for the serving gate), computed once per knowledge object."""
    item_id = knowledge_item_id(topic)
    with _cache_lock:
        hashes = _cached(knowledge)["hashes"]
        if item_id not in hashes:
            hashes[item_id] = knowledge_item(knowledge, topic).text_hash
        return hashes[item_id]


# --- safety rules (bot.safety.rules.catalogue(), when that catalogue exists) ---------------

_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def _plain(value: Any) -> Any:
    """A JSON-able copy of a catalogue entry: patterns as their source, callables dropped,
    no memory addresses (the hash must be the same in every process)."""
    if isinstance(value, re.Pattern):
        return value.pattern
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items() if not callable(v)}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(v) for v in value if not callable(v)]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    pattern = getattr(value, "pattern", None)
    if isinstance(pattern, str):
        return pattern
    return _ADDRESS.sub("", str(value))


def _rule_field(rule: Any, name: str, default: Any = None) -> Any:
    if isinstance(rule, Mapping):
        return rule.get(name, default)
    return getattr(rule, name, default)


def rule_item(rule: Any) -> ReviewItem:
    data = _plain(rule)
    if not isinstance(data, dict) or not data.get("id"):
        raise ValueError(f"safety rule without an id: {rule!r:.200}")
    review = data.pop("review", None)
    data.pop("file", None)  # where the rule lives is not what it does: moving it needs no new sign-off
    body = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
    rationale = _rule_field(rule, "rationale") or ""
    views = (View(key="rule", role="staff", label="Rule (as the detector applies it)", text=body),)
    return ReviewItem(
        item_id=f"{RULE_PREFIX}{data['id']}",
        kind="rule",
        category=str(data.get("category") or ""),
        title=str(rationale)[:120] or str(data["id"]),
        views=views,
        public_sources=_sources(rule, ("sources",)),
        staff_notes=(),
        text_hash=text_hash((v.key, v.text) for v in views),
        file_review=review if isinstance(review, dict) else ({"note": review} if review else None),
    )


def load_rule_catalogue() -> Optional[Callable[[], Iterable[Any]]]:
    """``bot.safety.rules.catalogue`` if the rule catalogue exists yet, else None."""
    try:
        from bot.safety import rules  # type: ignore[attr-defined]
    except ImportError:
        return None
    return getattr(rules, "catalogue", None)


@functools.lru_cache(maxsize=1)
def _rule_items() -> Tuple[ReviewItem, ...]:
    # The catalogue is code: it only changes with a restart.
    catalogue = load_rule_catalogue()
    return tuple(rule_item(rule) for rule in catalogue()) if catalogue is not None else ()


def rule_items() -> List[ReviewItem]:
    return list(_rule_items())


# --- safety replies (domain.yml responses listed in bot/content/reply_review.yml) -----------


def reply_item(entry: Any, variants: Iterable[Any]) -> ReviewItem:
    """The review item of one safety reply (``entry`` and ``variants`` from
    bot.content.reply_review): one view per variant, exactly the text the person gets, labelled
    with its slot conditions; a variant with buttons adds a view of the button titles."""
    variants = tuple(variants)
    views: List[View] = []
    seen: Dict[str, int] = {}
    for variant in variants:
        label = variant.label
        key = "&".join(f"{n}={'null' if v is None else v}" for n, v in variant.conditions) or "default"
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:  # two variants with the same conditions (Rasa picks one at random)
            key = f"{key}#{seen[key]}"
        views.append(View(key=key, role="person", label=label, text=variant.text))
        if variant.buttons:
            views.append(
                View(
                    key=f"{key}/buttons",
                    role="person",
                    label=f"{label}: buttons",
                    text="\n".join(title for title, _ in variant.buttons),
                )
            )
    written = json.dumps([_plain(dict(v.raw)) for v in variants], ensure_ascii=False, sort_keys=True)
    sources = _sources(entry, ("sources",))
    parts = [(v.key, v.text) for v in views] + [("variants", written), ("rationale", entry.rationale)]
    parts += [("source", f"{name} {url}") for name, url in sources]
    return ReviewItem(
        item_id=f"{REPLY_PREFIX}{entry.response}",
        kind="reply",
        category=entry.category,
        title=entry.title,
        views=tuple(views),
        public_sources=sources,
        # staff only; the rationale counts in the version (above), where it is sent and the open
        # questions do not
        staff_notes=(("rationale", entry.rationale), ("where it is sent", entry.sent))
        + tuple(("open question", q) for q in entry.open_questions),
        text_hash=text_hash(parts),
        file_review=dict(entry.review),
    )


def reply_items(sidecar: Optional[Any] = None, domain: Optional[Any] = None) -> List[ReviewItem]:
    """Every safety reply in reply_review.yml order (re-read when it or domain.yml changes)."""
    from bot.content import reply_review

    return [reply_item(entry, variants) for entry, variants in reply_review.load(sidecar, domain)]


def all_items(knowledge: Optional[Knowledge] = None) -> List[ReviewItem]:
    """Knowledge entries in file order, then safety rules in catalogue order, then safety
    replies in reply_review.yml order."""
    return knowledge_items(knowledge) + rule_items() + reply_items()
