"""``python -m bot`` end to end in subprocesses against a temporary SQLite database."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Column, Integer, MetaData, String, Table, insert, select
from sqlalchemy.future import create_engine

from bot.checkins import service as checkins
from bot.checkins.service import record_checkin, set_reminder
from bot.config import load_settings
from bot.db.models import AuditLog, Checkin, Escalation, Outbox, Staff
from bot.db.session import dispose_engines, session_scope
from bot.escalation.service import open_escalation, record_or_spool
from bot.privacy.pseudonym import user_key
from bot.users import get_or_create_user

ROOT = Path(__file__).resolve().parent.parent
HMAC = "cli-test-key"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def cli(tmp_path):
    """Run ``python -m bot ...``; returns (CompletedProcess, env dict)."""
    env = {k: v for k, v in os.environ.items() if k not in ("STAFF_PASSWORD",)}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'var' / 'companion.db'}",
        COMPANION_VAR_DIR=str(tmp_path / "var"),
        COMPANION_SPOOL_DIR=str(tmp_path / "spool"),
        TRACKER_DB_URL=f"sqlite:///{tmp_path / 'tracker.db'}",
        COMPANION_HMAC_KEY=HMAC,
        COMPANION_ENV="development",
    )

    def run(*args, extra_env=None, check=None):
        proc = subprocess.run(
            [sys.executable, "-m", "bot", *args],
            cwd=ROOT,
            env={**env, **(extra_env or {})},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if check is not None:
            assert proc.returncode == check, proc.stderr
        return proc

    run.env = env
    run.db_url = env["DATABASE_URL"]
    run("db", "upgrade", check=0)
    yield run
    dispose_engines(run.db_url)


def _key(raw):
    return user_key("widget", raw, HMAC.encode())


def _escalation(db_url, raw="42", excerpt="I want to die"):
    with session_scope(db_url) as s:
        esc, _ = open_escalation(
            s,
            user_key=_key(raw),
            channel="widget",
            severity="critical",
            reason="crisis",
            excerpt=excerpt,
            dedup_minutes=30,
        )
        return esc.id


def test_usage_errors_exit_2(cli):
    assert cli().returncode == 2
    assert cli("escalations", "list", "--status", "bogus").returncode == 2
    assert cli("escalations", "ack", "1").returncode == 2  # --actor is required
    assert cli("nonsense").returncode == 2
    assert cli("--help").returncode == 0


def test_escalations_list_ack_resolve(cli):
    assert json.loads(cli("escalations", "list", "--json", check=0).stdout) == []
    esc_id = _escalation(cli.db_url)
    rows = json.loads(cli("escalations", "list", "--json", check=0).stdout)
    assert [(r["id"], r["status"], r["severity"], r["reason"]) for r in rows] == [
        (esc_id, "open", "critical", "crisis")
    ]
    assert "crisis" in cli("escalations", "list", check=0).stdout
    cli("escalations", "ack", str(esc_id), "--actor", "alice", check=0)
    assert json.loads(cli("escalations", "list", "--status", "open", "--json", check=0).stdout) == []
    cli("escalations", "resolve", str(esc_id), "--actor", "alice", "--note", "called", check=0)
    bad = cli("escalations", "ack", str(esc_id), "--actor", "alice")
    assert bad.returncode == 1 and "cannot move escalation from resolved" in bad.stderr
    missing = cli("escalations", "resolve", "999", "--actor", "alice")
    assert missing.returncode == 1 and "not found" in missing.stderr
    with session_scope(cli.db_url) as s:
        actors = s.execute(select(AuditLog.actor, AuditLog.action).order_by(AuditLog.id)).all()
        assert actors[1:] == [("staff:alice", "escalation_acknowledged"), ("staff:alice", "escalation_resolved")]
        assert s.get(Escalation, esc_id).resolution_note == "called"


def _make_tracker(url, senders):
    engine = create_engine(url)
    events = Table("events", MetaData(), Column("id", Integer, primary_key=True), Column("sender_id", String(255)))
    events.create(engine)
    with engine.begin() as conn:
        for sender in senders:
            conn.execute(insert(events).values(sender_id=sender))
    return engine


def test_users_export_and_delete(cli):
    with session_scope(cli.db_url) as s:
        for raw in ("555", "777"):
            record_checkin(s, user_key=_key(raw), channel="widget", score=6, note=f"note {raw}")
    _escalation(cli.db_url, raw="555", excerpt="private words")
    tracker = _make_tracker(cli.env["TRACKER_DB_URL"], ["555", "555", "777"])

    out = cli("users", "export", "--channel", "widget", "--id", "555", check=0)
    data = json.loads(out.stdout)
    assert data["checkins"][0]["note"] == "note 555" and data["user"]["user_key"] == _key("555")
    by_key = json.loads(cli("users", "export", "--key", _key("555"), check=0).stdout)
    assert by_key["checkins"] == data["checkins"]
    assert cli("users", "export", "--id", "555").returncode == 2  # needs --channel

    refused = cli("users", "delete", "--channel", "widget", "--id", "555")
    assert refused.returncode == 2 and "--yes" in refused.stderr
    with session_scope(cli.db_url) as s:
        assert len(s.execute(select(Checkin)).scalars().all()) == 2
    down = dataclasses.replace(  # a check-in each saved while the database was down
        load_settings(),
        database_url="postgresql://companion@127.0.0.1:1/x",
        spool_dir=Path(cli.env["COMPANION_SPOOL_DIR"]),
        hmac_key=HMAC.encode(),
    )
    for raw in ("555", "777"):
        checkins.record_or_spool(down, user_key=_key(raw), channel="widget", score=7, note=f"spooled {raw}")

    done = cli("users", "delete", "--channel", "widget", "--id", "555", "--yes", check=0)
    assert "conversation history" in done.stdout and "kept" in done.stdout
    assert "I also removed 1 check-in that was waiting to be saved." in done.stdout
    assert [e.record["note"] for e in checkins.spool_for(down).pending()] == ["spooled 777"]
    with session_scope(cli.db_url) as s:
        assert [c.note for c in s.execute(select(Checkin)).scalars()] == ["note 777"]
        assert s.execute(select(Escalation.excerpt)).scalar_one() is None
    with tracker.connect() as conn:
        assert conn.exec_driver_sql("SELECT sender_id FROM events").scalars().all() == ["777"]
    tracker.dispose()


def test_staff_create_hashes_password(cli):
    cli("staff", "create", "Alice", "--role", "admin", extra_env={"STAFF_PASSWORD": PASSWORD}, check=0)
    cli("staff", "create", "bob", "--password-env", "BOB_PW", extra_env={"BOB_PW": PASSWORD}, check=0)
    with session_scope(cli.db_url) as s:
        staff = {u.username: u for u in s.execute(select(Staff)).scalars()}
    assert set(staff) == {"alice", "bob"} and staff["alice"].role == "admin"
    assert staff["bob"].role == "staff"
    for user in staff.values():
        assert user.password_hash.startswith("$argon2id$") and PASSWORD not in user.password_hash
        assert PasswordHasher().verify(user.password_hash, PASSWORD)
    dup = cli("staff", "create", "alice", extra_env={"STAFF_PASSWORD": PASSWORD})
    assert dup.returncode == 1 and "already exists" in dup.stderr
    short = cli("staff", "create", "carol", extra_env={"STAFF_PASSWORD": "short"})
    assert short.returncode == 1 and "at least" in short.stderr
    no_pw = cli("staff", "create", "dave")  # no env var, stdin not a tty
    assert no_pw.returncode == 1 and "STAFF_PASSWORD" in no_pw.stderr
    assert cli("staff", "create", "x y", extra_env={"STAFF_PASSWORD": PASSWORD}).returncode == 2


def test_spool_drain_and_scheduler(cli, tmp_path):
    settings = dataclasses.replace(
        load_settings(),
        database_url="postgresql://companion@127.0.0.1:1/x",
        spool_dir=Path(cli.env["COMPANION_SPOOL_DIR"]),
        hmac_key=HMAC.encode(),
    )
    assert (
        record_or_spool(
            settings,
            user_key=_key("9"),
            channel="widget",
            severity="critical",
            reason="crisis",
            excerpt="spooled while down",
        )
        is None
    )
    out = cli("spool", "drain", check=0)
    assert "replayed 1 escalation" in out.stdout
    with session_scope(cli.db_url) as s:
        assert s.execute(select(Escalation.excerpt)).scalar_one() == "spooled while down"

    now = datetime.now(timezone.utc)
    with session_scope(cli.db_url) as s:
        get_or_create_user(s, _key("10"), "widget")
        set_reminder(s, _key("10"), "00:00", "UTC", now=now - timedelta(days=1))
        s.flush()
        # Make it due today regardless of the time of day the test runs.
        user = get_or_create_user(s, _key("10"), "widget")
        user.reminder_last_sent_on = None
    cli("scheduler", "--once", check=0)
    cli("scheduler", "--once", check=0)
    with session_scope(cli.db_url) as s:
        rows = s.execute(select(Outbox).where(Outbox.kind == "reminder")).scalars().all()
        assert len(rows) == 1 and rows[0].payload["user_key"] == _key("10")
    down = cli("scheduler", "--once", extra_env={"DATABASE_URL": "postgresql://x@127.0.0.1:1/x"})
    assert down.returncode == 1


def test_reminders_list_json(cli):
    from datetime import date as _date

    from bot.care_reminders.parsing import ReminderDraft
    from bot.care_reminders.service import create_reminder

    out = cli("reminders", "list", check=0)
    assert "no care reminders" in out.stdout
    with session_scope(cli.db_url) as s:
        create_reminder(
            s,
            user_key=_key("77"),
            channel="widget",
            timezone="Europe/London",
            draft=ReminderDraft(kind="medication", label="Ibrance", time_of_day="09:00", pattern="daily"),
        )
        create_reminder(
            s,
            user_key=_key("78"),
            channel="widget",
            draft=ReminderDraft(
                kind="appointment",
                label="bone marrow biopsy",
                time_of_day="10:00",
                pattern="once",
                start_date=_date(2099, 12, 4),
            ),
        )
    rows = json.loads(cli("reminders", "list", "--json", check=0).stdout)
    assert [r["label"] for r in rows] == ["Ibrance", "bone marrow biopsy"]
    assert rows[0]["user"] == _key("77")[:12] and len(rows[0]["user"]) == 12
    assert (rows[0]["kind"], rows[0]["pattern"], rows[0]["time"], rows[0]["timezone"], rows[0]["status"]) == (
        "medication",
        "daily",
        "09:00",
        "Europe/London",
        "active",
    )
    assert datetime.fromisoformat(rows[0]["next_due"]) > datetime.now(timezone.utc)
    assert rows[1]["next_due"] == "2099-12-03T18:00:00+00:00"
    text = cli("reminders", "list", check=0).stdout
    assert "Ibrance" in text and _key("77") not in text
    cli("scheduler", "--once", check=0)  # the planner runs inside the scheduler pass
