"""Privacy: pseudonyms, export, and "delete my data" (including Rasa's tracker events)."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import os
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, Text, func, insert, select
from sqlalchemy.future import create_engine
from sqlalchemy.pool import NullPool

from bot.care_reminders import service as care
from bot.care_reminders.parsing import parse_reminder_request
from bot.checkins import service as checkins
from bot.checkins.service import enqueue_due_reminders, record_checkin, set_reminder
from bot.db.models import AuditLog, CareReminder, Checkin, Escalation, Outbox, ReminderOccurrence, User
from bot.db.registry import load_all_models
from bot.escalation import backstop
from bot.escalation import service as escalations
from bot.escalation.service import open_escalation, transition
from bot.privacy import service as privacy
from bot.privacy.pseudonym import user_key
from bot.privacy.service import delete_user_data, export_user
from bot.users import get_or_create_user, get_user, record_consent

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=timezone.utc)
SECRET_A = "my husband does not know how scared I am"
SECRET_B = "the pain in my hip is worse"


def test_user_key_is_keyed_hmac_of_channel_and_id():
    key = user_key("telegram", 123456789, b"k1")
    expected = hmac.new(b"k1", b"telegram:123456789", hashlib.sha256).hexdigest()
    assert key == expected and len(key) == 64 and "123456789" not in key
    assert user_key("Telegram ", "123456789", b"k1") == key
    assert user_key("widget", 123456789, b"k1") != key
    assert user_key("telegram", 123456789, b"k2") != key
    for channel, raw in (("", 1), ("tele:gram", 1), ("telegram", ""), ("telegram", None)):
        with pytest.raises(ValueError):
            user_key(channel, raw, b"k1")


def test_user_key_defaults_to_settings_key(monkeypatch):
    monkeypatch.setenv("COMPANION_HMAC_KEY", "from-env")
    assert user_key("telegram", 5) == user_key("telegram", 5, b"from-env")


@pytest.fixture
def tracker_url(db_url, tmp_path):
    """A tracker database with a Rasa-like ``events`` table (same PostgreSQL db, or SQLite)."""
    url = db_url if db_url.startswith("postgresql") else f"sqlite:///{tmp_path / 'tracker.db'}"
    engine = create_engine(url, poolclass=NullPool)
    events = Table(
        "events",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("sender_id", String(255), nullable=False),
        Column("type_name", String(255)),
        Column("data", Text),
    )
    events.create(engine)
    with engine.begin() as conn:
        for sender, text in (("sender-a", SECRET_A), ("sender-a", "hi"), ("sender-b", SECRET_B)):
            conn.execute(insert(events).values(sender_id=sender, type_name="user", data=json.dumps({"text": text})))
    yield url
    events.drop(engine)
    engine.dispose()


def _populate(session, key, secret):
    get_or_create_user(session, key, "telegram", role="patient", region="UK")
    record_consent(session, key, at=T0)
    for i, score in enumerate((3, 8)):
        record_checkin(
            session,
            user_key=key,
            channel="telegram",
            score=score,
            mood_word="scared",
            note=secret,
            at=T0 + timedelta(hours=i),
        )
    esc, _ = open_escalation(
        session,
        user_key=key,
        channel="telegram",
        severity="critical",
        reason="crisis",
        excerpt=secret,
        now=T0,
        dedup_minutes=30,
    )
    transition(
        session,
        esc.id,
        status="resolved",
        actor="staff:alice",
        note=f"spoke about: {secret}",
        now=T0 + timedelta(hours=1),
    )
    open_escalation(
        session,
        user_key=key,
        channel="telegram",
        severity="high",
        reason="distress_score",
        excerpt=secret,
        now=T0 + timedelta(hours=2),
        dedup_minutes=30,
    )
    set_reminder(session, key, "09:00", "Europe/London", now=T0 - timedelta(hours=2))
    enqueue_due_reminders(session, T0 + timedelta(hours=1))
    care.create_reminder(
        session,
        user_key=key,
        channel="telegram",
        timezone="Europe/London",
        draft=parse_reminder_request("remind me to take my Ibrance at 9 every day", T0.date()),
        now=T0 - timedelta(days=2),
    )
    care.plan_due(session, T0 + timedelta(hours=3))  # 3 doses: 2 too old to send, 1 sent
    session.commit()


def _rows(session, model, **where):
    stmt = select(model)
    for column, value in where.items():
        stmt = stmt.where(getattr(model, column) == value)
    return session.execute(stmt.order_by(model.id)).scalars().all()


def _everything_as_text(session) -> str:
    """Every value in every table of our database, as one string."""
    parts = []
    for table in load_all_models().sorted_tables:
        for row in session.execute(select(table)).all():
            parts.append(json.dumps([str(v) for v in row]))
    return "\n".join(parts)


def test_export_user_holds_everything_and_serialises(session, make_key):
    key = make_key("a")
    _populate(session, key, SECRET_A)
    data = export_user(session, key)
    json.dumps(data)  # JSON-serialisable
    assert data["user"]["role"] == "patient" and data["user"]["region"] == "UK"
    assert data["user"]["reminder_time"] == "09:00" and data["user"]["consent_at"]
    assert [c["score"] for c in data["checkins"]] == [3, 8]
    assert data["checkins"][0]["note"] == SECRET_A
    assert len(data["escalations"]) == 2 and data["escalations"][0]["excerpt"] == SECRET_A
    assert {a["actor"] for a in data["audit_log"]} == {"bot", "staff"}  # no staff names
    assert {n["kind"] for n in data["notifications"]} == {
        "escalation_opened",
        "escalation_updated",
        "reminder",
        "care_reminder",
    }
    [ibrance] = data["care_reminders"]
    assert (ibrance["label"], ibrance["time_of_day"], ibrance["pattern"]) == ("Ibrance", "09:00", "daily")
    assert [o["status"] for o in ibrance["occurrences"]] == ["not_sent", "not_sent", "sent"]
    assert export_user(session, make_key("nobody"))["user"] is None


def test_delete_user_data_erases_one_person_only(session, make_key, tracker_url):
    key_a, key_b = make_key("a"), make_key("b")
    _populate(session, key_a, SECRET_A)
    _populate(session, key_b, SECRET_B)
    user_a = get_user(session, key_a)
    sent = _rows(session, Outbox, user_id=user_a.id, kind="reminder")[0]
    sent.sent_at = T0 + timedelta(hours=1)  # a delivered reminder stays, without the key
    esc_ids = [e.id for e in _rows(session, Escalation, user_id=user_a.id)]

    report = delete_user_data(session, key_a, tracker_db_url=tracker_url, sender_ids=["sender-a"])
    session.commit()
    session.expire_all()

    # Person A: content gone everywhere.
    assert _rows(session, Checkin, user_id=user_a.id) == []
    assert _rows(session, CareReminder, user_id=user_a.id) == []
    assert _rows(session, ReminderOccurrence, user_id=user_a.id) == []
    assert report.other_rows_deleted["care_reminders"] == 1
    assert report.other_rows_deleted["reminder_occurrences"] == 3
    text = _everything_as_text(session)
    assert SECRET_A not in text and key_a not in text
    assert get_user(session, key_a) is None
    kept = _rows(session, Escalation, user_id=user_a.id)
    assert [e.id for e in kept] == esc_ids  # rows stay: id, reason, status, times
    assert all(e.excerpt is None and e.resolution_note is None for e in kept)
    assert kept[0].status == "resolved" and kept[0].reason == "crisis"
    row = session.get(User, user_a.id)
    assert (row.role, row.region, row.consent_at, row.reminder_time) == (None, None, None, None)
    assert row.deleted_at is not None
    assert all("excerpt" not in o.payload for o in _rows(session, Outbox, user_id=user_a.id))
    [reminder] = _rows(session, Outbox, user_id=user_a.id, kind="reminder")
    assert reminder.dedupe_key is None and reminder.payload.get("redacted") is True
    [audit] = _rows(session, AuditLog, action="user_data_deleted")
    assert audit.user_id == user_a.id and SECRET_A not in (audit.detail or "")
    assert audit.detail_dict["checkins_deleted"] == 2

    engine = create_engine(tracker_url, poolclass=NullPool)
    with engine.connect() as conn:
        senders = conn.exec_driver_sql("SELECT sender_id FROM events").scalars().all()
    engine.dispose()
    assert senders == ["sender-b"]

    # Person B: untouched.
    user_b = get_user(session, key_b)
    assert len(_rows(session, Checkin, user_id=user_b.id)) == 2
    assert SECRET_B in text and user_b.reminder_time == "09:00"
    assert len(_rows(session, ReminderOccurrence, user_id=user_b.id)) == 3
    assert all(e.excerpt == SECRET_B for e in _rows(session, Escalation, user_id=user_b.id))

    # The report, in plain language.
    assert (report.found, report.checkins_deleted, report.escalations_redacted) == (True, 2, 2)
    assert (report.tracker_status, report.tracker_events_deleted) == ("deleted", 2)
    message = report.as_message()
    assert "2 mood check-ins" in message and "conversation history" in message
    assert any("kept 2 safety records" in s for s in report.kept)
    assert report.sentences() == report.deleted + report.kept

    # Coming back later starts afresh.
    again = get_or_create_user(session, key_a, "telegram")
    assert again.id != user_a.id and export_user(session, key_a)["checkins"] == []


def test_delete_tolerates_missing_tracker(session, make_key, tmp_path):
    key = make_key("c")
    _populate(session, key, SECRET_A)
    missing = tmp_path / "no-tracker.db"
    report = delete_user_data(session, key, tracker_db_url=f"sqlite:///{missing}", sender_ids=["sender-c"])
    assert report.tracker_status == "no_tracker_table" and not missing.exists()
    empty = tmp_path / "empty.db"
    create_engine(f"sqlite:///{empty}").connect().close()
    report = delete_user_data(session, make_key("d"), tracker_db_url=f"sqlite:///{empty}", sender_ids=["sender-d"])
    assert report.tracker_status == "no_tracker_table" and not report.found
    assert any("no mood check-ins" in s for s in report.deleted)


def test_tracker_only_pass(session, tracker_url):
    report = delete_user_data(session, None, tracker_db_url=tracker_url, sender_ids=["sender-b"])
    session.commit()
    assert (report.tracker_status, report.tracker_events_deleted) == ("deleted", 1)
    assert session.execute(select(func.count()).select_from(AuditLog)).scalar_one() == 1


# --- records still in the local spool (saved while the database was down) ----------------

DOWN_URL = "postgresql://companion@127.0.0.1:1/x"  # nothing listens on port 1


def _spool_person(settings, key, tag, at):
    """As the services do with the database down: a check-in, an escalation and the
    safety backstop's copy of the same crisis message; plus a check-in in rejected/."""
    down = dataclasses.replace(settings, database_url=DOWN_URL)
    assert (
        checkins.record_or_spool(
            down,
            user_key=key,
            channel="telegram",
            score=9,
            mood_word=f"hopeless{tag}",
            note=f"spooled note {tag}",
            at=at,
        )
        is None
    )
    assert (
        escalations.record_or_spool(
            down,
            user_key=key,
            channel="telegram",
            severity="critical",
            reason="crisis",
            excerpt=f"crisis words {tag}",
            now=at,
            conversation_id=f"sender-{tag}",
        )
        is None
    )
    backstop.backstop_spool(settings).append(
        backstop.KIND,
        {
            "user_key": key,
            "channel": "telegram",
            "reason": "crisis",
            "severity": "critical",
            "excerpt": f"crisis words {tag}",
            "at": at.isoformat(),
            "conversation_id": f"sender-{tag}",
        },
    )
    checkins.record_or_spool(down, user_key=key, channel="telegram", score=3, note=f"rejected note {tag}", at=at)
    [newest] = [e.path for e in checkins.spool_for(settings).pending() if e.record["note"] == f"rejected note {tag}"]
    (newest.parent / "rejected").mkdir(exist_ok=True)
    os.rename(newest, newest.parent / "rejected" / newest.name)  # as a SpoolReject would


def _spool_text(settings) -> str:
    return "\n".join(p.read_text() for p in settings.spool_dir.rglob("*") if p.is_file())


def _drain_all(settings):
    """In the scheduler's order (bot.scheduler.spools)."""
    return (escalations.drain_spool(settings), checkins.drain_spool(settings), backstop.replay_backstop(settings))


def test_delete_purges_spooled_records_before_they_are_replayed(session, settings, make_key):
    key_a, key_b = make_key("a"), make_key("b")
    at = datetime.now(timezone.utc) - timedelta(minutes=5)
    get_or_create_user(session, key_a, "telegram", role="patient")  # the DB is back up
    record_checkin(session, user_key=key_a, channel="telegram", score=2, note="stored note a")
    session.commit()
    _spool_person(settings, key_a, "a", at)
    _spool_person(settings, key_b, "b", at)
    user_a = get_user(session, key_a)

    report = delete_user_data(session, key_a, spool_dir=settings.spool_dir)
    session.commit()

    assert (report.checkins_deleted, report.spooled_checkins_deleted) == (1, 2)  # + rejected/
    assert (report.spooled_escalations_redacted, report.spooled_backstop_redacted) == (1, 1)
    assert report.spooled_in_flight == 0
    message = report.as_message()
    assert "I also removed 2 check-ins that were waiting to be saved." in message
    assert "removed your words from alerts to the care team" in message
    assert any("will still reach the care team" in s for s in report.kept)
    [audit] = _rows(session, AuditLog, action="user_data_deleted")
    assert audit.detail_dict["spooled"] == {
        "checkins_deleted": 2,
        "escalations_redacted": 1,
        "backstop_redacted": 1,
        "in_flight": 0,
    }
    on_disk = _spool_text(settings)
    for gone in ("spooled note a", "rejected note a", "hopelessa", "crisis words a", "sender-a", key_a):
        assert gone not in on_disk
    for kept in ("spooled note b", "rejected note b", "hopelessb", "crisis words b", "sender-b", key_b):
        assert kept in on_disk

    session.rollback()  # end the read transaction: see what the drainers commit
    assert _drain_all(settings) == (2, 1, 2)  # both backstop copies: already recorded
    text = _everything_as_text(session)
    for gone in ("note a", "hopelessa", "crisis words a", "sender-a", key_a):
        assert gone not in text
    assert get_user(session, key_a) is None
    assert _rows(session, Checkin, user_id=user_a.id) == []
    # A's crisis still reached staff, as a redacted stored escalation looks: no words, on
    # the unlinked (deleted) user row.
    [esc_a] = _rows(session, Escalation, user_id=user_a.id)
    assert (esc_a.reason, esc_a.severity, esc_a.status) == ("crisis", "critical", "open")
    assert esc_a.excerpt is None and esc_a.created_at == at
    row_a = session.get(User, user_a.id)
    assert row_a.deleted_at is not None and row_a.conversation_id is None
    [opened] = [o for o in _rows(session, Outbox, kind="escalation_opened") if o.payload["escalation_id"] == esc_a.id]
    assert opened.payload["excerpt"] is None
    # B: everything intact.
    user_b = get_user(session, key_b)
    assert [(c.note, c.mood_word) for c in _rows(session, Checkin, user_id=user_b.id)] == [
        ("spooled note b", "hopelessb")
    ]
    assert [e.excerpt for e in _rows(session, Escalation, user_id=user_b.id)] == ["crisis words b"]
    assert user_b.conversation_id == "sender-b"
    assert "rejected note b" in _spool_text(settings)


def test_spooled_only_person_and_a_record_held_by_a_drainer(session, settings, make_key, monkeypatch):
    monkeypatch.setattr(privacy, "SPOOL_PURGE_PAUSE_S", 0.01)
    key = make_key("c")
    down = dataclasses.replace(settings, database_url=DOWN_URL)
    for note in ("first", "second"):
        checkins.record_or_spool(down, user_key=key, channel="widget", score=4, note=note)
    first = checkins.spool_for(settings).pending()[0].path
    claimed = first.with_name(first.name + ".claimed-999-live")
    os.rename(first, claimed)  # a drainer is replaying it right now (and keeps failing)
    before = claimed.read_bytes()

    report = delete_user_data(session, key, spool_dir=settings.spool_dir)
    assert not report.found and report.spooled_checkins_deleted == 1
    assert report.spooled_in_flight == 1 and claimed.read_bytes() == before
    assert "I also removed 1 check-in that was waiting to be saved." in report.deleted
    assert any("ask me again in a few minutes" in s for s in report.deleted)
    session.rollback()

    os.rename(claimed, first)  # the drainer gave it back; asking again removes it
    report = delete_user_data(session, key, spool_dir=settings.spool_dir)
    session.commit()
    assert (report.spooled_checkins_deleted, report.spooled_in_flight) == (1, 0)
    assert not any("ask me again" in s for s in report.sentences())
    assert checkins.drain_spool(settings) == 0 and "first" not in _spool_text(settings)


def test_delete_without_spool_dir_leaves_the_spool_alone(session, settings, make_key):
    _spool_person(settings, make_key("d"), "d", datetime.now(timezone.utc))
    report = delete_user_data(session, make_key("d"))
    assert report.spooled_checkins_deleted == 0 and "spooled note d" in _spool_text(settings)
    assert not any("waiting to be saved" in s for s in report.sentences())
