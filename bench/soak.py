"""Bounded soak (issue 7): N users for M minutes over loopback, memory sampled as it goes.

    .venv/bin/python bench/soak.py [--users 20 --minutes 10 --seed 7] [--record]
    .venv/bin/python bench/soak.py --url http://127.0.0.1:5005 [--rasa-pid PID --actions-pid PID]

Starts our stack (Rasa + action server, SQLite stores, sessions rolling over like
endpoints.yml) as bench/run_bench.py does, or uses an already running server with --url.
Each simulated user loops a realistic conversation over the REST channel: the knowledge
questions of bench/load.py (OUR_SCRIPT) followed by a mood check-in ("I want to check
in" -> a low score -> a word -> "skip"), with a random think time between turns
(0.5-1.5 s, seeded) so this is a soak, not a stress test. A user starts a new
conversation (new sender id) every --loops-per-sender passes over the script.

Counted as errors: non-200 answers, timeouts, connection errors, and an empty reply
(every turn of the script expects one). The resident memory (VmRSS of the process and its
children) of the Rasa server and of the action server is sampled every 10 s after a
warm-up. Reported: RSS at start (first sample after the warm-up), max, end and the
slope of a least-squares line over the second half of the run (MB/min), latency
p50/p95 overall and per minute, and pass/fail against the targets:
0 errors; Rasa RSS <= 1.5 GB (1536 MB); no growth = slope over the second half
< 1 MB/min AND end <= start + 50 MB (judged for Rasa and for the action server).
MB here are MiB (/proc VmRSS / 1024).

Prints a JSON summary; --record also appends a section to bench/RESULTS.md.
Run by hand on a quiet machine; not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import aiohttp
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load import OUR_SCRIPT, percentile  # noqa: E402
from run_bench import append_results  # noqa: E402

from tests.servers import MODEL, make_stack  # noqa: E402

ROLLOVER = yaml.safe_load((ROOT / "endpoints.yml").read_text())["tracker_store"]["rollover_after"]
CHECKIN_START = "I want to check in"
SCORES = ["2", "3", "4", "5"]  # < 7: no distress escalation (actions/checkin.py)
MOOD_WORDS = ["tired", "calm", "okay", "hopeful", "worried", "fine"]
RSS_LIMIT_MB = 1536.0  # 1.5 GB
GROWTH_SLOPE_MB_PER_MIN = 1.0
GROWTH_END_MB = 50.0


def visit_script(rng: random.Random) -> List[str]:
    """One pass: the knowledge questions of bench/load.py, then a mood check-in
    (tests/test_e2e_rest.py shows the flow)."""
    return list(OUR_SCRIPT) + [CHECKIN_START, rng.choice(SCORES), rng.choice(MOOD_WORDS), "skip"]


# --------------------------------------------------------------------------- memory


def _children_by_parent() -> Dict[int, List[int]]:
    tree: Dict[int, List[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])  # field 4, after the "(comm)"
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def _vmrss_kb(pid: int) -> Optional[int]:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return 0  # a zombie has no VmRSS line


def tree_rss_mb(pid: int) -> Optional[tuple]:
    """(RSS in MiB of ``pid`` and all its descendants, number of processes), or None when
    the process is gone. psutil if installed, else /proc."""
    try:
        import psutil  # type: ignore
    except ImportError:
        psutil = None
    if psutil is not None:
        try:
            proc = psutil.Process(pid)
            procs = [proc] + proc.children(recursive=True)
            total = 0
            for p in procs:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            return total / 2**20, len(procs)
        except psutil.Error:
            return None
    if _vmrss_kb(pid) is None:
        return None
    tree, pids, i = _children_by_parent(), [pid], 0
    while i < len(pids):
        pids.extend(tree.get(pids[i], []))
        i += 1
    return sum(_vmrss_kb(p) or 0 for p in pids) / 1024, len(pids)


def slope_mb_per_min(points: Sequence[tuple]) -> Optional[float]:
    """Least-squares slope of (minute, MB) points."""
    if len(points) < 2:
        return None
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / den if den else None


def memory_report(samples: List[tuple], minutes: float) -> Optional[dict]:
    """samples: (minute since start, MB, processes)."""
    if not samples:
        return None
    second_half = [(t, mb) for t, mb, _ in samples if t >= minutes / 2]
    slope = slope_mb_per_min(second_half)
    start, end = samples[0][1], samples[-1][1]
    no_growth = slope is not None and slope < GROWTH_SLOPE_MB_PER_MIN and end <= start + GROWTH_END_MB
    return {
        "start_mb": round(start, 1),
        "max_mb": round(max(s[1] for s in samples), 1),
        "end_mb": round(end, 1),
        "slope_second_half_mb_per_min": None if slope is None else round(slope, 2),
        "second_half_samples": len(second_half),
        "processes": samples[-1][2],
        "samples": len(samples),
        "no_growth": no_growth,
    }


# --------------------------------------------------------------------------- load


def pct(values: Sequence[float], p: float) -> Optional[float]:
    """bench/load.py's nearest-rank percentile, rounded to 1 decimals."""
    value = percentile(values, p)
    return None if value is None else round(value, 1)


class Soak:
    def __init__(self, url: str, args: argparse.Namespace) -> None:
        self.url, self.args = url, args
        self.run_id = uuid.uuid4().hex[:6]
        self.requests: List[tuple] = []  # (minute index, latency ms) of answered turns
        self.errors: Dict[str, int] = {"http": 0, "timeout": 0, "connection": 0, "empty_reply": 0}
        self.error_minutes: Dict[int, int] = {}
        self.error_examples: List[str] = []
        self.conversations = 0

    def _error(self, kind: str, minute: int, detail: str) -> None:
        self.errors[kind] += 1
        self.error_minutes[minute] = self.error_minutes.get(minute, 0) + 1
        if len(self.error_examples) < 10:
            self.error_examples.append(detail)

    async def turn(self, http: aiohttp.ClientSession, sender: str, text: str, t0: float) -> None:
        start = time.perf_counter()
        minute = int((start - t0) // 60)
        try:
            async with http.post(
                f"{self.url}/webhooks/rest/webhook",
                json={"sender": sender, "message": text},
                timeout=aiohttp.ClientTimeout(total=self.args.timeout),
            ) as resp:
                body = await resp.read()
                if resp.status != 200:
                    self._error("http", minute, f"HTTP {resp.status} for {text!r}")
                    return
        except asyncio.TimeoutError:
            self._error("timeout", minute, f"timeout after {self.args.timeout}s for {text!r}")
            return
        except aiohttp.ClientError as exc:
            self._error("connection", minute, f"{type(exc).__name__} for {text!r}")
            return
        ms = (time.perf_counter() - start) * 1000
        try:
            replies = json.loads(body)
        except ValueError:
            replies = None
        if not isinstance(replies, list) or not any(
            r.get("text") or r.get("image") or r.get("buttons") for r in replies if isinstance(r, dict)
        ):
            self._error("empty_reply", minute, f"empty reply to {text!r}")
            return
        self.requests.append((minute, ms))

    async def user(
        self, http: aiohttp.ClientSession, index: int, t0: float, deadline: float, record: bool = True
    ) -> None:
        rng = random.Random(self.args.seed * 1000 + index)
        await asyncio.sleep(rng.uniform(0, 2 * self.args.think_max))  # stagger the starts
        visit = 0
        while time.perf_counter() < deadline:
            sender = f"soak-{self.run_id}-{index}-{visit // self.args.loops_per_sender}"
            if record and visit % self.args.loops_per_sender == 0:
                self.conversations += 1
            for text in visit_script(rng):
                if time.perf_counter() >= deadline:
                    return
                if record:
                    await self.turn(http, sender, text, t0)
                else:
                    async with http.post(
                        f"{self.url}/webhooks/rest/webhook", json={"sender": sender, "message": text}
                    ) as resp:
                        await resp.read()
                await asyncio.sleep(rng.uniform(self.args.think_min, self.args.think_max))
            visit += 1
            if not record:
                return


async def sampler(
    pids: Dict[str, int], samples: Dict[str, List[tuple]], t0: float, stop: asyncio.Event, every: float
) -> None:
    while True:
        minute = (time.perf_counter() - t0) / 60
        for name, pid in pids.items():
            got = tree_rss_mb(pid)
            if got is not None:
                samples[name].append((minute, got[0], got[1]))
        try:
            await asyncio.wait_for(stop.wait(), timeout=every)
            break
        except asyncio.TimeoutError:
            pass
    minute = (time.perf_counter() - t0) / 60  # one last sample at the end
    for name, pid in pids.items():
        got = tree_rss_mb(pid)
        if got is not None:
            samples[name].append((minute, got[0], got[1]))


async def run_soak(url: str, pids: Dict[str, int], args: argparse.Namespace) -> dict:
    soak = Soak(url, args)
    connector = aiohttp.TCPConnector(limit=max(100, args.users * 2))
    async with aiohttp.ClientSession(connector=connector) as http:
        # warm-up: two full passes of the script (model, TensorFlow graphs, action server,
        # database connections), not counted; RSS "start" is the first sample after it.
        print(f"==> warm-up (2 users × one pass of {len(visit_script(random.Random(0)))} turns)", flush=True)
        far = time.perf_counter() + 3600
        await asyncio.gather(*(soak.user(http, -1 - i, time.perf_counter(), far, record=False) for i in range(2)))
        print(f"==> soak: {args.users} users for {args.minutes} min", flush=True)
        samples: Dict[str, List[tuple]] = {name: [] for name in pids}
        stop = asyncio.Event()
        t0 = time.perf_counter()
        deadline = t0 + args.minutes * 60
        sampling = asyncio.create_task(sampler(pids, samples, t0, stop, args.sample_every))
        progress = asyncio.create_task(report_progress(soak, samples, t0, deadline))
        await asyncio.gather(*(soak.user(http, i, t0, deadline) for i in range(args.users)))
        wall = time.perf_counter() - t0
        stop.set()
        await sampling
        progress.cancel()
    return summarise(soak, samples, wall, args)


async def report_progress(soak: Soak, samples: Dict[str, List[tuple]], t0: float, deadline: float) -> None:
    while True:
        await asyncio.sleep(60)
        rss = ", ".join(f"{name} {s[-1][1]:.0f} MB" for name, s in samples.items() if s)
        print(
            f"    {(time.perf_counter() - t0) / 60:4.1f} min: {len(soak.requests)} answered, "
            f"{sum(soak.errors.values())} errors; {rss}",
            flush=True,
        )


def summarise(soak: Soak, samples: Dict[str, List[tuple]], wall: float, args: argparse.Namespace) -> dict:
    lat = [ms for _, ms in soak.requests]
    errors = sum(soak.errors.values())
    minutes = sorted({m for m, _ in soak.requests} | set(soak.error_minutes))
    per_minute = []
    for m in minutes:
        in_minute = [ms for mm, ms in soak.requests if mm == m]
        per_minute.append(
            {
                "minute": m + 1,
                "requests": len(in_minute) + soak.error_minutes.get(m, 0),
                "errors": soak.error_minutes.get(m, 0),
                "p50_ms": pct(in_minute, 50),
                "p95_ms": pct(in_minute, 95),
            }
        )
    rasa = memory_report(samples.get("rasa", []), args.minutes)
    actions = memory_report(samples.get("actions", []), args.minutes)
    targets = {
        "zero_errors": errors == 0,
        "rasa_rss_max_le_1536_mb": None if rasa is None else rasa["max_mb"] <= RSS_LIMIT_MB,
        "rasa_no_growth": None if rasa is None else rasa["no_growth"],
        "actions_no_growth": None if actions is None else actions["no_growth"],
    }
    judged = [v for v in targets.values() if v is not None]
    return {
        "users": args.users,
        "minutes": args.minutes,
        "seed": args.seed,
        "think_s": [args.think_min, args.think_max],
        "loops_per_sender": args.loops_per_sender,
        "conversations": soak.conversations,
        "requests": len(lat) + errors,
        "answered": len(lat),
        "errors": errors,
        "errors_by_kind": soak.errors,
        "error_examples": soak.error_examples,
        "p50_ms": pct(lat, 50),
        "p95_ms": pct(lat, 95),
        "p99_ms": pct(lat, 99),
        "throughput_rps": round(len(lat) / wall, 2) if wall else None,
        "per_minute": per_minute,
        "rss_rasa": rasa,
        "rss_actions": actions,
        "growth_rule": (
            f"no growth = least-squares slope over the second half < {GROWTH_SLOPE_MB_PER_MIN:g} MB/min "
            f"and end <= start + {GROWTH_END_MB:g} MB (MB = MiB, RSS of the process and its children)"
        ),
        "targets": targets,
        # None: something was not measured (e.g. --url without pids)
        "pass": all(judged) if None not in targets.values() else (False if not all(judged) else None),
    }


# --------------------------------------------------------------------------- report


def machine() -> str:
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"Machine: {platform.node()} ({platform.machine()}, {nproc} cores), Python {platform.python_version()}; "
        f"load average at the end (1/5/15 min): {load}."
    )


def yes_no(value: Optional[bool]) -> str:
    return "not measured" if value is None else ("**pass**" if value else "**FAIL**")


def mem_row(name: str, mem: Optional[dict]) -> str:
    if mem is None:
        return f"| {name} | – | – | – | – |"
    slope = mem["slope_second_half_mb_per_min"]
    return (
        f"| {name} | {mem['start_mb']} | {mem['max_mb']} | {mem['end_mb']} | "
        f"{'–' if slope is None else f'{slope:+.2f}'} |"
    )


def record(summary: dict, target: str) -> None:
    s = summary
    minutes_rows = "\n".join(
        f"| {m['minute']} | {m['requests']} | {m['errors']} | {m['p50_ms']} | {m['p95_ms']} |" for m in s["per_minute"]
    )
    t = s["targets"]
    section = f"""
## {dt.datetime.now():%Y-%m-%d %H:%M} — soak: {s["users"]} users × {s["minutes"]} min (bench/soak.py)
{machine()}
Target: {target}. Each user loops the bench/load.py questions plus a mood check-in (14 turns), think time
{s["think_s"][0]}-{s["think_s"][1]} s (seed {s["seed"]}), new sender every {s["loops_per_sender"]} passes
({s["conversations"]} conversations). RSS = VmRSS of the process and its children, MB = MiB, sampled every
{summary.get("sample_every", 10):g} s after a warm-up.

| requests | errors | p50 ms | p95 ms | p99 ms | req/s |
|---|---|---|---|---|---|
| {s["requests"]} | {s["errors"]} {"" if not s["errors"] else json.dumps(s["errors_by_kind"])} | {s["p50_ms"]} | {s["p95_ms"]} | {s["p99_ms"]} | {s["throughput_rps"]} |

| process | RSS start (MB) | max (MB) | end (MB) | slope, 2nd half (MB/min) |
|---|---|---|---|---|
{mem_row("Rasa server", s["rss_rasa"])}
{mem_row("action server", s["rss_actions"])}

| minute | requests | errors | p50 ms | p95 ms |
|---|---|---|---|---|
{minutes_rows}

Targets: 0 errors {yes_no(t["zero_errors"])}; Rasa RSS ≤ 1.5 GB (1536 MB) {yes_no(t["rasa_rss_max_le_1536_mb"])};
no growth — {s["growth_rule"]} — Rasa {yes_no(t["rasa_no_growth"])}, action server {yes_no(t["actions_no_growth"])}.
Overall: {yes_no(s["pass"])}.
"""
    append_results(section)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--users", type=int, default=20)
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--think-min", type=float, default=0.5, help="seconds (default 0.5)")
    ap.add_argument("--think-max", type=float, default=1.5, help="seconds (default 1.5)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--loops-per-sender",
        type=int,
        default=2,
        help="passes over the script before a user starts a new conversation (default 2)",
    )
    ap.add_argument("--sample-every", type=float, default=10.0, help="RSS sampling period in seconds (default 10)")
    ap.add_argument("--timeout", type=float, default=30.0, help="per-request timeout in seconds (default 30)")
    ap.add_argument("--url", help="use an already running Rasa server instead of starting our stack")
    ap.add_argument("--rasa-pid", type=int, help="with --url: pid of the Rasa server, to sample its RSS")
    ap.add_argument("--actions-pid", type=int, help="with --url: pid of the action server")
    ap.add_argument("--record", action="store_true", help="append the results to bench/RESULTS.md")
    args = ap.parse_args()

    if args.url:
        pids = {k: v for k, v in (("rasa", args.rasa_pid), ("actions", args.actions_pid)) if v}
        summary = asyncio.run(run_soak(args.url.rstrip("/"), pids, args))
        target = f"already running server {args.url}"
    else:
        if not MODEL.exists():
            sys.exit("models/companion.tar.gz is missing: run `make train`")
        with tempfile.TemporaryDirectory() as tmp:
            stack = make_stack(Path(tmp) / "ours")
            stack.rollover_after = ROLLOVER  # as in endpoints.yml (make_stack's default is 150)
            try:
                print("==> starting action server and Rasa", flush=True)
                stack.start_actions()
                stack.start_rasa()
                pids = {"rasa": stack.procs["rasa"].pid, "actions": stack.procs["actions"].pid}
                summary = asyncio.run(run_soak(stack.rasa_url, pids, args))
                for name in ("rasa", "actions"):
                    if stack.procs[name].poll() is not None:
                        summary["pass"] = False
                        summary.setdefault("crashed", []).append(name)
                if summary["errors"] or summary.get("crashed"):
                    for name in ("rasa", "actions"):
                        log = (stack.workdir / f"{name}.log").read_text(errors="replace")[-3000:]
                        print(f"--- tail of {name}.log ---\n{log}", file=sys.stderr)
            finally:
                stack.stop_all()
        target = (
            f"our stack started by the script (Rasa + action server, SQLite tracker store rolling over "
            f"every {ROLLOVER} events as in endpoints.yml, SQLite database)"
        )
    summary["sample_every"] = args.sample_every
    print(json.dumps(summary, indent=2))
    if args.record:
        record(summary, target)


if __name__ == "__main__":
    main()
