"""Side-by-side benchmark: our assistant vs a stock `rasa init` bot, same machine, same run.

    .venv/bin/python bench/run_bench.py [--conversations 40 --turns 10 --concurrency 20] [--production]

With --production ours is also measured as deployed for scale-out: two Rasa replicas with
endpoints.production.yml (PostgreSQL tracker store, Redis lock store, RabbitMQ broker)
behind nginx running deploy/nginx.conf (the set-up of tests/test_proxy_replicas.py).

Trains the stock bot into a temp dir, runs the same load (bench/load.py) against each
bot in turn (never both at once: the machine has 2 cores) and appends the figures to
bench/RESULTS.md. Needs a trained models/companion.tar.gz (`make train`). Not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import platform
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load import OUR_SCRIPT, STOCK_SCRIPT, run_load  # noqa: E402

from tests.servers import BIN, free_port, make_stack, wait_http  # noqa: E402

STOCK_DIR = ROOT / "var" / "bench" / "stock"  # kept between runs: `rasa init` trains for minutes


def start_stock(workdir: Path) -> tuple:
    init_dir = STOCK_DIR
    if not list((init_dir / "models").glob("*.tar.gz")):
        init_dir.mkdir(parents=True, exist_ok=True)  # `rasa init` refuses a missing folder
        print("==> training stock `rasa init` bot (once; kept in var/bench/stock)", flush=True)
        subprocess.run(
            [str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(init_dir)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
    port = free_port()
    log = open(workdir / "stock.log", "wb")
    proc = subprocess.Popen(
        [str(BIN / "rasa"), "run", "-i", "127.0.0.1", "-p", str(port), "-m", "models"],
        cwd=init_dir,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    wait_http(f"http://127.0.0.1:{port}/", 240, proc, workdir / "stock.log")
    return proc, f"http://127.0.0.1:{port}"


def side_by_side(tmpdir: Path, measure_stock, measure_ours, rollover_after: Optional[int] = None) -> tuple:
    """Run ``measure_stock(url)`` against the stock bot, stop it, then ``measure_ours(url)``
    against our Rasa + action server (never both at once: the machine has 2 cores)."""
    proc, url = start_stock(tmpdir)
    try:
        stock = measure_stock(url)
    finally:
        proc.terminate()
        proc.wait(30)
    stack = make_stack(tmpdir / "ours")
    if rollover_after is not None:
        stack.rollover_after = rollover_after
    try:
        stack.start_actions()
        stack.start_rasa()
        ours = measure_ours(stack.rasa_url)
    finally:
        stack.stop_all()
    return stock, ours


def measure(name: str, url: str, script, args) -> dict:
    asyncio.run(run_load(url, script, 4, 3, 2))  # warm-up
    res = asyncio.run(run_load(url, script, args.conversations, args.turns, args.concurrency))
    summary = res.summary()
    print(name, json.dumps(summary), flush=True)
    return summary


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--conversations", type=int, default=40)
    ap.add_argument("--turns", type=int, default=10)
    ap.add_argument("--concurrency", type=int, default=20)
    ap.add_argument("--production", action="store_true", help="also measure 2 replicas behind nginx")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        stock, ours = side_by_side(
            tmpdir,
            lambda url: measure("stock", url, STOCK_SCRIPT, args),
            lambda url: measure("ours", url, OUR_SCRIPT, args),
        )
        replicas = None
        if args.production:
            from tests.test_proxy_replicas import proxied_replicas

            with proxied_replicas(tmpdir / "replicas") as proxied:
                replicas = measure("ours-2-replicas", proxied.proxy, OUR_SCRIPT, args)
    write_results(args, stock, ours, replicas)


def write_results(args, stock: dict, ours: dict, replicas: Optional[dict] = None) -> None:
    def ratio(x: dict) -> float:
        return x["throughput_rps"] / stock["throughput_rps"] if stock["throughput_rps"] else float("nan")

    keys = ("requests", "errors", "p50_ms", "p95_ms", "p99_ms", "mean_ms", "throughput_rps")
    extra_head = " ours, 2 replicas behind nginx (production profile) |" if replicas else ""
    extra_rule = "---|" if replicas else ""
    rows = "\n".join(f"| {k} | {stock[k]} | {ours[k]} |" + (f" {replicas[k]} |" if replicas else "") for k in keys)
    ratios = f"Throughput ratio ours/stock: {ratio(ours):.2f}" + (
        f"; 2 replicas behind nginx / stock: {ratio(replicas):.2f}" if replicas else ""
    )
    section = f"""
## {dt.datetime.now():%Y-%m-%d %H:%M} — {args.conversations} conversations × {args.turns} turns, concurrency {args.concurrency}
Machine: {platform.node()} ({platform.machine()}, {subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()} cores), Python {platform.python_version()}.
Ours = one Rasa server + action server (knowledge answers rendered by a custom action), SQLite tracker store (the default profile).
Stock = `rasa init` bot (no custom actions), in-memory tracker store.

| metric | stock rasa init | ours |{extra_head}
|---|---|---|{extra_rule}
{rows}

{ratios}
"""
    append_results(section)


def append_results(section: str) -> None:
    """Append a measured section to bench/RESULTS.md (created on first use)."""
    path = ROOT / "bench" / "RESULTS.md"
    if not path.exists():
        path.write_text("# Benchmark results\n\nRerun the scripts in bench/; figures are appended, newest last.\n")
    with path.open("a") as fh:
        fh.write(section)
    print(section)


if __name__ == "__main__":
    main()
