"""Schema: migrations from empty on both backends, constraints, UTC timestamps, users."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import insert, inspect, select
from sqlalchemy.exc import IntegrityError, StatementError

from bot.db import outbox
from bot.db.audit import record_audit
from bot.db.models import AuditLog, Checkin, Escalation, Outbox, User
from bot.db.registry import load_all_models
from bot.db.session import alembic_config, make_engine, session_scope, upgrade
from bot.users import (
    get_or_create_user,
    record_consent,
    set_handoff,
    set_region,
    set_role,
)

TABLES = {"users", "checkins", "escalations", "staff", "audit_log", "outbox"}


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request, tmp_path):
    """A database with nothing in it, not even the alembic version table."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'sub' / 'dir' / 'empty.db'}"
    return request.getfixturevalue("fresh_pg_database")()


def test_migrations_up_from_empty(empty_url):
    upgrade(empty_url)
    upgrade(empty_url)  # idempotent
    engine = make_engine(empty_url)
    try:
        with engine.connect() as conn:
            assert TABLES <= set(inspect(conn).get_table_names())
            head = ScriptDirectory.from_config(alembic_config(empty_url)).get_current_head()
            assert MigrationContext.configure(conn).get_current_revision() == head
            # The migration and the models describe the same schema.
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), load_all_models())
            assert diff == []
        command.downgrade(alembic_config(empty_url), "base")
        with engine.connect() as conn:
            assert not TABLES & set(inspect(conn).get_table_names())
        upgrade(empty_url)
        with engine.connect() as conn:
            assert TABLES <= set(inspect(conn).get_table_names())
    finally:
        engine.dispose()


def test_sqlite_pragmas(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'p.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    engine.dispose()


def _user(session, key="a" * 64):
    user = get_or_create_user(session, key, "telegram")
    session.commit()
    return user


@pytest.mark.parametrize("score", [11, -1])
def test_score_check_rejected_by_database(session, score):
    user = _user(session)
    with pytest.raises(IntegrityError):
        session.execute(
            insert(Checkin).values(user_id=user.id, score=score, source="form", created_at=datetime.now(timezone.utc))
        )
        session.flush()
    session.rollback()
    session.add(Checkin(user_id=user.id, score=10, source="form"))
    session.commit()
    assert session.execute(select(Checkin.score)).scalars().all() == [10]


@pytest.mark.parametrize(
    "values",
    [
        {"severity": "extreme"},
        {"reason": "bored"},
        {"status": "closed"},
        {"occurrences": 0},
    ],
)
def test_escalation_value_checks(session, values):
    user = _user(session)
    row = dict(user_id=user.id, severity="high", reason="crisis", status="open", channel="telegram", occurrences=1)
    row.update(values)
    with pytest.raises(IntegrityError):
        session.add(Escalation(**row))
        session.flush()
    session.rollback()


def test_other_checks_and_foreign_keys(session):
    user = _user(session)
    for bad in (
        Checkin(user_id=user.id, score=5, source="telepathy"),
        Checkin(user_id=999_999, score=5, source="form"),  # no such user
        User(user_key="b" * 64, channel="telegram", role="doctor"),
        User(user_key="a" * 64, channel="telegram"),  # duplicate key
        Outbox(kind="fax", payload={}),
    ):
        with pytest.raises(IntegrityError):
            session.add(bad)
            session.flush()
        session.rollback()


def test_timestamps_are_aware_utc(session):
    user = _user(session)
    sydney = timezone(timedelta(hours=11))
    at = datetime(2026, 1, 15, 9, 30, tzinfo=sydney)
    session.add(Checkin(user_id=user.id, score=3, source="form", created_at=at))
    session.commit()
    session.expire_all()
    stored = session.execute(select(Checkin)).scalar_one()
    assert stored.created_at == at
    assert stored.created_at.utcoffset() == timedelta(0)
    assert stored.created_at.hour == 22
    assert session.get(User, user.id).created_at.tzinfo is not None
    with pytest.raises(StatementError, match="naive datetime"):
        session.add(Checkin(user_id=user.id, score=3, source="form", created_at=datetime(2026, 1, 1, 12, 0)))
        session.flush()
    session.rollback()


def test_session_scope_commits_and_rolls_back(db_url):
    with session_scope(db_url) as s:
        get_or_create_user(s, "c" * 64, "widget")
    with pytest.raises(RuntimeError):
        with session_scope(db_url) as s:
            get_or_create_user(s, "d" * 64, "widget")
            raise RuntimeError("boom")
    with session_scope(db_url) as s:
        assert s.execute(select(User.user_key)).scalars().all() == ["c" * 64]


def test_user_helpers(session):
    user = get_or_create_user(session, "e" * 64, "telegram", role="caregiver", region="uk")
    assert (user.role, user.region, user.timezone, user.handoff_active) == ("caregiver", "UK", "UTC", False)
    again = get_or_create_user(session, "e" * 64, "telegram", role="patient", region="US")
    assert again.id == user.id and again.role == "caregiver"  # fills only empty fields
    set_role(session, "e" * 64, "patient")
    set_region(session, "e" * 64, "ca")
    record_consent(session, "e" * 64)
    set_handoff(session, "e" * 64, True, actor="staff:alice")
    set_handoff(session, "e" * 64, True, actor="staff:alice")  # no second audit row
    session.commit()
    assert (user.role, user.region, user.handoff_active) == ("patient", "CA", True)
    assert user.consent_at is not None
    actions = session.execute(select(AuditLog.action).order_by(AuditLog.id)).scalars().all()
    assert actions == ["consent_recorded", "handoff_started"]
    for call in (
        lambda: set_role(session, "e" * 64, "nurse"),
        lambda: set_region(session, "e" * 64, "Narnia"),
        lambda: get_or_create_user(session, "raw-telegram-id-42", "telegram"),
    ):
        with pytest.raises(ValueError):
            call()
    with pytest.raises(LookupError):
        set_role(session, "f" * 64, "patient")


def test_audit_detail_refuses_content(session):
    with pytest.raises(ValueError):
        record_audit(session, actor="bot", action="x", detail={"excerpt": "I feel awful"})
    row = record_audit(session, actor="bot", action="x", detail={"count": 2})
    session.commit()
    assert row.detail_dict == {"count": 2}


def test_outbox_dedupe_key(session):
    first = outbox.enqueue(session, "reminder", {"a": 1}, dedupe_key="k1")
    second = outbox.enqueue(session, "reminder", {"a": 2}, dedupe_key="k1")
    session.commit()
    assert first is not None and second is None
    rows = session.execute(select(Outbox)).scalars().all()
    assert len(rows) == 1 and rows[0].payload == {"a": 1} and rows[0].attempts == 0
    assert rows[0].sent_at is None and rows[0].next_attempt_at is not None
