"""Where one message's parse time goes, in-process (no HTTP): per graph node and inside the encoder.

    .venv/bin/python bench/nlu/profile_parse.py [--model /tmp/perf/model.tar.gz] [--rounds 3]
        [--stock-rasa] [--no-cache] [--threads 1,1] [--cprofile 30] [--json out.json]

Loads the model with Rasa's ``Agent`` (as bench/nlu_cost.py does), installs our Rasa
speed-ups as ``python -m bot.rasa_server`` does (``--stock-rasa``: not), and parses ~300
realistic messages (tests/nlu_holdout.yml, every 4th message of
tests/nlu_blind_2026_12.yml, a few button payloads and greetings) one at a time.

Pass 1 (plain): wall time of ``agent.parse_message`` per message, nothing wrapped; round 1
sees each text for the first time, later rounds repeat them (served by the featurizer's
text cache, if the code has one and ``--no-cache`` is not given).
Pass 2 (instrumented, cache emptied before each round): every ``GraphNode.__call__`` timed by node, and the steps of the
MiniLM featurizer (WordPiece tokenizer, the TF forward pass, copying its outputs to
numpy, aligning pieces to tokens, adding the features). "outside the graph" is the parse
minus the nodes (Message creation, Rasa's parse-result formatting, the event loop).
``--cprofile N`` adds the N functions with the most own time over one pass.

Prints a markdown table; not a test. Run on a quiet machine and note ``uptime``.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import cProfile
import io
import json
import os
import platform
import pstats
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

PAYLOADS = ["/greet", "/affirm", "/deny", "hi", "thanks", "yes", "no", "ok", "hello", "bye"]


def messages() -> List[str]:
    import yaml

    def examples(path: Path) -> List[str]:
        out = []
        for block in yaml.safe_load(path.read_text())["nlu"]:
            for line in (block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    # [surface](entity) / [surface]{...} -> surface
                    out.append(re.sub(r"\[([^\]]*)\](\([^)]*\)|\{[^}]*\})", r"\1", line[2:]))
        return out

    holdout = examples(ROOT / "tests" / "nlu_holdout.yml")
    blind = examples(ROOT / "tests" / "nlu_blind_2026_12.yml")[::4]
    return holdout + blind + PAYLOADS


def pct(values: List[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def load_avg() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


async def main_async(args) -> dict:
    if args.threads:  # before TensorFlow runs anything, as Rasa's own TF_*_PARALLELISM_THREADS
        import tensorflow as tf

        intra, inter = (int(x) for x in args.threads.split(","))
        tf.config.threading.set_intra_op_parallelism_threads(intra)
        tf.config.threading.set_inter_op_parallelism_threads(inter)
    from rasa.core.agent import Agent
    from rasa.engine.graph import GraphNode
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    # logging as `rasa run` sets it up (INFO): Rasa's debug lines are not formatted
    configure_logging_and_warnings(None, warn_only_once=True, filter_repeated_logs=True)
    configure_structlog(None)

    import bot.nlu.minilm_featurizer as mf

    if not args.stock_rasa:
        from bot.rasa_ext import speedups

        speedups.install()
    texts = messages()
    agent = Agent.load(args.model)
    featurizer = next(
        node._component
        for node in agent.processor.graph_runner._instantiated_nodes.values()
        if node._component_class is mf.MiniLMFeaturizer
    )
    cache = getattr(featurizer, "_cache", None)  # None: a MiniLMFeaturizer without the text cache
    if args.no_cache and cache is not None:
        featurizer._cache_size = 0
    for text in ["warm up the graph", "hello there", "what is a pet scan"]:
        await agent.parse_message(text)

    def clear_cache() -> None:
        if cache is not None:
            cache.clear()

    # pass 1: plain. Round 1 sees each text for the first time; later rounds repeat them
    # (answered from the featurizer's text cache when it has one and it is on).
    clear_cache()
    first: List[float] = []
    repeat: List[float] = []
    cpu = {"first": 0.0, "repeat": 0.0}  # process CPU time (all threads), less load-dependent than wall time
    for rnd in range(args.rounds):
        cpu_start = time.process_time()
        for text in texts:
            start = time.perf_counter()
            await agent.parse_message(text)
            (first if rnd == 0 else repeat).append((time.perf_counter() - start) * 1000)
        cpu["first" if rnd == 0 else "repeat"] += time.process_time() - cpu_start
    plain = first + repeat

    # pass 2: instrumented
    node_ms: Dict[str, List[float]] = collections.defaultdict(list)
    step_ms: Dict[str, List[float]] = collections.defaultdict(list)
    original_call = GraphNode.__call__

    def timed_call(self, *inputs):
        start = time.perf_counter()
        try:
            return original_call(self, *inputs)
        finally:
            node_ms[self._node_name].append((time.perf_counter() - start) * 1000)

    def timed(name, fn):
        def wrapper(*a, **kw):
            start = time.perf_counter()
            try:
                return fn(*a, **kw)
            finally:
                step_ms[name].append((time.perf_counter() - start) * 1000)

        return wrapper

    encoder = next(iter(mf._ENCODERS.values()))

    class TimedTokenizer:  # the Rust tokenizer object takes no new attributes: wrap it
        def __init__(self, inner):
            self.inner = inner
            self.encode = timed("WordPiece tokenizer (Rust, one text)", inner.encode)

    # (owner, attribute, label); what this version of the featurizer has
    steps = [
        (encoder, "tokenize", "WordPiece tokenizer (transformers wrapper)"),
        (encoder, "_forward", "TF forward pass (tf.function call)"),
        (encoder, "_run", "TF forward pass (concrete function call + .numpy())"),
        (mf, "align_to_tokens", "align pieces to tokens"),
        (mf.MiniLMFeaturizer, "add_features_to_message", "add features to message"),
        (mf.MiniLMEncoder, "encode", "encoder.encode (total)"),
    ]
    saved = []
    for owner, attr, label in steps:
        if hasattr(owner, attr):
            saved.append((owner, attr, owner.__dict__.get(attr, None), attr in owner.__dict__))
            setattr(owner, attr, timed(label, getattr(owner, attr)))
    if hasattr(encoder, "_single"):
        saved.append((encoder, "_single", encoder._single, True))
        encoder._single = TimedTokenizer(encoder._single)
    GraphNode.__call__ = timed_call
    total: List[float] = []
    try:
        for _ in range(args.rounds):
            clear_cache()  # the breakdown is for texts not seen before
            for text in texts:
                start = time.perf_counter()
                await agent.parse_message(text)
                total.append((time.perf_counter() - start) * 1000)
    finally:
        GraphNode.__call__ = original_call
        for owner, attr, original, own in reversed(saved):
            if own:
                setattr(owner, attr, original)
            else:  # inherited or a class method seen through the instance
                delattr(owner, attr)

    n = len(total)
    result = {
        "messages": len(texts),
        "rounds": args.rounds,
        "parses": n,
        "cache": "none" if cache is None else ("off" if args.no_cache else f"on ({featurizer._cache_size} texts)"),
        "first_sight_p50_ms": round(statistics.median(first), 2),
        "repeat_p50_ms": round(statistics.median(repeat), 2) if repeat else None,
        "first_sight_cpu_ms": round(cpu["first"] * 1000 / len(first), 2),
        "repeat_cpu_ms": round(cpu["repeat"] * 1000 / len(repeat), 2) if repeat else None,
        "plain_p50_ms": round(statistics.median(plain), 2),
        "plain_mean_ms": round(statistics.mean(plain), 2),
        "plain_p95_ms": round(pct(plain, 95), 2),
        "instrumented_mean_ms": round(statistics.mean(total), 2),
        "nodes": {},
        "encoder_steps": {},
    }
    graph_sum = 0.0
    for name, values in sorted(node_ms.items(), key=lambda kv: -sum(kv[1])):
        per_parse = sum(values) / n
        graph_sum += per_parse
        result["nodes"][name] = {"mean_ms": round(per_parse, 3), "p50_ms": round(statistics.median(values), 3)}
    result["nodes"]["(outside the graph)"] = {"mean_ms": round(statistics.mean(total) - graph_sum, 3), "p50_ms": None}
    for name, values in step_ms.items():
        result["encoder_steps"][name] = {
            "mean_ms": round(sum(values) / n, 3),
            "p50_ms": round(statistics.median(values), 3),
        }
    if args.cprofile:
        prof = cProfile.Profile()
        prof.enable()
        for text in texts:
            await agent.parse_message(text)
        prof.disable()
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(args.cprofile)
        result["cprofile"] = buf.getvalue()
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="/tmp/perf/model.tar.gz")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--stock-rasa", action="store_true", help="without our Rasa speed-ups")
    ap.add_argument("--no-cache", action="store_true", help="switch the featurizer's text cache off")
    ap.add_argument("--cprofile", type=int, default=0, metavar="N")
    ap.add_argument("--threads", metavar="INTRA,INTER", help="TensorFlow intra-/inter-op threads (default: TF's)")
    ap.add_argument("--json", help="also write the figures here")
    args = ap.parse_args()
    before = load_avg()
    result = asyncio.run(main_async(args))
    result["load_before"], result["load_after"] = before, load_avg()
    result["machine"] = (
        f"{platform.node()} ({platform.machine()}, {os.cpu_count()} cores), Python {platform.python_version()}"
    )
    result["git"] = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    mean = result["instrumented_mean_ms"]
    print(
        f"{result['parses']} parses ({result['messages']} messages x {result['rounds']}); load {before} -> "
        f"{result['load_after']}; git {result['git']}"
    )
    print(
        f"text cache: {result['cache']}; parse p50: first sight {result['first_sight_p50_ms']} ms, repeated text "
        f"{result['repeat_p50_ms']} ms; all: p50 {result['plain_p50_ms']} ms, mean {result['plain_mean_ms']} ms, "
        f"p95 {result['plain_p95_ms']} ms; CPU per parse: first sight {result['first_sight_cpu_ms']} ms, repeated "
        f"{result['repeat_cpu_ms']} ms; instrumented (texts not seen before) mean {mean} ms\n"
    )
    print("| graph node | mean ms / parse | p50 ms | share |\n|---|---|---|---|")
    for name, v in result["nodes"].items():
        p50 = "" if v["p50_ms"] is None else f"{v['p50_ms']:.3f}"
        print(f"| {name} | {v['mean_ms']:.3f} | {p50} | {100 * v['mean_ms'] / mean:.1f} % |")
    print("\n| MiniLM featurizer step | mean ms / parse | p50 ms |\n|---|---|---|")
    for name, v in result["encoder_steps"].items():
        print(f"| {name} | {v['mean_ms']:.3f} | {v['p50_ms']:.3f} |")
    if result.get("cprofile"):
        print(result["cprofile"])
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
