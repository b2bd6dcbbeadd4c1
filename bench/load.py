"""Async, bounded load generator for a Rasa REST channel.

Runs N simulated conversations of T turns at concurrency C and reports latency
percentiles (p50/p95/p99) and throughput. Used by bench/run_bench.py; can also be
pointed at any running bot:

    python bench/load.py --url http://127.0.0.1:5005 --conversations 40 --turns 10 --concurrency 20
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
import uuid
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence

import aiohttp

OUR_SCRIPT = [
    "hi",
    "what does palbociclib do",
    "tell me more",
    "why am i so tired all the time",
    "how do i prepare for the bone marrow biopsy",
    "what is a pet scan",
    "is there a support group for people like me",
    "what is ca 15-3",
    "thanks",
    "what does stage 4 mean",
]
STOCK_SCRIPT = ["hi", "I am sad", "yes", "hello", "I am great", "are you a bot?", "bye", "hey", "very bad", "no"]


def percentile(values: Sequence[float], p: float) -> Optional[float]:
    """Nearest-rank percentile (``p`` in 0-100), None for no values; every bench script uses it."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


@dataclass
class Result:
    latencies_ms: List[float] = field(default_factory=list)
    errors: int = 0
    wall_s: float = 0.0
    per_turn: Dict[int, List[float]] = field(default_factory=dict)

    def summary(self) -> Dict[str, float]:
        lat = self.latencies_ms

        def pct(p: float) -> float:
            value = percentile(lat, p)
            return float("nan") if value is None else value

        return {
            "requests": len(lat),
            "errors": self.errors,
            "p50_ms": round(pct(50), 1),
            "p95_ms": round(pct(95), 1),
            "p99_ms": round(pct(99), 1),
            "mean_ms": round(statistics.fmean(lat), 1) if lat else float("nan"),
            "throughput_rps": round(len(lat) / self.wall_s, 1) if self.wall_s else 0.0,
        }


async def conversation(
    session: aiohttp.ClientSession, url: str, script: Sequence[str], turns: int, result: Result, timeout: float
) -> None:
    sender = f"bench-{uuid.uuid4().hex[:12]}"
    for turn in range(turns):
        text = script[turn % len(script)]
        start = time.perf_counter()
        try:
            async with session.post(
                f"{url}/webhooks/rest/webhook",
                json={"sender": sender, "message": text},
                timeout=aiohttp.ClientTimeout(total=timeout),
            ) as resp:
                await resp.read()
                if resp.status != 200:
                    result.errors += 1
                    continue
        except (aiohttp.ClientError, asyncio.TimeoutError):
            result.errors += 1
            continue
        ms = (time.perf_counter() - start) * 1000
        result.latencies_ms.append(ms)
        result.per_turn.setdefault(turn + 1, []).append(ms)


async def run_load(
    url: str, script: Sequence[str], conversations: int, turns: int, concurrency: int, timeout: float = 30.0
) -> Result:
    """Run the load; at most ``concurrency`` conversations are in flight at once."""
    result = Result()
    sem = asyncio.Semaphore(concurrency)
    async with aiohttp.ClientSession() as session:

        async def one() -> None:
            async with sem:
                await conversation(session, url, script, turns, result, timeout)

        start = time.perf_counter()
        await asyncio.gather(*(one() for _ in range(conversations)))
        result.wall_s = time.perf_counter() - start
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", default="http://127.0.0.1:5005")
    ap.add_argument("--conversations", type=int, default=20)
    ap.add_argument("--turns", type=int, default=10)
    ap.add_argument("--concurrency", type=int, default=10)
    ap.add_argument("--stock", action="store_true", help="use the rasa-init bot's script")
    args = ap.parse_args()
    res = asyncio.run(
        run_load(args.url, STOCK_SCRIPT if args.stock else OUR_SCRIPT, args.conversations, args.turns, args.concurrency)
    )
    print(json.dumps(res.summary(), indent=2))


if __name__ == "__main__":
    main()
