"""Knowledge-answer latency, one request at a time: ours vs the stock `rasa init` bot.

    .venv/bin/python bench/knowledge_latency.py [--rounds 20] [--record]

Each round sends the knowledge questions below in a fresh conversation that has already
said hello (so the first-contact notice is out of the way) and times each answer over
the REST channel; the stock bot gets its own script's replies, timed the same way.
Target (issue 7): p50 ≤ 25 ms, p95 ≤ 60 ms for a knowledge answer. Not a test.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load import percentile  # noqa: E402
from run_bench import append_results, side_by_side  # noqa: E402

QUESTIONS = [
    "what does palbociclib do",
    "how do i prepare for the bone marrow biopsy",
    "what is a pet scan",
    "why am i so tired all the time",
    "what is ca 15-3",
    "what does stage 4 mean",
    "is there a support group for people like me",
    "what are bisphosphonates for",
]
STOCK_TURNS = ["I am sad", "hello", "I am great", "are you a bot?"]


def timed_turns(url: str, opener: str, turns, rounds: int):
    """Latency (ms) of each of ``turns``, in fresh conversations that start with ``opener``."""
    samples = []
    with requests.Session() as http:
        for _ in range(rounds):
            sender = f"kl-{uuid.uuid4().hex[:10]}"
            http.post(
                f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": opener}, timeout=60
            ).raise_for_status()
            for text in turns:
                start = time.perf_counter()
                r = http.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60)
                elapsed = (time.perf_counter() - start) * 1000
                r.raise_for_status()
                if not r.json():
                    raise RuntimeError(f"no reply to {text!r}")
                samples.append(elapsed)
    return {
        "n": len(samples),
        "p50_ms": round(statistics.median(samples), 1),
        "p95_ms": round(percentile(samples, 95), 1),
        "max_ms": round(max(samples), 1),
    }


def warm_then_time(url: str, turns, rounds: int):
    timed_turns(url, "hi", turns, 3)  # warm-up
    return timed_turns(url, "hi", turns, rounds)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--record", action="store_true", help="append the figures to bench/RESULTS.md")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        stock, ours = side_by_side(
            tmpdir,
            lambda url: warm_then_time(url, STOCK_TURNS, args.rounds * 2),
            lambda url: warm_then_time(url, QUESTIONS, args.rounds),
        )
    print(json.dumps({"stock": stock, "ours": ours}))
    if args.record:
        import datetime as dt
        import platform

        met = ours["p50_ms"] <= 25 and ours["p95_ms"] <= 60
        append_results(f"""
## {dt.datetime.now():%Y-%m-%d %H:%M} — knowledge answer latency, one request at a time
Machine: {platform.node()} ({platform.machine()}), Python {platform.python_version()}. {args.rounds} rounds.
Ours: {len(QUESTIONS)} knowledge questions per fresh conversation (after "hi"), action server in the loop.
Stock: `rasa init` bot, {len(STOCK_TURNS)} turns per conversation (its replies are plain responses).

| bot | n | p50 ms | p95 ms | max ms |
|---|---|---|---|---|
| stock rasa init | {stock["n"]} | {stock["p50_ms"]} | {stock["p95_ms"]} | {stock["max_ms"]} |
| ours (knowledge answer) | {ours["n"]} | {ours["p50_ms"]} | {ours["p95_ms"]} | {ours["max_ms"]} |

Target p50 ≤ 25 ms, p95 ≤ 60 ms: {"met" if met else "NOT met"}.
""")


if __name__ == "__main__":
    main()
