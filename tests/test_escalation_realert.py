"""Re-alerts for unacknowledged escalations (issue 19 item 3), service level, both databases."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from bot.db.models import AuditLog, Outbox
from bot.escalation.realert import RealertConfig, enqueue_realerts
from bot.escalation.service import open_escalation, severity_for, transition
from bot.support_hours import load_support_hours

SUNDAY = datetime(2026, 3, 1, 3, 0, tzinfo=timezone.utc)  # 3 a.m. on a Sunday
MONDAY = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.utc)  # in hours
CONFIG = RealertConfig(minutes={"critical": 10, "high": 60})
HOURS = load_support_hours(
    {"SUPPORT_HOURS_TZ": "UTC", "SUPPORT_HOURS": "Mon-Fri 09:00-17:00", "ONCALL_TELEGRAM_CHAT_ID": "-4242"}
)
NO_ONCALL = load_support_hours({"SUPPORT_HOURS_TZ": "UTC", "SUPPORT_HOURS": "Mon-Fri 09:00-17:00"})


def _open(session, key, reason="crisis", now=SUNDAY, severity=None):
    esc, _ = open_escalation(
        session,
        user_key=key,
        channel="telegram",
        severity=severity or severity_for(reason),
        reason=reason,
        excerpt="x",
        now=now,
        dedup_minutes=30,
    )
    session.commit()
    return esc


def _realerts(session):
    rows = session.execute(select(Outbox).where(Outbox.kind == "escalation_updated").order_by(Outbox.id)).scalars()
    return [r for r in rows if r.payload.get("change") == "realert"]


def _run(session, now, hours=HOURS):
    n = enqueue_realerts(session, now, config=CONFIG, hours=hours)
    session.commit()
    return n


def test_critical_realerted_each_interval_to_staff_and_oncall_out_of_hours(session, make_key):
    esc = _open(session, make_key(1))
    assert _run(session, SUNDAY + timedelta(minutes=9, seconds=59)) == 0
    assert _run(session, SUNDAY + timedelta(minutes=10)) == 1
    # the scheduler runs every minute: the same interval is never queued twice
    for second in range(0, 540, 60):
        assert _run(session, SUNDAY + timedelta(minutes=10, seconds=second)) == 0
    assert _run(session, SUNDAY + timedelta(minutes=20, seconds=5)) == 1

    rows = _realerts(session)
    assert [(r.payload["target"], r.payload["realert"], r.payload["in_hours"]) for r in rows] == [
        ("staff", 1, False),
        ("oncall", 1, False),
        ("staff", 2, False),
        ("oncall", 2, False),
    ]
    assert rows[2].payload["unacknowledged_minutes"] == 20
    assert all(r.payload["escalation_id"] == esc.id and r.user_id == esc.user_id for r in rows)
    audits = session.execute(select(AuditLog).where(AuditLog.action == "escalation_realerted")).scalars().all()
    assert [(a.actor, a.escalation_id, a.detail_dict["realert"], a.detail_dict["oncall"]) for a in audits] == [
        ("system", esc.id, 1, True),
        ("system", esc.id, 2, True),
    ]


def test_in_hours_only_staff_and_high_uses_its_own_interval(session, make_key):
    critical = _open(session, make_key(2), now=MONDAY)
    high = _open(session, make_key(3), reason="distress_score", severity="high", now=MONDAY)
    medium = _open(session, make_key(4), reason="request_human", now=MONDAY)
    assert _run(session, MONDAY + timedelta(minutes=30)) == 1  # critical only
    assert _run(session, MONDAY + timedelta(minutes=60)) == 2  # critical slot 6, high slot 1
    rows = _realerts(session)
    assert {r.payload["target"] for r in rows} == {"staff"}
    assert [(r.payload["escalation_id"], r.payload["realert"]) for r in rows] == [
        (critical.id, 3),
        (critical.id, 6),
        (high.id, 1),
    ]
    assert medium.id not in {r.payload["escalation_id"] for r in rows}


def test_acknowledge_stops_realerts(session, make_key):
    esc = _open(session, make_key(5))
    assert _run(session, SUNDAY + timedelta(minutes=11)) == 1
    transition(session, esc.id, status="acknowledged", actor="staff:alice", now=SUNDAY + timedelta(minutes=12))
    session.commit()
    for minutes in (21, 31, 300):
        assert _run(session, SUNDAY + timedelta(minutes=minutes)) == 0
    assert len(_realerts(session)) == 2  # slot 1, staff + on-call


def test_no_storm_after_an_outage_and_backlog_superseded(session, make_key):
    esc = _open(session, make_key(6))
    assert _run(session, SUNDAY + timedelta(minutes=10), hours=NO_ONCALL) == 1
    # scheduler and notifier down for 3 hours: one re-alert for the current interval only,
    # and the unsent one from before the outage is closed as superseded
    assert _run(session, SUNDAY + timedelta(hours=3, minutes=1), hours=NO_ONCALL) == 1
    first, latest = _realerts(session)
    assert (first.payload["realert"], latest.payload["realert"]) == (1, 18)
    assert first.sent_at is not None and first.last_error == "superseded by re-alert 18 (not sent)"
    assert latest.sent_at is None and latest.payload["target"] == "staff"
    assert esc.id == latest.payload["escalation_id"]


@pytest.mark.parametrize("value", ["0", "-5", "ten", "nan", "inf", "99999999"])
def test_bad_settings_are_refused_with_the_variable_named(value):
    with pytest.raises(ValueError, match="ESCALATION_REALERT_CRITICAL_MINUTES"):
        RealertConfig.from_env({"ESCALATION_REALERT_CRITICAL_MINUTES": value})


def test_settings_defaults_and_fractions():
    assert RealertConfig.from_env({}).minutes == {"critical": 10.0, "high": 60.0}
    assert RealertConfig.from_env({"ESCALATION_REALERT_HIGH_MINUTES": "0.5"}).minutes["high"] == 0.5
