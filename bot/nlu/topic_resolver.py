"""Topics resolved by meaning: every knowledge question carries a contract topic value.

Runs after DIET, the synonym mapper and the fallback classifier. For the topic entities
of the NLU contract (``symptom``, ``biopsy_step``, ``test``, ``treatment``, ``resource``):

1. an extracted value that is a topic key of ``bot/content/knowledge.yml`` is kept;
2. a fragment ("ache", "hips", "keep") is looked up in the synonym table (lower-cased,
   punctuation stripped); if that does not give a topic key it is dropped, so a value
   outside the contract never reaches the parse result or the slots;
3. when the intent is a knowledge question (``ask_*``), the surface forms of its topic
   entity (synonyms and annotated spans, e.g. "fulvestrant" -> hormone_therapy) are looked
   for in the message as whole words and every topic found is added (DIET often finds
   only the first of two medicines); for treatments, so are the medicines of the side-effect
   triage's lexicon, misspellings included (:func:`medicine_matches`);
4. when still no valid value of its topic entity is there, the message's sentence embedding (all-MiniLM-L6-v2, from
   :mod:`bot.nlu.minilm_featurizer`) is compared with exemplars of every topic of that
   category: the training examples annotated with the topic, its synonyms and its
   knowledge title. Category-level questions of the training data ("what treatments are
   there") are exemplars too: when they are closest, no topic is meant. The best topic is
   added only when it is close enough *and* clearly ahead of the runner-up; otherwise no topic is set and the assistant offers the
   category's topic menu instead of guessing (actions/content.py).

Thresholds were chosen on tests/nlu_holdout.yml and data/nlu (bench/nlu/REPORT.md), not on
the blind sets.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any, Dict, List, Optional, Sequence, Text, Tuple

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.content import ENTITY_FOR_CATEGORY, INTENT_CATEGORY, load_knowledge
from bot.nlu.minilm_featurizer import SENTENCE_EMBEDDING, get_encoder
from bot.triage.engine import treatment_value
from bot.triage.lexicon import load_lexicon

logger = logging.getLogger(__name__)

EXTRACTOR_NAME = "TopicResolver"
#: Message property (not in the parse output): for a crisis or urgent intent, {intent: topic entities}
#: for the intent the safety component puts in its place if it overrules the alarm -- the best-ranked
#: one that is neither an alarm nor a fallback (bot/safety/component.py::overrule_false_alarm).
OVERRULE_TOPICS = "topics_if_overruled"
SAFETY_INTENTS = ("crisis", "urgent_symptom")
#: never what an overruled alarm becomes (the component reads it from here)
NOT_AN_ANSWER = ("nlu_fallback",)
GENERAL = "general"  # exemplars of category-level questions: closest means "no one topic"
_PUNCT = re.compile(r"[^\w\s'-]+")
# Where one question turns to a second thing: punctuation and joining words.
# (a full stop between digits is part of a number: "ca 27.29")
_CLAUSE_BREAK = re.compile(
    r"[,;:?!&+/]+|\.(?!\d)|\b(?:and|also|plus|or|but|as well as|along with|with)\b", re.IGNORECASE
)
_WORD = re.compile(r"[^\W\d_]{3,}")
# A clause that points back at what the question is already about ("..., is that because of
# the marrow", "... and why is it an injection") says more about that topic, not a second one.
_BACK_REFERENCE = re.compile(
    r"^\s*(?:and |so |but |or )?(?:why |how |where |when |what |who )?(?:is|was|are|were|does|do|did|can|could|will|"
    r"would|should|has|have|might|may)?\s*(?:that|it|this|its|it's)\b",
    re.IGNORECASE,
)
# Nothing said that could name a second topic ("with my mum", "and her").
_FILLER = frozenset(
    "the and for with that this what why how when where who does can could will would should have has had "
    "was are were her his their them they she you your our its it's any some all just also really very much "
    "mum mom dad wife husband partner daughter son sister brother mother father mine".split()
)


def _content_words(clause: str) -> List[str]:
    return [w for w in _WORD.findall(clause.lower()) if w not in _FILLER]


# A clause that only asks what causes what the message describes ("..., is that because of the
# marrow thing", "which one is from the marrow", "are both of those from the cancer") names no
# second topic; placed on its own it lands on whatever topic sits nearest to "marrow" (dev set M).
_CAUSE_WORDS = frozenset(
    "because cause caused causing due down related linked from marrow cancer cancers mets disease spread thing "
    "things both one ones those these which either sign signs part normal bone bones breast doing making "
    "behind reason illness tumour tumours".split()
)


def _cause_only(clause: str) -> bool:
    """True for a clause that asks only where something comes from."""
    words = _content_words(clause)
    return bool(words) and all(w in _CAUSE_WORDS for w in words)


def _follow_up(clause: str) -> bool:
    """True for a clause that cannot name a second topic: a back-reference or no content word."""
    return bool(_BACK_REFERENCE.match(clause)) or not _content_words(clause)


MEDICINE_ENTITY = "treatment"
CHEMOTHERAPY = "chemotherapy"
# "is Enhertu a chemo", "is palbociclib a type of chemo", "t-dxd?? is that a chemo or something
# else": the question is what the named medicine is, so its own topic answers it; chemotherapy
# is the class asked about, not a second topic (blind sets E and G, read after their measurement).
_CLASS_AFTER = re.compile(
    r"\W*(?P<own_is>(?:is|isn't|is not)\s+(?:that|it|this|she|he)\s+)?(?:a\s+|an\s+|classed as\s+|considered\s+|counted as\s+|"
    r"the same as\s+|just\s+|still\s+)*(?:(?:type|kind|form|sort) of\s+)?(?:chemo|chemotherapy)\b",
    re.IGNORECASE,
)
_CLASS_BEFORE = re.compile(r"\b(?:is|isn't|is not|are|was)\s+(?:\w+\s+)?$", re.IGNORECASE)


def asks_if_chemo(text: str, start: int, end: int) -> bool:
    """True when the medicine at text[start:end] is asked about as being a chemo or not."""
    after = _CLASS_AFTER.match(text, end)
    if after is None:
        return False
    # "X? is that a chemo" carries its own "is"; "is X a chemo" has it before the medicine
    return bool(after.group("own_is")) or bool(_CLASS_BEFORE.search(text[max(0, start - 30) : start]))


def medicine_matches(text: Any) -> List[Tuple[str, Tuple[int, int]]]:
    """(treatment value, span) for each specific medicine the side-effect triage's lexicon
    (bot/triage/medicines.yml: brands, generics, common misspellings, one typing slip in a long
    name) finds in ``text``: "is palbocyclib a chemo" names a CDK4/6 inhibitor even though no
    training line spells it so. Class words ("chemo") are left to the synonym lexicon."""
    if not isinstance(text, str) or not text:
        return []
    lower = text.lower()
    found: List[Tuple[str, Tuple[int, int]]] = []
    for medicine_id, words in load_lexicon().mentions(text):
        value = None if medicine_id.endswith("_generic") else treatment_value(medicine_id)
        if value is None:
            continue
        start = lower.find(words)
        found.append((value, (start, start + len(words)) if start >= 0 else (0, 0)))
    return found


def allowed_topics() -> Dict[str, Tuple[str, ...]]:
    """Topic entity -> the values it may carry: the topic keys of its category."""
    knowledge = load_knowledge()
    allowed: Dict[str, Tuple[str, ...]] = {}
    for category, entity in ENTITY_FOR_CATEGORY.items():
        if entity:
            keys = [k for k in knowledge.topics.get(category, {}) if k != "general"]
            allowed[entity] = tuple(sorted(keys))
    return allowed


def _topic_entity(entity: str, value: str, start: int, end: int, confidence: float) -> Dict[str, Any]:
    return {
        "entity": entity,
        "value": value,
        "start": start,
        "end": end,
        "confidence_entity": confidence,
        "extractor": EXTRACTOR_NAME,
    }


def _norm(text: str) -> str:
    return " ".join(_PUNCT.sub(" ", str(text).lower()).split())


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True)
class TopicResolver(GraphComponent):
    """Keeps topic entities to contract values and fills them by meaning when missing."""

    FILENAME = "topic_exemplars.npz"
    META = "topic_resolver.json"

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            # Cosine similarity the topic's score (mean of its `top_k` closest exemplars)
            # must reach.
            "min_similarity": 0.40,
            "top_k": 2,
            # ... and how far ahead of the best exemplar of any other topic it must be.
            "min_margin": 0.03,
            # Surface forms shorter than this are not looked for in the message text
            # (too easily part of other words).
            "min_lexicon_chars": 4,
            # ... except these acronyms, which are whole test names ("an mri or a ct", "a pet
            # next week"): without them a second scan named in two letters was lost (dev set M).
            "short_lexicon_surfaces": ["mri", "ct", "pet", "cbc", "fbc", "cea", "ngs"],
            # A question about two things ("pale and washed out", "the ca 27.29 and the
            # mri"): each clause that holds no topic found so far is placed on its own,
            # with a stricter bar than the whole message (a clause is short and vaguer).
            # 0.60 since session 18: on every read NLU set but Q and R (2,096 topic questions, landed
            # model) entity value accuracy 0.9375 at 0.50, 0.9408 at 0.55, 0.9418 at 0.60, 0.9413 at
            # 0.65, 0.9389 at 0.70 (a second topic guessed for "what do those numbers even measure?").
            "clause_min_similarity": 0.60,
            "clause_min_margin": 0.05,
            # When the message already has a topic, a clause that only points back at it
            # ("..., is that because of the marrow", "and why is it an injection") or says
            # nothing that could name one ("with my mum") is not placed: it said more about
            # the same topic (dev NLU sets, 664 questions: 613 -> 619 right, none lost;
            # bench/nlu/REPORT.md, session 13).
            "clause_found_follow_ups": True,
            # A clause of one content word ("drip or tablet", "or the treatment") must be
            # nearly a topic's own name.
            "clause_one_word_similarity": 0.70,
            # Pipeline node name or folder of the encoder (None = the verified cache).
            "model_path": None,
            "max_length": 64,
        }

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        vectors: Optional[np.ndarray] = None,
        labels: Optional[Sequence[Tuple[str, str]]] = None,
        synonyms: Optional[Dict[str, str]] = None,
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._storage = model_storage
        self._resource = resource
        self.allowed = allowed_topics()
        self.vectors = vectors if vectors is not None else np.zeros((0, 384), np.float32)
        self.labels: List[Tuple[str, str]] = [tuple(label) for label in (labels or [])]  # type: ignore[misc]
        self.synonyms: Dict[str, str] = dict(synonyms or {})
        #: topic key -> its entity (keys are unique across categories)
        self.entity_of: Dict[str, str] = {v: e for e, values in self.allowed.items() for v in values}
        self._index_exemplars()

    def _index_exemplars(self) -> None:
        """Derived once per model, not per message: each entity's exemplar vectors with
        their topics, and the compiled lexicon."""
        self._exemplars: Dict[str, Tuple[np.ndarray, List[str]]] = {}
        for entity in self.allowed:
            rows = [i for i, label in enumerate(self.labels) if label[0] == entity]
            if rows:
                self._exemplars[entity] = (self.vectors[rows], [self.labels[i][1] for i in rows])
        self._patterns = self._compile_lexicon()

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "TopicResolver":
        return cls(config, model_storage, resource)

    # ------------------------------------------------------------------ training
    def train(self, training_data: TrainingData) -> Resource:
        """Collect exemplars per (entity, topic) and embed them."""
        texts: List[str] = []
        labels: List[Tuple[str, str]] = []
        synonyms: Dict[str, str] = {}
        for surface, value in training_data.entity_synonyms.items():
            if value in self.entity_of:
                synonyms[_norm(surface)] = value
        for example in training_data.intent_examples:
            category = INTENT_CATEGORY.get(example.get(INTENT) or "")
            entity = ENTITY_FOR_CATEGORY.get(category or "")
            if not entity:
                continue
            values = {
                str(e.get("value"))
                for e in example.get(ENTITIES) or []
                if e.get("entity") == entity and str(e.get("value")) in self.allowed[entity]
            }
            if len(values) == 1:
                texts.append(example.get(TEXT))
                labels.append((entity, values.pop()))
            elif not any(e.get("entity") == entity for e in example.get(ENTITIES) or []):
                # a question about the whole category ("what treatments are there"): if
                # these are closest, no single topic is meant
                texts.append(example.get(TEXT))
                labels.append((entity, GENERAL))
            for e in example.get(ENTITIES) or []:
                if e.get("entity") == entity and str(e.get("value")) in self.allowed[entity]:
                    surface = example.get(TEXT)[e["start"] : e["end"]]
                    synonyms.setdefault(_norm(surface), str(e.get("value")))
        knowledge = load_knowledge()
        for category, entity in ENTITY_FOR_CATEGORY.items():
            if not entity:
                continue
            texts.append(knowledge.topics[category][GENERAL].title)
            labels.append((entity, GENERAL))
            for key in self.allowed[entity]:
                title = knowledge.topics[category][key].title
                texts.append(title)
                labels.append((entity, key))
                synonyms.setdefault(_norm(key.replace("_", " ")), key)
        for surface, value in synonyms.items():
            texts.append(surface)
            labels.append((self.entity_of[value], value))
        encoder = get_encoder(self._config["model_path"], self._config["max_length"])
        self.vectors = encoder.embed(texts).astype(np.float32)
        self.labels = labels
        self.synonyms = synonyms
        self._index_exemplars()
        with self._storage.write_to(self._resource) as folder:
            np.savez_compressed(folder / self.FILENAME, vectors=self.vectors)
            (folder / self.META).write_text(json.dumps({"labels": labels, "synonyms": synonyms}))
        logger.info("TopicResolver: %d exemplars for %d topics", len(labels), len(set(labels)))
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "TopicResolver":
        try:
            with model_storage.read_from(resource) as folder:
                vectors = np.load(folder / cls.FILENAME)["vectors"]
                meta = json.loads((folder / cls.META).read_text())
        except (ValueError, OSError):
            logger.warning("TopicResolver: no trained exemplars; only filtering values")
            return cls(config, model_storage, resource)
        return cls(config, model_storage, resource, vectors, meta["labels"], meta["synonyms"])

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    # ----------------------------------------------------------------- inference
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._resolve(message)
        return messages

    def _resolve(self, message: Message) -> None:
        entities = list(message.get(ENTITIES) or [])
        kept = [e for e in (self._normalise(e) for e in entities) if e is not None]
        intent = (message.get(INTENT) or {}).get("name") or ""
        entity = ENTITY_FOR_CATEGORY.get(INTENT_CATEGORY.get(intent) or "")
        if entity:
            kept = self._with_topics(message, entity, kept)
        elif intent in SAFETY_INTENTS:
            # The safety component may overrule this alarm for the best ordinary intent ("what's the point
            # of zoledronic acid drips if it doesn't kill the cancer", classified crisis, blind set R): the
            # topics that intent would carry are kept aside for it (not in the parse output).
            message.set(OVERRULE_TOPICS, self._topics_if_overruled(message, kept))
        if kept != entities:
            message.set(ENTITIES, kept, add_to_output=True)

    def _with_topics(self, message: Message, entity: str, kept: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """``kept`` plus the topics of ``entity`` the message names or means (steps 3 and 4)."""
        kept = list(kept)
        have = {str(e.get("value")) for e in kept if e.get("entity") == entity}
        found = self.lexicon_matches(message.get(TEXT), entity)
        if entity == MEDICINE_ENTITY:
            found += medicine_matches(message.get(TEXT))
        for value, (start, end) in found:
            if value not in have:
                have.add(value)
                kept.append(_topic_entity(entity, value, start, end, 1.0))
        clause_topics = self.clause_topics(message.get(TEXT), entity, kept)
        if not any(e.get("entity") == entity for e in kept) and not clause_topics:
            nearest = self.nearest(message, entity)
            if nearest:
                value, score = nearest
                kept.append(_topic_entity(entity, value, 0, 0, round(float(score), 4)))
        have = {str(e.get("value")) for e in kept if e.get("entity") == entity}
        for value, score, (start, end) in clause_topics:
            if value not in have:
                have.add(value)
                kept.append(_topic_entity(entity, value, start, end, round(float(score), 4)))
        if entity == MEDICINE_ENTITY:
            kept = self._without_asked_class(message.get(TEXT), kept)
        return kept

    def _topics_if_overruled(self, message: Message, kept: List[Dict[str, Any]]) -> Dict[str, List[Dict[str, Any]]]:
        """{intent: topic entities} for the intent that would replace the alarm, when it is a
        knowledge question; nothing is worked out for the intents that could never replace it."""
        ranked = message.get(INTENT_RANKING_KEY) or []
        name = next((r.get("name") for r in ranked if r.get("name") not in SAFETY_INTENTS + NOT_AN_ANSWER), None)
        entity = ENTITY_FOR_CATEGORY.get(INTENT_CATEGORY.get(name or "") or "")
        if not name or not entity:
            return {}
        return {name: [e for e in self._with_topics(message, entity, kept) if e.get("entity") == entity]}

    @staticmethod
    def _without_asked_class(text: Any, kept: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """Drops chemotherapy when it is only the class a named medicine is asked to be in."""
        if not isinstance(text, str):
            return kept
        treatments = [e for e in kept if e.get("entity") == MEDICINE_ENTITY]
        named = [
            e
            for e in treatments
            if e.get("value") != CHEMOTHERAPY and int(e.get("end") or 0) > int(e.get("start") or 0)
        ]
        if not any(e.get("value") == CHEMOTHERAPY for e in treatments) or not any(
            asks_if_chemo(text, int(e["start"]), int(e["end"])) for e in named
        ):
            return kept
        return [e for e in kept if not (e.get("entity") == MEDICINE_ENTITY and e.get("value") == CHEMOTHERAPY)]

    def _normalise(self, ent: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        """The entity with a contract value, or None when it has none."""
        name = ent.get("entity")
        if name not in self.allowed:
            return ent
        value = str(ent.get("value"))
        if value in self.allowed[name]:
            return ent
        mapped = self.synonyms.get(_norm(value))
        if mapped in self.allowed[name]:
            return {**ent, "value": mapped, "processors": [*(ent.get("processors") or []), EXTRACTOR_NAME]}
        return None

    def lexicon_matches(self, text: Any, entity: str) -> List[Tuple[str, Tuple[int, int]]]:
        """(topic, span) for each known surface form of ``entity`` found as whole words."""
        if not isinstance(text, str) or not text:
            return []
        pattern = self._patterns.get(entity)
        if pattern is None:
            return []
        found: List[Tuple[str, Tuple[int, int]]] = []
        for match in pattern.finditer(text.lower()):
            value = self.synonyms.get(_norm(match.group(0)))
            if value in self.allowed.get(entity, ()):
                found.append((value, match.span()))
        return found

    def _compile_lexicon(self) -> Dict[str, "re.Pattern[str]"]:
        by_entity: Dict[str, List[str]] = {}
        short_ok = set(self._config["short_lexicon_surfaces"])
        for surface, value in self.synonyms.items():
            long_enough = len(surface) >= int(self._config["min_lexicon_chars"]) or surface in short_ok
            if long_enough and value in self.entity_of:
                by_entity.setdefault(self.entity_of[value], []).append(surface)
        patterns = {}
        for entity, surfaces in by_entity.items():
            # longest first, so "bone marrow biopsy" wins over "biopsy"
            # surfaces are stored normalised ("ca 27.29" -> "ca 27 29"): a space in one
            # stands for any run of punctuation and spaces in the message
            alternatives = "|".join(
                r"[^\w'-]+".join(re.escape(w) for w in s.split()) for s in sorted(surfaces, key=len, reverse=True)
            )
            patterns[entity] = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
        return patterns

    def clause_topics(
        self, text: Any, entity: str, found: Sequence[Dict[str, Any]]
    ) -> List[Tuple[str, float, Tuple[int, int]]]:
        """(topic, similarity, span) for each clause of a two-part question that holds no
        topic found so far and is clearly about one topic of ``entity``.

        Only messages of two or more clauses are split; a clause counts when it has a
        word of three letters or more. Encodes the uncovered clauses (one batch)."""
        if entity not in self._exemplars or not isinstance(text, str) or len(text) > 500:
            return []
        clauses: List[Tuple[int, int]] = []
        start = 0
        for brk in _CLAUSE_BREAK.finditer(text):
            clauses.append((start, brk.start()))
            start = brk.end()
        clauses.append((start, len(text)))
        clauses = [(a, b) for a, b in clauses if _WORD.search(text[a:b])]
        if len(clauses) < 2:
            return []
        covered = [
            (int(e.get("start") or 0), int(e.get("end") or 0))
            for e in found
            if e.get("entity") == entity and (e.get("end") or 0) > (e.get("start") or 0)
        ]
        open_clauses = [(a, b) for a, b in clauses if not any(s < b and e > a for s, e in covered)]
        if covered and self._config["clause_found_follow_ups"]:
            open_clauses = [(a, b) for a, b in open_clauses if not _follow_up(text[a:b])]
        open_clauses = [(a, b) for a, b in open_clauses if not _cause_only(text[a:b])]
        if not open_clauses:
            return []
        encoder = get_encoder(self._config["model_path"], self._config["max_length"])
        vectors = encoder.embed([text[a:b].strip() for a, b in open_clauses])
        topics = []
        for (a, b), vector in zip(open_clauses, vectors):
            one_word = len(_content_words(text[a:b])) <= 1
            bar = self._config["clause_one_word_similarity" if one_word else "clause_min_similarity"]
            placed = self._place(vector, entity, float(bar), float(self._config["clause_min_margin"]))
            if placed:
                topics.append((placed[0], placed[1], (a, b)))
        return topics

    def nearest(self, message: Message, entity: str) -> Optional[Tuple[str, float]]:
        """(topic, similarity) of the closest exemplar of ``entity``, if it is clear."""
        if entity not in self._exemplars:
            return None
        vector = message.get(SENTENCE_EMBEDDING)
        if vector is None:
            text = message.get(TEXT)
            if not isinstance(text, str) or not text.strip():
                return None
            vector = get_encoder(self._config["model_path"], self._config["max_length"]).embed([text])[0]
        return self._place(vector, entity, float(self._config["min_similarity"]), float(self._config["min_margin"]))

    def _place(self, vector: Any, entity: str, min_similarity: float, min_margin: float) -> Optional[Tuple[str, float]]:
        """The topic of ``entity`` closest to ``vector``, if close enough and clearly ahead."""
        vectors, values = self._exemplars[entity]
        scores = vectors @ np.asarray(vector, np.float32).reshape(-1)
        per_topic: Dict[str, List[float]] = {}
        for value, score in zip(values, scores):
            per_topic.setdefault(value, []).append(float(score))
        k = max(1, int(self._config["top_k"]))
        # the mean of a topic's k closest exemplars: one stray exemplar cannot win alone
        best = {v: float(np.mean(sorted(s)[-k:])) for v, s in per_topic.items()}
        ranked = sorted(best.items(), key=lambda kv: kv[1], reverse=True)
        top_value, top = ranked[0]
        runner = ranked[1][1] if len(ranked) > 1 else -1.0
        if top_value == GENERAL:
            return None
        if top >= min_similarity and top - runner >= min_margin:
            return top_value, top
        return None
