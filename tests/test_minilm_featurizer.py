"""bot/nlu/minilm_featurizer.py: offline loading, semantics, feature shapes, robustness.

The encoder is part of the shipped pipeline: ``make setup`` installs transformers and
the verified weights (bot/nlu/encoder_install.py), so nothing here is skipped. Timing is
measured in bench/, never here.
"""

from __future__ import annotations

import os
import socket

import numpy as np
import pytest
from rasa.nlu.constants import TOKENS_NAMES  # noqa: E402
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer  # noqa: E402
from rasa.shared.nlu.constants import (  # noqa: E402
    FEATURE_TYPE_SENTENCE,
    FEATURE_TYPE_SEQUENCE,
    INTENT,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message  # noqa: E402
from rasa.shared.nlu.training_data.training_data import TrainingData  # noqa: E402

from bot.nlu import minilm_featurizer as mf  # noqa: E402

DIM = mf.EMBEDDING_DIM


@pytest.fixture(scope="module")
def encoder():
    """A fresh encoder built with every network connection refused."""
    real_connect = socket.socket.connect

    def refuse(self, address):  # pragma: no cover - only runs if something phones home
        raise AssertionError(f"network access while loading MiniLM: {address!r}")

    socket.socket.connect = refuse
    try:
        enc = mf.MiniLMEncoder(mf.find_model_dir(), max_length=64)
    finally:
        socket.socket.connect = real_connect
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert os.environ["TRANSFORMERS_OFFLINE"] == "1"
    return enc


@pytest.fixture(scope="module")
def featurizer():
    return mf.MiniLMFeaturizer({**mf.MiniLMFeaturizer.get_default_config()}, "MiniLMFeaturizer")


@pytest.fixture(scope="module")
def tokenizer():
    return WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())


def _features(message: Message, kind: str):
    found = [f for f in message.features if f.type == kind and f.attribute == TEXT and f.origin == "MiniLMFeaturizer"]
    assert len(found) == 1, f"expected one {kind} feature, got {len(found)}"
    return found[0].features


def test_model_folder_is_the_verified_cache_copy():
    from bot.nlu import encoder_install

    path = mf.find_model_dir()
    assert path == encoder_install.default_dir()
    assert encoder_install.is_installed(path)
    for name in ("config.json", "model.safetensors", "tokenizer.json", "vocab.txt"):
        assert (path / name).is_file()


def test_an_unverified_default_folder_is_refused(tmp_path, monkeypatch):
    """A folder without the installer's stamp (e.g. copied by hand) is not loaded."""
    import shutil

    from rasa.shared.exceptions import InvalidConfigException

    from bot.nlu import encoder_install

    for name in encoder_install.MODEL_FILES:
        shutil.copy(encoder_install.default_dir() / name, tmp_path / name)
    monkeypatch.setenv("COMPANION_ENCODER_DIR", str(tmp_path))
    with pytest.raises(InvalidConfigException, match="encoder_install"):
        mf.find_model_dir()


def test_missing_model_folder_is_a_clear_error(tmp_path):
    from rasa.shared.exceptions import InvalidConfigException

    with pytest.raises(InvalidConfigException, match="missing"):
        mf.find_model_dir(str(tmp_path))


def test_torch_is_not_needed(encoder):
    import sys

    assert "torch" not in sys.modules
    assert encoder.tokenizer.is_fast


def test_embeddings_are_unit_length_384(encoder):
    emb = encoder.embed(["does the biopsy hurt", "hello", "I'm scared all the time"])
    assert emb.shape == (3, DIM)
    assert emb.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(emb, axis=1), 1.0, atol=1e-4)


@pytest.mark.parametrize(
    "anchor, similar, unrelated",
    [
        ("I want to end my life", "I keep thinking about killing myself", "what does palbociclib do"),
        ("does the bone marrow biopsy hurt", "is the marrow sample procedure painful", "goodbye, talk tomorrow"),
        ("I can't stop being frightened", "I'm scared all the time", "what is CA 15-3"),
        (
            "my mum has a high fever after chemo",
            "temperature of 39 during chemotherapy",
            "is there a support group near me",
        ),
    ],
)
def test_similar_sentences_are_closer_than_unrelated(encoder, anchor, similar, unrelated):
    a, s, u = encoder.embed([anchor, similar, unrelated])
    assert float(a @ s) > float(a @ u) + 0.1


def test_one_trace_for_any_batch_size_and_length(encoder):
    encoder.embed(["one"])
    encoder.embed(["two", "three and a much longer sentence about bone pain", "four"])
    encoder.embed([f"sentence number {i} " * i for i in range(40)], batch_size=16)
    encoder.embed(["word " * 500])
    assert encoder._forward.experimental_get_tracing_count() == 1


def test_batching_and_padding_do_not_change_the_embedding(encoder):
    texts = [f"question {i} about bone pain" + " and fatigue" * i for i in range(7)]
    together = encoder.embed(texts, batch_size=32)
    apart = np.concatenate([encoder.embed([t]) for t in texts])
    np.testing.assert_allclose(together, apart, atol=1e-4)


def test_process_adds_sentence_and_sequence_features(featurizer, tokenizer):
    message = Message(data={TEXT: "Why do I bruise so easily?"})
    tokenizer.process([message])
    featurizer.process([message])
    n_tokens = len(message.get(TOKENS_NAMES[TEXT]))
    assert _features(message, FEATURE_TYPE_SENTENCE).shape == (1, DIM)
    sequence = _features(message, FEATURE_TYPE_SEQUENCE)
    assert sequence.shape == (n_tokens, DIM)
    assert np.abs(sequence).sum(axis=1).min() > 0  # every token got its pieces
    dense_seq, dense_sent = message.get_dense_features(TEXT, ["MiniLMFeaturizer"])
    assert dense_sent.features.shape == (1, DIM)
    assert dense_seq.features.shape == (n_tokens, DIM)


def test_process_training_data_featurizes_every_example(featurizer, tokenizer):
    examples = [
        Message(data={TEXT: text, INTENT: intent})
        for text, intent in [
            ("what does stage 4 mean", "ask_about_condition"),
            ("is there a group for people like me", "ask_support"),
            ("hi", "greet"),
        ]
        * 15  # more than one batch
    ]
    data = TrainingData(training_examples=examples)
    tokenizer.process_training_data(data)
    featurizer.process_training_data(data)
    for message in data.training_examples:
        assert _features(message, FEATURE_TYPE_SENTENCE).shape == (1, DIM)
        n_tokens = len(message.get(TOKENS_NAMES[TEXT]))
        assert _features(message, FEATURE_TYPE_SEQUENCE).shape == (n_tokens, DIM)
    # the same text gets the same features in a batch and alone
    alone = Message(data={TEXT: "what does stage 4 mean"})
    tokenizer.process([alone])
    featurizer.process([alone])
    np.testing.assert_allclose(
        _features(alone, FEATURE_TYPE_SENTENCE),
        _features(data.training_examples[0], FEATURE_TYPE_SENTENCE),
        atol=1e-4,
    )


@pytest.mark.integration  # builds its own featurizer: loads the MiniLM encoder
def test_sequence_features_off(tokenizer):
    feat = mf.MiniLMFeaturizer(
        {**mf.MiniLMFeaturizer.get_default_config(), "sequence_features": False},
        "MiniLMFeaturizer",
    )
    message = Message(data={TEXT: "how has my mood been"})
    tokenizer.process([message])
    feat.process([message])
    assert _features(message, FEATURE_TYPE_SENTENCE).shape == (1, DIM)
    assert not [f for f in message.features if f.type == FEATURE_TYPE_SEQUENCE]


@pytest.mark.parametrize("text", ["", "   ", "?!", "\U0001f622", "x" * 10_000])
def test_odd_inputs_do_not_crash(featurizer, tokenizer, text):
    message = Message(data={TEXT: text})
    tokenizer.process([message])
    featurizer.process([message])
    sentence = _features(message, FEATURE_TYPE_SENTENCE)
    assert sentence.shape == (1, DIM)
    assert np.isfinite(sentence).all()
    sequence = _features(message, FEATURE_TYPE_SEQUENCE)
    assert sequence.shape == (len(message.get(TOKENS_NAMES[TEXT])), DIM)
    assert np.isfinite(sequence).all()


def test_long_message_is_truncated_not_crashed(featurizer, tokenizer):
    words = " ".join(["my back hurts and my legs feel weak"] * 1200)  # ~10,000 words
    message = Message(data={TEXT: words})
    tokenizer.process([message])
    featurizer.process([message])
    sequence = _features(message, FEATURE_TYPE_SEQUENCE)
    n_tokens = len(message.get(TOKENS_NAMES[TEXT]))
    assert sequence.shape == (n_tokens, DIM)
    assert np.abs(sequence[:10]).sum() > 0  # inside the first 64 pieces
    assert np.abs(sequence[-10:]).sum() == 0  # past the truncation point
    assert np.isfinite(_features(message, FEATURE_TYPE_SENTENCE)).all()


def test_messages_without_text_are_left_alone(featurizer):
    message = Message(data={INTENT: "greet"})
    featurizer.process([message])
    assert message.features == []
