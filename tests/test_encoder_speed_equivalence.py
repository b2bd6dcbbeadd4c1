"""The faster MiniLM paths give the features and parses of the implementation before them.

bot/nlu/minilm_featurizer.py (2026-12-06, bench/nlu/PROFILE.md) calls the traced forward
pass through its concrete function, tokenizes a single text with the Rust tokenizer
directly, aligns pieces to tokens with one matrix product and keeps the features of
recently parsed texts. Here each is compared with the code it replaced, kept below as
``reference_*``: the ``transformers`` tokenizer wrapper, the ``tf.function`` call, the
per-token loop. Embeddings and token features agree within 1e-5; on a fixed sample of
messages the trained model's intent, ranking and entities are the same, with the cache
cold and warm. Timing is measured in bench/, never here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import List

import numpy as np
import pytest
import yaml
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu import minilm_featurizer as mf

ROOT = Path(__file__).resolve().parent.parent
TOL = 1e-5
ODD = [
    "",
    " ",
    "   \t\n",
    "?!",
    "😀 😢",
    "a",
    "x" * 10_000,
    " ".join(["word"] * 10_000),
    "bone-marrow biopsy",
    "it's   spaced  out",
    "Ibrance®  (palbociclib) 125mg",
    "/greet",
    "3",
]


def _examples(path: Path) -> List[str]:
    out = []
    for block in yaml.safe_load(path.read_text())["nlu"]:
        for line in (block.get("examples") or "").splitlines():
            line = line.strip()
            if line.startswith("- "):
                out.append(re.sub(r"\[([^\]]*)\](\([^)]*\)|\{[^}]*\})", r"\1", line[2:]))
    return out


TEXTS = _examples(ROOT / "tests" / "nlu_holdout.yml") + ODD


# --- the implementation before the speed-up ------------------------------------------------


def reference_encode_one(encoder: mf.MiniLMEncoder, text: str):
    """A text alone, as the encoder did it: wrapper tokenizer, tf.function call."""
    enc = encoder.tokenize([text])
    sentence, hidden = encoder._forward(enc["input_ids"].astype(np.int32), enc["attention_mask"].astype(np.int32))
    row = {k: enc[k][0] for k in ("offset_mapping", "special_tokens_mask", "attention_mask")}
    return sentence.numpy()[0], hidden.numpy()[0], row


def reference_align(hidden, offsets, special, mask, spans):
    valid = (mask == 1) & (special == 0) & (offsets[:, 1] > offsets[:, 0])
    piece_start, piece_end = offsets[:, 0], offsets[:, 1]
    out = np.zeros((len(spans), hidden.shape[-1]), np.float32)
    for row, (start, end) in enumerate(spans):
        hit = valid & (piece_start < end) & (piece_end > start)
        if hit.any():
            out[row] = hidden[hit].mean(axis=0)
    return out


def reference_process(featurizer: mf.MiniLMFeaturizer, messages: List[Message]) -> List[Message]:
    """MiniLMFeaturizer.process before the speed-up (a live parse: one message)."""
    for message in messages:
        text = message.get(TEXT)
        if not isinstance(text, str):
            continue
        sentence, hidden, row = reference_encode_one(featurizer.encoder, text)
        sequence = None
        tokens = message.get(TOKENS_NAMES[TEXT]) or []
        if featurizer._config["sequence_features"] and tokens:
            sequence = reference_align(
                hidden,
                row["offset_mapping"],
                row["special_tokens_mask"],
                row["attention_mask"],
                [(t.start, t.end) for t in tokens],
            )
        message.set(mf.SENTENCE_EMBEDDING, sentence)
        featurizer.add_features_to_message(
            sequence=sequence, sentence=sentence[None].astype(np.float32), attribute=TEXT, message=message
        )
    return messages


# --- fixtures ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def encoder():
    """The MiniLM weights (tests/conftest.py marks every test using this integration)."""
    return mf.get_encoder()


@pytest.fixture(scope="module")
def tokenizer():
    return WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())


def _message(tokenizer, text):
    message = Message(data={TEXT: text})
    tokenizer.process([message])
    return message


def _features(message, kind):
    found = [f.features for f in message.features if f.type == kind and f.attribute == TEXT]
    assert len(found) <= 1
    return found[0] if found else None


# --- encoder -------------------------------------------------------------------------------


def test_single_text_matches_the_wrapper_tokenizer_and_tf_function(encoder):
    for text in TEXTS:
        sentence, hidden, row = encoder.encode_one(text)
        ref_sentence, ref_hidden, ref_row = reference_encode_one(encoder, text)
        assert sentence.shape == ref_sentence.shape == (mf.EMBEDDING_DIM,)
        assert hidden.shape == ref_hidden.shape, text[:40]
        np.testing.assert_allclose(sentence, ref_sentence, rtol=0, atol=TOL, err_msg=text[:40])
        np.testing.assert_allclose(hidden, ref_hidden, rtol=0, atol=TOL, err_msg=text[:40])
        for key in ("offset_mapping", "special_tokens_mask", "attention_mask"):
            np.testing.assert_array_equal(row[key], ref_row[key], err_msg=f"{key}: {text[:40]}")
            assert row[key].dtype == ref_row[key].dtype


def test_truncation_is_the_wrappers(encoder):
    _, hidden, row = encoder.encode_one(" ".join(["word"] * 500))
    assert hidden.shape[0] == len(row["offset_mapping"]) == encoder.max_length


def test_a_batch_still_matches_each_text_alone(encoder):
    sentences, hiddens, rows = encoder.encode(TEXTS[:70], batch_size=16)
    for i, text in enumerate(TEXTS[:70]):
        ref_sentence, ref_hidden, _ = reference_encode_one(encoder, text)
        np.testing.assert_allclose(sentences[i], ref_sentence, rtol=0, atol=TOL)
        real = int(rows[i]["attention_mask"].sum())
        np.testing.assert_allclose(hiddens[i][:real], ref_hidden[:real], rtol=0, atol=TOL)


def test_one_text_through_encode_is_encode_one(encoder):
    sentences, hiddens, rows = encoder.encode(["what does palbociclib do"])
    sentence, hidden, row = encoder.encode_one("what does palbociclib do")
    np.testing.assert_array_equal(sentences[0], sentence)
    np.testing.assert_array_equal(hiddens[0], hidden)


def test_no_retrace_on_the_concrete_path(encoder):
    before = encoder._forward.experimental_get_tracing_count()
    for text in TEXTS[:20] + ["x" * 2000]:
        encoder.encode_one(text)
    encoder.encode(TEXTS[:40], batch_size=7)
    assert encoder._forward.experimental_get_tracing_count() == before


def test_align_matches_the_per_token_loop(encoder, tokenizer):
    for text in TEXTS:
        message = _message(tokenizer, text)
        spans = [(t.start, t.end) for t in message.get(TOKENS_NAMES[TEXT]) or []]
        _, hidden, row = encoder.encode_one(text)
        args = (hidden, row["offset_mapping"], row["special_tokens_mask"], row["attention_mask"], spans)
        got, want = mf.align_to_tokens(*args), reference_align(*args)
        assert got.shape == want.shape and got.dtype == want.dtype == np.float32
        np.testing.assert_allclose(got, want, rtol=0, atol=TOL, err_msg=text[:40])


# --- featurizer and its cache --------------------------------------------------------------


@pytest.mark.parametrize("cache_size", [0, 512])
def test_featurizer_matches_the_reference_cold_and_warm(encoder, tokenizer, cache_size):
    featurizer = mf.MiniLMFeaturizer({**mf.MiniLMFeaturizer.get_default_config(), "cache_size": cache_size}, "f")
    reference = mf.MiniLMFeaturizer(mf.MiniLMFeaturizer.get_default_config(), "r")
    for rnd in range(2):  # second round: every text from the cache (when on)
        for text in TEXTS[:120] + ODD:
            got, want = _message(tokenizer, text), _message(tokenizer, text)
            featurizer.process([got])
            reference_process(reference, [want])
            for kind in (FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE):
                a, b = _features(got, kind), _features(want, kind)
                assert (a is None) == (b is None), (kind, text[:40])
                if a is not None:
                    assert a.shape == b.shape and a.dtype == b.dtype
                    np.testing.assert_allclose(a, b, rtol=0, atol=TOL, err_msg=f"{kind} round {rnd}: {text[:40]}")
            np.testing.assert_allclose(
                got.get(mf.SENTENCE_EMBEDDING), want.get(mf.SENTENCE_EMBEDDING), rtol=0, atol=TOL
            )
    assert len(featurizer._cache) == (min(cache_size, len(set(TEXTS[:120] + ODD))) if cache_size else 0)


def test_cache_is_bounded_and_hands_out_copies(encoder, tokenizer):
    featurizer = mf.MiniLMFeaturizer({**mf.MiniLMFeaturizer.get_default_config(), "cache_size": 3}, "f")
    first = _message(tokenizer, "what does palbociclib do")
    featurizer.process([first])
    kept = first.get(mf.SENTENCE_EMBEDDING).copy()
    first.get(mf.SENTENCE_EMBEDDING)[:] = 0  # a later component scribbling on its copy
    _features(first, FEATURE_TYPE_SEQUENCE)[:] = 0
    again = _message(tokenizer, "what does palbociclib do")
    featurizer.process([again])
    np.testing.assert_array_equal(again.get(mf.SENTENCE_EMBEDDING), kept)
    assert np.abs(_features(again, FEATURE_TYPE_SEQUENCE)).sum() > 0
    for text in ("a", "b", "c", "d"):
        featurizer.process([_message(tokenizer, text)])
    assert list(k[0] for k in featurizer._cache) == ["b", "c", "d"]


def test_same_text_other_tokens_is_not_a_cache_hit(encoder, tokenizer):
    """The key holds the token spans: sequence features follow the pipeline's tokens."""
    featurizer = mf.MiniLMFeaturizer(mf.MiniLMFeaturizer.get_default_config(), "f")
    plain = _message(tokenizer, "bone marrow biopsy")
    featurizer.process([plain])
    odd = Message(data={TEXT: "bone marrow biopsy"})
    odd.set(TOKENS_NAMES[TEXT], _message(tokenizer, "bone marrow biopsy").get(TOKENS_NAMES[TEXT])[:2])
    featurizer.process([odd])
    assert _features(odd, FEATURE_TYPE_SEQUENCE).shape[0] == 2
    assert len(featurizer._cache) == 2


def test_negative_cache_size_is_refused():
    from rasa.shared.exceptions import InvalidConfigException

    with pytest.raises(InvalidConfigException):
        mf.MiniLMFeaturizer.validate_config({**mf.MiniLMFeaturizer.get_default_config(), "cache_size": -1})


# --- whole parses with the trained model ---------------------------------------------------


@pytest.fixture(scope="module")
def trained_agent():
    from rasa.core.agent import Agent

    from tests.servers import MODEL

    if not MODEL.exists():
        pytest.fail("models/companion.tar.gz is missing: run `make train` (make test does)")
    return Agent.load(str(MODEL))


def _summary(parse: dict) -> dict:
    return {
        "intent": parse["intent"]["name"],
        "confidence": parse["intent"]["confidence"],
        "ranking": [(r["name"], r["confidence"]) for r in parse.get("intent_ranking", [])],
        "entities": sorted(
            (e["entity"], str(e.get("value")), e.get("start"), e.get("end"), e.get("extractor"))
            for e in parse.get("entities", [])
        ),
    }


def _same(got: dict, want: dict, text: str) -> None:
    assert got["intent"] == want["intent"], text
    assert got["entities"] == want["entities"], text
    assert [n for n, _ in got["ranking"]] == [n for n, _ in want["ranking"]], text
    np.testing.assert_allclose(
        [c for _, c in got["ranking"]], [c for _, c in want["ranking"]], rtol=0, atol=1e-4, err_msg=text
    )
    assert got["confidence"] == pytest.approx(want["confidence"], abs=1e-4), text


async def test_parses_are_unchanged_on_a_fixed_sample(trained_agent, monkeypatch):
    runner = trained_agent.processor.graph_runner
    node = next(n for n in runner._instantiated_nodes.values() if n._component_class is mf.MiniLMFeaturizer)
    sample = TEXTS[::3] + ["what does palbociclib do", "i want to end it all", "yes", "/greet"]
    node._component._cache.clear()
    cold = [_summary(await trained_agent.parse_message(t)) for t in sample]
    warm = [_summary(await trained_agent.parse_message(t)) for t in sample]  # from the cache
    monkeypatch.setattr(node, "_fn", reference_process)
    reference = [_summary(await trained_agent.parse_message(t)) for t in sample]
    for text, a, b, ref in zip(sample, cold, warm, reference):
        _same(a, ref, text)
        _same(b, ref, text)
