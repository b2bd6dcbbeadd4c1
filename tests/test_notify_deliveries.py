"""stuck_deliveries: the outbox rows that are not getting through (console view, issue 19)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.db import outbox
from bot.db.models import Outbox
from bot.db.types import utcnow
from bot.notify.deliveries import stuck_deliveries


def _row(session, kind, payload, *, age_minutes, attempts=0, last_error=None, sent=False, key=None):
    now = utcnow()
    row = outbox.enqueue(session, kind, payload, dedupe_key=key, now=now - timedelta(minutes=age_minutes))
    row.attempts, row.last_error = attempts, last_error
    if sent:
        row.sent_at = now
    session.flush()
    return row.id


def test_only_old_unsent_rows_oldest_first_with_their_error(session):
    old_failing = _row(
        session,
        "escalation_updated",
        {"escalation_id": 7},
        age_minutes=30,
        attempts=4,
        last_error="AttributeError: 'NoneType' object has no attribute 'copy'",
        key="a",
    )
    parked = _row(
        session,
        "staff_message",
        {"text": "hi"},
        age_minutes=10,
        attempts=8,
        last_error="gave up: no Telegram address on file",
        key="b",
    )
    _row(session, "escalation_opened", {"escalation_id": 8}, age_minutes=2, key="c")  # too recent
    _row(session, "escalation_opened", {"escalation_id": 9}, age_minutes=60, sent=True, key="d")  # sent
    session.commit()

    stuck = stuck_deliveries(session, older_than_minutes=5)
    assert [s.id for s in stuck] == [old_failing, parked]
    first, second = stuck
    assert (first.kind, first.attempts, first.escalation_id, first.parked) == ("escalation_updated", 4, 7, False)
    assert "NoneType" in first.last_error and first.created_at < utcnow() - timedelta(minutes=29)
    assert (second.kind, second.escalation_id, second.parked) == ("staff_message", None, True)

    assert [s.id for s in stuck_deliveries(session, older_than_minutes=20)] == [old_failing]
    assert len(stuck_deliveries(session, older_than_minutes=1)) == 3


def test_negative_threshold_refused(session):
    with pytest.raises(ValueError):
        stuck_deliveries(session, older_than_minutes=-1)


def test_nothing_stuck_on_an_empty_outbox(session):
    assert stuck_deliveries(session) == []
    assert session.execute(select(func.count()).select_from(Outbox)).scalar() == 0
