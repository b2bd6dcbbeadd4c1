"""A semantic second reader for safety: nearest neighbours in the sentence encoder's space.

The rule-based detector reads words; DIET reads the training data. Both miss calm,
indirect phrasings that mean the same as a crisis example ("I've sorted out who gets
the dog and written my letters") and both fire on factual questions that merely contain
an alarming word. This reader compares the message's all-MiniLM-L6-v2 sentence
embedding (set on the message by :mod:`bot.nlu.minilm_featurizer`) with every training
example of ``crisis``, of ``urgent_symptom`` and of every other intent ("neither"), and
scores each class by the mean similarity of its ``top_k`` closest examples.

It only annotates the message (property ``semantic_safety``, not in the parse output);
:mod:`bot.safety.component` decides. Its two uses there (bench/safety/NOTES.md):

* **catch**: nothing fired, but the message sits clearly among crisis (or urgent)
  examples -> ``crisis`` with ``crisis_basis: model``, whose reply asks directly whether
  the person is thinking of ending their life (PHQ-9 item 9 practice), or
  ``urgent_symptom`` with the general red-flag advice;
* **veto**: only the classifier said crisis (no detector rule, no benign reason), it was
  unsure (confidence below VETO_ONLY_BELOW_CONFIDENCE) and the message sits among ordinary
  examples by VETO_MARGIN -> the classifier's alarm is overruled. A model-only urgent alarm is
  never vetoed (every setting tried lost true red flags).

Stateless at run time (arrays in the model), so it works with the database down.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from typing import Any, Dict, List, Optional, Text

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.minilm_featurizer import SENTENCE_EMBEDDING, get_encoder

logger = logging.getLogger(__name__)

SEMANTIC_SAFETY = "semantic_safety"
CRISIS, URGENT, NEITHER = "crisis", "urgent_symptom", "neither"
CLASSES = (CRISIS, URGENT, NEITHER)


#: Decision thresholds, chosen on heldout1-8 (bench/safety/semantic_tune.py); a class
#: must score at least CATCH_* and lead "neither" by its *_MARGIN to raise an alarm the
#: rules and the model missed; a model-only alarm is overruled when "neither" leads both
#: crisis by VETO_MARGIN (and never when a detector rule fired, see ``veto``).
#: Measured 2026-12-06 on heldout + heldout1-8 (2,237 texts), model without the reader:
#: crisis 95.4 % -> 96.4 %, urgent 97.6 % -> 98.2 %, ordinary answered as alarm 10.8 % ->
#: 11.9 %. Every veto margin tried (0.05-0.15) lost crisis recall, so the veto was off.
#: 2026-12-07 (session 15), on every labelled dev text (8,976: held-out sets 1-17 and the NLU
#: sets): 338 crisis answers rested on the classifier alone, 235 true and 103 ordinary. Gated
#: on the classifier's own doubt (confidence < 0.7) a crisis veto at margin 0.05 drops 22 of the
#: 103 and none of the 235 (0.03: 29 / 0; 0.0: 36 / 2; no gate: 42 / 30); the safer 0.05 is kept.
CATCH_CRISIS = 0.60
CRISIS_MARGIN = 0.0
CATCH_URGENT = 0.70
URGENT_MARGIN = 0.10
VETO_MARGIN: Optional[float] = 0.05
VETO_ONLY_BELOW_CONFIDENCE = 0.7
#: A catch needs the classifier to be unsure of its own (ordinary) intent: "bye, mum needs
#: her tablets" (goodbye at 0.87) is not overruled by a weak crisis reading. Measured on the
#: same sets: crisis 96.3 -> 96.2 %, false alarms 12.0 -> 11.5 %.
CATCH_ONLY_BELOW_CONFIDENCE = 0.7


@dataclass(frozen=True)
class SemanticReading:
    """Class scores (mean of the top-k cosine similarities) and the winning class."""

    crisis: float
    urgent: float
    neither: float

    @property
    def label(self) -> str:
        scores = {CRISIS: self.crisis, URGENT: self.urgent, NEITHER: self.neither}
        return max(scores, key=scores.get)  # type: ignore[arg-type]

    def catch(self) -> Optional[str]:
        """``crisis`` / ``urgent_symptom`` when the message sits clearly among those examples."""
        if self.crisis >= CATCH_CRISIS and self.crisis - self.neither >= CRISIS_MARGIN:
            return CRISIS
        if self.urgent >= CATCH_URGENT and self.urgent - self.neither >= URGENT_MARGIN:
            return URGENT
        return None

    def veto(self) -> bool:
        """True when the message sits among ordinary examples rather than crisis ones by VETO_MARGIN."""
        return VETO_MARGIN is not None and self.neither - self.crisis >= VETO_MARGIN

    def as_dict(self) -> Dict[str, float]:
        return {k: round(v, 4) for k, v in asdict(self).items()}


def _class_of(intent: Optional[str]) -> str:
    if intent == CRISIS:
        return CRISIS
    if intent == URGENT:
        return URGENT
    return NEITHER


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class SemanticSafetyReader(GraphComponent):
    """Annotates each message with its nearest-neighbour safety reading."""

    FILENAME = "semantic_safety.npz"

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"top_k": 3, "model_path": None, "max_length": 64}

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        vectors: Optional[Dict[str, np.ndarray]] = None,
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._storage = model_storage
        self._resource = resource
        self.vectors: Dict[str, np.ndarray] = vectors or {}

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SemanticSafetyReader":
        return cls(config, model_storage, resource)

    def _encoder(self):
        return get_encoder(self._config["model_path"], self._config["max_length"])

    def train(self, training_data: TrainingData) -> Resource:
        texts: Dict[str, List[str]] = {c: [] for c in CLASSES}
        for example in training_data.intent_examples:
            text = example.get(TEXT)
            if isinstance(text, str) and text.strip():
                texts[_class_of(example.get(INTENT))].append(text)
        self.vectors = {c: self._encoder().embed(t).astype(np.float32) for c, t in texts.items() if t}
        with self._storage.write_to(self._resource) as folder:
            np.savez_compressed(folder / self.FILENAME, **self.vectors)
            (folder / "semantic_safety.json").write_text(json.dumps({c: len(t) for c, t in texts.items()}))
        logger.info("SemanticSafetyReader: %s exemplars", {c: len(t) for c, t in texts.items()})
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "SemanticSafetyReader":
        try:
            with model_storage.read_from(resource) as folder:
                data = np.load(folder / cls.FILENAME)
                vectors = {c: data[c] for c in data.files}
        except (ValueError, OSError):
            logger.warning("SemanticSafetyReader: no trained exemplars; reading nothing")
            return cls(config, model_storage, resource)
        return cls(config, model_storage, resource, vectors)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def read(self, vector: np.ndarray) -> Optional[SemanticReading]:
        if not all(c in self.vectors and len(self.vectors[c]) for c in CLASSES):
            return None
        vector = np.asarray(vector, np.float32).reshape(-1)
        k = max(1, int(self._config["top_k"]))
        scores = {}
        for c in CLASSES:
            sims = self.vectors[c] @ vector
            top = np.partition(sims, -k)[-k:] if len(sims) > k else sims
            scores[c] = float(np.mean(top))
        return SemanticReading(scores[CRISIS], scores[URGENT], scores[NEITHER])

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or not text.strip() or text.startswith("/"):
                continue
            vector = message.get(SENTENCE_EMBEDDING)
            if vector is None:
                vector = self._encoder().embed([text])[0]
            reading = self.read(vector)
            if reading is not None:
                message.set(SEMANTIC_SAFETY, reading)
        return messages
