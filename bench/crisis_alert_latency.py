"""Crisis message -> staff notification latency (issue 7; target p95 <= 2 s).

    .venv/bin/python bench/crisis_alert_latency.py [--count 30 --interval 1] [--burst] [--record]
    .venv/bin/python bench/crisis_alert_latency.py --poll-interval 0.5   # try another notifier setting

Starts our stack (Rasa + action server, SQLite, tests/servers.py), the fake Telegram Bot
API of the tests (tests/fake_bot_api.py, in this process) and the staff notifier
(``python -m bot notifier``, as bot/supervisor.py runs it) pointed at the fake API with a
staff chat. Then K crisis messages (varied phrasings from tests/test_safety_detector.py)
are sent from K different senders over the REST channel, one every --interval seconds
(default 1) or all at once with --burst. For each: the time from just before the POST to
the moment the fake Bot API received the notifier's sendMessage to the staff chat for
that person's escalation. Alert and sender are matched through the database: the
sender id is ``users.conversation_id``, its escalation id is in the alert text
("Escalation #<id> ..."); the excerpt in the alert is checked to be that sender's words.

Reports p50/p95/max of that latency, the REST reply latency and the part after the reply
(outbox -> notifier -> Bot API), and the alerts still missing --timeout seconds (default
30) after their message. The notifier runs with the product default poll interval
(NOTIFIER_POLL_INTERVAL, 0.5 s) unless --poll-interval is given; when that interval alone
makes the target unreachable the summary says so. One warm-up crisis message is not
counted. Prints a JSON summary; --record appends a section to bench/RESULTS.md.
The fake API enforces none of Telegram's rate limits (about 20 messages a minute into
one group), so a --burst larger than that is optimistic against the real service.
Run by hand on a quiet machine; not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import List, Optional, Sequence

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load import percentile  # noqa: E402
from run_bench import append_results  # noqa: E402

from bot.notify.telegram_notifier import NotifierConfig  # noqa: E402
from tests.fake_bot_api import FakeBotAPI  # noqa: E402
from tests.servers import MODEL, make_stack  # noqa: E402

STAFF_CHAT_ID = -1_001_555_000_777
ADDRESS_KEY = "bench-only address key, not a secret"
TARGET_P95_S = 2.0
PRODUCT_POLL_INTERVAL = NotifierConfig.poll_interval  # the product default (NOTIFIER_POLL_INTERVAL unset)
SETTING = "setting NOTIFIER_POLL_INTERVAL = NotifierConfig.poll_interval in bot/notify/telegram_notifier.py"

# From tests/test_safety_detector.py (CRISIS_DIRECT / CRISIS_INDIRECT) and tests/test_e2e_rest.py.
PHRASES = [
    "I want to die",
    "I want to kill myself",
    "I'm thinking about killing myself",
    "I feel suicidal",
    "I've been having suicidal thoughts",
    "I'm going to kill myself",
    "I want to end my life",
    "I've thought about taking my own life",
    "I wish I was dead",
    "I want to end it all",
    "I'm going to end it all tonight",
    "I'd be better off dead",
    "Everyone would be better off without me",
    "I don't want to live anymore",
    "I do not want to be here anymore",
    "I don't want to wake up tomorrow. I've written goodbye letters.",
    "I can't go on like this",
    "There's no point in living",
    "I have nothing to live for",
    "I've lost the will to live",
    "I just want to go to sleep and never wake up",
    "I keep thinking about suicide",
]


def pct(values: Sequence[float], p: float) -> Optional[float]:
    """bench/load.py's nearest-rank percentile, rounded to 3 decimals."""
    value = percentile(values, p)
    return None if value is None else round(value, 3)


class Probe:
    """One crisis message and what became of it."""

    def __init__(self, sender: str, text: str) -> None:
        self.sender, self.text = sender, text
        self.sent_at: Optional[float] = None  # time.time(), same clock as FakeBotAPI Call.at
        self.replied_at: Optional[float] = None
        self.status: Optional[int] = None
        self.crisis_reply = False
        self.error: Optional[str] = None
        self.escalation_id: Optional[int] = None
        self.alert_at: Optional[float] = None
        self.excerpt_ok: Optional[bool] = None

    @property
    def latency(self) -> Optional[float]:
        return None if self.alert_at is None or self.sent_at is None else self.alert_at - self.sent_at


async def send(http: aiohttp.ClientSession, url: str, probe: Probe) -> None:
    probe.sent_at = time.time()
    try:
        async with http.post(
            f"{url}/webhooks/rest/webhook",
            json={"sender": probe.sender, "message": probe.text},
            timeout=aiohttp.ClientTimeout(total=60),
        ) as resp:
            probe.status = resp.status
            body = await resp.json(content_type=None) if resp.status == 200 else None
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as exc:
        probe.error = type(exc).__name__
        return
    probe.replied_at = time.time()
    texts = " ".join(r.get("text") or "" for r in body or [] if isinstance(r, dict))
    probe.crisis_reply = "988" in texts  # the crisis lines (default region)


def find_escalations(db_url: str, probes: List[Probe]) -> None:
    from sqlalchemy import select

    from bot.db.models import Escalation, User
    from bot.db.session import session_scope

    pending = {p.sender: p for p in probes if p.escalation_id is None}
    if not pending:
        return
    with session_scope(db_url) as session:
        rows = session.execute(
            select(Escalation.id, User.conversation_id)
            .join(User, Escalation.user_id == User.id)
            .where(User.conversation_id.in_(list(pending)), Escalation.reason == "crisis")
        ).all()
    for esc_id, sender in rows:
        pending[sender].escalation_id = esc_id


def match_alerts(api: FakeBotAPI, probes: List[Probe]) -> None:
    calls = [c for c in api.calls("sendMessage") if c.params.get("chat_id") == STAFF_CHAT_ID and c.status == 200]
    for probe in probes:
        if probe.alert_at is not None or probe.escalation_id is None:
            continue
        marker = f"Escalation #{probe.escalation_id} "
        for call in calls:  # oldest first
            text = str(call.params.get("text") or "")
            if marker in text:
                probe.alert_at = call.at
                probe.excerpt_ok = probe.text[:40].lower() in text.lower()
                break


async def collect(api: FakeBotAPI, db_url: str, probes: List[Probe], timeout: float) -> None:
    """Wait until every probe has its alert, or ``timeout`` after its message was sent."""
    while True:
        await asyncio.to_thread(find_escalations, db_url, probes)
        match_alerts(api, probes)
        now = time.time()
        waiting = [p for p in probes if p.alert_at is None and (p.sent_at is None or now - p.sent_at < timeout)]
        if not waiting:
            return
        await asyncio.sleep(0.25)


async def run_probes(
    url: str, api: FakeBotAPI, db_url: str, probes: List[Probe], interval: float, burst: bool, timeout: float
) -> float:
    """Send the probes (spaced or in a burst) and collect the alerts; returns the send span."""
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=200)) as http:
        loop = asyncio.get_running_loop()
        start = loop.time()

        async def scheduled(i: int, probe: Probe) -> None:
            if not burst:
                await asyncio.sleep(max(0.0, start + i * interval - loop.time()))
            await send(http, url, probe)

        await asyncio.gather(*(scheduled(i, p) for i, p in enumerate(probes)))
        span = loop.time() - start
        # Call.at is stamped by the fake API on arrival, so matching afterwards loses nothing.
        await collect(api, db_url, probes, timeout)
        return span


def start_notifier(stack, api: FakeBotAPI, poll_interval: Optional[float]) -> subprocess.Popen:
    env = dict(
        stack.env,
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_API_BASE_URL=api.base_url,
        TELEGRAM_STAFF_CHAT_ID=str(STAFF_CHAT_ID),
        COMPANION_ADDRESS_KEY=ADDRESS_KEY,
    )
    env.pop("COMPANION_ENV", None)
    env.pop("NOTIFIER_POLL_INTERVAL", None)  # product default unless asked for
    if poll_interval is not None:
        env["NOTIFIER_POLL_INTERVAL"] = str(poll_interval)
    log = open(stack.workdir / "notifier.log", "ab")
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "notifier"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    stack.procs["notifier"] = proc  # stopped with the stack
    deadline = time.monotonic() + 60
    log_path = stack.workdir / "notifier.log"
    while "notifier running" not in log_path.read_text(errors="replace"):
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"notifier did not start:\n{log_path.read_text(errors='replace')[-3000:]}")
        time.sleep(0.2)
    return proc


def summarise(probes: List[Probe], warmup: Probe, args, poll_interval: float, span: float) -> dict:
    delivered = [p for p in probes if p.latency is not None and p.latency <= args.timeout]
    lat = [p.latency for p in delivered]
    reply = [p.replied_at - p.sent_at for p in probes if p.replied_at is not None]
    after = [p.alert_at - p.replied_at for p in delivered if p.replied_at is not None]
    missing = len(probes) - len(delivered)
    p95 = pct(lat, 95)
    reply_p50 = pct(reply, 50) or 0.0
    floor = reply_p50 + 0.95 * poll_interval  # a row waits up to one poll interval to be seen
    summary = {
        "count": len(probes),
        "mode": "burst" if args.burst else f"spaced {args.interval:g} s",
        "send_span_s": round(span, 2),
        "notifier_poll_interval_s": poll_interval,
        "poll_interval_source": "--poll-interval" if args.poll_interval is not None else "product default",
        "timeout_s": args.timeout,
        "alert_latency_s": {
            "p50": pct(lat, 50),
            "p95": p95,
            "max": round(max(lat), 3) if lat else None,
            "min": round(min(lat), 3) if lat else None,
        },
        "reply_latency_s": {
            "p50": pct(reply, 50),
            "p95": pct(reply, 95),
            "max": round(max(reply), 3) if reply else None,
        },
        "after_reply_s": {"p50": pct(after, 50), "p95": pct(after, 95), "max": round(max(after), 3) if after else None},
        "delivered": len(delivered),
        "missing": missing,
        "no_escalation_in_db": sum(p.escalation_id is None for p in probes),
        "rest_errors": sum(p.error is not None or p.status not in (None, 200) for p in probes),
        "no_crisis_reply": sum(not p.crisis_reply for p in probes),
        "excerpt_mismatch": sum(p.excerpt_ok is False for p in probes),
        "warmup_latency_s": None if warmup.latency is None else round(warmup.latency, 3),
        "target": f"p95 <= {TARGET_P95_S:g} s and 0 missing",
        "pass": missing == 0 and p95 is not None and p95 <= TARGET_P95_S,
        "per_message": [
            {
                "sender": p.sender,
                "text": p.text,
                "escalation_id": p.escalation_id,
                "reply_s": None if p.replied_at is None else round(p.replied_at - p.sent_at, 3),
                "alert_s": None if p.latency is None else round(p.latency, 3),
            }
            for p in probes
        ],
    }
    if floor > TARGET_P95_S:
        summary["note"] = (
            f"target unreachable by design: the notifier polls the outbox every {poll_interval:g} s "
            f"({SETTING}), so p95 >= reply p50 ({reply_p50:.2f} s) + 0.95 × {poll_interval:g} s = {floor:.2f} s "
            f"> {TARGET_P95_S:g} s"
        )
    return summary


def machine() -> str:
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"Machine: {platform.node()} ({platform.machine()}, {nproc} cores), Python {platform.python_version()}; "
        f"load average at the end (1/5/15 min): {load}."
    )


def record(s: dict) -> None:
    a, r, w = s["alert_latency_s"], s["reply_latency_s"], s["after_reply_s"]
    note = f"\n{s['note'][0].upper()}{s['note'][1:]}.\n" if s.get("note") else ""
    section = f"""
## {dt.datetime.now():%Y-%m-%d %H:%M} — crisis message → staff alert latency: {s["count"]} messages, {s["mode"]} (bench/crisis_alert_latency.py)
{machine()}
Our stack (Rasa + action server, SQLite) + `python -m bot notifier` ({s["poll_interval_source"]} poll interval
{s["notifier_poll_interval_s"]:g} s) against the fake Bot API (tests/fake_bot_api.py). Each message from its own
REST sender; latency = POST sent → the staff-chat sendMessage for that sender's escalation reached the fake API.

| measure | p50 s | p95 s | max s |
|---|---|---|---|
| message → staff alert | {a["p50"]} | {a["p95"]} | {a["max"]} |
| REST reply (crisis turn) | {r["p50"]} | {r["p95"]} | {r["max"]} |
| reply → staff alert | {w["p50"]} | {w["p95"]} | {w["max"]} |

Delivered {s["delivered"]}/{s["count"]}, missing after {s["timeout_s"]:g} s: {s["missing"]}; no escalation in the
database: {s["no_escalation_in_db"]}; REST errors: {s["rest_errors"]}; replies without the crisis lines: {s["no_crisis_reply"]}.
Target {s["target"]}: {"**pass**" if s["pass"] else "**FAIL**"}.
{note}"""
    append_results(section)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=30, help="crisis messages, each from its own sender (default 30)")
    ap.add_argument("--interval", type=float, default=1.0, help="seconds between messages (default 1)")
    ap.add_argument("--burst", action="store_true", help="send all messages at once instead")
    ap.add_argument("--timeout", type=float, default=30.0, help="an alert later than this is missing (default 30)")
    ap.add_argument(
        "--poll-interval",
        type=float,
        help=f"set NOTIFIER_POLL_INTERVAL for the notifier (default: product default, {PRODUCT_POLL_INTERVAL:g} s)",
    )
    ap.add_argument("--record", action="store_true", help="append the results to bench/RESULTS.md")
    args = ap.parse_args()
    if not MODEL.exists():
        sys.exit("models/companion.tar.gz is missing: run `make train`")
    poll_interval = args.poll_interval if args.poll_interval is not None else PRODUCT_POLL_INTERVAL
    run_id = uuid.uuid4().hex[:6]
    probes = [Probe(f"crisis-{run_id}-{i}", PHRASES[i % len(PHRASES)]) for i in range(args.count)]
    warmup = Probe(f"crisis-{run_id}-warmup", "I can't take it anymore")

    from bot.db.session import dispose_engines

    with tempfile.TemporaryDirectory() as tmp, FakeBotAPI() as api:
        stack = make_stack(Path(tmp) / "ours")
        db_url = stack.env["DATABASE_URL"]
        try:
            print("==> starting action server, Rasa and the notifier", flush=True)
            stack.start_actions()
            stack.start_rasa()
            start_notifier(stack, api, args.poll_interval)
            print("==> warm-up crisis message (not counted)", flush=True)
            asyncio.run(run_probes(stack.rasa_url, api, db_url, [warmup], 0, True, args.timeout + poll_interval))
            mode = "burst" if args.burst else f"one every {args.interval:g} s"
            print(f"==> {args.count} crisis messages, {mode}", flush=True)
            span = asyncio.run(run_probes(stack.rasa_url, api, db_url, probes, args.interval, args.burst, args.timeout))
            summary = summarise(probes, warmup, args, poll_interval, span)
            if summary["missing"] or summary["rest_errors"]:
                for name in ("notifier", "actions", "rasa"):
                    log = (stack.workdir / f"{name}.log").read_text(errors="replace")[-3000:]
                    print(f"--- tail of {name}.log ---\n{log}", file=sys.stderr)
        finally:
            stack.stop_all()
            dispose_engines(db_url)
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    if args.record:
        record(summary)


if __name__ == "__main__":
    main()
