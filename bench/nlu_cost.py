"""Per-message NLU cost, ours vs the stock `rasa init` model, in one process, one at a time.

    .venv/bin/python bench/nlu_cost.py

Separates the NLU share of a turn from the dialogue/tracker/action share when reading the
throughput figures in bench/RESULTS.md. Needs models/companion.tar.gz and the stock bot
kept by bench/run_bench.py in var/bench/stock. Not a test.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MESSAGES = [
    "what does herceptin do",
    "how do I prepare for the bone marrow biopsy",
    "I'm so tired all the time",
    "hello",
    "what is a PET scan",
    "is there a support group for carers",
    "thanks",
    "tell me more",
    "why do I bruise so easily",
    "what does stage 4 mean",
]


async def cost(model: str, rounds: int = 10) -> float:
    from rasa.core.agent import Agent

    agent = Agent.load(model)
    for text in MESSAGES:  # warm-up
        await agent.parse_message(text)
    samples = []
    for _ in range(rounds):
        for text in MESSAGES:
            start = time.perf_counter()
            await agent.parse_message(text)
            samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    from bot.safety.detector import assess

    stock = sorted((ROOT / "var" / "bench" / "stock" / "models").glob("*.tar.gz"))[-1]
    ours_ms = asyncio.run(cost(str(ROOT / "models" / "companion.tar.gz")))
    stock_ms = asyncio.run(cost(str(stock)))
    start = time.perf_counter()
    for _ in range(20):
        for text in MESSAGES:
            assess(text)
    detector_ms = (time.perf_counter() - start) * 1000 / (20 * len(MESSAGES))
    print(f"parse p50: ours {ours_ms:.1f} ms, stock {stock_ms:.1f} ms; safety detector alone {detector_ms:.2f} ms")


if __name__ == "__main__":
    main()
