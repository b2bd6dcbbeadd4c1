"""Flat-latency benchmark: one long conversation (default 500 turns), per-turn latency,
ours vs a stock `rasa init` bot in the same run.

    .venv/bin/python bench/long_conversation.py [--turns 500]

Reports the median latency of turns 1-10 ("turn 5") and of the last 10 turns
("turn 500") for each bot and the ratio last/first, and appends to bench/RESULTS.md.
Target (issue 7): ours ≤ 1.25×. Not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import requests
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load import OUR_SCRIPT, STOCK_SCRIPT  # noqa: E402
from run_bench import append_results, side_by_side  # noqa: E402

ROLLOVER = yaml.safe_load((ROOT / "endpoints.yml").read_text())["tracker_store"]["rollover_after"]


def run_conversation(url: str, script, turns: int):
    sender = f"long-{uuid.uuid4().hex[:8]}"
    lat = []
    with requests.Session() as http:
        for i in range(turns):
            start = time.perf_counter()
            r = http.post(
                f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": script[i % len(script)]}, timeout=60
            )
            r.raise_for_status()
            lat.append((time.perf_counter() - start) * 1000)
    return lat


def summarise(lat):
    first = statistics.median(lat[:10])
    last = statistics.median(lat[-10:])
    return {"first_p50_ms": round(first, 1), "last_p50_ms": round(last, 1), "ratio": round(last / first, 2)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--turns", type=int, default=500)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        stock, ours = side_by_side(
            tmpdir,
            lambda url: summarise(run_conversation(url, STOCK_SCRIPT, args.turns)),
            lambda url: summarise(run_conversation(url, OUR_SCRIPT, args.turns)),
            rollover_after=ROLLOVER,
        )  # as shipped in endpoints.yml (test stacks use 150)
        print("stock", stock, flush=True)
        print("ours", ours, flush=True)
    section = f"""
## {dt.datetime.now():%Y-%m-%d %H:%M} — one conversation of {args.turns} turns (flat latency)
Machine: {platform.node()} (2 cores), Python {platform.python_version()}. Median of turns 1-10 vs the last 10.
Stock = `rasa init` bot, default in-memory tracker store. Ours = rollover SQL tracker store (new session with slots every {ROLLOVER} events), action server in the loop.

| bot | first turns p50 (ms) | last turns p50 (ms) | ratio |
|---|---|---|---|
| stock rasa init | {stock["first_p50_ms"]} | {stock["last_p50_ms"]} | {stock["ratio"]} |
| ours | {ours["first_p50_ms"]} | {ours["last_p50_ms"]} | {ours["ratio"]} |
"""
    append_results(section)


if __name__ == "__main__":
    main()
