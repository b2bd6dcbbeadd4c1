"""Re-alerts end to end (issue 19 item 3) with the real processes: ``python -m bot
scheduler`` and ``python -m bot notifier`` as subprocesses, the fake Bot API, a migrated
SQLite database. The interval is set short (0.05 min = 3 s) and the service is outside
support hours (today is a holiday), so re-alerts go to the staff chat and the on-call chat.
Acknowledging (the operator CLI, a third process) stops them.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.channels import address_book
from bot.db.models import AuditLog, Escalation
from bot.db.session import dispose_engines, session_scope, upgrade
from bot.db.types import utcnow
from bot.escalation.service import open_escalation
from tests.servers import ROOT, stop_process
from tests.telegram_fixtures import TEST_ADDRESS_KEY, E2EBotAPI

pytestmark = pytest.mark.integration

STAFF_CHAT = -1_009_001
ONCALL_CHAT = -1_009_002
INTERVAL_S = 3.0


def _wait(predicate, timeout, what, logs=lambda: ""):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout}s\n{logs()}")
        time.sleep(0.1)


def test_unacknowledged_critical_is_realerted_then_stops_after_acknowledge(tmp_path):
    db_url = f"sqlite:///{tmp_path / 'companion.db'}"
    upgrade(db_url)
    today = utcnow().date()
    api = E2EBotAPI().start()
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        DATABASE_URL=db_url,
        COMPANION_VAR_DIR=str(tmp_path / "var"),
        COMPANION_HMAC_KEY="integration-test-key",
        COMPANION_ADDRESS_KEY=TEST_ADDRESS_KEY,
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_API_BASE_URL=api.base_url,
        TELEGRAM_STAFF_CHAT_ID=str(STAFF_CHAT),
        ONCALL_TELEGRAM_CHAT_ID=str(ONCALL_CHAT),
        SUPPORT_HOURS_TZ="UTC",
        SUPPORT_HOURS="Mon-Fri 09:00-17:00",
        SUPPORT_HOLIDAYS=f"{today},{today + timedelta(days=1)}",
        ESCALATION_REALERT_CRITICAL_MINUTES=str(INTERVAL_S / 60),
        ESCALATION_REALERT_HIGH_MINUTES="60",
        NOTIFIER_POLL_INTERVAL="0.2",
        NOTIFIER_BACKOFF_BASE="0.2",
        PYTHONUNBUFFERED="1",
    )
    env.pop("COMPANION_ENV", None)
    procs, logs = {}, {}
    for name, argv in (("scheduler", ["scheduler", "--interval", "0.5"]), ("notifier", ["notifier"])):
        logs[name] = tmp_path / f"{name}.log"
        procs[name] = subprocess.Popen(
            [sys.executable, "-m", "bot", *argv],
            cwd=ROOT,
            env=env,
            stdout=open(logs[name], "wb"),
            stderr=subprocess.STDOUT,
        )
    tail = lambda: "\n".join(f"--- {n}\n{p.read_text(errors='replace')[-2500:]}" for n, p in logs.items())  # noqa: E731
    try:
        with session_scope(db_url) as session:
            esc, _ = open_escalation(
                session,
                user_key=address_book.key_for("telegram", 5551234),
                channel="telegram",
                severity="critical",
                reason="crisis",
                excerpt="I want to end it",
                dedup_minutes=30,
            )
            esc_id = esc.id
        opened = time.monotonic()
        staff = lambda: [m for m in api.messages(STAFF_CHAT) if f"Escalation #{esc_id}" in m.get("text", "")]  # noqa: E731
        realerts = lambda: [m for m in staff() if "RE-ALERT" in m["text"]]  # noqa: E731
        _wait(lambda: staff(), 20, "first alert", tail)
        first = _wait(realerts, 20, "re-alert in the staff chat", tail)[0]
        assert time.monotonic() - opened >= INTERVAL_S - 0.5, "not before the interval"
        assert re.match(
            r"⏰ RE-ALERT \d+: not acknowledged after less than a minute · outside support hours", first["text"]
        ), first["text"]
        assert [b["callback_data"] for row in first["reply_markup"]["inline_keyboard"] for b in row] == [
            f"esc:ack:{esc_id}",
            f"esc:res:{esc_id}",
        ]
        oncall = _wait(lambda: api.messages(ONCALL_CHAT), 10, "on-call message", tail)
        assert f"Escalation #{esc_id}" in oncall[0]["text"] and "reply_markup" not in oncall[0]
        assert "I want to end it" in oncall[0]["text"]
        # keeps going, one per interval
        _wait(lambda: len(realerts()) >= 2, 20, "second re-alert", tail)

        ack = subprocess.run(
            [sys.executable, "-m", "bot", "escalations", "ack", str(esc_id), "--actor", "alice"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert ack.returncode == 0, ack.stderr
        acked_at = time.monotonic()
        time.sleep(0.5)  # a re-alert already in flight may still land
        count_staff, count_oncall = len(realerts()), len(api.messages(ONCALL_CHAT))
        time.sleep(INTERVAL_S * 3)
        assert len(realerts()) == count_staff, "re-alerts stopped after acknowledge"
        assert len(api.messages(ONCALL_CHAT)) == count_oncall
        assert time.monotonic() - acked_at >= INTERVAL_S * 3

        slots = [int(m["text"].split("RE-ALERT ")[1].split(":")[0]) for m in realerts()]
        assert slots == sorted(set(slots)), f"one per interval, no repeats: {slots}"
        with session_scope(db_url) as session:
            audited = (
                session.execute(
                    select(AuditLog).where(AuditLog.escalation_id == esc_id, AuditLog.action == "escalation_realerted")
                )
                .scalars()
                .all()
            )
            # every re-alert sent was audited (superseded ones too, so there may be more)
            assert set(slots) <= {a.detail_dict["realert"] for a in audited}
            assert all(a.detail_dict["oncall"] and not a.detail_dict["in_hours"] for a in audited)
            assert session.get(Escalation, esc_id).status == "acknowledged"
        for name, proc in procs.items():
            assert proc.poll() is None, f"{name} died\n{tail()}"
    finally:
        for proc in procs.values():
            stop_process(proc, grace=10)
        api.stop()
        dispose_engines(db_url)
