"""Clean `rasa train` wall time: ours vs the stock `rasa init` bot, same machine, same run.

Each training starts from an empty Rasa cache (RASA_CACHE_DIRECTORY in a fresh temp
folder), as on a fresh clone or in CI. Order: stock, ours, stock, ours (so a change in
machine load shows up in both). Appends a table to bench/RESULTS.md.

    .venv/bin/python bench/train_time.py [--rounds 2]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"


def load_average() -> str:
    try:
        return " / ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def timed_train(project: Path, out: Path, extra_env: dict) -> float:
    cache = Path(tempfile.mkdtemp(prefix="rasa-cache-"))
    env = {**os.environ, "RASA_CACHE_DIRECTORY": str(cache), "SQLALCHEMY_SILENCE_UBER_WARNING": "1", **extra_env}
    start = time.perf_counter()
    subprocess.run(
        [str(BIN / "rasa"), "train", "--out", str(out), "--fixed-model-name", "bench"],
        cwd=project,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    took = time.perf_counter() - start
    shutil.rmtree(cache, ignore_errors=True)
    return took


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="train-bench-"))
    stock = work / "stock"
    stock.mkdir()
    subprocess.run(
        [str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(stock)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    rows = []
    for round_no in range(1, args.rounds + 1):
        load_before = load_average()
        s = timed_train(stock, work / "out-stock", {})
        o = timed_train(ROOT, work / "out-ours", {"PYTHONPATH": str(ROOT)})
        rows.append((round_no, s, o, load_before))
        print(f"round {round_no}: stock {s:.0f} s, ours {o:.0f} s ({o / s:.2f}x), load {load_before}", flush=True)
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"\n## Clean `rasa train`: ours vs stock `rasa init` ({when}, {platform.node()}, {os.cpu_count()} cores)\n",
        "Empty Rasa cache each time (as a fresh clone / CI); `bench/train_time.py`. Load average (1/5/15 min) "
        "before each round is given: other work on the machine slows both.\n",
        "| round | stock `rasa init` | ours | ratio | load before |",
        "|---|---|---|---|---|",
    ]
    lines += [f"| {r} | {s:.0f} s | {o:.0f} s | {o / s:.2f}x | {load} |" for r, s, o, load in rows]
    with open(ROOT / "bench" / "RESULTS.md", "a") as fh:
        fh.write("\n".join(lines) + "\n")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
