"""Migration 0007 (escalations.reasons): existing escalations get ``[reason]``."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa
from alembic import command

from bot.db.session import alembic_config, dispose_engines, make_engine, upgrade

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'm.db'}"
    return request.getfixturevalue("fresh_pg_database")()


def test_existing_rows_get_their_reason_as_the_list(empty_url):
    upgrade(empty_url, "0006")
    engine = make_engine(empty_url)
    users = sa.table(
        "users",
        sa.column("id"),
        sa.column("user_key"),
        sa.column("channel"),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    cols = ("id", "user_id", "severity", "reason", "status", "channel", "occurrences")
    escalations = sa.table(
        "escalations",
        *[sa.column(c) for c in cols],
        *[sa.column(c, sa.DateTime(timezone=True)) for c in ("created_at", "updated_at", "last_seen_at")],
    )
    rows = [
        (1, "crisis", "critical"),
        (2, "urgent_symptom", "critical"),
        (3, "missed_doses", "low"),
        (4, "request_human", "medium"),
    ]
    try:
        with engine.begin() as conn:
            conn.execute(users.insert().values(id=1, user_key="k" * 64, channel="telegram", created_at=T0))
            for esc_id, reason, severity in rows:
                conn.execute(
                    escalations.insert().values(
                        id=esc_id,
                        user_id=1,
                        severity=severity,
                        reason=reason,
                        status="open",
                        channel="telegram",
                        occurrences=1,
                        created_at=T0,
                        updated_at=T0,
                        last_seen_at=T0,
                    )
                )
        upgrade(empty_url)
        with engine.connect() as conn:
            got = conn.execute(sa.text("SELECT id, reasons FROM escalations ORDER BY id")).all()
        decoded = {i: (r if isinstance(r, list) else json.loads(r)) for i, r in got}
        assert decoded == {esc_id: [reason] for esc_id, reason, _ in rows}

        command.downgrade(alembic_config(empty_url), "0006")
        with engine.connect() as conn:
            assert "reasons" not in {c["name"] for c in sa.inspect(conn).get_columns("escalations")}
            assert conn.execute(sa.text("SELECT count(*) FROM escalations")).scalar() == 4
        upgrade(empty_url)
    finally:
        engine.dispose()
        dispose_engines(empty_url)
